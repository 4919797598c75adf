package load_test

import (
	"bytes"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/umzug/umzug/load"
)

// TestPushCountsWhatWasSent: the request count is what the target
// received, on a target that fails, rate-limits and drops connections.
func TestPushCountsWhatWasSent(t *testing.T) {
	dir, want := pushExport(t, 40)
	cms := &flakyCMS{r: rand.New(rand.NewPCG(7, 8)), token: "geheim", failRate: 0.5, stored: map[string]string{}, acks: map[string]int{}}
	srv := httptest.NewServer(cms)
	defer srv.Close()
	st, err := load.Push(t.Context(), dir, pushOpts(srv.URL))
	if err != nil || st.Sent != len(want) {
		t.Fatalf("Push: %+v, %v", st, err)
	}
	cms.mu.Lock()
	defer cms.mu.Unlock()
	if st.Requests != cms.requests {
		t.Errorf("the summary counts %d requests; the target received %d", st.Requests, cms.requests)
	}
}

// TestPushLogsWhatTheCMSSaid: a rejected record is logged with the CMS's
// answer, on one line, shortened, without the token or other secrets.
func TestPushLogsWhatTheCMSSaid(t *testing.T) {
	dir, _ := pushExport(t, 2)
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte(`{
  "error": "validation failed",
  "details": ["field 'title' is required", "path /presse/x already exists"],
  "request": {"headers": {"Authorization": "Bearer geheim"}, "password": "hunter2", "api_key": "k-123"},
  "padding": "` + strings.Repeat("x", 1000) + `"}`))
	}))
	defer srv.Close()
	var buf bytes.Buffer
	o := pushOpts(srv.URL)
	o.Logger = slog.New(slog.NewTextHandler(&syncWriter{w: &buf, mu: &mu}, nil))
	st, err := load.Push(t.Context(), dir, o)
	if err == nil || st.Failed == 0 || st.Requests != st.Failed {
		t.Fatalf("rejected push: %+v, %v", st, err)
	}
	mu.Lock()
	log := buf.String()
	mu.Unlock()
	for _, want := range []string{"record not pushed", "HTTP 422", `validation failed`, `field 'title' is required`, "…"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	for _, secret := range []string{"geheim", "hunter2", "k-123", strings.Repeat("x", 400)} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %.20q:\n%s", secret, log)
		}
	}
}

type syncWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
