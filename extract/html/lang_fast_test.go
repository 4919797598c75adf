package html

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/fixtures"
)

// germanWords and englishWords are frequentWord's words.
var (
	germanWords  = strings.Fields("der das und ist nicht mit von zu den für auf dem sich auch eine ein werden wird sind bei nach über oder wurde")
	englishWords = strings.Fields("the and to for with that are on this be by as it from were have has which or")
)

// textLangPlain is textLang's plain definition: the text lowered as a
// whole, then split into runs of letters, each looked up.
func textLangPlain(blocks []umzug.Block) string {
	var de, en int
	for i := range blocks {
		for w := range strings.FieldsFuncSeq(strings.ToLower(blocks[i].PlainText()), func(r rune) bool { return !unicode.IsLetter(r) }) {
			switch {
			case slices.Contains(germanWords, w):
				de++
			case slices.Contains(englishWords, w):
				en++
			}
		}
		if de+en > langSample {
			break
		}
	}
	switch {
	case de >= 20 && de >= 4*en:
		return "de"
	case en >= 20 && en >= 4*de:
		return "en"
	}
	return ""
}

// textLang lowers each word rather than the whole text: the same when
// lowering a rune never makes a letter of a non-letter or the reverse.
func TestLowerKeepsLetters(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsLetter(r) != unicode.IsLetter(unicode.ToLower(r)) {
			t.Errorf("%U: IsLetter %v, of its lower case %U %v", r, unicode.IsLetter(r), unicode.ToLower(r), unicode.IsLetter(unicode.ToLower(r)))
		}
	}
}

func TestTextLangAgrees(t *testing.T) {
	pools := map[string][]string{}
	for lang, words := range map[string][]string{"de": germanWords, "en": englishWords} {
		for _, w := range words {
			if got := frequentWord(w); got != lang {
				t.Errorf("frequentWord(%q) = %q, want %q", w, got, lang)
			}
			if n := utf8.RuneCountInString(w); n > maxFrequentWord {
				t.Errorf("%q has %d letters, more than maxFrequentWord", w, n)
			}
			pools[lang] = append(pools[lang], w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
		}
	}
	others := []string{"İst", "DİE", "\u212aey", "Straße", "x\xc2", "\xffder", "werdend", "ÜBER", "über-", "Für", "dér",
		"the\u0301", "and1to", "Landesamt", "12.03.2024", "ſind", "THE", "—", " ", "\n", ",", "é"}
	seen := map[string]int{}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		// mostly one language's words, some of the other's, and others
		words := append(append(append([]string(nil), others...), pools["de"][:rng.IntN(len(pools["de"]))]...), pools["en"][:rng.IntN(len(pools["en"]))]...)
		if n%2 == 0 {
			words = append(words, pools["de"]...)
		} else {
			words = append(words, pools["en"]...)
		}
		var blocks []umzug.Block
		for range 1 + rng.IntN(4) {
			var sb strings.Builder
			for range rng.IntN(200) {
				sb.WriteString(words[rng.IntN(len(words))])
				if rng.IntN(3) > 0 {
					sb.WriteString([]string{" ", ", ", "\n", "", ".", "-"}[rng.IntN(6)])
				}
			}
			blocks = append(blocks, randomTextBlock(sb.String(), rng))
		}
		got, want := textLang(blocks), textLangPlain(blocks)
		if got != want {
			t.Fatalf("case %d: textLang = %q, plain definition %q", n, got, want)
		}
		seen[got]++
	}
	if len(seen) < 3 {
		t.Errorf("the cases gave only %v", seen)
	}
}

// randomTextBlock makes a block of s: a heading, or a rich text of s cut
// anywhere into spans (a word may run on from one span into the next) and
// blocks, under a header.
func randomTextBlock(s string, rng *rand.Rand) umzug.Block {
	if rng.IntN(3) == 0 {
		return umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: s}}
	}
	var pt umzug.PortableText
	for s != "" {
		var spans []umzug.PTSpan
		for range 1 + rng.IntN(3) {
			n := min(len(s), rng.IntN(40))
			spans = append(spans, umzug.PTSpan{Type: "span", Text: s[:n]})
			s = s[n:]
		}
		pt = append(pt, umzug.PTBlock{Type: "block", Style: "normal", Children: spans})
	}
	return umzug.Block{Type: umzug.BlockText, Header: &umzug.Header{Text: "Der Bericht"}, Text: &umzug.Text{Body: pt}}
}

// BenchmarkTextLang reads the language of synthetic ministry pages' text.
func BenchmarkTextLang(b *testing.B) {
	var pages [][]umzug.Block
	for i := 1; i <= 20; i++ {
		d, err := ParseHTML(bytes.NewReader(fixtures.SyntheticPage(1000, i)), "https://www.ministerium.example"+fixtures.SyntheticPath(i))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, d.Blocks)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		textLang(pages[i%len(pages)])
		i++
	}
}
