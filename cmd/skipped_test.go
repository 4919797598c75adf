package cmd

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/load"
)

// TestMigrateSkipsViews migrates a site with an endless event calendar
// (?month=) and a search result page: the views are fetched within the
// trap budget but not exported, the manifest counts them per reason and
// the summary shows them apart from failures; the run is complete.
func TestMigrateSkipsViews(t *testing.T) {
	site := fixtures.NewCalendarSite()
	srv, err := fixtures.StartHandler(site.Handler)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	out := filepath.Join(t.TempDir(), "export")
	ios, _, stderr := testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), []string{"migrate", srv.URL + "/", "--out", out, "--trap-budget", "8", "--log-level", "warn"}, ios)
	if code != ExitOK {
		t.Fatalf("exit %d; want %d (views are not failures)\n%s", code, ExitOK, stderr)
	}
	months, searches := site.MonthViews(), site.SearchViews()
	if months < 2 || searches != 1 {
		t.Fatalf("the crawl fetched %d month views and %d search pages; want at least 2 and 1", months, searches)
	}

	docs := readNDJSON(t, filepath.Join(out, "documents.ndjson"))
	urls := map[string]bool{}
	for _, d := range docs {
		urls[strings.TrimPrefix(d.URL, srv.URL)] = true
		if strings.Contains(d.URL, "month=") || strings.Contains(d.URL, "q=") {
			t.Errorf("a view was exported: %s", d.URL)
		}
	}
	for _, p := range append([]string{"/", "/veranstaltungen/"}, fixtures.CalendarEvents...) {
		if !urls[p] {
			t.Errorf("%s not exported; documents: %v", p, urls)
		}
	}

	m, err := load.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != umzug.StatusComplete || len(m.Failures) != 0 {
		t.Errorf("manifest status %q, failures %v; want complete, none", m.Status, m.Failures)
	}
	if m.Skipped["calendar view"] != months || m.Skipped["search results"] != searches {
		t.Errorf("manifest skipped %v; want %d calendar view, %d search results", m.Skipped, months, searches)
	}
	if !strings.Contains(stderr.String(), "Skipped (not content, not failures): ") || !strings.Contains(stderr.String(), " calendar view, 1 search results") {
		t.Errorf("the summary does not show the skipped views:\n%s", stderr)
	}
	if strings.Contains(stderr.String(), "Failed:") {
		t.Errorf("the summary lists failures:\n%s", stderr)
	}

	// The inventory lists each view as skipped, with its reason.
	f, err := os.Open(filepath.Join(out, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	// A month view leads to the calendar's page (its new_path, and a 301
	// in the redirect map), as a list's later page leads to the list; a
	// search result page leads nowhere.
	redirect := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(out, "redirects.csv"), ',')[1:] {
		redirect[r[0]] = r[1] + " " + r[2]
	}
	views := 0
	for _, r := range rows[1:] {
		u := r[col["old_url"]]
		if strings.Contains(u, "month=") {
			views++
			if r[col["status"]] != "skipped" || r[col["note"]] != "calendar view" || r[col["new_path"]] != "/veranstaltungen" {
				t.Errorf("inventory row of %s: status %q, note %q, new_path %q; want skipped, calendar view, /veranstaltungen", u, r[col["status"]], r[col["note"]], r[col["new_path"]])
			}
			if redirect[u] != "/veranstaltungen 301" {
				t.Errorf("redirect of %s: %q; want /veranstaltungen 301", u, redirect[u])
			}
		}
		if strings.Contains(u, "q=") && (r[col["new_path"]] != "" || redirect[u] != "") {
			t.Errorf("the search result page %s leads to %q (redirect %q); want nowhere", u, r[col["new_path"]], redirect[u])
		}
	}
	if views != months {
		t.Errorf("inventory lists %d month views; %d were fetched", views, months)
	}
}
