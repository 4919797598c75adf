package html

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// translations returns the page's versions in other languages: the
// hreflang alternates the page declares (TYPO3 from version 9 writes them
// for every translated page), else the links of its language menu (old
// TYPO3's HMENU special=language, bootstrap_package's language-menu),
// whose language is the link's hreflang or lang attribute or its text,
// title or flag's alt naming a language ("English", "EN", "Français").
// The page's own language and the page itself are not translations; each
// language once, the first link naming it.
func (p *page) translations() []umzug.Translation {
	own := primaryLang(p.d.Lang)
	self := map[string]bool{p.d.URL: true}
	if c := p.abs(p.canonicalHref()); c != "" {
		self[c] = true
	}
	var out []umzug.Translation
	seen := map[string]bool{} // languages and URLs listed
	site := p.d.URL           // a saved page's own address is its canonical URL's
	if !strings.HasPrefix(site, "http") {
		site = p.abs(p.canonicalHref())
	}
	atHome := homePath(site)
	add := func(lang, href string, menu bool) {
		lang = strings.TrimSpace(lang)
		if lang == "" || strings.EqualFold(lang, "x-default") {
			return
		}
		u := p.abs(strings.TrimSpace(href))
		if u == "" || self[u] || seen[u] || !strings.HasPrefix(u, "http") {
			return
		}
		if menu && (!atHome && homePath(u) || !sameHost(u, site)) {
			return // the other language's start page (this page has no version there), or another site
		}
		key := strings.ToLower(lang)
		if pl := primaryLang(lang); pl == own && !strings.Contains(key, "-x-") || seen[key] {
			return // the page's own language (a private-use variant, "de-x-ls", is a version of its own)
		}
		seen[key], seen[u] = true, true
		out = append(out, umzug.Translation{Lang: lang, URL: u})
	}
	declared := false
	for _, n := range p.idx.hreflangs {
		if n.DataAtom == atom.Link && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "alternate") {
			declared = true
			add(attr(n, "hreflang"), attr(n, "href"), false)
		}
	}
	if declared {
		return out // the page's own statement, complete or not
	}
	type entry struct{ lang, href string }
	var entries []entry
	for _, m := range p.idx.langMenus {
		if !isAncestor(p.doc.Nodes[0], m) {
			continue
		}
		visitElements(m, func(a *html.Node) {
			if a.DataAtom != atom.A || !hasAttr(a, "href") || fileLink(a) {
				return // a file (a leaflet in several languages) is no version of the page
			}
			lang := menuLang(a)
			if u := p.abs(strings.TrimSpace(attr(a, "href"))); lang != "" && self[withoutDefaultLanguage(u)] {
				// The menu's entry for this page (TYPO3's "&L=0"): its
				// language is the page's, whatever <html lang> says
				// (TYPO3's default htmlTag_langKey is "en").
				own = primaryLang(lang)
			}
			entries = append(entries, entry{lang, attr(a, "href")})
		})
	}
	for _, e := range entries {
		add(e.lang, e.href, true)
	}
	return out
}

// withoutDefaultLanguage returns a URL without TYPO3's L=0 (the default
// language's parameter).
func withoutDefaultLanguage(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !strings.Contains(u.RawQuery, "L=0") {
		return raw
	}
	q := u.Query()
	if q.Get("L") != "0" {
		return raw
	}
	q.Del("L")
	u.RawQuery = q.Encode()
	return u.String()
}

// menuLang returns the language a language menu's link names: its
// hreflang or lang attribute, its text, title or flag's alt.
func menuLang(a *html.Node) string {
	lang := attr(a, "hreflang")
	if lang == "" {
		lang = attr(a, "lang")
	}
	if lang == "" {
		lang = languageOfName(cleanText(a))
	}
	if lang == "" {
		lang = languageOfName(attr(a, "title"))
	}
	if lang == "" {
		visitElements(a, func(img *html.Node) {
			if lang == "" && img.DataAtom == atom.Img {
				lang = languageOfName(attr(img, "alt"))
			}
		})
	}
	return lang
}

// homePath reports a URL of a site's or a language's start page: no path
// but language codes and start page names ("/", "/en/",
// "/EN/Home/home_node.html", "/index.php?L=1").
func homePath(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for seg := range strings.SplitSeq(strings.ToLower(u.Path), "/") {
		seg = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(seg, ".html"), ".htm"), ".php")
		if seg == "" || homeSegments[seg] || languageNames[seg] != "" || len(seg) == 5 && seg[2] == '-' && languageNames[seg[:2]] != "" {
			continue
		}
		return false
	}
	if id := u.Query().Get("id"); id != "" && id != "1" {
		return false // TYPO3's index.php?id=<page>
	}
	return true
}

var homeSegments = map[string]bool{"home": true, "home_node": true, "index": true, "start": true,
	"startseite": true, "navigation": true, "default": true}

// sameHost reports whether two absolute URLs have the same host.
func sameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && strings.EqualFold(ua.Host, ub.Host)
}

// primaryLang returns the primary language subtag of a BCP 47 tag, lower
// case: "de" of "de-DE", "en" of "en_GB".
func primaryLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// languageMenuName reports a class or id attribute naming a language menu:
// a word (split at spaces, hyphens and underscores) among languageMenuWords
// ("language-menu", "lang", "sprachwahl", "language_menu").
func languageMenuName(v string) bool {
	l := strings.ToLower(v)
	if !strings.Contains(l, "lang") && !strings.Contains(l, "sprach") {
		return false
	}
	return classWordIn(l, languageMenuWords)
}

var languageMenuWords = map[string]bool{
	"lang": true, "langs": true, "language": true, "languages": true, "langmenu": true, "languagemenu": true,
	"langnav": true, "languagenav": true, "languagenavigation": true, "langswitch": true, "languageswitch": true,
	"languageswitcher": true, "langselect": true, "languageselect": true, "languageselector": true,
	"sprachen": true, "sprachwahl": true, "sprachauswahl": true, "sprachmenu": true, "sprachmenue": true,
	"sprachnavigation": true, "sprachumschalter": true, "sprachwechsel": true,
}

// languageOfName returns the BCP 47 tag of a language menu entry's label:
// the language's own name, its German or English name, or its code
// ("EN", "de"); "" for anything else ("Leichte Sprache", a page title).
func languageOfName(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	if len(l) > 40 {
		return ""
	}
	if tag, ok := languageNames[l]; ok {
		return tag
	}
	return ""
}

var languageNames = func() map[string]string {
	m := map[string]string{}
	for tag, names := range map[string][]string{
		"de": {"deutsch", "german", "de"}, "en": {"english", "englisch", "en"},
		"fr": {"français", "francais", "französisch", "french", "fr"},
		"es": {"español", "espanol", "spanisch", "spanish", "es"},
		"it": {"italiano", "italienisch", "italian", "it"}, "pl": {"polski", "polnisch", "polish", "pl"},
		"cs": {"čeština", "cestina", "tschechisch", "czech", "cs", "cz"},
		"nl": {"nederlands", "niederländisch", "dutch", "nl"}, "da": {"dansk", "dänisch", "danish", "da"},
		"tr": {"türkçe", "turkce", "türkisch", "turkish", "tr"}, "ru": {"русский", "russisch", "russian", "ru"},
		"uk": {"українська", "ukrainisch", "ukrainian", "ua"}, "ar": {"العربية", "arabisch", "arabic", "ar"},
		"hsb": {"hornjoserbsce", "serbsce", "obersorbisch"}, "dsb": {"dolnoserbski", "niedersorbisch"},
		"frr": {"frasch", "nordfriesisch"}, "nds": {"plattdüütsch", "plattdeutsch", "niederdeutsch"},
	} {
		for _, n := range names {
			m[n] = tag
		}
	}
	return m
}()
