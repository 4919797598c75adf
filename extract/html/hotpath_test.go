package html

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
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

// BenchmarkAnalyzeShared is BenchmarkAnalyze with a Parser's verdict
// cache, warm after the first page (cache.go).
func BenchmarkAnalyzeShared(b *testing.B) {
	root := syntheticTree(b)
	v := newVerdictCache()
	b.ReportAllocs()
	for b.Loop() {
		analyzeShared(root, v)
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

// A Parser's verdict cache is shared by its pages and goroutines: pages
// extracted concurrently by one Parser come out as each page does alone
// with a fresh Parser.
func TestParserCacheConcurrent(t *testing.T) {
	var pages [][]byte
	for i := 1; i <= 12; i++ {
		pages = append(pages, fixtures.SyntheticPage(1000, i))
	}
	want := make([]string, len(pages))
	for i, pg := range pages {
		d, err := NewParser().ParseHTML(bytes.NewReader(pg), "https://www.example.de/seite.html")
		if err != nil {
			t.Fatal(err)
		}
		want[i] = docJSON(t, d)
	}
	shared := NewParser()
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(pages))
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range pages {
				i := (k + 3*g) % len(pages)
				d, err := shared.ParseHTML(bytes.NewReader(pages[i]), "https://www.example.de/seite.html")
				if err != nil {
					errs <- err.Error()
					continue
				}
				if got := docJSON(t, d); got != want[i] {
					errs <- fmt.Sprintf("page %d differs with a shared Parser", i)
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// The verdict cache stays within its bound, and a nil cache caches nothing.
func TestVerdictCacheBound(t *testing.T) {
	v := newVerdictCache()
	for i := 0; i < 3*verdictCacheMax; i++ {
		v.put(classesOf, fmt.Sprintf("c%d", i), "x")
		v.put(namesOf, fmt.Sprintf("n%d", i), "")
		if n := len(v.names) + len(v.classes); n > verdictCacheMax {
			t.Fatalf("%d entries, bound %d", n, verdictCacheMax)
		}
	}
	if r, ok := v.get(classesOf, fmt.Sprintf("c%d", 3*verdictCacheMax-1)); !ok || r != "x" {
		t.Errorf("latest entry lost: %q %v", r, ok)
	}
	long := strings.Repeat("a", verdictKeyMax+1)
	v.put(namesOf, long, "y")
	if _, ok := v.get(namesOf, long); ok {
		t.Error("an overlong key was stored")
	}
	var none *verdictCache
	none.put(namesOf, "nav", "navigation")
	if _, ok := none.get(namesOf, "nav"); ok {
		t.Error("nil cache returned an entry")
	}
}

func docJSON(t *testing.T, d any) string {
	b, err := json.Marshal(d)
	if err != nil {
		t.Error(err)
	}
	return string(b)
}
