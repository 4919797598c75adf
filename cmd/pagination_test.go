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
// is crawled from them and exported. A bootstrap_package gallery of two
// pages is one document whose gallery holds the pictures of both.
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
	gallery1, gallery2 := file("gallery-page-1.html"), file("gallery-page-2.html")
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
					`<p>Das Ministerium informiert über Landwirtschaft, Wald und den ländlichen Raum im ganzen Land.</p><p><a href="` + list + `">Pressemitteilungen</a> <a href="/ministerium/bildergalerie/">Bildergalerie</a> <a href="` + list + `?tx_news_pi1%5BcurrentPage%5D=2">ältere Meldungen</a></p></main></body></html>`))
			case r.URL.Path == "/ministerium/bildergalerie/":
				if strings.Contains(r.URL.RawQuery, "page%5D=2") || strings.Contains(r.URL.RawQuery, "page]=2") {
					_, _ = w.Write([]byte(gallery2))
					return
				}
				_, _ = w.Write([]byte(gallery1))
			case strings.HasPrefix(r.URL.Path, "/fileadmin/"):
				w.Header().Set("Content-Type", "image/jpeg")
				_, _ = w.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
			case r.URL.Path == list:
				n := r.URL.Query().Get("tx_news_pi1[currentPage]")
				if pages[n] == "" {
					_, _ = w.Write([]byte(pages["1"])) // the list page links routed pages
					return
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
	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	for _, d := range docs {
		u := strings.TrimPrefix(d.URL, srv.URL)
		urls[u] = true
		if strings.Contains(u, "page-2") || strings.Contains(u, "page-3") || strings.Contains(u, "currentPage%5D=2") || strings.Contains(u, "currentPage%5D=3") || strings.Contains(u, "paginate") {
			t.Errorf("a later page of the list was exported: %s", u)
		}
	}
	if !urls["/presse/pressemitteilungen/"] {
		t.Errorf("the list's first page was not exported; documents: %v", urls)
	}
	// Page 1 under its number (the "previous" link of page 2) is the
	// list's page: an alias, not a second document.
	for _, d := range docs {
		u := strings.TrimPrefix(d.URL, srv.URL)
		if strings.Contains(u, "page-1") || strings.Contains(u, "currentPage%5D=1") {
			t.Errorf("page 1 under its number is a document of its own: %s", u)
		}
		if u == "/presse/pressemitteilungen/" {
			aliases := strings.Join(d.Provenance.AliasURLs, " ")
			if !strings.Contains(aliases, "/presse/pressemitteilungen/page-1") {
				t.Errorf("aliases of the list page %q; want its /page-1", d.Provenance.AliasURLs)
			}
		}
	}
	if len(releases) != 5 {
		t.Fatalf("%d releases in the list pages; want 5", len(releases))
	}
	for r := range releases {
		if !urls[r] {
			t.Errorf("release %s (linked from a list page) not exported", r)
		}
	}
	// The gallery's second page is no document: its two pictures are in
	// the gallery of the first page's document, after its ten.
	var gallery []string
	for _, d := range docs {
		if strings.TrimPrefix(d.URL, srv.URL) != "/ministerium/bildergalerie/" {
			continue
		}
		for _, b := range d.Blocks {
			if b.Key == "c812" && b.Gallery != nil {
				for _, it := range b.Gallery.Items {
					gallery = append(gallery, it.Caption)
				}
			}
		}
	}
	if len(gallery) != 12 || gallery[10] != "Besucherinnen und Besucher im Lichthof" || gallery[11] != "Am Modell-Melkstand durften Kinder selbst melken" {
		t.Errorf("gallery of the first page: %q; want its 10 pictures and the 2 of page 2", gallery)
	}

	// and their pictures are assets of the export, in a document
	assets, err := os.ReadFile(filepath.Join(out, "assets.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(assets), "csm_tag-der-offenen-tuer-12") {
		t.Error("no asset for a picture of the gallery's page 2")
	}

	// The old URLs of the later pages redirect to the list's and the
	// gallery's new pages.
	redirects, err := os.ReadFile(filepath.Join(out, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		srv.URL + "/presse/pressemitteilungen/page-2,/presse/pressemitteilungen,301",
		srv.URL + "/presse/pressemitteilungen/page-3,/presse/pressemitteilungen,301",
		srv.URL + "/presse/pressemitteilungen/?tx_news_pi1%5BcurrentPage%5D=2,/presse/pressemitteilungen,301",
	} {
		if !strings.Contains(string(redirects), want) {
			t.Errorf("redirects.csv has no %q:\n%s", want, redirects)
		}
	}
	galleryRedirect := false
	for _, line := range strings.Split(string(redirects), "\n") {
		galleryRedirect = galleryRedirect || strings.Contains(line, "/ministerium/bildergalerie/?") && strings.Contains(line, "paginate") && strings.HasSuffix(line, ",/ministerium/bildergalerie,301")
	}
	if !galleryRedirect {
		t.Errorf("redirects.csv does not send the gallery's page 2 to its page:\n%s", redirects)
	}

	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Skipped["pagination"] < 5 {
		t.Errorf("manifest skipped %v; want the 4 later list pages (routed and query) and the gallery's page 2 as pagination", m.Skipped)
	}
}
