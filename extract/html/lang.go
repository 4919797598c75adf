package html

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/umzug/umzug"
)

// checkLang corrects the page's language when its text plainly is German
// or English and the page says otherwise or nothing: TYPO3 up to 8 writes
// <html lang="en"> unless the site sets config.htmlTag_langKey, so many
// old German sites call every page English. A page that names a language
// its text contradicts gets a lang-mismatch warning naming both; one that
// names none, or no valid tag, gets the text's. Only German and English
// are told apart (by their most frequent words), and only on enough text.
func (p *page) checkLang() {
	d := &p.d
	found := textLang(d.Blocks)
	if found == "" {
		return
	}
	said := primaryLang(d.Lang)
	switch {
	case said == found:
		return
	case !validLangTag(d.Lang):
	case said == "de" || said == "en":
		p.warn("lang-mismatch", fmt.Sprintf("the page says lang=%q, but its text is %s: exported as %q", d.Lang, langName[found], found), "")
	default:
		return
	}
	d.Lang = found
	// The translations were read against the language the page said: a
	// version "in" the text's language is no translation of it, and the
	// one in the language it said is (an English page of a site whose
	// every page says lang="de" keeps its German original).
	d.Translations = p.translations()
}

var langName = map[string]string{"de": "German", "en": "English"}

// validLangTag reports a BCP 47 tag's shape: a primary subtag of 2 or 3
// letters, then subtags of letters and digits.
func validLangTag(tag string) bool {
	parts := strings.FieldsFunc(strings.TrimSpace(tag), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, s := range parts {
		for _, r := range s {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

// textLang returns "de" or "en" when the blocks' text has at least 20 of
// that language's most frequent words and four times as many as of the
// other's; "" otherwise. Words are runs of letters, compared in lower case.
// The count stops after the block in which it passes 120 of these words:
// a sample that tells (on the 361 real pages the same languages as the
// whole text), where reading every word of a page cost 4–5% of an
// offline export's CPU (2% with the sample, by the CPU profile).
func textLang(blocks []umzug.Block) string {
	var de, en int
	count := func(line string) { countFrequent(line, &de, &en) }
	for i := range blocks {
		// the words of PlainText: no word runs on from one line to the next
		blocks[i].PlainLines(count)
		if de+en > langSample {
			break // a sample that tells, however long the page
		}
	}
	switch {
	case de >= 20 && de >= 4*en:
		return "de"
	case en >= 20 && en >= 4*de:
		return "en"
	}
	return ""
}

// frequentWord returns the language of a frequent function word of
// German or English (in lower case), or "": words the other language does
// not use ("in", "die" as an English verb, German's "was", and the like
// are left out), nor Dutch ("is", "of": a Dutch page without a lang tag
// is no English one). A switch, as it is faster than a map here.
func frequentWord(w string) string {
	switch w {
	case "der", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "für", "auf", "dem",
		"sich", "auch", "eine", "ein", "werden", "wird", "sind", "bei", "nach", "über", "oder", "wurde":
		return "de"
	case "the", "and", "to", "for", "with", "that", "are", "on", "this", "be", "by", "as",
		"it", "from", "were", "have", "has", "which", "or":
		return "en"
	}
	return ""
}

// langSample is how many function words textLang counts, at least.
const langSample = 120

// maxFrequentWord is the most letters of a word frequentWord knows.
const maxFrequentWord = 6

// wordLang returns the language of frequentWord for w in lower case
// (strings.ToLower), or "". Lowering keeps the number of letters, so a
// longer word is not looked up; a short ASCII word is lowered into buf, so
// that looking it up allocates nothing.
func wordLang(w string, buf *[maxFrequentWord]byte) string {
	if len(w) > maxFrequentWord {
		n := 0
		for range w { // stops at the letter too many
			if n++; n > maxFrequentWord {
				return ""
			}
		}
		return frequentWord(strings.ToLower(w)) // of more bytes than letters: "Straße"
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return frequentWord(strings.ToLower(w))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return frequentWord(string(buf[:len(w)]))
}

// countFrequent adds the frequent words (wordLang) of the letter runs of
// s to de and en: letterRuns and wordLang in one pass over the bytes, with
// no call per word. An ASCII word is lowered into a buffer as it is read,
// and only when it is short enough to be a frequent word; a word with
// other letters goes to wordLang.
func countFrequent(s string, de, en *int) {
	var buf [maxFrequentWord]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiLetter[c] == 0 {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				i += size
				continue
			}
		}
		// a word starts at i
		start, ascii := i, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				l := asciiLetter[c]
				if l == 0 {
					break
				}
				if k := i - start; ascii && k < maxFrequentWord {
					buf[k] = l
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			ascii = false
			i += size
		}
		var lang string
		switch {
		case !ascii:
			lang = wordLang(s[start:i], &buf)
		case i-start <= maxFrequentWord:
			lang = frequentWord(string(buf[:i-start]))
		default:
			continue // more ASCII letters than any frequent word has
		}
		switch lang {
		case "de":
			*de++
		case "en":
			*en++
		}
	}
}

// asciiLetter maps an ASCII letter to its lower case, any other byte to 0.
var asciiLetter = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()
