package load_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// flakyCMS is a CMS API on 127.0.0.1 that fails at random: 500 before
// storing, 429, storing and then dropping the connection, storing and
// then answering 503. It keeps what it stored and counts acknowledgements.
type flakyCMS struct {
	mu       sync.Mutex
	r        *rand.Rand
	token    string
	failRate float64
	stored   map[string]string
	acks     map[string]int
	requests int
	onAck    func(n int)
}

func (c *flakyCMS) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	c.mu.Lock()
	c.requests++
	roll := c.r.Float64()
	c.mu.Unlock()
	if req.Method != http.MethodPut || req.Header.Get("Authorization") != "Bearer "+c.token || req.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	key := strings.TrimPrefix(req.URL.Path, "/api/")
	store := func() {
		c.mu.Lock()
		c.stored[key] = string(body)
		c.mu.Unlock()
	}
	f := c.failRate
	switch {
	case roll < f*0.4:
		http.Error(w, "boom", http.StatusInternalServerError)
		return
	case roll < f*0.6:
		w.Header().Set("Retry-After", "0")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case roll < f*0.8:
		store()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	case roll < f:
		store()
		http.Error(w, "stored, but", http.StatusServiceUnavailable)
		return
	}
	store()
	c.mu.Lock()
	c.acks[key]++
	n := len(c.acks)
	onAck := c.onAck // the test resets it while requests of a cancelled push may still run
	c.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
	if onAck != nil {
		onAck(n)
	}
}

// pushExport writes an export with documents, snippets and assets and
// returns its directory and every record as collection/id -> line.
func pushExport(t *testing.T, n int) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	e := newExporter(t, dir)
	var docs []umzug.Document
	for i := range n {
		docs = append(docs, doc(fmt.Sprintf("d%d", i), umzug.KindPage, fmt.Sprintf("Seite %d", i), textBlock("c1", fmt.Sprintf("Text %d", i))))
	}
	if _, err := e.WriteDocuments(docs); err != nil {
		t.Fatal(err)
	}
	sw, err := e.Create("snippets.ndjson", "snippet")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		sn := umzug.Snippet{ID: uid(fmt.Sprintf("s%d", i)), Block: textBlock("c880", fmt.Sprintf("Kontakt %d", i)), Documents: 2, Refs: 2, ContentHash: "sha256:" + strings.Repeat("a", 64)}
		if err := sw.Write(&sn); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Commit(); err != nil {
		t.Fatal(err)
	}
	aw, err := e.Create("assets.ndjson", "asset")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		if err := aw.Write(&umzug.Asset{ID: uid(fmt.Sprintf("a%d", i)), URL: fmt.Sprintf("https://www.example.de/fileadmin/%d.pdf", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := aw.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Finish("2024-01-01T00:00:00Z", nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for file, coll := range map[string]string{"documents.ndjson": "documents", "snippets.ndjson": "snippets", "assets.ndjson": "assets"} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			id := strings.SplitN(strings.SplitN(sc.Text(), `"id":"`, 2)[1], `"`, 2)[0]
			want[coll+"/"+id] = sc.Text()
		}
		f.Close()
	}
	return dir, want
}

func pushOpts(url string) load.PushOptions {
	return load.PushOptions{BaseURL: url + "/api", Token: "geheim", Concurrency: 4, Retries: 12,
		MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond}
}

func TestPushFlakyTargetLosesAndDuplicatesNothing(t *testing.T) {
	dir, want := pushExport(t, 60)
	cms := &flakyCMS{r: rand.New(rand.NewPCG(1, 2)), token: "geheim", failRate: 0.4, stored: map[string]string{}, acks: map[string]int{}}
	srv := httptest.NewServer(cms)
	defer srv.Close()

	st, err := load.Push(t.Context(), dir, pushOpts(srv.URL))
	if err != nil {
		t.Fatalf("Push: %v (stats %+v)", err, st)
	}
	if st.Sent != len(want) || st.Failed != 0 || st.Requests <= len(want) {
		t.Errorf("stats %+v; want %d sent, none failed, retries made", st, len(want))
	}
	cms.mu.Lock()
	if len(cms.stored) != len(want) {
		t.Errorf("target holds %d records; want %d", len(cms.stored), len(want))
	}
	for k, line := range want {
		if cms.stored[k] != line {
			t.Errorf("target %s = %.60q; want %.60q", k, cms.stored[k], line)
		}
		if cms.acks[k] != 1 {
			t.Errorf("target acknowledged %s %d times; want once", k, cms.acks[k])
		}
	}
	before := cms.requests
	cms.mu.Unlock()

	// A second run sends nothing: every contentHash was confirmed.
	st2, err := load.Push(t.Context(), dir, pushOpts(srv.URL))
	if err != nil || st2.Sent != 0 || st2.Skipped != len(want) || cms.requests != before {
		t.Errorf("second push: %+v, %v, %d new requests; want all %d skipped, none sent", st2, err, cms.requests-before, len(want))
	}
	// Another target has its own state.
	other := httptest.NewServer(&flakyCMS{r: rand.New(rand.NewPCG(3, 4)), token: "geheim", stored: map[string]string{}, acks: map[string]int{}})
	defer other.Close()
	if st3, err := load.Push(t.Context(), dir, pushOpts(other.URL)); err != nil || st3.Sent != len(want) {
		t.Errorf("push to another target: %+v, %v; want all %d sent", st3, err, len(want))
	}
}

func TestPushResumesAfterInterruption(t *testing.T) {
	dir, want := pushExport(t, 80)
	ctx, cancel := context.WithCancel(t.Context())
	cms := &flakyCMS{r: rand.New(rand.NewPCG(5, 6)), token: "geheim", failRate: 0.2, stored: map[string]string{}, acks: map[string]int{}}
	cms.onAck = func(n int) {
		if n == 30 {
			cancel()
		}
	}
	srv := httptest.NewServer(cms)
	defer srv.Close()
	st1, err := load.Push(ctx, dir, pushOpts(srv.URL))
	if err == nil {
		t.Fatalf("interrupted push returned no error (stats %+v)", st1)
	}
	cms.mu.Lock()
	cms.onAck = nil
	cms.mu.Unlock()
	st2, err := load.Push(t.Context(), dir, pushOpts(srv.URL))
	if err != nil {
		t.Fatalf("resumed push: %v", err)
	}
	cms.mu.Lock()
	defer cms.mu.Unlock()
	if st2.Skipped != st1.Sent || st1.Sent+st2.Sent != len(want) {
		t.Errorf("first run sent %d, second skipped %d and sent %d; want the second to skip what the first confirmed and send the rest of %d", st1.Sent, st2.Skipped, st2.Sent, len(want))
	}
	for k, line := range want {
		if cms.stored[k] != line {
			t.Errorf("after resume, target %s = %.60q", k, cms.stored[k])
		}
	}
}

func TestPushDryRunAndPermanentErrors(t *testing.T) {
	dir, want := pushExport(t, 3)
	cms := &flakyCMS{r: rand.New(rand.NewPCG(1, 1)), token: "geheim", stored: map[string]string{}, acks: map[string]int{}}
	srv := httptest.NewServer(cms)
	defer srv.Close()
	o := pushOpts(srv.URL)
	o.DryRun = true
	var planned []string
	o.OnPlan = func(method, u string, size int) { planned = append(planned, method+" "+u) }
	st, err := load.Push(t.Context(), dir, o)
	if err != nil || st.Planned != len(want) || len(planned) != len(want) || cms.requests != 0 {
		t.Errorf("dry run: %+v, %v, %d planned, %d requests; want %d planned, no request", st, err, len(planned), cms.requests, len(want))
	}
	if _, err := os.Stat(filepath.Join(dir, load.StateFile)); err == nil {
		t.Errorf("dry run wrote a push state")
	}
	// A wrong token is a 400 here: not retried, reported, the run goes on.
	o = pushOpts(srv.URL)
	o.Token = "falsch"
	st, err = load.Push(t.Context(), dir, o)
	if err == nil || st.Failed != len(want) || st.Requests != len(want) {
		t.Errorf("rejected push: %+v, %v; want %d failed after one request each", st, err, len(want))
	}
	if _, err := load.Push(t.Context(), t.TempDir(), pushOpts(srv.URL)); err == nil || !strings.Contains(err.Error(), "manifest.json") {
		t.Errorf("push of a directory without manifest: %v; want an error naming manifest.json", err)
	}
}
