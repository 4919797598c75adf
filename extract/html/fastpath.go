package html

import (
	"bytes"
	"math/bits"
	"strings"
	"sync"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// Cheap tests in front of regular expressions that run on every short
// element of a page. Each is a necessary condition of its regexp: it
// says false only when the regexp cannot match, so the verdicts stay
// exactly those of the regexp alone (TestPrechecksAgree).
//
// The regexps are case-insensitive ((?i), Unicode simple folding), the
// words tested here plain ASCII. Under simple folding an ASCII letter
// matches only its other ASCII case, except k (also U+212A KELVIN SIGN)
// and s (also U+017F LONG S): a text with either of those two runes is
// let through to the regexp.

// foldRisk reports the two non-ASCII runes that fold to ASCII letters.
func foldRisk(s string) bool {
	return strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a")
}

// lowerASCII appends s with ASCII letters lower-cased to dst.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// containsAnyBytes reports whether b contains one of the words.
func containsAnyBytes(b []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

func byteWords(ws ...string) [][]byte {
	out := make([][]byte, len(ws))
	for i, w := range ws {
		out[i] = []byte(w)
	}
	return out
}

// commentGate needs a word of logging in and a word of commenting.
var (
	gateLogin   = byteWords("einloggen", "anmelden", "registrieren", "eingeloggt", "angemeldet")
	gateComment = byteWords("komment", "diskussion", "beteiligen")
)

// mayCommentGate is a necessary condition of commentGate.MatchString(t).
func mayCommentGate(t string) bool {
	if foldRisk(t) {
		return true
	}
	var buf [256]byte
	l := lowerASCII(buf[:0], t)
	return containsAnyBytes(l, gateLogin) && containsAnyBytes(l, gateComment)
}

// subtree is what a content element's markup holds, read in one walk.
// The converters typed tries one after another (panel, accordion, tabs,
// timeline, slider, teasers, form, media) each begin with a Find for
// their own markup, a walk of the whole element; most elements hold none
// of it. A converter whose markup is not there is not asked: it would
// have found nothing and returned nil (TestSubtreeGates).
type subtree struct {
	classes  string // every class attribute of the element and below, space-separated
	lower    []byte // classes with ASCII letters lower-cased
	foldRisk bool   // classes hold a rune that (?i) folds to an ASCII letter
	details  bool   // a <details>
	hasForm  bool   // a <form>
	hr       bool   // an <hr>
	img      bool   // an <img>
	toggle   bool   // a data-toggle or data-bs-toggle attribute
	tabpanel bool   // role=tabpanel (any case)
}

func summarize(el *html.Node) *subtree {
	t := &subtree{}
	var sb strings.Builder
	var f func(n *html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode {
			// By name, as cascadia's type selectors match (SVG's too).
			switch strings.ToLower(n.Data) {
			case "details":
				t.details = true
			case "form":
				t.hasForm = true
			case "hr":
				t.hr = true
			case "img":
				t.img = true
			}
			for _, a := range n.Attr {
				switch {
				case strings.EqualFold(a.Key, "class"):
					sb.WriteString(a.Val)
					sb.WriteByte(' ')
				case strings.EqualFold(a.Key, "data-toggle"), strings.EqualFold(a.Key, "data-bs-toggle"):
					t.toggle = true
				case strings.EqualFold(a.Key, "role") && strings.EqualFold(a.Val, "tabpanel"):
					t.tabpanel = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(el)
	t.classes = sb.String()
	t.lower = lowerASCII(nil, t.classes)
	t.foldRisk = foldRisk(t.classes)
	return t
}

// has reports whether some class attribute contains one of the words
// (a class named so is there only if this says yes).
func (t *subtree) has(words ...string) bool {
	return containsSubstring(t.classes, words...)
}

// sliderWords are what sliderClass matches, lower-cased.
var sliderWords = byteWords("carousel", "slider", "swiper", "slick", "splide")

func (t *subtree) mayPanel() bool { return t.has("panel") }

func (t *subtree) mayAccordion() bool {
	return t.details || t.toggle || t.has("accordion", "panel", "card", "collapsible-item")
}

func (t *subtree) mayTabs() bool     { return t.tabpanel || t.has("tab-pane") }
func (t *subtree) mayTimeline() bool { return t.has("timeline") }

func (t *subtree) maySlider(ctype string) bool {
	return t.foldRisk || containsAnyBytes(t.lower, sliderWords) || sliderClass.MatchString(ctype)
}

func (t *subtree) mayTeasers() bool {
	return t.has("card", "teaser", "article", "news-list-item", "news-latest-item")
}
func (t *subtree) mayForm() bool  { return t.hasForm }
func (t *subtree) mayMedia() bool { return t.img }

// The converters, asked only when their markup may be there.

func (t *subtree) panel(p *page, s *goquery.Selection, ctype string) *umzug.Block {
	if !t.mayPanel() {
		return nil
	}
	return p.panel(s, ctype)
}

func (t *subtree) accordion(p *page, s *goquery.Selection, ctype string) *umzug.Accordion {
	if !t.mayAccordion() {
		return nil
	}
	return p.accordion(s, ctype)
}

func (t *subtree) tabs(p *page, s *goquery.Selection) *umzug.Tabs {
	if !t.mayTabs() {
		return nil
	}
	return p.tabs(s)
}

func (t *subtree) timeline(p *page, s *goquery.Selection, ctype string) *umzug.Timeline {
	if !t.mayTimeline() {
		return nil
	}
	return p.timeline(s, ctype)
}

func (t *subtree) slider(p *page, s *goquery.Selection, ctype string) *umzug.Block {
	if !t.maySlider(ctype) {
		return nil
	}
	return p.slider(s, ctype)
}

func (t *subtree) teasers(p *page, s *goquery.Selection, ctype string) *umzug.Teaser {
	if !t.mayTeasers() {
		return nil
	}
	return p.teasers(s, ctype)
}

func (t *subtree) form(p *page, s *goquery.Selection) *umzug.Form {
	if !t.mayForm() {
		return nil
	}
	return p.form(s)
}

func (t *subtree) media(p *page, s *goquery.Selection, ctype string) *umzug.Block {
	if !t.mayMedia() {
		return nil
	}
	return p.media(s, ctype)
}

// ---- the text of the blocks, for the accounting

// plainParts appends the parts of a block's plain text as
// umzug.Block.PlainText joins them: each trimmed, empty ones left out,
// one per line.
type plainParts struct {
	buf []byte
	n   int // parts written
}

func (w *plainParts) add(s string) {
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	if w.n > 0 {
		w.buf = append(w.buf, '\n')
	}
	w.buf = append(w.buf, s...)
	w.n++
}

// addPT adds the plain text of rich text as one part (PortableText.PlainText).
func (w *plainParts) addPT(pt umzug.PortableText) {
	start := len(w.buf)
	if w.n > 0 {
		w.buf = append(w.buf, '\n')
	}
	body := len(w.buf)
	for i, b := range pt {
		if i > 0 {
			w.buf = append(w.buf, '\n')
		}
		for _, s := range b.Children {
			w.buf = append(w.buf, s.Text...)
		}
	}
	t := bytes.TrimSpace(w.buf[body:])
	if len(t) == 0 {
		w.buf = w.buf[:start]
		return
	}
	n := copy(w.buf[body:], t)
	w.buf = w.buf[:body+n]
	w.n++
}

// appendPlainText appends b.PlainText() to dst: written out for the
// common blocks (headings, text, text with media, info boxes), which
// saves the strings PlainText builds; the others ask PlainText
// (TestAppendPlainText).
func appendPlainText(dst []byte, b *umzug.Block) []byte {
	w := plainParts{buf: dst}
	switch {
	case b.Type == umzug.BlockHeading && b.Heading != nil:
	case b.Type == umzug.BlockText && b.Text != nil:
	case b.Type == umzug.BlockTextMedia && b.TextMedia != nil:
	case b.Type == umzug.BlockInfoBox && b.InfoBox != nil:
	default:
		return append(dst, b.PlainText()...)
	}
	if b.Header != nil {
		w.add(b.Header.Text)
		w.add(b.Header.Subheader)
	}
	switch b.Type {
	case umzug.BlockHeading:
		w.add(b.Heading.Text)
	case umzug.BlockText:
		w.addPT(b.Text.Body)
	case umzug.BlockTextMedia:
		w.addPT(b.TextMedia.Body)
		for _, m := range b.TextMedia.Media {
			w.add(m.Alt)
			w.add(m.Title)
			w.add(m.Caption)
			w.add(m.Credit)
		}
	case umzug.BlockInfoBox:
		w.addPT(b.InfoBox.Body)
	}
	return w.buf
}

// normBytes is normText on the bytes, in place: soft hyphens removed,
// white space trimmed, runs of it (no-break space too) collapsed to one
// space. The result starts where b starts.
func normBytes(b []byte) []byte {
	k := 0
	if bytes.Contains(b, []byte("\u00ad")) {
		for i := 0; i < len(b); i++ {
			if b[i] == 0xC2 && i+1 < len(b) && b[i+1] == 0xAD {
				i++
				continue
			}
			b[k] = b[i]
			k++
		}
		b = b[:k]
	}
	return b[:collapseInto(b, bytes.TrimSpace(b))]
}

// textBuf is a pooled buffer with the methods of strings.Builder that
// outputText uses; String copies its bytes out.
type textBuf struct{ b []byte }

var textBufs = sync.Pool{New: func() any { return &textBuf{b: make([]byte, 0, 32<<10)} }}

func getTextBuf() *textBuf { return textBufs.Get().(*textBuf) }

// release returns the buffer to the pool (a very large one is let go).
func (t *textBuf) release() {
	if cap(t.b) > 1<<20 {
		return
	}
	t.b = t.b[:0]
	textBufs.Put(t)
}

func (t *textBuf) WriteString(s string) { t.b = append(t.b, s...) }
func (t *textBuf) WriteByte(c byte) error {
	t.b = append(t.b, c)
	return nil
}
func (t *textBuf) String() string { return string(t.b) }

// appendNorm appends normText of the block's plain text, its lines
// joined by spaces.
func (t *textBuf) appendNorm(b *umzug.Block) {
	start := len(t.b)
	t.b = appendPlainText(t.b, b)
	n := normBytes(t.b[start:])
	t.b = t.b[:start+len(n)]
}

// ---- short texts of elements

// textUpToBytes is textUpTo: the collapsed text of n and true, or false
// as soon as the text is longer than limit bytes. The text is gathered
// in a buffer on the stack and collapsed in place, so a short text costs
// one string.
func textUpToBytes(n *html.Node, limit int) (string, bool) {
	var arr [1536]byte // 2*limit for the limits up to 768 bytes
	t, ok := textUpToInto(arr[:0], n, limit)
	if !ok {
		return "", false
	}
	return string(t), len(t) <= limit
}

// shortText reports what textUpTo(n, limit) (limit at most 768) says
// of n's text without making a string of it: whether it is short, and
// whether it is then not empty.
func shortText(n *html.Node, limit int) (short, nonEmpty bool) {
	var arr [1536]byte
	t, ok := textUpToInto(arr[:0], n, limit)
	if !ok || len(t) > limit {
		return false, false
	}
	return true, len(t) > 0
}

// textUpToScratch is textUpTo read into *scratch (kept for the next
// call, grown as needed): the string shares its bytes, so it holds only
// until the next call with the same scratch, and must not be kept.
func textUpToScratch(n *html.Node, limit int, scratch *[]byte) (string, bool) {
	if cap(*scratch) < 2*limit {
		*scratch = make([]byte, 0, 2*limit) // as much as gatherUpTo reads
	}
	t, ok := textUpToInto((*scratch)[:0], n, limit)
	if !ok {
		return "", false
	}
	*scratch = t[:0]
	return unsafe.String(unsafe.SliceData(t), len(t)), len(t) <= limit
}

// textUpToInto gathers textUpTo's text of n into b and collapses it
// there; false when it is too long (more than 2*limit bytes before
// collapsing, where textUpTo stops reading).
func textUpToInto(b []byte, n *html.Node, limit int) ([]byte, bool) {
	b, ok := gatherUpTo(b, n, 2*limit)
	if !ok {
		return nil, false
	}
	return collapseTrimBytes(b), true
}

// gatherUpTo appends the text nodes of n's subtree to b, each followed by
// a space, skipping what skipElement skips; false as soon as a text node
// would take b over max bytes (it is not appended, and the walk stops).
// A plain recursive function: the closure it replaced cost a third more.
func gatherUpTo(b []byte, n *html.Node, max int) ([]byte, bool) {
	switch n.Type {
	case html.TextNode:
		if len(b)+len(n.Data)+1 > max {
			return b, false
		}
		b = append(b, n.Data...)
		return append(b, ' '), true
	case html.ElementNode:
		if skipElement(n) {
			return b, true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		var ok bool
		if b, ok = gatherUpTo(b, c, max); !ok {
			return b, false
		}
	}
	return b, true
}

// shortTwoDigits reports what teaserWithDate asks of textUpTo(n, limit)
// without making a string of it: whether it is short, and whether it
// holds two ASCII digits in a row (twoDigits).
func shortTwoDigits(n *html.Node, limit int) (short, digits bool) {
	var arr [1536]byte
	t, ok := textUpToInto(arr[:0], n, limit)
	if !ok || len(t) > limit {
		return false, false
	}
	for i := 1; i < len(t); i++ {
		if isASCIIDigit(t[i]) && isASCIIDigit(t[i-1]) {
			return true, true
		}
	}
	return true, false
}

// collapseTrimBytes is collapseTrim on the bytes, in place.
func collapseTrimBytes(b []byte) []byte {
	return b[:collapseInto(b, bytes.TrimSpace(b))]
}

// collapseString is collapseInto for a string source: it writes s to b
// (len(b) >= len(s)) collapsed and returns the length written.
func collapseString(b []byte, s string) int {
	k, i := 0, 0
	for {
		j := i + cleanRun(s[i:])
		k += copy(b[k:], s[i:j])
		if j == len(s) {
			return k
		}
		j = skipSpaceRun(s, j)
		b[k] = ' '
		k++
		i = j
	}
}

// mayCollapse marks the bytes collapseSpace's test for work looks at
// closer: white space and the lead byte of U+00A0.
var mayCollapse = [256]bool{' ': true, '\t': true, '\r': true, '\n': true, '\f': true, 0xC2: true}

// spaceByte marks the ASCII white space collapseSpace collapses.
var spaceByte = [256]bool{' ': true, '\t': true, '\r': true, '\n': true, '\f': true}

// collapseInto writes t to the front of b (t lies within b, at or after
// its start) with every run of white space, no-break spaces included,
// turned into one space, as collapseSpace does, and returns the length
// written. What lies between the runs that change (all but single
// spaces) is moved whole.
func collapseInto(b, t []byte) int {
	k, i := 0, 0
	for {
		j := i + cleanRun(t[i:])
		k += copy(b[k:], t[i:j])
		if j == len(t) {
			return k
		}
		j = skipSpaceRun(t, j)
		b[k] = ' '
		k++
		i = j
	}
}

// skipSpaceRun returns the end of the run of white space (collapseSpace's:
// ASCII and U+00A0) that starts at s[i].
func skipSpaceRun[S string | []byte](s S, i int) int {
	for i < len(s) {
		if spaceByte[s[i]] {
			i++
		} else if s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
			i += 2
		} else {
			break
		}
	}
	return i
}

// cleanRun returns the length of the front of s that collapsing leaves
// as it is: up to the first run of white space that is not a single
// space (a tab, a line break, a no-break space, two spaces), or len(s).
// It reads eight bytes at a time: those without a control byte and
// without 0xC2 (the lead byte of U+00A0) need only their spaces looked
// at, and they change nothing unless two of them are neighbours.
func cleanRun[S string | []byte](s S) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
		low7 = 0x7F7F7F7F7F7F7F7F
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8] // one bounds check, one load
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// the high bit of each byte below 0x20 (exact: no carry crosses bytes)
		ctl := ^(((x & low7) + 0x60*ones) | x) & high
		// the high bit of each byte 0xC2
		y := x ^ 0xC2*ones
		c2 := ^(((y & low7) + low7) | y) & high
		if ctl|c2 != 0 {
			if j := cleanRunBytes(s, i, i+8); j < i+8 {
				return j
			}
			continue
		}
		// the high bit of each space
		z := x ^ 0x20*ones
		sp := ^(((z & low7) + low7) | z) & high
		if pair := sp & (sp >> 8); pair != 0 {
			return i + bits.TrailingZeros64(pair)/8
		}
		if sp>>63 != 0 && i+8 < len(s) && (spaceByte[s[i+8]] || s[i+8] == 0xC2 && i+9 < len(s) && s[i+9] == 0xA0) {
			return i + 7
		}
	}
	return cleanRunBytes(s, i, len(s))
}

// cleanRunBytes is cleanRun's byte loop over s[i:end] (looking beyond
// end for what follows a space): the index of the first run of white
// space there that collapsing changes, or end.
func cleanRunBytes[S string | []byte](s S, i, end int) int {
	for ; i < end; i++ {
		c := s[i]
		if !mayCollapse[c] {
			continue
		}
		switch {
		case c == ' ':
			if i+1 < len(s) && (spaceByte[s[i+1]] || s[i+1] == 0xC2 && i+2 < len(s) && s[i+2] == 0xA0) {
				return i
			}
		case c == 0xC2:
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return i
			}
		default: // \t \r \n \f
			return i
		}
	}
	return end
}

// ---- contact boxes

// contactStems are the words isContactBox looks for in the leading text
// of an element.
var contactStems = byteWords("kontakt", "ansprech", "presse", "medien")

// mayLeadContact is a necessary condition of isContactBox's test on the
// leading text (strings.ToLower(leadingText(n, limit)) contains one of the
// contact stems): it reads the same text nodes, lower-cases only ASCII
// and leaves out the collapsing, which never joins two words. Only two
// runes lower-case to ASCII letters (U+0130 to i, U+212A to k); a text
// with either is let through.
func mayLeadContact(n *html.Node, limit int) bool {
	var arr [512]byte
	b := arr[:0]
	var f func(*html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(b) < limit; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b = append(b, c.Data...)
			case html.ElementNode:
				if !skipElement(c) {
					f(c)
					if !inlineAtoms[c.DataAtom] {
						b = append(b, '\n')
					}
				}
			}
		}
	}
	f(n)
	if bytes.Contains(b, []byte("\u0130")) || bytes.Contains(b, []byte("\u212a")) {
		return true
	}
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return containsAnyBytes(b, contactStems)
}

// lowerForStems is strings.ToLower(t) for tests of ASCII words in it
// (HasPrefix, Contains): only ASCII letters are lower-cased, which leaves
// every match of an ASCII word as it is, since no other rune lower-cases
// to ASCII but U+0130 and U+212A (TestLowerForStems); a text with either
// is lower-cased in full.
func lowerForStems(t string) string {
	upper := false
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 'A' && c <= 'Z' {
			upper = true
		} else if c == 0xC4 || c == 0xE2 {
			if strings.Contains(t, "\u0130") || strings.Contains(t, "\u212a") {
				return strings.ToLower(t)
			}
		}
	}
	if !upper {
		return t
	}
	return string(lowerASCII(make([]byte, 0, len(t)), t))
}

// ---- the top of an element's text

// truncatedCleanText is textutil.Truncate(cleanText(n), limit) without
// collecting all of n's text: it stops once the text gathered holds more
// than limit+1 ASCII bytes that are not white space. Those are never
// trimmed or collapsed, so the first limit+1 bytes of the cleaned text,
// and whether it is longer than limit, are known by then.
func truncatedCleanText(n *html.Node, limit int) string {
	var b []byte
	solid := 0
	done := false
	var f func(*html.Node)
	f = func(n *html.Node) {
		if done {
			return
		}
		switch n.Type {
		case html.TextNode:
			b = append(b, n.Data...)
			for i := 0; i < len(n.Data); i++ {
				if c := n.Data[i]; c < 0x80 && !spaceByte[c] && c != '\v' {
					solid++
				}
			}
			if solid > limit+1 {
				done = true
			}
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			if n.DataAtom == atom.Br {
				b = append(b, ' ')
			}
		}
		for c := n.FirstChild; c != nil && !done; c = c.NextSibling {
			f(c)
		}
		if !done && n.Type == html.ElementNode && !inlineAtoms[n.DataAtom] {
			b = append(b, ' ')
		}
	}
	f(n)
	return textutil.Truncate(string(collapseTrimBytes(b)), limit)
}

// ---- news markup

// newsMarkupMatcher matches what the selector group newsMarkup matches
// (attribute substrings, case-sensitive, as cascadia's *=) in one pass
// over an element's attributes instead of one per selector
// (TestNewsMarkupMatcher).
type newsMarkupMatcher struct{}

var newsClassParts = []string{"newsSingle", "news-single", "newsreader", "newsdetail", "news-detail", "nsbnewsdetails"}

func (newsMarkupMatcher) Match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if containsSubstring(a.Val, newsClassParts...) {
				return true
			}
		case "itemtype":
			if strings.Contains(a.Val, "NewsArticle") {
				return true
			}
		}
	}
	return false
}

func (m newsMarkupMatcher) MatchAll(n *html.Node) []*html.Node { return matchAll(m.Match, n) }

func (m newsMarkupMatcher) Filter(ns []*html.Node) []*html.Node { return filterNodes(m.Match, ns) }

// matchAll returns the nodes of n's subtree (n included) that match, in
// document order, as cascadia's MatchAll does: for matchers of our own.
func matchAll(match func(*html.Node) bool, n *html.Node) []*html.Node {
	var out []*html.Node
	var f func(*html.Node)
	f = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return out
}

// filterNodes returns the nodes of ns that match, as cascadia's Filter.
func filterNodes(match func(*html.Node) bool, ns []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		if match(n) {
			out = append(out, n)
		}
	}
	return out
}

// newsMarkupFirst is cssFirst(newsMarkup).
var newsMarkupFirst goquery.Matcher = firstMatcher{newsMarkupMatcher{}}

// ---- the text of an element

// appendTextOf appends the text textOf reads to b: text nodes, a space
// for <br> and after every block-level element.
func appendTextOf(b []byte, n *html.Node) []byte {
	switch n.Type {
	case html.TextNode:
		b = append(b, n.Data...)
	case html.ElementNode:
		if skipElement(n) {
			return b
		}
		if n.DataAtom == atom.Br {
			b = append(b, ' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b = appendTextOf(b, c)
	}
	if n.Type == html.ElementNode && !inlineAtoms[n.DataAtom] {
		b = append(b, ' ')
	}
	return b
}

// renderError needs one of these words (each of its phrases has one).
var renderErrorWords = byteWords("rendering", "mask", "oops", "resolving", "resolved", "requested", "occurred")

// mayRenderError is a necessary condition of renderError.MatchString(t).
func mayRenderError(t string) bool {
	if foldRisk(t) {
		return true
	}
	var buf [640]byte
	return containsAnyBytes(lowerASCII(buf[:0], t), renderErrorWords)
}

// ---- press cues and collapsible classes

// prCueWords and collapsibleWords are the alternatives of prCue and
// collapsibleClass, lower case: a text holds one (ASCII-lower-cased, or
// with a rune that folds to an ASCII letter) wherever the regexp matches.
var (
	prCueWords       = byteWords("pressemitteilung", "presseinformation", "medieninformation", "pressemeldung", "medienmitteilung")
	collapsibleWords = byteWords("collaps", "accordion", "tab", "panel", "toggle", "expand", "details", "akkordeon", "aufklapp", "more", "content")
)

// mayHold is a necessary condition of a case-insensitive regexp that
// needs one of the words.
func mayHold(t string, words [][]byte) bool {
	if foldRisk(t) {
		return true
	}
	var buf [256]byte
	return containsAnyBytes(lowerASCII(buf[:0], t), words)
}

// prCueMatch is prCue.MatchString(t).
func prCueMatch(t string) bool { return mayHold(t, prCueWords) && prCue.MatchString(t) }

// collapsibleMatch is collapsibleClass.MatchString(t).
func collapsibleMatch(t string) bool {
	return mayHold(t, collapsibleWords) && collapsibleClass.MatchString(t)
}

// relatedStarts are the words relatedHeading's alternatives begin with
// (the pattern is anchored at the start), up to the first part that is
// not a literal word or where they stay few; TestRelatedHeadingStarts
// reads the pattern and fails when an alternative begins otherwise.
var relatedStarts = []string{"siehe auch", "zum thema", "zum weiterlesen", "mehr artikel", "mehr auf ", "mehr aus ",
	"mehr beiträge", "mehr info", "mehr interessantes", "mehr meldungen", "mehr nachrichten", "mehr news", "mehr texte",
	"mehr von ", "mehr zu", "mehr über ", "passend zum thema", "weiter", "das könnte", "könnte", "auch interessant",
	"auch spannend", "ebenfalls interessant", "interessant", "ähnliche ", "lesen sie auch", "lies auch", "verwandte ",
	"empfehlungen ", "leseempfehlung", "unsere empfehlungen", "aktuelle ", "aktuellste ", "neueste ", "die neuesten ",
	"meist", "beliebte ", "top", "related ", "you may also like", "more ", "beiträge zum thema", "nächster ",
	"vorheriger ", "noch mehr ", "sie könnte", "du könnte"}

// mayRelatedHeading is a necessary condition of relatedHeading: t
// begins with one of relatedStarts, compared under simple folding as
// the regexp compares. The words' runes (ASCII letters, ä, ö, ü, space) fold
// only to runes of their own length but for k and s, so a text with the
// Kelvin sign or the long s goes to the regexp.
func mayRelatedHeading(t string) bool {
	if foldRisk(t) {
		return true
	}
	for _, w := range relatedStarts {
		if len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) {
			return true
		}
	}
	return false
}
