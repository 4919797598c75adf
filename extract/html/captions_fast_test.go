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
