package html_test

import (
	"strings"
	"testing"
)

// TestLangFromText: TYPO3 up to 8 writes <html lang="en"> unless the site
// sets its language key, so an old German site calls every page English.
// A page whose text plainly is German is exported as "de", with a
// lang-mismatch warning naming both; a page without a language gets its
// text's; a page too short to tell, or in another language, keeps what it
// says.
func TestLangFromText(t *testing.T) {
	german := `<p>Das Landesamt für Umwelt hat den Bericht über die Wasserqualität der Seen vorgelegt. Die Werte sind in den meisten Seen gut, an einigen Stellen wird aber zu viel Nitrat gemessen.</p>
<p>Der Bericht ist auf der Internetseite des Amtes abrufbar und wird auch in den Gemeinden ausgelegt. Für Fragen steht die Pressestelle mit den Fachleuten zur Verfügung, die auch bei der Auswertung der Daten geholfen haben.</p>
<p>Im nächsten Jahr soll die Messung auf weitere Gewässer ausgedehnt werden, die bisher nicht untersucht wurden.</p>`
	page := func(lang, body string) string {
		return `<html` + lang + `><head><title>Bericht</title></head><body><div id="sprachwahl"><a href="/index.php?id=7&amp;L=0">Deutsch</a> <a href="/index.php?id=7&amp;L=1">English</a></div>
<main><h1>Wasserqualität der Seen</h1>` + body + `</main></body></html>`
	}
	for _, c := range []struct {
		name, lang, body, want string
		warn                   bool
	}{
		{"TYPO3's default key on a German page", ` lang="en"`, german, "de", true},
		{"no language", ``, german, "de", false},
		{"no valid tag", ` lang="lang="`, german, "de", false},
		{"German says German", ` lang="de-DE"`, german, "de-DE", false},
		{"too short to tell", ` lang="en"`, `<p>Der Bericht ist da.</p>`, "en", false},
		{"another language", ` lang="fr"`, german, "fr", false},
	} {
		d := parseFile(t, page(c.lang, c.body), "https://amt.example/presse/bericht")
		warned := false
		for _, w := range d.Warnings {
			if w.Code == "lang-mismatch" {
				warned = true
				if !strings.Contains(w.Message, `"en"`) || !strings.Contains(w.Message, "German") {
					t.Errorf("%s: warning %q names neither the page's tag nor the text's language", c.name, w.Message)
				}
			}
		}
		if d.Lang != c.want || warned != c.warn {
			t.Errorf("%s: lang %q, warning %v; want %q, %v", c.name, d.Lang, warned, c.want, c.warn)
		}
		for _, tr := range d.Translations {
			if strings.HasPrefix(d.Lang, tr.Lang) {
				t.Errorf("%s: a translation in the page's own language %q: %+v", c.name, d.Lang, tr)
			}
		}
	}
}

// TestLangFromTextKeepsTranslation: an English page of a site whose every
// page says lang="de" lists its German original among its hreflang
// alternates; read against the language the page said, that version was
// the page's own and left out.
func TestLangFromTextKeepsTranslation(t *testing.T) {
	en := strings.Repeat("The office is responsible for the protection of the coast and it has a long record of work with the people of the region. ", 3)
	page := `<html lang="de"><head><title>Coast</title>
<link rel="canonical" href="https://amt.example/en/coast">
<link rel="alternate" hreflang="de" href="https://amt.example/de/kueste">
<link rel="alternate" hreflang="en" href="https://amt.example/en/coast">
</head><body><main><h1>Coast</h1><p>` + en + `</p><p>` + en + `</p></main></body></html>`
	d := parseFile(t, page, "https://amt.example/en/coast")
	if d.Lang != "en" || len(d.Translations) != 1 || d.Translations[0].Lang != "de" || d.Translations[0].URL != "https://amt.example/de/kueste" {
		t.Errorf("lang %q, translations %+v; want en with the German version", d.Lang, d.Translations)
	}
}

// TestLangFromTextNotDutch: Dutch shares "is", "of" and "was" with
// English (and German "was" too); a Dutch page without a language tag
// was exported as English.
func TestLangFromTextNotDutch(t *testing.T) {
	nl := strings.Repeat("Het bureau is verantwoordelijk voor de bescherming van de kust. Dit is een taak die al lang bestaat, of het nu gaat om dijken of duinen. Het werk was altijd zwaar en het is nog steeds belangrijk. ", 4)
	d := parseFile(t, `<html><head><title>Kust</title></head><body><main><h1>Kust</h1><p>`+nl+`</p><p>`+nl+`</p></main></body></html>`, "https://amt.example/nl/kust")
	if d.Lang != "" {
		t.Errorf("a Dutch page without a tag: lang %q, want none", d.Lang)
	}
}
