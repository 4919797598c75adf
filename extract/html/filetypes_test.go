package html_test

import (
	"strings"
	"testing"
)

// TestPictureFormatsAlike: a picture's file is a picture whatever its
// format: a text link to an AVIF picture is listed among the document's
// assets as a link to a JPEG one is, and a gallery box whose picture
// links to its own AVIF file (a lightbox) is the article's picture, not a
// teaser for another page.
func TestPictureFormatsAlike(t *testing.T) {
	page := `<html><head><title>Brücke | Stadt</title></head><body><main><article>
<h1>Neue Brücke eröffnet</h1>
<p>Die neue Brücke über den Fluss ist seit heute für den Verkehr freigegeben. Der Bau hat drei Jahre gedauert und wurde im Zeitplan fertig.</p>
<div class="photo-series"><h2>Die Brücke am Abend</h2><div class="gallery"><a href="/bilder/bruecke-gross.avif" title="Vergrößern"><img src="/bilder/bruecke.avif" alt="" width="620" height="413"></a></div></div>
<p>Weitere Bilder: <a href="/bilder/baustelle.avif">Baustelle im Winter</a> und <a href="/bilder/richtfest.jpg">Richtfest im Sommer</a>. Die Daten zum Bau: <a href="/daten/kosten.csv">Kosten (CSV)</a>.</p>
<p>Der Minister dankte allen Beteiligten für ihre Arbeit. Die Kosten lagen bei zwölf Millionen Euro und damit unter der Planung.</p>
</article></main></body></html>`
	d := parseFile(t, page, "https://www.stadt.example/aktuelles/bruecke/")
	kinds := map[string]string{}
	for _, a := range d.Assets {
		kinds[a.URL[strings.LastIndex(a.URL, "/")+1:]] = string(a.Kind) + " " + a.MimeType
	}
	if kinds["baustelle.avif"] == "" || kinds["richtfest.jpg"] == "" {
		t.Errorf("linked pictures among the assets: %v, want baustelle.avif and richtfest.jpg", kinds)
	} else if strings.Fields(kinds["baustelle.avif"])[0] != strings.Fields(kinds["richtfest.jpg"])[0] {
		t.Errorf("an AVIF picture is a %s, a JPEG one a %s", kinds["baustelle.avif"], kinds["richtfest.jpg"])
	}
	if !strings.HasPrefix(kinds["kosten.csv"], "file text/csv") {
		t.Errorf("the CSV file: %q, want a file of type text/csv", kinds["kosten.csv"])
	}
	if !strings.Contains(allText(d), "Die Brücke am Abend") {
		t.Errorf("the picture box that links its own file is dropped: %q", allText(d))
	}
}
