package audit

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/fixtures"
)

// benchPages are the fixture site's HTML pages and 20 pages of the
// synthetic site (about 40 KB each, the markup bench/crawl.sh serves).
func benchPages(b *testing.B) map[string][]*umzug.Snapshot {
	b.Helper()
	out := map[string][]*umzug.Snapshot{}
	err := fs.WalkDir(fixtures.Ministry, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		body, err := fs.ReadFile(fixtures.Ministry, p)
		if err != nil {
			return err
		}
		out["ministry"] = append(out["ministry"], snap(fixtures.MinistryPublicURL+"/"+strings.TrimSuffix(p, "index.html"), 200, body))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 20 {
		out["synthetic"] = append(out["synthetic"], snap("https://www.example.de"+fixtures.SyntheticPath(i*37), 200, fixtures.SyntheticPage(1000, i*37)))
	}
	return out
}

// BenchmarkPage is the audit of one page: parse and rules (Page), the
// rules on the tree extraction already parsed (PageTree), and the HTML
// parse alone for comparison. One op is one page.
func BenchmarkPage(b *testing.B) {
	for _, set := range []string{"ministry", "synthetic"} {
		pages := benchPages(b)[set]
		var size int64
		for _, s := range pages {
			size += int64(len(s.Body))
		}
		b.Run(set+"/Page", func(b *testing.B) {
			a, err := New(Options{Hosts: []string{"www.example.de"}})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(size / int64(len(pages)))
			n := 0
			for b.Loop() {
				a.Page(pages[n%len(pages)], nil)
				n++
			}
		})
		b.Run(set+"/PageTree", func(b *testing.B) {
			a, err := New(Options{Hosts: []string{"www.example.de"}})
			if err != nil {
				b.Fatal(err)
			}
			roots := make([]*html.Node, len(pages))
			for i, s := range pages {
				if roots[i], err = html.Parse(bytes.NewReader(s.Body)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.SetBytes(size / int64(len(pages)))
			n := 0
			for b.Loop() {
				a.PageTree(pages[n%len(pages)], roots[n%len(pages)], nil)
				n++
			}
		})
		b.Run(set+"/parse-only", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size / int64(len(pages)))
			n := 0
			for b.Loop() {
				if _, err := html.Parse(bytes.NewReader(pages[n%len(pages)].Body)); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// manyLinks is a page with n links in one list (siblings) and n image
// links without a name in one paragraph: the selector of each must not
// rescan its siblings, and finding a named link beside an image link must
// not scan every link.
func manyLinks(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><title>Links</title></head><body><main><div id="c1"><ul>`)
	for i := range n {
		fmt.Fprintf(&b, `<li><a href="/seite-%d/">Seite %d</a></li>`, i, i)
	}
	b.WriteString(`</ul><p>`)
	for i := range n {
		fmt.Fprintf(&b, `<a href="/bild-%d/"><img src="/b-%d.png" alt=""></a>`, i, i)
	}
	b.WriteString(`</p></div></main></body></html>`)
	return b.Bytes()
}

// BenchmarkManyLinks audits a page with 2×10,000 links (it took 2.2 s
// with selectors that rescanned their siblings).
func BenchmarkManyLinks(b *testing.B) {
	s := snap("https://www.example.de/links/", 200, manyLinks(10000))
	b.ReportAllocs()
	for b.Loop() {
		a, err := New(Options{Hosts: []string{"www.example.de"}})
		if err != nil {
			b.Fatal(err)
		}
		a.Page(s, nil)
	}
}
