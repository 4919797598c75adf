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
// longer. An input without letters or digits that can be folded to ASCII
// returns "". Slug is idempotent: Slug(Slug(s, n), n) == Slug(s, n).
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
		return slug[:maxLen]
	}
	cut := slug[:maxLen]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return strings.TrimRight(cut, "-")
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
