package html

import "strings"

// pairSet is a Bloom filter of the byte pairs of a text with ASCII
// letters lower-cased: one pass over the text, after which a word
// (lower-case ASCII stem) is known to be absent from the text's
// lower-cased form (strings.ToLower, lowerForStems) when one of its
// pairs is not in the set. A word that may be there is then looked for
// as before, so the filter only spares the strings.Contains that cannot
// match: utilityReason's dozens of stems on every short text of the main
// region.
//
// Only two runes lower-case to ASCII letters (U+0130 to i and a
// combining dot, U+212A to k, see lowerForStems); a text with either
// lets every word through (all).
type pairSet struct {
	bits [pairBits / 64]uint64
	all  bool
}

const pairBits = 2048

// foldByte lower-cases ASCII letters.
var foldByte = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if i >= 'A' && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

func pairHash(a, b byte) uint32 {
	return (uint32(a)<<8 | uint32(b)) * 0x9E3779B1 >> (32 - 11)
}

// add puts the pairs of t into the set. Whether t has a byte beyond
// ASCII is gathered on the way (an OR of the bytes): only such a text
// is looked at for the two runes.
func (s *pairSet) add(t string) {
	if len(t) < 2 {
		return
	}
	bits := &s.bits
	hi := t[0]
	prev := uint32(foldByte[t[0]])
	for i := 1; i < len(t); i++ {
		c := t[i]
		hi |= c
		f := uint32(foldByte[c])
		h := (prev<<8 | f) * 0x9E3779B1 >> (32 - 11) // pairHash
		bits[h>>6] |= 1 << (h & 63)
		prev = f
	}
	if hi >= 0x80 && (strings.Contains(t, "\u0130") || strings.Contains(t, "\u212a")) {
		s.all = true
	}
}

// stem is a word with the hashes of its pairs.
type stem struct {
	word  string
	pairs []uint32
}

// makeStems makes the stems of ASCII words (the filter knows nothing of
// the lower-casing of other runes).
func makeStems(words ...string) []stem {
	for _, w := range words {
		for j := 0; j < len(w); j++ {
			if w[j] >= 0x80 {
				panic("makeStems: not ASCII: " + w)
			}
		}
	}
	return makeByteStems(words...)
}

// makeByteStems makes the stems of words looked for as they are, byte
// for byte, in the text (the filter's folding of ASCII letters keeps
// every pair of such a word that the text holds).
func makeByteStems(words ...string) []stem {
	out := make([]stem, len(words))
	for i, w := range words {
		out[i].word = w
		for j := 1; j < len(w); j++ {
			out[i].pairs = append(out[i].pairs, pairHash(foldByte[w[j-1]], foldByte[w[j]]))
		}
	}
	return out
}

// may reports whether w can be in the text (always for a word shorter
// than two bytes).
func (s *pairSet) may(w *stem) bool {
	if s.all {
		return true
	}
	for _, h := range w.pairs {
		if s.bits[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// mayAny reports whether one of the words can be in the text.
func (s *pairSet) mayAny(ws []stem) bool {
	for i := range ws {
		if s.may(&ws[i]) {
			return true
		}
	}
	return false
}

// mayCount is the number of the words that can be in the text.
func (s *pairSet) mayCount(ws []stem) int {
	k := 0
	for i := range ws {
		if s.may(&ws[i]) {
			k++
		}
	}
	return k
}

// hasAnyFoldPrefix is hasAnyPrefix(lowerForStems(t), prefixes...) for
// lower-case ASCII prefixes and the text the set was filled with,
// without lower-casing t.
func (s *pairSet) hasAnyFoldPrefix(t string, prefixes ...string) bool {
	if s.all {
		return hasAnyPrefix(lowerForStems(t), prefixes...)
	}
	for _, p := range prefixes {
		if len(t) >= len(p) && foldEqualASCII(t[:len(p)], p) {
			return true
		}
	}
	return false
}

// foldEqualASCII reports whether a with ASCII letters lower-cased is b.
func foldEqualASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if foldByte[a[i]] != b[i] {
			return false
		}
	}
	return true
}
