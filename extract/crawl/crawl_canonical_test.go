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

// A copy of a site whose pages name the public site in <base href>
// (TYPO3's config.baseURL) links only there: the crawl ends at the start
// page, and its stats name the origin the links lead to and how many of
// its URLs (distinct), so that the summary can say which flag is missing.
func TestCrawlNamesTheOriginOutOfScope(t *testing.T) {
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			w.Write([]byte(`<html><head><base href="http://www.umwelt.land.example/"><title>Start</title></head><body>
<a href="ministerium.html">Ministerium</a> <a href="themen.html">Themen</a> <a href="presse.html">Presse</a> <a href="presse.html">Presse</a>
<a href="index.php?id=12">Kontakt</a> <a href="https://www.youtube.com/watch?v=x">Video</a></body></html>`))
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	snaps, st := crawlAll(t, srv, crawl.CrawlOptions{NoSitemaps: true})
	if len(snaps) != 1 {
		t.Errorf("fetched %d; want the start page only", len(snaps))
	}
	if st.TopOutOfScope != "http://www.umwelt.land.example" || st.TopOutOfScopeURLs != 4 {
		t.Errorf("top out of scope %q, %d URLs; want http://www.umwelt.land.example, 4", st.TopOutOfScope, st.TopOutOfScopeURLs)
	}
}
