package umzug

import (
	"unicode"
	"unicode/utf8"
)

// fieldCounter counts the words of text handed to it in pieces, as
// len(strings.Fields) counts them in the pieces' concatenation. A piece
// must end on a whole rune (see PortableText.words).
type fieldCounter struct {
	n  int
	in uint8 // 1: the last byte seen was part of a word
}

// byteClass is, for each byte, 0 for an ASCII space (unicode.IsSpace), 1
// for any other ASCII byte and 2 for the bytes of multi-byte runes.
var byteClass = func() (t [256]uint8) {
	for b := range t {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = 2
		case !asciiSpace[b]:
			t[b] = 1
		}
	}
	return t
}()

// write counts the words of s, continuing a word the last piece ended
// in. ASCII bytes are counted without a branch: a word starts where a
// byte of class 1 follows one of class 0.
func (c *fieldCounter) write(s string) {
	n, in := c.n, c.in
	for i := 0; i < len(s); {
		t := byteClass[s[i]]
		if t == 2 {
			r, size := utf8.DecodeRuneInString(s[i:]) // an invalid byte is utf8.RuneError: not a space, as in Fields
			t = 1
			if unicode.IsSpace(r) {
				t = 0
			}
			i += size
		} else {
			i++
		}
		n += int(t &^ in)
		in = t
	}
	c.n, c.in = n, in
}

// CountFields is len(strings.Fields(s)) without making the fields.
func CountFields(s string) int {
	var c fieldCounter
	c.write(s)
	return c.n
}

// words is len(strings.Fields(pt.PlainText())) without making the text.
func (pt PortableText) words() int {
	var c fieldCounter
	for i := range pt {
		c.in = 0 // blocks are joined with a newline
		before := c.n
		spans := pt[i].Children
		for j := range spans {
			s := spans[j].Text
			if j < len(spans)-1 && !endsOnRune(s) {
				// A rune cut between spans is decoded whole in the
				// joined text: count the block's text as PlainText
				// makes it.
				c.n = before + CountFields(pt[i].PlainText())
				c.in = 0
				break
			}
			c.write(s)
		}
	}
	return c.n
}

// endsOnRune reports whether s does not end inside a multi-byte rune's
// encoding (a partial encoding that the next piece might complete).
func endsOnRune(s string) bool {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(s); k++ {
		b := s[len(s)-k]
		if b < utf8.RuneSelf {
			return true
		}
		if utf8.RuneStart(b) {
			return utf8.FullRuneInString(s[len(s)-k:])
		}
	}
	return true
}
