package html_test

import (
	"strings"
	"testing"
)

// portalNews is a news item on a portal that carries the news of many
// organisations: the date and the issuing organisation in one line over
// the headline, each in a span named for it.
const portalNews = `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Neue Legierung hält Wasserstoff dicht - Werkstoffportal</title></head>
<body>
<nav class="navbar"><ul><li><a href="/news/">News</a></li><li><a href="/firmen/">Firmen</a></li><li><a href="/forschung/">Forschungsinstitute</a></li></ul></nav>
<div class="main-container news news-detail">
<div class="row"><div class="col-sm-12 col-lg-9">
<div class="release-head">
<div class="release-line">
<span class="release-date">14.03.2025</span> -
<span class="release-organisation">Beispiel-Institut für Werkstoffe und Fügetechnik (BIWF)</span>
</div>
<h1 class="release-title">Neue Legierung hält Wasserstoff dicht</h1>
</div>
</div></div>
<div class="row"><div class="col-sm-12 col-lg-9">
<div class="release-text">
<p>Forschende des Instituts haben eine Stahllegierung entwickelt, durch die Wasserstoff auch bei hohem Druck kaum diffundiert. Leitungen und Tanks aus dem neuen Werkstoff könnten deutlich dünnwandiger gebaut werden als bisher.</p>
<p>In Versuchen über 2.000 Stunden verlor ein Probetank aus der Legierung weniger als ein Zehntel des Gases, das ein herkömmlicher Tank im selben Zeitraum abgibt. Die Ergebnisse sind in einer Fachzeitschrift erschienen.</p>
<p>Als Nächstes will das Team mit zwei Herstellern Rohre für ein Pilotnetz fertigen und unter realen Bedingungen testen.</p>
</div>
</div></div>
</div>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>
`

// TestIssuerNamedByClassIsPublisher checks that the organisation a
// portal names in the release's head, in an element whose class names it
// ("release-organisation"), is the release's publisher, and that its line
// (the date taken, a dash left) is no paragraph of the body.
func TestIssuerNamedByClassIsPublisher(t *testing.T) {
	d, all := extractText(t, portalNews, "https://werkstoffportal.example/news/4711/neue-legierung.html")
	const name = "Beispiel-Institut für Werkstoffe und Fügetechnik (BIWF)"
	if d.PressRelease == nil || d.PressRelease.Publisher == nil || d.PressRelease.Publisher.Name != name {
		t.Fatalf("publisher %+v; want %q", d.PressRelease, name)
	}
	if strings.Contains(all, "Fügetechnik") {
		t.Errorf("the publisher's line kept in the body:\n%s", all)
	}
	for _, k := range []string{"Stahllegierung entwickelt", "2.000 Stunden", "Pilotnetz"} {
		if !strings.Contains(all, k) {
			t.Errorf("%q dropped; blocks:\n%s", k, all)
		}
	}

	// A head named for the publisher around the headline: not a name.
	page := strings.Replace(portalNews, `<div class="release-head">`, `<div class="release-head publisher-head">`, 1)
	page = strings.Replace(page, `class="release-organisation"`, `class="news-source"`, 1)
	d, _ = extractText(t, page, "https://werkstoffportal.example/news/4711/neue-legierung.html")
	if d.PressRelease != nil && d.PressRelease.Publisher != nil && strings.Contains(d.PressRelease.Publisher.Name, "Legierung") {
		t.Errorf("the head around the headline read as the publisher %q", d.PressRelease.Publisher.Name)
	}
}
