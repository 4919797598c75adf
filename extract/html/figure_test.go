package html

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// figureOfRef is figureOf as it was written before its walks were made
// incremental: a Find over each level's whole subtree.
func figureOfRef(img *goquery.Selection) *goquery.Selection {
	n := img.Nodes[0]
	var fallback *html.Node
	for i, p := 0, n.Parent; i < 4 && p != nil && p.Type == html.ElementNode; i, p = i+1, p.Parent {
		ps := goquery.NewDocumentFromNode(p).Selection
		if ps.FindMatcher(css("img")).FilterFunction(func(_ int, s *goquery.Selection) bool { return contentImage(s.Nodes[0]) }).Length() > 1 {
			break
		}
		if fallback == nil && (p.DataAtom == atom.Figure || p.DataAtom == atom.Li || strings.Contains(attr(p, "class"), "image") || strings.Contains(attr(p, "class"), "media")) {
			fallback = p
		}
		if ps.FindMatcher(cssFirst(captionSel+", "+creditSel)).Length() > 0 {
			return ps
		}
	}
	if fallback != nil {
		return goquery.NewDocumentFromNode(fallback).Selection
	}
	return nil
}

// figureOf finds the figure the Finds over each level found, for every
// image of the gate pages and of markup made for the cases: a caption
// on the level below, on the image's sibling, on a level's own element,
// two images (one an icon) below a level.
func TestFigureOfIncremental(t *testing.T) {
	cases := []string{
		`<div class="a"><div class="b"><img src="x.jpg"></div><p class="caption">C</p></div>`,
		`<figure><img src="x.jpg"><figcaption>C</figcaption></figure>`,
		`<div class="credit"><div><div><img src="x.jpg"></div></div></div><div class="outer"><span>x</span></div>`,
		`<section><div class="caption"><div><img src="x.jpg"></div></div></section>`,
		`<li><div><img src="x.jpg"></div><div><img src="y.jpg"></div><p class="caption">C</p></li>`,
		`<li class="media"><div><img src="x.jpg"></div><div><img src="i.svg"></div><span class="copyright">K</span></li>`,
		`<div><div><div><div><div><img src="x.jpg"></div></div></div></div><p class="caption">too far</p></div>`,
		`<div class="image"><div><img src="x.jpg"></div><div><img src="y.jpg"></div></div>`,
	}
	var roots []*html.Node
	for _, c := range cases {
		root, err := html.Parse(strings.NewReader("<body>" + c + "</body>"))
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, root)
	}
	roots = append(roots, gatePages(t)...)
	images, framed := 0, 0
	for _, root := range roots {
		goquery.NewDocumentFromNode(root).Find("img").Each(func(_ int, img *goquery.Selection) {
			images++
			got, want := figureOf(img), figureOfRef(img)
			if (got == nil) != (want == nil) || got != nil && got.Nodes[0] != want.Nodes[0] {
				t.Errorf("figureOf(%s) = %v, the Finds give %v", selectorOf(img.Nodes[0]), figureName(got), figureName(want))
			}
			if want != nil {
				framed++
			}
		})
	}
	if images < 100 || framed < 20 {
		t.Errorf("only %d images, %d with a figure, compared", images, framed)
	}
}

func figureName(s *goquery.Selection) string {
	if s == nil {
		return "none"
	}
	return selectorOf(s.Nodes[0])
}
