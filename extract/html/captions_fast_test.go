package html

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// isEchoRef is isEcho as it was before it gave up on long paragraphs.
func isEchoRef(b umzug.PTBlock, keys map[string]bool) bool {
	if !plainParagraph(b) {
		return false
	}
	k := echoKey(b.PlainText())
	return k != "" && keys[k]
}

// isEcho says what it said before, on paragraphs of the test pages'
// texts (in one span and split in three, also inside a UTF-8 sequence)
// against the keys of images captioned with them, their neighbours and
// nothing.
func TestIsEchoAgrees(t *testing.T) {
	texts := stemTexts(t)
	if len(texts) > 6000 {
		texts = texts[:6000]
	}
	texts = append(texts, "Foto: Anna Beispiel", "FOTO: ANNA BEISPIEL", "Foto – Anna Beispiel!", "\u212aelvin", "Straße ẞ", "x\xffy", "")
	echoes := 0
	for i, s := range texts {
		other := texts[(i*7+3)%len(texts)]
		keySets := []map[string]bool{
			captionKeys([]umzug.Media{{Caption: s}}),
			captionKeys([]umzug.Media{{Caption: other, Credit: s}}),
			captionKeys([]umzug.Media{{Caption: other}}),
			captionKeys(nil),
			{},
		}
		third := len(s) / 3
		paras := []umzug.PTBlock{
			{Style: "normal", Children: []umzug.PTSpan{{Text: s}}},
			{Children: []umzug.PTSpan{{Text: s[:third]}, {Text: s[third : 2*third]}, {Text: s[2*third:]}}},
			{Style: "normal", Children: []umzug.PTSpan{{Text: strings.ToUpper(s) + " " + other}}},
			{Style: "h2", Children: []umzug.PTSpan{{Text: s}}},
		}
		for _, keys := range keySets {
			for _, p := range paras {
				got, want := isEcho(p, keys), isEchoRef(p, keys)
				if got != want {
					t.Fatalf("isEcho(%q, %v) = %v, want %v", p.PlainText(), keys, got, want)
				}
				if got {
					echoes++
				}
			}
		}
	}
	if echoes < 1000 {
		t.Errorf("only %d echoes tested", echoes)
	}
}

// TestItalicLineWithSecondCredit: an italic line under a picture that
// names another credit than the picture already has is not that
// picture's line: it stays text, and neither credit is lost.
func TestItalicLineWithSecondCredit(t *testing.T) {
	img := umzug.Block{Key: "b1", Type: umzug.BlockImage, Image: &umzug.Image{Media: umzug.Media{Src: "https://archiv.example/lf8.jpg", Credit: "© Archiv B"}}}
	body := umzug.PortableText{{Type: "block", Key: "b0", Style: "normal", MarkDefs: []umzug.MarkDef{}, Children: []umzug.PTSpan{
		{Type: "span", Key: "s0", Text: "Das LF 8 im Einsatz. (Foto: C. Beispiel)", Marks: []string{"em"}},
		{Type: "span", Key: "s1", Text: "\nNach dem Krieg blieb das Fahrzeug bis 1970 im Dienst der Wehr.", Marks: []string{}},
	}}}
	txt := umzug.Block{Key: "b2", Type: umzug.BlockText, Text: &umzug.Text{Body: body}}
	out := captionsAfterImages([]umzug.Block{img, txt}, nil, nil)
	if len(out) != 2 || out[0].Image.Credit != "© Archiv B" || out[0].Image.Caption != "" {
		t.Fatalf("blocks %+v: want the picture unchanged and the text after it", out)
	}
	if got := out[1].PlainText(); !strings.Contains(got, "Foto: C. Beispiel") || !strings.Contains(got, "Nach dem Krieg") {
		t.Errorf("text %q: want the italic line and the text", got)
	}
	// The same line without a credit of its own is the caption.
	body[0].Children[0].Text = "Das LF 8 im Einsatz."
	out = captionsAfterImages([]umzug.Block{img, {Key: "b2", Type: umzug.BlockText, Text: &umzug.Text{Body: body}}}, nil, nil)
	if out[0].Image.Caption != "Das LF 8 im Einsatz." || out[0].Image.Credit != "© Archiv B" {
		t.Errorf("picture %+v: want the caption and its credit", out[0].Image.Media)
	}
}
