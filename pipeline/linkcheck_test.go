package pipeline

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
)

// countingServer answers 200 to HEAD and GET, 405 to HEAD on /get-only,
// disallows /private in robots.txt, and counts the requests per path.
func countingServer(t *testing.T) (*httptest.Server, func(path string) int) {
	var mu sync.Mutex
	n := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n[r.URL.Path]++
		mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private\n"))
		case r.URL.Path == "/get-only" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		case r.URL.Path == "/gone":
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func(path string) int { mu.Lock(); defer mu.Unlock(); return n[path] }
}

func TestHTTPChecker(t *testing.T) {
	srv, count := countingServer(t)
	c := NewHTTPChecker(CheckerOptions{Timeout: 5 * time.Second, UserAgent: "umzug-test"})
	tests := []struct {
		path    string
		status  int
		skipped bool
	}{
		{"/a", 200, false},
		{"/get-only", 200, false}, // HEAD 405, GET works
		{"/gone", 404, false},
		{"/private/x", 0, true},
	}
	for _, tt := range tests {
		st, err := c.Check(t.Context(), srv.URL+tt.path)
		if st != tt.status || errors.Is(err, umzug.ErrNotChecked) != tt.skipped {
			t.Errorf("Check(%s) = %d, %v; want %d, skipped %v", tt.path, st, err, tt.status, tt.skipped)
		}
	}
	if count("/private/x") != 0 || count("/robots.txt") != 1 {
		t.Errorf("robots.txt read %d times, disallowed URL asked %d times; want 1 and 0", count("/robots.txt"), count("/private/x"))
	}
	// Asked again: answered from the table.
	for range 3 {
		c.Check(t.Context(), srv.URL+"/a")
	}
	if count("/a") != 1 {
		t.Errorf("/a asked %d times; want once", count("/a"))
	}
}

// TestHTTPCheckerBounded: the answers and robots.txt tables stay within
// their bounds; a dropped answer is asked again.
func TestHTTPCheckerBounded(t *testing.T) {
	srv, count := countingServer(t)
	srv2, count2 := countingServer(t)
	c := NewHTTPChecker(CheckerOptions{Timeout: 5 * time.Second, UserAgent: "umzug-test"})
	c.maxAnswers, c.robots.Max = 2, 1
	for _, p := range []string{"/a", "/b", "/a"} {
		c.Check(t.Context(), srv.URL+p)
	}
	if count("/a") != 1 {
		t.Fatalf("/a asked %d times before the table was full; want 1", count("/a"))
	}
	c.Check(t.Context(), srv.URL+"/c") // full: the answers given are dropped
	c.Check(t.Context(), srv.URL+"/a")
	if count("/a") != 2 {
		t.Errorf("/a asked %d times after its answer was dropped; want 2", count("/a"))
	}
	c.Check(t.Context(), srv2.URL+"/a") // a second host: its robots.txt replaces the first's
	c.Check(t.Context(), srv.URL+"/d")
	if count("/robots.txt") != 2 || count2("/robots.txt") != 1 {
		t.Errorf("robots.txt read %d and %d times; want 2 (dropped once) and 1", count("/robots.txt"), count2("/robots.txt"))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.answers) > c.maxAnswers || c.robots.Hosts() > c.robots.Max {
		t.Errorf("%d answers, %d robots.txt held; bounds %d and %d", len(c.answers), c.robots.Hosts(), c.maxAnswers, c.robots.Max)
	}
}
