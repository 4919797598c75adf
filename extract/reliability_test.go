package extract

import (
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

func TestFetchErrorReason(t *testing.T) {
	tests := []struct{ msg, want string }{
		{`dial tcp: lookup www.exmaple.de: no such host`, umzug.ReasonUnreachable},
		{`dial tcp 127.0.0.1:9: connect: connection refused (gave up after 4 attempts)`, umzug.ReasonUnreachable},
		{`net/http: timeout awaiting response headers (gave up after 2 attempts)`, umzug.ReasonTimeout},
		{`truncated body: read 800 bytes: context deadline exceeded`, umzug.ReasonTimeout},
		{`truncated body: read 38 bytes: unexpected EOF`, umzug.ReasonConnectionReset},
		{`read tcp: connection reset by peer`, umzug.ReasonConnectionReset},
		{`tls: failed to verify certificate: x509: certificate signed by unknown authority`, umzug.ReasonTLS},
		{`Get "/r/10/": stopped after 10 redirects`, umzug.ReasonTooManyRedirects},
		{`robots.txt answered HTTP 503: nothing on the host is fetched`, "http-503"},
		{`something else`, umzug.ReasonFetchError},
	}
	for _, tt := range tests {
		if got := FetchErrorReason(tt.msg); got != tt.want {
			t.Errorf("FetchErrorReason(%q) = %q; want %q", tt.msg, got, tt.want)
		}
	}
}

func TestSnapshotFailure(t *testing.T) {
	tests := []struct {
		s    umzug.Snapshot
		want string // reason, "" for none
	}{
		{umzug.Snapshot{Status: 200}, ""},
		{umzug.Snapshot{Status: 304}, ""},
		{umzug.Snapshot{Status: 404}, ""},
		{umzug.Snapshot{Status: 410}, ""},
		{umzug.Snapshot{Status: 302}, ""},
		{umzug.Snapshot{Status: 500}, "http-500"},
		{umzug.Snapshot{Status: 401}, "http-401"},
		{umzug.Snapshot{Status: 429, Warnings: []umzug.Warning{{Code: "fetch-warning", Message: "HTTP 429 after 4 attempts"}}}, "http-429"},
		{umzug.Snapshot{Warnings: []umzug.Warning{{Code: "fetch-failed", Message: "i/o timeout"}}}, umzug.ReasonTimeout},
		{umzug.Snapshot{ArchiveRef: "warc/a.warc.gz#12", Warnings: []umzug.Warning{{Code: "archive-error", Message: "record warc/a.warc.gz#12 unreadable: EOF"}}}, umzug.ReasonArchiveUnreadable},
	}
	for _, tt := range tests {
		tt.s.URL = "https://www.example.de/a/"
		f, failed := SnapshotFailure(&tt.s)
		if failed != (tt.want != "") || f.Reason != tt.want {
			t.Errorf("SnapshotFailure(status %d, %v) = %+v, %v; want reason %q", tt.s.Status, tt.s.Warnings, f, failed, tt.want)
			continue
		}
		if failed && (f.URL != tt.s.URL || f.Message == "" || f.Stage == "" || f.Record != tt.s.ArchiveRef) {
			t.Errorf("failure %+v lacks URL, message, stage or record", f)
		}
	}
}

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

// TestWARCRequestRecordRedacted: credentials and the headers Auth adds
// never reach the archive; a Set-Cookie keeps its name.
func TestWARCRequestRecordRedacted(t *testing.T) {
	auth := &Auth{Hosts: []string{"staging.example.de"}, Header: http.Header{"X-Staging-Token": {"tok-1"}},
		Basic: map[string]Credentials{"staging.example.de": {User: "u", Password: "pw-secret"}}}
	req, _ := http.NewRequest(http.MethodGet, "https://staging.example.de/a?b=1", nil)
	req.Header.Set("User-Agent", "umzug")
	req.Header.Set("Cookie", "fe_typo_user=abc")
	auth.Apply(req)
	block := string(httpRequestBlock(req, auth.sensitive))
	for _, want := range []string{"GET /a?b=1 HTTP/1.1\r\n", "Authorization: [redacted]\r\n", "Cookie: [redacted]\r\n", "X-Staging-Token: [redacted]\r\n", "User-Agent: umzug\r\n"} {
		if !strings.Contains(block, want) {
			t.Errorf("request block lacks %q:\n%s", want, block)
		}
	}
	for _, secret := range append(auth.Secrets(), "abc") {
		if strings.Contains(block, secret) {
			t.Errorf("request block holds %q:\n%s", secret, block)
		}
	}
	head := string(httpResponseHead("HTTP/1.1", 200, http.Header{"Set-Cookie": {"fe_typo_user=4711abc; path=/; HttpOnly"}}))
	if !strings.Contains(head, "Set-Cookie: fe_typo_user=[redacted]; path=/; HttpOnly\r\n") || strings.Contains(head, "4711abc") {
		t.Errorf("response head: %q", head)
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

// TestArchiveLockedForSecondWriter: one process writes an archive at a
// time, on every platform (gofrs/flock).
func TestArchiveLockedForSecondWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := openArchive(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openArchive(dir); !errors.Is(err, errLocked) {
		t.Errorf("second writer: %v; want %v", err, errLocked)
	}
	if err := a.close(); err != nil {
		t.Fatal(err)
	}
	b, err := openArchive(dir)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	b.close()
}
