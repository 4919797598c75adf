package html_test

import (
	"strings"
	"testing"
)

// TestGalleryAboveArticleHead: a theme renders the article's photo series
// (pictures with captions, the steps of a how-to) as a slider above the
// article's head, outside the content column. The slider joins the
// content after the head, its related slide stays out; a carousel of
// linked stories in the same place is no gallery of the article.
func TestGalleryAboveArticleHead(t *testing.T) {
	slide := func(n, caption string) string {
		return `<div class="slide"><div class="img-wrap"><img src="/fotos/schritt-` + n + `.jpg" width="1200" height="800" alt=""><div class="slide-caption">` + caption + `</div></div></div>`
	}
	body := strings.Repeat(`<p>Für die Montage braucht man ein Felgenband, ein passendes Ventil und etwa hundert Milliliter Dichtmilch je Reifen, dazu eine gute Standpumpe.</p>
`, 8)
	page := func(stage string) string {
		return `<html><head><title>Reifen schlauchlos montieren | Radmagazin</title></head><body>
<header class="site-header"><nav><a href="/">Start</a> <a href="/werkstatt">Werkstatt</a> <a href="/tests">Tests</a></nav></header>
` + stage + `
<header class="entry-header"><h1>Reifen schlauchlos montieren</h1><p class="standfirst">Schritt für Schritt: So rüstet man seine Laufräder auf schlauchlose Reifen um.</p></header>
<div id="content">` + body + `</div>
<footer>Impressum · Datenschutz</footer></body></html>`
	}
	gallery := `<div class="photo-slider">` +
		slide("1", "Das Ventil wird ins vorbereitete Felgenbett gesetzt und handfest angezogen.") +
		slide("2", "Den Reifen zuletzt am Ventil aufziehen, dann geht es leichter.") +
		slide("3", "Die Dichtmilch vor dem Einfüllen gut schütteln.") +
		`<div class="slide"><div class="slider-related">Auch interessant <a href="/werkstatt/bremsen"><h4>Bremsen richtig entlüften</h4></a></div></div></div>`
	d, text := extractText(t, page(gallery), "https://www.radmagazin.example/werkstatt/schlauchlos")
	captions := map[string]bool{}
	for _, b := range d.Blocks {
		if b.Image != nil {
			captions[b.Image.Caption] = true
		}
	}
	for _, want := range []string{"Das Ventil wird ins vorbereitete Felgenbett gesetzt und handfest angezogen.", "Die Dichtmilch vor dem Einfüllen gut schütteln."} {
		if !captions[want] {
			t.Errorf("gallery picture with caption %q lost; text:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Bremsen richtig entlüften") {
		t.Errorf("the slider's related slide kept:\n%s", text)
	}
	if strings.Count(text, "Reifen schlauchlos montieren") > 0 && !strings.HasPrefix(strings.TrimSpace(text), "Schritt für Schritt") {
		t.Errorf("the head does not open the content (headline repeated or gallery first):\n%s", text)
	}

	carousel := `<div class="top-slider">` +
		`<div class="slide"><a href="/tests/helme"><h3>Zwölf Helme im Test</h3><p>Welcher Helm schützt am besten?</p></a></div>` +
		`<div class="slide"><a href="/touren/alpen"><h3>Die schönsten Alpentouren</h3><p>Vom Gardasee bis ins Wallis.</p></a></div></div>`
	_, text = extractText(t, page(carousel), "https://www.radmagazin.example/werkstatt/schlauchlos")
	if strings.Contains(text, "Zwölf Helme im Test") {
		t.Errorf("a carousel of other stories above the head kept:\n%s", text)
	}
}
