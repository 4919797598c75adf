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
		return `<div class="entry"><div class="entry-body"><div class="card"><div class="person">
<div class="person-info"><div class="person-name">` + name + `</div><div class="person-role">` + role + `</div></div>
<div class="person-reach"><div title="Telefon"><span>Tel. ` + tel + `</span></div>
<div title="E-Mail"><a href="mailto:` + mail + `">` + mail + `</a></div></div></div></div></div></div>`
	}
	page := `<html><head><title>Beratungszentrum in der Altstadt eröffnet | Verein</title><meta property="article:published_time" content="2024-03-04"></head><body><div id="pagewrapper">
<header><nav><a href="/">Start</a> <a href="/presse">Presse</a></nav></header>
<div class="layout"><aside class="layout-col nav-col"><nav><a href="/a">Angebote</a> <a href="/b">Standorte</a></nav></aside>
<div class="layout-col text-col"><h1>Beratungszentrum in der Altstadt eröffnet</h1>
<p>` + strings.Repeat("Das neue Beratungszentrum in der Altstadt hat am Montag seine Türen geöffnet und berät ab sofort an fünf Tagen. ", 5) + `</p>
<p>` + strings.Repeat("Schuldner, Familien und Menschen ohne Wohnung finden dort unter einem Dach Hilfe, ohne Termin und kostenlos. ", 5) + `</p></div>
<aside class="layout-col side-col"><div class="tabs"><ul class="nav nav-tabs"><li class="active"><a href="#t1" data-toggle="tab">Presseteam</a></li></ul>
<div class="tab-content"><div class="tab-pane fade active in" id="t1"><div class="box"><div class="">` +
		person("Maria Muster", "Pressesprecherin des Vereins", "030 1234-743", "maria.muster@verein.example") +
		person("Anna Beispiel", "Stellvertretende Pressesprecherin", "030 1234-744", "anna.beispiel@verein.example") +
		`</div></div></div></div></div></aside></div>
<footer><a href="/impressum">Impressum</a></footer></div></body></html>`
	ex, err := html.NewParser().Explain(strings.NewReader(page), "https://www.verein.example/presse/pm/beratungszentrum")
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
	for _, want := range []string{"Maria Muster <maria.muster@verein.example>", "Anna Beispiel <anna.beispiel@verein.example>"} {
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
