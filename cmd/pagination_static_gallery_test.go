package cmd

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug/fixtures"
)

// A news list whose page shows a static gallery (c900, two pictures, not
// paginated) above the paginated tx_news list: page 2 repeats it. The
// list page's gallery must keep its two pictures.
func TestMigrateStaticGalleryOnListPagesNotDuplicated(t *testing.T) {
	dir := filepath.Join("..", "extract", "html", "testdata", "pagination")
	file := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	gal := `<div id="c900" class="frame frame-default frame-type-gallery"><div class="gallery-row">` +
		`<div class="gallery-item"><figure class="image"><img src="/fileadmin/_processed_/a/csm_pressestelle-1_ab.jpg" width="600" height="400" alt="Die Pressestelle"><figcaption class="caption">Die Pressestelle im Altbau</figcaption></figure></div>` +
		`<div class="gallery-item"><figure class="image"><img src="/fileadmin/_processed_/b/csm_pressestelle-2_ab.jpg" width="600" height="400" alt="Das Team"><figcaption class="caption">Das Team der Pressestelle</figcaption></figure></div>` +
		`</div></div>`
	inject := func(s string) string {
		i := strings.Index(s, `<div id="c800"`)
		return s[:i] + gal + s[i:]
	}
	p1, p2 := inject(file("news-list-page-1.html")), inject(file("news-list-page-2.html"))
	handler := func(string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			const list = "/presse/pressemitteilungen/"
			switch {
			case r.URL.Path == "/":
				_, _ = w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ministerium</title></head><body><main><h1>Willkommen</h1><p>Das Ministerium informiert über Landwirtschaft, Wald und den ländlichen Raum im ganzen Land.</p><p><a href="` + list + `">Pressemitteilungen</a></p></main></body></html>`))
			case r.URL.Path == list:
				_, _ = w.Write([]byte(p1))
			case r.URL.Path == list+"page-2":
				_, _ = w.Write([]byte(queryRe.ReplaceAllString(p2, `href="`+list+`page-$1"`)))
			case strings.HasPrefix(r.URL.Path, "/fileadmin/"):
				w.Header().Set("Content-Type", "image/jpeg")
				_, _ = w.Write([]byte("\xff\xd8\xff\xe0 jpeg"))
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
	for _, d := range readNDJSON(t, filepath.Join(out, "documents.ndjson")) {
		if strings.TrimPrefix(d.URL, srv.URL) != "/presse/pressemitteilungen/" {
			continue
		}
		for _, b := range d.Blocks {
			if b.Key == "c900" && b.Gallery != nil {
				var caps []string
				for _, it := range b.Gallery.Items {
					caps = append(caps, it.Caption)
				}
				if len(caps) != 2 {
					t.Errorf("static gallery c900 on the list page has %d pictures: %q; want 2", len(caps), caps)
				}
				return
			}
		}
		t.Fatalf("no gallery c900 in the list page's document")
	}
	t.Fatal("list page not exported")
}
