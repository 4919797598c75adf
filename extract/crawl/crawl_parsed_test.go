package crawl_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// TestCrawlParsedIsCrawl: CrawlParsed, which takes the links from the tree
// it parses for the caller, crawls as Crawl does, which tokenizes: the
// same responses in the same order, linked from the same pages, the same
// statistics, every URL requested once; and the tree it hands on is
// html.Parse's of the snapshot's body.
func TestCrawlParsedIsCrawl(t *testing.T) {
	run := func(parsed bool) ([]string, crawl.CrawlStats, int) {
		srv := fixtures.Serve(t, fixtures.Ministry)
		line := func(s *umzug.Snapshot) string { // the server's port differs between the runs
			return strings.ReplaceAll(fmt.Sprintf("%s -> %s %d depth %d from %s", s.URL, s.FinalURL, s.Status, s.Depth, s.LinkedFrom), srv.URL, "")
		}
		opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, Concurrency: 1, FetchAssets: true}
		var got []string
		trees := 0
		var st crawl.CrawlStats
		var err error
		if parsed {
			st, err = crawl.CrawlParsed(t.Context(), opts, func(s *umzug.Snapshot, root *html.Node) error {
				page := s.IsHTML() && s.Status >= 200 && s.Status < 300 && !strings.Contains(s.URL, "/fileadmin/")
				if page != (root != nil) {
					t.Errorf("%s: tree %v, want one for HTML pages only", s.URL, root != nil)
				}
				if root != nil {
					trees++
					want, err := html.Parse(bytes.NewReader(s.Body))
					if err != nil {
						t.Fatal(err)
					}
					if render(t, root) != render(t, want) {
						t.Errorf("%s: the tree is not html.Parse's of the body", s.URL)
					}
				}
				got = append(got, line(s))
				return nil
			})
		} else {
			st, err = crawl.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
				got = append(got, line(s))
				return nil
			})
		}
		if err != nil {
			t.Fatal(err)
		}
		for uri, n := range srv.Requests() {
			if n > 1 {
				t.Errorf("parsed %v: %s requested %d times", parsed, uri, n)
			}
		}
		st.Elapsed = 0
		return got, st, trees
	}
	want, wantStats, _ := run(false)
	got, gotStats, trees := run(true)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CrawlParsed's responses differ from Crawl's:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if fmt.Sprintf("%+v", gotStats) != fmt.Sprintf("%+v", wantStats) {
		t.Errorf("stats %+v, want %+v", gotStats, wantStats)
	}
	if trees == 0 || len(want) < 10 {
		t.Errorf("%d responses, %d trees: the fixture site was not crawled", len(want), trees)
	}
}

func render(t *testing.T, n *html.Node) string {
	t.Helper()
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCrawlParsedStopsOnError: an error from fn stops CrawlParsed, whose
// fetching goroutines may be waiting for a tree's slot, as it stops Crawl.
func TestCrawlParsedStopsOnError(t *testing.T) {
	srv := fixtures.Serve(t, fixtures.Ministry)
	stop := errors.New("stop")
	n := 0
	_, err := crawl.CrawlParsed(t.Context(), crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, Concurrency: 16},
		func(s *umzug.Snapshot, root *html.Node) error {
			if n++; n == 3 {
				return stop
			}
			time.Sleep(5 * time.Millisecond) // the fetchers get ahead and wait for slots
			return nil
		})
	if !errors.Is(err, stop) {
		t.Fatalf("CrawlParsed: %v, want fn's error", err)
	}
}
