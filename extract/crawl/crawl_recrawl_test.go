package crawl_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/fixtures"
)

// changingSite is a site that changes between two crawls (run is 1 or 2).
type changingSite struct {
	run      atomic.Int32
	mu       sync.Mutex
	cond     map[string][]string // path -> conditional headers seen, per request
	requests atomic.Int64
}

var lastMod = time.Date(2024, 11, 4, 8, 0, 0, 0, time.UTC)

func (s *changingSite) handler(string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		run := s.run.Load()
		p := r.URL.Path
		s.mu.Lock()
		s.cond[p] = append(s.cond[p], r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		s.mu.Unlock()
		html := func(status int, body string) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(page(strings.Trim(p, "/"), body)))
		}
		switch p {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			links := `<a href="/etag/">e</a><a href="/lm/">l</a><a href="/plain/">p</a><a href="/volatile/">v</a><a href="/gone/">g</a><a href="/status/">s</a>`
			if run == 1 {
				links += `<a href="/dropped/">d</a><a href="/moved/">m</a><a href="/orphan/">o</a>`
			} else {
				links += `<a href="/new/">n</a>`
			}
			html(200, links)
		case "/etag/":
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			html(200, "<p>Mit ETag.</p>")
		case "/lm/":
			w.Header().Set("Last-Modified", lastMod.Format(http.TimeFormat))
			if t, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lastMod.After(t) {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			html(200, "<p>Mit Last-Modified.</p>")
		case "/plain/":
			html(200, fmt.Sprintf("<p>Fassung %d.</p>", run))
		case "/volatile/":
			now := time.Now().Format(time.RFC3339Nano)
			html(200, `<!-- generated `+now+` --><form><input type="hidden" name="tx_form[__trustedProperties]" value="`+now+`"></form>
<link rel="stylesheet" href="/main.css?`+fmt.Sprint(time.Now().UnixNano())+`"><script nonce="`+now+`"></script><p>Immer gleich.</p>`)
		case "/gone/":
			if run == 2 {
				html(404, "")
				return
			}
			html(200, "<p>Noch da.</p>")
		case "/status/":
			if run == 2 {
				html(500, "")
				return
			}
			html(200, "<p>Geht.</p>")
		case "/dropped/":
			// deleted: no longer linked and not found
			if run == 2 {
				html(404, "")
				return
			}
			html(200, "<p>Seite.</p>")
		case "/moved/":
			// a new slug: TYPO3 redirects the old one
			if run == 2 {
				http.Redirect(w, r, "/new/", http.StatusMovedPermanently)
				return
			}
			html(200, "<p>Seite.</p>")
		case "/orphan/", "/new/":
			// /orphan/: no longer linked in run 2, still there
			html(200, "<p>Seite.</p>")
		default:
			http.NotFound(w, r)
		}
	})
}

func TestRecrawlIsConditionalAndDiffFindsChanges(t *testing.T) {
	site := &changingSite{cond: map[string][]string{}}
	srv, err := fixtures.StartHandler(site.handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true}
	site.run.Store(1)
	st1, err := crawl.Crawl(t.Context(), opts, func(*umzug.Snapshot) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	site.run.Store(2)
	bodies := map[string]string{}
	st2, err := crawl.Crawl(t.Context(), opts, func(s *umzug.Snapshot) error {
		bodies[strings.TrimPrefix(s.URL, srv.URL)] = string(s.Body)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st1.RunID != 1 || st2.RunID != 2 || st2.Resumed {
		t.Errorf("runs %d and %d (resumed %v); want 1 and a new run 2", st1.RunID, st2.RunID, st2.Resumed)
	}
	if got := site.cond["/etag/"]; len(got) != 2 || got[0] != "|" || got[1] != `"v1"|` {
		t.Errorf("/etag/ conditional headers per run: %q; want none, then If-None-Match", got)
	}
	if got := site.cond["/lm/"]; len(got) != 2 || got[1] != "|"+lastMod.Format(http.TimeFormat) {
		t.Errorf("/lm/ conditional headers per run: %q; want If-Modified-Since in run 2", got)
	}
	// The pages of run 1 that no link reaches in run 2 are requested
	// again: only a request tells a deleted page from a moved one.
	if st2.Rechecked != 3 {
		t.Errorf("run 2 rechecked %d pages of run 1; want 3 (/dropped/, /moved/, /orphan/)", st2.Rechecked)
	}
	if st2.Unchanged != 2 {
		t.Errorf("run 2 recorded %d pages as unchanged (304); want 2", st2.Unchanged)
	}
	// A 304 still delivers the page, from the archive, and its links.
	if !strings.Contains(bodies["/etag/"], "Mit ETag.") {
		t.Errorf("/etag/ after 304: body %q; want the archived one", bodies["/etag/"])
	}

	d, err := archive.DiffArchive(t.Context(), dir, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Changes {
		s := c.Change + " " + strings.TrimPrefix(c.URL, srv.URL)
		if c.Reason != "" && c.Change == "removed" {
			s += " (" + c.Reason + ")"
		}
		if c.Change == "status" {
			s += fmt.Sprintf(" %d->%d", c.FromStatus, c.ToStatus)
		}
		got = append(got, s)
	}
	want := []string{
		"changed /", "removed /dropped/ (HTTP 404)", "removed /gone/ (HTTP 404)", "status /moved/ 200->301",
		"added /new/", "changed /plain/", "status /status/ 200->500",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.Unchanged != 4 { // /etag/, /lm/ (304), /volatile/ (only volatile parts differ), /orphan/
		t.Errorf("%d unchanged; want 4", d.Unchanged)
	}
	// Reading the archive gives the latest capture of each URL: the 304s
	// resolve to the body they confirmed.
	latest := map[string]*umzug.Snapshot{}
	if err := archive.ReadArchive(context.Background(), dir, func(s *umzug.Snapshot) error {
		latest[strings.TrimPrefix(s.URL, srv.URL)] = s
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if s := latest["/etag/"]; s == nil || s.Status != 200 || !strings.Contains(string(s.Body), "Mit ETag.") {
		t.Errorf("/etag/ from the archive: %+v", s)
	}
	if s := latest["/dropped/"]; s == nil || s.Status != 404 {
		t.Errorf("/dropped/ from the archive: %+v; want run 2's 404", s)
	}
	only2 := 0
	if err := archive.ReadArchiveRun(context.Background(), dir, archive.ReadArchiveOptions{Run: 2}, func(s *umzug.Snapshot) error {
		only2++
		if strings.HasSuffix(s.URL, "/dropped/") && s.Status != 404 {
			t.Errorf("run 2 has /dropped/ with status %d; want its own 404", s.Status)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if only2 != 11 { // the 8 URLs linked in run 2 and the 3 rechecked
		t.Errorf("run 2 has %d captures; want 11", only2)
	}
	checkWARCFiles(t, dir)
}

// TestRecheckOnlyForTheSameCrawl: a re-crawl with other seeds or a depth
// limit does not own the pages the earlier run had: it requests none of
// them again.
func TestRecheckOnlyForTheSameCrawl(t *testing.T) {
	site := &changingSite{cond: map[string][]string{}}
	srv, err := fixtures.StartHandler(site.handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true}
	site.run.Store(1)
	if _, err := crawl.Crawl(t.Context(), opts, func(*umzug.Snapshot) error { return nil }); err != nil {
		t.Fatal(err)
	}
	site.run.Store(2)
	for _, o := range []crawl.CrawlOptions{
		{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true, MaxDepth: 1},
		{Seeds: []string{srv.URL + "/plain/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true},
	} {
		st, err := crawl.Crawl(t.Context(), o, func(*umzug.Snapshot) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if st.Rechecked != 0 {
			t.Errorf("seeds %v, depth %d: %d pages of the earlier run requested again; want none", o.Seeds, o.MaxDepth, st.Rechecked)
		}
	}
	if n := len(site.cond["/orphan/"]); n != 1 {
		t.Errorf("/orphan/ requested %d times; want once (run 1)", n)
	}
}

// A crawl that fetches files (umzug crawl) and then one that does not
// (umzug migrate without --assets, into the same archive): the files the
// first run fetched are not reached by the second, not removed from the
// site; diff and the export's removals must not call them removed (the
// trial site's diff listed 32 files "no longer linked", and the export
// gave the site logo a 410). A page deleted since is still removed.
func TestDiffFilesNotFetchedAreNotRemoved(t *testing.T) {
	var run atomic.Int32
	srv, err := fixtures.StartHandler(func(string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/":
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				links := `<img src="/logo.gif" alt="Logo"><a href="/bericht.pdf">Bericht</a><a href="/seite/">Seite</a>`
				if run.Load() == 1 {
					links += `<a href="/alt/">Alt</a>`
				}
				_, _ = w.Write([]byte(page("start", links)))
			case "/seite/", "/alt/":
				if r.URL.Path == "/alt/" && run.Load() == 2 {
					http.NotFound(w, r) // deleted since
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write([]byte(page("seite", "<p>Text.</p>")))
			case "/logo.gif":
				w.Header().Set("Content-Type", "image/gif")
				_, _ = w.Write([]byte("GIF89a"))
			case "/bericht.pdf":
				w.Header().Set("Content-Type", "application/pdf")
				_, _ = w.Write([]byte("%PDF-1.4 bericht"))
			default:
				http.NotFound(w, r)
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true, FetchAssets: true}
	run.Store(1)
	if _, err := crawl.Crawl(t.Context(), opts, func(*umzug.Snapshot) error { return nil }); err != nil {
		t.Fatal(err)
	}
	run.Store(2)
	opts.FetchAssets = false
	if _, err := crawl.Crawl(t.Context(), opts, func(*umzug.Snapshot) error { return nil }); err != nil {
		t.Fatal(err)
	}
	d, err := archive.DiffArchive(t.Context(), dir, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var removed []string
	for _, c := range d.Changes {
		if c.Change == "removed" {
			removed = append(removed, strings.TrimPrefix(c.URL, srv.URL))
		}
	}
	if len(removed) != 1 || removed[0] != "/alt/" {
		t.Errorf("removed %q; want only /alt/ (the files were not fetched, not removed)", removed)
	}
	if d.NotReached < 2 {
		t.Errorf("not reached %d; want the two files", d.NotReached)
	}
}
