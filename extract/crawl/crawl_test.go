package crawl_test

import (
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
)

func crawlAll(t *testing.T, srv *fixtures.Server, opts crawl.CrawlOptions) ([]*umzug.Snapshot, crawl.CrawlStats) {
	t.Helper()
	if opts.Seeds == nil {
		opts.Seeds = []string{srv.URL + "/"}
	}
	var mu sync.Mutex
	var got []*umzug.Snapshot
	st, err := crawl.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
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
	snaps, st := crawlAll(t, srv, crawl.CrawlOptions{Concurrency: 32})

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
	for _, p := range testkit.MinistryPages(t) {
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
	snaps, _ := crawlAll(t, srv, crawl.CrawlOptions{})
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
		opts  crawl.CrawlOptions
		check func(t *testing.T, snaps []*umzug.Snapshot, st crawl.CrawlStats)
	}{
		{"max pages", crawl.CrawlOptions{MaxPages: 5, NoSitemaps: true}, func(t *testing.T, snaps []*umzug.Snapshot, st crawl.CrawlStats) {
			if len(snaps) != 5 || st.OverBudget == 0 {
				t.Errorf("got %d snapshots, %d over budget; want 5 and more than 0", len(snaps), st.OverBudget)
			}
		}},
		{"max depth 1", crawl.CrawlOptions{MaxDepth: 1, NoSitemaps: true}, func(t *testing.T, snaps []*umzug.Snapshot, st crawl.CrawlStats) {
			for _, s := range snaps {
				if s.Depth > 1 {
					t.Errorf("%s at depth %d; want at most 1", s.URL, s.Depth)
				}
			}
			if len(snaps) < 5 {
				t.Errorf("got %d snapshots; the home page links to more", len(snaps))
			}
		}},
		{"include", crawl.CrawlOptions{Include: []*regexp.Regexp{regexp.MustCompile(`/presse/`)}, Seeds: []string{srv.URL + "/presse/"}}, func(t *testing.T, snaps []*umzug.Snapshot, st crawl.CrawlStats) {
			for _, s := range snaps {
				if !strings.Contains(s.URL, "/presse/") {
					t.Errorf("%s fetched outside --include", s.URL)
				}
			}
			if len(snaps) < 15 {
				t.Errorf("got %d snapshots under /presse/; want the releases and lists", len(snaps))
			}
		}},
		{"exclude", crawl.CrawlOptions{Exclude: []*regexp.Regexp{regexp.MustCompile(`/presse/`)}}, func(t *testing.T, snaps []*umzug.Snapshot, st crawl.CrawlStats) {
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
	crawlAll(t, srv, crawl.CrawlOptions{IgnoreRobots: true})
	reqs := srv.Requests()
	for _, p := range testkit.MinistryPages(t) {
		if p.Robots == "disallow" && reqs[p.Path] == 0 {
			t.Errorf("%s not fetched with IgnoreRobots", p.Path)
		}
	}
}

func TestCrawlStopsWhenCallbackFails(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	n := 0
	stop := errorString("disk full")
	_, err := crawl.Crawl(t.Context(), crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}}, func(*umzug.Snapshot) error {
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
