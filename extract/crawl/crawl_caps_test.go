package crawl_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// TestSitemapCapReported: a sitemap index with more children than the cap
// is read up to the cap; the rest are counted, not silently dropped, and
// a robots.txt over 500 KiB is obeyed in its first 500 KiB.
func TestSitemapCapReported(t *testing.T) {
	const children = crawl.MaxSitemapsPerHost + 25
	var maps atomic.Int64
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.URL.Path == "/robots.txt":
				var b strings.Builder
				fmt.Fprintf(&b, "User-agent: *\nDisallow: /intern/\nSitemap: %s/index.xml\n", base)
				for b.Len() < 700<<10 {
					b.WriteString("# Füllzeile\n")
				}
				b.WriteString("Disallow: /\n") // past 500 KiB: not read
				_, _ = w.Write([]byte(b.String()))
			case r.URL.Path == "/index.xml":
				var b strings.Builder
				b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
				for i := range children {
					fmt.Fprintf(&b, "<sitemap><loc>%s/map-%d.xml</loc></sitemap>", base, i)
				}
				b.WriteString(`</sitemapindex>`)
				_, _ = w.Write([]byte(b.String()))
			case strings.HasPrefix(r.URL.Path, "/map-"):
				maps.Add(1)
				fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/intern/x</loc></url></urlset>`, base)
			default:
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte(`<html><head><title>Start</title></head><body><a href="/seite/">Seite</a></body></html>`))
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	st, err := crawl.Crawl(t.Context(), crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, Concurrency: 4},
		func(*umzug.Snapshot) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	// The index and the /sitemap.xml tried count as sitemaps read.
	const read = crawl.MaxSitemapsPerHost - 2
	if got := maps.Load(); got != read {
		t.Errorf("%d child sitemaps read; want %d", got, read)
	}
	if st.SitemapsSkipped != children-read {
		t.Errorf("SitemapsSkipped = %d; want %d", st.SitemapsSkipped, children-read)
	}
	if st.Fetched != 2 || st.RobotsBlocked != 1 {
		t.Errorf("fetched %d (want / and /seite/: the Disallow past 500 KiB is not read), robots blocked %d (want /intern/x)", st.Fetched, st.RobotsBlocked)
	}
}
