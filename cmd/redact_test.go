package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/umzug/umzug/extract/crawl"
)

func TestRedact(t *testing.T) {
	s := &secretSet{}
	s.add("Geheim-123", "tok", "eyJhbGciOi.secret-token")
	tests := []struct{ in, want string }{
		{"login failed for Geheim-123", "login failed for [redacted]"},
		{`Get "https://user:pw@staging.example.de/a": EOF`, `Get "https://[redacted]@staging.example.de/a": EOF`},
		{"Authorization: Basic dXNlcjpwdw==", "Authorization: [redacted]"},
		{"cookie=fe_typo_user=abc", "cookie=[redacted]"},
		{"header X-Token: eyJhbGciOi.secret-token sent", "header X-Token: [redacted] sent"},
		{"the tok stays: shorter than 4 bytes", "the tok stays: shorter than 4 bytes"},
		{"mailto:presse@example.de is no user info", "mailto:presse@example.de is no user info"},
	}
	for _, tt := range tests {
		if got := s.redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	var nilSet *secretSet
	if got := nilSet.redact("https://a:b@x.de/"); got != "https://[redacted]@x.de/" {
		t.Errorf("nil set: %q", got)
	}
}

// TestLogLinesRedactedAndShortened: every log line passes the redaction
// and the shortening of long URLs, in text and JSON, for messages,
// strings and errors.
func TestLogLinesRedactedAndShortened(t *testing.T) {
	long := "https://www.example.de/" + strings.Repeat("a", 100000)
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		g := &GlobalOptions{LogLevel: "info", LogFormat: format}
		g.addSecrets("Geheim-123")
		log, err := g.Logger(&buf)
		if err != nil {
			t.Fatal(err)
		}
		log.Warn("fetch failed for https://u:Geheim-123@x.de/", "url", long, "err", errors.New("dial "+long+": refused"), "pw", "Geheim-123")
		out := buf.String()
		if strings.Contains(out, "Geheim-123") || len(out) > 1500 || !strings.Contains(out, "chars]…") {
			t.Errorf("%s log line (%d bytes) not redacted or not shortened: %.600s", format, len(out), out)
		}
	}
	if got := shortenURL(long); len(got) > 250 || !strings.HasPrefix(got, "https://www.example.de/aaa") || !strings.Contains(got, "[99843 chars]") {
		t.Errorf("shortenURL = %q", got)
	}
	if short := "https://www.example.de/ok/"; shortenURLs("see "+short) != "see "+short {
		t.Errorf("a short URL was changed")
	}
}

func TestParseNetrc(t *testing.T) {
	m, err := parseNetrc(strings.NewReader(`# staging
machine staging.example.de login redakteur password "s3cret
machine Bürgerservice.example login a password b account x
macdef init
cd /pub

default login anon password guest
`))
	if err != nil {
		t.Fatal(err)
	}
	if c := m["staging.example.de"]; c.User != "redakteur" || c.Password != `"s3cret` {
		t.Errorf("staging: %+v", c)
	}
	if c := m["xn--brgerservice-dlb.example"]; c.User != "a" || c.Password != "b" {
		t.Errorf("IDNA machine name not canonical: %v", m)
	}
	if c := m[""]; c.User != "anon" || c.Password != "guest" {
		t.Errorf("default: %+v", c)
	}
	if _, err := parseNetrc(strings.NewReader("login x")); err == nil {
		t.Errorf("a login outside an entry was accepted")
	}
}

func TestStagingCredentials(t *testing.T) {
	t.Setenv(envAuthUser, "")
	t.Setenv(envAuthPassword, "")
	g := &GlobalOptions{}
	f := &CrawlFlags{Headers: []string{"X-Staging-Token: abc-123-xyz", "Cookie: be_typo_user=42"}, AllowHosts: []string{"CDN.Example.de"}}
	seeds, auth, err := f.staging([]string{"https://ed:Pass-9876@Staging.Example.de/start?utm_source=x", "https://www.bürger.de/"}, g)
	if err != nil {
		t.Fatal(err)
	}
	if seeds[0] != "https://staging.example.de/start" || seeds[1] != "https://www.xn--brger-kva.de/" {
		t.Errorf("seeds %q: want canonical, without user info", seeds)
	}
	if c := auth.Basic["staging.example.de"]; c.User != "ed" || c.Password != "Pass-9876" || len(auth.Basic) != 1 {
		t.Errorf("basic auth %+v", auth.Basic)
	}
	if strings.Join(auth.Hosts, " ") != "staging.example.de www.xn--brger-kva.de cdn.example.de" {
		t.Errorf("hosts %q", auth.Hosts)
	}
	for _, s := range []string{"Pass-9876", "abc-123-xyz", "be_typo_user=42"} {
		if got := g.secrets.redact("x " + s + " y"); strings.Contains(got, s) {
			t.Errorf("secret %q not registered", s)
		}
	}
	// Environment: for every host of the site that has no user info.
	t.Setenv(envAuthUser, "env-user")
	t.Setenv(envAuthPassword, "env-pass")
	_, auth, err = (&CrawlFlags{}).staging([]string{"https://a:b@one.example/", "https://two.example/"}, g)
	if err != nil || auth.Basic["one.example"].User != "a" || auth.Basic["two.example"].User != "env-user" {
		t.Errorf("env credentials: %+v, %v", auth.Basic, err)
	}
	for _, bad := range []string{"NoColon", ": value", "Bad Name: x", "X: a\nb"} {
		if _, _, err := (&CrawlFlags{Headers: []string{bad}}).staging([]string{"https://a.example/"}, g); err == nil || exitCode(err) != ExitUsage {
			t.Errorf("--header %q: %v; want a usage error", bad, err)
		}
	}
}

// TestAuthOnlyForTheSitesHosts: the link checker sends the staging
// credentials to the site's hosts, not to other hosts, also not after a
// redirect.
func TestAuthOnlyForTheSitesHosts(t *testing.T) {
	var seen []string
	other := newRecordingServer(t, &seen, "")
	site := newRecordingServer(t, &seen, other.URL+"/landing")
	auth := &crawl.Auth{Hosts: []string{strings.TrimPrefix(site.URL, "http://")}, Header: map[string][]string{"X-Token": {"t0k3n"}},
		Basic: map[string]crawl.Credentials{strings.TrimPrefix(site.URL, "http://"): {User: "u", Password: "p"}}}
	c := newHTTPChecker(CrawlFlags{Concurrency: 1, IgnoreRobots: true}, auth)
	if _, err := c.Check(context.Background(), site.URL+"/moved"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(context.Background(), other.URL+"/x"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		site.URL + "/moved auth=true token=t0k3n", // HEAD
		other.URL + "/landing auth=false token=",
		other.URL + "/x auth=false token=",
	}
	got := strings.Join(seen, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("request %q missing in\n%s", w, got)
		}
	}
	if strings.Contains(got, other.URL+"/landing auth=true") || strings.Contains(got, other.URL+"/x auth=true") {
		t.Errorf("credentials went to another host:\n%s", got)
	}
}

func newRecordingServer(t *testing.T, seen *[]string, redirect string) *httptestServer {
	t.Helper()
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _, ok := r.BasicAuth()
		mu.Lock()
		*seen = append(*seen, fmt.Sprintf("http://%s%s auth=%v token=%s", r.Host, r.URL.Path, ok, r.Header.Get("X-Token")))
		mu.Unlock()
		if redirect != "" {
			http.Redirect(w, r, redirect, http.StatusFound)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv
}

type httptestServer = httptest.Server
