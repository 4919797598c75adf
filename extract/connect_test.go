package extract

import (
	"net/http"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/fixtures"
)

func TestConnectorNamed(t *testing.T) {
	c, err := newConnector(Origins{"https://www.a.example": "http://127.0.0.1:8080/"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"http://127.0.0.1:8080":          "https://www.a.example",
		"http://127.0.0.1:8080/":         "https://www.a.example/",
		"http://127.0.0.1:8080/a/?b=1#c": "https://www.a.example/a/?b=1#c",
		"http://127.0.0.1:80801/a":       "http://127.0.0.1:80801/a", // another port
		"HTTP://127.0.0.1:8080/x":        "https://www.a.example/x",
		"https://127.0.0.1:8080/x":       "https://127.0.0.1:8080/x", // another scheme
		"https://www.a.example/y":        "https://www.a.example/y",
	} {
		if got := c.named(in); got != want {
			t.Errorf("named(%q) = %q; want %q", in, got, want)
		}
	}
	for _, bad := range []Origins{{"www.a.example": "http://127.0.0.1:1"}, {"https://a.example/path": "http://127.0.0.1:1"}, {"https://a.example": "ftp://x"}} {
		if _, err := newConnector(bad); err == nil {
			t.Errorf("newConnector(%v) accepted a bad origin", bad)
		}
	}
}

// TestCrawlConnectTo crawls the fixture site under its public name while
// the server listens on a random port: every URL the crawl reports names
// the public origin, absolute redirects and sitemap entries included.
func TestCrawlConnectTo(t *testing.T) {
	const public = "https://www.tmdi.thueringen.example"
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		h := fixtures.SiteHandler(fixtures.Ministry, base) // sitemap and robots.txt name the server's own address
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/alt/" { // an absolute redirect to the server's own address
				http.Redirect(w, r, base+"/presse/", http.StatusMovedPermanently)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var urls []string
	st, err := Crawl(t.Context(), CrawlOptions{
		Seeds: []string{public + "/", public + "/alt/"}, ConnectTo: Origins{public: srv.URL}, Concurrency: 4,
	}, func(s *umzug.Snapshot) error {
		urls = append(urls, s.URL, s.FinalURL, s.LinkedFrom)
		for _, h := range s.Redirects {
			urls = append(urls, h.URL)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Fetched < 40 {
		t.Fatalf("fetched %d pages under the public name; want the whole site", st.Fetched)
	}
	for _, u := range urls {
		if u != "" && !strings.HasPrefix(u, public+"/") {
			t.Errorf("the crawl reports %q: not under %s", u, public)
		}
	}
	if srv.Requests()["/presse/"] != 1 {
		t.Errorf("/presse/ asked %d times; want once (the redirect target is the same URL)", srv.Requests()["/presse/"])
	}
}
