package audit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// equivalenceConfig holds user rules of every kind: phrases, case-sensitive
// regexps, a regexp without any literal, every scope, a URL filter.
const equivalenceConfig = `
severity: {missing-alt: info}
rules:
  - id: ministry-name
    message: old name
    phrases: ["Ministerium für", "Landesregierung", "Pressemitteilung"]
    scope: [text, title]
  - id: postcode
    severity: info
    regexps: ['\b\d{5}\b']
  - id: credit
    caseSensitive: true
    phrases: ["Presse"]
    regexps: ['(?:Foto|Bild): [A-Z]\w+', 'Copyright']
    scope: [text, alt, title]
  - id: scoped
    phrases: ["Kontakt", "Impressum"]
    urls: ['/typo3', '/presse/']
`

// equivalencePage is one page the golden findings are recorded for.
type equivalencePage struct {
	name string // source/file, the golden file's key
	url  string
	body []byte
}

// equivalencePages reads the fixture site's HTML pages and, when shared/
// lies beside the repository, the real pages of shared/corpus/real and the
// evaluation pages of shared/eval/trafilatura-de-dev.
func equivalencePages(t *testing.T) (pages []equivalencePage, shared bool) {
	t.Helper()
	err := fs.WalkDir(fixtures.Ministry, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(fixtures.Ministry, p)
		if err != nil {
			return err
		}
		u := fixtures.MinistryPublicURL + "/" + strings.TrimSuffix(p, "index.html")
		pages = append(pages, equivalencePage{name: "fixtures/" + p, url: u, body: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	shared = true
	for _, dir := range []string{"corpus/real", "eval/trafilatura-de-dev/pages"} {
		full := filepath.Join("..", "..", "shared", dir)
		files, err := filepath.Glob(filepath.Join(full, "*.html"))
		if err != nil || len(files) == 0 {
			shared = false
			continue
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			pages = append(pages, equivalencePage{name: dir + "/" + name,
				url: "https://" + strings.ReplaceAll(dir, "/", "-") + ".example/" + name, body: b})
		}
	}
	return pages, shared
}

// brokenChecker answers 404 for every target, so every link and image of
// a page becomes a finding with its selector and evidence.
type brokenChecker struct{}

func (brokenChecker) Check(context.Context, string) (int, error) { return 404, nil }

// pageDigest audits one page, parsed as root (with its links checked),
// and returns the number of findings and a digest of them, in the order
// they came.
func pageDigest(ctx context.Context, p equivalencePage, root *html.Node, status int, cfg *Config) (int, string, error) {
	host := strings.TrimPrefix(p.url, "https://")
	host, _, _ = strings.Cut(host, "/")
	a, err := New(Options{Hosts: []string{host}, Checker: brokenChecker{}, Config: cfg, Workers: 1})
	if err != nil {
		return 0, "", err
	}
	fs := a.PageTree(snap(p.url, status, p.body), root, nil)
	more, err := a.Finish(ctx)
	if err != nil {
		return 0, "", err
	}
	fs = append(fs, more...)
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, f := range fs {
		if err := enc.Encode(f); err != nil {
			return 0, "", err
		}
	}
	return len(fs), hex.EncodeToString(h.Sum(nil)[:12]), nil
}

// TestFindingsGolden audits the fixture pages and the real pages of
// shared/ with the built-in rules and with user rules, and compares the
// findings (every field, in order, Finish's link findings included) with
// digests recorded from the audit before its text rules went through one
// automaton, its selectors became linear and it took a parsed tree (the
// old Page parsed each body itself). Only digests are stored: the
// third-party pages and their text stay out of the repository.
func TestFindingsGolden(t *testing.T) {
	cfg, err := ParseConfig(strings.NewReader(equivalenceConfig))
	if err != nil {
		t.Fatal(err)
	}
	pages, shared := equivalencePages(t)
	// Each page is parsed once; its cases audit that one tree, some at
	// the same time (the race detector sees any write to it).
	roots := make([]func() (*html.Node, error), len(pages))
	for i, p := range pages {
		roots[i] = sync.OnceValues(func() (*html.Node, error) { return html.Parse(bytes.NewReader(p.body)) })
	}
	type job struct {
		page   int
		p      equivalencePage
		status int
		config string
		cfg    *Config
	}
	var jobs []job
	for pi, p := range pages {
		statuses := []int{200}
		if !strings.HasPrefix(p.name, "eval/") {
			statuses = append(statuses, 404, 500)
		}
		for _, st := range statuses {
			jobs = append(jobs, job{pi, p, st, "builtin", nil})
			if st == 200 {
				jobs = append(jobs, job{pi, p, st, "config", cfg})
			}
		}
	}
	// The pages are audited in parallel; the lines keep the jobs' order.
	lines := make([]string, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				root, err := roots[j.page]()
				if err != nil {
					t.Errorf("%s: %v", j.p.name, err)
					continue
				}
				n, d, err := pageDigest(t.Context(), j.p, root, j.status, j.cfg)
				if err != nil {
					t.Errorf("%s: %v", j.p.name, err)
				}
				lines[i] = fmt.Sprintf("%s\t%d\t%s\t%d\t%s", j.p.name, j.status, j.config, n, d)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	golden := filepath.Join("testdata", "findings-golden.tsv")
	if *update {
		if !shared {
			t.Fatal("-update needs shared/ beside the repository")
		}
		if err := os.WriteFile(golden, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v := goldenKey(sc.Text())
		want[k] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, l := range lines {
		k, v := goldenKey(l)
		w, ok := want[k]
		switch {
		case !ok:
			t.Errorf("%s: not in %s (run with -update after review)", k, golden)
		case w != v:
			t.Errorf("%s: findings (count, digest) %s; recorded %s", k, v, w)
		}
		checked++
	}
	if !shared {
		t.Logf("shared/ not found beside the repository: checked the %d fixture cases only", checked)
	} else if checked != len(want) {
		t.Errorf("checked %d cases; %s has %d", checked, golden, len(want))
	}
}

// goldenKey splits a golden line into its key (page, status, config) and
// its value (count and digest).
func goldenKey(line string) (string, string) {
	f := strings.Split(line, "\t")
	if len(f) != 5 {
		return line, ""
	}
	return strings.Join(f[:3], " "), f[3] + " " + f[4]
}
