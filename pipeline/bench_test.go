package pipeline

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/load"
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

// testExport is an export of a site at https://www.example.de/ into a
// temporary directory, closed when the test ends.
func testExport(tb testing.TB) *Export {
	tb.Helper()
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: "https://www.example.de/"})
	if err != nil {
		tb.Fatal(err)
	}
	exp, err := NewExport(slog.New(slog.DiscardHandler), norm, tb.TempDir(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { exp.Close() })
	return exp
}

// BenchmarkExportNormalize is the export's per-document work on the
// pipeline's workers (Export.normalize): normalization with the blocks'
// fingerprints, the spool line, the index's per-document work (words,
// shingles, MinHash bands, sentence sketch) and the inventory's word
// count, for one synthetic document.
func BenchmarkExportNormalize(b *testing.B) {
	docs := syntheticDocuments(b, 20)
	exp := testExport(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if n := exp.normalize(docs[i%len(docs)], false); !n.ok {
			b.Fatal("document dropped")
		}
		i++
	}
}

// spoolLines are the spool records of n normalized synthetic documents.
func spoolLines(b *testing.B, n int) ([]umzug.Document, [][]byte) {
	docs := syntheticDocuments(b, n)
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: "https://www.example.de/"})
	if err != nil {
		b.Fatal(err)
	}
	lines := make([][]byte, len(docs))
	for i := range docs {
		if docs[i], _, err = norm.NormalizePrinted(docs[i], false); err != nil {
			b.Fatal(err)
		}
		lines[i] = spoolRecord(&docs[i])
	}
	return docs, lines
}

// BenchmarkDecodeSpooled is the second pass's decoding of one spooled
// synthetic document.
func BenchmarkDecodeSpooled(b *testing.B) {
	_, lines := spoolLines(b, 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var d umzug.Document
		if err := decodeSpooled(lines[i%len(lines)], &d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSpoolRecord is the first pass's spool record of one
// synthetic document.
func BenchmarkSpoolRecord(b *testing.B) {
	docs, _ := spoolLines(b, 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		spoolRecord(&docs[i%len(docs)])
		i++
	}
}

// BenchmarkMarshalLine is a document's line of JSON (load.MarshalLine)
// for one synthetic document.
func BenchmarkMarshalLine(b *testing.B) {
	docs, _ := spoolLines(b, 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := load.MarshalLine(&docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkHashedLine is the second pass's content hash and line of one
// synthetic document.
func BenchmarkHashedLine(b *testing.B) {
	docs, _ := spoolLines(b, 20)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		if _, err := transform.HashedLine(&d); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkNormalizePrinted is normalization with the blocks' keys and
// fingerprints (each block encoded and hashed) of one synthetic document.
func BenchmarkNormalizePrinted(b *testing.B) {
	docs := syntheticDocuments(b, 20)
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: "https://www.example.de/"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := norm.NormalizePrinted(docs[i%len(docs)], false); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkExportDocuments is the whole export of 200 synthetic
// documents: the first pass (Add: normalize, spool, index) and the second
// (Finish: de-duplication, rewriting, the lines, checks and files). One
// op is one document.
func BenchmarkExportDocuments(b *testing.B) {
	docs := syntheticDocuments(b, 200)
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: "https://www.example.de/"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if n%len(docs) == 0 {
			b.StopTimer()
			exp, err := NewExport(slog.New(slog.DiscardHandler), norm, b.TempDir(), nil)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for i := range docs {
				if err := exp.Add(docs[i]); err != nil {
					b.Fatal(err)
				}
			}
			out, err := load.NewExporter(b.TempDir(), load.Manifest{Generator: "b", Source: "https://www.example.de/", RunID: "r", StartedAt: "2024-01-01T00:00:00Z"})
			if err != nil {
				b.Fatal(err)
			}
			res, err := exp.Finish(b.Context(), out)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := out.Finish("2024-01-01T00:00:01Z", res.Stats); err != nil {
				b.Fatal(err)
			}
			exp.Close()
		}
		n++
	}
}

// BenchmarkLoadSpooled is the second pass's read of one spooled document
// (Export.loadSpooled: the record read into a pooled buffer, decoded).
func BenchmarkLoadSpooled(b *testing.B) {
	docs := syntheticDocuments(b, 200)
	exp := testExport(b)
	for i := range docs {
		if err := exp.Add(docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	if err := exp.spool.Flush(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := exp.loadSpooled(i % exp.spool.Len()); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
