package cmd

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug/load"
)

// TestMigrateSamePageUnderTwoURLs: a site whose menu links "/presse/"
// and whose breadcrumb links "/presse/index.html" (the same page) is
// exported with the page once; the other URL redirects to it, the
// inventory lists it with the document, and the summary and the manifest
// count it.
func TestMigrateSamePageUnderTwoURLs(t *testing.T) {
	pageHTML := func(title, body string) string {
		return `<!DOCTYPE html><html lang="de"><head><title>` + title + `</title></head><body>
<nav><a href="/">Start</a> <a href="/index.html">Startseite</a> <a href="/presse/">Presse</a> <a href="/presse/index.html">Pressebereich</a></nav>
<main><h1>` + title + `</h1><p>` + body + `</p><p><a href="/presse/pm-1.html">Pressemitteilung 1</a></p></main></body></html>`
	}
	pages := map[string]string{
		"/":                 pageHTML("Willkommen", "Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen."),
		"/presse/":          pageHTML("Presse", "Hier finden Sie alle Pressemitteilungen des Ministeriums aus den letzten Jahren."),
		"/presse/pm-1.html": pageHTML("Neue Radwege", "Das Land baut in diesem Jahr zweihundert Kilometer neue Radwege an Landesstraßen."),
	}
	pages["/index.html"] = pages["/"]
	pages["/presse/index.html"] = pages["/presse/"]
	srv := serveSite(t, pages)
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	f, err := os.Open(filepath.Join(out, "documents.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct{ URL, Path string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, strings.TrimPrefix(d.URL, srv.URL)+" "+d.Path)
	}
	want := []string{"/ /", "/presse/ /presse", "/presse/pm-1.html /presse/pm-1"}
	slices.Sort(urls)
	if !slices.Equal(urls, want) {
		t.Errorf("documents (URL path) = %q; want %q", urls, want)
	}
	redirects, err := os.ReadFile(filepath.Join(out, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{srv.URL + "/index.html,/,301", srv.URL + "/presse/index.html,/presse,301"} {
		if !strings.Contains(string(redirects), line+"\n") {
			t.Errorf("redirects.csv lacks %q:\n%s", line, redirects)
		}
	}
	inv, err := os.ReadFile(filepath.Join(out, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(inv), "\n") {
		if strings.HasPrefix(l, srv.URL+"/presse/,exported,") && !strings.Contains(l, srv.URL+"/presse/index.html") {
			t.Errorf("inventory row of /presse/ does not list /presse/index.html as its alias: %s", l)
		}
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Stats["samePages"] != 2 || m.Counts["documents"] != 3 {
		t.Errorf("manifest samePages %d, documents %d; want 2 and 3", m.Stats["samePages"], m.Counts["documents"])
	}
	if !strings.Contains(stderr.String(), "Same page under two URLs: 2 kept once") {
		t.Errorf("summary does not count the pages kept once:\n%s", stderr)
	}
}

// serveSite serves pages (HTML by path) on 127.0.0.1 for the test.
func serveSite(t *testing.T, pages map[string]string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestMigrateEmptyPageIsNoContent: a page that answers 200 with an empty
// body (or a template that rendered nothing) has nothing to migrate: it
// is skipped as "no main content" and answers 410 in the redirect map;
// the export stays complete instead of failing the page as an invalid
// record.
func TestMigrateEmptyPageIsNoContent(t *testing.T) {
	srv := serveSite(t, map[string]string{
		"/": `<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><nav><a href="/leer.html">Leer</a> <a href="/nichts.html">Nichts</a></nav>
<a href="/klima/">Klima</a>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p></main></body></html>`,
		"/leer.html":   "",
		"/nichts.html": "<!DOCTYPE html><html><head></head><body></body></html>",
		// A template with an empty <main>: the skip link is no content.
		"/klima/": `<!DOCTYPE html><html lang="de"><head><title>Klimaanpassung</title></head><body>
<a class="visually-hidden-focusable" href="#page-content">Zum Hauptinhalt springen</a><header><nav><a href="/">Start</a></nav></header>
<div id="page-content"><main id="page-main"><!--TYPO3SEARCH_begin--><!--TYPO3SEARCH_end--></main></div><footer>Impressum</footer></body></html>`,
	})
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("exit %d; want %d\n%s", code, ExitOK, stderr)
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "complete" || m.Skipped["no main content"] != 3 || m.Counts["documents"] != 1 {
		t.Errorf("manifest status %q, skipped %v, documents %d; want complete, 3 without main content, 1 document", m.Status, m.Skipped, m.Counts["documents"])
	}
	redirects, err := os.ReadFile(filepath.Join(out, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"/leer.html", "/nichts.html", "/klima/"} {
		if !strings.Contains(string(redirects), srv.URL+u+",,410\n") {
			t.Errorf("redirects.csv: no 410 for %s:\n%s", u, redirects)
		}
	}
}

// TestMigrateCMSErrorPageIsAFailure: TYPO3's error page served with
// status 200 in place of a page is not migrated as a document titled
// "Oops, an error occurred!": the URL fails with cms-error-page, the
// export is partial and says so.
func TestMigrateCMSErrorPageIsAFailure(t *testing.T) {
	srv := serveSite(t, map[string]string{
		"/": `<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><nav><a href="/service/egvp/">EGVP</a></nav>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p></main></body></html>`,
		"/service/egvp/": `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Oops, an error occurred!</title></head><body>
<div class="typo3-error-page"><h1>Oops, an error occurred!</h1><p>An internal error occurred. For more information please see the log, code: 1710243115</p></div></body></html>`,
	})
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitPartial {
		t.Fatalf("exit %d; want %d\n%s", code, ExitPartial, stderr)
	}
	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != "partial" || m.Failures["cms-error-page"] != 1 || m.Counts["documents"] != 1 {
		t.Errorf("manifest status %q, failures %v, documents %d; want partial, one cms-error-page, one document", m.Status, m.Failures, m.Counts["documents"])
	}
	if !strings.Contains(stderr.String(), "cms-error-page") {
		t.Errorf("summary does not name the failure:\n%s", stderr)
	}
}

// TestMigrateFileLinkedOnlyFromChrome: a PDF that only the sidebar links
// to (the sidebar is not content) is still a file of the site: it gets
// an asset record, a redirect to its new path and an inventory row that
// says why no document holds it.
func TestMigrateFileLinkedOnlyFromChrome(t *testing.T) {
	srv := serveSite(t, map[string]string{
		"/": `<!DOCTYPE html><html lang="de"><head><title>Talsperren</title></head><body><nav><a href="/">Start</a></nav>
<main><h1>Talsperren</h1><p>Das Land betreibt 23 Talsperren für Trinkwasser und Hochwasserschutz. Sie werden regelmäßig geprüft und saniert.</p>
<p><a href="/fileadmin/bericht.pdf">Bericht 2024</a></p></main>
<aside id="sidebar"><h3>Downloads</h3><ul><li><a href="/fileadmin/talsperren/stauanlagenverordnung.pdf">Stauanlagenverordnung</a></li><li><a href="/file%61dmin/bericht.pdf#s2">Bericht (the content's file, written otherwise)</a></li><li><a href="https://other.example/x.pdf">Anderswo</a></li></ul></aside></body></html>`,
	})
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	assets, err := os.ReadFile(filepath.Join(out, "assets.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(assets), "\n"); n != 2 || !strings.Contains(string(assets), `"url":"`+srv.URL+`/fileadmin/talsperren/stauanlagenverordnung.pdf"`) || strings.Contains(string(assets), "other.example") {
		t.Errorf("assets.ndjson (%d records):\n%s\nwant the report and the sidebar's file, not the other site's", n, assets)
	}
	redirects, err := os.ReadFile(filepath.Join(out, "redirects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(redirects), srv.URL+"/fileadmin/talsperren/stauanlagenverordnung.pdf,/media/talsperren/stauanlagenverordnung.pdf,301\n") {
		t.Errorf("redirects.csv lacks the sidebar's file:\n%s", redirects)
	}
	inv, err := os.ReadFile(filepath.Join(out, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(inv), "stauanlagenverordnung.pdf,asset,") || !strings.Contains(string(inv), "linked only from page chrome") {
		t.Errorf("inventory.csv does not list the sidebar's file as an asset linked only from chrome:\n%s", inv)
	}
	if !strings.Contains(stderr.String(), "Assets: 2 (1 linked only from page chrome, in no document)") {
		t.Errorf("summary does not count the file:\n%s", stderr)
	}
}

// TestMigrateCutPageIsNamed: a page larger than --max-body-size is cut
// there; its document is exported with the truncated-body warning, and
// the inventory and the summary say that its end is missing.
func TestMigrateCutPageIsNamed(t *testing.T) {
	big := `<!DOCTYPE html><html lang="de"><head><title>Bericht</title></head><body><main><h1>Jahresbericht</h1>` +
		strings.Repeat("<p>Der Bericht beschreibt die Arbeit des Landesamts im vergangenen Jahr in allen Bereichen.</p>", 15000) +
		"<p>LETZTER ABSATZ</p></main></body></html>"
	srv := serveSite(t, map[string]string{
		"/": `<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><nav><a href="/bericht/">Bericht</a></nav>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p></main></body></html>`,
		"/bericht/": big,
	})
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--max-body-size", "1", "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	docs, err := os.ReadFile(filepath.Join(out, "documents.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(docs), `"code":"truncated-body"`) || strings.Contains(string(docs), "LETZTER ABSATZ") {
		t.Errorf("documents.ndjson: want the cut page with the truncated-body warning and without its end")
	}
	inv, err := os.ReadFile(filepath.Join(out, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(inv), "cut at --max-body-size") {
		t.Errorf("inventory.csv does not note the cut page:\n%.600s", inv)
	}
	if !strings.Contains(stderr.String(), "Cut: 1 page larger than --max-body-size ends where it was cut") {
		t.Errorf("summary does not name the cut page:\n%s", stderr)
	}
}

// TestMigrateRedirectToNotFound: an old URL that redirects to a page that
// answers 404 is listed once as the redirect it is, and the target once
// as not found.
func TestMigrateRedirectToNotFound(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><nav><a href="/themen/abwasser/">Abwasser</a></nav>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p></main></body></html>`))
		case "/themen/abwasser/":
			http.Redirect(w, r, "/themen/abwasser-neu/", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitOK && code != ExitPartial {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	inv, err := os.ReadFile(filepath.Join(out, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(inv)), "\n")[1:] {
		u, rest, _ := strings.Cut(l, ",")
		st, _, _ := strings.Cut(rest, ",")
		rows[strings.TrimPrefix(u, srv.URL)] = append(rows[strings.TrimPrefix(u, srv.URL)], st)
	}
	if got := rows["/themen/abwasser/"]; len(got) != 1 || got[0] != "skipped" {
		t.Errorf("rows of the redirecting URL = %v; want one, skipped (a redirect to a page not exported)\n%s", got, inv)
	}
	if got := rows["/themen/abwasser-neu/"]; len(got) != 1 || got[0] != "not-found" {
		t.Errorf("rows of the target = %v; want one, not-found\n%s", got, inv)
	}
	// The start page links to the dead end: its row counts that finding.
	r := csv.NewReader(strings.NewReader(string(inv)))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		if rec[0] == srv.URL+"/" && rec[10] == "0" {
			t.Errorf("the start page's row counts no finding; the broken link on it is one: %q", rec)
		}
	}
}

// TestMigrateAssetsSummaryCountsFiles: with --assets the files the crawl
// fetched are counted as files, not as pages.
func TestMigrateAssetsSummaryCountsFiles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p><p><a href="/fileadmin/bericht.pdf">Bericht</a></p></main></body></html>`))
		case "/fileadmin/bericht.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4 Bericht"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--assets", "--out", out, "--log-level", "error"}, ios); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "Fetched 1 pages and 1 files") {
		t.Errorf("summary does not count the file apart:\n%s", stderr)
	}
}

// TestLoadExportDirPrintsSummary: loading an export directory into a new
// one (to change its rich text format, say) says what it wrote, as
// loading NDJSON does.
func TestLoadExportDirPrintsSummary(t *testing.T) {
	src, dst := filepath.Join(t.TempDir(), "export"), filepath.Join(t.TempDir(), "copy")
	if code, _, stderr := run(t, "migrate", "--demo", "--out", src, "-q"); code != ExitOK {
		t.Fatalf("migrate --demo: exit %d\n%s", code, stderr)
	}
	code, _, stderr := run(t, "load", src, "--out", dst, "--richtext", "html")
	if code != ExitOK || !strings.Contains(stderr, "Export: "+dst+" (copied from "+src+": 54 documents") || !strings.Contains(stderr, "rich text html") {
		t.Errorf("load DIR --out: exit %d, stderr:\n%s\nwant the export's summary line", code, stderr)
	}
}

// TestMigrateSitemapEntryNotFound: a sitemap entry that answers 404 and
// that no page links is listed in the inventory as not found, saying it
// came from the start URLs or the sitemap (a dead entry there), not
// "linked from" nothing; a linked 404 names its page.
func TestMigrateSitemapEntryNotFound(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<!DOCTYPE html><html lang="de"><head><title>Start</title></head><body><nav><a href="/themen/luft/">Luft</a></nav>
<main><h1>Willkommen</h1><p>Das Ministerium informiert über seine Arbeit für das ganze Land und alle Bürgerinnen.</p></main></body></html>`))
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` + srvURL + `/</loc></url><url><loc>` + srvURL + `/themen/artenvielfalt/</loc></url></urlset>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--log-level", "error"}, ios); code != ExitOK && code != ExitPartial {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	recs := readCSV(t, filepath.Join(out, "inventory.csv"), ',')
	notes := map[string]string{}
	for _, rec := range recs[1:] {
		notes[strings.TrimPrefix(rec[0], srv.URL)] = rec[len(rec)-2] + "|" + rec[1]
	}
	if got := notes["/themen/artenvielfalt/"]; got != "a start URL, a sitemap entry or a page of an earlier run, linked from no page crawled|not-found" {
		t.Errorf("the dead sitemap entry's row: %q\n%v", got, notes)
	}
	if got := notes["/themen/luft/"]; got != "linked from "+srv.URL+"/|not-found" {
		t.Errorf("the broken link's row: %q", got)
	}
}
