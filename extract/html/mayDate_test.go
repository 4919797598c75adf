package html

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/umzug/umzug/internal/testkit"
	"golang.org/x/net/html"
)

// dateTokens are the pieces of the texts TestMayStartDate builds: digits,
// month names in every case and spelling, white space of all kinds and
// punctuation.
var dateTokens = []string{"1", "12", "123", "2024", "20245", "03", "7", "0", ".", ". ", "-", ":", ",", "/", " ", "  ", "\u00a0",
	"\u2009", "\u202f", "\t", "\n", "\r", "\f", "\v", "März", "MÄRZ", "Maerz", "Ma\u0308rz", "Mrz", "Jänner", "Jaenner", "Ja\u0308nner",
	"Januar", "jan", "JAN.", "Feb", "Feber", "mai", "May", "MAY", "juni", "Jul.", "Aug", "Sept.", "sep", "Okt", "O\u212Atober", "oct",
	"Nov", "Dez.", "dec", "december", "January", "März", "Mär", "mar", "Marz", "ſeptember", "\u212Aarl", "Karl", "Uhr", "um", "T",
	"Z", "+01:00", "Montag", "Stand", "Nr", "x", "ä", "Jahr", "Mai2024", "2024-03-12", "12.03.2024", "12. März 2024", "März 2024",
	"Oct 15, 2024", "15 January 2024", "a", "der", "den", "Dezember", "Maßnahme", "Juli", "Aktuelles", "|", "–", "—"}

// TestMayStartDate: mayStartDate is false only where dateRE does not
// match, on random texts of date pieces and on the texts of the test and
// corpus pages.
func TestMayStartDate(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var texts []string
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(8) {
			sb.WriteString(dateTokens[r.IntN(len(dateTokens))])
		}
		texts = append(texts, sb.String())
	}
	texts = append(texts, pageTexts(t)...)
	matched := 0
	for _, s := range texts {
		for pos := 0; pos < len(s); pos++ {
			if b := s[pos]; !isASCIIDigit(b) && strings.IndexByte("jJfFmMaAsSoOnNdD", b) < 0 {
				continue
			}
			if dateRE.MatchString(s[pos:min(pos+dateWindow, len(s))]) {
				matched++
				if !mayStartDate(s, pos) {
					t.Errorf("mayStartDate(%q, %d) = false; dateRE matches %q", s, pos, s[pos:min(pos+dateWindow, len(s))])
				}
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d matches: the texts test little", matched)
	}
}

// pageTexts are the text nodes of the corpus pages (when there).
func pageTexts(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join(testkit.CorpusDir(), "*.html"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		root, err := html.Parse(strings.NewReader(string(b)))
		if err != nil {
			continue
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				out = append(out, n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
	}
	t.Logf("%d page texts", len(out))
	return out
}
