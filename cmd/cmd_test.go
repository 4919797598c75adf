package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func testStreams() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	return &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Now: func() time.Time { return clock }}, &out, &errOut
}

func TestMigrateFlags(t *testing.T) {
	tests := []struct {
		args    string
		wantErr string
		check   func(t *testing.T, o *MigrateOptions)
	}{
		{args: "--demo --out x", check: func(t *testing.T, o *MigrateOptions) {
			if !o.Demo || o.Out != "x" || o.Crawl.Concurrency != 4 || o.Crawl.Timeout != 30*time.Second {
				t.Errorf("options %+v", o)
			}
		}},
		{args: "https://a.example/ https://a.example/b/ -o out --max-pages 10 --max-depth 3 --concurrency 2 --delay 250ms --include /presse/ --include /themen/ --exclude \\.pdf$ --ignore-robots --allow-host cdn.a.example --public-url https://www.a.example", check: func(t *testing.T, o *MigrateOptions) {
			c := o.Crawl
			if len(o.Seeds) != 2 || o.Out != "out" || c.MaxPages != 10 || c.MaxDepth != 3 || c.Concurrency != 2 ||
				c.Delay != 250*time.Millisecond || len(c.Include) != 2 || len(c.Exclude) != 1 || !c.IgnoreRobots ||
				len(c.AllowHosts) != 1 || o.PublicURL != "https://www.a.example" {
				t.Errorf("options %+v", o)
			}
		}},
		{args: "--out x", wantErr: "give a start URL or --demo"},
		{args: "--demo", wantErr: "--out DIR is required"},
		{args: "--demo https://a.example/ --out x", wantErr: "--demo takes no URL"},
		{args: "--demo --out x --max-pages abc", wantErr: "invalid argument"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			ios, _, _ := testStreams()
			var got *MigrateOptions
			cmd := NewCmdMigrate(ios, &GlobalOptions{LogLevel: "info", LogFormat: "text"}, func(_ context.Context, o *MigrateOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(strings.Fields(tt.args))
			cmd.SetOut(ios.Out)
			cmd.SetErr(ios.ErrOut)
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v; want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Execute: %v", err)
			}
			tt.check(t, got)
		})
	}
}

func TestCrawlFlagsValidation(t *testing.T) {
	for _, f := range []CrawlFlags{{Concurrency: 0}, {Concurrency: 1, Include: []string{"("}}, {Concurrency: 1, Exclude: []string{"[a"}}} {
		if _, err := f.options([]string{"https://a.example/"}); err == nil {
			t.Errorf("options(%+v) accepted bad flags", f)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args string
		want int
	}{
		{"version", ExitOK},
		{"help", ExitOK},
		{"migrate --bogus", ExitUsage},
		{"nosuchcommand", ExitUsage},
		{"migrate --out", ExitUsage},
		{"migrate --demo --out x --log-level loud", ExitUsage},
		{"extract /nonexistent/page.html", ExitFailed},
		{"extract https://www.example.de/presse/", ExitUsage}, // a URL: --explain or migrate
		{"load /nonexistent/docs.ndjson --out x", ExitError},
	}
	for _, tt := range tests {
		ios, out, errOut := testStreams()
		got := Execute(t.Context(), NewRootCmd(ios), strings.Fields(tt.args), ios)
		if got != tt.want {
			t.Errorf("umzug %s: exit %d; want %d\nstdout: %s\nstderr: %s", tt.args, got, tt.want, out, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	ios, out, errOut := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"version"}, ios); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out.String(), "umzug "+umzug.Version) {
		t.Errorf("version printed %q", out)
	}
}

func TestEveryCommandHasAnExample(t *testing.T) {
	ios, _, _ := testStreams()
	root := NewRootCmd(ios)
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("umzug %s has no usage example", c.Name())
		}
	}
	if strings.TrimSpace(root.Example) == "" {
		t.Errorf("umzug has no usage example")
	}
}

// TestMigrateDemo runs the whole pipeline on the embedded site: stdout
// stays empty, stderr has the summary, the export is complete.
func TestMigrateDemo(t *testing.T) {
	ios, out, errOut := testStreams()
	dir := t.TempDir()
	opts := &MigrateOptions{Global: &GlobalOptions{LogLevel: "warn", LogFormat: "text"}, Demo: true, Out: dir,
		Crawl: CrawlFlags{Concurrency: 4, Timeout: 10 * time.Second}}
	if err := migrateRun(t.Context(), ios, opts); err != nil {
		t.Fatalf("migrateRun: %v\n%s", err, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout is for data; migrate wrote %q", out)
	}
	for _, want := range []string{"Fetched ", "Documents: ", "press_release ", "Warnings: ", "Export: "} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, errOut)
		}
	}
	var m struct {
		Counts map[string]int
		Files  []struct {
			Path    string
			Records int
			Bytes   int64
			SHA256  string
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Counts["press_release"] < 15 || m.Counts["page"] < 25 {
		t.Errorf("counts %v; the fixture has at least 15 releases and 25 pages", m.Counts)
	}
	for _, f := range m.Files {
		data, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		lines := f.Records // NDJSON: one record per line; CSV, nginx map and schemas have headers
		if strings.HasSuffix(f.Path, ".ndjson") {
			lines = bytes.Count(data, []byte("\n"))
		}
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Bytes || lines != f.Records {
			t.Errorf("%s: manifest says %d records, %d bytes, %s", f.Path, f.Records, f.Bytes, f.SHA256)
		}
	}
	// ids sorted, each document valid
	docs := readNDJSON(t, filepath.Join(dir, "documents.ndjson"))
	for i := 1; i < len(docs); i++ {
		if docs[i-1].ID >= docs[i].ID {
			t.Errorf("documents not sorted by id at line %d", i+1)
		}
	}
}

func readNDJSON(t *testing.T, path string) []umzug.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var docs []umzug.Document
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var d umzug.Document
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, d)
	}
	return docs
}

var (
	portRe    = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	fetchedRe = regexp.MustCompile(`"fetchedAt": "[^"]*"`)
)

// TestDemoGolden compares the demo export with testdata/demo-documents.json
// (one indented document after another; ports and fetch times replaced).
// Run with -update to rewrite it, and review the diff like code.
func TestDemoGolden(t *testing.T) {
	ios, _, errOut := testStreams()
	dir := t.TempDir()
	opts := &MigrateOptions{Global: &GlobalOptions{LogLevel: "warn", LogFormat: "text"}, Demo: true, Out: dir,
		Crawl: CrawlFlags{Concurrency: 8, Timeout: 10 * time.Second}}
	if err := migrateRun(t.Context(), ios, opts); err != nil {
		t.Fatalf("migrateRun: %v\n%s", err, errOut)
	}
	// A run checks every record with typed checks and a sample with the
	// JSON Schema; the whole demo export must pass the schema.
	if err := load.ValidateExport(dir); err != nil {
		t.Errorf("demo export breaks its schema: %v", err)
	}
	var got bytes.Buffer
	docs := readNDJSON(t, filepath.Join(dir, "documents.ndjson"))
	checkDroppedChars(t, dir, docs)
	for _, d := range docs {
		b, err := json.MarshalIndent(d, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		got.Write(b)
		got.WriteByte('\n')
	}
	norm := portRe.ReplaceAll(got.Bytes(), []byte("127.0.0.1:PORT"))
	norm = fetchedRe.ReplaceAll(norm, []byte(`"fetchedAt": "TIME"`))
	golden := filepath.Join("testdata", "demo-documents.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, norm, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -run TestDemoGolden -update)", err)
	}
	if !bytes.Equal(norm, want) {
		gl, wl := bytes.Split(norm, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Fatalf("demo export differs from %s at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("demo export differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
}

// checkDroppedChars: the manifest sums the text dropped per reason over
// the exported documents' accounting.
func checkDroppedChars(t *testing.T, dir string, docs []umzug.Document) {
	t.Helper()
	want := map[string]int{}
	for _, d := range docs {
		for r, n := range d.Provenance.Accounting.DroppedChars() {
			want[r] += n
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m load.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || want[umzug.DropNavigation] == 0 {
		t.Fatalf("the demo's documents drop no navigation text: %v", want)
	}
	if !maps.Equal(m.DroppedChars, want) {
		t.Errorf("manifest droppedChars %v; want the documents' sum %v", m.DroppedChars, want)
	}
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	html := `<!DOCTYPE html><html lang="de"><head><meta charset="windows-1252"><title>T</title></head><body>
<nav><a href="/">Startseite</a></nav><main><h1>Stra` + "\xdf" + `enbau</h1><p>Die Br` + "\xfc" + `cke wird saniert.</p></main></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, out, errOut := testStreams()
	code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", page, filepath.Join(dir, "missing.html"), "--base-url", "https://a.example/p/"}, ios)
	if code != ExitPartial {
		t.Fatalf("exit %d; want %d (one of two files missing): %s", code, ExitPartial, errOut)
	}
	var d umzug.Document
	if err := json.Unmarshal(out.Bytes(), &d); err != nil {
		t.Fatalf("stdout is not one document: %v\n%s", err, out)
	}
	// Two files: --base-url is their directory's URL.
	if d.Title != "Straßenbau" || d.URL != "https://a.example/p/p.html" || len(d.Blocks) != 1 || d.Blocks[0].Text.Body.PlainText() != "Die Brücke wird saniert." {
		t.Errorf("document %+v", d)
	}
	if !strings.Contains(errOut.String(), "missing.html") {
		t.Errorf("the missing file is not reported on stderr: %s", errOut)
	}
}

// TestProgressOnTerminalOnly: the bar draws only on a terminal without
// --quiet, and a log line written while it shows clears its line first.
func TestProgressOnTerminalOnly(t *testing.T) {
	ios, _, errOut := testStreams()
	p := newProgress(ios, false, "crawling")
	p.crawlUpdate(crawl.CrawlProgress{Fetched: 1, Queued: 1})
	p.finish()
	if errOut.Len() != 0 {
		t.Errorf("no terminal: progress wrote %q", errOut)
	}
	var buf bytes.Buffer
	tty := &ttyErr{w: &buf}
	ios.ErrOut, ios.ErrTTY = tty, true
	if q := newProgress(ios, true, "crawling"); q.bar != nil {
		t.Errorf("--quiet: a bar was made")
	}
	p = newProgress(ios, false, "crawling")
	p.crawlUpdate(crawl.CrawlProgress{Fetched: 3, Queued: 7})
	fmt.Fprintln(ios.ErrOut, "level=WARN msg=\"page not exported\"")
	p.finish()
	out := buf.String()
	i := strings.Index(out, "level=WARN")
	if !strings.Contains(out, "crawling") || i < 0 {
		t.Fatalf("terminal output %q lacks the bar or the log line", out)
	}
	if before := out[:i]; !strings.HasSuffix(strings.TrimRight(before, " "), "\r") {
		t.Errorf("the log line does not start on a cleared line: %q", out[:i])
	}
}

// TestPhaseBars: on a terminal each phase of a run gets its own bar, the
// summary line gives each phase's time; --quiet draws none.
func TestPhaseBars(t *testing.T) {
	ios, _, _ := testStreams()
	var buf bytes.Buffer
	ios.ErrOut, ios.ErrTTY = &ttyErr{w: &buf}, true
	ph := pipeline.NewPhases(newPhaseBars(ios, false))
	ph.Begin(pipeline.PhaseDedupe, 3)
	ph.Add(3)
	ph.Begin(pipeline.PhaseWrite, 3)
	ph.Add(2)
	ph.End()
	for _, want := range []string{"de-duplicating", "writing", "documents"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("terminal output lacks %q: %q", want, buf.String())
		}
	}
	times := ph.Times()
	if len(times) != 2 || times[0].Name != pipeline.PhaseDedupe || times[1].Name != pipeline.PhaseWrite {
		t.Fatalf("phase times %v", times)
	}
	if line := phaseTimes(times); !regexp.MustCompile(`^de-duplication took \S+, write took \S+$`).MatchString(line) {
		t.Errorf("summary line %q", line)
	}
	buf.Reset()
	quiet := pipeline.NewPhases(newPhaseBars(ios, true))
	quiet.Begin(pipeline.PhaseWrite, 3)
	quiet.Add(3)
	quiet.End()
	if buf.Len() != 0 || len(quiet.Times()) != 1 {
		t.Errorf("--quiet: bar output %q, times %v; want no bar, one time", buf.String(), quiet.Times())
	}
}

// TestExplainSavedPageURL: --explain gives a saved page its URL as extract
// does (--base-url joined below --root, --url-map), and refuses those flags
// for a URL, which has its own.
func TestExplainSavedPageURL(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "site", "presse", "a.html")
	mkFile(t, page, "<html><head><title>T</title></head><body><nav><a href=\"/\">Start</a></nav><main><h1>T</h1><p>Die Brücke wird saniert.</p></main></body></html>")
	list := filepath.Join(dir, "site", "urls.txt")
	mkFile(t, list, "presse/a.html https://www.a.example/presse/detail/a/\n")
	tests := []struct {
		args     []string
		code     int
		firstOut string
	}{
		{[]string{"--base-url", "https://www.a.example/", "--root", filepath.Join(dir, "site")}, 0, "https://www.a.example/presse/a.html"},
		{[]string{"--base-url", "https://www.a.example/presse/a/"}, 0, "https://www.a.example/presse/a/"},
		{[]string{"--url-map", list}, 0, "https://www.a.example/presse/detail/a/"},
		{nil, 0, "file://"},
		{[]string{"--root", dir}, 2, ""},
	}
	for _, tt := range tests {
		ios, out, errOut := testStreams()
		args := append([]string{"extract", "--explain", page}, tt.args...)
		code := Execute(t.Context(), NewRootCmd(ios), args, ios)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d: %s", tt.args, code, tt.code, errOut)
			continue
		}
		if first, _, _ := strings.Cut(out.String(), "\n"); tt.code == 0 && !strings.HasPrefix(first, tt.firstOut) {
			t.Errorf("%v: explained as %q, want %q", tt.args, first, tt.firstOut)
		}
	}
	ios, _, errOut := testStreams()
	if code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", "--explain", "https://www.a.example/", "--base-url", "https://www.a.example/"}, ios); code != 2 || !strings.Contains(errOut.String(), "--explain URL") {
		t.Errorf("--explain URL --base-url: exit %d: %s", code, errOut)
	}
}

// TestExplainSaysViewIsSkipped: --explain of a view of a bounded URL
// space (a calendar month) says that a migration leaves it out, before
// what extraction would read; a page of its own says nothing of the kind.
func TestExplainSaysViewIsSkipped(t *testing.T) {
	page := filepath.Join(t.TempDir(), "kalender.html")
	mkFile(t, page, "<html><head><title>Termine</title></head><body><main><h1>Termine</h1><p>Am 10. Dezember werden die Klimaschulen ausgezeichnet.</p></main></body></html>")
	for base, want := range map[string]bool{"https://www.a.example/termine/?month=2026-12": true, "https://www.a.example/termine/": false} {
		ios, out, errOut := testStreams()
		if code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", "--explain", page, "--base-url", base}, ios); code != 0 {
			t.Fatalf("%s: exit %d: %s", base, code, errOut)
		}
		if got := strings.Contains(out.String(), "skipped: calendar view"); got != want {
			t.Errorf("%s: skipped line %v, want %v:\n%s", base, got, want, out)
		}
	}
}

// TestExplainRefusesWhatIsNoPage: --explain of a file or URL that holds
// no HTML page (text without markup, a binary served as such) fails with
// its name and the reason instead of explaining garbage.
func TestExplainRefusesWhatIsNoPage(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data.json")
	mkFile(t, data, `{"title": "Pressemitteilung", "n": [1, 2]}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 <html>not really</html>"))
	}))
	defer srv.Close()
	for target, want := range map[string]string{
		data:                     "text without any markup",
		srv.URL + "/bericht.pdf": "served as application/pdf",
	} {
		ios, out, errOut := testStreams()
		code := Execute(t.Context(), NewRootCmd(ios), []string{"extract", "--explain", target}, ios)
		if code != ExitFailed || !strings.Contains(errOut.String(), target) || !strings.Contains(errOut.String(), want) || out.Len() > 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d (as extract), naming it and %q", target, code, out, errOut, ExitFailed, want)
		}
	}
}
