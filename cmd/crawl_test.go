package cmd

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
)

func TestCrawlAndDiffFlags(t *testing.T) {
	g := &GlobalOptions{LogLevel: "info", LogFormat: "text"}
	ios, _, _ := testStreams()
	var got *CrawlCmdOptions
	cmd := NewCmdCrawl(ios, g, func(_ context.Context, o *CrawlCmdOptions) error { got = o; return nil })
	cmd.SetArgs(strings.Fields("https://a.example/ --archive arch --retries 5 --trap-budget 20 --max-body-size 5 --new-run --assets=false"))
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Archive != "arch" || got.Crawl.Retries != 5 || got.Crawl.TrapBudget != 20 || got.Crawl.MaxBodyMB != 5 || !got.NewRun || got.Crawl.Assets {
		t.Errorf("crawl options %+v", got)
	}
	for args, want := range map[string]string{
		"crawl --archive arch":          "start URL",
		"crawl https://a.example/":      "--archive DIR is required",
		"diff":                          "--archive DIR is required",
		"diff --archive a --from 1":     "both --from and --to",
		"diff --archive a --format xml": "--format",
		"extract":                       "HTML files or --archive",
		"migrate --archive a --out x --run 2 --demo": "--run selects",
	} {
		ios, _, errOut := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), strings.Fields(args), ios); code != ExitUsage || !strings.Contains(errOut.String(), want) {
			t.Errorf("umzug %s: exit %d, stderr %q; want usage error mentioning %q", args, code, errOut, want)
		}
	}
}

// TestCrawlDiffExtractMigrateFromArchive crawls the fixture site into an
// archive twice, diffs the runs, and extracts and migrates offline.
func TestCrawlDiffExtractMigrateFromArchive(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	arch := filepath.Join(t.TempDir(), "archive")
	g := &GlobalOptions{LogLevel: "warn", LogFormat: "text"}
	crawl := func() string {
		ios, out, errOut := testStreams()
		opts := &CrawlCmdOptions{Global: g, Seeds: []string{srv.URL + "/"}, Archive: arch,
			Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second, Retries: 1, TrapBudget: 100, Assets: true}}
		if err := crawlRun(t.Context(), ios, opts); err != nil {
			t.Fatalf("crawlRun: %v\n%s", err, errOut)
		}
		if out.Len() != 0 {
			t.Errorf("crawl wrote to stdout: %q", out)
		}
		return errOut.String()
	}
	pages := allowedPages(t)
	summary := crawl()
	// Every allowed page is fetched; the seeded broken links add 404 pages.
	if m := regexp.MustCompile(`Pages: (\d+), assets: `).FindStringSubmatch(summary); m == nil || atoi(m[1]) < pages {
		t.Errorf("summary reports pages %v; want at least the %d allowed pages", m, pages)
	}
	for _, want := range []string{"Run 1: fetched ", "Status: 200: ", "2 disallowed by robots.txt", "Archive: " + arch} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if s := crawl(); !strings.Contains(s, "Run 2: ") {
		t.Errorf("second crawl did not start run 2:\n%s", s)
	}

	ios, out, errOut := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"diff", "--archive", arch, "--format", "ndjson"}, ios); code != 0 {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	if out.Len() != 0 || !strings.Contains(errOut.String(), "Run 1 (complete) -> run 2 (complete): 0 added, 0 changed, 0 removed, 0 status changed") {
		t.Errorf("an unchanged site diffs as\nstdout: %s\nstderr: %s", out, errOut)
	}

	ios, out, errOut = testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", "--archive", arch}, ios); code != 0 {
		t.Fatalf("extract --archive: exit %d: %s", code, errOut)
	}
	docs := 0 // the allowed pages but a list's later pages, which are skipped
	for _, p := range testkit.MinistryPages(t) {
		if p.Robots == "allow" && !strings.HasPrefix(p.Kind, "skipped:") {
			docs++
		}
	}
	if n := strings.Count(out.String(), "\n"); n != docs {
		t.Errorf("extract --archive printed %d documents; want %d", n, docs)
	}

	// Offline migrate exports the same documents as an online one.
	online, offline := t.TempDir(), t.TempDir()
	ios, _, errOut = testStreams()
	if err := migrateRun(t.Context(), ios, &MigrateOptions{Global: g, Seeds: []string{srv.URL + "/"}, Out: online,
		Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second}}); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut)
	}
	ios, _, errOut = testStreams()
	if err := migrateRun(t.Context(), ios, &MigrateOptions{Global: g, Archive: arch, Out: offline}); err != nil {
		t.Fatalf("migrate --archive: %v\n%s", err, errOut)
	}
	a, b := readNDJSON(t, filepath.Join(online, "documents.ndjson")), readNDJSON(t, filepath.Join(offline, "documents.ndjson"))
	if len(a) != len(b) || len(a) != docs {
		t.Fatalf("online export %d documents, offline %d", len(a), len(b))
	}
	for i := range a {
		if a[i].ContentHash != b[i].ContentHash || a[i].ID != b[i].ID {
			t.Errorf("document %d differs offline: %s vs %s", i, a[i].URL, b[i].URL)
		}
		if b[i].Provenance.ArchiveRecord == "" {
			t.Errorf("%s: no archive record in provenance", b[i].URL)
		}
	}
	var m map[string]any
	mb, _ := os.ReadFile(filepath.Join(offline, "manifest.json"))
	if err := json.Unmarshal(mb, &m); err != nil {
		t.Errorf("offline manifest: %v", err)
	}
}

func TestCrawlInterruptedPrintsHowToResume(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	arch := filepath.Join(t.TempDir(), "my archive")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // Ctrl-C before the first page
	ios, _, errOut := testStreams()
	err := crawlRun(ctx, ios, &CrawlCmdOptions{Global: &GlobalOptions{LogLevel: "warn", LogFormat: "text"},
		Seeds: []string{srv.URL + "/"}, Archive: arch, Crawl: CrawlFlags{Concurrency: 2, Timeout: 5 * time.Second}})
	if err == nil {
		t.Fatal("crawlRun succeeded after Ctrl-C")
	}
	want := "Interrupted. Run the same command again to resume run 1:\n  umzug crawl " + srv.URL + "/ --archive '" + arch + "'"
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
	}
}

// allowedPages counts the fixture site's pages that robots.txt allows,
// from its ground truth.
func allowedPages(t *testing.T) int {
	t.Helper()
	b, err := fs.ReadFile(fixtures.Testdata, "testdata/ministry-pages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		if strings.HasSuffix(line, "\tallow") {
			n++
		}
	}
	return n
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// A crawl that stops after the start page while its links lead to many
// URLs of one other origin (a copy whose <base href> names the public
// site) says which flag is missing; with --public-url, a fuller crawl or
// a few external links it says nothing.
func TestScopeHint(t *testing.T) {
	stuck := crawl.CrawlStats{Fetched: 1, OutOfScope: 26, TopOutOfScope: "http://www.mulf.elbland.example", TopOutOfScopeURLs: 17}
	var b strings.Builder
	writeScopeHint(&b, stuck, "")
	if !strings.Contains(b.String(), "--public-url http://www.mulf.elbland.example") || !strings.Contains(b.String(), "--allow-host www.mulf.elbland.example") {
		t.Errorf("hint = %q; want --public-url and --allow-host named", b.String())
	}
	for _, c := range []struct {
		st     crawl.CrawlStats
		public string
	}{
		{stuck, "http://www.mulf.elbland.example"},
		{crawl.CrawlStats{Fetched: 40, OutOfScope: 60, TopOutOfScope: "https://www.youtube.com", TopOutOfScopeURLs: 30}, ""},
		{crawl.CrawlStats{Fetched: 1, OutOfScope: 2, TopOutOfScope: "https://www.youtube.com", TopOutOfScopeURLs: 2}, ""},
	} {
		b.Reset()
		writeScopeHint(&b, c.st, c.public)
		if b.Len() > 0 {
			t.Errorf("%+v, --public-url %q: hint %q; want none", c.st, c.public, b.String())
		}
	}
}
