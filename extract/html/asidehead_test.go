package html_test

import (
	"strings"
	"testing"
)

// magazineArticle is an article page of a magazine template: a hero with
// the headline and the title picture, then the body column with a sticky
// side column before it in the source, which holds side.
func magazineArticle(side string) string {
	return `<html><head><title>Neue Radwege | Stadtmagazin</title></head><body>
<header class="site-header"><a href="/"><img src="/logo.svg" alt="Stadtmagazin"></a><nav><a href="/verkehr">Verkehr</a> <a href="/umwelt">Umwelt</a> <a href="/kultur">Kultur</a></nav></header>
<div id="main"><div class="hero"><div class="text"><h1>Neue Radwege in der Innenstadt</h1></div>
<figure><img src="/fileadmin/radweg.jpg" alt=""><figcaption>Der neue Radweg am Bahnhof.</figcaption></figure></div>
<div class="row" id="page-body"><div class="aside-col js-pin"><div class="pin-wrap">` + side + `</div></div>
<div class="article-body"><p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Anwohnerinnen und Anwohner werden vor Beginn jeder Bauphase schriftlich informiert.</p>
<p>Der Radverkehrsplan sieht bis 2030 weitere Verbindungen in die Stadtteile vor. Die nächste Strecke führt vom Markt zum Sportpark.</p></div></div></div>
<footer>Impressum · Datenschutz</footer></body></html>`
}

// TestArticleHeadInTheSideColumn checks that the article's head which a
// template repeats in a side column (the headline's copy over the lead
// and the date) gives the lead and the date, while the side column's
// other boxes, and a side column that does not open with the headline,
// are dropped.
func TestArticleHeadInTheSideColumn(t *testing.T) {
	lead := `<p class="teaser">Vier neue Verbindungen für den Alltag: was sich für Radfahrende zwischen Bahnhof und Universität ab dem Herbst ändert und wo es eng wird.</p>`
	tags := `<div class="aside-box"><a href="/tag/verkehr">Verkehr</a> <a href="/tag/stadtentwicklung">Stadtentwicklung</a></div><div class="aside-box"><a href="#" onclick="window.print()">Artikel drucken</a></div>`
	cases := []struct {
		name, side string
		want, not  []string
		date       string
	}{
		{
			name: "head repeated in the side column",
			side: `<div class="aside-box aside-box--head"><p class="h1">Neue Radwege in der Innenstadt</p>` + lead +
				`<p class="time"><time datetime="2022-01-28">28. Januar 2022</time></p></div>` + tags,
			want: []string{"Vier neue Verbindungen für den Alltag"},
			not:  []string{"Stadtentwicklung", "Artikel drucken", "28. Januar 2022", "Neue Radwege in der Innenstadt"},
			date: "2022-01-28",
		},
		{
			name: "a list of the latest news that begins with the page's own",
			side: `<div class="news-latest"><div class="item"><p class="h4">Neue Radwege in der Innenstadt</p><p class="date">28.01.2022</p><p>Vier neue Verbindungen zwischen Bahnhof und Universität: was sich für Radfahrende ab dem Herbst ändert.</p><a href="/radwege">mehr</a></div>` +
				`<div class="item"><p class="h4">Stadtlauf im Park</p><p class="date">26.01.2022</p><p>Der Stadtlauf führt in diesem Jahr zum ersten Mal durch den neuen Park am Fluss und endet am Rathaus.</p><a href="/stadtlauf">mehr</a></div></div>`,
			not: []string{"Vier neue Verbindungen", "Stadtlauf"},
		},
		{
			name: "the same list as list items",
			side: `<ul class="news-latest"><li><p class="h4">Neue Radwege in der Innenstadt</p><p>Vier neue Verbindungen zwischen Bahnhof und Universität: was sich für Radfahrende ab dem Herbst ändert.</p><a href="/radwege">mehr</a></li>` +
				`<li><p class="h4">Stadtlauf im Park</p><p>Der Stadtlauf führt in diesem Jahr zum ersten Mal durch den neuen Park am Fluss und endet am Rathaus.</p><a href="/stadtlauf">mehr</a></li></ul>`,
			not: []string{"Vier neue Verbindungen", "Stadtlauf"},
		},
		{
			name: "a box over related articles titled with the headline",
			side: `<div class="aside-box aside-box--topic"><p class="h3">Neue Radwege in der Innenstadt</p><ul><li><a href="/radverkehrsplan">Radverkehrsplan 2030</a> – der Plan sieht bis 2030 weitere Verbindungen in alle Stadtteile vor.</li>` +
				`<li><a href="/fahrradstrassen">Fahrradstraßen</a> – was für Autos auf den neuen Fahrradstraßen gilt und wo sie liegen.</li></ul></div>` + tags,
			not: []string{"Radverkehrsplan 2030", "Fahrradstraßen", "Stadtentwicklung"},
		},
		{
			name: "a side column that does not open with the headline",
			side: `<div class="aside-box"><p class="h3">Neues aus dem Rathaus</p><p>Der Stadtrat tagt am Donnerstag öffentlich im großen Saal. Auf der Tagesordnung stehen der Haushalt und die Bäderplanung für das kommende Jahr.</p></div>` + tags,
			not:  []string{"Der Stadtrat tagt", "Stadtentwicklung"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, all := extractText(t, magazineArticle(c.side), "https://stadt.example/radwege")
			if !strings.Contains(all, "Umleitungen sind ausgeschildert") {
				t.Fatalf("the article's prose is missing:\n%s", all)
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("%q missing; blocks:\n%s", w, all)
				}
			}
			for _, n := range c.not {
				if strings.Contains(all, n) {
					t.Errorf("%q kept; blocks:\n%s", n, all)
				}
			}
			if d.Dates.Published != c.date {
				t.Errorf("published %q; want %q", d.Dates.Published, c.date)
			}
		})
	}
}
