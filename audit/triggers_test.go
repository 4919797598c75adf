package audit

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/umzug/umzug/internal/randtext"
)

func TestTriggers(t *testing.T) {
	every := []string(nil) // no triggers: runs on every text
	tests := []struct {
		expr string
		want []string
	}{
		{`Lorem ipsum`, []string{"lorem ipsum"}},
		{`(?i)\bTODO\b|FIXME`, []string{"fixme", "todo"}},
		{`MASK ERROR:?`, []string{"mask error"}},
		{`Content Element (?:with uid "?\d+"? and )?type "[^"]*" has no rendering definition`, []string{`" has no rendering definition`}},
		{`\b\d{5} Musterstadt\b`, digits("", " musterstadt")},
		{`(?:Fatal error|Warning|Notice): .{1,300}? in /\S+\.php on line \d+`, digits(".php on line ", "")},
		{`(?:Foto|Bild): \w+`, []string{"bild: ", "foto: "}},
		{`(?:Seite|Page) (?:nicht )?gefunden`, []string{"page gefunden", "page nicht gefunden", "seite gefunden", "seite nicht gefunden"}},
		{`x+yz`, []string{"xyz"}},
		{`x*yz`, every}, // "yz" is too short
		{`abc+`, []string{"abc"}},
		{`Fehler(?:!)+ im System`, []string{"! im system"}},
		{`Hinweis: (?:ab)+`, []string{"hinweis: ab"}},
		{`(?:abc){2}`, []string{"abcabc"}},
		{`(?:abc){2,}`, []string{"abc"}},
		{`abc*`, every},
		{`\d{5}`, every},
		{`.*`, every},
		{`(?:$|\b|\W)Landes(?:$|\b|\W)`, []string{"landes"}},
		{`Ministerium\s+für`, []string{"ministerium\t", "ministerium\n", "ministerium\f", "ministerium\r", "ministerium "}},
		{`[^\x00-\x{10FFFF}]`, []string{}}, // matches nothing: runs on no text
		{`KELVIN`, []string{"kelvin"}},
		{`(?i)stra\x{17f}e`, []string{"strase"}},
	}
	for _, tt := range tests {
		got, ok, err := triggers(tt.expr)
		switch {
		case err != nil:
			t.Errorf("triggers(%q): %v", tt.expr, err)
		case tt.want == nil && ok:
			t.Errorf("triggers(%q) = %q; want none (every text)", tt.expr, got)
		case tt.want != nil && (!ok || !slices.Equal(got, tt.want)):
			t.Errorf("triggers(%q) = %q, %v; want %q", tt.expr, got, ok, tt.want)
		}
	}
	// Small alternatives are spelled out: 2 spellings × 10 digits.
	got, ok, _ := triggers(`\bMusterstra(?:ß|ss)e \d`)
	if !ok || len(got) != 20 || !slices.Contains(got, "musterstrasse 0") || !slices.Contains(got, "musterstraße 9") {
		t.Errorf("Musterstraße: triggers %q, %v; want the 20 spelled-out literals", got, ok)
	}
}

// digits is prefix+d+suffix for the ten digits d.
func digits(prefix, suffix string) []string {
	var out []string
	for d := '0'; d <= '9'; d++ {
		out = append(out, prefix+string(d)+suffix)
	}
	return out
}

// TestBuiltinMatchersHaveTriggers: every built-in expression runs only
// on texts that hold one of its literals; only the dummy label check (a
// word list, not an expression) looks at every short text.
func TestBuiltinMatchersHaveTriggers(t *testing.T) {
	for _, m := range buildMatchers() {
		if m.expr == "" {
			if m.name != "dummy-label" {
				t.Errorf("matcher %s has no expression", m.name)
			}
			continue
		}
		lits, ok, err := triggers(m.expr)
		if err != nil || !ok || len(lits) == 0 {
			t.Errorf("matcher %s: triggers %q, %v, %v; want literals", m.name, lits, ok, err)
		}
		for _, l := range lits {
			if len(l) < minTrigger {
				t.Errorf("matcher %s: trigger %q shorter than %d bytes", m.name, l, minTrigger)
			}
		}
	}
}

func TestFoldRune(t *testing.T) {
	for _, set := range []string{"Kk\u212a", "Ssſ", "ß\u1e9e", "Üü", "Σσς", "Ǆǅǆ", "İ", "ı"} {
		runes := []rune(set)
		for _, r := range runes {
			if foldRune(r) != foldRune(runes[0]) {
				t.Errorf("foldRune(%q) = %q, foldRune(%q) = %q; want equal", r, foldRune(r), runes[0], foldRune(runes[0]))
			}
		}
	}
	// The runes (?i) treats as equal (an orbit of unicode.SimpleFold)
	// fold to one rune, for every rune.
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if f := unicode.SimpleFold(r); foldRune(f) != foldRune(r) {
			t.Fatalf("foldRune(%U) = %U, foldRune(%U) = %U; want equal", r, foldRune(r), f, foldRune(f))
		}
	}
}

// TestAppendFold compares appendFold with foldRune rune by rune on
// random text of every ASCII byte, letters that fold unusually and
// invalid UTF-8, after a prefix that stays as it is.
func TestAppendFold(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var pieces []string
	for c := range 0x80 {
		pieces = append(pieces, string(rune(c)))
	}
	pieces = append(pieces, "Ä", "ö", "ß", "\u1e9e", "\u212a", "ſ", "Σ", "ς", "İ", "\u023a", "漢", "\xff", "\xc3", "Straße", "LOREM IPSUM",
		"\xc0\xaf", "\xc1\xbf", "\xc2\x80", "\xdf\xbf", "\xc2", "ÿ", "Ǆ", "ǅ", "\u0345", "Ι", "ΐ", "Ж", "µ", "\u00a0")
	letters := append(slices.Clone(pieces['A':'Z'+1]), pieces['a':'z'+1]...)
	for i := range 20000 {
		s := randtext.Text(r, 49, letters, pieces, 3)
		var want []byte
		for _, c := range s {
			want = utf8.AppendRune(want, foldRune(c))
		}
		if got := appendFold([]byte("prefix"), s); string(got) != "prefix"+string(want) {
			t.Fatalf("case %d: appendFold(%q) = %q, want %q", i, s, got[6:], want)
		}
	}
}

// FuzzTriggers: whenever an expression matches a text, the folded text
// holds one of its triggers (or it has none and runs on every text).
func FuzzTriggers(f *testing.F) {
	for _, m := range buildMatchers() {
		if m.expr != "" {
			f.Add(m.expr, "x")
		}
	}
	for _, tt := range []struct{ expr, text string }{
		{loremRe.String(), "LOREM IPSUM dolor"},
		{`(?i)content element type "x" has no rendering definition`, `CONTENT ELEMENT TYPE "X" HAS NO RENDERING DEFINITION`},
		{`(?i)ſtraße`, "STRASSE Straße"},
		{`(?i)k\x{212a}`, "kK"},
		{`(?:^|\b|\W)Ministerium\s+für(?:$|\b|\W)`, "Das Ministerium\n für Bildung"},
		{`\b(?:Max|Erika) Mustermann\b`, "z. B. Max Mustermann"},
		{`#\d{10}: [A-Z][^.]{5,120}(?:Exception|error)`, "#1234567890: Something went wrong error"},
		{`ab|cd`, "xxcd"},
		{`(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)`, "bdfhjln"},
		{"\ufffd\ufffd\ufffd", "\xff\xfe\xfd"},
	} {
		f.Add(tt.expr, tt.text)
	}
	f.Fuzz(func(t *testing.T, expr, text string) {
		if len(expr) > 300 {
			return
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		lits, ok, err := triggers(expr)
		if err != nil {
			t.Fatalf("triggers(%q): %v (regexp compiles it)", expr, err)
		}
		if !ok || !re.MatchString(text) {
			return
		}
		folded := foldString(text)
		if !slices.ContainsFunc(lits, func(l string) bool { return strings.Contains(folded, l) }) {
			t.Errorf("%q matches %q, but none of its triggers %q is in %q", expr, text, lits, folded)
		}
	})
}

// TestTextIndexScan compares the automaton's candidates with a naive
// search of every trigger in every folded text, on random texts with
// mixed case, umlauts and the runes that fold unusually.
func TestTextIndexScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	alphabet := []rune("abcABCßẞſSsK\u212ak ü")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for iter := range 3000 {
		nm := 1 + r.IntN(5)
		trig := make([][]string, nm)
		always := make([]bool, nm)
		for m := range trig {
			always[m] = r.IntN(6) == 0
			for range 1 + r.IntN(3) {
				trig[m] = append(trig[m], foldString(word(1+r.IntN(3))))
			}
		}
		x, err := newTextIndex(trig, always)
		if err != nil {
			t.Fatal(err)
		}
		texts := make([]string, r.IntN(6))
		for i := range texts {
			texts[i] = word(r.IntN(12))
		}
		cand := x.scan(texts)
		for m := range nm {
			var got, want []int
			x.each(cand, m, 0, len(texts), func(i int) { got = append(got, i) })
			for i, tx := range texts {
				if always[m] || slices.ContainsFunc(trig[m], func(l string) bool { return strings.Contains(foldString(tx), l) }) {
					want = append(want, i)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("iteration %d: matcher %d (triggers %q, always %v) on %q: candidates %v; want %v", iter, m, trig[m], always[m], texts, got, want)
			}
		}
	}
}

// TestTriggersRandom checks the property of FuzzTriggers on random
// expressions and texts over a small alphabet, where matches are common.
func TestTriggersRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	atoms := []string{"a", "b", "A", "ab", "ba", "aab", "ſ", "k", "K", "\u212a", "ß", `\d`, "[ab]", "[^a]", ".", `\b`, "^", "$", `\s`, " "}
	var gen func(depth int) string
	gen = func(depth int) string {
		if depth == 0 || r.IntN(3) == 0 {
			return atoms[r.IntN(len(atoms))]
		}
		switch r.IntN(7) {
		case 0:
			return gen(depth-1) + "|" + gen(depth-1)
		case 1:
			return "(?:" + gen(depth-1) + ")+"
		case 2:
			return "(?:" + gen(depth-1) + ")?"
		case 3:
			return "(?:" + gen(depth-1) + "){" + string(rune('1'+r.IntN(3))) + ",}"
		case 4:
			return "(?i:" + gen(depth-1) + ")"
		case 5:
			return "(" + gen(depth-1) + ")*"
		}
		return gen(depth-1) + gen(depth-1) + gen(depth-1)
	}
	texts := []rune("aAbBkK\u212aſsSß 1")
	checked := 0
	for range 20000 {
		expr := gen(4)
		re, err := regexp.Compile(expr)
		if err != nil {
			continue
		}
		// The literals before the length threshold of triggers.
		parsed, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits := necessary(parsed)
		if lits == nil {
			continue
		}
		for range 10 {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteRune(texts[r.IntN(len(texts))])
			}
			text := b.String()
			if !re.MatchString(text) {
				continue
			}
			checked++
			folded := foldString(text)
			if !slices.ContainsFunc(lits, func(l string) bool { return strings.Contains(folded, l) }) {
				t.Fatalf("%q matches %q, but none of its triggers %q is in %q", expr, text, lits, folded)
			}
		}
	}
	t.Logf("%d matches checked", checked)
	if checked < 1000 {
		t.Errorf("only %d matching cases with triggers checked", checked)
	}
}

// foldRef folds rune by rune, without appendFold's ASCII runs.
func foldRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "ABC def", "Straße ÜBER", "K\u212aſ", "x\xffY", "ÆØÅ æøå ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldString(s), foldRef(s); got != want {
			t.Errorf("foldString(%q) = %q; want %q", s, got, want)
		}
	})
}

// BenchmarkAppendFold folds a paragraph of German text (umlauts and ß
// every few words).
func BenchmarkAppendFold(b *testing.B) {
	s := strings.Repeat("Die Förderung für Straßen und Brücken in Thüringen wird über das Ministerium für Verkehr beantragt; Änderungen sind möglich. ", 8)
	buf := make([]byte, 0, 2*len(s))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = appendFold(buf[:0], s)
	}
}
