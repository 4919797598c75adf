package pipeline

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/transform"
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

// BenchmarkExportNormalize is the export's per-document work on the
// pipeline's workers (Export.normalize): normalization with the blocks'
// fingerprints, the spool line, the index's per-document work (words,
// shingles, MinHash bands, sentence sketch) and the inventory's word
// count, for one synthetic document.
func BenchmarkExportNormalize(b *testing.B) {
	docs := syntheticDocuments(b, 20)
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: "https://www.example.de/"})
	if err != nil {
		b.Fatal(err)
	}
	exp, err := NewExport(slog.New(slog.DiscardHandler), norm, b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer exp.Close()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if n := exp.normalize(docs[i%len(docs)], false); !n.ok {
			b.Fatal("document dropped")
		}
		i++
	}
}
