package transform

import (
	"github.com/umzug/umzug"
)

// The walks over a document's fields are the root package's typed ones
// (umzug's walk.go): which strings are URLs and which text, where rich
// text and file names are.

func mapURLs(d *umzug.Document, m func(string) string) {
	d.URLs(func(s *string) { *s = m(*s) })
}

func mapTexts(d *umzug.Document, m func(string) string) {
	d.Strings(func(s *string, isURL bool) {
		if !isURL {
			*s = m(*s)
		}
	})
}

// minRepeatedParagraph is the length in bytes from which a paragraph that
// repeats the one right before it is taken for a copy-and-paste slip;
// shorter ones ("–", "Ja") may repeat on purpose.
const minRepeatedParagraph = 40

// dropRepeatedParagraphs removes a paragraph that repeats the paragraph
// right before it in the same rich text (same style, list item and text),
// and returns how many it removed.
func dropRepeatedParagraphs(d *umzug.Document) int {
	n := 0
	d.RichTexts(func(pt *umzug.PortableText) {
		if len(*pt) < 2 {
			return
		}
		kept := (*pt)[:1]
		for _, b := range (*pt)[1:] {
			prev := &kept[len(kept)-1]
			if b.PlainTextLen() >= minRepeatedParagraph && b.Style == prev.Style && b.ListItem == prev.ListItem && b.Level == prev.Level && umzug.SamePlainText(&b, prev) {
				n++
				continue
			}
			kept = append(kept, b)
		}
		*pt = kept
	})
	return n
}
