package transform

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/internal/testkit"
)

// realDocuments extracts the pages of the real-page corpus and the
// evaluation pages (skipped without UMZUG_CORPUS).
func realDocuments(t testing.TB) []umzug.Document {
	t.Helper()
	if os.Getenv("UMZUG_CORPUS") == "" {
		t.Skip("UMZUG_CORPUS not set")
	}
	p := xhtml.NewParser()
	var docs []umzug.Document
	testkit.EachRealPage(t, func(f string, body []byte) {
		if d, err := p.ParseHTML(bytes.NewReader(body), "https://www.example.de/"+filepath.Base(f)); err == nil {
			docs = append(docs, d) // (an error: not a content page)
		}
	})
	if len(docs) == 0 {
		t.Skip("no real pages")
	}
	return docs
}

// plainTextBefore is umzug.PTBlock.PlainText as it was: always a copy.
func plainTextBefore(b umzug.PTBlock) string {
	var sb strings.Builder
	for _, s := range b.Children {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// dropRepeatedParagraphsBefore is dropRepeatedParagraphs as it was, with
// the texts made and compared.
func dropRepeatedParagraphsBefore(d *umzug.Document) int {
	n := 0
	d.RichTexts(func(pt *umzug.PortableText) {
		if len(*pt) < 2 {
			return
		}
		kept := (*pt)[:1]
		for _, b := range (*pt)[1:] {
			prev := kept[len(kept)-1]
			if txt := plainTextBefore(b); len(txt) >= minRepeatedParagraph && b.Style == prev.Style && b.ListItem == prev.ListItem && b.Level == prev.Level && txt == plainTextBefore(prev) {
				n++
				continue
			}
			kept = append(kept, b)
		}
		*pt = kept
	})
	return n
}

// withEchoes returns a copy of d whose paragraphs are each followed by a
// copy of their text cut into other spans, by a text of the same length
// that differs in one byte, and by a copy cut at a byte inside a rune.
func withEchoes(d umzug.Document, r *rand.Rand) umzug.Document {
	d = d.Clone()
	resplit := func(text string, cut int) []umzug.PTSpan {
		return []umzug.PTSpan{{Type: "span", Text: text[:cut]}, {Type: "span", Text: ""}, {Type: "span", Text: text[cut:]}}
	}
	d.RichTexts(func(pt *umzug.PortableText) {
		var out umzug.PortableText
		for _, b := range *pt {
			out = append(out, b)
			text := plainTextBefore(b)
			if text == "" {
				continue
			}
			echo := b
			echo.Children = resplit(text, r.IntN(len(text)+1))
			out = append(out, echo)
			odd := b
			k := r.IntN(len(text))
			changed := text[:k] + string(text[k]^1) + text[k+1:]
			odd.Children = resplit(changed, r.IntN(len(changed)+1))
			out = append(out, odd, echo)
		}
		*pt = out
	})
	return d
}

// TestDropRepeatedParagraphsAsBefore compares dropRepeatedParagraphs,
// which compares the texts of the spans without making them, and
// PTBlock.PlainText, which no longer copies a single span's text, with
// their reference copies on the real pages and on copies of them with
// repeated paragraphs.
func TestDropRepeatedParagraphsAsBefore(t *testing.T) {
	docs := realDocuments(t)
	r := rand.New(rand.NewPCG(7, 7))
	dropped, blocks := 0, 0
	for _, d := range docs {
		for _, in := range []umzug.Document{d, withEchoes(d, r)} {
			in.RichTexts(func(pt *umzug.PortableText) {
				for i := range *pt {
					b := (*pt)[i]
					blocks++
					if got, want := b.PlainText(), plainTextBefore(b); got != want {
						t.Fatalf("%s: PlainText %q, want %q", d.URL, got, want)
					}
					if got, want := b.PlainTextLen(), len(plainTextBefore(b)); got != want {
						t.Fatalf("%s: PlainTextLen %d, want %d", d.URL, got, want)
					}
					if i > 0 {
						a := (*pt)[i-1]
						if got, want := umzug.SamePlainText(&a, &b), plainTextBefore(a) == plainTextBefore(b); got != want {
							t.Fatalf("%s: SamePlainText(%q, %q) = %v", d.URL, plainTextBefore(a), plainTextBefore(b), got)
						}
					}
				}
			})
			want, got := in.Clone(), in.Clone()
			nw, ng := dropRepeatedParagraphsBefore(&want), dropRepeatedParagraphs(&got)
			if nw != ng || !reflect.DeepEqual(want, got) {
				t.Fatalf("%s: dropRepeatedParagraphs dropped %d, want %d (or left another document)", d.URL, ng, nw)
			}
			dropped += ng
		}
	}
	if dropped == 0 {
		t.Fatal("no paragraph dropped: the test compares nothing")
	}
	t.Logf("%d documents, %d paragraphs, %d dropped", len(docs), blocks, dropped)
}

// writeHTMLEscapedRef is writeHTMLEscaped as first written: byte by byte.
func writeHTMLEscapedRef(w hash.Hash, b []byte) {
	start := 0
	for i, c := range b {
		var esc []byte
		switch c {
		case '<':
			esc = escLT
		case '>':
			esc = escGT
		case '&':
			esc = escAmp
		default:
			continue
		}
		w.Write(b[start:i])
		w.Write(esc)
		start = i + 1
	}
	w.Write(b[start:])
}

// TestWriteHTMLEscaped: the same hash as the byte loop on random texts of
// <, >, & and other bytes, runs of each and none.
func TestWriteHTMLEscaped(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	alphabet := []string{"<", ">", "&", "a", `"`, "\\", "ä", "&&", "<<<", ">", " ", "&amp;", "x"}
	for i := range 5000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		if i%10 == 0 {
			b = bytes.Repeat([]byte("abc"), r.IntN(100))
		}
		got, want := sha256.New(), sha256.New()
		writeHTMLEscaped(got, b)
		writeHTMLEscapedRef(want, b)
		if !bytes.Equal(got.Sum(nil), want.Sum(nil)) {
			t.Fatalf("%q: hashes differ", b)
		}
	}
}
