package transform

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/randtext"
)

// wordsRef is Words as scanText reports the words: the reference the
// fast path of appendWords must match.
func wordsRef(text string) []uint64 {
	var out []uint64
	scanText(text, func(h uint64) { out = append(out, h) }, nil)
	return out
}

// randomText mixes ASCII, German letters, other scripts, invisible
// characters, punctuation, case pairs that lower to ASCII (Kelvin sign,
// dotted capital I) and invalid UTF-8.
func randomText(r *rand.Rand) string {
	pieces := []string{"a", "Z", "7", " ", ".", "-", "ä", "Ö", "ß", "é", "\u00ad", "\u200b", "\ufeff", "\u2060",
		"\u212a", "\u0130", "Ω", "漢", "٣", "\n", "\t", "!", "…", "“", "\xff", "\xc3", "e\u0301", "\u00a0", "_", "Straße", "DER"}
	var sb strings.Builder
	for range r.IntN(60) {
		sb.WriteString(pieces[r.IntN(len(pieces))])
	}
	return sb.String()
}

func TestWordsMatchesScanText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		text := randomText(r)
		if got, want := Words(text), wordsRef(text); !slices.Equal(got, want) {
			t.Fatalf("case %d %q: Words %v, scanText %v", i, text, got, want)
		}
	}
}

func TestBandsOfUnsortedShingles(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		words := Words(randomText(r) + " " + randomText(r))
		if Bands(appendShingles(nil, words)) != Bands(Shingles(words)) {
			t.Fatalf("bands differ for %v", words)
		}
	}
}

// bandsRef is Bands as first written: mix64 of each shingle and seed.
func bandsRef(shingles []uint64) [simBands]uint32 {
	var sig [minHashes]uint64
	for k := range sig {
		sig[k] = ^uint64(0)
	}
	for _, s := range shingles {
		for k := range sig {
			if h := mix64(s ^ bandSeeds[k]); h < sig[k] {
				sig[k] = h
			}
		}
	}
	return bandHashes(&sig)
}

// TestBandsAsMix64: Bands, with the first step of mix64 taken out of its
// inner loop, gives the bands of mix64 on random shingles, and on the
// shingles of random text.
func TestBandsAsMix64(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 5000 {
		sh := make([]uint64, r.IntN(50))
		for j := range sh {
			sh[j] = r.Uint64()
			if j%7 == 3 {
				sh[j] >>= r.IntN(64) // small values, high bits zero
			}
		}
		if got, want := Bands(sh), bandsRef(sh); got != want {
			t.Fatalf("case %d %v: Bands %v, want %v", i, sh, got, want)
		}
		words := Words(randomText(r))
		if sh := appendShingles(nil, words); Bands(sh) != bandsRef(sh) {
			t.Fatalf("case %d: bands of %v differ", i, words)
		}
	}
}

// cleanTextRef is CleanText without its fast path.
func cleanTextRef(s string) string {
	return norm.NFC.String(strings.Map(cleanRune, s))
}

func TestCleanTextFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	extra := []string{"\u2000", "\u202f", "\x01", "\x7f", "\ufffd", "A\u030a", "\u0300", "\u00c5", "\u2001"}
	for i := range 20000 {
		text := randomText(r)
		if r.IntN(3) == 0 {
			text += extra[r.IntN(len(extra))] + randomText(r)
		}
		if got, want := CleanText(text), cleanTextRef(text); got != want {
			t.Fatalf("case %d %q: CleanText %q, want %q", i, text, got, want)
		}
	}
}

// cleanAlreadyRef is cleanAlready byte by byte, before its eight-byte
// steps.
func cleanAlreadyRef(s string) int {
	ascii, latin := true, true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return cleanNot
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		if cleanRune(r) != r || r == utf8.RuneError && size == 1 {
			return cleanNot
		}
		latin = latin && r < nfcStableBelow
		i += size
	}
	switch {
	case ascii:
		return cleanASCII
	case latin:
		return cleanLatin
	}
	return cleanMapped
}

// TestCleanAlready compares cleanAlready with the check rune by rune on
// printable ASCII with every other ASCII byte, Latin and other letters
// and invalid UTF-8 anywhere, also inside its eight-byte steps.
func TestCleanAlready(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	var odd []string
	for c := range 0x80 {
		if c < ' ' || c == 0x7f {
			odd = append(odd, string(rune(c)))
		}
	}
	odd = append(odd, "ä", "ß", "\u0301", "漢", "\u00a0", "\u00ad", "\u2003", "\ufffd", "\xff", "\xc3", "~", "\u0080")
	var printable []string
	for c := byte(' '); c < 0x7f; c++ {
		printable = append(printable, string(c))
	}
	counts := map[int]int{}
	for i := range 50000 {
		s := randtext.Text(r, 39, printable, odd, 12)
		got, want := cleanAlready(s), cleanAlreadyRef(s)
		if got != want {
			t.Fatalf("case %d: cleanAlready(%q) = %d, want %d", i, s, got, want)
		}
		counts[want]++
	}
	for c := range cleanNot + 1 {
		if counts[c] < 500 {
			t.Errorf("only %d texts of class %d: %v", counts[c], c, counts)
		}
	}
}

// TestBlockWordsAsBlockText: appendBlockWords gives the words of
// blockText for blocks whose pieces start and end anywhere (invisible
// characters, cut runes, letters next to the pieces' separator).
func TestBlockWordsAsBlockText(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pt := func() umzug.PortableText {
		return umzug.PortableText{{Type: "block", Children: []umzug.PTSpan{{Type: "span", Text: randomText(r)}, {Type: "span", Text: randomText(r)}}}}
	}
	for range 2000 {
		blocks := []umzug.Block{
			{Type: umzug.BlockText, Header: &umzug.Header{Text: randomText(r)}, Text: &umzug.Text{Body: pt()}},
			{Type: umzug.BlockAccordion, Accordion: &umzug.Accordion{Items: []umzug.Panel{{Title: randomText(r), Body: pt()}, {Title: randomText(r), Body: pt()}}}},
			{Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://example.org/" + randomText(r), Alt: randomText(r), Caption: randomText(r)}}},
		}
		for i := range blocks {
			b := &blocks[i]
			if got, want := appendBlockWords(nil, b), appendWords(nil, blockText(b)); !slices.Equal(got, want) {
				t.Fatalf("%s block %q: appendBlockWords = %v; want the words of blockText %v", b.Type, blockText(b), got, want)
			}
		}
	}
}

// TestLatinIsNFC: every rune below nfcStableBelow, and every pair of them,
// is in NFC, so CleanText may leave such text as it is.
func TestLatinIsNFC(t *testing.T) {
	for a := rune(0); a < nfcStableBelow; a++ {
		if s := string(a); !norm.NFC.IsNormalString(s) || norm.NFC.String(s) != s {
			t.Errorf("%U is not in NFC", a)
		}
		for b := rune(0); b < nfcStableBelow; b++ {
			if s := string([]rune{a, b}); norm.NFC.String(s) != s {
				t.Fatalf("%U %U is not in NFC", a, b)
			}
		}
	}
}

// TestWordsLatin1: every rune of U+0080–U+00FF (appendWords reads them
// by table), alone, in a word, between words and upper case beside lower,
// gives the words scanText gives; so do the bytes around it cut off
// (a lead byte at the end, a lead byte before ASCII).
func TestWordsLatin1(t *testing.T) {
	for r := rune(0x80); r <= 0xff; r++ {
		c := string(r)
		for _, text := range []string{c, "a" + c + "b", "Ab " + c + " cD", c + c + "x", "X" + c, c[:1], "a" + c[:1], c[:1] + "b", "a" + c[:1] + " b", c + "\u00ad" + c} {
			if got, want := Words(text), wordsRef(text); !slices.Equal(got, want) {
				t.Fatalf("%q: Words %v, scanText %v", text, got, want)
			}
		}
	}
}
