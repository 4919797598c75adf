package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// slowParser takes a random time per page and panics on the URLs it is
// told to; it checks that it is handed the parsed tree.
type slowParser struct{ panicOn string }

func (p slowParser) ParseSnapshot(s *umzug.Snapshot, root *html.Node) (umzug.Document, error) {
	time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
	if s.URL == p.panicOn {
		panic("boom")
	}
	if root == nil {
		return umzug.Document{}, errors.New("no tree handed over")
	}
	return umzug.Document{URL: s.URL, Title: "T " + s.URL}, nil
}

type recordSink struct {
	pages  []*Page
	failAt int // return an error for this page (1-based); 0 never
}

func (r *recordSink) Add(p *Page) error {
	r.pages = append(r.pages, p)
	if len(r.pages) == r.failAt {
		return errors.New("disk full")
	}
	return nil
}

func snapshots(n int) []*umzug.Snapshot {
	out := make([]*umzug.Snapshot, n)
	for i := range out {
		u := fmt.Sprintf("https://www.example.de/p%d/", i)
		out[i] = &umzug.Snapshot{URL: u, FinalURL: u, Status: 200, ContentType: "text/html",
			Header: http.Header{}, Body: []byte("<html><body><main><p>x</p></main></body></html>")}
	}
	return out
}

// TestStreamKeepsOrderAcrossWorkers: pages worked on by many goroutines
// reach the sink in the order they were added, each with its own
// document; a panic is that page's failure only.
func TestStreamKeepsOrderAcrossWorkers(t *testing.T) {
	snaps := snapshots(300)
	fails, err := NewFailureLog(slog.New(slog.DiscardHandler), false)
	if err != nil {
		t.Fatal(err)
	}
	w := &Work{Parser: slowParser{panicOn: snaps[17].URL}, Fails: fails, Workers: 8}
	sink := &recordSink{}
	st := w.Process(t.Context(), sink)
	for _, s := range snaps {
		if err := st.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if len(sink.pages) != len(snaps) {
		t.Fatalf("sink got %d pages; want %d", len(sink.pages), len(snaps))
	}
	for i, p := range sink.pages {
		if p.Snapshot != snaps[i] {
			t.Fatalf("page %d is %s; want %s (order lost)", i, p.Snapshot.URL, snaps[i].URL)
		}
		switch {
		case i == 17:
			if !p.Panicked || p.Doc != nil {
				t.Errorf("page 17: panicked %v, doc %v; want a panicked page without document", p.Panicked, p.Doc)
			}
		case p.Err != nil || p.Doc == nil || p.Doc.Title != "T "+snaps[i].URL:
			t.Errorf("page %d: doc %+v, err %v", i, p.Doc, p.Err)
		}
	}
	if got := fails.ByReason()[umzug.PanicReason(umzug.StageExtract)]; got != 1 || fails.Total() != 1 {
		t.Errorf("failures %v; want one extract panic", fails.ByReason())
	}
}

// TestStreamStopsAtSinkError: after the sink fails, Add and Close return
// its error and no later page reaches it.
func TestStreamStopsAtSinkError(t *testing.T) {
	snaps := snapshots(200)
	w := &Work{Parser: slowParser{}, Workers: 4}
	sink := &recordSink{failAt: 50}
	st := w.Process(t.Context(), sink)
	var addErr error
	for _, s := range snaps {
		if addErr = st.Add(s); addErr != nil {
			break
		}
	}
	err := st.Close()
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Close: %v; want the sink's error", err)
	}
	if addErr != nil && !strings.Contains(addErr.Error(), "disk full") {
		t.Errorf("Add: %v", addErr)
	}
	if len(sink.pages) != 50 {
		t.Errorf("sink got %d pages; want the 50 up to its error", len(sink.pages))
	}
}
