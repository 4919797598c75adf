package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
)

// syntheticDocs extracts the documents of pages [0, n) of the synthetic
// site (in the ministry's markup) in-process, in page order, and calls
// emit for each.
func syntheticDocs(tb testing.TB, n int, emit func(umzug.Document)) {
	tb.Helper()
	const origin = "https://www.tmdi.thueringen.example"
	workers := runtime.GOMAXPROCS(0)
	type res struct {
		i int
		d umzug.Document
		e error
	}
	out := make([]chan res, workers)
	for w := range out {
		out[w] = make(chan res, 16)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(out[w])
			for i := w; i < n; i += workers {
				d, err := html.ParseHTML(bytes.NewReader(fixtures.SyntheticPage(n, i)), origin+fixtures.SyntheticPath(i))
				out[w] <- res{i, d, err}
			}
		}()
	}
	for i := 0; i < n; i++ {
		r := <-out[i%workers]
		if r.e != nil {
			tb.Fatalf("page %d: %v", r.i, r.e)
		}
		emit(r.d)
	}
	wg.Wait()
}

// TestWriteSyntheticDocuments writes the extracted documents of a
// synthetic site as NDJSON for the transform+load benchmark
// (scripts/bench-load.sh): UMZUG_SYNTH_PAGES=100000
// UMZUG_SYNTH_OUT=/tmp/docs.ndjson go test ./cmd -run TestWriteSyntheticDocuments.
func TestWriteSyntheticDocuments(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("UMZUG_SYNTH_PAGES"))
	out := os.Getenv("UMZUG_SYNTH_OUT")
	if n <= 0 || out == "" {
		t.Skip("set UMZUG_SYNTH_PAGES and UMZUG_SYNTH_OUT to write synthetic documents (used by scripts/bench-load.sh)")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	syntheticDocs(t, n, func(d umzug.Document) {
		if err := enc.Encode(&d); err != nil {
			t.Fatal(err)
		}
	})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// decorateSynthetic adds what the synthetic site lacks after extraction
// (its shared contact box sits beside the press release, outside the
// extracted content): a sidebar teaser on 9 of 10 pages (chrome by
// frequency), a contact box on every 5th page (a snippet), and on every
// 50th page a copy of the previous page's first long paragraph with one
// word changed (a near duplicate). prev is the previous document.
func decorateSynthetic(i int, d, prev *umzug.Document) {
	text := func(key, s string) umzug.Block {
		return umzug.Block{Key: key, Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Key: "b0", Style: "normal",
			Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: s, Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}}}}
	}
	if i%10 != 0 {
		d.Blocks = append(d.Blocks, text("c900", "Stellenangebote des Öffentlichen Dienstes in Thüringen: Jetzt im Karriereportal bewerben."))
	}
	if i%5 == 0 {
		b := text("c880", "Bürgerservice des Ministeriums, Steigerstraße 24, 99096 Erfurt. Telefon 0361 57 3911-000, Sprechzeiten Montag bis Donnerstag 9 bis 15 Uhr.")
		b.Header = &umzug.Header{Text: "Ihr Kontakt zum Ministerium", Level: 2}
		d.Blocks = append(d.Blocks, b)
	}
	if i%50 == 0 && prev != nil {
		for _, b := range prev.Blocks {
			if b.Text == nil || len(strings.Fields(b.Text.Body.PlainText())) < 40 {
				continue
			}
			w := strings.Fields(b.Text.Body.PlainText())
			w[len(w)/2] = "Änderung"
			d.Blocks = append(d.Blocks, text("c990", strings.Join(w, " ")))
			break
		}
	}
}

// TestDecorateSyntheticDocuments rewrites UMZUG_SYNTH_IN (documents
// written by TestWriteSyntheticDocuments) to UMZUG_SYNTH_OUT with
// decorateSynthetic applied: the input of the de-duplication benchmark.
func TestDecorateSyntheticDocuments(t *testing.T) {
	in, out := os.Getenv("UMZUG_SYNTH_IN"), os.Getenv("UMZUG_SYNTH_OUT")
	if in == "" || out == "" {
		t.Skip("set UMZUG_SYNTH_IN and UMZUG_SYNTH_OUT to decorate synthetic documents (used by scripts/bench-load.sh)")
	}
	src, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReaderSize(src, 1<<20)
	w := bufio.NewWriterSize(dst, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var prev *umzug.Document
	for i := 0; ; i++ {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var d umzug.Document
			if err := json.Unmarshal(line, &d); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			decorateSynthetic(i, &d, prev)
			if err := enc.Encode(&d); err != nil {
				t.Fatal(err)
			}
			prev = &d
		}
		if err != nil {
			break
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
