package cmd

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/load"
)

// syntheticServer serves n pages of the synthetic site; onPage is called
// with the number of pages served so far.
func syntheticServer(t *testing.T, n int, delay time.Duration, onPage func(int64)) (*fixtures.Server, *atomic.Int64) {
	t.Helper()
	var pages atomic.Int64
	var up atomic.Bool
	up.Store(true)
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				_, _ = w.Write([]byte(strings.ReplaceAll(fixtures.SyntheticRobots, fixtures.BaseToken, base)))
				return
			}
			if b, ok := fixtures.SyntheticAsset(r.URL.Path); ok {
				_, _ = w.Write(b)
				return
			}
			i, ok := fixtures.SyntheticIndex(r.URL.Path)
			if !ok || i >= n {
				http.NotFound(w, r)
				return
			}
			k := pages.Add(1)
			if onPage != nil {
				onPage(k)
			}
			time.Sleep(delay)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(fixtures.SyntheticPage(n, i))
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv, &pages
}

// TestMigrateInterruptedWithArchive: Ctrl-C during migrate --archive
// exports what was crawled, marked interrupted (exit 130); the same
// command again resumes the run and writes a complete export.
func TestMigrateInterruptedWithArchive(t *testing.T) {
	const n = 80
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	srv, _ := syntheticServer(t, n, 2*time.Millisecond, func(k int64) {
		if k == 30 {
			cancel() // Ctrl-C
		}
	})
	arch, out := filepath.Join(t.TempDir(), "archive"), filepath.Join(t.TempDir(), "export")
	args := []string{"migrate", srv.URL + "/", "--archive", arch, "--out", out, "--concurrency", "2", "--log-level", "error"}
	ios, _, stderr := testStreams()
	if code := Execute(ctx, NewRootCmd(ios), args, ios); code != ExitInterrupted {
		t.Fatalf("exit %d after Ctrl-C; want %d\n%s", code, ExitInterrupted, stderr)
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatalf("no export after Ctrl-C: %v\n%s", err, stderr)
	}
	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	if m.Status != umzug.StatusInterrupted || len(docs) == 0 || len(docs) >= n {
		t.Errorf("after Ctrl-C: manifest status %q with %d documents; want interrupted with some of the %d pages", m.Status, len(docs), n)
	}
	runs, err := archive.ArchiveRuns(t.Context(), arch)
	if err != nil || len(runs) != 1 || runs[0].Status != umzug.StatusInterrupted {
		t.Errorf("archive runs %+v, %v; want one interrupted run", runs, err)
	}
	// load refuses the interrupted export.
	ios2, _, stderr2 := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios2), []string{"load", out, "--out", filepath.Join(t.TempDir(), "copy")}, ios2); code != ExitError || !strings.Contains(stderr2.String(), "interrupted") {
		t.Errorf("load of an interrupted export: exit %d\n%s", code, stderr2)
	}

	ios3, _, stderr3 := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios3), args, ios3); code != ExitOK {
		t.Fatalf("resumed migrate: exit %d\n%s", code, stderr3)
	}
	m, err = load.ReadManifest(out)
	if err != nil || m.Status != umzug.StatusComplete {
		t.Errorf("after the resume: manifest %+v, %v; want complete", m.Status, err)
	}
	if docs := readNDJSON(t, filepath.Join(out, "documents.ndjson")); len(docs) < n-5 {
		t.Errorf("after the resume: %d documents of %d pages", len(docs), n)
	}
}

// TestMigrateInterruptedWithoutArchive: Ctrl-C during migrate exports
// what was crawled, marked interrupted; nothing looks complete.
func TestMigrateInterruptedWithoutArchive(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	srv, _ := syntheticServer(t, 80, 2*time.Millisecond, func(k int64) {
		if k == 20 {
			cancel()
		}
	})
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(ctx, NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--concurrency", "2", "--log-level", "error"}, ios); code != ExitInterrupted {
		t.Fatalf("exit %d; want %d\n%s", code, ExitInterrupted, stderr)
	}
	if m, err := load.ReadManifest(out); err != nil || m.Status != umzug.StatusInterrupted {
		t.Errorf("manifest %+v, %v; want status interrupted", m.Status, err)
	}
}

// panicParser is an extractor that panics on some pages, as the real one
// did on one page of the evaluation set.
type panicParser struct {
	real  *html.Parser
	on    func(url string) bool
	calls atomic.Int64
}

func (p *panicParser) ParseSnapshot(s *umzug.Snapshot, root *xhtml.Node) (umzug.Document, error) {
	p.calls.Add(1)
	if p.on(s.URL) {
		var m map[string]int
		m["boom"]++ // nil map: a real runtime panic
	}
	return p.real.ParseSnapshot(s, root)
}

func (p *panicParser) ParseHTML(r io.Reader, u string) (umzug.Document, error) {
	if p.on(u) {
		panic("extractor panic")
	}
	return p.real.ParseHTML(r, u)
}

// TestPanickingPageIsAFailedPage: a panic in the extractor for one page
// makes that page a failure with its URL and reason (log, summary,
// manifest, failures.ndjson); every other page is exported, the run is
// partial. The same for extract --archive and audit --archive.
func TestPanickingPageIsAFailedPage(t *testing.T) {
	const n = 30
	srv, _ := syntheticServer(t, n, 0, nil)
	bad := srv.URL + fixtures.SyntheticPath(7)
	parser := &panicParser{real: html.NewParser(), on: func(u string) bool { return u == bad }}
	arch, out := filepath.Join(t.TempDir(), "archive"), filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	g := &GlobalOptions{LogLevel: "warn", LogFormat: "text"}
	err := migrateRun(t.Context(), ios, &MigrateOptions{Global: g, Seeds: []string{srv.URL + "/"}, Archive: arch, Out: out,
		Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second, Retries: 1}, parser: parser})
	if code := exitCode(err); code != ExitPartial {
		t.Fatalf("migrate with a panicking page: %v (exit %d); want exit %d\n%s", err, code, ExitPartial, stderr)
	}
	fails := testkit.ReadNDJSON[umzug.Failure](t, filepath.Join(out, "failures.ndjson"))
	if len(fails) != 1 || fails[0].URL != bad || fails[0].Reason != "extract-panic" || !strings.Contains(fails[0].Message, "nil map") {
		t.Errorf("failures %+v; want one extract-panic of %s", fails, bad)
	}
	m, _ := load.ReadManifest(out)
	if m.Status != umzug.StatusPartial || m.Failures["extract-panic"] != 1 {
		t.Errorf("manifest %s %v", m.Status, m.Failures)
	}
	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	if len(docs) < n-3 { // a few synthetic pages are listings without content
		t.Errorf("%d documents of %d pages: the panic cost more than its page", len(docs), n)
	}
	for _, want := range []string{"extract-panic", bad, "msg=failed"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	// extract --archive and audit --archive with the same parser.
	ios, stdout, stderr := testStreams()
	err = extractRun(t.Context(), ios, &ExtractOptions{Global: g, Archive: arch, parser: parser})
	if code := exitCode(err); code != ExitPartial || !strings.Contains(stderr.String(), "extract-panic") || strings.Count(stdout.String(), "\n") < n-3 {
		t.Errorf("extract --archive: exit %d, %d documents\n%s", code, strings.Count(stdout.String(), "\n"), stderr)
	}
	ios, _, stderr = testStreams()
	err = auditRun(t.Context(), ios, &AuditOptions{Global: g, Archive: arch, Format: "ndjson", parser: parser})
	if code := exitCode(err); code != ExitPartial || !strings.Contains(stderr.String(), "extract-panic") {
		t.Errorf("audit --archive: exit %d (%v)\n%s", code, err, stderr)
	}
}

// TestDamagedArchiveRecordsAreFailures: with one WARC file cut short, the
// pages whose records are gone are failures naming URL and WARC file,
// counted in the summary; the export is partial (exit 4), never silently
// smaller.
func TestDamagedArchiveRecordsAreFailures(t *testing.T) {
	const n = 40
	srv, _ := syntheticServer(t, n, 0, nil)
	arch := filepath.Join(t.TempDir(), "archive")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"crawl", srv.URL + "/", "--archive", arch, "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("crawl: exit %d\n%s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(arch, "warc", "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("%d WARC files", len(files))
	}
	st, _ := os.Stat(files[0])
	if err := os.Truncate(files[0], st.Size()*2/3); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr = testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", "--archive", arch, "--out", out, "--log-level", "warn"}, ios)
	if code != ExitPartial {
		t.Fatalf("migrate of a damaged archive: exit %d; want %d\n%s", code, ExitPartial, stderr)
	}
	fails := testkit.ReadNDJSON[umzug.Failure](t, filepath.Join(out, "failures.ndjson"))
	if len(fails) == 0 {
		t.Fatal("no failure recorded for the records cut off")
	}
	name := filepath.Base(files[0])
	for _, f := range fails {
		if f.Reason != umzug.ReasonArchiveUnreadable || !strings.Contains(f.Message, name) || !strings.Contains(f.Record, name) || f.URL == "" {
			t.Errorf("failure %+v: want archive-unreadable naming %s", f, name)
		}
	}
	m, _ := load.ReadManifest(out)
	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	if m.Status != umzug.StatusPartial || m.Failures[umzug.ReasonArchiveUnreadable] != len(fails) {
		t.Errorf("manifest %s %v; want partial with %d archive-unreadable", m.Status, m.Failures, len(fails))
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("  %-20s %6d  ", umzug.ReasonArchiveUnreadable, len(fails))) {
		t.Errorf("summary does not count the unreadable records:\n%s", stderr)
	}
	t.Logf("%d pages: %d documents, %d unreadable records", n, len(docs), len(fails))

	ios, _, stderr = testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", "--archive", arch, "--out", filepath.Join(t.TempDir(), "d.ndjson"), "--log-level", "warn"}, ios); code != ExitPartial ||
		!strings.Contains(stderr.String(), name) {
		t.Errorf("extract --archive of a damaged archive: exit %d\n%s", code, stderr)
	}
}

// TestDiffAfterOutage: a re-crawl while the site is down is a failed run
// (exit 5, marked failed in the archive); diff reports no removals from
// it (exit 5, says the run failed); the next good run is compared with
// the last good one.
func TestDiffAfterOutage(t *testing.T) {
	const n = 25
	var down atomic.Bool
	var mu sync.Mutex
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				mu.Lock()
				defer mu.Unlock()
				http.Error(w, "Wartung", http.StatusServiceUnavailable)
				return
			}
			if r.URL.Path == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			i, ok := fixtures.SyntheticIndex(r.URL.Path)
			if !ok || i >= n {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(fixtures.SyntheticPage(n, i))
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	arch := filepath.Join(t.TempDir(), "archive")
	crawl := func(want int) {
		t.Helper()
		ios, _, stderr := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), []string{"crawl", srv.URL + "/", "--archive", arch, "--retries", "1", "--log-level", "error"}, ios); code != want {
			t.Fatalf("crawl: exit %d; want %d\n%s", code, want, stderr)
		}
	}
	diff := func(want int) string {
		t.Helper()
		ios, stdout, stderr := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), []string{"diff", "--archive", arch}, ios); code != want {
			t.Fatalf("diff: exit %d; want %d\n%s%s", code, want, stdout, stderr)
		}
		return stdout.String() + stderr.String()
	}
	crawl(ExitOK)
	down.Store(true)
	crawl(ExitFailed)
	runs, err := archive.ArchiveRuns(t.Context(), arch)
	if err != nil || len(runs) != 2 || runs[1].Status != umzug.StatusFailed {
		t.Fatalf("runs %+v, %v; want the second marked failed", runs, err)
	}
	if got := diff(ExitFailed); strings.Contains(got, "\nremoved ") || strings.HasPrefix(got, "removed ") || !strings.Contains(got, "run 2 failed") || !strings.Contains(got, "http-503") {
		t.Errorf("diff against the failed run:\n%s", got)
	}
	// Offline exports skip the failed run.
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", "--archive", arch, "--out", out, "--log-level", "error"}, ios); code != ExitOK {
		t.Errorf("offline export after the outage: exit %d\n%s", code, stderr)
	}
	down.Store(false)
	crawl(ExitOK)
	if got := diff(ExitOK); strings.Contains(got, "\nremoved ") || strings.HasPrefix(got, "removed ") || !strings.Contains(got, "Run 1 (complete) -> run 3 (complete)") {
		t.Errorf("diff after the site is back:\n%s", got)
	}
}

// panicExplainer is an extractor whose explanation panics.
type panicExplainer struct{}

func (panicExplainer) Explain(io.Reader, string) (html.Explanation, error) {
	var m map[string]int
	m["boom"]++ // nil map: a real runtime panic
	return html.Explanation{}, nil
}

// TestExplainPanicIsAFailure: a panic while explaining the one page asked
// for is that page's failure (extract-panic, exit 5), not a crash.
func TestExplainPanicIsAFailure(t *testing.T) {
	page := filepath.Join(t.TempDir(), "seite.html")
	if err := os.WriteFile(page, []byte("<html><head><title>Seite</title></head><body><main><p>Text.</p></main></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, stdout, _ := testStreams()
	g := &GlobalOptions{LogLevel: "warn", LogFormat: "text"}
	err := explainRun(t.Context(), ios, &ExtractOptions{Global: g, Explain: page}, panicExplainer{}, page)
	if code := exitCode(err); code != ExitFailed || !strings.Contains(err.Error(), "extract-panic") || !strings.Contains(err.Error(), "nil map") {
		t.Errorf("explain of a panicking page: %v (exit %d); want exit %d naming extract-panic", err, code, ExitFailed)
	}
	if stdout.Len() != 0 {
		t.Errorf("explain wrote %q to stdout after a panic", stdout)
	}
}
