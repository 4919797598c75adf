package crawl_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// syntheticSite serves fixtures.SyntheticPage on demand, pausing delay per
// page so a crawl lasts long enough to be interrupted.
func syntheticSite(t testing.TB, n int, delay time.Duration) (*fixtures.Server, *atomic.Int64) {
	t.Helper()
	var pages atomic.Int64
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
			pages.Add(1)
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

// TestCrawlChild is the crawl that TestCrawlResumesAfterKill runs in a
// child process (this test binary, re-executed) and kills.
func TestCrawlChild(t *testing.T) {
	arch, seed := os.Getenv("UMZUG_CHILD_ARCHIVE"), os.Getenv("UMZUG_CHILD_SEED")
	if arch == "" {
		t.Skip("run by TestCrawlResumesAfterKill in a child process")
	}
	st, err := crawl.Crawl(context.Background(), crawl.CrawlOptions{
		Seeds: []string{seed}, ArchiveDir: arch, Concurrency: 4, Timeout: 10 * time.Second, NoSitemaps: true,
	}, func(*umzug.Snapshot) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("child: run %d resumed %v fetched %d\n", st.RunID, st.Resumed, st.Fetched)
}

// TestCrawlResumesAfterKill kills a crawling child process with SIGKILL in
// the middle of a crawl, runs the same crawl again, and checks that across
// both processes every page was fetched once (allowing those under way at
// the kill), none was lost, and no WARC record is torn. UMZUG_KILL_PAGES
// sets the site's size (default 400); the closing note reports a 10k run.
func TestCrawlResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	n := 400
	if v := os.Getenv("UMZUG_KILL_PAGES"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	srv, pages := syntheticSite(t, n, 2*time.Millisecond)
	dir := t.TempDir()
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrawlChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "UMZUG_CHILD_ARCHIVE="+dir, "UMZUG_CHILD_SEED="+srv.URL+"/")
		return cmd
	}
	start := time.Now()
	first := child()
	var out1 strings.Builder
	first.Stdout, first.Stderr = &out1, &out1
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	waited := make(chan error, 1)
	go func() { waited <- first.Wait() }()
	killAt := int64(n / 3)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
wait:
	for {
		select {
		case err := <-waited:
			t.Fatalf("the child finished before it was killed (%d pages): %v\n%s", pages.Load(), err, out1.String())
		case <-tick.C:
			if pages.Load() >= killAt {
				once.Do(func() { _ = first.Process.Kill() })
				<-waited
				break wait
			}
		}
	}
	atKill := pages.Load()
	second := child()
	out2, err := second.CombinedOutput()
	if err != nil {
		t.Fatalf("resumed crawl: %v\n%s", err, out2)
	}
	if !strings.Contains(string(out2), "resumed true") {
		t.Errorf("the second process did not resume the run:\n%s", out2)
	}
	took := time.Since(start)

	twice, lost := 0, 0
	reqs := srv.Requests()
	for i := range n {
		p := fixtures.SyntheticPath(i)
		if reqs[p] > 1 {
			twice++
		}
	}
	archived := map[string]bool{}
	if err := archive.ReadArchive(t.Context(), dir, func(s *umzug.Snapshot) error {
		if s.Status == 200 && s.IsHTML() {
			archived[strings.TrimPrefix(s.URL, srv.URL)] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if !archived[fixtures.SyntheticPath(i)] {
			lost++
		}
	}
	responses := checkWARCFiles(t, dir)
	t.Logf("%d pages, killed after %d page requests: %d pages fetched twice, %d lost, %d responses archived, %s in all",
		n, atKill, twice, lost, responses, took.Round(time.Millisecond))
	// Pages under way at the kill: fetched by the killed process but not
	// committed yet. The crawler bounds them by its workers and the
	// archive writer's queue.
	if maxTwice := 4 + 4*4 + 1; twice > maxTwice {
		t.Errorf("%d pages fetched twice; at most %d may have been under way", twice, maxTwice)
	}
	if lost > 0 {
		t.Errorf("%d pages lost", lost)
	}
	runs, err := archive.ArchiveRuns(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Status != "complete" || runs[0].Sessions != 2 || runs[0].Queued != 0 {
		t.Errorf("runs %+v; want one complete run of two sessions", runs)
	}
}

// TestCrawlCancelledResumes: Ctrl-C (a cancelled context) stops the crawl
// cleanly; the same crawl continues the run without refetching what was
// recorded.
func TestCrawlCancelledResumes(t *testing.T) {
	const n = 120
	srv, _ := syntheticSite(t, n, time.Millisecond)
	dir := t.TempDir()
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Concurrency: 4, NoSitemaps: true}
	ctx, cancel := context.WithCancel(t.Context())
	seen := 0
	st1, err := crawl.Crawl(ctx, opts, func(*umzug.Snapshot) error {
		if seen++; seen == 30 {
			cancel()
		}
		return nil
	})
	if err != context.Canceled {
		t.Fatalf("Crawl returned %v; want context.Canceled", err)
	}
	runs, err := archive.ArchiveRuns(t.Context(), dir)
	if err != nil || len(runs) != 1 || runs[0].Status != "interrupted" || runs[0].Queued == 0 {
		t.Fatalf("after Ctrl-C: runs %+v, %v; want one interrupted run with URLs queued", runs, err)
	}
	st2, err := crawl.Crawl(t.Context(), opts, func(*umzug.Snapshot) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !st2.Resumed || st2.RunID != st1.RunID {
		t.Errorf("second crawl: run %d resumed %v; want run %d resumed", st2.RunID, st2.Resumed, st1.RunID)
	}
	reqs := srv.Requests()
	twice := 0
	for i := range n {
		switch c := reqs[fixtures.SyntheticPath(i)]; {
		case c == 0:
			t.Errorf("%s never fetched", fixtures.SyntheticPath(i))
		case c > 1:
			twice++
		}
	}
	// Requests under way at the cancel are not recorded and go again.
	if twice > 4 {
		t.Errorf("%d pages fetched twice; at most the 4 under way at the cancel may be", twice)
	}
}

func TestCrawlHonoursCrawlDelayAndSitemapLastmod(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/robots.txt":
				fmt.Fprintf(w, "User-agent: *\nCrawl-delay: 0.15\n\nSitemap: %s/sitemap-index.xml\n", base)
				return
			case "/sitemap.xml":
				http.NotFound(w, r)
				return
			case "/sitemap-index.xml":
				fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/pages.xml.gz</loc></sitemap></sitemapindex>`, base)
				return
			case "/pages.xml.gz":
				var b strings.Builder
				fmt.Fprintf(&b, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
				for _, p := range []string{"/a/", "/b/", "/c/"} {
					fmt.Fprintf(&b, `<url><loc>%s%s</loc><lastmod>2024-03-0%d</lastmod></url>`, base, p, len(p))
				}
				b.WriteString(`</urlset>`)
				w.Header().Set("Content-Type", "application/gzip")
				_, _ = w.Write(gzipBytes(t, b.String()))
				return
			}
			mu.Lock()
			times = append(times, time.Now())
			mu.Unlock()
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(page("Seite", "")))
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	var got []string
	if _, err := crawl.Crawl(t.Context(), crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Concurrency: 8},
		func(s *umzug.Snapshot) error {
			got = append(got, strings.TrimPrefix(s.URL, srv.URL))
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Errorf("crawled %v; want / and the sitemap's three pages", got)
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 140*time.Millisecond {
			t.Errorf("requests %d and %d %v apart; robots.txt asks for 150ms", i-1, i, gap)
		}
	}
	entries, err := archive.SitemapEntries(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.LastMod != "" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d sitemap lastmod values kept; want 3", n)
	}
}
