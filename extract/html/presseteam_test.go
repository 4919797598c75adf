package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug/extract/html"
)

// TestPressTeamInSideColumn: a press release whose template puts its
// press officers in a side column inside the page's content wrapper, as
// tabs labelled "Presseteam" with a card per person (name, role, phone,
// e-mail; the label is the only press cue). The side column is dropped as
// sidebar, but its cards are the release's contacts, every one of them,
// and the accounting counts them as the contacts field.
func TestPressTeamInSideColumn(t *testing.T) {
	person := func(name, role, tel, mail string) string {
		return `<div class="list-item"><div class="list-item__content"><div class="card"><div class="card__person">
<div class="card__info"><div class="card__name">` + name + `</div><div class="card__position">` + role + `</div></div>
<div class="card__reach"><div title="Telefon"><span>Tel. ` + tel + `</span></div>
<div title="E-Mail"><a href="mailto:` + mail + `">` + mail + `</a></div></div></div></div></div></div>`
	}
	page := `<html><head><title>Verband wählt neue Präsidentin | Verband</title><meta property="article:published_time" content="2021-10-13"></head><body><div id="pagewrapper">
<header><nav><a href="/">Start</a> <a href="/presse">Presse</a></nav></header>
<div class="grid"><aside class="grid__column left"><nav><a href="/a">Hilfe</a> <a href="/b">Beratung</a></nav></aside>
<div class="grid__column main-col"><h1>Verband wählt neue Präsidentin</h1>
<p>` + strings.Repeat("Die Delegiertenversammlung hat am Mittwoch eine neue Präsidentin gewählt, die das Amt im November übernimmt. ", 5) + `</p>
<p>` + strings.Repeat("Sie war zuvor im Ministerium und im Vorstand einer Gewerkschaft tätig und kennt den Verband seit vielen Jahren. ", 5) + `</p></div>
<aside class="grid__column grid__column--md-2"><div class="tabs-wrapper"><ul class="nav nav-tabs"><li class="active"><a href="#t1" data-toggle="tab">Presseteam</a></li></ul>
<div class="tab-content"><div class="tab-pane fade active in" id="t1"><div class="border-box"><div class="">` +
		person("Maria Muster", "Pressesprecherin des Verbandes", "030 1234-743", "maria.muster@verband.example") +
		person("Anna Beispiel", "Stellvertretende Pressesprecherin", "030 1234-744", "anna.beispiel@verband.example") +
		`</div></div></div></div></div></aside></div>
<footer><a href="/impressum">Impressum</a></footer></div></body></html>`
	ex, err := html.NewParser().Explain(strings.NewReader(page), "https://www.verband.example/presse/pm/neue-praesidentin")
	if err != nil {
		t.Fatal(err)
	}
	d := ex.Document
	if d.PressRelease == nil {
		t.Fatalf("kind %s, want a press release", d.Kind)
	}
	var got []string
	for _, c := range d.PressRelease.Contacts {
		got = append(got, c.Name+" <"+c.Email+">")
	}
	for _, want := range []string{"Maria Muster <maria.muster@verband.example>", "Anna Beispiel <anna.beispiel@verband.example>"} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("contacts %q: %q missing", got, want)
		}
	}
	for _, r := range ex.Runs {
		if r.Category == "dropped" && strings.Contains(r.Text, "Anna Beispiel") {
			t.Errorf("the press team's card is dropped as %s, not the contacts field", r.Reason)
		}
	}
}
