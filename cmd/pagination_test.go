package cmd

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/load"
)

// TestMigrateSkipsLaterListPages migrates a press section whose tx_news
// list has three pages (routed "/page-2", "/page-3", and the query form
// tx_news_pi1[currentPage]): the list's first page is a document, its
// later pages are skipped as "pagination", and every release they link
// is crawled from them and exported.
var (
	routedRe = regexp.MustCompile(`href="/presse/pressemitteilungen/page-([0-9]+)"`)
	queryRe  = regexp.MustCompile(`href="/presse/pressemitteilungen/\?[^"]*currentPage%5D=([0-9]+)[^"]*"`)
)

func TestMigrateSkipsLaterListPages(t *testing.T) {
	dir := filepath.Join("..", "extract", "html", "testdata", "pagination")
	file := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pages := map[string]string{
		"1": file("news-list-page-1.html"), "2": file("news-list-page-2.html"), "3": file("news-list-page-3-query.html"),
	}
	releases := map[string]bool{}
	for _, p := range pages {
		for _, part := range strings.Split(p, `href="/presse/pressemitteilungen/detail/`)[1:] {
			releases["/presse/pressemitteilungen/detail/"+part[:strings.IndexByte(part, '"')]] = true
		}
	}
	handler := func(string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			const list = "/presse/pressemitteilungen/"
			switch {
			case r.URL.Path == "/":
				_, _ = w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ministerium</title></head><body><main><h1>Willkommen</h1>` +
					`<p>Das Ministerium informiert über Landwirtschaft, Wald und den ländlichen Raum im ganzen Land.</p><p><a href="` + list + `">Pressemitteilungen</a></p></main></body></html>`))
			case r.URL.Path == list:
				n := r.URL.Query().Get("tx_news_pi1[currentPage]")
				if pages[n] == "" {
					n = "1"
				}
				// a page in the query form links its neighbours in that form
				_, _ = w.Write([]byte(routedRe.ReplaceAllString(pages[n], `href="`+list+`?tx_news_pi1%5BcurrentPage%5D=$1"`)))
			case strings.HasPrefix(r.URL.Path, list+"page-") && pages[strings.TrimPrefix(r.URL.Path, list+"page-")] != "":
				// a routed page links its neighbours routed
				_, _ = w.Write([]byte(queryRe.ReplaceAllString(pages[strings.TrimPrefix(r.URL.Path, list+"page-")], `href="`+list+`page-$1"`)))
			case releases[r.URL.Path]:
				title := strings.TrimPrefix(r.URL.Path, list+"detail/")
				_, _ = w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>` + title + `</title></head><body><main><div class="news news-single"><div class="article">` +
					`<div class="header"><h1 itemprop="headline">Meldung ` + title + `</h1></div><div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="2026-10-01T10:00:00+02:00">01.10.2026</time></span></p></div>` +
					`<div class="news-text-wrap" itemprop="articleBody"><p>Das Ministerium teilt zu ` + title + ` mit, dass die Arbeiten planmäßig vorankommen und im Frühjahr abgeschlossen sein sollen.</p></div></div></div></main></body></html>`))
			default:
				http.NotFound(w, r)
			}
		})
	}
	srv, err := fixtures.StartHandler(handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "warn"}, ios); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	urls := map[string]bool{}
	for _, d := range readNDJSON(t, filepath.Join(out, "documents.ndjson")) {
		u := strings.TrimPrefix(d.URL, srv.URL)
		urls[u] = true
		if strings.Contains(u, "page-2") || strings.Contains(u, "page-3") || strings.Contains(u, "currentPage%5D=2") || strings.Contains(u, "currentPage%5D=3") {
			t.Errorf("a later page of the list was exported: %s", u)
		}
	}
	if !urls["/presse/pressemitteilungen/"] {
		t.Errorf("the list's first page was not exported; documents: %v", urls)
	}
	if len(releases) != 5 {
		t.Fatalf("%d releases in the list pages; want 5", len(releases))
	}
	for r := range releases {
		if !urls[r] {
			t.Errorf("release %s (linked from a list page) not exported", r)
		}
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Skipped["pagination"] < 3 {
		t.Errorf("manifest skipped %v; want the later list pages as pagination", m.Skipped)
	}
}
