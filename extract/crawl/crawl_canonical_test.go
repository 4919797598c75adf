package crawl_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// A page linked only as a variant ("?nn=…", GSB's navigation context)
// that declares its canonical URL has the canonical URL fetched too: the
// export needs its content to tell whether the variant is that page. A
// canonical URL on another host is out of scope as any link.
func TestCrawlFetchesDeclaredCanonicalURL(t *testing.T) {
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			switch r.URL.Path {
			case "/":
				w.Write([]byte(`<html><head><link rel="canonical" href="/"></head><body><a href="/DE/Wald/wald_node.html?nn=104712">Wald</a></body></html>`))
			case "/DE/Wald/wald_node.html":
				w.Write([]byte(`<html><head><link rel="stylesheet" href="/css/site.css"><link rel="canonical" href="` + base + `/DE/Wald/wald_node.html"><link rel="alternate" href="/EN/Forest/forest_node.html"></head><body><p>Wald</p></body></html>`))
			default:
				http.NotFound(w, r)
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	snaps, _ := crawlAll(t, srv, crawl.CrawlOptions{NoSitemaps: true})
	var got []string
	for _, s := range snaps {
		got = append(got, s.URL)
	}
	slices.Sort(got)
	want := []string{srv.URL + "/", srv.URL + "/DE/Wald/wald_node.html", srv.URL + "/DE/Wald/wald_node.html?nn=104712"}
	if !slices.Equal(got, want) {
		t.Errorf("fetched %q; want %q (the canonical URL, not the stylesheet or the alternate)", got, want)
	}
}
