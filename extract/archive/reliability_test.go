package archive

import (
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestWARCRequestRecordRedacted: the headers the crawl calls sensitive
// (credentials, cookies, the headers Auth adds) never reach the archive; a Set-Cookie keeps its name.
func TestWARCRequestRecordRedacted(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://staging.example.de/a?b=1", nil)
	req.Header.Set("User-Agent", "umzug")
	req.Header.Set("Cookie", "fe_typo_user=abc")
	req.Header.Set("X-Staging-Token", "tok-1")
	req.SetBasicAuth("u", "pw-secret")
	sensitive := func(h string) bool {
		h = http.CanonicalHeaderKey(h)
		return h == "Authorization" || h == "Cookie" || h == "X-Staging-Token"
	}
	block := string(httpRequestBlock(req, sensitive))
	for _, want := range []string{"GET /a?b=1 HTTP/1.1\r\n", "Authorization: [redacted]\r\n", "Cookie: [redacted]\r\n", "X-Staging-Token: [redacted]\r\n", "User-Agent: umzug\r\n"} {
		if !strings.Contains(block, want) {
			t.Errorf("request block lacks %q:\n%s", want, block)
		}
	}
	for _, secret := range []string{"tok-1", "dTpwdy1zZWNyZXQ", "abc"} {
		if strings.Contains(block, secret) {
			t.Errorf("request block holds %q:\n%s", secret, block)
		}
	}
	head := string(httpResponseHead("HTTP/1.1", 200, http.Header{"Set-Cookie": {"fe_typo_user=4711abc; path=/; HttpOnly"}}))
	if !strings.Contains(head, "Set-Cookie: fe_typo_user=[redacted]; path=/; HttpOnly\r\n") || strings.Contains(head, "4711abc") {
		t.Errorf("response head: %q", head)
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
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := openArchive(dir)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	b.Close()
}
