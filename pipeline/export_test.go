package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/transform"
)

// TestPipelineOldRedirectsAndGone: a redirect of the old site becomes an
// alias of its target, a page without content answers 410, and a
// crawled file's facts reach its asset record.
func TestPipelineOldRedirectsAndGone(t *testing.T) {
	const crawled, public = "http://127.0.0.1:8080", "https://www.example.de"
	pipe := newTestExport(t, transform.Options{SiteRoot: public + "/", CrawledOrigin: crawled, PublicOrigin: public})
	d := umzug.Document{Kind: umzug.KindPage, URL: crawled + "/kontakt/", Title: "Kontakt",
		Blocks:     []umzug.Block{{Key: "c1", Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{{URL: crawled + "/fileadmin/anfahrt.pdf", Title: "Anfahrt"}}}}},
		Provenance: umzug.Provenance{SourceURL: crawled + "/kontakt/"}}
	if err := pipe.Add(d); err != nil {
		t.Fatal(err)
	}
	pipe.AddOldRedirect(crawled+"/kontakt.html", crawled+"/kontakt/")
	pipe.AddOldRedirect(crawled+"/weg/", "https://other.example/")
	pipe.AddGone(crawled + "/suche/")
	pipe.AddAsset(crawled+"/fileadmin/anfahrt.pdf", transform.AssetFacts{MimeType: "application/pdf", Size: 1234, SHA256: strings.Repeat("ab", 32)})
	dir := t.TempDir()
	if d := os.Getenv("UMZUG_WRITE_GONE_EXPORT"); d != "" {
		dir = d // .ci/redirects.sh serves its redirect maps: the demo has no gone page
	}
	res := finishTestExport(t, pipe, dir, public)
	csv, _ := os.ReadFile(filepath.Join(dir, "redirects.csv"))
	for _, want := range []string{
		public + "/kontakt.html,/kontakt,301", public + "/kontakt/,/kontakt,301",
		public + "/suche/,,410", public + "/fileadmin/anfahrt.pdf,/media/anfahrt.pdf,301",
	} {
		if !bytes.Contains(csv, []byte(want+"\n")) {
			t.Errorf("redirects.csv lacks %q:\n%s", want, csv)
		}
	}
	if bytes.Contains(csv, []byte("/weg/")) {
		t.Errorf("a redirect to another site became a mapping:\n%s", csv)
	}
	nginx, _ := os.ReadFile(filepath.Join(dir, "redirects.nginx.conf"))
	if !bytes.Contains(nginx, []byte("map $request_uri $umzug_gone {\n    default 0;\n    \"/suche/\" 1;\n}")) {
		t.Errorf("nginx map lacks the gone URL:\n%s", nginx)
	}
	assets := testkit.ReadNDJSON[umzug.Asset](t, filepath.Join(dir, "assets.ndjson"))
	if len(assets) != 1 || assets[0].Size != 1234 || assets[0].SHA256 == "" || assets[0].URL != public+"/fileadmin/anfahrt.pdf" {
		t.Errorf("assets = %+v; want the PDF with the crawl's size and sha256", assets)
	}
	// The two old URLs of the page and the file; no type=98 print views:
	// the page is not TYPO3's.
	if res.Stats["gone"] != 1 || res.Stats["redirects"] != 3 {
		t.Errorf("stats = %v", res.Stats)
	}
}

// TestRepeatedOldURLs: the redirects whose old URL an earlier redirect
// had are the ones a set of the old URLs seen finds (KeepRedirect's
// way), whether the keys were sorted in memory or spilled in many runs.
func TestRepeatedOldURLs(t *testing.T) {
	var froms []string
	for i := range 5000 {
		froms = append(froms, fmt.Sprintf("https://a.example/p/%d/", (i*7919)%1500))
	}
	for _, budget := range []int{4 << 20, 256} {
		func() {
			defer func(b int) { sortBudget = b }(sortBudget)
			sortBudget = budget
			r := newRepeatedOldURLs()
			defer r.close()
			for _, f := range froms {
				if err := r.add(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := r.find(); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			repeats := 0
			for i, f := range froms {
				if got := r.has(i); got != seen[f] {
					t.Fatalf("budget %d: redirect %d (%s) repeated = %v, want %v", budget, i, f, got, seen[f])
				}
				if seen[f] {
					repeats++
				}
				seen[f] = true
			}
			if repeats != len(froms)-1500 {
				t.Fatalf("%d repeats, want %d", repeats, len(froms)-1500)
			}
		}()
	}
}

// TestRejectedDocumentInInventory: a document the export rejects as an
// invalid record (here: no title) is a failure and a "failed" row of the
// inventory, which lists every old URL of the run.
func TestRejectedDocumentInInventory(t *testing.T) {
	const site = "https://www.example.de"
	pipe := newTestExport(t, transform.Options{SiteRoot: site + "/"})
	page := func(path, title string) umzug.Document {
		return umzug.Document{Kind: umzug.KindPage, URL: site + path, Title: title,
			Blocks:     []umzug.Block{{Key: "c1", Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Key: "b0", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: "Text der Seite " + path, Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}}}}},
			Provenance: umzug.Provenance{SourceURL: site + path, HTTPStatus: 200}}
	}
	for _, d := range []umzug.Document{page("/a/", "A"), page("/leer/", "")} {
		if err := pipe.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	finishTestExport(t, pipe, dir, site)
	inv, _ := os.ReadFile(filepath.Join(dir, "inventory.csv"))
	if !bytes.Contains(inv, []byte(site+"/leer/,failed,200,")) || !bytes.Contains(inv, []byte("invalid-record")) {
		t.Errorf("inventory.csv lacks the rejected page:\n%s", inv)
	}
	if !bytes.Contains(inv, []byte(site+"/a/,exported,")) {
		t.Errorf("inventory.csv lacks the exported page:\n%s", inv)
	}
}

// newTestExport is an export engine over a normalizer with opts, closed
// at the end of the test.
func newTestExport(t *testing.T, opts transform.Options) *Export {
	t.Helper()
	norm, err := transform.NewNormalizer(opts)
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := NewExport(slog.New(slog.NewTextHandler(io.Discard, nil)), norm, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pipe.Close)
	return pipe
}

// finishTestExport writes pipe's export for site into dir.
func finishTestExport(t *testing.T, pipe *Export, dir, site string) ExportResult {
	t.Helper()
	exp := testExporter(t, dir, site)
	res, err := pipe.Finish(t.Context(), exp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exp.Finish("2024-01-01T00:00:01Z", res.Stats); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSamePageWarningsCountedOnce: a page exported once though crawled
// under two URLs (a TYPO3 page under its speaking URL and index.php?id=N)
// has its warnings counted once in the manifest and the summary, as
// documents.ndjson holds them once (before: twice, "Warnings: 4" over 2).
func TestSamePageWarningsCountedOnce(t *testing.T) {
	const site = "https://www.example.de"
	pipe := newTestExport(t, transform.Options{SiteRoot: site + "/"})
	page := func(path string) umzug.Document {
		return umzug.Document{Kind: umzug.KindPage, URL: site + path, Title: "Hochwasserschutz",
			Blocks:     []umzug.Block{{Key: "c341", Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Key: "b0", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: "Die Karte zeigt die Überschwemmungsgebiete.", Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}}}}},
			Warnings:   []umzug.Warning{{Code: "embedded-content", Message: "element c341 embeds a map", BlockKey: "c341"}},
			Provenance: umzug.Provenance{SourceURL: site + path, HTTPStatus: 200, Extractor: "typo3"}}
	}
	for _, d := range []umzug.Document{page("/index.php?id=23"), page("/themen/wasser/hochwasserschutz.html")} {
		if err := pipe.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	res := finishTestExport(t, pipe, t.TempDir(), site)
	if got := res.Stats["warnings"]; got != 1 {
		t.Errorf("stats warnings = %v; want 1 (one document)", got)
	}
	if got := res.Stats["samePages"]; got != 1 {
		t.Errorf("stats samePages = %v; want 1", got)
	}
}
