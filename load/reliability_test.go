package load_test

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// TestNewExporterRemovesStaleTempFiles: an export killed before its
// commit leaves ".documents.ndjson.tmp-…" files; the next export into the
// directory removes them, and nothing else.
func TestNewExporterRemovesStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale := []string{".documents.ndjson.tmp-123", ".redirects.csv.tmp-9", filepath.Join("schema", ".document.schema.json.tmp-77")}
	keep := []string{"notes.txt", ".umzug-push-state.ndjson", "documents.ndjson.tmp-not-ours"}
	for _, n := range append(append([]string{}, stale...), keep...) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newExporter(t, dir)
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s still there (%v)", n, err)
		}
	}
	for _, n := range keep {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// TestSpoolLeavesNoFileBehind: a spool's file has no name while it is
// used (where the system allows), so a killed run leaves nothing in the
// temporary directory.
func TestSpoolLeavesNoFileBehind(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows cannot remove the name of an open file")
	}
	dir := t.TempDir()
	sp, err := load.NewSpool(dir)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := load.NewTempLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sp.Append("k", map[string]int{"a": 1}); err != nil {
		t.Fatal(err)
	}
	if err := tl.Append(map[string]int{"b": 2}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("temporary files visible while in use: %v", entries)
	}
	var got map[string]int
	if err := sp.Read(0, &got); err != nil || got["a"] != 1 {
		t.Errorf("spool read back %v, %v", got, err)
	}
	if err := sp.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := tl.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// TestPushRefusesIncompleteExport: a partial or interrupted export is not
// pushed (a redirect map without the pages not crawled would 404 them),
// unless AllowPartial says so.
func TestPushRefusesIncompleteExport(t *testing.T) {
	for _, status := range []string{umzug.StatusPartial, umzug.StatusInterrupted, umzug.StatusFailed} {
		dir := t.TempDir()
		e := newExporter(t, dir)
		if _, err := e.WriteDocuments([]umzug.Document{doc("a", umzug.KindPage, "A")}); err != nil {
			t.Fatal(err)
		}
		e.SetStatus(status, map[string]int{"timeout": 3})
		if _, err := e.Finish("2024-03-12T10:05:00Z", nil); err != nil {
			t.Fatal(err)
		}
		if m := readManifest(t, dir); m.Status != status || m.Failures["timeout"] != 3 {
			t.Errorf("manifest status %q failures %v", m.Status, m.Failures)
		}
		cms := &flakyCMS{r: rand.New(rand.NewPCG(1, 1)), token: "geheim", stored: map[string]string{}, acks: map[string]int{}}
		srv := httptest.NewServer(cms)
		_, err := load.Push(t.Context(), dir, pushOpts(srv.URL))
		if !errors.Is(err, load.ErrNotComplete) || !strings.Contains(err.Error(), status) || !strings.Contains(err.Error(), "timeout 3") || cms.requests != 0 {
			t.Errorf("push of a %s export: %v, %d requests; want ErrNotComplete naming status and failures, no request", status, err, cms.requests)
		}
		o := pushOpts(srv.URL)
		o.AllowPartial = true
		if st, err := load.Push(t.Context(), dir, o); err != nil || st.Sent != 1 {
			t.Errorf("push of a %s export with AllowPartial: %+v, %v", status, st, err)
		}
		srv.Close()
	}
}

// TestPushChild is the push that TestPushResumesAfterKill runs in a child
// process and kills.
func TestPushChild(t *testing.T) {
	dir, target := os.Getenv("UMZUG_PUSH_DIR"), os.Getenv("UMZUG_PUSH_TARGET")
	if dir == "" {
		t.Skip("run by TestPushResumesAfterKill in a child process")
	}
	o := pushOpts(target)
	o.Retries = 3
	st, err := load.Push(t.Context(), dir, o)
	fmt.Printf("child: %+v %v\n", st, err)
	if err != nil {
		t.Fatal(err)
	}
}

// TestPushResumesAfterKill kills a pushing child process (kill -9) in the
// middle of a push and runs the push again: every record ends up at the
// target, and only the records in flight at the kill are sent twice.
func TestPushResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir, want := pushExport(t, 300)
	var mu sync.Mutex
	puts := map[string]int{}
	stored := map[string]string{}
	acked := 0
	killAt := len(want) / 3
	kill := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := make([]byte, 0, 512)
		sc := bufio.NewScanner(r.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			body = append(body, sc.Bytes()...)
		}
		key := strings.TrimPrefix(r.URL.Path, "/api/")
		time.Sleep(time.Millisecond)
		mu.Lock()
		puts[key]++
		stored[key] = string(body)
		acked++
		if acked == killAt {
			once.Do(func() { close(kill) })
		}
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPushChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "UMZUG_PUSH_DIR="+dir, "UMZUG_PUSH_TARGET="+srv.URL)
		return cmd
	}
	first := child()
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- first.Wait() }()
	select {
	case <-kill:
		_ = first.Process.Kill()
		<-done
	case err := <-done:
		t.Fatalf("the push finished before it was killed: %v", err)
	case <-time.After(60 * time.Second):
		_ = first.Process.Kill()
		t.Fatal("the push did not get far enough in 60s")
	}
	mu.Lock()
	atKill := acked
	mu.Unlock()
	if out, err := child().CombinedOutput(); err != nil {
		t.Fatalf("resumed push: %v\n%s", err, out)
	}
	mu.Lock()
	defer mu.Unlock()
	twice := 0
	for k, line := range want {
		if stored[k] != line {
			t.Errorf("%s lost: target holds %.60q", k, stored[k])
		}
		if puts[k] > 1 {
			twice++
		}
	}
	t.Logf("%d records, killed after %d acknowledged: %d sent twice", len(want), atKill, twice)
	// In flight at the kill: the workers' requests (4) and the acks the
	// child had not recorded yet.
	if inFlight := 4 + (atKill - killAt) + 4; twice > inFlight {
		t.Errorf("%d records sent twice; at most %d were in flight", twice, inFlight)
	}
}
