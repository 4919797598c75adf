package html

import (
	"strings"
	"unicode"

	"github.com/umzug/umzug"
)

// A caption is often in the markup twice over: a <figcaption> or a
// "caption" span is read into the image's caption, and the same element,
// left in the element's text, became a paragraph of the text beside the
// image (a figure read as text with media), or the caption sits in a
// paragraph of its own right after the image. The new CMS would show it
// twice. The functions below remove such a paragraph only when its text
// is, letter for letter, a text the image already carries, so nothing is
// lost: the caption stays with its image.

// echoKey is the comparison form of a caption: its letters and digits,
// lower-cased, without spaces and punctuation, so that "…Mitzscherlich.
// DCV / Oppitz" (a caption and its credit in two spans) matches the
// caption and the credit that were read apart.
func echoKey(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}

// captionKeys are the comparison forms of what an image's caption
// paragraph may say: its caption, its credit, or both.
func captionKeys(ms []umzug.Media) map[string]bool {
	keys := map[string]bool{}
	for _, m := range ms {
		c, cr := echoKey(m.Caption), echoKey(m.Credit)
		for _, k := range []string{c, cr, c + cr, cr + c} {
			if k != "" {
				keys[k] = true
			}
		}
	}
	return keys
}

// isEcho reports a plain paragraph whose text one of keys covers.
func isEcho(b umzug.PTBlock, keys map[string]bool) bool {
	if b.ListItem != "" || (b.Style != "" && b.Style != "normal") {
		return false
	}
	k := echoKey(b.PlainText())
	return k != "" && keys[k]
}

// withoutEchoes returns body without the paragraphs that repeat a caption
// or credit of media.
func withoutEchoes(body umzug.PortableText, media []umzug.Media) umzug.PortableText {
	if len(body) == 0 {
		return body
	}
	keys := captionKeys(media)
	if len(keys) == 0 {
		return body
	}
	var out umzug.PortableText
	for i, b := range body {
		if isEcho(b, keys) {
			if out == nil {
				out = append(umzug.PortableText{}, body[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, b)
		}
	}
	if out == nil {
		return body
	}
	rekey(out)
	return out
}

// captionsAfterImages handles the caption that follows its image as a
// paragraph of the next text block. A paragraph that repeats the image's
// caption or credit is removed; one that repeats the alt or title text of
// an image without caption is that image's visible caption and becomes
// it. A text block left empty is removed.
func captionsAfterImages(bs []umzug.Block) []umzug.Block {
	out := bs[:0]
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		out = append(out, b)
		if b.Type != umzug.BlockImage || b.Image == nil || i+1 >= len(bs) {
			continue
		}
		next := bs[i+1]
		if next.Type != umzug.BlockText || next.Text == nil || len(next.Text.Body) == 0 || next.Header != nil {
			continue
		}
		first := next.Text.Body[0]
		m := &out[len(out)-1].Image.Media
		switch {
		case isEcho(first, captionKeys([]umzug.Media{*m})):
		case m.Caption == "" && isEcho(first, map[string]bool{echoKey(m.Alt): true, echoKey(m.Title): true}):
			m.Caption = collapseTrim(first.PlainText())
		default:
			continue
		}
		rest := next.Text.Body[1:]
		i++ // the text block is taken care of here
		if len(rest) == 0 {
			continue
		}
		body := append(umzug.PortableText{}, rest...)
		rekey(body)
		t := *next.Text
		t.Body = body
		next.Text = &t
		out = append(out, next)
	}
	return out
}
