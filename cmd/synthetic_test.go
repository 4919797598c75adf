package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
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
				d, err := extract.ParseHTML(bytes.NewReader(fixtures.SyntheticPage(n, i)), origin+fixtures.SyntheticPath(i))
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
