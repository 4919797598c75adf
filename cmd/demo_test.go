package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/umzug/umzug/fixtures"
)

// run executes umzug with args and returns the exit code, stdout and
// stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, out, errOut := testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), args, ios)
	return code, out.String(), errOut.String()
}

// TestDemoRecrawlAndDiff is the README's re-crawl walk-through: the demo
// migrated twice into one archive diffs as unchanged (the archive keys
// URLs by the public origin, not the server's random port); the changed
// demo diffs as exactly the changes fixtures.MinistryChanges lists.
func TestDemoRecrawlAndDiff(t *testing.T) {
	dir := t.TempDir()
	arch, out := filepath.Join(dir, "archive"), filepath.Join(dir, "export")
	for i := range 2 {
		if code, _, stderr := run(t, "migrate", "--demo", "--archive", arch, "--out", out); code != ExitOK {
			t.Fatalf("migrate %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	code, stdout, stderr := run(t, "diff", "--archive", arch)
	if code != ExitOK || stdout != "" || !strings.Contains(stderr, "Run 1 (complete) -> run 2 (complete): 0 added, 0 changed, 0 removed, 0 status changed, 57 unchanged") {
		t.Fatalf("the demo migrated twice diffs as (exit %d)\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, "migrate", "--demo-change", "--archive", arch, "--out", out)
	if code != ExitOK {
		t.Fatalf("migrate --demo-change: exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`\d+ unchanged since the last run`).MatchString(stderr) {
		t.Errorf("the re-crawl summary does not count conditional requests answered 304:\n%s", stderr)
	}
	// The page deleted since (no longer linked, and requested again: 404)
	// answers 410 in the new export's redirect map, its inventory row says
	// why, and the manifest and the summary count it.
	removed := fixtures.MinistryPublicURL + "/archiv/verkehrsprojekte-2012/"
	if b, err := os.ReadFile(filepath.Join(out, "redirects.csv")); err != nil || !strings.Contains(string(b), "\n"+removed+",,410\n") {
		t.Errorf("redirects.csv has no 410 for the deleted page %s (err %v)", removed, err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "inventory.csv")); err != nil || !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(removed)+`,.*gone.*removed since run 2 of \d{4}-\d\d-\d\d: HTTP 404 now`).Match(b) {
		t.Errorf("inventory.csv has no gone row saying why for %s (err %v)", removed, err)
	}
	var man struct {
		Stats map[string]int `json:"stats"`
	}
	if b, err := os.ReadFile(filepath.Join(out, "manifest.json")); err != nil || json.Unmarshal(b, &man) != nil || man.Stats["removedSinceLastCrawl"] != 1 {
		t.Errorf("manifest stats removedSinceLastCrawl = %d; want 1 (err %v)", man.Stats["removedSinceLastCrawl"], err)
	}
	if !strings.Contains(stderr, "Removed since an earlier crawl: 1 (") {
		t.Errorf("the summary does not count the removed page:\n%s", stderr)
	}
	code, stdout, _ = run(t, "diff", "--archive", arch)
	if code != ExitOK {
		t.Fatalf("diff: exit %d", code)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		f := strings.Fields(l)
		got = append(got, f[0]+" "+strings.TrimPrefix(f[1], fixtures.MinistryPublicURL))
	}
	var want []string
	for _, c := range fixtures.MinistryChanges {
		want = append(want, c.Change+" "+c.Path)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("diff after the demo changed:\n%s\nwant %q", stdout, want)
	}
	// The night after, nothing changed: the page is still deleted, and
	// the export still answers it with 410 (not only on the night of the
	// deletion, whose run the diff compares with).
	later := filepath.Join(dir, "later")
	if code, _, stderr = run(t, "migrate", "--demo-change", "--archive", arch, "--out", later); code != ExitOK {
		t.Fatalf("migrate --demo-change again: exit %d\n%s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(later, "redirects.csv")); err != nil || !strings.Contains(string(b), "\n"+removed+",,410\n") {
		t.Errorf("the night after, redirects.csv has no 410 for the deleted page %s (err %v)", removed, err)
	}
	if !strings.Contains(stderr, "Removed since an earlier crawl: 1 (") {
		t.Errorf("the night after, the summary does not count the removed page:\n%s", stderr)
	}
	// A narrower crawl (a page budget) does not reach pages that are
	// still there: it removes nothing (umzug diff lists them as removed).
	narrow := filepath.Join(dir, "narrow")
	code, _, stderr = run(t, "migrate", "--demo-change", "--archive", arch, "--out", narrow, "--max-pages", "20")
	if code != ExitOK && code != ExitPartial {
		t.Fatalf("migrate --max-pages 20: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "Removed since an earlier crawl") {
		t.Errorf("a crawl limited to 20 pages counts pages it did not reach as removed:\n%s", stderr)
	}
}

// TestDemoStderr: a normal demo run prints the summary and nothing that
// reads like trouble (the seeded defects are in the audit summary);
// --quiet prints nothing at all.
func TestDemoStderr(t *testing.T) {
	code, stdout, stderr := run(t, "migrate", "--demo", "--out", t.TempDir())
	if code != ExitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	if strings.Contains(stderr, "level=") {
		t.Errorf("a normal demo run logs:\n%s", stderr)
	}
	if !strings.Contains(stderr, "Fetched 57 pages (1 answered 404") || !strings.Contains(stderr, "broken-link") {
		t.Errorf("the summary does not account for the seeded 404:\n%s", stderr)
	}
	code, stdout, stderr = run(t, "migrate", "--demo", "--out", t.TempDir(), "--quiet")
	if code != ExitOK || stdout != "" || stderr != "" {
		t.Errorf("--quiet: exit %d, stdout %q, stderr %q; want nothing", code, stdout, stderr)
	}
}

// TestSavedPagesURLs: each saved page gets its own URL from --base-url
// (its path below --root, index.html naming its directory) or --url-map;
// two pages with one URL are refused instead of one replacing the other.
func TestSavedPagesURLs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.html", "presse/index.html", "presse/a.html", "presse/Straße 1.html", "other/x.html"} {
		mkFile(t, filepath.Join(dir, "site", f), "<html><head><title>T</title></head><body><main><h1>T</h1><p>"+f+" text</p></main></body></html>")
	}
	site := func(f string) string { return filepath.Join(dir, "site", f) }
	tests := []struct {
		sp      SavedPages
		files   []string
		want    []string
		wantErr string
	}{
		{SavedPages{BaseURL: "https://www.a.example/"}, []string{site("index.html"), site("presse/index.html"), site("presse/a.html"), site("presse/Straße 1.html")},
			[]string{"https://www.a.example/", "https://www.a.example/presse/", "https://www.a.example/presse/a.html", "https://www.a.example/presse/Stra%C3%9Fe%201.html"}, ""},
		// The common directory is presse/: give --root for the site's root.
		{SavedPages{BaseURL: "https://www.a.example/presse"}, []string{site("presse/index.html"), site("presse/a.html")},
			[]string{"https://www.a.example/presse/", "https://www.a.example/presse/a.html"}, ""},
		{SavedPages{BaseURL: "https://www.a.example/", Root: filepath.Join(dir, "site")}, []string{site("presse/a.html")},
			[]string{"https://www.a.example/presse/a.html"}, ""},
		// One file: the page's own URL, as before.
		{SavedPages{BaseURL: "https://www.a.example/presse/a/"}, []string{site("presse/a.html")}, []string{"https://www.a.example/presse/a/"}, ""},
		{SavedPages{BaseURL: "https://www.a.example/", Root: filepath.Join(dir, "site", "presse")}, []string{site("other/x.html")}, nil, "not below --root"},
		{SavedPages{}, []string{site("presse/a.html")}, []string{""}, ""},
	}
	for i, tt := range tests {
		got, err := tt.sp.urls(tt.files)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%d: err %v; want %q", i, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%d: %v", i, err)
			continue
		}
		for j, f := range tt.files {
			if got[f] != tt.want[j] {
				t.Errorf("%d: %s = %q; want %q", i, f, got[f], tt.want[j])
			}
		}
	}
	list := filepath.Join(dir, "site", "urls.txt")
	mkFile(t, list, "# saved pages\npresse/a.html https://www.a.example/presse/detail/a/\npresse/index.html\thttps://www.a.example/presse/\n")
	sp := SavedPages{URLList: list}
	got, err := sp.urls([]string{site("presse/a.html"), site("presse/index.html")})
	if err != nil || got[site("presse/a.html")] != "https://www.a.example/presse/detail/a/" || got[site("presse/index.html")] != "https://www.a.example/presse/" {
		t.Errorf("--url-map: %v, %v", got, err)
	}
	if _, err := sp.urls([]string{site("other/x.html")}); err == nil || !strings.Contains(err.Error(), "not listed") {
		t.Errorf("a file missing from --url-map: %v", err)
	}
	mkFile(t, list, "presse/a.html https://www.a.example/x/\npresse/index.html https://www.a.example/x/\n")
	if _, err := sp.urls([]string{site("presse/a.html"), site("presse/index.html")}); err == nil || !strings.Contains(err.Error(), "would both be") {
		t.Errorf("two files with one URL: %v", err)
	}
}

// TestSavedPagesToLoadLosesNothing is the README's saved-pages path:
// extract | load keeps every page; a duplicate record is reported and
// makes the export partial (exit 4).
func TestSavedPagesToLoadLosesNothing(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 5 {
		f := filepath.Join(dir, "saved", "presse", fmt.Sprintf("pm-%d.html", i))
		mkFile(t, f, fmt.Sprintf("<html lang=de><head><title>Pressemitteilung %d</title></head><body><main><h1>Pressemitteilung %d</h1><p>Text der Pressemitteilung Nummer %d mit genug Worten.</p></main></body></html>", i, i, i))
		files = append(files, f)
	}
	code, docs, stderr := run(t, append([]string{"extract", "--base-url", "https://www.a.example/presse/"}, files...)...)
	if code != ExitOK {
		t.Fatalf("extract: exit %d\n%s", code, stderr)
	}
	ios, _, errOut := testStreams()
	ios.In = strings.NewReader(docs)
	out := filepath.Join(dir, "export")
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"load", "--out", out}, ios); code != ExitOK {
		t.Fatalf("load: exit %d\n%s", code, errOut)
	}
	if got := len(readNDJSON(t, filepath.Join(out, "documents.ndjson"))); got != 5 {
		t.Errorf("exported %d documents of 5 saved pages", got)
	}
	// The same page twice, and a line that is not a document.
	first := docs[:strings.IndexByte(docs, '\n')+1]
	ios, _, errOut = testStreams()
	ios.In = strings.NewReader(docs + first + "{not json}\n")
	code = Execute(t.Context(), NewRootCmd(ios), []string{"load", "--out", out}, ios)
	if code != ExitPartial {
		t.Errorf("load with a duplicate record: exit %d; want %d\n%s", code, ExitPartial, errOut)
	}
	for _, want := range []string{"reason=duplicate-url", "stdin line 6: an earlier record has the same url", "url=stdin:7 reason=input-unreadable", "line is not a document",
		"partial: 2 of 7 input records dropped", "duplicate-url", "input-unreadable"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("load's stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func mkFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInventory: inventory.csv lists every old URL of the demo once (the
// documents with their aliases, every other URL of the redirect map, the
// page that answered 404), with the documents' figures; the Excel variant
// has the same rows for German Excel.
func TestInventory(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "migrate", "--demo", "--out", dir, "-q"); code != ExitOK {
		t.Fatalf("migrate: exit %d\n%s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(dir, "inventory.csv"), ',')
	head := rows[0]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	byURL := map[string][]string{}
	status := map[string]int{}
	aliases := 0
	for _, r := range rows[1:] {
		// An old URL stands once: in a row of its own or among the
		// aliases of its document's row.
		urls := []string{r[0]}
		if a := r[col["aliases"]]; a != "" {
			if r[col["status"]] != "exported" {
				t.Errorf("row of %s (%s) has aliases %q", r[0], r[col["status"]], a)
			}
			urls = append(urls, strings.Fields(a)...)
			aliases += len(strings.Fields(a))
		}
		for _, u := range urls {
			if _, dup := byURL[u]; dup {
				t.Errorf("%s is listed twice", u)
			}
			byURL[u] = r
		}
		status[r[col["status"]]]++
	}
	docs := readNDJSON(t, filepath.Join(dir, "documents.ndjson"))
	if status["exported"] != len(docs) {
		t.Errorf("%d exported rows; the export has %d documents", status["exported"], len(docs))
	}
	for _, d := range docs {
		r := byURL[d.URL]
		if r == nil {
			t.Errorf("document %s is not in the inventory", d.URL)
			continue
		}
		if r[col["new_path"]] != d.Path || r[col["title"]] != d.Title || r[col["kind"]] != string(d.Kind) || r[col["published"]] != d.Dates.Published {
			t.Errorf("row of %s: %q", d.URL, r)
		}
		if n, err := strconv.Atoi(r[col["words"]]); err != nil || n < 5 {
			t.Errorf("row of %s: words %q", d.URL, r[col["words"]])
		}
		// The print view of a page is one of its aliases, not a row.
		if a := byURL[d.URL+"?type=98"]; a == nil || a[0] != d.URL {
			t.Errorf("the print view of %s is not among its aliases: %q", d.URL, a)
		}
	}
	for _, r := range readCSV(t, filepath.Join(dir, "redirects.csv"), ',')[1:] {
		if byURL[r[0]] == nil {
			t.Errorf("old URL %s of the redirect map is not in the inventory", r[0])
		}
	}
	if r := byURL[fixtures.MinistryPublicURL+"/themen/mobilfunk/funkloch-melden/"]; r == nil || r[col["status"]] != "not-found" || r[col["http_status"]] != "404" {
		t.Errorf("the seeded 404: %q", r)
	}
	// The press list's later pages are not documents: a row each that
	// says so, with the list's page as where the old URL now leads.
	for _, p := range []string{"/presse/pressemitteilungen/seite/2/", "/presse/pressemitteilungen/seite/3/"} {
		if r := byURL[fixtures.MinistryPublicURL+p]; r == nil || r[0] != fixtures.MinistryPublicURL+p || r[col["status"]] != "skipped" || r[col["note"]] != "pagination" || r[col["new_path"]] != "/presse/pressemitteilungen" {
			t.Errorf("the press list's later page %s: %q, want a skipped row (pagination) leading to /presse/pressemitteilungen", p, r)
		}
	}
	if r := byURL[fixtures.MinistryPublicURL+"/service/styleguide/"]; r == nil || r[col["findings"]] == "0" {
		t.Errorf("the style guide's findings are not counted: %q", r)
	}
	linked := 0
	for _, r := range rows[1:] {
		if n, _ := strconv.Atoi(r[col["inlinks"]]); n > 0 {
			linked++
		}
	}
	if linked < 10 || status["asset"] < 30 || aliases < 100 {
		t.Errorf("%d documents with inlinks, statuses %v, %d aliases", linked, status, aliases)
	}

	raw, err := os.ReadFile(filepath.Join(dir, "inventory-excel.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeffAlte URL;Status;")) || !bytes.Contains(raw, []byte(";exportiert;200;")) || bytes.Count(raw, []byte("\r\n")) != len(rows) {
		t.Errorf("the Excel variant does not start with a BOM and German headers, or lacks CRLF: %.200q", raw)
	}
	if de := readCSV(t, filepath.Join(dir, "inventory-excel.csv"), ';'); len(de) != len(rows) {
		t.Errorf("the Excel variant has %d rows; inventory.csv %d", len(de), len(rows))
	}
	var m struct{ Files []struct{ Path string } }
	b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	_ = json.Unmarshal(b, &m)
	listed := 0
	for _, f := range m.Files {
		if strings.HasPrefix(f.Path, "inventory") {
			listed++
		}
	}
	if listed != 2 {
		t.Errorf("the manifest lists %d inventory files; want 2", listed)
	}
}

func readCSV(t *testing.T, name string, comma rune) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %d rows, %v", name, len(rows), err)
	}
	return rows
}
