package audit

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/urlmemo"
)

// page is what the rules see of one HTML page: its visible text cut into
// units at block boundaries, its images and its links. Scripts, styles,
// comments, templates, JSON-LD, hidden inputs and hidden elements never
// become units, and no attribute but alt and title is ever read as text.
type page struct {
	root   *html.Node
	hasCE  bool // the page has TYPO3 content elements (ids c123)
	url    string
	base   *url.URL
	units  []unit
	titles []unit // title attributes of body elements
	images []image
	links  []*link
	// mixed lists subresources loaded over http by an https page.
	mixed []subresource

	nth   map[*html.Node]nthPos // places of elements among their siblings, filled by nthOfType
	named map[namedKey]bool     // links with a name, by target and place, filled by namedLinkNearby
}

// unit is a run of visible text of one element, up to the next nested
// block-level element.
type unit struct {
	text string
	tag  string // element the text belongs to ("h3", "p", "div", "title", …)
	node *html.Node
	ctx  where
}

// where is what a unit, image or link knows about where it stands.
type where struct {
	key      string // TYPO3 content element key ("c4735"), "" outside one
	idAnchor string // selector of the nearest ancestor with an id
	chrome   bool   // inside nav, the page's header or footer, or a form control
	table    bool   // inside a table cell
	section  bool   // inside main, article, section, aside or a content element
}

type image struct {
	node     *html.Node
	src      string // resolved URL ("" for data: URIs without a lazy source)
	rawSrc   string // as written
	alt      string
	hasAlt   bool
	title    string
	decor    bool  // aria-hidden, role=presentation/none, or a 1×1 pixel
	labelled bool  // aria-label, aria-labelledby or title name it
	link     *link // the link it stands in, nil when none
	ctx      where
}

type link struct {
	node   *html.Node
	href   string // resolved, without fragment
	raw    string // href as written
	name   string // text and alt of images inside
	label  string // aria-label, title (and alt of an area)
	hasImg bool
	ctx    where
}

type subresource struct {
	node   *html.Node
	url    string
	tag    string
	active bool // scripts, styles, frames: blocked by browsers
}

// blockTags start a new unit of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Td: true, atom.Th: true, atom.Tr: true,
	atom.Ul: true, atom.Button: true, atom.Label: true, atom.Legend: true, atom.Option: true,
	atom.Select: true, atom.Center: true, atom.Menu: true,
}

// skipTags never contribute visible text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
	atom.Textarea: true, atom.Input: true, atom.Head: true, atom.Audio: true, atom.Video: true,
}

// isCEID reports a TYPO3 content element's id: `^c\d+$` ("c4735"), read
// by hand (it runs on every id of every page).
func isCEID(id string) bool {
	if len(id) < 2 || id[0] != 'c' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// newPage reads the parsed page root (a document node, as html.Parse
// returns it) served at pageURL. It only reads the tree.
func newPage(root *html.Node, pageURL string, canon func(string) (string, error), memo *urlmemo.Memo[string]) (*page, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: bad URL: %w", pageURL, err)
	}
	p := &page{url: pageURL, base: base, root: root}
	if b := findBaseHref(root); b != "" {
		if bu, err := base.Parse(b); err == nil {
			p.base = bu
		}
	}
	// The units of the last page are about as many as this one's: room
	// for them at once instead of growing the slice from nothing.
	if u, ok := unitsPool.Get().(*[]unit); ok {
		p.units = (*u)[:0]
	} else {
		p.units = make([]unit, 0, unitsHint.Load())
	}
	w := &walker{p: p, canon: canon, memo: memo}
	if t := findFirst(root, atom.Title); t != nil {
		if txt := umzug.VisibleText(textOf(t)); txt != "" {
			p.units = append(p.units, unit{text: txt, tag: "title", node: t})
		}
	}
	if b := findFirst(root, atom.Body); b != nil {
		w.walk(b, where{})
		w.flush()
	}
	n, h := int32(len(p.units)), unitsHint.Load()
	unitsHint.Store(min(max(h-h/16, n+n/8), maxUnitsHint))
	return p, nil
}

// unitsPool holds the units slices of pages audited: Check gives a page's
// back when it is done with them (releaseUnits), the next page appends
// to it instead of a new one (about 40 KB a page).
var unitsPool sync.Pool

// releaseUnits gives the page's units slice back to unitsPool; the page
// has no units after.
func (p *page) releaseUnits() {
	u := p.units
	p.units = nil
	if cap(u) == 0 || cap(u) > 4*maxUnitsHint {
		return
	}
	clear(u) // no tree is kept alive by the pool
	u = u[:0]
	unitsPool.Put(&u)
}

// unitsHint is the room newPage makes for units: after each page, a
// sixteenth less, or that page's units and an eighth when that is more
// (about the most units of the pages read lately), at most maxUnitsHint.
var unitsHint atomic.Int32

const maxUnitsHint = 4096

type walker struct {
	p     *page
	canon func(string) (string, error)
	text  unitText
	cur   *html.Node // element the buffered text belongs to
	ctx   where
	link  *link // innermost open link
	// resolved holds what resolve returned, by href.
	resolved map[string]string
	// memo holds, across the pages of one Auditor (one canon), what
	// resolveOnce made of absolute-path links (nil: nothing).
	memo *urlmemo.Memo[string]
}

func (w *walker) flush() {
	if w.cur == nil {
		return
	}
	if t := umzug.VisibleText(w.text.String()); t != "" {
		w.p.units = append(w.p.units, unit{text: t, tag: w.cur.Data, node: w.cur, ctx: w.ctx})
	}
	w.text.reset()
}

// unitText gathers the text of one unit. Most units are one text node:
// their text is that node's string itself; the pieces of the others are
// joined in a buffer that the next units reuse.
type unitText struct {
	first string // the first piece
	n     int    // pieces written since the last reset
	buf   []byte // the pieces joined, once there are two
}

func (t *unitText) write(s string) {
	switch t.n {
	case 0:
		t.first = s
	case 1:
		t.buf = append(append(t.buf[:0], t.first...), s...)
	default:
		t.buf = append(t.buf, s...)
	}
	t.n++
}

// String returns the pieces written since the last reset, joined.
func (t *unitText) String() string {
	switch t.n {
	case 0:
		return ""
	case 1:
		return t.first
	}
	return string(t.buf)
}

func (t *unitText) reset() {
	t.first, t.n = "", 0
}

func (w *walker) walk(n *html.Node, ctx where) {
	switch n.Type {
	case html.TextNode:
		w.text.write(n.Data)
		if w.link != nil {
			w.link.name += n.Data
		}
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, ctx)
		}
		return
	}
	if hiddenElement(n) {
		return
	}
	if id := attr(n, "id"); id != "" {
		ctx.idAnchor = "#" + cssIdent(id)
		if isCEID(id) {
			ctx.key = id
			w.p.hasCE = true
		}
	}
	switch n.DataAtom {
	case atom.Main, atom.Article, atom.Section, atom.Aside:
		ctx.section = true
	case atom.Header, atom.Footer:
		// A header inside an article or a content element is its
		// headline, not the page's banner.
		if !ctx.section && ctx.key == "" {
			ctx.chrome = true
		}
	case atom.Button:
		if !inHeading(n) {
			ctx.chrome = true
		}
	case atom.Nav, atom.Form, atom.Select, atom.Label, atom.Option:
		ctx.chrome = true
	case atom.Td, atom.Th:
		ctx.table = true
	}
	w.resources(n)
	if t := strings.TrimSpace(attr(n, "title")); t != "" {
		w.p.titles = append(w.p.titles, unit{text: umzug.VisibleText(t), tag: n.Data, node: n, ctx: ctx})
	}
	switch n.DataAtom {
	case atom.Img:
		w.image(n, ctx)
		return
	case atom.Br:
		w.text.write(" ")
		return
	case atom.A, atom.Area:
		if href, ok := attrOK(n, "href"); ok {
			l := &link{node: n, href: w.resolve(href), raw: href, ctx: ctx}
			l.label = attr(n, "aria-label") + " " + attr(n, "title")
			if n.DataAtom == atom.Area {
				l.label += " " + attr(n, "alt")
			}
			w.p.links = append(w.p.links, l)
			outer := w.link
			w.link = l
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c, ctx)
			}
			w.link = outer
			return
		}
	}
	if skipTags[n.DataAtom] {
		return
	}
	// A button inside a heading (an accordion toggle) is part of the
	// heading's text.
	if blockTags[n.DataAtom] && !(n.DataAtom == atom.Button && inHeading(n)) {
		w.flush()
		outerCur, outerCtx := w.cur, w.ctx
		w.cur, w.ctx = n, ctx
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, ctx)
		}
		w.flush()
		w.cur, w.ctx = outerCur, outerCtx
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, ctx)
	}
}

func (w *walker) image(n *html.Node, ctx where) {
	im := image{node: n, ctx: ctx, title: attr(n, "title")}
	im.alt, im.hasAlt = attrOK(n, "alt")
	im.rawSrc = attr(n, "src")
	src := im.rawSrc
	if src == "" || strings.HasPrefix(strings.TrimSpace(strings.ToLower(src)), "data:") {
		// Lazy loading: the real image waits in a data attribute.
		src = ""
		for _, a := range []string{"data-src", "data-original", "data-lazy-src", "data-srcset"} {
			if v := strings.TrimSpace(attr(n, a)); v != "" {
				src, _, _ = strings.Cut(v, " ")
				im.rawSrc = src
				break
			}
		}
	}
	if src != "" {
		im.src = w.resolve(src)
	}
	role := strings.ToLower(attr(n, "role"))
	im.decor = attr(n, "aria-hidden") == "true" || role == "presentation" || role == "none" ||
		(attr(n, "width") == "1" && attr(n, "height") == "1")
	im.labelled = strings.TrimSpace(attr(n, "aria-label")+attr(n, "aria-labelledby")+attr(n, "title")) != ""
	if w.link != nil {
		w.link.hasImg = true
		w.link.name += " " + im.alt
		im.link = w.link
	}
	w.p.images = append(w.p.images, im)
}

// resources records subresources loaded over plain http by an https page.
func (w *walker) resources(n *html.Node) {
	if w.p.base.Scheme != "https" {
		return
	}
	var key string
	active := false
	switch n.DataAtom {
	case atom.Img, atom.Audio, atom.Video, atom.Source, atom.Track:
		key = "src"
	case atom.Script, atom.Iframe, atom.Embed:
		key, active = "src", true
	case atom.Object:
		key, active = "data", true
	case atom.Link:
		if strings.Contains(strings.ToLower(attr(n, "rel")), "stylesheet") {
			key, active = "href", true
		}
	case atom.Form:
		key = "action"
	}
	if key == "" {
		return
	}
	v := strings.TrimSpace(attr(n, key))
	if v == "" {
		return
	}
	u, err := w.p.base.Parse(v)
	if err != nil || u.Scheme != "http" {
		return
	}
	w.p.mixed = append(w.p.mixed, subresource{node: n, url: u.String(), tag: n.Data, active: active})
}

// resolve makes href absolute against the page's base and canonical,
// without fragment; "" for links that are not http(s) (mailto:, tel:,
// javascript:, data:) or cannot be parsed.
func (w *walker) resolve(href string) string {
	// A page names many URLs more than once (menus, the logo's link
	// home, a teaser's image and title): each is resolved once.
	if s, ok := w.resolved[href]; ok {
		return s
	}
	s := w.resolveOnce(href)
	if w.resolved == nil {
		w.resolved = make(map[string]string)
	}
	w.resolved[href] = s
	return s
}

func (w *walker) resolveOnce(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	// An absolute path takes only the base's scheme, user and host: the
	// site's menus resolve the same on every page.
	var k urlmemo.Key
	memo := false
	if w.memo != nil {
		k, memo = urlmemo.KeyFor(w.p.base, href)
		if memo {
			if s, ok := w.memo.Load(k); ok {
				return s
			}
		}
	}
	u, err := w.p.base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	s := u.String()
	if w.canon != nil && u.Scheme != "file" {
		if c, err := w.canon(s); err == nil {
			s = c
		}
	}
	if memo {
		w.memo.Store(k, s)
	}
	return s
}

// hiddenElement reports elements a browser does not show: the hidden
// attribute, inline display:none or visibility:hidden, hidden inputs.
func hiddenElement(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "hidden") {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

func findBaseHref(root *html.Node) string {
	head := findFirst(root, atom.Head)
	if head == nil {
		return ""
	}
	if b := findFirst(head, atom.Base); b != nil {
		return strings.TrimSpace(attr(b, "href"))
	}
	return ""
}

// textOf is the text content of n without scripts and styles.
func textOf(n *html.Node) string {
	var t unitText // one text node's string is not copied
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			t.write(n.Data)
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return t.String()
}

// hasVisibleText reports whether umzug.VisibleText(textOf(n)) != ""
// without making the text: whether one of the text nodes has a rune that
// VisibleText keeps. A text node of valid UTF-8 decodes to the same runes
// wherever it stands in the joined text; with a node that is not valid
// UTF-8 (whose bytes might join a neighbour's), the text is made.
func hasVisibleText(n *html.Node) bool {
	visible, valid := false, true
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			if !utf8.ValidString(n.Data) {
				valid = false
			} else if umzug.VisibleText(n.Data) != "" {
				visible = true
			}
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil && !visible; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	if visible {
		return true
	}
	if !valid {
		return umzug.VisibleText(textOf(n)) != ""
	}
	return false
}

// selector returns a CSS selector for n: the nearest ancestor with an id,
// then tag names with :nth-of-type where a tag has siblings of its kind.
func (p *page) selector(n *html.Node) string {
	var parts []string
	for e := n; e != nil && e.Type == html.ElementNode; e = e.Parent {
		if id := attr(e, "id"); id != "" {
			parts = append(parts, "#"+cssIdent(id))
			break
		}
		if e.DataAtom == atom.Html || e.DataAtom == atom.Body {
			parts = append(parts, e.Data)
			break
		}
		seg := e.Data
		if pos := p.nthOfType(e); pos.total > 1 {
			seg += ":nth-of-type(" + strconv.Itoa(int(pos.idx)) + ")"
		}
		parts = append(parts, seg)
	}
	slices.Reverse(parts)
	return strings.Join(parts, " > ")
}

// nthPos is an element's place among its parent's child elements of the
// same tag name: the idx-th (from 1) of total.
type nthPos struct{ idx, total int32 }

// nthOfType returns e's place among its siblings of its tag. The first
// question about a child of a parent counts all of that parent's children
// once, so the selectors of every link of a page with 100,000 sibling
// links take linear, not quadratic, time.
func (p *page) nthOfType(e *html.Node) nthPos {
	if pos, ok := p.nth[e]; ok {
		return pos
	}
	if e.Parent == nil {
		return nthPos{1, 1}
	}
	if p.nth == nil {
		p.nth = map[*html.Node]nthPos{}
	}
	total := map[string]int32{}
	for s := e.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			total[s.Data]++
		}
	}
	idx := make(map[string]int32, len(total))
	for s := e.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			idx[s.Data]++
			p.nth[s] = nthPos{idx[s.Data], total[s.Data]}
		}
	}
	return p.nth[e]
}

// cssIdent escapes an id for use in a selector.
func cssIdent(id string) string {
	var b strings.Builder
	for i, r := range id {
		switch {
		case r == '-' || r == '_' || unicode.IsLetter(r) || r > 0x7f:
			b.WriteRune(r)
		case unicode.IsDigit(r) && i > 0:
			b.WriteRune(r)
		case unicode.IsDigit(r):
			fmt.Fprintf(&b, `\%x `, r)
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ceKey is the key of the TYPO3 content element around n ("c4711"), "".
func ceKey(n *html.Node) string {
	for e := n; e != nil; e = e.Parent {
		if e.Type == html.ElementNode {
			if id := attr(e, "id"); isCEID(id) {
				return id
			}
		}
	}
	return ""
}

// findAllClass returns the elements of the page that carry one of the
// classes, in document order.
func findAllClass(p *page, classes ...string) []*html.Node {
	root := p.root
	var out []*html.Node
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for c := range strings.FieldsSeq(attr(n, "class")) {
				if slices.Contains(classes, c) {
					out = append(out, n)
					break
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(root)
	return out
}

// hasElement reports whether n contains an element with one of the tags.
func hasElement(n *html.Node, tags ...string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (slices.Contains(tags, c.Data) || hasElement(c, tags...)) {
			return true
		}
	}
	return false
}

// renderHTML is the outer HTML of n with white space collapsed.
func renderHTML(n *html.Node) string {
	var b bytes.Buffer
	if err := html.Render(&b, n); err != nil {
		return ""
	}
	return umzug.VisibleText(b.String())
}

func inHeading(n *html.Node) bool {
	for e := n.Parent; e != nil; e = e.Parent {
		switch e.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		}
	}
	return false
}

// accessibleName is what a screen reader announces for the link: its
// text and image alts, else its aria-label or title.
func (l *link) accessibleName() string {
	if t := umzug.VisibleText(l.name); t != "" {
		return t
	}
	return umzug.VisibleText(l.label)
}

// byID returns the element with the id, nil when there is none.
func (p *page) byID(id string) *html.Node {
	var found *html.Node
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && attr(n, "id") == id {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(p.root)
	return found
}

// dynamic reports whether the element with the id holds what a browser
// fills at run time: a script, an embed, or a custom element (<app-root>).
func (p *page) dynamic(id string) bool {
	n := p.byID(id)
	if n == nil {
		return false
	}
	var rec func(*html.Node) bool
	rec = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Canvas, atom.Video, atom.Audio, atom.Form:
				return true
			}
			if strings.Contains(c.Data, "-") || rec(c) {
				return true
			}
		}
		return false
	}
	return rec(n)
}
