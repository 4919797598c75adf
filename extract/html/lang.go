package html

import (
	"fmt"
	"strings"
	"unicode"

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
// other's; "" otherwise.
func textLang(blocks []umzug.Block) string {
	var de, en int
	for i := range blocks {
		for w := range strings.FieldsFuncSeq(strings.ToLower(blocks[i].PlainText()), func(r rune) bool { return !unicode.IsLetter(r) }) {
			switch {
			case germanWords[w]:
				de++
			case englishWords[w]:
				en++
			}
		}
		if de+en > 2000 {
			break
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

// germanWords and englishWords are frequent function words of either
// language that the other does not use ("in", "die" as an English verb,
// German's "was", and the like are left out), nor Dutch ("is", "of":
// a Dutch page without a lang tag is no English one).
var (
	germanWords  = wordSet("der das und ist nicht mit von zu den für auf dem sich auch eine ein werden wird sind bei nach über oder wurde")
	englishWords = wordSet("the and to for with that are on this be by as it from were have has which or")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
