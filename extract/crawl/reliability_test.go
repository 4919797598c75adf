package crawl

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/umzug/umzug"
)

func TestRunOutcome(t *testing.T) {
	tests := []struct {
		urls        int
		fails       map[string]int
		interrupted bool
		want        string
	}{
		{57, nil, false, umzug.StatusComplete},
		{57, map[string]int{"timeout": 2}, false, umzug.StatusPartial},
		{57, map[string]int{"unreachable": 40}, false, umzug.StatusFailed},
		{234, map[string]int{"http-503": 200, "timeout": 30}, false, umzug.StatusFailed},
		{1, map[string]int{"http-401": 1}, false, umzug.StatusFailed},
		{0, nil, false, umzug.StatusFailed},
		{57, map[string]int{"unreachable": 40}, true, umzug.StatusInterrupted},
	}
	for _, tt := range tests {
		if got := runOutcome(tt.urls, tt.fails, tt.interrupted); got != tt.want {
			t.Errorf("runOutcome(%d, %v, %v) = %s; want %s", tt.urls, tt.fails, tt.interrupted, got, tt.want)
		}
	}
}

// TestAuthSensitive: the crawl hands the archive a classifier that
// redacts credentials, cookies and every header Auth adds (the archive's
// own test checks that the request records obey it).
func TestAuthSensitive(t *testing.T) {
	auth := &Auth{Hosts: []string{"staging.example.de"}, Header: http.Header{"X-Staging-Token": {"tok-1"}}}
	for h, want := range map[string]bool{"Authorization": true, "Cookie": true, "X-Staging-Token": true, "x-staging-token": true,
		"Proxy-Authorization": true, "User-Agent": false, "Accept": false} {
		if got := auth.sensitive(h); got != want {
			t.Errorf("sensitive(%q) = %v; want %v", h, got, want)
		}
	}
}

// TestAuthScope: Auth adds its headers and basic auth to the hosts it
// names only, and a redirect to another host loses them.
func TestAuthScope(t *testing.T) {
	auth := &Auth{Hosts: []string{"staging.example.de", "127.0.0.1:8080"}, Header: http.Header{"X-Token": {"t"}},
		Basic: map[string]Credentials{"staging.example.de": {User: "u", Password: "p"}}}
	for _, tt := range []struct {
		url         string
		token, user bool
	}{
		{"https://staging.example.de/", true, true},
		{"https://STAGING.example.de:443/x", true, true},
		{"http://127.0.0.1:8080/", true, false},
		{"https://www.example.de/", false, false},
		{"https://staging.example.de.evil.example/", false, false},
	} {
		req, _ := http.NewRequest(http.MethodGet, tt.url, nil)
		auth.Apply(req)
		_, _, hasUser := req.BasicAuth()
		if (req.Header.Get("X-Token") != "") != tt.token || hasUser != tt.user {
			t.Errorf("%s: token %q, basic auth %v; want token %v, basic auth %v", tt.url, req.Header.Get("X-Token"), hasUser, tt.token, tt.user)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, "https://staging.example.de/", nil)
	auth.Apply(req)
	req.URL, _ = url.Parse("https://cdn.other.example/x") // what net/http does on a redirect
	auth.Reapply(req)
	if req.Header.Get("X-Token") != "" || req.Header.Get("Authorization") != "" {
		t.Errorf("a redirect to another host kept the credentials: %v", req.Header)
	}
	if s, c, ok := SplitUserinfo("https://ed:p%40ss@staging.example.de/a"); !ok || s != "https://staging.example.de/a" || c.User != "ed" || c.Password != "p@ss" {
		t.Errorf("SplitUserinfo = %q, %+v, %v", s, c, ok)
	}
}

// TestSitemapDeclaredCharset: a sitemap in ISO-8859-1 (or windows-1252)
// is read, its URLs decoded to UTF-8.
func TestSitemapDeclaredCharset(t *testing.T) {
	for _, enc := range []string{"ISO-8859-1", "windows-1252", "latin1"} {
		xml := []byte(`<?xml version="1.0" encoding="` + enc + `"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
			"<url><loc>https://www.example.de/stra\xdfe/b\xfcrger/</loc></url></urlset>")
		pages, _, err := ParseSitemap(xml)
		if err != nil || len(pages) != 1 || pages[0].Loc != "https://www.example.de/straße/bürger/" {
			t.Errorf("%s sitemap: %+v, %v", enc, pages, err)
		}
	}
	if _, _, err := ParseSitemap([]byte(`<?xml version="1.0" encoding="x-no-such-charset"?><urlset/>`)); err == nil {
		t.Errorf("a sitemap in an unknown charset was read")
	}
}
