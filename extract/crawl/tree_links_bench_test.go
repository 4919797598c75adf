package crawl

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug/fixtures"
)

// BenchmarkPageLinks: a synthetic page's links by a second pass of the
// tokenizer (scan) and from the tree parsed for extraction (tree).
func BenchmarkPageLinks(b *testing.B) {
	body := fixtures.SyntheticPage(5000, 1234)
	const pageURL = "http://127.0.0.1:8199/bereich-1/seite-1234/"
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			scanLinks(body, pageURL)
		}
	})
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("tree", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := treeLinks(root, body, pageURL); !ok {
				b.Fatal("treeLinks declined the synthetic page")
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			html.Parse(bytes.NewReader(body))
		}
	})
}
