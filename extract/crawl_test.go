package extract_test

import (
	"bufio"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/fixtures"
)

// ministryPages reads fixtures/testdata/ministry-pages.tsv: the fixture
// author's list of pages with their expected extraction.
type pageTruth struct {
	Path, Kind, Title, Published, Number, Publisher, Robots string
}

func ministryPages(t *testing.T) []pageTruth {
	t.Helper()
	f, err := fixtures.Testdata.Open("testdata/ministry-pages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []pageTruth
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 7 {
			t.Fatalf("ministry-pages.tsv: %d columns in %q", len(c), sc.Text())
		}
		out = append(out, pageTruth{c[0], c[1], c[2], c[3], c[4], c[5], c[6]})
	}
	if len(out) < 40 {
		t.Fatalf("ministry-pages.tsv lists %d pages; the fixture site has at least 40", len(out))
	}
	return out
}

func crawlAll(t *testing.T, srv *fixtures.Server, opts extract.CrawlOptions) ([]*umzug.Snapshot, extract.CrawlStats) {
	t.Helper()
	if opts.Seeds == nil {
		opts.Seeds = []string{srv.URL + "/"}
	}
	var mu sync.Mutex
	var got []*umzug.Snapshot
	st, err := extract.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, s)
		// A consumer slower than the fetchers leaves snapshots queued when
		// the last fetch ends; none may be lost.
		time.Sleep(time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return got, st
}

func TestCrawlFetchesEveryPageOnceAtHighConcurrency(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	snaps, st := crawlAll(t, srv, extract.CrawlOptions{Concurrency: 32})

	reqs := srv.Requests()
	for uri, n := range reqs {
		if n > 1 {
			t.Errorf("%s requested %d times; want once", uri, n)
		}
	}
	fetched := map[string]bool{}
	for _, s := range snaps {
		fetched[strings.TrimPrefix(s.URL, srv.URL)] = true
	}
	for _, p := range ministryPages(t) {
		switch p.Robots {
		case "allow":
			if !fetched[p.Path] {
				t.Errorf("%s was not crawled", p.Path)
			}
		case "disallow":
			if reqs[p.Path] > 0 {
				t.Errorf("%s is disallowed by robots.txt but was requested", p.Path)
			}
		}
	}
	if st.RobotsBlocked == 0 {
		t.Errorf("stats report no URL blocked by robots.txt; the fixture disallows some")
	}
	for _, ua := range srv.UserAgents() {
		if !strings.Contains(ua, "umzug") {
			t.Errorf("user agent %q does not name umzug", ua)
		}
	}
}

func TestCrawlSnapshotsAreDecodedHTMLWithFacts(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	snaps, _ := crawlAll(t, srv, extract.CrawlOptions{})
	for _, s := range snaps {
		if s.Status != http.StatusOK {
			continue
		}
		if !s.IsHTML() {
			t.Errorf("%s: content type %q; the crawler follows only pages", s.URL, s.ContentType)
			continue
		}
		if s.Charset != "utf-8" || len(s.Body) == 0 || len(s.RawSHA256) != 64 || s.FetchedAt.IsZero() {
			t.Errorf("%s: charset %q, %d bytes, sha %q, fetched %v", s.URL, s.Charset, len(s.Body), s.RawSHA256, s.FetchedAt)
		}
	}
}

func TestCrawlRespectsLimitsAndScope(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	tests := []struct {
		name  string
		opts  extract.CrawlOptions
		check func(t *testing.T, snaps []*umzug.Snapshot, st extract.CrawlStats)
	}{
		{"max pages", extract.CrawlOptions{MaxPages: 5, NoSitemaps: true}, func(t *testing.T, snaps []*umzug.Snapshot, st extract.CrawlStats) {
			if len(snaps) != 5 || st.OverBudget == 0 {
				t.Errorf("got %d snapshots, %d over budget; want 5 and more than 0", len(snaps), st.OverBudget)
			}
		}},
		{"max depth 1", extract.CrawlOptions{MaxDepth: 1, NoSitemaps: true}, func(t *testing.T, snaps []*umzug.Snapshot, st extract.CrawlStats) {
			for _, s := range snaps {
				if s.Depth > 1 {
					t.Errorf("%s at depth %d; want at most 1", s.URL, s.Depth)
				}
			}
			if len(snaps) < 5 {
				t.Errorf("got %d snapshots; the home page links to more", len(snaps))
			}
		}},
		{"include", extract.CrawlOptions{Include: []*regexp.Regexp{regexp.MustCompile(`/presse/`)}, Seeds: []string{srv.URL + "/presse/"}}, func(t *testing.T, snaps []*umzug.Snapshot, st extract.CrawlStats) {
			for _, s := range snaps {
				if !strings.Contains(s.URL, "/presse/") {
					t.Errorf("%s fetched outside --include", s.URL)
				}
			}
			if len(snaps) < 15 {
				t.Errorf("got %d snapshots under /presse/; want the releases and lists", len(snaps))
			}
		}},
		{"exclude", extract.CrawlOptions{Exclude: []*regexp.Regexp{regexp.MustCompile(`/presse/`)}}, func(t *testing.T, snaps []*umzug.Snapshot, st extract.CrawlStats) {
			for _, s := range snaps {
				if strings.Contains(s.URL, "/presse/") {
					t.Errorf("%s fetched despite --exclude", s.URL)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snaps, st := crawlAll(t, srv, tt.opts)
			tt.check(t, snaps, st)
		})
	}
}

func TestCrawlIgnoreRobotsFetchesDisallowed(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	crawlAll(t, srv, extract.CrawlOptions{IgnoreRobots: true})
	reqs := srv.Requests()
	for _, p := range ministryPages(t) {
		if p.Robots == "disallow" && reqs[p.Path] == 0 {
			t.Errorf("%s not fetched with IgnoreRobots", p.Path)
		}
	}
}

func TestCrawlStopsWhenCallbackFails(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	n := 0
	stop := errorString("disk full")
	_, err := extract.Crawl(t.Context(), extract.CrawlOptions{Seeds: []string{srv.URL + "/"}}, func(*umzug.Snapshot) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Fatalf("Crawl returned %v; want the callback's error", err)
	}
	if n != 3 {
		t.Errorf("callback called %d times; want it not called after it failed", n)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
