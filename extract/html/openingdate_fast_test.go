package html

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// mayOpenPubDateLabel never rules out an element whose short text
// opens with a publication date's label.
func TestMayOpenPubDateLabelNeverMisses(t *testing.T) {
	page := `<html><body><main>
<p>Veröffentlicht am: 12.03.2024</p><p>  VERÖFFENTLICHT 12.03.2024</p>
<div><span hidden>x</span><span>erschienen am 1. März 2024</span></div>
<p><!-- c --><b>
Published on</b> 3 May 2024</p><p>&nbsp;publiziert: 01.02.2023</p>
<p><script>var x;</script>Publiziert 01.02.2023</p><p>&#8203;erschienen 01.02.2023</p>
<p>Stand: 01.02.2023</p><p>` + "\x00" + `erschienen 01.02.2023</p></main></body></html>`
	roots := append(gatePages(t), mustParse(t, page))
	matched, ruledOut := 0, 0
	for _, root := range roots {
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				s, ok := textUpTo(n, 80)
				match := ok && pubDateLabelStart.MatchString(s)
				if match {
					matched++
				}
				if !mayOpenPubDateLabel(n) {
					ruledOut++
					if match {
						t.Fatalf("mayOpenPubDateLabel rules out %q", s)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if matched < 5 || ruledOut == 0 {
		t.Errorf("%d elements matched, %d ruled out: the test tests little", matched, ruledOut)
	}
}

func mustParse(t *testing.T, s string) *html.Node {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return root
}
