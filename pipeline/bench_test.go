package pipeline

import (
	"bytes"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
)

// syntheticDocuments extracts n pages of the synthetic site (the pages of
// bench/throughput.sh).
func syntheticDocuments(tb testing.TB, n int) []umzug.Document {
	tb.Helper()
	p := xhtml.NewParser()
	docs := make([]umzug.Document, 0, n)
	for i := range n {
		d, err := p.ParseHTML(bytes.NewReader(fixtures.SyntheticPage(1000, i*37)), "https://www.example.de"+fixtures.SyntheticPath(i*37))
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkWords is the inventory's word count of one synthetic document.
func BenchmarkWords(b *testing.B) {
	docs := syntheticDocuments(b, 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		words(&docs[i%len(docs)])
		i++
	}
}
