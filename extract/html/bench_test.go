package html_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
)

func corpusPages(b *testing.B) [][]byte {
	dir := corpusDir(b)
	names, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(names) == 0 {
		b.Skipf("no corpus pages in %s", dir)
	}
	var pages [][]byte
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		body, _, _ := extract.DecodeHTML(raw, "")
		pages = append(pages, body)
	}
	return pages
}

// cpuPerOp reports the CPU time per op the process used since start
// (processCPU), beside the wall time: on a shared machine, time spent
// waiting for a core is not in it.
func cpuPerOp(b *testing.B, start time.Duration) {
	if cpu := processCPU(); cpu > 0 && b.N > 0 {
		b.ReportMetric(float64(cpu-start)/float64(b.N), "cpu-ns/op")
	}
}

func totalBytes(pages [][]byte) int64 {
	var n int64
	for _, p := range pages {
		n += int64(len(p))
	}
	return n
}

// BenchmarkGoqueryCorpus is the baseline: parsing the corpus pages with
// goquery and nothing else.
func BenchmarkGoqueryCorpus(b *testing.B) {
	pages := corpusPages(b)
	b.SetBytes(totalBytes(pages))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range pages {
			if _, err := goquery.NewDocumentFromReader(bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpuPerOp(b, cpu)
}

// BenchmarkExtractCorpus extracts every corpus page (one op = 30 pages).
func BenchmarkExtractCorpus(b *testing.B) {
	pages := corpusPages(b)
	b.SetBytes(totalBytes(pages))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range pages {
			if _, err := html.ParseHTML(bytes.NewReader(p), "https://corpus.example/page.html"); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpuPerOp(b, cpu)
}

// BenchmarkExtractSynthetic extracts synthetic ministry pages of 30–58 KB
// (one op = one page), the size the speed target is stated for.
func BenchmarkExtractSynthetic(b *testing.B) {
	var pages [][]byte
	for i := 1; i <= 50; i++ {
		pages = append(pages, fixtures.SyntheticPage(1000, i))
	}
	b.SetBytes(totalBytes(pages) / int64(len(pages)))
	b.ReportAllocs()
	i := 0
	cpu := processCPU()
	for b.Loop() {
		p := pages[i%len(pages)]
		i++
		if _, err := html.ParseHTML(bytes.NewReader(p), "https://www.tmdi.thueringen.example"+fixtures.SyntheticPath(i)); err != nil {
			b.Fatal(err)
		}
	}
	cpuPerOp(b, cpu)
}
