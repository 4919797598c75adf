package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// familyArticle is a plain article page around body, dated in its
// metadata, for the look-alikes of the rules the CMS family pages needed.
func familyArticle(body string) string {
	return `<html lang="de"><head><title>Sommerfest im Stadtpark | Stadt Beispiel</title>
<meta property="article:published_time" content="2024-05-21T09:00:00+02:00"></head><body>
<header><nav><a href="/">Start</a> <a href="/aktuelles/">Aktuelles</a> <a href="/rathaus/">Rathaus</a></nav></header>
<main><article><h1>Sommerfest im Stadtpark</h1>
` + body + `
<p>Das Fest beginnt um 14 Uhr mit einem Konzert der Musikschule. Für Kinder gibt es eine Spielstraße und ein Puppentheater.</p>
<p>Der Eintritt ist frei. Bei Regen findet das Fest in der Stadthalle statt, der Beginn verschiebt sich dann um eine Stunde.</p>
</article></main><footer><a href="/impressum/">Impressum</a> <a href="/datenschutz/">Datenschutz</a></footer></body></html>`
}

// TestFamilyLookalikes: what the rules for WordPress, Plone and Neos
// markup leave alone. A date over an event's title is no byline; an
// editor's "---" between sections is no meta separator; a text hidden by
// `d-none` that a script may show is no label, however short, when it
// labels no links; a second link to a file with a title of its own is no
// download button. (A box with one link to a
// file and no button is a list of files: filelist_test.go.)
func TestFamilyLookalikes(t *testing.T) {
	for _, tc := range []struct {
		name, body, keep string
		typ              umzug.BlockType
	}{
		{"date over a title", `<p>21.05.2024 - Tag der offenen Tür</p>`, "Tag der offenen Tür", umzug.BlockText},
		{"date and two words of a title", `<p>Ein Nachmittag für alle Generationen im Stadtpark am Schlossteich.</p><p>21.05.2024 - Neue Regeln</p>`, "Neue Regeln", umzug.BlockText},
		{"an editor's rule", `<p>Programm am Nachmittag und am Abend für alle Generationen.</p><p>---</p><p>Anmeldung bis Freitag.</p>`, "---", umzug.BlockText},
		{"hidden prose", `<div class="d-none">Bei Unwetter informieren wir hier kurzfristig über eine Absage des Festes und den Ersatztermin im Juni.</div>`, "Bei Unwetter informieren wir hier", umzug.BlockText},
		{"hidden notice", `<p>Ein Nachmittag für alle Generationen im Stadtpark am Schlossteich.</p><div class="alert d-none" id="absage">Das Fest fällt wegen Unwetters aus.</div>`, "Das Fest fällt wegen Unwetters aus", umzug.BlockText},
		{"two titles of one file", `<p>Ein Nachmittag für alle Generationen im Stadtpark am Schlossteich.</p><div><a href="/files/festordnung.pdf">Festordnung</a> <a href="/files/festordnung.pdf">Änderung der Festordnung vom 12. März 2024</a></div>`, "Änderung der Festordnung vom 12. März 2024", umzug.BlockText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := parseFile(t, familyArticle(tc.body), "https://www.stadt-beispiel.example/aktuelles/sommerfest")
			var in *umzug.Block
			for i, b := range d.Blocks {
				if strings.Contains(b.PlainText(), tc.keep) {
					in = &d.Blocks[i]
					break
				}
			}
			if in == nil {
				t.Fatalf("%q in no block: %+v", tc.keep, d.Blocks)
			}
			if in.Type != tc.typ {
				t.Errorf("%q in a %s block; want %s", tc.keep, in.Type, tc.typ)
			}
		})
	}
}
