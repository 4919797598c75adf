package crawl_test

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
)

// TestFetchAssetsTakesDataFiles: with FetchAssets, a page's links to data
// and calendar files (a CSV table, an ICS date, a vCard, a plain-text
// list) are fetched and recorded as assets like its PDF, since they are
// downloads the new site must carry; links to the site's machinery (a
// style sheet, a feed) are still never fetched.
func TestFetchAssetsTakesDataFiles(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html><head><title>Downloads</title></head><body><main><h1>Downloads</h1><ul>
<li><a href="/files/haushalt.pdf">Haushaltsplan (PDF)</a></li>
<li><a href="/files/haushalt.csv">Haushaltsplan als Tabelle (CSV)</a></li>
<li><a href="/files/termin.ics">Termin in den Kalender</a></li>
<li><a href="/files/kontakt.vcf">Kontakt als vCard</a></li>
<li><a href="/files/liste.txt">Liste der Orte (Text)</a></li>
<li><a href="/style/site.css">Stil</a> <a href="/feed.rss">Feed</a></li>
</ul></main></body></html>`))
	})
	for _, f := range []struct{ path, typ string }{
		{"/files/haushalt.pdf", "application/pdf"}, {"/files/haushalt.csv", "text/csv"},
		{"/files/termin.ics", "text/calendar"}, {"/files/kontakt.vcf", "text/vcard"},
		{"/files/liste.txt", "text/plain"}, {"/style/site.css", "text/css"}, {"/feed.rss", "application/rss+xml"},
	} {
		mux.HandleFunc(f.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", f.typ)
			w.Write([]byte("Ort;Betrag\nA;1\n"))
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var got []string
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, Concurrency: 1, FetchAssets: true, NoSitemaps: true}
	if _, err := crawl.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
		if s.Status == http.StatusOK && !s.IsHTML() {
			got = append(got, strings.TrimPrefix(s.URL, srv.URL))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	want := "/files/haushalt.csv /files/haushalt.pdf /files/kontakt.vcf /files/liste.txt /files/termin.ics"
	if strings.Join(got, " ") != want {
		t.Errorf("files fetched: %v, want %s", got, want)
	}
}
