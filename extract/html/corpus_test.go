package html_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/internal/textutil"
)

// The real pages live in shared/corpus/real beside the repository (they
// are third-party pages and not part of it); CI has them there too.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := testkit.CorpusDir()
	if _, err := os.Stat(filepath.Join(dir, "INDEX.tsv")); err != nil {
		t.Skipf("real-page corpus not found at %s (set UMZUG_CORPUS): %v", dir, err)
	}
	return dir
}

// corpusExpectation is what reading a corpus page found it must give.
// The page is a third party's, so its title and sentences are kept as
// phrases known only by length and hash (textutil.PhraseOf of their
// normText): the test checks them without the repository holding the
// page's text.
type corpusExpectation struct {
	File      string            `json:"file"`
	Group     string            `json:"group"`
	Kind      string            `json:"kind"`
	Title     textutil.Phrase   `json:"title"`
	Published string            `json:"published"`
	Must      []textutil.Phrase `json:"must"`
	MustNot   []textutil.Phrase `json:"mustNot"`
}

func loadExpectations(t testing.TB) []corpusExpectation {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus-expectations.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp []corpusExpectation
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatalf("corpus-expectations.json: %v", err)
	}
	return exp
}

// parseCorpusFile extracts one corpus page as umzug would after a crawl:
// decoded to UTF-8, links resolved against a URL on the page's own host.
func parseCorpusFile(t testing.TB, dir, name string) umzug.Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	body, _, _ := extract.DecodeHTML(raw, "")
	// The page's own canonical URL where it names one: URL-based rules
	// (press release paths) see what they would see on the live site.
	pageURL := "https://corpus.example/" + name
	if m := canonicalRe.FindSubmatch(body); m != nil {
		pageURL = string(m[1]) + string(m[2])
	}
	d, err := html.ParseHTML(strings.NewReader(string(body)), pageURL)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

var canonicalRe = regexp.MustCompile(`(?i)<link[^>]+rel="canonical"[^>]+href="(https?://[^"]+)"|<meta[^>]+property="og:url"[^>]+content="(https?://[^"]+)"`)

// documentText is everything a reader of the migrated document sees.
func documentText(d umzug.Document) string {
	var sb strings.Builder
	sb.WriteString(d.Title)
	if pr := d.PressRelease; pr != nil {
		for _, s := range []string{pr.Kicker, pr.Subtitle, pr.Lead} {
			sb.WriteString("\n" + s)
		}
	}
	for i := range d.Blocks {
		sb.WriteString("\n" + d.Blocks[i].PlainText())
	}
	return normText(sb.String())
}

// normText makes texts comparable: soft hyphens and zero-width spaces
// out, white space collapsed, and parentheses dropped, because umzug keeps
// a caption and its photo credit in two fields ("Abb. 2: Werft" and
// "Foto: Museum") where the page printed "Abb. 2: Werft (Foto: Museum)".
func normText(s string) string {
	s = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u00a0", " ", "(", "", ")", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

type score struct{ found, must, avoided, mustNot int }

func (s score) f1() float64 {
	if s.must == 0 || s.mustNot == 0 {
		return 0
	}
	r := float64(s.found) / float64(s.must)
	p := float64(s.avoided) / float64(s.mustNot)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// TestCorpus measures extraction on the real pages against expectations
// written by reading them: each page's title and date, body sentences that
// must be found and chrome phrases that must not. The F1 of found and
// avoided sentences per page group must reach the targets of the
// extraction issue.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	exps := loadExpectations(t)
	if len(exps) < 30 {
		t.Fatalf("%d expectations; the corpus has 30 pages", len(exps))
	}
	groups := map[string]*score{}
	var report []string
	for _, e := range exps {
		d := parseCorpusFile(t, dir, e.File)
		text := documentText(d)
		g := groups[e.Group]
		if g == nil {
			g = &score{}
			groups[e.Group] = g
		}
		var missing, leaked []string
		for i, m := range e.Must {
			g.must++
			if textutil.ContainsPhrase(text, m) {
				g.found++
			} else {
				missing = append(missing, fmt.Sprintf("#%d (%d bytes)", i+1, m.Len))
			}
		}
		for i, m := range e.MustNot {
			g.mustNot++
			if textutil.ContainsPhrase(text, m) {
				leaked = append(leaked, fmt.Sprintf("#%d (%d bytes)", i+1, m.Len))
			} else {
				g.avoided++
			}
		}
		if textutil.PhraseOf(normText(d.Title)) != e.Title {
			t.Errorf("%s: title %q is not the page's title (%d bytes)", e.File, d.Title, e.Title.Len)
		}
		if e.Published != "" && !strings.HasPrefix(d.Dates.Published, e.Published) {
			t.Errorf("%s: published %q; want %q", e.File, d.Dates.Published, e.Published)
		}
		if string(d.Kind) != e.Kind {
			t.Errorf("%s: kind %q; want %q", e.File, d.Kind, e.Kind)
		}
		for _, b := range d.Blocks {
			if err := b.Validate(); err != nil {
				t.Errorf("%s: %v", e.File, err)
			}
		}
		if len(missing)+len(leaked) > 0 {
			report = append(report, fmt.Sprintf("%s: missing sentences %s; leaked chrome phrases %s", e.File, strings.Join(missing, ", "), strings.Join(leaked, ", ")))
		}
	}
	sort.Strings(report)
	for _, r := range report {
		t.Log(r)
	}
	targets := map[string]float64{"typo3": 0.95, "gsb": 0.93, "other": 0.93}
	for name, g := range groups {
		t.Logf("group %-5s: found %d/%d body sentences, avoided %d/%d chrome phrases, F1 %.3f", name, g.found, g.must, g.avoided, g.mustNot, g.f1())
		if g.f1() < targets[name] {
			t.Errorf("group %s: F1 %.3f below target %.2f", name, g.f1(), targets[name])
		}
	}
}
