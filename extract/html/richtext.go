package html

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/internal/urlmemo"
)

// ptBuilder turns a stream of HTML inline content into Portable Text.
// Block-level elements start new blocks; inline elements become marks.
type ptBuilder struct {
	base  *url.URL
	out   umzug.PortableText
	cur   *umzug.PTBlock // &curV while a block is being built, else nil
	curV  umzug.PTBlock  // the block being built: flush copies it out
	marks []string       // decorators and link keys in effect
	style string         // style of the block being built
	list  string         // listItem of the block being built
	level int
	nlink int
	pre   int // depth inside <pre>
	// links are the links in effect, innermost last: a link around
	// block elements (a teaser's link around its headline and text) marks
	// the text of several blocks, and each block needs the link's
	// definition.
	links []umzug.MarkDef
}

func newPTBuilder(base *url.URL) *ptBuilder { return &ptBuilder{base: base, style: "normal"} }

// flush ends the current block, dropping it when it holds no text.
func (b *ptBuilder) flush() {
	if b.cur == nil {
		return
	}
	blk := b.cur
	b.cur = nil
	// Trim the block's edges and drop empty spans.
	trimSpans(blk)
	if len(blk.Children) == 0 {
		return
	}
	blk.Key = "b" + strconv.Itoa(len(b.out))
	for i := range blk.Children {
		blk.Children[i].Key = "s" + strconv.Itoa(i)
	}
	b.out = append(b.out, *blk)
	*blk = umzug.PTBlock{} // nothing of it stays in the builder
}

// result returns the Portable Text built so far and resets the builder.
func (b *ptBuilder) result() umzug.PortableText {
	b.flush()
	out := b.out
	b.out = nil
	b.nlink = 0
	return out
}

func (b *ptBuilder) block() *umzug.PTBlock {
	if b.cur == nil {
		b.curV = umzug.PTBlock{Type: "block", Style: b.style, ListItem: b.list, Level: b.level,
			Children: []umzug.PTSpan{}, MarkDefs: []umzug.MarkDef{}}
		b.cur = &b.curV
	}
	return b.cur
}

// text appends text with the marks in effect, collapsing whitespace.
func (b *ptBuilder) text(s string) {
	if b.pre == 0 {
		s = collapseSpace(s)
		if s == " " && (b.cur == nil || len(b.cur.Children) == 0) {
			return
		}
	}
	if s == "" {
		return
	}
	blk := b.block()
	b.linkDefs(blk)
	if n := len(blk.Children); n > 0 && slices.Equal(blk.Children[n-1].Marks, b.marks) {
		last := &blk.Children[n-1]
		if strings.HasSuffix(last.Text, " ") && strings.HasPrefix(s, " ") {
			s = s[1:]
		}
		last.Text += s
		return
	}
	if n := len(blk.Children); n > 0 && strings.HasSuffix(blk.Children[n-1].Text, " ") && strings.HasPrefix(s, " ") {
		s = s[1:]
	}
	// The span's own copy of the marks, made only for a new span.
	blk.Children = append(blk.Children, umzug.PTSpan{Type: "span", Text: s, Marks: append([]string{}, b.marks...)})
}

// collapseSpace turns every run of white space (including no-break space)
// into one ASCII space.
func collapseSpace(s string) string {
	// Nothing to do, and no copy, when no run of white space but single
	// spaces occurs (fastpath.go).
	if cleanRun(s) == len(s) {
		return s
	}
	// White space is ASCII or the two bytes of U+00A0; all other bytes
	// are copied as they are, in runs (fastpath.go).
	buf := make([]byte, len(s))
	return string(buf[:collapseString(buf, s)])
}

func trimSpans(blk *umzug.PTBlock) {
	for len(blk.Children) > 0 {
		c := &blk.Children[0]
		c.Text = strings.TrimLeft(c.Text, " \n")
		if c.Text != "" {
			break
		}
		blk.Children = blk.Children[1:]
	}
	for len(blk.Children) > 0 {
		c := &blk.Children[len(blk.Children)-1]
		c.Text = strings.TrimRight(c.Text, " \n")
		if c.Text != "" {
			break
		}
		blk.Children = blk.Children[:len(blk.Children)-1]
	}
	// Spaces around line breaks carry no meaning.
	for i := range blk.Children {
		c := &blk.Children[i]
		if strings.Contains(c.Text, "\n") {
			c.Text = strings.ReplaceAll(strings.ReplaceAll(c.Text, " \n", "\n"), "\n ", "\n")
		}
	}
	// Marks that point to link defs no span uses are dropped with them.
	used := map[string]bool{}
	for _, c := range blk.Children {
		for _, m := range c.Marks {
			used[m] = true
		}
	}
	defs := blk.MarkDefs[:0]
	for _, d := range blk.MarkDefs {
		if used[d.Key] {
			defs = append(defs, d)
		}
	}
	blk.MarkDefs = defs
}

var decorators = map[atom.Atom]string{
	atom.Strong: "strong", atom.B: "strong", atom.Em: "em", atom.I: "em", atom.U: "underline",
	atom.Ins: "underline", atom.S: "strike-through", atom.Strike: "strike-through", atom.Del: "strike-through",
	atom.Sub: "sub", atom.Sup: "sup", atom.Code: "code", atom.Kbd: "code", atom.Tt: "code",
}

// node adds one node and its subtree. Elements that are not rich text
// (tables, images, forms) must be handled by the caller before.
func (b *ptBuilder) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipElement(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		blk := b.block()
		if len(blk.Children) > 0 {
			b.textRaw("\n")
		}
		return
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Address,
		atom.Figcaption, atom.Caption, atom.Dd, atom.Summary, atom.Details, atom.Main,
		atom.Figure, atom.Aside:
		b.flush()
		b.children(n)
		b.reserve(n)
		b.flush()
		return
	case atom.Dt:
		// A definition list's term (fluid_styled_content's bullets of
		// type 2, "Stabsstelle Presse" over its description): a line of
		// its own in bold, so that term and description stay apart.
		b.flush()
		b.decorated("strong", n)
		b.flush()
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.flush()
		saved := b.style
		b.style = "h" + n.Data[1:]
		b.children(n)
		b.flush()
		b.style = saved
		return
	case atom.Blockquote:
		b.flush()
		saved := b.style
		b.style = "blockquote"
		b.children(n)
		b.flush()
		b.style = saved
		return
	case atom.Pre:
		b.flush()
		b.pre++
		b.marks = append(b.marks, "code")
		b.children(n)
		b.marks = b.marks[:len(b.marks)-1]
		b.pre--
		b.flush()
		return
	case atom.Ul, atom.Ol:
		b.flush()
		savedList, savedLevel := b.list, b.level
		b.list = "bullet"
		if n.DataAtom == atom.Ol {
			b.list = "number"
		}
		b.level++
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				b.listItem(c)
			} else {
				b.node(c)
			}
		}
		b.flush()
		b.list, b.level = savedList, savedLevel
		return
	case atom.Li:
		b.listItem(n)
		return
	case atom.A:
		href := anchorHref(n)
		if href == "" || strings.HasPrefix(href, "#") && b.base == nil {
			b.children(n)
			return
		}
		link, ok := resolveLink(b.base, href)
		if !ok {
			b.children(n)
			return
		}
		blk := b.block()
		key := "l" + strconv.Itoa(b.nlink)
		b.nlink++
		def := umzug.MarkDef{Type: "link", Key: key, Href: link, Title: strings.TrimSpace(attr(n, "title")), Target: attr(n, "target")}
		blk.MarkDefs = append(blk.MarkDefs, def)
		b.links = append(b.links, def)
		b.marks = append(b.marks, key)
		b.children(n)
		b.marks = b.marks[:len(b.marks)-1]
		b.links = b.links[:len(b.links)-1]
		return
	case atom.Img:
		// Inline images in running text (icons, spacer gifs) carry no text;
		// their alt text stands in where it says something.
		return
	}
	if d, ok := decorators[n.DataAtom]; ok {
		b.decorated(d, n)
		return
	}
	b.children(n)
}

// decorated adds n's children with the decorator d, once: a <b> inside a
// bold term adds no second "strong".
func (b *ptBuilder) decorated(d string, n *html.Node) {
	if slices.Contains(b.marks, d) {
		b.children(n)
		return
	}
	b.marks = append(b.marks, d)
	b.children(n)
	b.marks = b.marks[:len(b.marks)-1]
}

// linkDefs gives blk the definitions of the links in effect that it
// lacks: a block begun inside a link.
func (b *ptBuilder) linkDefs(blk *umzug.PTBlock) {
	for _, l := range b.links {
		if !slices.ContainsFunc(blk.MarkDefs, func(d umzug.MarkDef) bool { return d.Key == l.Key }) {
			blk.MarkDefs = append(blk.MarkDefs, l)
		}
	}
}

func (b *ptBuilder) textRaw(s string) {
	blk := b.block()
	b.linkDefs(blk)
	blk.Children = append(blk.Children, umzug.PTSpan{Type: "span", Text: s, Marks: append([]string{}, b.marks...)})
}

func (b *ptBuilder) listItem(li *html.Node) {
	b.flush()
	for c := li.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.Div) {
			// A paragraph inside a list item continues the item.
			b.children(c)
			continue
		}
		b.node(c)
	}
	b.reserve(li)
	b.flush()
}

// reserve makes room in b.out, when it is full, for the block that n
// ends and one for each of the elements of n's kind after it: a run of
// paragraphs or list items grows the output once, not at every
// doubling. The blocks are what they were; only the slice's capacity
// differs.
func (b *ptBuilder) reserve(n *html.Node) {
	if b.cur == nil || len(b.out) < cap(b.out) {
		return
	}
	k := 1
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.DataAtom == n.DataAtom {
			k++
		}
	}
	b.out = slices.Grow(b.out, k)
}

func (b *ptBuilder) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.node(c)
	}
}

// skipElement reports elements that never carry content text.
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button,
		atom.Input, atom.Select, atom.Textarea, atom.Link, atom.Meta, atom.Head, atom.Title:
		return true
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") && n.DataAtom != atom.A {
		return true
	}
	return hiddenByStyle(n)
}

// hiddenByStyle reports an element hidden by its inline style, as
// readability does, except the collapsed panels of accordions and tabs
// that scripts open (their text is content).
func hiddenByStyle(n *html.Node) bool { return styleHides(n, attr(n, "style")) }

// styleHides is hiddenByStyle for n's style attribute st.
func styleHides(n *html.Node, st string) bool {
	if st == "" || !strings.Contains(st, "none") && !strings.Contains(st, "hidden") || !matchHiddenStyle(st) {
		return false
	}
	return !collapsible(n)
}

// matchHiddenStyle is hiddenStyle.MatchString(st) without the regexp
// for ASCII styles (the regexp's case folding also maps 'ſ' to 's').
func matchHiddenStyle(st string) bool {
	for i := 0; i < len(st); i++ {
		if st[i] >= utf8.RuneSelf {
			return hiddenStyle.MatchString(st)
		}
	}
	for i := 0; i < len(st); i++ {
		switch st[i] | 0x20 {
		case 'd':
			if styleDecl(st[i:], "display", "none") {
				return true
			}
		case 'v':
			if styleDecl(st[i:], "visibility", "hidden") {
				return true
			}
		}
	}
	return false
}

// styleDecl reports s starting with "prop\s*:\s*value", ASCII letters
// in any case.
func styleDecl(s, prop, value string) bool {
	if len(s) < len(prop) || !strings.EqualFold(s[:len(prop)], prop) {
		return false
	}
	s = strings.TrimLeft(s[len(prop):], " \t\n\f\r")
	if s == "" || s[0] != ':' {
		return false
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	return len(s) >= len(value) && strings.EqualFold(s[:len(value)], value)
}

var collapsibleClass = regexp.MustCompile(`(?i)collaps|accordion|tab|panel|toggle|expand|details|akkordeon|aufklapp|more|content`)

func collapsible(n *html.Node) bool {
	if r := strings.ToLower(attr(n, "role")); r == "tabpanel" || r == "region" {
		return true
	}
	return collapsibleMatch(attr(n, "class") + " " + attr(n, "id"))
}

var uncryptRe = regexp.MustCompile(`(?i)^javascript:\s*linkTo_UnCryptMailto\(\s*['"]([^'"]+)['"]`)

// resolveLink makes an href absolute and decodes TYPO3's spam-protected
// mail links. It reports false for links that lead nowhere (javascript:,
// empty).
func resolveLink(base *url.URL, href string) (string, bool) {
	href = strings.TrimSpace(href)
	// An absolute path takes only the base's scheme, user and host: the
	// links a site's pages share resolve once.
	k, memo := urlmemo.KeyFor(base, href)
	if memo {
		if r, ok := linksResolved.Load(k); ok {
			return r.url, r.ok
		}
	}
	u, ok := resolveLinkOnce(base, href)
	if memo {
		linksResolved.Store(k, linkResolution{u, ok})
	}
	return u, ok
}

// linkResolution is a result of resolveLink.
type linkResolution struct {
	url string
	ok  bool
}

// linksResolved remembers what resolveLink made of absolute paths.
var linksResolved urlmemo.Memo[linkResolution]

// resolveLinkOnce is resolveLink of a trimmed href.
func resolveLinkOnce(base *url.URL, href string) (string, bool) {
	if strings.Contains(href, "%") && len(href) > 11 && strings.EqualFold(href[:11], "javascript:") {
		// TYPO3 9+ writes the argument URL-encoded:
		// javascript:linkTo_UnCryptMailto(%27nbjmup%2B…%27);
		if u, err := url.PathUnescape(href); err == nil {
			href = u
		}
	}
	if m := uncryptRe.FindStringSubmatch(href); m != nil {
		if mail, ok := DecryptTYPO3Mail(m[1]); ok {
			return mail, true
		}
		return "", false
	}
	lower := strings.ToLower(href)
	switch {
	case href == "", strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(lower, "data:"):
		return "", false
	case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
		return href, true
	}
	if base == nil {
		return href, true
	}
	u, err := base.Parse(href)
	if err != nil {
		return "", false
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		if c, err := extract.Canonicalize(u.String()); err == nil && u.Fragment == "" {
			return c, true
		}
	}
	return u.String(), true
}

// anchorHref returns the address of a link: its href, or for TYPO3's
// spam-protected mail link of v11.5 and later (href="#" with
// data-mailto-token and data-mailto-vector, decoded by script on click)
// the decoded "mailto:" address.
func anchorHref(a *html.Node) string {
	if tok := attr(a, "data-mailto-token"); tok != "" {
		if mail, ok := DecryptTYPO3Mail(strings.TrimSpace(tok)); ok {
			return mail
		}
	}
	return attr(a, "href")
}

// DecryptTYPO3Mail decodes the argument of TYPO3's
// linkTo_UnCryptMailto('…'), which shifts each character of
// "mailto:address" by a site-configured offset (-10…10) within the ranges
// 0x2B–0x3A, 0x40–0x5A and 0x61–0x7A. The offset is found by trying each.
func DecryptTYPO3Mail(enc string) (string, bool) {
	for off := -10; off <= 10; off++ {
		if off == 0 {
			continue
		}
		s := shiftTYPO3(enc, off)
		if strings.HasPrefix(s, "mailto:") && strings.Contains(s, "@") {
			return s, true
		}
	}
	return "", false
}

func shiftTYPO3(enc string, off int) string {
	out := make([]byte, 0, len(enc))
	for i := 0; i < len(enc); i++ {
		c := int(enc[i])
		switch {
		case c >= 0x2B && c <= 0x3A:
			c = wrap(c, 0x2B, 0x3A, off)
		case c >= 0x40 && c <= 0x5A:
			c = wrap(c, 0x40, 0x5A, off)
		case c >= 0x61 && c <= 0x7A:
			c = wrap(c, 0x61, 0x7A, off)
		}
		out = append(out, byte(c))
	}
	return string(out)
}

// wrap moves c by -off inside [lo, hi], as TYPO3's decryptCharcode does.
func wrap(c, lo, hi, off int) int {
	n := c - off
	size := hi - lo + 1
	for n < lo {
		n += size
	}
	for n > hi {
		n -= size
	}
	return n
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
