package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// newsRecordWith is a TYPO3 tx_news detail view (a plugin content
// element) whose body column has side beside it, as Foundation templates
// lay it out.
func newsRecordWith(side string) string {
	return `<html><head><title>Neue Radwege | Stadtblatt</title></head><body>
<nav><a href="/">Start</a> <a href="/verkehr">Verkehr</a> <a href="/umwelt">Umwelt</a></nav>
<main><section id="c17" class="section frame-default frame-type-list"><section class="section news-single" itemscope itemtype="http://schema.org/Article">
<div class="row"><div class="small-12 columns"><h1 itemprop="headline">Neue Radwege in der Innenstadt</h1></div></div></section>
<section class="section"><div class="row"><div class="small-12 large-8 columns">
<div itemprop="datePublished" datetime="2022-02-04">04. Februar 2022</div>
<div class="article-text"><p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Anwohnerinnen und Anwohner werden vor Beginn jeder Bauphase schriftlich informiert.</p></div>
</div><div class="small-12 large-4 columns">` + side + `</div></div></section></section></main>
<footer>Impressum · Datenschutz</footer></body></html>`
}

// TestAuthorPictureBox checks that a short line beside the author's
// picture (an avatar named for the author, the line's own box named
// neutrally) is dropped as the author's byline, in an article and in a
// news plugin's template, and that a person's card with a headline or a
// paragraph stays.
func TestAuthorPictureBox(t *testing.T) {
	avatarBox := `<div class="box box--pinned"><div class="clearfix flex"><div class="small-4 columns author-avatar"><img src="/assets/img/redaktion.svg" alt=""></div>
<div class="small-8 columns box-lead"><div><span>Artikel</span> Redaktion Stadtblatt</div>
<div class="box-tools"><a href="mailto:redaktion@stadtblatt.example"><span>Kontakt</span></a> <a onclick="window.print();"><span>Drucken</span></a></div></div></div></div>`
	cases := []struct {
		name, page string
		gone       string // dropped as author
		kept       string
	}{
		{name: "beside an article", page: articleWith(avatarBox), gone: "Redaktion Stadtblatt"},
		{name: "in a news plugin's side column", page: newsRecordWith(avatarBox), gone: "Redaktion Stadtblatt"},
		{
			name: "a person's card with a headline stays",
			page: articleWith(`<div class="person"><div class="author-avatar"><img src="/team/beispiel.jpg" alt=""></div><h4>Anna Beispiel</h4><div>Leiterin Tiefbauamt</div></div>`),
			kept: "Anna Beispiel",
		},
		{
			name: "a quote beside its speaker's picture stays",
			page: articleWith(`<blockquote class="quote"><div class="quote-author-image"><img src="/team/beispiel.jpg" alt=""></div><div class="quote-text">„Die neuen Radwege machen unsere Stadt sicherer.“</div><cite class="quote-author">Anna Beispiel, Bürgermeisterin</cite></blockquote>`),
			kept: "Die neuen Radwege machen unsere Stadt sicherer",
		},
		{
			name: "a quote in a box beside its speaker's picture stays",
			page: articleWith(`<div class="box"><div class="author-image"><img src="/team/beispiel.jpg" alt=""></div><blockquote>„Endlich sicher zur Uni.“</blockquote></div>`),
			kept: "Endlich sicher zur Uni",
		},
		{
			name: "a paragraph beside the picture stays",
			page: articleWith(`<div class="box"><div class="author-avatar"><img src="/team/beispiel.jpg" alt=""></div><p>Das Tiefbauamt lädt zur Baustellenführung ein.</p></div>`),
			kept: "Das Tiefbauamt lädt",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, all := extractText(t, c.page, "https://stadt.example/radwege")
			if !strings.Contains(all, "Umleitungen sind ausgeschildert") {
				t.Fatalf("the article's prose is missing:\n%s", all)
			}
			if c.kept != "" && !strings.Contains(all, c.kept) {
				t.Errorf("%q dropped; blocks:\n%s", c.kept, all)
			}
			if c.gone == "" {
				return
			}
			if strings.Contains(all, c.gone) {
				t.Fatalf("%q kept; blocks:\n%s", c.gone, all)
			}
			found := false
			for _, dr := range d.Provenance.Accounting.Dropped {
				if strings.Contains(dr.Excerpt, c.gone) {
					found = true
					if dr.Reason != umzug.DropAuthor {
						t.Errorf("%q dropped as %q; want %q", c.gone, dr.Reason, umzug.DropAuthor)
					}
				}
			}
			if !found {
				t.Errorf("%q not in the dropped records %+v", c.gone, d.Provenance.Accounting.Dropped)
			}
		})
	}
}
