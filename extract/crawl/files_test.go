package crawl

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFileFetcherIsPolite(t *testing.T) {
	var hits []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits = append(hits, r.URL.Path)
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nDisallow: /intern/\n")
		case "/fileadmin/a.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4")
		case "/fileadmin/big.bin":
			io.WriteString(w, strings.Repeat("x", 2000))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	public := "https://www.example.de"
	f, err := NewFileFetcher(CrawlOptions{Seeds: []string{srv.URL + "/"}, MaxBodySize: 1000, Retries: -1},
		func(u string) string { return strings.Replace(u, public, srv.URL, 1) })
	if err != nil {
		t.Fatal(err)
	}
	rc, mt, err := f.OpenFile(t.Context(), public+"/fileadmin/a.pdf")
	if err != nil {
		t.Fatalf("OpenFile: %v", err)
	}
	b, _ := io.ReadAll(rc)
	if string(b) != "%PDF-1.4" || mt != "application/pdf" {
		t.Errorf("got %q %q", b, mt)
	}
	for _, tt := range []struct{ url, want string }{
		{public + "/intern/geheim.pdf", "robots.txt"},
		{public + "/fileadmin/gone.pdf", "HTTP 404"},
		{public + "/fileadmin/big.bin", "larger than 1000 bytes"},
		{"https://cdn.other.example/x.jpg", "not one of the crawl's hosts"},
	} {
		if _, _, err := f.OpenFile(t.Context(), tt.url); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("OpenFile(%s) = %v; want an error with %q", tt.url, err, tt.want)
		}
	}
	for _, h := range hits {
		if strings.HasPrefix(h, "/intern/") {
			t.Errorf("fetched %s, which robots.txt disallows", h)
		}
	}
	if n := strings.Count(strings.Join(hits, " "), "/robots.txt"); n != 1 {
		t.Errorf("robots.txt read %d times; want once", n)
	}
}
