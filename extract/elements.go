package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// renderError matches CMS and template errors rendered in place of an
// element (see docs/typo3-markup: TYPO3 core, css_styled_content, mask,
// Fluid, Extbase).
var renderError = regexp.MustCompile(`(?i)has no rendering definition|MASK ERROR|Oops, an error occurred!|Tried resolving a template file|could not be resolved|Sorry, the requested view was not found|An error occurred while trying to call`)

var frameTypeRe = regexp.MustCompile(`(?:^|\s)frame-type-([A-Za-z0-9_\-]+)`)
var frameBgRe = regexp.MustCompile(`(?:^|\s)frame-(?:background|bg|layout)-([a-z]+[a-z0-9-]*)`)

func frameType(class string) string {
	if m := frameTypeRe.FindStringSubmatch(class); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
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
	text := cleanText(el)
	if len(text) < 600 && renderError.MatchString(text) {
		key := "c" + strconv.Itoa(uid)
		p.warn("broken-element", fmt.Sprintf("content element %s (%s) rendered as a CMS error: %q", key, ctype, truncate(text, 200)), key)
		return
	}
	hdr := p.takeHeader(el)
	if ctype == "shortcut" || containsContentElements(el) {
		// Containers (grids, shortcuts) hold elements of their own.
		if hdr != nil {
			p.add(umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: hdr.Text, Level: hdr.Level}}, uid, ctype, el)
		}
		p.walk(el)
		return
	}
	blocks := p.typed(el, ctype)
	if len(blocks) == 0 {
		if hdr != nil {
			p.add(umzug.Block{Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: hdr.Text, Level: hdr.Level}}, uid, ctype, el)
			return
		}
		if strings.TrimSpace(text) == "" && !hasMedia(el) {
			p.warn("empty-element", fmt.Sprintf("content element c%d (%s) has no content", uid, ctype), "c"+strconv.Itoa(uid))
			return
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

// cscType reads the CType of a css_styled_content element from its
// classes (csc-textpic, csc-uploads, …); "" when there is no hint.
func cscType(el *html.Node) string {
	s := goquery.NewDocumentFromNode(el).Selection
	switch {
	case s.Find(".csc-textpic").Length() > 0:
		return "textpic"
	case s.Find(".csc-uploads").Length() > 0:
		return "uploads"
	case s.Find(".csc-menu").Length() > 0:
		return "menu"
	case s.Find("table.contenttable").Length() > 0:
		return "table"
	}
	return ""
}

// typed converts the content of an element (its header already taken)
// into typed blocks, guided by the CType and by the markup.
func (p *page) typed(el *html.Node, ctype string) []umzug.Block {
	s := goquery.NewDocumentFromNode(el).Selection
	class := attr(el, "class")
	switch {
	case ctype == "header":
		return nil
	case ctype == "div" || (s.Find("hr").Length() == 1 && cleanText(el) == ""):
		return []umzug.Block{{Type: umzug.BlockDivider, Divider: &umzug.Divider{}}}
	case strings.Contains(ctype, "upload") || s.Find(".ce-uploads, .csc-uploads").Length() > 0:
		if d := p.downloads(s); d != nil {
			return []umzug.Block{{Type: umzug.BlockDownloads, Downloads: d}}
		}
	case strings.HasPrefix(ctype, "menu"):
		if l := p.linkList(s); l != nil {
			return []umzug.Block{{Type: umzug.BlockLinkList, LinkList: l}}
		}
	case strings.Contains(ctype, "form") || ctype == "mailform" || strings.HasPrefix(ctype, "powermail"):
		if f := p.form(s); f != nil {
			return []umzug.Block{{Type: umzug.BlockForm, Form: f}}
		}
	}
	if a := p.accordion(s, ctype); a != nil {
		return []umzug.Block{{Type: umzug.BlockAccordion, Accordion: a}}
	}
	if t := p.tabs(s); t != nil {
		return []umzug.Block{{Type: umzug.BlockTabs, Tabs: t}}
	}
	if t := p.timeline(s, ctype); t != nil {
		return []umzug.Block{{Type: umzug.BlockTimeline, Timeline: t}}
	}
	if b := p.slider(s, ctype); b != nil {
		return []umzug.Block{*b}
	}
	if t := p.teasers(s, ctype); t != nil {
		return []umzug.Block{{Type: umzug.BlockTeaser, Teaser: t}}
	}
	if f := p.form(s); f != nil {
		return []umzug.Block{{Type: umzug.BlockForm, Form: f}}
	}
	if b := p.media(s, ctype); b != nil {
		return []umzug.Block{*b}
	}
	blocks := p.flow(el)
	if v := infoBoxVariant(class); v != "" && len(blocks) > 0 && allText(blocks) {
		var body umzug.PortableText
		for _, b := range blocks {
			body = append(body, b.Text.Body...)
		}
		rekey(body)
		return []umzug.Block{{Type: umzug.BlockInfoBox, InfoBox: &umzug.InfoBox{Variant: v, Body: body}}}
	}
	if ctype == "quote" && len(blocks) == 1 && blocks[0].Type == umzug.BlockText {
		return []umzug.Block{{Type: umzug.BlockQuote, Quote: &umzug.Quote{Body: blocks[0].Text.Body}}}
	}
	return blocks
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

// infoBoxVariant returns the colour variant of a highlighted frame
// (bootstrap_package frame-background-*, "box"/"infobox"/"alert" classes).
func infoBoxVariant(class string) string {
	if m := frameBgRe.FindStringSubmatch(class); m != nil {
		switch m[1] {
		case "none", "default", "0", "1", "2", "3", "embedded":
		default:
			return m[1]
		}
	}
	for _, c := range strings.Fields(class) {
		switch c {
		case "infobox", "info-box", "box", "alert", "callout", "hinweis":
			return "default"
		}
		if strings.HasPrefix(c, "alert-") || strings.HasPrefix(c, "box-") {
			return strings.SplitN(c, "-", 2)[1]
		}
	}
	return ""
}

// takeHeader takes the element's header (FSC <header>, CSC csc-header)
// out of it and returns it.
func (p *page) takeHeader(el *html.Node) *umzug.Header {
	var h *html.Node
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isContentElement(c) {
				continue
			}
			cls := attr(c, "class")
			if c.DataAtom == atom.Header || hasClass(cls, "csc-header") || hasClass(cls, "ce-header") {
				h = c
				return true
			}
			// Only descend into wrappers (frame-container, frame-inner).
			if c.DataAtom == atom.Div && !hasClass(cls, "ce-bodytext") && find(c) {
				return true
			}
			return false
		}
		return false
	}
	if !find(el) {
		return nil
	}
	var hs []*html.Node
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
			if c.DataAtom == atom.Time && date == "" {
				date = attr(c, "datetime")
				if date == "" {
					if pd, err := ParseGermanDate(cleanText(c)); err == nil {
						date = pd.Value
					}
				}
			}
			walk(c)
		}
	}
	walk(h)
	p.detach(h)
	if len(hs) == 0 {
		return nil
	}
	hdr := &umzug.Header{Text: headingText(hs[0], nil), Level: headingLevel(hs[0]), Date: date}
	if len(hs) > 1 {
		hdr.Subheader = cleanText(hs[1])
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
	for _, f := range strings.Fields(class) {
		if f == c {
			return true
		}
	}
	return false
}

func containsContentElements(el *html.Node) bool {
	return hasDescendant(el, func(n *html.Node) bool { return isContentElement(n) })
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
		s := goquery.NewDocumentFromNode(n).Selection
		switch {
		case n.DataAtom == atom.Table:
			flush()
			if t := p.table(s); t != nil {
				out = append(out, umzug.Block{Type: umzug.BlockTable, Table: t})
			}
			return
		case n.DataAtom == atom.Figure || n.DataAtom == atom.Img && !isIcon(n):
			if blk := p.media(s, ""); blk != nil {
				flush()
				out = append(out, *blk)
				return
			}
		case n.DataAtom == atom.Iframe || n.DataAtom == atom.Video:
			if v := p.video(s); v != nil {
				flush()
				out = append(out, umzug.Block{Type: umzug.BlockVideo, Video: v})
			}
			return
		case n.DataAtom == atom.Form:
			if f := p.form(s); f != nil {
				flush()
				out = append(out, umzug.Block{Type: umzug.BlockForm, Form: f})
			}
			return
		case n.DataAtom == atom.Hr:
			flush()
			out = append(out, umzug.Block{Type: umzug.BlockDivider, Divider: &umzug.Divider{}})
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
		case atom.Table, atom.Figure, atom.Iframe, atom.Video, atom.Form, atom.Hr:
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
	for c := el.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&sb, c)
	}
	key := "c" + strconv.Itoa(uid)
	p.warn("untyped-element", fmt.Sprintf("element %s (CType %q) could not be typed; kept as html", key, ctype), key)
	return umzug.Block{Type: umzug.BlockHTML, HTML: &umzug.HTML{HTML: strings.TrimSpace(sb.String())}}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
