package html

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// relatedHeading's and interactionHeading's parts match what the whole
// patterns match, each runs on the backtracker, and together they hold
// all the alternatives.
func TestHeadingParts(t *testing.T) {
	interactions := append(precheckTexts(t), "12 Kommentare", "Keine Kommentare", "Kommentare (3)", "Kommentar", "Leserkommentare",
		"Schreibe einen Kommentar", "Hinterlassen Sie eine Antwort", "Kommentar verfassen", "Ihre Meinung ist gefragt", "Leave a reply",
		"3 thoughts on Der Umzug", "2 Antworten zu Der Umzug", "No comments", "Artikel teilen", "Diesen Beitrag empfehlen", "Teilen",
		"Jetzt teilen", "Share this article", "Tags", "Schlagwörter", "Stichworte", "Über den Autor", "Über die Autorin",
		"Newsletter abonnieren", "Jetzt zum Newsletter anmelden", "Abonniere unseren Newsletter", "Autorin", "Autoren",
		"Unterstützen Sie uns", "Unterstütze unsere Arbeit", "Diskussion", "Diskutieren Sie mit", "Comments", "Teilen mit", "Share")
	for _, c := range []struct {
		name  string
		whole *regexp.Regexp
		parts []*regexp.Regexp
		texts []string
		min   int
	}{
		{"relatedHeading", relatedHeading, relatedHeadingParts, relatedHeadingSamples(t), 80},
		{"interactionHeading", interactionHeading, interactionHeadingParts, interactions, 60},
	} {
		if len(c.parts) < 2 {
			t.Errorf("%s was not cut: %d part", c.name, len(c.parts))
			continue
		}
		whole, err := syntax.Parse(c.whole.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		alternatives := 0
		for _, p := range c.parts {
			tree, err := syntax.Parse(p.String(), syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			if n := insts(tree); n > backtrackInsts {
				t.Errorf("a part of %s has %d instructions, more than the backtracker takes: %.80s", c.name, n, p)
			}
			alternatives += len(tree.Sub[1].Sub)
		}
		if want := len(whole.Sub[1].Sub); alternatives != want {
			t.Errorf("the parts of %s hold %d alternatives, the pattern %d", c.name, alternatives, want)
		}
		var texts []string
		for _, s := range c.texts {
			texts = append(texts, s, s+":", s+" !", strings.ToUpper(s), s+" x", "x "+s)
		}
		matched := 0
		for _, s := range texts {
			want := c.whole.MatchString(s)
			if got := anyMatches(c.parts, s); got != want {
				t.Errorf("the parts of %s say %v on %q, the pattern %v", c.name, got, s, want)
			}
			if want {
				matched++
			}
		}
		if matched < c.min {
			t.Errorf("only %d texts matching %s tested", matched, c.name)
		}
	}
}

// splitAlternation cuts at the top-level alternation only, keeps what is
// around it, and leaves other patterns whole.
func TestSplitAlternation(t *testing.T) {
	re := regexp.MustCompile(`(?i)^(?:ab+c|d[0-9]{1,30}e|f(?:g|h)|x{2,40}|über)\s*[:.]*$`)
	parts := splitAlternation(re, 80)
	if len(parts) < 3 {
		t.Fatalf("%d parts, want at least 3", len(parts))
	}
	for _, s := range []string{"abc", "ABBBC:", "d123e", "D1e ..", "fg", "fh", "xx", strings.Repeat("x", 40), strings.Repeat("x", 41),
		"über", "ÜBER:", "abc d1e", "zabc", "abcz", "", "f", "d12345678901234567890123456789012e", "Über ."} {
		if got, want := anyMatches(parts, s), re.MatchString(s); got != want {
			t.Errorf("the parts say %v on %q, the pattern %v", got, s, want)
		}
	}
	for _, whole := range []string{`abc`, `^(?:a|b)(?:c|d)$`, `a|b`} {
		re := regexp.MustCompile(whole)
		if parts := splitAlternation(re, 1); len(parts) != 1 || parts[0] != re {
			t.Errorf("splitAlternation(%q) cut it into %d", whole, len(parts))
		}
	}
}
