package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug/extract/html"
)

// TestEmptyElementOnlyWhenEmpty: a content element whose only content
// extraction drops (a button to the list beside a news teaser list) is not
// empty on the page; the editor must not be told to fill it. An element
// with nothing visible still is.
func TestEmptyElementOnlyWhenEmpty(t *testing.T) {
	frame := func(uid, ctype, inner string) string {
		return `<div id="c` + uid + `" class="frame frame-default frame-type-` + ctype + ` frame-layout-default frame-background-none">` +
			`<div class="frame-container frame-container-default"><div class="frame-inner">` + inner + `</div></div></div>`
	}
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Startseite</title><meta name="generator" content="TYPO3 CMS"></head><body>
<header id="page-header"><nav><ul><li><a href="/themen/">Themen</a></li><li><a href="/presse/">Presse</a></li></ul></nav></header>
<main id="page-content"><!--TYPO3SEARCH_begin-->` +
		frame("21", "header", `<div class="frame-header"><h1 class="element-header"><span>Willkommen im Ministerium</span></h1></div>`) +
		frame("22", "text", `<div class="frame-header"><h2 class="element-header"><span>Über uns</span></h2></div><p>Das Ministerium ist für Umwelt, Klimaschutz und Energie zuständig. Rund 420 Beschäftigte arbeiten in Neustadt und in den nachgeordneten Behörden des Landes.</p>`) +
		frame("23", "news_pi1", `<div class="frame-header"><h2 class="element-header"><span>Aktuelle Pressemitteilungen</span></h2></div><div class="news"><div class="news-list-view">`+
			`<div class="article articletype-0"><div class="header"><h3><a href="/presse/detail/moorschutz/"><span itemprop="headline">Neues Moorschutzprogramm beschlossen</span></a></h3></div><div class="teaser-text"><div itemprop="description"><p>Das Land will ein Viertel seiner Moore wieder vernässen.</p></div><a class="more" href="/presse/detail/moorschutz/">Weiterlesen</a></div><div class="footer"><p><span class="news-list-date"><time datetime="2026-11-24T10:30:00+01:00">24.11.2026</time></span></p></div></div>`+
			`<div class="article articletype-0"><div class="header"><h3><a href="/presse/detail/waermeplanung/"><span itemprop="headline">Kommunale Wärmeplanung gestartet</span></a></h3></div><div class="teaser-text"><div itemprop="description"><p>112 Gemeinden erhalten Förderbescheide.</p></div><a class="more" href="/presse/detail/waermeplanung/">Weiterlesen</a></div><div class="footer"><p><span class="news-list-date"><time datetime="2026-11-27T10:30:00+01:00">27.11.2026</time></span></p></div></div>`+
			`</div></div>`) +
		frame("24", "text", `<p><a href="/presse/pressemitteilungen/" class="btn btn-primary">Alle Pressemitteilungen</a></p>`) +
		frame("25", "text", `<p>&nbsp;</p>`) +
		`<!--TYPO3SEARCH_end--></main>
<footer id="page-footer"><p>© 2026 Ministerium für Umwelt</p><ul><li><a href="/impressum/">Impressum</a></li></ul></footer>
</body></html>`
	ex, err := html.NewParser().Explain(strings.NewReader(page), "https://www.mue.example/")
	if err != nil {
		t.Fatal(err)
	}
	var empty []string
	for _, w := range ex.Document.Warnings {
		switch {
		case w.Code == "empty-element":
			empty = append(empty, w.BlockKey)
		case w.BlockKey == "c24" || strings.Contains(w.Message, "c24"):
			t.Errorf("warning %+v about c24; want none (its button was left out as chrome)", w)
		}
	}
	if strings.Join(empty, ",") != "c25" {
		t.Errorf("empty-element warnings on %q; want only c25 (c24 holds a link)", empty)
	}
}
