package transform

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// sentenceSketchBefore is sentenceSketch as it was: every text scanned
// whole (sentences), its sentences taken until the sketch is full.
func sentenceSketchBefore(d *umzug.Document) []uint32 {
	var out []uint32
	add := func(t string) bool {
		for _, s := range sentences(t) {
			out = append(out, uint32(s))
			if len(out) >= maxSketch {
				return false
			}
		}
		return true
	}
	ok := add(d.Title) && add(d.Summary)
	if pr := d.PressRelease; ok && pr != nil {
		ok = add(pr.Lead) && add(pr.Subtitle)
	}
	for i := 0; ok && i < len(d.Blocks); i++ {
		d.Blocks[i].RichTexts(func(pt *umzug.PortableText) {
			for _, b := range *pt {
				if ok {
					ok = add(b.PlainText())
				}
			}
		})
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// randomSketchText is text of sentences of 1 to 9 words, ended in the
// ways scanText knows (and some not), with line breaks.
func randomSketchText(r *rand.Rand) string {
	vocab := strings.Fields("Freistaat Thüringen Landesregierung Ministerium Förderung Kommunen Straßenbau wird ist im der die und 2024 Ⅳ ÆØÅ")
	ends := []string{". ", "! ", "? ", "… ", ": ", "; ", ".\" ", "\n", ", ", " - ", ".", ""}
	var sb strings.Builder
	for range r.IntN(12) {
		for k := range 1 + r.IntN(9) {
			if k > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(vocab[r.IntN(len(vocab))])
		}
		sb.WriteString(ends[r.IntN(len(ends))])
	}
	return sb.String()
}

// sentenceSketch stops scanning at the sentence that fills the sketch:
// the sketch is the one of scanning every text whole.
func TestSentenceSketchStopsWhenFull(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		d := umzug.Document{Title: randomSketchText(r), Summary: randomSketchText(r)}
		if r.IntN(3) == 0 {
			d.PressRelease = &umzug.PressRelease{Lead: randomSketchText(r), Subtitle: randomSketchText(r)}
		}
		for range r.IntN(8) {
			var body umzug.PortableText
			for range r.IntN(5) {
				b := umzug.PTBlock{Type: "block", Style: "normal"}
				text := randomSketchText(r)
				for text != "" {
					cut := min(len(text), 1+r.IntN(40))
					b.Children = append(b.Children, umzug.PTSpan{Type: "span", Text: text[:cut]})
					text = text[cut:]
				}
				body = append(body, b)
			}
			d.Blocks = append(d.Blocks, umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: body}})
		}
		if got, want := sentenceSketch(&d), sentenceSketchBefore(&d); !slices.Equal(got, want) {
			t.Fatalf("sentenceSketch = %v; want %v (document %+v)", got, want, d)
		}
	}
}

// BenchmarkSentenceSketch is the sketch of a document of 9 rich texts of
// 5 paragraphs of up to 12 sentences, as it is and scanning every text
// whole (before).
func BenchmarkSentenceSketch(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	d := umzug.Document{Title: "Seite", Summary: randomSketchText(r)}
	for range 9 {
		var body umzug.PortableText
		for range 5 {
			body = append(body, umzug.PTBlock{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: randomSketchText(r) + randomSketchText(r)}}})
		}
		d.Blocks = append(d.Blocks, umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: body}})
	}
	for _, bc := range []struct {
		name string
		f    func(*umzug.Document) []uint32
	}{{"now", sentenceSketch}, {"before", sentenceSketchBefore}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.f(&d)
			}
		})
	}
}
