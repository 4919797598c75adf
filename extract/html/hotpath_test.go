package html

import (
	"bytes"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/umzug/umzug/fixtures"
)

// The hand-written fast paths must say what the plain definitions say.
func TestFastPathsAgree(t *testing.T) {
	styles := []string{"", "display:none", "DISPLAY : NONE", "display:\tnone;color:red", "visibility: hidden",
		"Visibility:Hidden", "display: block; visibility:visible", "display :none", "displaynone", "display: nonE",
		"x-display:none", "visibility:\nhidden", "diſplay:none", "dis play:none", "display:", "display: no", "ü display:none"}
	for _, st := range styles {
		if got, want := matchHiddenStyle(st), hiddenStyle.MatchString(st); got != want {
			t.Errorf("matchHiddenStyle(%q) = %v, regexp says %v", st, got, want)
		}
	}
	texts := []string{"", " ", "\n\t a  b \n", "a\u00a0\u00a0b", "\u00a0x\u00a0", "§ 12 Abs. 3", "\v a \v", "\u2003a b\u3000",
		"a \u00a0 b", "Straße  ", "x\xc2", "x\xc2 y", " \u0085a\u0085 "}
	for _, s := range texts {
		if got, want := collapseTrim(s), strings.TrimSpace(collapseSpace(s)); got != want {
			t.Errorf("collapseTrim(%q) = %q, want %q", s, got, want)
		}
	}
}

func syntheticTree(b *testing.B) *html.Node {
	root, err := html.Parse(bytes.NewReader(fixtures.SyntheticPage(1000, 7)))
	if err != nil {
		b.Fatal(err)
	}
	return root
}

// BenchmarkAnalyze is the boilerplate verdicts and weights of one
// synthetic page (main.go).
func BenchmarkAnalyze(b *testing.B) {
	root := syntheticTree(b)
	b.ReportAllocs()
	for b.Loop() {
		analyze(root)
	}
}

// BenchmarkCollapseTrim runs over the text nodes of a synthetic page, as
// the accounting does.
func BenchmarkCollapseTrim(b *testing.B) {
	var texts []string
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			texts = append(texts, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(syntheticTree(b))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			collapseTrim(s)
		}
	}
}

// BenchmarkFirstMatch is a Find that only asks whether something matches.
func BenchmarkFirstMatch(b *testing.B) {
	root := syntheticTree(b)
	b.ReportAllocs()
	for b.Loop() {
		goquery.NewDocumentFromNode(root).FindMatcher(cssFirst(".news-single, .news-detail")).Length()
	}
}
