package crawl

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRoundTripCapturedBody: colly gets no body for a request whose
// exchange the crawler takes (it would copy every page for nothing); a
// request without a fetch id gets the body.
func TestRoundTripCapturedBody(t *testing.T) {
	const page = "<html><body><p>Inhalt</p></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer srv.Close()
	f := newFetcher(CrawlOptions{Timeout: 5 * time.Second, MaxBodySize: defaultMaxBody})
	for _, id := range []string{"7", ""} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		if id != "" {
			req.Header.Set(fetchIDHeader, id)
		}
		resp, err := f.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := page
		if id != "" {
			want = ""
			exs := f.take(id)
			if len(exs) != 1 || string(exs[0].body) != page {
				t.Errorf("captured %d exchanges; want 1 with the page", len(exs))
			}
		}
		if string(got) != want || resp.ContentLength != int64(len(want)) {
			t.Errorf("fetch id %q: body %q (ContentLength %d); want %q", id, got, resp.ContentLength, want)
		}
	}
}
