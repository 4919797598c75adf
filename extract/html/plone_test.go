package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// plonePage is a document of Plone 4's main template: the content column
// between the two side columns of portlets, a navigation portlet and
// static text portlets with the office's address and a pointer to its
// data.
const plonePage = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Jahresbericht Grundwasser 2023 — Landesamt für Umwelt</title></head>
<body class="template-document_view portaltype-document site-de section-wasser">
<div id="visual-portal-wrapper">
<div id="portal-top" class="row"><div class="cell width-full position-0">
<div id="portal-header"><a id="portal-logo" href="/de">Landesamt für Umwelt</a>
<ul id="portal-globalnav"><li><a href="/de/wasser">Wasser</a></li><li><a href="/de/luft">Luft</a></li><li><a href="/de/boden">Boden</a></li></ul></div>
<div id="portal-breadcrumbs"><a href="/de">Startseite</a> / <a href="/de/wasser">Wasser</a> / Jahresbericht Grundwasser 2023</div>
</div></div>
<div id="portal-columns" class="row">
<div id="portal-column-content" class="cell width-1:2 position-1:4">
<div id="content">
<h1 id="parent-fieldname-title" class="documentFirstHeading">Jahresbericht Grundwasser 2023</h1>
<div id="parent-fieldname-description" class="documentDescription">Die Grundwasserstände lagen im Jahr 2023 an zwei Dritteln der Messstellen unter dem langjährigen Mittel.</div>
<div id="content-core"><div id="parent-fieldname-text">
<p>Das Landesamt misst die Grundwasserstände an 480 Messstellen im ganzen Land. Nach drei trockenen Jahren haben sich die Vorräte im Winter 2023 nur im Norden teilweise erholt, im Süden blieben sie weit unter dem Mittel der Jahre 1991 bis 2020.</p>
<p>Besonders niedrig waren die Stände in den Kiesgebieten der Flusstäler, wo viele Gemeinden ihr Trinkwasser gewinnen. Der Bericht nennt für jede Region die Messstellen mit den größten Abweichungen und vergleicht sie mit den Vorjahren.</p>
<p>Die Messreihen reichen an einigen Stellen bis in das Jahr 1913 zurück und sind damit eine der längsten Datensammlungen zum Grundwasser in Mitteleuropa.</p>
</div></div>
</div>
</div>
<div id="portal-column-one" class="cell width-1:4 position-0">
<div id="portletwrapper-6c6566742d6e6176" class="portletWrapper kssattr-portlethash-6c6566742d6e6176">
<dl class="portlet portletNavigationTree"><dt class="portletHeader"><a href="/de/wasser">Navigation</a></dt>
<dd class="portletItem"><ul class="navTree"><li><a href="/de/wasser/grundwasser">Grundwasser</a></li><li><a href="/de/wasser/seen">Seen</a></li><li><a href="/de/wasser/fluesse">Flüsse</a></li></ul></dd></dl>
</div>
<div id="portletwrapper-6c6566742d7374617469632d696d7072" class="portletWrapper kssattr-portlethash-6c6566742d7374617469632d696d7072">
<div id="traeger"><div>Das <span class="bold">Landesamt</span> ist eine<br>Fachbehörde des Umweltministeriums<br></div></div>
<div id="anschrift">© Landesamt für Umwelt<br>Seestraße 12, 70173 Stuttgart<br>Telefon: 0711 1234-0<br><a href="mailto:poststelle@lfu.example">E-Mail</a></div>
</div>
</div>
<div id="portal-column-two" class="cell width-1:4 position-3:4">
<div id="portletwrapper-7269676874" class="portletWrapper kssattr-portlethash-7269676874">
<div class="portletStaticText"><p>Messnetz Grundwasser: Karten und Daten aller Messstellen zum Herunterladen.</p></div>
</div>
</div>
</div>
<div id="portal-footer-wrapper" class="row"><div id="portal-footer"><p>Impressum · Datenschutz · Barrierefreiheit</p></div></div>
</div>
</body></html>
`

// TestPloneSideColumns checks that Plone's side columns are dropped as
// sidebar, static text portlets too (they are the site's, on every
// page), and that the content column stays.
func TestPloneSideColumns(t *testing.T) {
	d, all := extractText(t, plonePage, "https://lfu.example/de/wasser/jahresbericht-2023")
	for _, k := range []string{"480 Messstellen", "Kiesgebieten der Flusstäler", "bis in das Jahr 1913"} {
		if !strings.Contains(all, k) {
			t.Errorf("%q dropped; blocks:\n%s", k, all)
		}
	}
	acc := d.Provenance.Accounting
	if acc == nil {
		t.Fatal("no accounting")
	}
	for _, gone := range []string{"Seestraße 12", "Telefon: 0711"} {
		if strings.Contains(all, gone) {
			t.Errorf("%q kept; blocks:\n%s", gone, all)
		}
	}
	// The records' excerpts are cut: the columns' first texts.
	for _, gone := range []string{"Fachbehörde des Umweltministeriums", "Messnetz Grundwasser"} {
		if strings.Contains(all, gone) {
			t.Errorf("%q kept; blocks:\n%s", gone, all)
		}
		found := false
		for _, dr := range acc.Dropped {
			if strings.Contains(dr.Excerpt, gone) {
				found = true
				if dr.Reason != umzug.DropSidebar {
					t.Errorf("%q dropped as %q; want %q", gone, dr.Reason, umzug.DropSidebar)
				}
			}
		}
		if !found {
			t.Errorf("%q not in the dropped records", gone)
		}
	}
}
