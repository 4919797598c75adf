package pipeline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

func TestInventoryFields(t *testing.T) {
	const id1 = "015fe4bc-c55d-508d-aadb-61419905178d"
	inv := &inventory{} // the inlinks are the row's (joined when the rows are written)
	tests := []struct {
		r     invRow
		excel bool
		want  []string
	}{
		{invRow{URL: "https://a.example/x/", Status: invExported, HTTP: 200, Path: "/x", Kind: "press_release", Title: "=SUMME(A1)", Words: 12,
			Published: "2024-03-12", Depth: 2, ID: id1, Inlinks: 3, Dropped: map[string]int{"nav": 64, "chrome": 380}}, false,
			[]string{"https://a.example/x/", "exported", "200", "/x", "press_release", "=SUMME(A1)", "12", "2024-03-12", "2", "3", "1", "444", "chrome 380; nav 64", "", ""}},
		// Excel: German words, no formulas.
		{invRow{URL: "https://a.example/x/", Status: invExported, Kind: "press_release", Title: "=SUMME(A1)", Depth: -1, ID: id1, Inlinks: 3}, true,
			[]string{"https://a.example/x/", "exportiert", "", "", "Pressemitteilung", "'=SUMME(A1)", "", "", "", "3", "1", "", "", "", ""}},
		// No accounting (nil): empty, not 0.
		{invRow{URL: "https://a.example/y/", Status: invGone, Depth: -1, Note: "no main content"}, false,
			[]string{"https://a.example/y/", "gone", "", "", "", "", "", "", "", "", "0", "", "", "no main content", ""}},
		// Aliases, one column, separated by spaces.
		{invRow{URL: "https://a.example/x/", Status: invExported, Depth: -1, ID: id1, Inlinks: 3, Aliases: []string{"https://a.example/x/?type=98", "https://a.example/index.php?id=7"}}, false,
			[]string{"https://a.example/x/", "exported", "", "", "", "", "", "", "", "3", "1", "", "", "", "https://a.example/x/?type=98 https://a.example/index.php?id=7"}},
	}
	for i, tt := range tests {
		if got := inv.fields(tt.r, tt.excel, map[string]int{"https://a.example/x/": 1}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d: fields = %q\nwant %q", i, got, tt.want)
		}
	}
}

// TestInventoryAliases: every old URL that redirects to a document (any
// alias, not only print views) is listed in the document's row, not in a
// row of its own; files, gone pages and redirects to no document keep
// their rows.
func TestInventoryAliases(t *testing.T) {
	inv, err := newInventory()
	if err != nil {
		t.Fatal(err)
	}
	defer inv.close()
	const site = "https://a.example"
	docs := []umzug.Document{
		{ID: "id1", URL: site + "/x/", Path: "/x", Kind: umzug.KindPage, Title: "X"},
		{ID: "id2", URL: site + "/y/", Path: "/y", Kind: umzug.KindPage, Title: "Y"},
	}
	for i := range docs {
		if err := inv.addDocument(&docs[i], 10, []byte("{}"), []umzug.Asset{{URL: site + "/bild.jpg", Kind: "image"}}); err != nil {
			t.Fatal(err)
		}
	}
	isFile := func(u string) bool { return strings.HasSuffix(u, ".pdf") }
	for _, r := range []umzug.Redirect{
		{From: site + "/x/", To: "/x", Status: 301}, // the document's own URL
		{From: site + "/x/?type=98", To: "/x", Status: 301},
		{From: site + "/index.php?id=7", To: "/x", Status: 301},
		{From: site + "/alt/x.html", To: "/x", Status: 301}, // an old redirect of the site
		{From: site + "/y/?type=98", To: "/y", Status: 301},
		{From: site + "/bild.jpg", To: "/media/bild.jpg", Status: 301},
		{From: site + "/plan.pdf", To: "/media/plan.pdf", Status: 301},
		{From: site + "/leer/", Status: 410},
		{From: site + "/z/", To: "/anderswo", Status: 301}, // to no document
	} {
		if err := inv.addRedirect(r, isFile); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	exp := testExporter(t, dir, site)
	if err := inv.write(exp, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "inventory.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+" "+r[1]+" ["+r[len(r)-1]+"]")
	}
	want := []string{
		site + "/x/ exported [" + site + "/x/?type=98 " + site + "/index.php?id=7 " + site + "/alt/x.html]",
		site + "/y/ exported [" + site + "/y/?type=98]",
		site + "/bild.jpg asset []",
		site + "/plan.pdf asset []",
		site + "/leer/ gone []",
		site + "/z/ redirect []",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if h := rows[0]; h[len(h)-1] != "aliases" {
		t.Errorf("header %q: want aliases last", h)
	}
}

// TestInventorySpillJoin: the aliases and the inlinks are joined to the
// document rows through external sorts; spilled to disk in many runs
// (a tiny budget) or held in memory, the inventory is the same bytes and
// has every document's aliases in the order of the redirect map (none,
// one, many; redirects of different documents interleaved) and the
// number of documents linking to it, whatever the order of the rows' ids.
func TestInventorySpillJoin(t *testing.T) {
	const site = "https://a.example"
	const n = 300
	rng := rand.New(rand.NewPCG(7, 8))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%08x-0000-5000-8000-%012x", rng.Uint32(), i) // rows not in id order
	}
	// Aliases: none for every 7th document, 250 for document 5, else up to 3.
	var redirects []umzug.Redirect
	wantAliases := make([][]string, n)
	for i := range n {
		k := i % 4
		switch {
		case i%7 == 0:
			k = 0
		case i == 5:
			k = 250
		}
		redirects = append(redirects, umzug.Redirect{From: fmt.Sprintf("%s/p/%d/", site, i), To: fmt.Sprintf("/p/%d", i), Status: 301}) // the document's own URL
		for a := range k {
			redirects = append(redirects, umzug.Redirect{From: fmt.Sprintf("%s/alt/%d/%d.html", site, i, a), To: fmt.Sprintf("/p/%d", i), Status: 301})
		}
	}
	redirects = append(redirects, umzug.Redirect{From: site + "/z/", To: "/anderswo", Status: 301}, umzug.Redirect{From: site + "/leer/", Status: 410})
	rng.Shuffle(len(redirects), func(a, b int) { redirects[a], redirects[b] = redirects[b], redirects[a] })
	var wantOther []string
	for _, r := range redirects {
		var i, a int
		if _, err := fmt.Sscanf(r.From, site+"/alt/%d/%d.html", &i, &a); err == nil {
			wantAliases[i] = append(wantAliases[i], r.From)
		} else if !strings.HasPrefix(r.From, site+"/p/") {
			wantOther = append(wantOther, r.From)
		}
	}
	// Links: document i links to i+1 and i+3 (twice: counted once), to
	// itself (not counted) and to an id that is no document's.
	wantInlinks := make([]int, n)
	lines := make([][]byte, n)
	for i := range n {
		var b strings.Builder
		for _, j := range []int{i + 1, i + 3, i + 3, i} {
			if j < n {
				fmt.Fprintf(&b, `{"document":"%s"}`, ids[j])
				if j != i && !(j == i+3 && strings.Count(b.String(), ids[j]) > 1) {
					wantInlinks[j]++
				}
			}
		}
		b.WriteString(`{"document":"ffffffff-0000-5000-8000-000000000000"}`)
		lines[i] = []byte(b.String())
	}

	run := func(budget int) (csvText, excelText []byte) {
		defer func(b int) { sortBudget = b }(sortBudget)
		sortBudget = budget
		inv, err := newInventory()
		if err != nil {
			t.Fatal(err)
		}
		defer inv.close()
		for i := range n {
			d := umzug.Document{ID: ids[i], URL: fmt.Sprintf("%s/p/%d/", site, i), Path: fmt.Sprintf("/p/%d", i), Kind: umzug.KindPage, Title: "T"}
			if err := inv.addDocument(&d, 1, lines[i], nil); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range redirects {
			if err := inv.addRedirect(r, func(string) bool { return false }); err != nil {
				t.Fatal(err)
			}
		}
		if budget < 100 && (inv.aliases.Len() == 0 || inv.links.Len() == 0) {
			t.Fatalf("nothing to sort: %d aliases, %d links", inv.aliases.Len(), inv.links.Len())
		}
		dir := t.TempDir()
		exp := testExporter(t, dir, site)
		if err := inv.write(exp, nil); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"inventory.csv", "inventory-excel.csv"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if name == "inventory.csv" {
				csvText = b
			} else {
				excelText = b
			}
		}
		return csvText, excelText
	}
	memCSV, memExcel := run(4 << 20)
	diskCSV, diskExcel := run(64)
	if !bytes.Equal(memCSV, diskCSV) || !bytes.Equal(memExcel, diskExcel) {
		t.Error("the inventory spilled to disk differs from the one sorted in memory")
	}
	rows, err := csv.NewReader(bytes.NewReader(diskCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+n+len(wantOther) {
		t.Fatalf("%d rows, want %d", len(rows)-1, n+len(wantOther))
	}
	for i := range n {
		r := rows[1+i]
		if want := fmt.Sprintf("%s/p/%d/", site, i); r[0] != want {
			t.Fatalf("row %d: %s, want %s", i, r[0], want)
		}
		if got, want := r[9], fmt.Sprint(wantInlinks[i]); got != want {
			t.Errorf("row %d: inlinks %s, want %s", i, got, want)
		}
		if got, want := r[len(r)-1], strings.Join(wantAliases[i], " "); got != want {
			t.Errorf("row %d: aliases %q\nwant %q", i, got, want)
		}
	}
	for k, u := range wantOther {
		if got := rows[1+n+k][0]; got != u {
			t.Errorf("row %d: %s, want %s", n+k, got, u)
		}
	}
}

// TestInventorySpillError: when the aliases cannot be written to their
// temporary file, the redirect that made them fails with an error that
// names the file, and so does writing the inventory: no alias is lost
// silently.
func TestInventorySpillError(t *testing.T) {
	defer func(b int) { sortBudget = b }(sortBudget)
	sortBudget = 64
	inv, err := newInventory()
	if err != nil {
		t.Fatal(err)
	}
	defer inv.close()
	const site = "https://a.example"
	d := umzug.Document{ID: "015fe4bc-c55d-508d-aadb-61419905178d", URL: site + "/x/", Path: "/x", Kind: umzug.KindPage}
	if err := inv.addDocument(&d, 1, nil, nil); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(t.TempDir(), "gone")
	t.Setenv("TMPDIR", gone) // the temporary directory is no more
	var addErr error
	for i := 0; i < 10 && addErr == nil; i++ {
		addErr = inv.addRedirect(umzug.Redirect{From: fmt.Sprintf("%s/alt/%d.html", site, i), To: "/x", Status: 301}, func(string) bool { return false })
	}
	if addErr == nil || !strings.Contains(addErr.Error(), "inventory aliases") || !strings.Contains(addErr.Error(), gone) {
		t.Fatalf("addRedirect = %v; want an error naming the inventory's aliases and %s", addErr, gone)
	}
	exp := testExporter(t, t.TempDir(), site)
	if err := inv.write(exp, nil); err == nil || !strings.Contains(err.Error(), gone) {
		t.Errorf("write = %v; want the aliases' error", err)
	}
}

// testExporter is an exporter into dir for a test's site (fixed run id
// and times, so that its files compare byte for byte).
func testExporter(t *testing.T, dir, site string) *load.Exporter {
	t.Helper()
	exp, err := load.NewExporter(dir, load.Manifest{Generator: "t", Source: site + "/", RunID: "r", StartedAt: "2024-01-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	return exp
}
