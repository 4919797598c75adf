package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

const galleryArticle = `<html><head><title>Saisonstart | Radsportportal</title></head><body>
<nav><a href="/">Start</a> <a href="/news">News</a></nav>
<main><div class="article-body">
<h1>Das neue Team stellt sich vor</h1>
<p>Mit zwei neuen Fahrern und einem neuen Sponsor geht das Team in die Saison. Die Vorbereitung begann im Dezember mit einem Trainingslager auf Mallorca.</p>
%s
<p>Der erste Einsatz ist die Rundfahrt im Februar, bei der beide Neuzugänge im Aufgebot stehen sollen.</p>
<p>Die Teamleitung rechnet mit einer Umstellungszeit, bis die Abläufe eingespielt sind.</p>
</div></main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>`

// TestEmptyGalleryHead: a headline right before a carousel that holds
// only its buttons (the slides come from a script) is the title of a
// gallery the export does not get, dropped as a control with the
// account; a headline before a gallery with its pictures, or with links
// to their files, stays, and so does the text after the empty gallery.
func TestEmptyGalleryHead(t *testing.T) {
	empty := `<h2 class="section-title">Bilder vom Trainingslager</h2><div class="media-gallery"><div class="carousel-wrap"><div role="button" class="btn-prev"><img src="/icons/left.svg" alt=""></div><div class="slides"></div><div role="button" class="btn-next"><img src="/icons/right.svg" alt=""></div></div></div>`
	d := parseFile(t, strings.Replace(galleryArticle, "%s", empty, 1), "https://radsport.example/news/team/")
	txt := allText(d)
	if strings.Contains(txt, "Bilder vom Trainingslager") {
		t.Errorf("the empty gallery's title is kept: %q", txt)
	}
	droppedAs(t, d, "Bilder vom Trainingslager", umzug.DropControl)
	if !strings.Contains(txt, "Der erste Einsatz ist die Rundfahrt") {
		t.Errorf("the text after the gallery is lost: %q", txt)
	}

	full := `<h2>Bilder vom Trainingslager</h2><div class="media-gallery"><figure><img src="/bilder/training-1.jpg" alt="Die Fahrer am Berg" width="800" height="600"></figure><figure><img src="/bilder/training-2.jpg" alt="Das Team beim Abendessen" width="800" height="600"></figure></div>`
	d = parseFile(t, strings.Replace(galleryArticle, "%s", full, 1), "https://radsport.example/news/team/")
	if !strings.Contains(allText(d), "Bilder vom Trainingslager") {
		t.Errorf("the title of a gallery with its pictures is dropped: %q", allText(d))
	}

	links := `<h2>Bilder vom Trainingslager</h2><div class="slider"><a class="lightbox" href="/bilder/training-1.jpg"></a><a class="lightbox" href="/bilder/training-2.jpg"></a></div>`
	d = parseFile(t, strings.Replace(galleryArticle, "%s", links, 1), "https://radsport.example/news/team/")
	if !strings.Contains(allText(d), "Bilder vom Trainingslager") {
		t.Errorf("the title of a slider that links its pictures' files is dropped: %q", allText(d))
	}
}

// TestGalleryTeaser: a box of a headline and a picture whose links all
// lead to one photo-gallery page elsewhere is a teaser, dropped as related
// with its picture; the same box whose picture links to its own file (a
// lightbox) is the article's picture and stays.
func TestGalleryTeaser(t *testing.T) {
	teaser := `<div class="photo-series"><hr><h2>Alle Trikots der neuen Saison</h2><div class="gallery"><a href="/fotos/galerien/trikots-2022/" title="Galerie"><img src="/bilder/trikot.jpg" alt="" width="620" height="413"></a><p class="desc"><a href="/fotos/galerien/trikots-2022/">Galerie</a></p></div></div>`
	d := parseFile(t, strings.Replace(galleryArticle, "%s", teaser, 1), "https://radsport.example/news/team/")
	if strings.Contains(allText(d), "Alle Trikots") {
		t.Errorf("the gallery teaser is kept: %q", allText(d))
	}
	droppedAs(t, d, "Alle Trikots", umzug.DropRelated)
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockImage {
			t.Errorf("the teaser's picture is kept: %+v", b.Image)
		}
	}
	if !strings.Contains(allText(d), "Mit zwei neuen Fahrern") || !strings.Contains(allText(d), "Der erste Einsatz") {
		t.Errorf("article text lost: %q", allText(d))
	}

	own := `<div class="photo-series"><h2>Alle Trikots der neuen Saison</h2><div class="gallery"><a href="/bilder/trikot-gross.jpg"><img src="/bilder/trikot.jpg" alt="Das Trikot" width="620" height="413"></a></div></div>`
	d = parseFile(t, strings.Replace(galleryArticle, "%s", own, 1), "https://radsport.example/news/team/")
	if !strings.Contains(allText(d), "Alle Trikots") {
		t.Errorf("a headline over the article's own picture is dropped: %q", allText(d))
	}
}
