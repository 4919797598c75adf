package crawl_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// faultSite is a test server that misbehaves in every way the crawler must
// survive. Faults that heal after n requests count per path.
type faultSite struct {
	mu     sync.Mutex
	hits   map[string]int
	times  map[string][]time.Time
	cp     []byte // windows-1252 page
	latin1 []byte // ISO-8859-1 page declared in a meta http-equiv
	bomb   []byte // 4 MB of HTML gzipped to a few KB
	other  string // base URL of another host, out of scope
}

func newFaultSite(t *testing.T) *faultSite {
	cp, err := os.ReadFile(filepath.Join("testdata", "charset", "cp1252-no-declaration.html"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = zw.Write([]byte(page("Bombe", "")))
	_, _ = zw.Write(make([]byte, 4<<20))
	_ = zw.Close()
	latin1, err := os.ReadFile(filepath.Join("testdata", "charset", "latin1-meta.html"))
	if err != nil {
		t.Fatal(err)
	}
	return &faultSite{hits: map[string]int{}, times: map[string][]time.Time{}, cp: cp, latin1: latin1, bomb: b.Bytes()}
}

func (f *faultSite) hit(p string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hits[p]++
	f.times[p] = append(f.times[p], time.Now())
	return f.hits[p]
}

const faultHome = `<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><main>
<a href="/ok/">ok</a> <a href="/flaky/">flaky</a> <a href="/always-500/">always 500</a>
<a href="/reset/">reset</a> <a href="/truncated/">truncated</a> <a href="/slow/">slow</a> <a href="/hang/">hang</a>
<a href="/busy/">busy</a> <a href="/unavailable/">unavailable</a>
<a href="/chain/">chain</a> <a href="/loop-a/">loop</a>
<a href="/kalender/2024/01/">Kalender</a> <a href="/suche/?farbe=rot">Suche</a>
<a href="/intern/geheim/">intern</a> <a href="__OTHER__/fremd/">extern</a> <a href="/latin1/">latin1</a>
<a href="/dokument.pdf">PDF</a> <img src="/bild.png" alt="">
<a href="/bomb/">bomb</a> <a href="/big/">big</a> <a href="/cp1252/">cp1252</a>
<a href="/OK/?utm_source=x#top">variant</a> <a href="/ok/?utm_source=newsletter">variant</a>
<a href="/gone/">gone</a> <a href="/index.php?id=7&amp;no_cache=1">id 7</a>
</main></body></html>`

func page(title, body string) string {
	return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>` + title + `</title></head><body><main><h1>` + title + `</h1>` + body + `</main></body></html>`
}

func (f *faultSite) handler(base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		n := f.hit(r.URL.RequestURI())
		html := func(status int, s string) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(s))
		}
		switch {
		case p == "/robots.txt":
			_, _ = w.Write([]byte("User-agent: *\nDisallow: /intern/\n"))
		case p == "/":
			html(200, strings.ReplaceAll(faultHome, "__OTHER__", f.other))
		case p == "/ok/", p == "/index.php":
			html(200, page("OK", "<p>Alles gut.</p>"))
		case p == "/flaky/":
			if n <= 2 {
				html(500, page("Fehler", "<p>Internal Server Error</p>"))
				return
			}
			html(200, page("Flaky", "<p>Beim dritten Mal.</p>"))
		case p == "/always-500/":
			html(500, page("Fehler", "<p>Immer kaputt.</p>"))
		case p == "/reset/", p == "/truncated/":
			if n == 1 {
				conn, buf, err := w.(http.Hijacker).Hijack()
				if err != nil {
					return
				}
				if p == "/truncated/" {
					_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<!DOCTYPE html><html><head><title>Halb")
					_ = buf.Flush()
				}
				_ = conn.Close()
				return
			}
			html(200, page("Wieder da", "<p>Beim zweiten Mal.</p>"))
		case p == "/slow/":
			if n == 1 {
				time.Sleep(600 * time.Millisecond)
			}
			html(200, page("Langsam", "<p>Beim zweiten Mal schnell.</p>"))
		case p == "/hang/":
			time.Sleep(600 * time.Millisecond)
			html(200, page("Nie", ""))
		case p == "/busy/":
			if n == 1 {
				w.Header().Set("Retry-After", "1")
				html(429, page("Zu viele Anfragen", ""))
				return
			}
			html(200, page("Busy", "<p>Nach einer Sekunde.</p>"))
		case p == "/unavailable/":
			if n == 1 {
				w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
				html(503, page("Wartung", ""))
				return
			}
			html(200, page("Verfügbar", ""))
		case p == "/chain/":
			http.Redirect(w, r, "/chain-2/", http.StatusMovedPermanently)
		case p == "/chain-2/":
			http.Redirect(w, r, "/chain-3/", http.StatusFound)
		case p == "/chain-3/":
			html(200, page("Ziel", "<p>Nach zwei Umleitungen.</p>"))
		case p == "/loop-a/":
			http.Redirect(w, r, "/loop-b/", http.StatusFound)
		case p == "/loop-b/":
			http.Redirect(w, r, "/loop-a/", http.StatusFound)
		case strings.HasPrefix(p, "/kalender/"):
			var y, m int
			fmt.Sscanf(p, "/kalender/%d/%d/", &y, &m)
			ny, nm := y, m+1
			if nm > 12 {
				ny, nm = y+1, 1
			}
			html(200, page(fmt.Sprintf("Termine %02d/%d", m, y), fmt.Sprintf(`<a href="/kalender/%d/%02d/">nächster Monat</a>`, ny, nm)))
		case p == "/suche/":
			q := r.URL.Query()
			var links strings.Builder
			for _, facet := range []string{"farbe", "groesse", "sort", "seite"} {
				for _, v := range []string{"a", "b", "c"} {
					q2 := r.URL.Query()
					q2.Set(facet, v+q.Get(facet))
					fmt.Fprintf(&links, `<a href="/suche/?%s">%s</a> `, q2.Encode(), facet)
				}
			}
			html(200, page("Suche", links.String()))
		case p == "/dokument.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			_, _ = w.Write([]byte("%PDF-1.4\n% fake\n"))
		case p == "/bild.png":
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
		case p == "/bomb/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(f.bomb)
		case p == "/big/":
			html(200, page("Groß", strings.Repeat("<p>Viel Text.</p>", 20000)))
		case p == "/cp1252/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8") // the bytes say otherwise
			_, _ = w.Write(f.cp)
		case p == "/latin1/":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write(f.latin1)
		case p == "/gone/":
			html(410, page("Entfernt", ""))
		default:
			html(404, page("Nicht gefunden", ""))
		}
	})
}

func TestCrawlSurvivesFaultsIntoArchive(t *testing.T) {
	site := newFaultSite(t)
	other := fixtures.Serve(t, fixtures.Ministry) // another host:port: out of scope
	site.other = other.URL
	srv, err := fixtures.StartHandler(site.handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	opts := crawl.CrawlOptions{
		Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Concurrency: 4, Timeout: 300 * time.Millisecond,
		RetryBackoff: 10 * time.Millisecond, MaxRetryWait: 3 * time.Second, Retries: 2, TrapBudget: 6,
		MaxBodySize: 200 << 10, FetchAssets: true, NoSitemaps: true,
	}
	var mu sync.Mutex
	got := map[string]*umzug.Snapshot{}
	st, err := crawl.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
		mu.Lock()
		defer mu.Unlock()
		if got[s.URL] != nil {
			t.Errorf("%s delivered twice", s.URL)
		}
		got[s.URL] = s
		return nil
	})
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	u := func(p string) string { return srv.URL + p }

	// Every reachable page ends archived, or failed with its reason.
	wantStatus := map[string]int{
		"/": 200, "/ok/": 200, "/flaky/": 200, "/always-500/": 500, "/reset/": 200, "/truncated/": 200,
		"/slow/": 200, "/hang/": 0, "/busy/": 200, "/unavailable/": 200, "/chain/": 200, "/bomb/": 200,
		"/big/": 200, "/cp1252/": 200, "/latin1/": 200, "/gone/": 410, "/dokument.pdf": 200, "/bild.png": 200,
	}
	for p, want := range wantStatus {
		s := got[u(p)]
		if s == nil {
			t.Errorf("%s: not delivered", p)
			continue
		}
		if s.Status != want {
			t.Errorf("%s: status %d; want %d (warnings %v)", p, s.Status, want, s.Warnings)
		}
		if want == 0 && (len(s.Warnings) == 0 || s.Warnings[0].Code != "fetch-failed" || !strings.Contains(s.Warnings[0].Message, "attempts")) {
			t.Errorf("%s: failure without its reason: %v", p, s.Warnings)
		}
		if want != 0 && s.ArchiveRef == "" {
			t.Errorf("%s: no archive record", p)
		}
	}
	// Retries: transient faults healed, within the retry count.
	reqs := srv.Requests()
	for p, want := range map[string]int{"/flaky/": 3, "/always-500/": 3, "/reset/": 2, "/truncated/": 2, "/slow/": 2, "/hang/": 3, "/busy/": 2, "/unavailable/": 2, "/ok/": 1, "/gone/": 1} {
		if reqs[p] != want {
			t.Errorf("%s requested %d times; want %d", p, reqs[p], want)
		}
	}
	site.mu.Lock()
	ts := append([]time.Time(nil), site.times["/busy/"]...)
	site.mu.Unlock()
	if len(ts) == 2 && ts[1].Sub(ts[0]) < 900*time.Millisecond {
		t.Errorf("/busy/ asked to retry after 1s, was retried after %v", ts[1].Sub(ts[0]))
	}
	if st.Retries < 10 {
		t.Errorf("stats count %d retries; the server forced at least 10", st.Retries)
	}
	// robots.txt and scope.
	for p := range reqs {
		if strings.HasPrefix(p, "/intern/") {
			t.Errorf("%s is disallowed by robots.txt but was requested", p)
		}
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the crawler left its host: %d requests to %s", n, other.URL)
	}
	if st.RobotsBlocked != 1 || st.OutOfScope == 0 {
		t.Errorf("robots blocked %d (want 1), out of scope %d (want > 0)", st.RobotsBlocked, st.OutOfScope)
	}
	// Redirect chain recorded hop by hop; a loop ends as a redirect stub.
	chain := got[u("/chain/")]
	if chain == nil || chain.FinalURL != u("/chain-3/") || len(chain.Redirects) != 2 || chain.Redirects[0].Status != 301 || chain.Redirects[1].Status != 302 {
		t.Errorf("chain: %+v", chain)
	}
	if loop := got[u("/loop-a/")]; loop == nil || loop.Status != 302 {
		t.Errorf("redirect loop: %+v", loop)
	}
	// Infinite spaces stay bounded and are reported.
	calendar, facets := 0, 0
	for p := range reqs {
		switch {
		case strings.HasPrefix(p, "/kalender/"):
			calendar++
		case strings.HasPrefix(p, "/suche/"):
			facets++
		}
	}
	if calendar > 6 || facets > 7 || len(st.Traps) < 2 {
		t.Errorf("calendar pages %d, search pages %d (budget 6), traps reported %+v", calendar, facets, st.Traps)
	}
	// Size cap, decompression bomb, charset mismatch.
	warned := func(p, code, text string) {
		t.Helper()
		s := got[u(p)]
		if s == nil {
			return
		}
		for _, w := range s.Warnings {
			if w.Code == code && strings.Contains(w.Message, text) {
				return
			}
		}
		t.Errorf("%s: no %s warning mentioning %q: %v", p, code, text, s.Warnings)
	}
	warned("/bomb/", "fetch-warning", "decompression bomb")
	warned("/big/", umzug.WarnTruncatedBody, "cut")
	warned("/cp1252/", "charset-mismatch", "windows-1252")
	if s := got[u("/bomb/")]; s != nil && len(s.Body) > 200<<10 {
		t.Errorf("/bomb/ decoded to %d bytes; the cap is %d", len(s.Body), 200<<10)
	}
	if s := got[u("/cp1252/")]; s != nil && !strings.Contains(string(s.Body), "„Die Brücke wird saniert“ – ab März") {
		t.Errorf("/cp1252/ decoded wrongly: %q", s.Body)
	}
	if s := got[u("/latin1/")]; s == nil || s.Charset != "windows-1252" || !strings.Contains(string(s.Body), "Grüße aus Erfurt") || !strings.Contains(string(s.Body), "Schöne Öffnungszeiten") {
		t.Errorf("/latin1/ decoded wrongly: %+v", s)
	}
	if st.Assets != 2 {
		t.Errorf("%d assets; want the PDF and the image", st.Assets)
	}

	// The archive reads back the same snapshots, and every WARC record is
	// whole and matches its digests.
	readBack := map[string]*umzug.Snapshot{}
	if err := archive.ReadArchive(t.Context(), dir, func(s *umzug.Snapshot) error {
		readBack[s.URL] = s
		return nil
	}); err != nil {
		t.Fatalf("ReadArchive: %v", err)
	}
	for k, s := range got {
		r := readBack[k]
		if r == nil {
			t.Errorf("%s: not in the archive", k)
			continue
		}
		if r.Status != s.Status || !bytes.Equal(r.Body, s.Body) || r.RawSHA256 != s.RawSHA256 || r.FinalURL != s.FinalURL || r.ArchiveRef != s.ArchiveRef {
			t.Errorf("%s: archive gives status %d, %d bytes, sha %s, final %s, ref %s; crawl gave %d, %d bytes, %s, %s, %s",
				k, r.Status, len(r.Body), r.RawSHA256, r.FinalURL, r.ArchiveRef, s.Status, len(s.Body), s.RawSHA256, s.FinalURL, s.ArchiveRef)
		}
	}
	checkWARCFiles(t, dir)

	als, err := archive.Aliases(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range als {
		lines = append(lines, a.Alias+" -> "+a.URL+" ("+a.Reason+")")
	}
	aliases := strings.Join(lines, "\n")
	for _, want := range []string{
		u("/chain/") + " -> " + u("/chain-3/") + " (redirect)",
		u("/chain-2/") + " -> " + u("/chain-3/") + " (redirect)",
		u("/ok/?utm_source=newsletter") + " -> " + u("/ok/") + " (variant)",
		u("/index.php?id=7&no_cache=1") + " -> " + u("/index.php?id=7") + " (variant)",
		u("/ok/") + " -> " + u("/index.php?id=7") + " (same-content)",
	} {
		if !strings.Contains(aliases, want) {
			t.Errorf("alias %q not recorded; aliases:\n%s", want, aliases)
		}
	}
}

// checkWARCFiles reads every record of the archive's WARC files and, when
// CI installed warcio (.ci/warc.sh), reads them with it too.
func checkWARCFiles(t *testing.T, dir string) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	if len(files) == 0 {
		t.Fatalf("no WARC file in %s", dir)
	}
	types := map[string]int{}
	for _, f := range files {
		if err := archive.ScanWARC(f, func(r archive.WARCRecordInfo) error {
			types[r.Type]++
			return nil
		}); err != nil {
			t.Errorf("ScanWARC: %v", err)
		}
	}
	if types["response"] == 0 || types["request"] < types["response"] {
		t.Errorf("record types %v: want a request for every response", types)
	}
	if script := os.Getenv("UMZUG_WARCIO_CHECK"); script != "" {
		out, err := exec.CommandContext(context.Background(), "node", script, dir).CombinedOutput()
		if err != nil {
			t.Errorf("warcio check: %v\n%s", err, out)
		} else {
			t.Logf("%s", out)
		}
	}
	return types["response"]
}

func gzipBytes(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
