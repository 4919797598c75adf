package html

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// renderError matches CMS and template errors rendered in place of an
// element (see docs/typo3-markup: TYPO3 core, css_styled_content, mask,
// Fluid, Extbase).
var renderError = regexp.MustCompile(`(?i)has no rendering definition|MASK ERROR|Oops, an error occurred!|Tried resolving a template file|could not be resolved|Sorry, the requested view was not found|An error occurred while trying to call`)

// frameType returns the lower-cased name of the first "frame-type-NAME"
// class: what `(?:^|\s)frame-type-([A-Za-z0-9_\-]+)` finds first, read
// by hand (it runs on every element's class).
func frameType(class string) string {
	const key = "frame-type-"
	for i := 0; ; {
		j := strings.Index(class[i:], key)
		if j < 0 {
			return ""
		}
		at := i + j
		if at == 0 || isRegexpSpace(class[at-1]) {
			start := at + len(key)
			end := start
			for end < len(class) && isFrameTypeByte(class[end]) {
				end++
			}
			if end > start {
				return strings.ToLower(class[start:end])
			}
		}
		i = at + 1
	}
}

// isRegexpSpace reports the bytes of \s in Go's regexp: \t \n \f \r and
// the space.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isFrameTypeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// frameBackgrounds calls f with the NAME of each class
// "frame-background-NAME", "frame-bg-NAME" or "frame-layout-NAME" in
// order, NAME a lower-case letter and then [a-z0-9-]: what
// `(?:^|\s)frame-(?:background|bg|layout)-([a-z]+[a-z0-9-]*)` finds, read
// by hand; it stops when f returns true.
func frameBackgrounds(class string, f func(name string) bool) {
	const key = "frame-"
	for i := 0; ; {
		j := strings.Index(class[i:], key)
		if j < 0 {
			return
		}
		at := i + j
		i = at + 1
		if at > 0 && !isRegexpSpace(class[at-1]) {
			continue
		}
		rest := class[at+len(key):]
		var ok bool
		for _, kind := range [...]string{"background-", "bg-", "layout-"} {
			if rest, ok = strings.CutPrefix(rest, kind); ok {
				break
			}
		}
		if !ok || rest == "" || rest[0] < 'a' || rest[0] > 'z' {
			continue
		}
		n := 1
		for n < len(rest) && ('a' <= rest[n] && rest[n] <= 'z' || '0' <= rest[n] && rest[n] <= '9' || rest[n] == '-') {
			n++
		}
		if f(rest[:n]) {
			return
		}
		i = len(class) - len(rest) + n
	}
}

func (p *page) contentElement(el *html.Node, ctype string) {
	p.contentElementUID(el, cUID(attr(el, "id")), ctype)
}

// contentElementUID turns one TYPO3 content element into blocks.
func (p *page) contentElementUID(el *html.Node, uid int, ctype string) {
	if uid > 0 {
		p.noteUID(uid)
	}
	if ct := frameType(attr(el, "class")); ct != "" {
		ctype = ct
	}
	if ctype == "" {
		ctype = cscType(el)
	}
	// The text is only needed when it is short (a CMS error) or when
	// nothing else came of the element; most elements have more than 600
	// plain ASCII letters, which no collapsing or trimming takes away.
	text, haveText := "", false
	if !hasASCIIText(el, 600) {
		text, haveText = cleanText(el), true
	}
	if haveText && len(text) < 600 && mayRenderError(text) && renderError.MatchString(text) {
		key := "c" + strconv.Itoa(uid)
		p.warn("broken-element", fmt.Sprintf("content element %s (%s) rendered as a CMS error: %q", key, ctype, textutil.Truncate(text, 200)), key)
		return
	}
	hdr := p.takeHeader(el)
	if ctype == "shortcut" || containsContentElements(el) {
		// Containers (grids, shortcuts) hold elements of their own.
		p.addHeadings(hdr, uid, ctype, el)
		p.walk(el)
		return
	}
	blocks := p.typed(el, ctype)
	if len(blocks) == 0 {
		if hdr != nil {
			p.addHeadings(hdr, uid, ctype, el)
			return
		}
		// (Without the text read, the element had text: not empty.)
		if haveText && strings.TrimSpace(text) == "" {
			src := p.embedSrc(goquery.NewDocumentFromNode(el).Selection)
			if src == "" && !hasMedia(el) {
				if p.tookFrom(el) {
					return // all it showed was chrome, left out with its reason: not empty, nothing to keep
				}
				p.warn("empty-element", fmt.Sprintf("content element c%d (%s) has no content", uid, ctype), "c"+strconv.Itoa(uid))
				return
			}
			if socialButton(src) && countImages(el, 1) == 0 && onlySocialButtons(el) {
				return // like or share buttons: page chrome
			}
		}
		blocks = []umzug.Block{p.htmlFallback(el, uid, ctype)}
	}
	for i, b := range blocks {
		if i == 0 && hdr != nil {
			b.Header = hdr
		}
		p.add(b, uid, ctype, el)
	}
}

// tookFrom reports whether extraction has taken something out of el
// (boilerplate it dropped, such as a lone "more" button): el showed
// content on the page, so it is not empty.
func (p *page) tookFrom(el *html.Node) bool {
	for _, e := range p.edits {
		if e.parent == el || isAncestor(el, e.parent) {
			return true
		}
	}
	return false
}

// hasASCIIText reports whether the text of n (as textOf reads it) holds
// at least limit ASCII bytes other than white space: bytes that collapsing
// and trimming keep.
func hasASCIIText(n *html.Node, limit int) bool {
	k := 0
	var f func(*html.Node) bool
	f = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			for i := 0; i < len(n.Data); i++ {
				switch c := n.Data[i]; {
				case c >= utf8.RuneSelf, c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
				default:
					k++
				}
			}
			return k >= limit
		case html.ElementNode:
			if skipElement(n) {
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f(c) {
				return true
			}
		}
		return false
	}
	return f(n)
}

// addHeadings adds the heading block of a header-only element (or of a
// container), and its subheader as a heading one level below: the
// subheader is the element's second line, not a caption to drop.
func (p *page) addHeadings(hdr *umzug.Header, uid int, ctype string, el *html.Node) {
	if hdr == nil {
		return
	}
	p.add(umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: hdr.Text, Level: hdr.Level}}, uid, ctype, el)
	if hdr.Subheader != "" {
		p.add(umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: hdr.Subheader, Level: min(hdr.Level+1, 6)}}, uid, ctype, el)
	}
}

// cscType reads the CType of a css_styled_content element from its
// classes (csc-textpic, csc-uploads, …); "" when there is no hint.
func cscType(el *html.Node) string {
	s := goquery.NewDocumentFromNode(el).Selection
	switch {
	case s.FindMatcher(onceFirst(".csc-textpic")).Length() > 0:
		return "textpic"
	case s.FindMatcher(onceFirst(".csc-uploads")).Length() > 0:
		return "uploads"
	case s.FindMatcher(onceFirst(".csc-menu")).Length() > 0:
		return "menu"
	case s.FindMatcher(onceFirst("table.contenttable")).Length() > 0:
		return "table"
	}
	return ""
}

// typed converts the content of an element (its header already taken)
// into typed blocks, guided by the CType and by the markup.
func (p *page) typed(el *html.Node, ctype string) []umzug.Block {
	s := goquery.NewDocumentFromNode(el).Selection
	class := attr(el, "class")
	g := summarize(el) // which converters can find their markup (fastpath.go)
	switch {
	case ctype == "header":
		return nil
	case ctype == "div" || (g.hr && s.FindMatcher(css("hr")).Length() == 1 && cleanText(el) == ""):
		return []umzug.Block{{Type: umzug.BlockDivider, Divider: &umzug.Divider{}}}
	case strings.Contains(ctype, "upload") || g.has("ce-uploads", "csc-uploads") && s.FindMatcher(onceFirst(".ce-uploads, .csc-uploads")).Length() > 0:
		if d := p.downloads(s); d != nil {
			return []umzug.Block{{Type: umzug.BlockDownloads, Downloads: d}}
		}
	case strings.HasPrefix(ctype, "menu"):
		// A menu of cards or thumbnails (bootstrap_package menu_card_list,
		// menu_thumbnail_list) shows each page with its title, abstract
		// and image: teasers; a plain menu is a list of links.
		if g.has("card", "thumbnail", "teaser") && s.FindMatcher(onceFirst(".card, .thumbnail, [class*=teaser]")).Length() > 0 {
			if t := p.teasers(s, ctype); t != nil {
				return []umzug.Block{{Type: umzug.BlockTeaser, Teaser: t}}
			}
		}
		if l := p.linkList(s); l != nil {
			return []umzug.Block{{Type: umzug.BlockLinkList, LinkList: l}}
		}
	case strings.Contains(ctype, "form") || ctype == "mailform" || strings.HasPrefix(ctype, "powermail"):
		if f := p.form(s); f != nil {
			return []umzug.Block{{Type: umzug.BlockForm, Form: f}}
		}
	}
	if ctype == "html" || strings.HasSuffix(ctype, "_html") {
		// Raw HTML that embeds a third party (a map, a booking or form
		// service, a widget script) is kept whole for a manual rebuild.
		if src := p.embedSrc(s); src != "" && p.video(s) == nil {
			if !socialButton(src) { // a like or share button is no content
				return []umzug.Block{p.embedBlock(el, cUID(attr(el, "id")), ctype, src)}
			}
		}
	}
	if b := g.panel(p, s, ctype); b != nil {
		return []umzug.Block{*b}
	}
	if a := g.accordion(p, s, ctype); a != nil {
		return []umzug.Block{{Type: umzug.BlockAccordion, Accordion: a}}
	}
	if t := g.tabs(p, s); t != nil {
		return []umzug.Block{{Type: umzug.BlockTabs, Tabs: t}}
	}
	if t := g.timeline(p, s, ctype); t != nil {
		return []umzug.Block{{Type: umzug.BlockTimeline, Timeline: t}}
	}
	if b := g.slider(p, s, ctype); b != nil {
		return []umzug.Block{*b}
	}
	if t := g.teasers(p, s, ctype); t != nil {
		return []umzug.Block{{Type: umzug.BlockTeaser, Teaser: t}}
	}
	if f := g.form(p, s); f != nil {
		return []umzug.Block{{Type: umzug.BlockForm, Form: f}}
	}
	if b := g.media(p, s, ctype); b != nil {
		return []umzug.Block{*b}
	}
	var source string
	bq := quoteOf(el, ctype)
	if bq == nil && ctype == "quote" {
		bq = el // a quote element without a blockquote (a mask element's <div class="quote">)
	}
	if bq != nil {
		// The quote's source leaves its text for the block's
		// attribution (undone with the page's other edits).
		if src := quoteSource(bq); src != nil {
			source = strings.TrimLeft(cleanText(src), "—–―-~ \u00a0")
			p.detach(src)
		}
	}
	blocks := p.flow(el)
	v := infoBoxVariant(class)
	if v == "" {
		v = infoBoxType(ctype)
	}
	if w := soleWrapper(el); v == "" && w != nil {
		// Raw HTML or a custom element whose one wrapper is the box
		// (<div class="infobox infobox--warning">, <div class="hinweisbox">).
		v = infoBoxVariant(attr(w, "class"))
	}
	if v != "" && len(blocks) > 0 && allText(blocks) {
		var body umzug.PortableText
		for _, b := range blocks {
			body = append(body, b.Text.Body...)
		}
		if source != "" {
			body = append(body, sourceLine(source)) // no quote block to hold it
		}
		rekey(body)
		return []umzug.Block{{Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Variant: v, Body: body}}}
	}
	if bq != nil && len(blocks) == 1 && blocks[0].Type == umzug.BlockText {
		body := blocks[0].Text.Body
		for i := range body {
			if body[i].Style == "blockquote" {
				body[i].Style = "normal" // the block is the quote
			}
		}
		return []umzug.Block{{Type: umzug.BlockQuote, Quote: &umzug.Quote{Body: body, Attribution: source}}}
	}
	if source != "" {
		// No quote block to hold the source: it stays a line of the text.
		if n := len(blocks); n > 0 && blocks[n-1].Type == umzug.BlockText {
			blocks[n-1].Text.Body = append(blocks[n-1].Text.Body, sourceLine(source))
			rekey(blocks[n-1].Text.Body)
		} else {
			blocks = append(blocks, umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{sourceLine(source)}}})
			rekey(blocks[len(blocks)-1].Text.Body)
		}
	}
	return blocks
}

// sourceLine is a quote's source as a paragraph of its own.
func sourceLine(source string) umzug.PTBlock {
	return umzug.PTBlock{Type: "block", Style: "normal", Children: []umzug.PTSpan{{Type: "span", Text: source, Marks: []string{}}}, MarkDefs: []umzug.MarkDef{}}
}

func allText(bs []umzug.Block) bool {
	for _, b := range bs {
		if b.Type != umzug.BlockText {
			return false
		}
	}
	return true
}

func rekey(pt umzug.PortableText) {
	for i := range pt {
		pt[i].Key = "b" + strconv.Itoa(i)
	}
}

// infoBoxVariant returns the variant of a highlighted box, "" when the
// classes name none: bootstrap_package's frame-background-* (the colour)
// and its v8 frame classes "well" and "jumbotron", frame classes that site
// packages add for boxes ("frame-infobox-green", "frame-hinweis"),
// css_styled_content's "csc-frame-frame1/2", and box classes of raw HTML
// and Bootstrap ("infobox", "hinweisbox", "alert-warning", "callout").
func infoBoxVariant(class string) string {
	var bg string
	frameBackgrounds(class, func(name string) bool {
		switch name {
		case "none", "default", "0", "1", "2", "3", "embedded":
			return false
		}
		bg = name
		return true
	})
	if bg != "" {
		return bg
	}
	for _, c := range strings.Fields(class) {
		lc := strings.ToLower(c)
		switch lc {
		case "infobox", "info-box", "box", "alert", "callout", "hinweis", "hinweisbox", "infokasten", "notice", "well", "jumbotron":
			return "default"
		case "csc-frame-frame1", "csc-frame-frame2":
			return strings.TrimPrefix(lc, "csc-frame-")
		}
		if strings.HasPrefix(lc, "alert-") || strings.HasPrefix(lc, "box-") {
			return strings.SplitN(lc, "-", 2)[1]
		}
		if rest, ok := strings.CutPrefix(lc, "frame-"); ok {
			if v := frameBox(rest); v != "" {
				return v
			}
		}
	}
	return ""
}

// boxWords name boxes in frame classes and CTypes.
var boxWords = map[string]bool{"infobox": true, "box": true, "hinweis": true, "hinweisbox": true, "callout": true,
	"notice": true, "well": true, "jumbotron": true, "highlight": true, "infokasten": true, "kasten": true, "alert": true, "info": true}

// frameBox reads a frame class (without "frame-"): "infobox-green" gives
// "green", "well" "default"; fluid_styled_content's own frame classes
// (default, ruler-before, indent, …) and layout classes give "".
func frameBox(rest string) string {
	var buf [8]string
	words := classWords(rest, buf[:0])
	if len(words) == 0 || !boxWords[words[0]] || words[0] == "info" && len(words) == 1 {
		return ""
	}
	if len(words) > 1 {
		return words[len(words)-1]
	}
	return "default"
}

// infoBoxType reads a box from a CType: "mask_infobox", "hinweis_box".
func infoBoxType(ctype string) string {
	var buf [8]string
	for _, w := range classWords(ctype, buf[:0]) {
		if boxWords[w] && w != "info" && w != "alert" {
			return "default"
		}
	}
	return ""
}

// soleWrapper returns the one element child of el (looking through
// frame wrappers without text of their own), or nil.
func soleWrapper(el *html.Node) *html.Node {
	n := el
	for i := 0; i < 6; i++ {
		var only *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if isInvisible(c) {
					continue
				}
				if only != nil {
					return nil
				}
				only = c
			case html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					return nil
				}
			}
		}
		if only == nil || only.DataAtom != atom.Div && only.DataAtom != atom.Section && only.DataAtom != atom.Aside {
			return nil
		}
		if !strings.Contains(attr(only, "class"), "frame-") {
			return only
		}
		n = only
	}
	return nil
}

// panel recognises a panel: a box with its own headline (bootstrap_package's
// Panel element: "card card-panel card-panel-info" since v9, "panel
// panel-info" in v7/v8). It becomes an info box whose headline is the
// block's header.
func (p *page) panel(s *goquery.Selection, ctype string) *umzug.Block {
	box := s.FindMatcher(css(".card-panel, .panel")).AddBack().FilterMatcher(css(".card-panel, .panel")).First()
	if box.Length() == 0 || box.FindMatcher(onceFirst(".card-panel, .panel, .panel-group, .accordion, [class*=carousel]")).Length() > 0 {
		return nil
	}
	if box.ClosestMatcher(css(".panel-group, .accordion")).Length() > 0 {
		return nil
	}
	variant := "default"
	for _, c := range strings.Fields(box.AttrOr("class", "")) {
		if v, ok := strings.CutPrefix(c, "card-panel-"); ok && v != "" {
			variant = v
		} else if v, ok := strings.CutPrefix(c, "panel-"); ok && v != "" && v != "default" {
			variant = v
		}
	}
	head := box.FindMatcher(onceFirst(".card-header, .panel-heading, .panel-title")).First()
	body := box.FindMatcher(onceFirst(".card-body, .panel-body")).First()
	if body.Length() == 0 {
		c := box.Clone()
		c.FindMatcher(css(".card-header, .panel-heading")).Remove()
		body = c
	}
	pt := p.richChildren(body)
	if len(pt) == 0 {
		return nil
	}
	b := &umzug.Block{Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Variant: variant, Body: pt}}
	if t := text(head); t != "" {
		level := 0
		if h := head.FindMatcher(css("h1, h2, h3, h4, h5, h6")).AddBack().FilterMatcher(css("h1, h2, h3, h4, h5, h6")).First(); h.Length() > 0 {
			level = headingLevel(h.Nodes[0])
		}
		b.Header = &umzug.Header{Text: t, Level: level}
	}
	return b
}

// takeHeader takes the element's header out of it and returns it: the
// <header> of fluid_styled_content and bootstrap_package (div.frame-header
// since v14), css_styled_content's csc-header. It is looked for first
// where the templates put it, at the top of the element's wrappers, then
// (by its class only) anywhere inside the element but outside elements
// nested in it (bootstrap_package's text with icon has it beside the icon).
func (p *page) takeHeader(el *html.Node) *umzug.Header {
	isHeader := func(c *html.Node) bool {
		cls := attr(c, "class")
		return c.DataAtom == atom.Header || hasClass(cls, "csc-header") || hasClass(cls, "ce-header") || hasClass(cls, "frame-header")
	}
	var h *html.Node
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) || isContentElement(c) {
				continue
			}
			if c.DataAtom == atom.A && cleanText(c) == "" {
				continue // the anchor of a translated element
			}
			if isHeader(c) {
				h = c
				return true
			}
			// Only descend into wrappers (frame-container, frame-inner).
			if c.DataAtom == atom.Div && !hasClass(attr(c, "class"), "ce-bodytext") && find(c) {
				return true
			}
			if c.DataAtom == atom.Div && cleanText(c) == "" && !hasMedia(c) {
				continue // an empty wrapper (a background image's)
			}
			return false
		}
		return false
	}
	if !find(el) {
		var deep func(n *html.Node) bool
		deep = func(n *html.Node) bool {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || isContentElement(c) {
					continue
				}
				if c.DataAtom != atom.Header && isHeader(c) {
					h = c
					return true
				}
				if deep(c) {
					return true
				}
			}
			return false
		}
		if !deep(el) {
			return nil
		}
	}
	hdr := p.readHeader(h)
	p.detach(h)
	return hdr
}

// readHeader reads a content element's header: its first headline, the
// second as subheader, and the date of its <time> (which is marked as
// read, whatever language the date is printed in).
func (p *page) readHeader(h *html.Node) *umzug.Header {
	var hs []*html.Node
	var sub *html.Node // bootstrap_package's <p class="element-subheader">
	var date string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if headingLevel(c) > 0 {
				hs = append(hs, c)
				continue
			}
			if sub == nil && hasClass(attr(c, "class"), "element-subheader") {
				sub = c
				continue
			}
			if c.DataAtom == atom.Time && date == "" {
				date = isoDate(attr(c, "datetime"), cleanText(c))
				if date != "" {
					p.field(c, "date")
				}
			}
			walk(c)
		}
	}
	walk(h)
	if len(hs) == 0 {
		return nil
	}
	hdr := &umzug.Header{Text: headingText(hs[0], nil), Level: headingLevel(hs[0]), Date: date}
	if len(hs) > 1 {
		hdr.Subheader = cleanText(hs[1])
	} else if sub != nil {
		hdr.Subheader = cleanText(sub)
	}
	if hdr.Text == "" {
		return nil
	}
	return hdr
}

// kickerClass marks the roofline inside a headline ("Ernährung sichern"
// above "Schulze: …"): not part of the title.
var kickerClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:roofline|kicker|dachzeile|topline|overline|eyebrow|category|rubrik)(?:$|[\s_-])`)

// headingText returns a headline's text without a kicker inside it; the
// kicker's text is handed to setKicker when it is not nil.
func headingText(n *html.Node, setKicker func(string)) string {
	var kicker []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if kickerClass.MatchString(attr(c, "class")) {
					kicker = append(kicker, c)
					continue
				}
				find(c)
			}
		}
	}
	find(n)
	if len(kicker) == 0 {
		return cleanText(n)
	}
	full := cleanText(n)
	for _, k := range kicker {
		kt := cleanText(k)
		if setKicker != nil && kt != "" {
			setKicker(kt)
		}
		full = strings.TrimSpace(strings.Replace(full, kt, "", 1))
	}
	if full == "" {
		return cleanText(n) // the whole headline was marked; keep it
	}
	return full
}

func (p *page) headingText(n *html.Node) string {
	return headingText(n, func(k string) {
		if p.kicker == "" {
			p.kicker = k
		}
	})
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func hasClass(class, c string) bool {
	if !strings.Contains(class, c) {
		return false // most classes: no field to split off
	}
	for f := range strings.FieldsSeq(class) {
		if f == c {
			return true
		}
	}
	return false
}

func containsContentElements(el *html.Node) bool {
	return hasDescendant(el, func(n *html.Node) bool {
		return isContentElement(n) || isAnchorMarker(n) && !ownAnchor(el, n)
	})
}

// ownAnchor reports an anchor marker that opens el itself: the anchor of
// the translation's uid that fluid_styled_content and bootstrap_package
// render first in the frame of a translated element (<div id="c603"
// class="frame …"><a id="c7603"></a>…). It names el, not an element of
// its own inside el. bootstrap_package's frame puts it inside its
// wrappers (frame-group-container, frame-group-inner, frame-container,
// frame-inner; an empty background image box may come before
// frame-container): first in frame-inner, it opens el all the same.
func ownAnchor(el, a *html.Node) bool {
	for n := a; n != el; n = n.Parent {
		if n.Parent == nil {
			return false
		}
		if n != a && (n.DataAtom != atom.Div || isContentElement(n) || !frameWrapper(attr(n, "class"))) {
			return false
		}
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type != html.ElementNode || isAnchorMarker(s) {
				continue
			}
			if n != a && s.DataAtom == atom.Div && cleanText(s) == "" && !hasMedia(s) {
				continue // an empty wrapper (a background image's)
			}
			return false
		}
	}
	return true
}

// frameWrapper reports the class of one of bootstrap_package's frame
// wrappers: a class token that starts with "frame-" (frame-inner,
// frame-container, frame-group-container, …).
func frameWrapper(cls string) bool {
	for _, c := range strings.Fields(cls) {
		if strings.HasPrefix(c, "frame-") {
			return true
		}
	}
	return false
}

func hasMedia(el *html.Node) bool {
	return hasDescendant(el, func(n *html.Node) bool {
		return n.DataAtom == atom.Img || n.DataAtom == atom.Iframe || n.DataAtom == atom.Video
	})
}

// element converts a block-level element outside any content element.
func (p *page) element(el *html.Node, uid int, ctype string) {
	if uid != 0 {
		p.noteUID(uid)
	}
	if lvl := headingLevel(el); lvl > 0 {
		if t := p.headingText(el); t != "" {
			p.add(umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: t, Level: lvl}}, uid, ctype, nil)
		}
		return
	}
	if el.DataAtom == atom.Header && uid != 0 {
		// The header of an element with frame "none", announced only by
		// its <a id="c…"> anchor: its headline and subheader.
		if hdr := p.readHeader(el); hdr != nil {
			p.addHeadings(hdr, uid, ctype, nil)
			return
		}
	}
	for _, b := range p.flowNodes([]*html.Node{el}) {
		p.add(b, uid, ctype, nil)
	}
}

// flow converts the content of el (see flowNodes).
func (p *page) flow(el *html.Node) []umzug.Block {
	var nodes []*html.Node
	for c := el.FirstChild; c != nil; c = c.NextSibling {
		nodes = append(nodes, c)
	}
	return p.flowNodes(nodes)
}

// flowNodes converts mixed content (rich text with tables, figures,
// videos, forms in between) into blocks in reading order: runs of text
// become one text block, the others typed blocks.
func (p *page) flowNodes(nodes []*html.Node) []umzug.Block {
	var out []umzug.Block
	b := newPTBuilder(p.base)
	flush := func() {
		if pt := b.result(); len(pt) > 0 {
			out = append(out, umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt}})
		}
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type != html.ElementNode {
			b.node(n)
			return
		}
		if skipElement(n) {
			return
		}
		if blk := p.boxBlock(n); blk != nil {
			flush()
			out = append(out, *blk)
			return
		}
		s := goquery.NewDocumentFromNode(n).Selection
		switch {
		case n.DataAtom == atom.Table:
			flush()
			if t := p.table(s); t != nil {
				out = append(out, umzug.Block{Type: umzug.BlockTable, Table: t})
			}
			// A table's cells hold text: its pictures follow it.
			out = append(out, p.tablePictures(n)...)
			return
		case n.DataAtom == atom.Audio || (n.DataAtom == atom.Figure || n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && hasDescendant(n, isAudio):
			// An audio player (fluid_styled_content's figure.audio,
			// bootstrap_package's audio list): its files as downloads,
			// so that the file, its title and its description reach
			// the new CMS.
			if d := p.audioFiles(n); d != nil {
				flush()
				out = append(out, umzug.Block{Type: umzug.BlockDownloads, Downloads: d})
				return
			}
		case n.DataAtom == atom.Figure && hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.Iframe || d.DataAtom == atom.Video }):
			// A figure around a video (fluid_styled_content's
			// figure.video, bootstrap_package's embed): one video block
			// with the figure's caption.
			if v := p.video(s); v != nil {
				flush()
				out = append(out, umzug.Block{Type: umzug.BlockVideo, Video: v})
				return
			}
		case n.DataAtom == atom.Figure || n.DataAtom == atom.Img && !isIcon(n):
			if blk := p.media(s, ""); blk != nil {
				flush()
				out = append(out, *blk)
				return
			}
		case n.DataAtom == atom.Iframe || n.DataAtom == atom.Video || n.DataAtom == atom.Object || n.DataAtom == atom.Embed:
			flush()
			if v := p.video(s); v != nil {
				out = append(out, umzug.Block{Type: umzug.BlockVideo, Video: v})
			} else if src := p.embedSrc(s); src != "" && !socialButton(src) {
				out = append(out, p.embedBlock(n, 0, "", src))
			}
			return
		case n.DataAtom == atom.Form:
			if f := p.form(s); f != nil {
				flush()
				out = append(out, umzug.Block{Type: umzug.BlockForm, Form: f})
			}
			return
		case n.DataAtom == atom.Hr && clearerRule(n):
			return
		case n.DataAtom == atom.Hr:
			flush()
			out = append(out, umzug.Block{Type: umzug.BlockDivider, Divider: &umzug.Divider{}})
			return
		case (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && countImages(n, 1) > 0:
			// The rich text of a list has no place for a picture.
			flush()
			out = append(out, p.listMedia(n)...)
			return
		}
		if containsStructured(n) {
			// Descend so the structured parts are typed on their own.
			switch n.DataAtom {
			case atom.P, atom.Div, atom.Section, atom.Article, atom.Span, atom.A, atom.Figure, atom.Header, atom.Aside:
				b.flush()
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					visit(c)
				}
				b.flush()
				return
			}
		}
		b.node(n)
	}
	for _, n := range nodes {
		visit(n)
	}
	flush()
	return out
}

// containsStructured reports descendants that flow turns into blocks of
// their own.
func containsStructured(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		switch d.DataAtom {
		case atom.Table, atom.Figure, atom.Iframe, atom.Video, atom.Audio, atom.Form, atom.Hr, atom.Object, atom.Embed:
			return true
		case atom.Img:
			return !isIcon(d)
		}
		return false
	})
}

// isIcon reports images too small to be content (file-type icons, spacer
// gifs), judged by their declared size.
func isIcon(n *html.Node) bool {
	w, _ := strconv.Atoi(attr(n, "width"))
	h, _ := strconv.Atoi(attr(n, "height"))
	return (w > 0 && w <= 32) || (h > 0 && h <= 32)
}

// htmlFallback keeps an element that could not be typed as an html block,
// with a warning. The transform stage sanitizes the markup.
func (p *page) htmlFallback(el *html.Node, uid int, ctype string) umzug.Block {
	var sb strings.Builder
	for c := innerFrame(el).FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&sb, c)
	}
	key := "c" + strconv.Itoa(uid)
	p.warn("untyped-element", fmt.Sprintf("element %s (CType %q) could not be typed; kept as html", key, ctype), key)
	return umzug.Block{Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: strings.TrimSpace(sb.String())}}
}

// innerFrame looks through the frame wrappers of a content element
// (bootstrap_package's frame-group-container, frame-container,
// frame-inner): the element whose children are the element's content.
func innerFrame(el *html.Node) *html.Node {
	for {
		var only *html.Node
		for c := el.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if only != nil {
					return el
				}
				only = c
			} else if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return el
			}
		}
		if only == nil || only.DataAtom != atom.Div || !strings.HasPrefix(attr(only, "class"), "frame-") {
			return el
		}
		el = only
	}
}

// socialButtons are the addresses of the like, share and follow buttons
// social networks let a page embed as an iframe (not their embedded posts
// or videos, which are content).
var socialButtons = []string{"facebook.com/plugins/like.php", "facebook.com/plugins/share_button.php",
	"facebook.com/plugins/follow.php", "platform.twitter.com/widgets/tweet_button",
	"platform.twitter.com/widgets/follow_button", "plusone.google.com/", "apis.google.com/se/0/_/+1",
	"apis.google.com/u/0/se/0/_/+1"}

// socialButton reports the address of a social network's like, share or
// follow button: an embed that is page chrome, not content to rebuild.
func socialButton(src string) bool {
	return containsSubstring(strings.ToLower(src), socialButtons...)
}

// onlySocialButtons reports an element whose every embed (iframe,
// object, embed, script) is a social network's button.
func onlySocialButtons(el *html.Node) bool {
	return !hasDescendant(el, func(d *html.Node) bool {
		switch d.DataAtom {
		case atom.Iframe, atom.Object, atom.Embed, atom.Script:
			src := attr(d, "src")
			if src == "" {
				src = attr(d, "data-src")
			}
			if src == "" {
				src = attr(d, "data")
			}
			return src != "" && !socialButton(src)
		}
		return false
	})
}

// embedBlock keeps an element that embeds a third party (a map, a form
// or booking service, a widget), which no block type describes, as an html
// block, with a warning naming what it embeds so that it can be rebuilt.
func (p *page) embedBlock(el *html.Node, uid int, ctype, src string) umzug.Block {
	var sb strings.Builder
	if el.DataAtom == atom.Iframe || el.DataAtom == atom.Object || el.DataAtom == atom.Embed {
		_ = html.Render(&sb, el)
	} else {
		for c := innerFrame(el).FirstChild; c != nil; c = c.NextSibling {
			_ = html.Render(&sb, c)
		}
	}
	key := ""
	if uid != 0 {
		key = "c" + strconv.Itoa(uid)
	}
	what := "embedded content"
	if ctype != "" {
		what = fmt.Sprintf("element %s (CType %q)", key, ctype)
	}
	p.warn("embedded-content", fmt.Sprintf("%s embeds %s, which is not a video: kept as html; rebuild the embed in the new CMS", what, src), key)
	return umzug.Block{Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: strings.TrimSpace(sb.String())}}
}

func isAudio(n *html.Node) bool { return n.DataAtom == atom.Audio }

// audioFiles reads the audio players in n as files: the address of the
// <audio> element or its first <source>, the title from the item's
// heading (bootstrap_package's "audio-heading") or the player's title
// attribute, the description from "audio-description" or the figure's
// caption. A list is read only when each of its items holds a player.
func (p *page) audioFiles(n *html.Node) *umzug.Downloads {
	s := goquery.NewDocumentFromNode(n).Selection
	if n.DataAtom == atom.Ul || n.DataAtom == atom.Ol {
		items := s.ChildrenFiltered("li")
		if items.Length() == 0 || items.FilterFunction(func(_ int, li *goquery.Selection) bool { return hasDescendant(li.Nodes[0], isAudio) }).Length() != items.Length() {
			return nil
		}
	}
	d := &umzug.Downloads{}
	s.FindMatcher(css("audio")).AddBack().FilterMatcher(css("audio")).Each(func(_ int, a *goquery.Selection) {
		src := a.AttrOr("src", "")
		if src == "" {
			src = a.FindMatcher(cssFirst("source[src]")).AttrOr("src", "")
		}
		href := p.abs(src)
		if href == "" {
			return
		}
		f := umzug.File{URL: href, Title: collapseTrim(a.AttrOr("title", ""))}
		if item := a.ClosestMatcher(css("li, figure")); item.Length() > 0 && (item.Nodes[0] == n || isAncestor(n, item.Nodes[0])) {
			if t := text(item.FindMatcher(cssFirst(".audio-heading, h1, h2, h3, h4, h5, h6")).First()); t != "" {
				f.Title = t
			}
			f.Description = text(item.FindMatcher(cssFirst(".audio-description, figcaption")).First())
		}
		if name, format := fileNameFormat(href); name != "" {
			f.FileName, f.Format = name, format
		}
		if f.Title == "" {
			f.Title = f.FileName
		}
		d.Items = append(d.Items, f)
	})
	if len(d.Items) == 0 {
		return nil
	}
	return d
}

// quoteOf returns the quotation a content element is: the blockquote of
// bootstrap_package's quote CType (Quote.html: <blockquote cite><p>text
// </p><footer><a>source</a></footer>), or of any element whose one
// piece of content (its header aside) is a blockquote with its source
// (quoteSource), also inside a <figure> with the source in its
// <figcaption> (Bootstrap's markup of a quote, as editors paste it).
func quoteOf(el *html.Node, ctype string) *html.Node {
	bqs := elementsOf(el, atom.Blockquote)
	if len(bqs) == 0 {
		return nil
	}
	bq := bqs[0]
	for _, o := range bqs[1:] {
		if !isAncestor(bq, o) {
			return nil // several quotes: text with quotes in it
		}
	}
	if ctype == "quote" {
		return bq
	}
	if quoteSource(bq) == nil {
		return nil
	}
	// Nothing but the quote (and the element's header, read before).
	outer := bq
	if f := bq.Parent; f != nil && f.DataAtom == atom.Figure {
		outer = f
	}
	if len(collapseTrim(textOf(el))) != len(collapseTrim(textOf(outer))) {
		return nil
	}
	return bq
}

// quoteSource returns the element that names a quotation's source: the
// blockquote's <footer> (bootstrap_package, Bootstrap 4's
// blockquote-footer) or an element named a source ("quote-source",
// "quote-author", "blockquote-footer"), a closing paragraph that is only a
// <cite>, or the <figcaption> of the <figure> around it.
func quoteSource(bq *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			cls := strings.ToLower(attr(c, "class"))
			if c.DataAtom == atom.Footer || c.DataAtom == atom.Figcaption || containsSubstring(cls, "blockquote-footer", "quote-source", "quote-author", "quote-cite", "zitat-quelle", "zitat-autor") {
				found = c
				return
			}
			walk(c)
		}
	}
	walk(bq)
	if found != nil {
		return found
	}
	if last := lastElementChild(bq); last != nil && last != firstElementChild(bq) {
		if cite := firstElementChild(last); cite != nil && cite.DataAtom == atom.Cite && cite == lastElementChild(last) && len(collapseTrim(textOf(cite))) == len(collapseTrim(textOf(last))) {
			return last
		}
		if last.DataAtom == atom.Cite {
			return last
		}
	}
	if f := bq.Parent; f != nil && f.DataAtom == atom.Figure {
		for c := f.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Figcaption && c.Type == html.ElementNode {
				return c
			}
		}
	}
	return nil
}

// firstElementChild and lastElementChild return n's first and last
// element children (nil when it has none).
func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func lastElementChild(n *html.Node) *html.Node {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// clearerRule reports an <hr> that a template puts in to clear floats, no
// divider an editor drew: its class names a clearer ("clearer", "clear",
// tt_news' "cl-right" and "cl-left" after a floated image or box).
func clearerRule(n *html.Node) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		c = strings.ToLower(c)
		if strings.HasPrefix(c, "clear") || c == "cl-right" || c == "cl-left" || c == "cl-both" {
			return true
		}
	}
	return false
}
