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

// utilityReasonScratch says what utilityReason says, one scratch buffer
// shared by all the elements of the test pages in turn; shortText what
// textUpTo says of the same elements.
func TestUtilityReasonScratchAgrees(t *testing.T) {
	var scratch []byte
	judged := 0
	for _, root := range gatePages(t) {
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, w := range []int32{1, 600} {
					if got, want := utilityReasonScratch(n, w, &scratch), utilityReason(n, w); got != want {
						s, _ := textUpTo(n, 600)
						t.Fatalf("utilityReasonScratch of %q = %q, want %q", s, got, want)
					}
				}
				for _, limit := range []int{40, 90, 600} {
					s, short := textUpTo(n, limit)
					if gs, gn := shortText(n, limit); gs != short || gn != (short && s != "") {
						t.Fatalf("shortText(%q, %d) = %v, %v", s, limit, gs, gn)
					}
				}
				judged++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
	}
	if judged < 1000 {
		t.Errorf("only %d elements", judged)
	}
}
