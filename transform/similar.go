package transform

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Words returns the hashes of the words of text: runs of letters and
// digits, lower-cased; punctuation and white space separate words, soft
// hyphens and zero-width characters vanish. Hashing instead of returning
// strings keeps the hot path of de-duplication free of allocations per word.
func Words(text string) []uint64 {
	return appendWords(nil, text)
}

// appendWords appends the word hashes of text to out: what scanText
// reports as words, with a fast path for ASCII.
func appendWords(out []uint64, text string) []uint64 {
	h, inWord := uint64(fnvOffset), false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			lc := asciiWordByte[c]
			if lc == 0 {
				if inWord {
					out = append(out, h)
					h, inWord = fnvOffset, false
				}
				continue
			}
			h = (h ^ uint64(lc)) * fnvPrime
			inWord = true
			continue
		}
		if (c == 0xc2 || c == 0xc3) && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
			// U+0080–U+00FF (German umlauts and ß, accents): by table.
			l := &latin1Word[(c&0x1f)<<6|text[i+1]&0x3f]
			i += 2
			switch l.kind {
			case latin1Invisible:
				continue
			case latin1Letter:
				for _, b := range l.lower[:l.n] {
					h = (h ^ uint64(b)) * fnvPrime
				}
				inWord = true
			default:
				if inWord {
					out = append(out, h)
					h, inWord = fnvOffset, false
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case invisible(r):
			continue // joins the word
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			h = hashRune(h, unicode.ToLower(r))
			inWord = true
		default:
			if inWord {
				out = append(out, h)
				h, inWord = fnvOffset, false
			}
		}
	}
	if inWord {
		out = append(out, h)
	}
	return out
}

// asciiWordByte maps the ASCII letters and digits to themselves
// lower-cased, every other ASCII byte to 0 (a separator).
var asciiWordByte = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return t
}()

// latin1Word is what appendWords makes of the runes U+0080–U+00FF (two
// bytes of UTF-8), by rune: a separator, a letter or digit with the
// UTF-8 of its lower case, or an invisible character (the soft hyphen).
// Made with the functions of appendWords' general path, so the same.
var latin1Word = func() (t [0x100]latin1Rune) {
	for r := rune(0x80); r <= 0xff; r++ {
		e := &t[r]
		switch {
		case invisible(r):
			e.kind = latin1Invisible
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			e.kind = latin1Letter
			e.n = uint8(utf8.EncodeRune(e.lower[:], unicode.ToLower(r)))
		}
	}
	return t
}()

type latin1Rune struct {
	kind  uint8
	n     uint8
	lower [utf8.UTFMax]byte
}

const (
	latin1Sep = iota
	latin1Letter
	latin1Invisible
)

// invisible reports the characters that vanish inside a word: soft
// hyphen, zero-width space, non-joiner, joiner, word joiner, BOM.
func invisible(r rune) bool {
	return r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// hashRune adds the UTF-8 bytes of r to the FNV-1a hash h.
func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		return (h ^ uint64(r)) * fnvPrime
	}
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, c := range buf[:n] {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// scanText calls word with the hash of every word of text and, when
// sentenceEnd is not nil, calls it after a sentence: at ".", "!", "?",
// "…", ":" or ";" before white space or the end, and at a line break.
// When sentenceEnd returns false, the scan stops there.
func scanText(text string, word func(uint64), sentenceEnd func() bool) {
	h, inWord := uint64(fnvOffset), false
	flush := func() {
		if inWord {
			word(h)
			h, inWord = fnvOffset, false
		}
	}
	pendingEnd := false
	for _, r := range text {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue // invisible: joins the word
		case r < 0x80 && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'), r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)), 'A' <= r && r <= 'Z':
			if pendingEnd {
				pendingEnd = false
				if sentenceEnd != nil && !sentenceEnd() {
					return
				}
			}
			r = unicode.ToLower(r)
			if r < 0x80 {
				h = (h ^ uint64(r)) * fnvPrime
			} else {
				var buf [4]byte
				n := utf8.EncodeRune(buf[:], r)
				for _, c := range buf[:n] {
					h = (h ^ uint64(c)) * fnvPrime
				}
			}
			inWord = true
		default:
			flush()
			switch r {
			case '.', '!', '?', '…', ':', ';':
				pendingEnd = true
			case '\n':
				pendingEnd = false
				if sentenceEnd != nil && !sentenceEnd() {
					return
				}
			case ' ', '"', '\'', '“', '”', '„', '»', '«', ')', ']':
				// closing quotes and white space keep a pending end
			default:
				pendingEnd = false
			}
		}
	}
	flush()
	if sentenceEnd != nil {
		sentenceEnd()
	}
}

// shingleSize is the number of words in a shingle.
const shingleSize = 3

// Shingles returns the distinct hashes of the word 3-shingles of words
// (one shingle of all words when there are fewer), sorted.
func Shingles(words []uint64) []uint64 {
	if len(words) == 0 {
		return nil
	}
	out := appendShingles(make([]uint64, 0, max(1, len(words)-shingleSize+1)), words)
	slices.Sort(out)
	return slices.Compact(out)
}

// appendShingles appends the hashes of the word 3-shingles of words to
// out, in text order and with repeats: what Bands needs.
func appendShingles(out, words []uint64) []uint64 {
	if len(words) == 0 {
		return out
	}
	n := max(1, len(words)-shingleSize+1)
	for i := 0; i < n; i++ {
		h := uint64(shingleSize)
		for _, w := range words[i:min(len(words), i+shingleSize)] {
			h = mix64(h ^ w)
		}
		out = append(out, h)
	}
	return out
}

// MinHash parameters: 32 hash functions in 8 bands of 4. Two texts whose
// shingle sets have Jaccard similarity s share at least one band with
// probability 1-(1-s⁴)⁸: 0.98 at s=0.8, 0.40 at s=0.5, 0.01 at s=0.2.
const (
	minHashes   = 32
	bandRows    = 4
	simBands    = minHashes / bandRows
	bandSeedMix = 0x9e3779b97f4a7c15
)

// Bands returns the locality-sensitive band hashes of a shingle set: the
// MinHash signature of the set cut into bands, each band hashed to 32
// bits. Similar sets share band values in the same position.
func Bands(shingles []uint64) [simBands]uint32 {
	// The hash of shingle s under seed k is mix64(s ^ bandSeeds[k]). The
	// first step of mix64, z ^ z>>30, is linear over XOR: it is taken
	// apart into s ^ s>>30, here, and the seed's part, bandSeedsPre; the
	// rest of mix64 is mixTail. Four seeds at a time over all shingles
	// keep their minima in registers (TestBandsAsMix64 compares with
	// mix64 as first written).
	// mixTail is written out step by step, the four hashes interleaved:
	// with the calls inlined one after the other the compiler kept too
	// few of the values in registers (a tenth slower).
	var sig [minHashes]uint64
	if useMinHashAVX512 && len(shingles) >= minHashAVX512From {
		minHashAVX512(shingles, &bandSeedsPre, &sig)
		return bandHashes(&sig)
	}
	minHashGeneric(shingles, &sig)
	return bandHashes(&sig)
}

// minHashGeneric sets sig to the MinHash signature of shingles (all
// ones without shingles), as Bands describes it.
func minHashGeneric(shingles []uint64, sig *[minHashes]uint64) {
	for k := 0; k < minHashes; k += 4 {
		p0, p1, p2, p3 := bandSeedsPre[k], bandSeedsPre[k+1], bandSeedsPre[k+2], bandSeedsPre[k+3]
		m0, m1, m2, m3 := ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)
		for _, s := range shingles {
			t := s ^ s>>30
			a0 := (t ^ p0) * mixMul1
			a1 := (t ^ p1) * mixMul1
			a2 := (t ^ p2) * mixMul1
			a3 := (t ^ p3) * mixMul1
			a0 = (a0 ^ a0>>27) * mixMul2
			a1 = (a1 ^ a1>>27) * mixMul2
			a2 = (a2 ^ a2>>27) * mixMul2
			a3 = (a3 ^ a3>>27) * mixMul2
			m0 = min(m0, a0^a0>>31)
			m1 = min(m1, a1^a1>>31)
			m2 = min(m2, a2^a2>>31)
			m3 = min(m3, a3^a3>>31)
		}
		sig[k], sig[k+1], sig[k+2], sig[k+3] = m0, m1, m2, m3
	}
}

// bandHashes cuts a MinHash signature into bands and hashes each.
func bandHashes(sig *[minHashes]uint64) [simBands]uint32 {
	var out [simBands]uint32
	for b := range out {
		h := uint64(b + 1)
		for _, v := range sig[b*bandRows : (b+1)*bandRows] {
			h = mix64(h ^ v)
		}
		out[b] = uint32(h)
	}
	return out
}

// bandSeeds are the seeds of the MinHash functions: (k+1)·bandSeedMix.
var bandSeeds = func() (s [minHashes]uint64) {
	for k := range s {
		s[k] = uint64(k+1) * bandSeedMix
	}
	return s
}()

// bandSeedsPre are the seeds' part of the first step of mix64: seed ^ seed>>30.
var bandSeedsPre = func() (s [minHashes]uint64) {
	for k, seed := range bandSeeds {
		s[k] = seed ^ seed>>30
	}
	return s
}()

// mix64 is the finalizer of SplitMix64.
func mix64(z uint64) uint64 {
	return mixTail(z ^ (z >> 30))
}

// mixTail is mix64 after its first step.
func mixTail(z uint64) uint64 {
	z *= mixMul1
	z = (z ^ (z >> 27)) * mixMul2
	return z ^ (z >> 31)
}

// The multipliers of SplitMix64's finalizer.
const (
	mixMul1 = 0xbf58476d1ce4e5b9
	mixMul2 = 0x94d049bb133111eb
)

// Similarity compares two sorted shingle sets: the Jaccard index and the
// containment of the smaller set in the larger.
func Similarity(a, b []uint64) (jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - inter
	return float64(inter) / float64(union), float64(inter) / float64(min(len(a), len(b)))
}

// simEntry is one block taking part in near-duplicate detection.
type simEntry struct {
	bands [simBands]uint32
	fp    uint64 // BlockFingerprint of the block
	doc   int32  // the document (Index.doc)
	block int32  // index of the block in the document
}

// candidatePair is a pair of blocks visited by nearCandidatesBand, each
// as its document's index in the high and its block in the low 32 bits.
type candidatePair struct{ a, b int64 }

// nearCandidatesBand calls visit once for every pair of entries that
// share a value of the given band and is not in seen yet (it is added):
// the candidates for near duplicates, to be verified on the texts. Called
// for every band in turn, with one seen, on entries that hold every
// entry with the band values they hold, it visits every pair that shares
// a band value in the same band once. It sorts es by the band, so memory
// stays that of the entries. A run of more than maxRun entries with one
// band value (the same text hundreds of times in different element
// types) is compared with its first entry only.
func nearCandidatesBand(es []simEntry, band int, seen map[candidatePair]bool, visit func(a, b simEntry)) {
	const maxRun = 256
	slices.SortFunc(es, func(x, y simEntry) int {
		if x.bands[band] != y.bands[band] {
			if x.bands[band] < y.bands[band] {
				return -1
			}
			return 1
		}
		if x.doc != y.doc {
			return int(x.doc - y.doc)
		}
		return int(x.block - y.block)
	})
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].bands[band] == es[i].bands[band] {
			j++
		}
		for x := i; x < j; x++ {
			ys := j
			if j-i > maxRun && x > i {
				break
			}
			for y := x + 1; y < ys; y++ {
				a, b := es[x], es[y]
				ka, kb := int64(a.doc)<<32|int64(a.block), int64(b.doc)<<32|int64(b.block)
				if seen[candidatePair{ka, kb}] {
					continue
				}
				seen[candidatePair{ka, kb}] = true
				visit(a, b)
			}
		}
		i = j
	}
}
