package umzug_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

func FuzzCountFields(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\u2003y\u0085", "\xff \xfe", "eins\tzwei\ndrei\v\f\r", "\u3000中文\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := umzug.CountFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("CountFields(%q) = %d; want len(strings.Fields) %d", s, got, want)
		}
	})
}

// TestBlockWordsEachType: Words counts the words of PlainText, and
// PlainLines gives them line by line, for every block type, with a header.
func TestBlockWordsEachType(t *testing.T) {
	for _, typ := range umzug.BlockTypes {
		b, _ := validBlock(t, typ)
		b.Header = &umzug.Header{Text: "Zwei Worte", Subheader: " und  drei "}
		if got, want := b.Words(), len(strings.Fields(b.PlainText())); got != want {
			t.Errorf("%s block: Words() = %d; want len(strings.Fields(PlainText())) %d (%q)", typ, got, want, b.PlainText())
		}
		if got, want := plainLinesFields(&b), strings.Fields(b.PlainText()); !slices.Equal(got, want) {
			t.Errorf("%s block: the words of PlainLines %q; want PlainText's %q", typ, got, want)
		}
	}
}

// plainLinesFields returns the words (strings.Fields) of each line of
// PlainLines, in order.
func plainLinesFields(b *umzug.Block) []string {
	var words []string
	b.PlainLines(func(s string) { words = append(words, strings.Fields(s)...) })
	return words
}

// FuzzBlockWords: Words is len(strings.Fields(PlainText())), and
// PlainLines gives those words line by line, for rich text
// cut into spans and blocks anywhere, also inside a rune (a space such as
// U+00A0 or U+2003 cut in two is one space in the joined text).
func FuzzBlockWords(f *testing.F) {
	f.Add("eins zwei\u00a0drei", uint8(3), uint8(9), "Titel")
	f.Add("a\u2003b", uint8(2), uint8(5), "")
	f.Add(" \xe2\x80 x", uint8(1), uint8(2), "x\xe2")
	f.Fuzz(func(t *testing.T, s string, cut1, cut2 uint8, title string) {
		i, j := min(int(cut1), len(s)), min(int(cut2), len(s))
		if i > j {
			i, j = j, i
		}
		pt := umzug.PortableText{
			{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: s[:i]}, {Type: "span", Text: s[i:j]}}},
			{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: s[j:]}, {Type: "span", Text: title}}},
		}
		for _, b := range []umzug.Block{
			{Type: umzug.BlockText, Text: &umzug.Text{Body: pt}},
			{Type: umzug.BlockAccordion, Header: &umzug.Header{Text: title}, Accordion: &umzug.Accordion{Items: []umzug.Panel{{Title: s, Body: pt}, {Title: title}}}},
		} {
			if got, want := b.Words(), len(strings.Fields(b.PlainText())); got != want {
				t.Errorf("%s block: Words() = %d; want len(strings.Fields(PlainText())) %d (%q)", b.Type, got, want, b.PlainText())
			}
			if got, want := plainLinesFields(&b), strings.Fields(b.PlainText()); !slices.Equal(got, want) {
				t.Errorf("%s block: the words of PlainLines %q; want PlainText's %q", b.Type, got, want)
			}
		}
	})
}
