package pipeline

import (
	"encoding/csv"
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
	inv := &inventory{inlinks: map[docID]int32{docID([]byte(id1)): 3}}
	tests := []struct {
		r     invRow
		excel bool
		want  []string
	}{
		{invRow{URL: "https://a.example/x/", Status: invExported, HTTP: 200, Path: "/x", Kind: "press_release", Title: "=SUMME(A1)", Words: 12,
			Published: "2024-03-12", Depth: 2, ID: id1, Dropped: map[string]int{"nav": 64, "chrome": 380}}, false,
			[]string{"https://a.example/x/", "exported", "200", "/x", "press_release", "=SUMME(A1)", "12", "2024-03-12", "2", "3", "1", "444", "chrome 380; nav 64", "", ""}},
		// Excel: German words, no formulas.
		{invRow{URL: "https://a.example/x/", Status: invExported, Kind: "press_release", Title: "=SUMME(A1)", Depth: -1, ID: id1}, true,
			[]string{"https://a.example/x/", "exportiert", "", "", "Pressemitteilung", "'=SUMME(A1)", "", "", "", "3", "1", "", "", "", ""}},
		// No accounting (nil): empty, not 0.
		{invRow{URL: "https://a.example/y/", Status: invGone, Depth: -1, Note: "no main content"}, false,
			[]string{"https://a.example/y/", "gone", "", "", "", "", "", "", "", "", "0", "", "", "no main content", ""}},
		// Aliases, one column, separated by spaces.
		{invRow{URL: "https://a.example/x/", Status: invExported, Depth: -1, ID: id1, Aliases: []string{"https://a.example/x/?type=98", "https://a.example/index.php?id=7"}}, false,
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
	exp, err := load.NewExporter(dir, load.Manifest{Generator: "t", Source: site + "/", RunID: "r", StartedAt: "2024-01-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
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
