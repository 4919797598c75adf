package html

import (
	"testing"

	"golang.org/x/net/html"
)

// findDatedTeasersRef is findDatedTeasers as it was before it skipped
// the subtrees teaserWithDate calls barren: every element visited.
func findDatedTeasersRef(roots []*html.Node) map[*html.Node]datedTeaser {
	out := map[*html.Node]datedTeaser{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		var items []*html.Node
		var found []datedTeaser
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			if t, ok, _ := teaserWithDate(c); ok {
				items = append(items, c)
				found = append(found, t)
				continue
			}
			walk(c)
		}
		if len(items) < 2 {
			for _, it := range items {
				walk(it)
			}
			return
		}
		for i, it := range items {
			out[it] = found[i]
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// textOfUpTo is textUpTo(n, 700)'s text.
func textOfUpTo(n *html.Node) string {
	t, _ := textUpTo(n, 700)
	return t
}

// visibleDescendant reports an element below n, as findDatedTeasers
// visits them (not below skipped elements), for which pred holds.
func visibleDescendant(n *html.Node, pred func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		if pred(c) || visibleDescendant(c, pred) {
			return true
		}
	}
	return false
}

// Skipping barren subtrees finds the same dated teasers, and
// shortTwoDigits says what textUpTo and twoDigits said, on every element
// of the gate pages.
func TestDatedTeasersBarren(t *testing.T) {
	teasers, barren := 0, 0
	for i, root := range gatePages(t) {
		got, want := findDatedTeasers([]*html.Node{root}), findDatedTeasersRef([]*html.Node{root})
		if len(got) != len(want) {
			t.Errorf("page %d: %d dated teasers, want %d", i, len(got), len(want))
		}
		for n, w := range want {
			if g, ok := got[n]; !ok || g != w {
				t.Errorf("page %d: %s: %+v, want %+v", i, selectorOf(n), g, w)
			}
		}
		teasers += len(want)
		var all []*html.Node
		visited := map[*html.Node]bool{} // as findDatedTeasers visits them
		var walk func(n *html.Node, hidden bool)
		walk = func(n *html.Node, hidden bool) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					h := hidden || skipElement(c)
					all = append(all, c)
					visited[c] = !h
					walk(c, h)
				}
			}
		}
		walk(root, false)
		for _, n := range all {
			txt, short := textUpTo(n, 700)
			gs, gd := shortTwoDigits(n, 700)
			if gs != short || gs && gd != twoDigits(txt) {
				t.Errorf("page %d: %s: shortTwoDigits = %v, %v; textUpTo: %q, %v", i, selectorOf(n), gs, gd, txt, short)
			}
			if _, _, b := teaserWithDate(n); b && visited[n] {
				barren++
				if visibleDescendant(n, func(d *html.Node) bool {
					_, ok, _ := teaserWithDate(d)
					return ok || twoDigits(textOfUpTo(d))
				}) {
					t.Errorf("page %d: %s is called barren: %q", i, selectorOf(n), textOfUpTo(n))
				}
			}
		}
	}
	if teasers < 10 || barren < 100 {
		t.Errorf("%d dated teasers, %d barren elements: too few to compare", teasers, barren)
	}
}
