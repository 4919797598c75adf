package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// The README cannot drift from what umzug does: its sample outputs are
// generated from real runs of the demo, between the markers
//
//	<!-- readme: NAME -->
//	```
//	…
//	```
//	<!-- /readme -->
//
// TestREADME runs the demo, regenerates every marked block and fails when
// the README differs (times aside); `go test ./cmd -run TestREADME
// -update` writes them. It also checks that every flag the README names
// exists, and that the sample lines of the export it shows are in the
// demo's export.

const readmePath = "../README.md"

var (
	readmeBlockRe = regexp.MustCompile("(?s)(<!-- readme: ([a-z0-9-]+) -->\n```[a-z]*\n)(.*?)(```\n<!-- /readme -->)")
	// Durations and dates change from run to run.
	readmeVolatileRe = regexp.MustCompile(`\b(in|took) \d+(\.\d+)?(ms|s|µs|m\d+(\.\d+)?s)\b|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|run \d{8}T\d{6}Z`)
)

// readmeRun runs umzug in dir with a real clock and returns stdout and
// stderr, the temporary directory shown as the working directory.
func readmeRun(t *testing.T, dir string, args ...string) (string, string) {
	t.Helper()
	ios, out, errOut := testStreams()
	ios.Now = time.Now
	for i, a := range args {
		if strings.HasPrefix(a, "./") {
			args[i] = filepath.Join(dir, a[2:])
		}
	}
	code := Execute(t.Context(), NewRootCmd(ios), args, ios)
	if code != ExitOK {
		t.Fatalf("umzug %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	clean := func(s string) string { return strings.ReplaceAll(s, dir+string(filepath.Separator), "") }
	return clean(out.String()), clean(errOut.String())
}

// readmeBlocks makes the generated blocks of the README.
func readmeBlocks(t *testing.T) map[string]string {
	dir := t.TempDir()
	blocks := map[string]string{}

	_, stderr := readmeRun(t, dir, "migrate", "--demo", "--out", "./export")
	blocks["migrate-demo"] = stderr

	explain, _ := readmeRun(t, dir, "extract", "--explain", "../fixtures/ministry/presse/pressemitteilungen/detail/breitband-bilanz-2022/index.html",
		"--base-url", "https://www.tmdi.thueringen.example/presse/pressemitteilungen/detail/breitband-bilanz-2022/")
	blocks["extract-explain"] = explain

	stdout, _ := readmeRun(t, dir, "audit", "--demo", "--format", "text")
	var short []string
	groups := 0
	for _, l := range strings.Split(stdout, "\n") {
		if regexp.MustCompile(`^[a-z-]+ \((error|warning|info), \d+\)$`).MatchString(l) {
			if groups++; groups == 3 {
				short = append(short, "…")
				break
			}
		}
		short = append(short, l)
	}
	blocks["audit-demo"] = strings.Join(short, "\n") + "\n"

	// The re-crawl walk-through.
	var w strings.Builder
	step := func(show string, args ...string) (string, string) {
		fmt.Fprintf(&w, "$ %s\n", show)
		return readmeRun(t, dir, args...)
	}
	_, e := step("umzug migrate --demo --archive archive --out export", "migrate", "--demo", "--archive", "./archive", "--out", "./export2")
	w.WriteString(firstLine(e) + "…\n")
	_, e = step("umzug migrate --demo --archive archive --out export   # again: conditional requests", "migrate", "--demo", "--archive", "./archive", "--out", "./export2")
	w.WriteString(firstLine(e) + "…\n")
	o, e := step("umzug diff --archive archive", "diff", "--archive", "./archive")
	w.WriteString(o + e)
	_, e = step("umzug migrate --demo-change --archive archive --out export   # the site some weeks later", "migrate", "--demo-change", "--archive", "./archive", "--out", "./export2")
	w.WriteString(firstLine(e) + "…\n")
	o, e = step("umzug diff --archive archive", "diff", "--archive", "./archive")
	w.WriteString(o + e)
	blocks["recrawl"] = w.String()

	// The manifest's stats of the demo export.
	var m struct{ Stats map[string]int }
	b, err := os.ReadFile(filepath.Join(dir, "export", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	for _, k := range []string{"blocksIn", "blocksOut", "duplicateBlocksInDocument", "repeatedParagraphsDropped", "emptyBlocksDropped",
		"chromeBlocksDropped", "snippets", "refs", "teaserCopiesReplaced", "linksResolved", "nearDuplicates", "redirects", "gone", "warnings"} {
		fmt.Fprintf(&s, "%-27s %5d\n", k, m.Stats[k])
	}
	blocks["demo-stats"] = s.String()
	return blocks
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i+1]
	}
	return s
}

func TestREADME(t *testing.T) {
	t.Setenv("UMZUG_CONFIG", "")
	t.Setenv("UMZUG_LOG_LEVEL", "")
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t)
	used := map[string]bool{}
	var stale []string
	got := readmeBlockRe.ReplaceAllFunc(readme, func(m []byte) []byte {
		sm := readmeBlockRe.FindSubmatch(m)
		name, old := string(sm[2]), string(sm[3])
		gen, ok := blocks[name]
		if !ok {
			t.Errorf("README: no generator for block %q", name)
			return m
		}
		used[name] = true
		if readmeVolatileRe.ReplaceAllString(old, "TIME") != readmeVolatileRe.ReplaceAllString(gen, "TIME") {
			stale = append(stale, name)
			return append(append(append([]byte{}, sm[1]...), gen...), sm[4]...)
		}
		return m // unchanged apart from times: keep the README's
	})
	for name := range blocks {
		if !used[name] {
			t.Errorf("README lacks the block <!-- readme: %s -->", name)
		}
	}
	if len(stale) > 0 {
		if *update {
			if err := os.WriteFile(readmePath, got, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("README.md: rewrote %s", strings.Join(stale, ", "))
		} else {
			t.Errorf("README.md differs from what the demo prints in %s: run go test ./cmd -run TestREADME -update and review the diff", strings.Join(stale, ", "))
		}
	}
	checkREADMEFlags(t, string(readme))
}

// checkREADMEFlags: every --flag the README names is a flag of umzug
// (or of the other tools it shows).
func checkREADMEFlags(t *testing.T, readme string) {
	ios, _, _ := testStreams()
	root := NewRootCmd(ios)
	root.InitDefaultCompletionCmd()
	known := map[string]bool{"help": true}
	for _, c := range append(root.Commands(), root) {
		c.Flags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { known[f.Name] = true })
	}
	// Flags of other tools the README shows.
	others := []string{"race", "count", "run", "update", "bench", "ldflags", "trimpath", "connect-to"}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(readme))
	for sc.Scan() {
		for _, m := range regexp.MustCompile(`(?:^|[\s\x60(\[])--([a-z][a-z0-9-]*)`).FindAllStringSubmatch(sc.Text(), -1) {
			f := m[1]
			if !known[f] && !slices.Contains(others, f) && !seen[f] {
				seen[f] = true
				t.Errorf("README names --%s, which no umzug command has", f)
			}
		}
	}
}

// TestREADMESamples: the lines of the redirect map and the paths of the
// records the README shows are in the demo's export.
func TestREADMESamples(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	readmeRun(t, dir, "migrate", "--demo", "--out", "./export", "-q")
	files := map[string][]byte{}
	read := func(name string) []byte {
		if b, ok := files[name]; ok {
			return b
		}
		b, err := os.ReadFile(filepath.Join(dir, "export", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
		return b
	}
	// <!-- sample: FILE --> before a fenced block: its lines without "…"
	// are lines of FILE.
	re := regexp.MustCompile("(?s)<!-- sample: ([a-z.-]+) -->\n```[a-z]*\n(.*?)```")
	n := 0
	for _, m := range re.FindAllSubmatch(readme, -1) {
		name := string(m[1])
		for _, l := range strings.Split(strings.TrimSpace(string(m[2])), "\n") {
			if strings.Contains(l, "…") || l == "" {
				continue
			}
			n++
			if !bytes.Contains(read(name), []byte(l+"\n")) && !bytes.Contains(read(name), []byte(l+"\r\n")) {
				t.Errorf("README shows a line of %s that the demo export does not have:\n%s", name, l)
			}
		}
	}
	// "path":"…" in the README's JSON samples are paths of the export.
	for _, m := range regexp.MustCompile(`"path":"([^"…]+)"`).FindAllSubmatch(readme, -1) {
		n++
		p := []byte(`"path":"` + string(m[1]) + `"`)
		if !bytes.Contains(read("documents.ndjson"), p) && !bytes.Contains(read("assets.ndjson"), p) {
			t.Errorf("README shows a path the demo export does not have: %s", m[1])
		}
	}
	if n < 5 {
		t.Errorf("checked %d sample lines of the README; the markers are gone?", n)
	}
}
