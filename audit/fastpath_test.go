package audit

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/testkit"
)

// TestHasVisibleTextAsTextOf compares hasVisibleText with what
// emptyTextParts asked before, umzug.VisibleText(textOf(n)) != "", on
// every element of the real pages and on text nodes that are not valid
// UTF-8 alone but are when joined.
func TestHasVisibleTextAsTextOf(t *testing.T) {
	el := func(texts ...string) *html.Node {
		n := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, s := range texts {
			if s == "<script>" {
				sc := &html.Node{Type: html.ElementNode, Data: "script", DataAtom: atom.Script}
				sc.AppendChild(&html.Node{Type: html.TextNode, Data: "visible()"})
				n.AppendChild(sc)
				continue
			}
			n.AppendChild(&html.Node{Type: html.TextNode, Data: s})
		}
		return n
	}
	cases := []*html.Node{
		el(), el(""), el(" \n\t"), el("a"), el(" ", "a"), el("\u00ad", "\u200b", "\ufeff"), el("\u00a0"),
		el("\xc2", "\xa0"),      // a no-break space, cut in two
		el("\xc2", "\xa0", "x"), // and a letter
		el("\xe2\x80", "\x8b"),  // a zero-width space, cut in two
		el("\xc2"), el("\xa0"),  // alone: U+FFFD, visible
		el("<script>"), el("<script>", " "), el(" ", "<script>", "b"),
		el("\u2060"), el("\u3000"), // word joiner (kept by VisibleText), ideographic space
	}
	for i, n := range cases {
		if got, want := hasVisibleText(n), umzug.VisibleText(textOf(n)) != ""; got != want {
			t.Errorf("case %d: hasVisibleText %v, want %v", i, got, want)
		}
	}
	if len(testkit.RealPageDirs()) == 0 {
		t.Skip("no real pages (UMZUG_CORPUS, UMZUG_EVAL): constructed cases only")
	}
	elements, visible := 0, 0
	testkit.EachRealPage(t, func(f string, body []byte) {
		root, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				elements++
				got, want := hasVisibleText(n), umzug.VisibleText(textOf(n)) != ""
				if got != want {
					t.Fatalf("%s: <%s>: hasVisibleText %v, want %v", f, n.Data, got, want)
				}
				if got {
					visible++
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
	})
	if visible == 0 || visible == elements {
		t.Fatalf("%d of %d elements with visible text: the test compares nothing", visible, elements)
	}
	t.Logf("%d elements, %d with visible text", elements, visible)
}
