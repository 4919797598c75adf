package transform

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a German title or URL path segment into a lower-case URL slug
// of the characters a–z, 0–9 and "-".
//
// The input is brought to Unicode NFC first. German letters are
// transliterated (ä→ae, ö→oe, ü→ue, Ä→ae, Ö→oe, Ü→ue, ß→ss, ẞ→ss), other
// Latin letters with diacritics and ligatures are folded to ASCII (é→e, č→c,
// ł→l, ø→o, å→a, æ→ae, œ→oe, ﬁ→fi), and compatibility forms such as "²" or
// "½" are decomposed ("2", "1-2"). Every run of other characters, including
// letters of non-Latin scripts, becomes one "-"; the slug neither starts nor
// ends with "-".
//
// When maxLen > 0 the slug is at most maxLen bytes: it is cut at the last "-"
// that keeps it within maxLen, or at maxLen bytes when its first word alone is
// longer. A cut slug does not end in a function word: trailing German and
// English articles, prepositions (also contracted: "im", "zum", "vom") and
// conjunctions are dropped as well, as long as a word remains, so
// "…-fuer-schnelles-internet-im" becomes "…-fuer-schnelles-internet"
// (see slugFunctionWords). A slug that fits is never changed. An input
// without letters or digits that can be folded to ASCII returns "". Slug is
// idempotent: Slug(Slug(s, n), n) == Slug(s, n).
func Slug(s string, maxLen int) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a "-" is pending before the next letter or digit
	emit := func(t string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(t)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteByte(c)
			case 'A' <= c && c <= 'Z':
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteByte(c + 'a' - 'A')
			default:
				dash = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if t, ok := slugFold[r]; ok {
			emit(t)
			continue
		}
		if !unicode.In(r, unicode.L, unicode.N, unicode.M) {
			dash = true
			continue
		}
		// Decompose (with compatibility mappings) and keep the ASCII letters
		// and digits, dropping combining marks: é→e, ²→2, ﬁ→fi, ½→1-2.
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, d := range norm.NFKD.String(string(buf[:n])) {
			switch {
			case 'a' <= d && d <= 'z' || '0' <= d && d <= '9':
				emit(string(d))
			case 'A' <= d && d <= 'Z':
				emit(string(d + 'a' - 'A'))
			case unicode.Is(unicode.Mn, d):
				// Combining mark: dropped.
			default:
				if t, ok := slugFold[d]; ok {
					emit(t)
				} else {
					dash = true
				}
			}
		}
	}
	return cutSlug(b.String(), maxLen)
}

// cutSlug shortens slug to at most maxLen bytes, preferably at a "-".
func cutSlug(slug string, maxLen int) string {
	if maxLen <= 0 || len(slug) <= maxLen {
		return slug
	}
	if slug[maxLen] == '-' {
		return trimFunctionWords(slug[:maxLen])
	}
	cut := slug[:maxLen]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return trimFunctionWords(cut[:i])
	}
	return strings.TrimRight(cut, "-")
}

// trimFunctionWords drops function words from the end of a cut slug,
// keeping at least its first word.
func trimFunctionWords(slug string) string {
	for {
		i := strings.LastIndexByte(slug, '-')
		if i <= 0 || !slugFunctionWords[slug[i+1:]] {
			return slug
		}
		slug = slug[:i]
	}
}

// slugFunctionWords are the words a cut slug must not end with, in slug
// form (transliterated, lower case): German and English articles,
// prepositions, contractions of both, and conjunctions. A path ending in
// "-im", "-der" or "-and" reads as cut mid-phrase.
var slugFunctionWords = map[string]bool{
	// German articles and contractions of preposition and article
	"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true,
	"ein": true, "eine": true, "einen": true, "einem": true, "einer": true, "eines": true,
	"am": true, "im": true, "ins": true, "ans": true, "aufs": true, "beim": true, "vom": true,
	"zum": true, "zur": true, "fuers": true, "ueberm": true, "unterm": true, "hinterm": true,
	// German prepositions
	"ab": true, "an": true, "auf": true, "aus": true, "ausser": true, "bei": true, "bis": true,
	"durch": true, "fuer": true, "gegen": true, "gegenueber": true, "hinter": true, "in": true,
	"mit": true, "nach": true, "neben": true, "ohne": true, "per": true, "pro": true, "seit": true,
	"statt": true, "trotz": true, "ueber": true, "um": true, "unter": true, "von": true, "vor": true,
	"waehrend": true, "wegen": true, "zu": true, "zwischen": true, "laut": true, "gemaess": true,
	"innerhalb": true, "ausserhalb": true, "entlang": true,
	// German conjunctions
	"und": true, "oder": true, "sowie": true, "aber": true, "sondern": true, "denn": true,
	"dass": true, "als": true, "wie": true, "bzw": true, "sowohl": true, "weder": true, "noch": true,
	// English articles, prepositions and conjunctions
	"the": true, "a": true, "of": true, "for": true, "to": true, "on": true, "at": true,
	"by": true, "from": true, "with": true, "into": true, "onto": true, "over": true, "about": true,
	"after": true, "before": true, "between": true, "through": true, "during": true, "without": true,
	"and": true, "or": true, "nor": true, "but": true,
}

// slugFold maps letters that are transliterated specially, or that have no
// canonical decomposition into an ASCII letter, to their ASCII form.
var slugFold = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "ae", 'Ö': "oe", 'Ü': "ue",
	'ß': "ss", 'ẞ': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ħ': "h", 'Ħ': "h",
	'ı': "i", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l", 'ĸ': "k",
	'ŋ': "n", 'Ŋ': "n", 'ƒ': "f", 'ɲ': "n", 'ʒ': "z", 'Ʒ': "z",
}

// PathAllocator hands out unique paths. Unique returns a path the first time
// it is asked for it and appends "-2", "-3", … to the last path segment on
// later requests, skipping paths already handed out. The zero value is not
// usable; use NewPathAllocator. It is safe for concurrent use.
type PathAllocator struct {
	mu   sync.Mutex
	used map[string]bool
	next map[string]int // next suffix number to try for a path
}

// NewPathAllocator returns an empty PathAllocator.
func NewPathAllocator() *PathAllocator {
	return &PathAllocator{used: make(map[string]bool), next: make(map[string]int)}
}

// Unique returns p if it has not been handed out yet, else p with the
// smallest suffix "-N" (N ≥ 2) not handed out yet:
// Unique("/presse/2024/03/breitband") returns that path the first time, then
// "/presse/2024/03/breitband-2", "/presse/2024/03/breitband-3", …. A trailing
// "/" stays at the end: "/presse/" becomes "/presse-2/".
func (a *PathAllocator) Unique(p string) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.used[p] {
		a.used[p] = true
		return p
	}
	stem, slash := p, ""
	if len(p) > 1 && strings.HasSuffix(p, "/") {
		stem, slash = p[:len(p)-1], "/"
	}
	n := max(a.next[p], 2)
	for {
		q := stem + "-" + strconv.Itoa(n) + slash
		n++
		if !a.used[q] {
			a.used[q] = true
			a.next[p] = n
			return q
		}
	}
}
