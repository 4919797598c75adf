package audit

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// TestManyLinksLinear audits a page with 100,000 links (50,000 sibling
// list items and 50,000 nameless image links in one paragraph). Selectors
// that rescan their siblings made this quadratic: 40,000 links took a
// minute; now it is a matter of seconds, under -race too.
func TestManyLinksLinear(t *testing.T) {
	const n = 50_000
	body := manyLinks(n)
	start := time.Now()
	want := map[string]string{
		"https://www.example.de/seite-0/":     "#c1 > ul > li:nth-of-type(1) > a",
		"https://www.example.de/seite-49999/": "#c1 > ul > li:nth-of-type(50000) > a",
		"https://www.example.de/bild-777/":    "#c1 > p > a:nth-of-type(778)",
		"https://www.example.de/b-777.png":    "#c1 > p > a:nth-of-type(778) > img",
	}
	a, err := New(Options{Hosts: []string{"www.example.de"}, Checker: checkerFunc(func(u string) int {
		if _, ok := want[u]; ok {
			return 404
		}
		return 200
	})})
	if err != nil {
		t.Fatal(err)
	}
	fs := a.Page(snap("https://www.example.de/links/", 200, body), nil)
	links, err := a.Finish(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("%d links: %d page findings, %d link findings in %v", 2*n, len(fs), len(links), took)
	if len(fs) != n {
		t.Errorf("%d page findings; want %d missing-alt (one per nameless image link)", len(fs), n)
	}
	if len(links) != len(want) {
		t.Errorf("%d link findings; want %d:%s", len(links), len(want), dump(links))
	}
	for _, f := range links {
		if sel, ok := want[f.URL]; ok {
			if f.Selector != sel {
				t.Errorf("%s: selector %q; want %q", f.URL, f.Selector, sel)
			}
			delete(want, f.URL)
		}
	}
	if len(want) != 0 {
		t.Errorf("no findings for %v", want)
	}
	// Quadratic selectors took minutes here; linear ones take well under
	// a second without -race and a few seconds with it. The bound leaves
	// room for a busy machine.
	if took > 60*time.Second {
		t.Errorf("auditing %d links took %v: selectors are not linear", 2*n, took)
	}
}

type checkerFunc func(string) int

func (f checkerFunc) Check(_ context.Context, u string) (int, error) { return f(u), nil }

// TestPageTreeReadOnly audits one parsed tree from two goroutines while a
// third renders it: the race detector reports any write to the tree, and
// the tree renders the same before and after. The findings equal those of
// Page, which parses the body itself.
func TestPageTreeReadOnly(t *testing.T) {
	body := pageHTML(`<div id="c4735"><p>ERROR: Content Element with uid "4735" and type "mask_thvideo" has no rendering definition!</p></div>
<div id="c1"><h3>Headline H3</h3><p>Lorem ipsum dolor sit amet.</p><img src="/a.jpg" alt="Bild"><a href="/x/"><img src="/b.jpg" alt=""></a>
<ul><li><a href="/1/">Eins</a></li><li><a href="/2/">Zwei</a></li></ul></div>`)
	s := snap("https://a.example/seite/", 200, body)
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	render := func() string {
		var b strings.Builder
		if err := html.Render(&b, root); err != nil {
			t.Error(err)
		}
		return b.String()
	}
	before := render()
	ref, _ := New(Options{})
	want := dump(ref.Page(s, nil))
	var wg sync.WaitGroup
	got := make([]string, 2)
	for i := range got {
		wg.Go(func() {
			a, _ := New(Options{Hosts: []string{"a.example"}})
			got[i] = dump(a.PageTree(s, root, nil))
		})
	}
	wg.Go(func() { _ = render() })
	wg.Wait()
	if after := render(); after != before {
		t.Errorf("the audit changed the tree")
	}
	for i, g := range got {
		if g != want {
			t.Errorf("PageTree %d:%s\nPage:%s", i, g, want)
		}
	}
	if !strings.Contains(want, "mask_thvideo") || !strings.Contains(want, "Headline H3") {
		t.Errorf("findings lack the seeded defects:%s", want)
	}
}

// TestPageTreeNilRoot: without a tree, PageTree parses the body, as Page.
func TestPageTreeNilRoot(t *testing.T) {
	a, _ := New(Options{})
	s := &umzug.Snapshot{URL: "https://a.example/", Status: 503, ContentType: "text/html",
		Body: pageHTML(`<h1>Wartungsarbeiten</h1><p>Lorem ipsum</p>`)}
	fs := a.PageTree(s, nil, nil)
	if len(fs) != 1 || fs[0].Rule != umzug.RuleServerError || !strings.Contains(fs[0].Evidence, "Wartungsarbeiten") {
		t.Errorf("503 page: %s; want one server-error with the page's first texts as evidence", dump(fs))
	}
}
