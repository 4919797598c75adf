package cmd

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/load"
)

// faultSecrets are the credentials of the fault site: no file, log line
// or message may contain them.
var faultSecrets = []string{
	fixtures.FaultPassword, fixtures.FaultToken,
	base64.StdEncoding.EncodeToString([]byte(fixtures.FaultUser + ":" + fixtures.FaultPassword)),
}

func startFaultSite(t *testing.T) (*fixtures.FaultSite, *fixtures.Server) {
	t.Helper()
	site := fixtures.NewFaultSite()
	srv, err := fixtures.StartHandler(site.Handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return site, srv
}

// TestFaultSuite migrates the fault site (every fault of issue 11 behind
// basic auth and a token header, credentials in the start URL and
// --header) into an archive and an export, and checks that every URL is
// archived or failed with its reason, that the summary and the manifest
// count the failures by reason, that the exit code says partial, and that
// no output holds a credential.
func TestFaultSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for timeouts and Retry-After")
	}
	site, srv := startFaultSite(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	seed := "http://" + fixtures.FaultUser + ":" + fixtures.FaultPassword + "@" + host + "/"
	const public = "https://www.example.de"
	arch, out := filepath.Join(t.TempDir(), "archive"), filepath.Join(t.TempDir(), "export")
	ios, stdout, stderr := testStreams()
	args := []string{"migrate", seed, "--archive", arch, "--out", out, "--public-url", public,
		"--header", fixtures.FaultHeader + ": " + fixtures.FaultToken, "--timeout", fixtures.FaultTimeout.String(),
		"--retries", "1", "--max-body-size", "1", "--concurrency", "8", "--log-level", "info"}
	start := time.Now()
	code := Execute(t.Context(), NewRootCmd(ios), args, ios)
	t.Logf("migrate of the fault site: exit %d in %s", code, time.Since(start).Round(time.Millisecond))
	if os.Getenv("UMZUG_SHOW_STDERR") != "" {
		t.Logf("stderr:\n%s", stderr)
	}
	if code != ExitPartial {
		t.Fatalf("exit %d; want %d (partial)\n%s", code, ExitPartial, stderr)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout is for data; migrate wrote %q", stdout)
	}

	// Every URL: archived with its status, or failed with its reason. The
	// crawl names the public URLs (it connects to the mirror, which gets
	// the credentials).
	got := map[string]*umzug.Snapshot{}
	if err := archive.ReadArchive(t.Context(), arch, func(s *umzug.Snapshot) error {
		if !strings.HasPrefix(s.URL, public+"/") {
			t.Errorf("archived URL %s: not under the public URL %s", s.URL, public)
		}
		got[strings.TrimPrefix(s.URL, public)] = s
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	failures := testkit.ReadNDJSON[umzug.Failure](t, filepath.Join(out, "failures.ndjson"))
	failed := map[string]umzug.Failure{}
	for _, f := range failures {
		failed[strings.TrimPrefix(f.URL, public)] = f
		if f.Message == "" || f.Stage == "" {
			t.Errorf("failure without message or stage: %+v", f)
		}
	}
	wantReasons := map[string]int{}
	for _, c := range fixtures.FaultCases {
		s := got[c.Path]
		switch {
		case s == nil:
			t.Errorf("%s (%s): not in the archive", c.Path, c.Fault)
			continue
		case s.Status != c.Status:
			t.Errorf("%s (%s): status %d; want %d (warnings %v)", c.Path, c.Fault, s.Status, c.Status, s.Warnings)
		}
		if c.Reason != "" {
			wantReasons[c.Reason]++
			if f, ok := failed[c.Path]; !ok || f.Reason != c.Reason {
				t.Errorf("%s (%s): failure %+v; want reason %s", c.Path, c.Fault, f, c.Reason)
			}
		} else if f, ok := failed[c.Path]; ok {
			t.Errorf("%s (%s): recorded as failed (%+v); it is not a failure", c.Path, c.Fault, f)
		}
		if c.Warning != "" && !hasWarningText(s.Warnings, c.Warning) {
			t.Errorf("%s (%s): no warning mentioning %q: %v", c.Path, c.Fault, c.Warning, s.Warnings)
		}
		if n := site.Hits(c.Path); c.MaxRequests > 0 && n > c.MaxRequests {
			t.Errorf("%s (%s): requested %d times; at most %d", c.Path, c.Fault, n, c.MaxRequests)
		}
	}
	if len(failures) != len(failed) || len(failed) != sumCounts(wantReasons) {
		t.Errorf("failures.ndjson lists %d failures (%d URLs); want %d: %+v", len(failures), len(failed), sumCounts(wantReasons), failures)
	}
	for _, p := range fixtures.FaultNotFetched {
		if n := site.Hits(p); n != 0 {
			t.Errorf("%s requested %d times; robots.txt disallows it", p, n)
		}
	}
	if n := site.Hits("/sitemap-index.xml"); n != 1 {
		t.Errorf("the self-referencing sitemap index was read %d times; want once", n)
	}

	// The manifest: partial, failures by reason; the summary the same.
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != umzug.StatusPartial || fmt.Sprint(m.Failures) != fmt.Sprint(wantReasons) {
		t.Errorf("manifest status %q, failures %v; want partial, %v", m.Status, m.Failures, wantReasons)
	}
	summary := stderr.String()
	if !strings.Contains(summary, fmt.Sprintf("Failed: %d URLs or documents", sumCounts(wantReasons))) {
		t.Errorf("summary lacks the failure count:\n%s", summary)
	}
	for r, n := range wantReasons {
		if !strings.Contains(summary, fmt.Sprintf("  %-20s %6d  ", r, n)) {
			t.Errorf("summary lacks reason %s (%d):\n%s", r, n, summary)
		}
	}
	for _, want := range []string{"status partial", "umzug: partial: ", "(exit 4)", "sitemap", "robots.txt larger than 500 KiB"} {
		if !strings.Contains(summary, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}

	// Documents: the public URL applies to the authenticated crawl, lying
	// charsets are decoded, no document for what failed.
	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	titles := map[string]string{}
	for _, d := range docs {
		if !strings.HasPrefix(d.URL, public+"/") {
			t.Errorf("document URL %s: not under the public URL %s", d.URL, public)
		}
		titles[strings.TrimPrefix(d.URL, public)] = d.Title
	}
	for _, c := range fixtures.FaultCases {
		if _, has := titles[c.Path]; has == c.NoDocument && c.Path != "/chain/" {
			t.Errorf("%s (%s): document exported %v; want %v", c.Path, c.Fault, has, !c.NoDocument)
		}
	}
	if titles["/utf16-lie/"] != "Zeichensätze lügen" || titles["/latin1-meta/"] != "Grüße" {
		t.Errorf("titles of the charset pages: %q, %q", titles["/utf16-lie/"], titles["/latin1-meta/"])
	}

	// Findings: redirect loops and chains.
	findings := testkit.ReadNDJSON[umzug.Finding](t, filepath.Join(out, "findings.ndjson"))
	for _, c := range fixtures.FaultCases {
		if c.Finding == "" {
			continue
		}
		found := false
		for _, f := range findings {
			found = found || f.Rule == c.Finding && f.URL == public+c.Path
		}
		if !found {
			t.Errorf("%s (%s): no %s finding", c.Path, c.Fault, c.Finding)
		}
	}

	// No credential anywhere: export, archive (WARC records decompressed,
	// the index), stdout, stderr.
	checkNoSecrets(t, "stderr", stderr.Bytes())
	checkNoSecretsIn(t, out)
	checkNoSecretsIn(t, arch)
	if !bytes.Contains(warcText(t, arch), []byte("Authorization: [redacted]")) ||
		!bytes.Contains(warcText(t, arch), []byte(fixtures.FaultHeader+": [redacted]")) {
		t.Errorf("the WARC request records do not show the credentials as redacted")
	}
	if bytes.Contains(warcText(t, arch), []byte(fixtures.FaultUser+"@")) {
		t.Errorf("a WARC record holds a URL with user info")
	}

	// load refuses the partial export, unless told otherwise.
	ios2, _, stderr2 := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios2), []string{"load", out, "--push", "http://127.0.0.1:9/api", "--dry-run"}, ios2); code != ExitError ||
		!strings.Contains(stderr2.String(), "partial") || !strings.Contains(stderr2.String(), "--allow-partial") {
		t.Errorf("load --push of a partial export: exit %d; want %d and a message naming the status and --allow-partial\n%s", code, ExitError, stderr2)
	}
	ios3, stdout3, stderr3 := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios3), []string{"load", out, "--push", "http://127.0.0.1:9/api", "--dry-run", "--allow-partial"}, ios3); code != ExitOK || stdout3.Len() == 0 {
		t.Errorf("load --push --allow-partial --dry-run: exit %d, %d bytes planned\n%s", code, stdout3.Len(), stderr3)
	}
}

// TestFaultSiteWithoutCredentials: a staging site that answers 401 to
// everything is a failed run (exit 5), not an empty success.
func TestFaultSiteWithoutCredentials(t *testing.T) {
	_, srv := startFaultSite(t)
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "warn", "--timeout", "2s"}, ios)
	if code != ExitFailed {
		t.Fatalf("exit %d; want %d\n%s", code, ExitFailed, stderr)
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != umzug.StatusFailed || m.Failures["http-401"] != 1 {
		t.Errorf("manifest status %q, failures %v; want failed with one http-401", m.Status, m.Failures)
	}
	if !strings.Contains(stderr.String(), "http-401") {
		t.Errorf("summary does not name the reason:\n%s", stderr)
	}
}

// TestMigrateNothingListening: an unreachable start URL exits 5 and the
// export is marked failed; with --archive the crawl run is marked failed.
func TestMigrateNothingListening(t *testing.T) {
	_, srv := startFaultSite(t)
	dead := srv.URL
	srv.Close() // the port is free now: nothing listens
	for _, withArchive := range []bool{false, true} {
		out, arch := filepath.Join(t.TempDir(), "export"), filepath.Join(t.TempDir(), "archive")
		args := []string{"migrate", dead + "/", "--out", out, "--retries", "1", "--log-level", "error"}
		if withArchive {
			args = append(args, "--archive", arch)
		}
		ios, _, stderr := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), args, ios); code != ExitFailed {
			t.Errorf("archive %v: exit %d; want %d\n%s", withArchive, code, ExitFailed, stderr)
		}
		m, err := load.ReadManifest(out)
		if err != nil || m.Status != umzug.StatusFailed || m.Failures[umzug.ReasonUnreachable] != 1 {
			t.Errorf("archive %v: manifest %+v, %v; want status failed, one unreachable", withArchive, m, err)
		}
		if withArchive {
			runs, err := archive.ArchiveRuns(t.Context(), arch)
			if err != nil || len(runs) != 1 || runs[0].Status != umzug.StatusFailed {
				t.Errorf("archive runs %+v, %v; want one failed run", runs, err)
			}
		}
	}
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func hasWarningText(ws []umzug.Warning, text string) bool {
	for _, w := range ws {
		if strings.Contains(w.Message, text) {
			return true
		}
	}
	return false
}

func checkNoSecrets(t *testing.T, where string, b []byte) {
	t.Helper()
	for _, s := range faultSecrets {
		if bytes.Contains(b, []byte(s)) {
			i := bytes.Index(b, []byte(s))
			t.Errorf("%s holds the secret %q: …%s…", where, s, b[max(0, i-80):min(len(b), i+len(s)+20)])
		}
	}
}

// checkNoSecretsIn checks every file under dir, WARC files decompressed.
func checkNoSecretsIn(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkNoSecrets(t, p, b)
		if strings.HasSuffix(p, ".gz") {
			checkNoSecrets(t, p+" (decompressed)", gunzipAll(t, b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func gunzipAll(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatal(err)
	}
	return out
}

// warcText is every WARC file of the archive, decompressed.
func warcText(t *testing.T, arch string) []byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(arch, "warc", "*.warc.gz"))
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, gunzipAll(t, b)...)
	}
	return all
}
