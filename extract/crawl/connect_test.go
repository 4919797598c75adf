package crawl

import (
	"net/http"
	"strings"
	"sync"
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

// TestAuthViaConnect: with ConnectTo, the staging credentials (keyed by
// the mirror's host) go with the requests that name the public origin,
// because the mirror is the host contacted; the public host itself, and
// any other host, never gets them.
func TestAuthViaConnect(t *testing.T) {
	auth := &Auth{Hosts: []string{"127.0.0.1:8080"}, Header: http.Header{"X-Token": {"t"}},
		Basic: map[string]Credentials{"127.0.0.1:8080": {User: "u", Password: "p"}}}
	via, err := auth.Via(Origins{"https://www.a.example": "http://127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a    *Auth
		url  string
		want bool
	}{
		{via, "https://www.a.example/x", true},   // connects to the mirror
		{via, "http://127.0.0.1:8080/x", true},   // the mirror itself
		{via, "http://www.a.example/x", false},   // another origin of the public host: not connected
		{via, "https://cdn.a.example/x", false},  // another host
		{auth, "https://www.a.example/x", false}, // without Via the public host is just another host
	} {
		req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
		tt.a.Apply(req)
		_, _, hasUser := req.BasicAuth()
		if (req.Header.Get("X-Token") != "") != tt.want || hasUser != tt.want {
			t.Errorf("%s: token %q, basic auth %v; want both %v", tt.url, req.Header.Get("X-Token"), hasUser, tt.want)
		}
	}
}

// TestCrawlConnectToWithAuth: a password-protected mirror crawled under
// the public name answers every page (the credentials reach it), and no
// request to the mirror lacks them.
func TestCrawlConnectToWithAuth(t *testing.T) {
	const public = "https://www.tmdi.thueringen.example"
	var mu sync.Mutex
	denied := 0
	srv, err := fixtures.StartHandler(func(base string) http.Handler {
		h := fixtures.SiteHandler(fixtures.Ministry, public)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if u, p, ok := r.BasicAuth(); !ok || u != "redaktion" || p != "geheim" || r.Header.Get("X-Staging") != "tok" {
				mu.Lock()
				denied++
				mu.Unlock()
				http.Error(w, "Anmeldung erforderlich", http.StatusUnauthorized)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	statuses := map[int]int{}
	st, err := Crawl(t.Context(), CrawlOptions{
		Seeds: []string{public + "/"}, ConnectTo: Origins{public: srv.URL}, Concurrency: 4,
		Auth: &Auth{Hosts: []string{host}, Header: http.Header{"X-Staging": {"tok"}},
			Basic: map[string]Credentials{host: {User: "redaktion", Password: "geheim"}}},
	}, func(s *umzug.Snapshot) error {
		statuses[s.Status]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Fetched < 40 || statuses[401] != 0 || denied != 0 {
		t.Errorf("fetched %d, statuses %v, %d requests without credentials; want the whole site, none denied", st.Fetched, statuses, denied)
	}
}
