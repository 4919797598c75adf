package html

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// plainParagraph reports a paragraph that is no heading, quote or list
// item: the only kind a caption is written as.
func plainParagraph(b umzug.PTBlock) bool {
	return b.ListItem == "" && (b.Style == "" || b.Style == "normal")
}

// isEcho reports a plain paragraph whose text one of keys covers.
func isEcho(b umzug.PTBlock, keys map[string]bool) bool {
	if !plainParagraph(b) {
		return false
	}
	// echoKey(b.PlainText()), given up as soon as it is longer than the
	// longest key: most paragraphs beside an image are no caption.
	most := 0
	for k := range keys {
		most = max(most, len(k))
	}
	var arr [256]byte
	k := arr[:0]
	for _, r := range b.PlainText() {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if k = utf8.AppendRune(k, unicode.ToLower(r)); len(k) > most {
				return false
			}
		}
	}
	return len(k) > 0 && keys[string(k)]
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
// an image without caption (with or without a credit line after it) is
// that image's visible caption and becomes it; one that is only a credit
// ("Foto: …", "© …") becomes the credit of an image that has none. A text
// block left empty is removed, and the block after it is looked at in
// turn: the credit and the caption under an image are often two elements
// ("© Agentur" in one, the caption in the next). runningText reports an
// image and a text block of the same running text (nil: any); only there
// is an italic first line the image's caption (emCaptionLine).
// captionEl reports a text block made from an element whose class names
// a caption (nil: none): a one-paragraph block so made right under an
// image without a caption is its caption (Drupal's image field with the
// caption and the credit in fields of their own after it,
// `field--name-field-bildunterschrift`, `field--name-field-copyright`).
func captionsAfterImages(bs []umzug.Block, runningText func(img, txt umzug.Block) bool, captionEl func(txt umzug.Block) bool) []umzug.Block {
	out := bs[:0]
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		out = append(out, b)
		if b.Type != umzug.BlockImage || b.Image == nil {
			continue
		}
		m := &out[len(out)-1].Image.Media
		for i+1 < len(bs) {
			next := bs[i+1]
			if next.Type != umzug.BlockText || next.Text == nil || len(next.Text.Body) == 0 || next.Header != nil {
				break
			}
			first := next.Text.Body[0]
			rest := next.Text.Body[1:]
			if m.Caption == "" && len(rest) == 0 && captionEl != nil && plainParagraph(first) && captionEl(next) {
				if caption, credit := splitCredit(collapseTrim(first.PlainText())); caption != "" && len(caption) <= 300 && !otherCredit(m, credit) {
					m.Caption = caption
					if credit != "" {
						m.Credit = credit
					}
					i++
					continue // the credit may follow in a block of its own
				}
			}
			if !isEcho(first, captionKeys([]umzug.Media{*m})) && !takeCaption(m, first) {
				line, after, ok := emCaptionLine(first)
				if !ok || m.Caption != "" || len(after.Children) == 0 || runningText != nil && !runningText(b, next) {
					// A paragraph all in italics after a picture is as
					// often a lead, a disclosure or a "Stand" line.
					break
				}
				caption, credit := splitCredit(line)
				if otherCredit(m, credit) {
					break // a second credit: not this picture's line
				}
				m.Caption = caption
				if m.Credit == "" {
					m.Credit = credit
				}
				rest = append(umzug.PortableText{after}, rest...)
			}
			i++ // the text block is taken care of here
			if len(rest) == 0 {
				continue // the whole block was the line: look at the next
			}
			body := append(umzug.PortableText{}, rest...)
			rekey(body)
			t := *next.Text
			t.Body = body
			next.Text = &t
			out = append(out, next)
			break
		}
	}
	return out
}

// emCaptionLine returns the first line of paragraph b when all of it is
// emphasized, as running text sets a picture's caption ("<img><br>
// <em>Pumpenraum der KS 25.</em><br>Um 1940 …"), with the paragraph
// without that line (no children when the line was all of it); ok is
// false for a paragraph that does not open so, whose line links, or
// whose line is not 3 to 300 characters long. captionsAfterImages takes
// the line only from a paragraph that goes on after it.
func emCaptionLine(b umzug.PTBlock) (line string, rest umzug.PTBlock, ok bool) {
	if !plainParagraph(b) {
		return "", b, false
	}
	var sb strings.Builder
	for i, sp := range b.Children {
		before, after, nl := strings.Cut(sp.Text, "\n")
		if strings.TrimSpace(before) != "" {
			if !emphasisOnly(sp.Marks) {
				return "", b, false
			}
			sb.WriteString(before)
		}
		if !nl && i < len(b.Children)-1 {
			continue
		}
		line = collapseTrim(sb.String())
		if n := utf8.RuneCountInString(line); n < 3 || n > 300 {
			return "", b, false
		}
		rest = b
		rest.Children = nil
		if after = strings.TrimLeft(after, "\n "); after != "" {
			sp.Text = after
			rest.Children = append(rest.Children, sp)
		}
		for _, x := range b.Children[i+1:] {
			if len(rest.Children) == 0 {
				// the line breaks after the caption
				if x.Text = strings.TrimLeft(x.Text, "\n "); x.Text == "" {
					continue
				}
			}
			rest.Children = append(rest.Children, x)
		}
		for j := range rest.Children {
			rest.Children[j].Key = "s" + strconv.Itoa(j)
		}
		return line, rest, true
	}
	return "", b, false
}

// emphasisOnly reports marks that are emphasis, maybe with bold, and no
// link.
func emphasisOnly(marks []string) bool {
	em := false
	for _, m := range marks {
		switch m {
		case "em":
			em = true
		case "strong":
		default:
			return false
		}
	}
	return em
}

// takeCaption moves the text of paragraph b into m when b is m's visible
// caption or credit that the markup did not mark as such: the alt or
// title text of an image without caption, optionally followed by a
// credit, or a credit alone under an image without one. It reports
// whether b was taken.
func takeCaption(m *umzug.Media, b umzug.PTBlock) bool {
	if !plainParagraph(b) {
		return false
	}
	text := collapseTrim(b.PlainText())
	caption, credit := splitCredit(text)
	if otherCredit(m, credit) {
		return false // a second credit: not this image's line
	}
	switch k := echoKey(caption); {
	case k == "" && credit != "" && creditLine(b.PlainText()) && !siteNotice.MatchString(credit):
		// only a credit
	case k != "" && m.Caption == "" && (k == echoKey(m.Alt) || k == echoKey(m.Title)):
		m.Caption = caption
	default:
		return false
	}
	if credit != "" {
		m.Credit = credit
	}
	return true
}

// otherCredit reports a credit that differs from the one m already has: a
// line naming it is not m's.
func otherCredit(m *umzug.Media, credit string) bool {
	return credit != "" && m.Credit != "" && echoKey(credit) != echoKey(m.Credit)
}

// siteNotice is the wording of a site's copyright notice ("Copyright ©
// 2018. All rights reserved."), which may follow the last image of a
// page without being that image's credit.
var siteNotice = regexp.MustCompile(`(?i)rights reserved|rechte vorbehalten|alle rechte`)

// creditLine reports a text short enough and on one line, as a credit
// under an image is; an address block after a logo ("© Anstalt<br>
// Straße<br>Telefon") is not one.
func creditLine(s string) bool {
	s = strings.TrimSpace(s)
	return !strings.Contains(s, "\n") && utf8.RuneCountInString(s) <= 120
}
