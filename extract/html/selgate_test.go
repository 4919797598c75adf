package html

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// gateCases are selectors of the kinds the gate reader must get right,
// beside the package's and the profiles' own.
var gateCases = []string{
	"h1", "H1", "div.a", ".a.b", "#x", "div#x.y", "a[href]", "a[HREF]", "[data-x]",
	`a[href^="mailto:"]`, `a[href$=".pdf"]`, `[class*="frame-type-"]`, `[class~=teaser]`, `[lang|=de]`,
	`[type=text]`, `[type="TEXT" i]`, `[type=text i]`, `[title!=x]`, `div[title!="x"]`, `[href#=(\.pdf$)]`,
	"nav > ul li.active", "h2 + p", "h2 ~ p", "div .a", "div\t.a", "ul>li", "p:first-child", "li:nth-child(2n+1)",
	"div:not(.x)", "div:has(> p.lead)", ":contains(Pressemitteilung)", "p:contains(Pressemitteilung)",
	"*", "*.a", ":root", "a::before", "svg|rect", `.a\:b`, ".ä", `[data-a="x,y"] p, .z`, `[data-a="x]y"]`,
	"header[role=banner]", "time[datetime]", "[itemprop=datePublished]", ".news-list-date time",
	"foreignObject", "svg foreignObject", "[viewBox]", "input[type=checkbox]:checked",
}

// TestSelectorGates: a gate never says no where cascadia matches, on every
// node of the gate pages (some 60 real pages of each directory among them),
// for every selector the
// package compiled while extracting them, the built-in profiles' selectors
// and gateCases; and it holds back most nodes.
func TestSelectorGates(t *testing.T) {
	roots := gatePages(t)
	odd, _ := html.Parse(strings.NewReader(`<div class="a b" id="x" lang="de-AT" data-x="1" data-a="x,y" title="y"><ul><li class="active">a<p class="lead">b</p></li></ul>` +
		`<h2>c</h2><p>Pressemitteilung</p><a href="mailto:a@b.example" HREF="x">m</a><a href="/a.pdf" class="ä">f</a><input type="TEXT"><input type=checkbox checked>` +
		`<svg viewBox="0 0 1 1"><rect/><foreignObject><p>x</p></foreignObject></svg><span class="a:b">s</span><div data-a="x]y"><p>q</p></div></div>`))
	roots = append(roots, odd)
	// Extraction compiles the package's selectors on first use.
	for _, root := range roots {
		var buf bytes.Buffer
		if err := html.Render(&buf, root); err != nil {
			t.Fatal(err)
		}
		_, _ = ParseHTML(&buf, "https://www.example.org/presse/pressemitteilungen/2024/a.html")
	}
	var sels []string
	compiled.Range(func(k, _ any) bool { sels = append(sels, k.(string)); return true })
	for _, p := range BuiltinProfiles() {
		for _, l := range [][]string{p.Detect.Selectors, p.Content, p.Remove, p.Title, p.Date, p.Modified, p.Lead, p.Kicker, p.Subtitle, p.Publisher, p.PressRelease.Selectors} {
			sels = append(sels, l...)
		}
		for _, b := range p.Blocks {
			sels = append(sels, b.Selector)
		}
	}
	sels = append(sels, gateCases...)
	sort.Strings(sels)
	if len(sels) < 150 {
		t.Fatalf("only %d selectors to test", len(sels))
	}
	gated, said, matched := 0, 0, 0
	for _, s := range sels {
		cs, err := cascadia.Compile(s)
		if err != nil {
			continue
		}
		g, ok := gateOf(s)
		if !ok {
			continue
		}
		gated++
		for _, root := range roots {
			var f func(n *html.Node)
			f = func(n *html.Node) {
				may := g.may(n)
				if may {
					said++
				}
				if cs.Match(n) {
					matched++
					if !may {
						t.Errorf("gate of %q says no on <%s %v>", s, n.Data, n.Attr)
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					f(c)
				}
			}
			f(root)
		}
	}
	t.Logf("%d selectors, %d gated; the gates let %d nodes through, %d match", len(sels), gated, said, matched)
	if gated < len(sels)*3/4 || matched == 0 || said > 20*matched {
		t.Errorf("gates: %d of %d selectors, %d through for %d matches", gated, len(sels), said, matched)
	}
}

// TestGateOf pins what the reader makes of the selector kinds, and where
// it leaves the selector to cascadia alone.
func TestGateOf(t *testing.T) {
	for _, c := range []struct {
		sel  string
		want string // "-" for no gate
	}{
		{"h1", "h1"},
		{"H1", "h1"},
		{"#content h1", "h1"},
		{"div#x.y", "div id~x class~y (attrs)"},
		{`a[HREF^="mailto:"]`, "a href~mailto: (attrs)"},
		{`[type="TEXT" i]`, "type~ (attrs)"},
		{`[title!=x]`, "-"},
		{`div[title!=x]`, "div"},
		{`[href#=(\.pdf$)]`, "-"},
		{"nav > ul li.active, h2 + p", "li class~active | p"},
		{"div:not(.x)", "div"},
		{":contains(x)", "-"},
		{"p:has(> a.b, c)", "p"},
		{"a::before", "-"},
		{"svg|rect", "-"},
		{`.a\:b`, "-"},
		{".ä", "-"},
		{"*", "-"},
		{`[data-a="x]y"] p, .z`, "p | class~z"},
		{`[lang|=de]`, "lang~de (attrs)"},
	} {
		g, ok := gateOf(c.sel)
		got := "-"
		if ok {
			var parts []string
			for _, cp := range g.comps {
				f := []string{}
				if cp.tag != "" {
					f = append(f, cp.tag)
				}
				for _, nd := range cp.needs {
					f = append(f, nd.key+"~"+nd.sub)
				}
				parts = append(parts, strings.Join(f, " "))
			}
			got = strings.Join(parts, " | ")
			if g.attrs {
				got += " (attrs)"
			}
		}
		if got != c.want {
			t.Errorf("gateOf(%q) = %q, want %q", c.sel, got, c.want)
		}
	}
}

// The compiled matchers behind their gates find what cascadia finds.
func TestGatedSelFinds(t *testing.T) {
	roots := gatePages(t)
	for _, s := range append([]string{numberSources, typo3MarkupSel, "img", "h1", ".news-related-links a[href]"}, gateCases...) {
		cs, err := cascadia.Compile(s)
		if err != nil {
			continue
		}
		m, _ := compileGated(s)
		for i, root := range roots {
			doc := goquery.NewDocumentFromNode(root)
			want, got := doc.FindMatcher(cs).Nodes, doc.FindMatcher(m).Nodes
			if len(want) != len(got) {
				t.Fatalf("%q: %d found, cascadia %d", s, len(got), len(want))
			}
			for i := range want {
				if want[i] != got[i] {
					t.Fatalf("%q: match %d differs", s, i)
				}
			}
			if i%10 != 0 {
				continue // Filter on some of the pages
			}
			if f := doc.Find("*").FilterMatcher(m).Length(); f != doc.Find("*").FilterMatcher(cs).Length() {
				t.Fatalf("%q: Filter differs", s)
			}
		}
	}
}
