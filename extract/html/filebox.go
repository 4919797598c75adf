package html

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// A box of file links in the main content (Government Site Builder's
// `div.sectionRelated.downloads`, a "related files" box of other
// templates) carries the page's downloads: the class word "related" or
// its density of links would drop it as related content or a link box.
// Such a box is kept and becomes a downloads block; on a press release
// its files are the release's attachments.

// fileLink reports a link to a file of the site rather than a page: by
// the extension of its path (documents, archives, media; not pictures,
// which a gallery links to its large version), by the Government Site
// Builder's blob address (`?__blob=publicationFile`), by Contao's
// download address (the page with `?file=files/….pdf`), by the media
// type a link declares (`type="application/pdf"`: Drupal's file field,
// Contao's download elements), or by the class a CMS gives file links
// (RichTextDownloadLink, FileLink, download).
func fileLink(a *html.Node) bool {
	href := attr(a, "href")
	if href == "" {
		return false
	}
	if strings.Contains(href, "__blob=publicationFile") {
		return true
	}
	ext := path.Ext(strings.ToLower(pathOf(href)))
	if umzug.IsLinkedFileExt(ext) && !umzug.IsPictureExt(ext) {
		return true
	}
	if ext := path.Ext(strings.ToLower(fileParam(href))); umzug.IsLinkedFileExt(ext) && !umzug.IsPictureExt(ext) {
		return true
	}
	if t := strings.ToLower(strings.TrimSpace(attr(a, "type"))); strings.HasPrefix(t, "application/") && !strings.Contains(t, "html") && !strings.HasSuffix(t, "+xml") {
		// not a page or a feed (application/xhtml+xml, rss+xml, atom+xml)
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(attr(a, "class"))) {
		if strings.Contains(w, "download") || strings.Contains(w, "filelink") {
			return true
		}
	}
	return false
}

// fileParam returns the file a download address names in its query
// (Contao sends a file of its file manager through the page that lists
// it: `seite.html?file=files/downloads/richtlinie.pdf`), or "".
func fileParam(href string) string {
	q := strings.IndexByte(href, '?')
	if q < 0 {
		return ""
	}
	query := href[q+1:]
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query = query[:h]
	}
	for _, kv := range strings.Split(query, "&") {
		if v, ok := strings.CutPrefix(kv, "file="); ok && v != "" {
			if u, err := url.QueryUnescape(v); err == nil {
				return u
			}
			return v
		}
	}
	return ""
}

// fileBox reports a box whose links are mostly links to files, with
// little text of its own besides them (a headline, size labels; no line
// of a blurb): the page's downloads. Pictures, tables and forms make it
// something else.
func fileBox(n *html.Node) bool {
	links, files, own := 0, 0, 0
	other := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !other; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := nonSpace(c.Data)
				own += k
				if k > 60 {
					other = true // a blurb: a teaser of a document, not a file list
					return
				}
			case html.ElementNode:
				if isInvisible(c) {
					continue
				}
				switch c.DataAtom {
				case atom.A:
					if attr(c, "href") != "" && cleanText(c) != "" {
						links++
						if fileLink(c) {
							files++
						}
					}
					continue // its text is the file's title and label
				case atom.Img, atom.Picture, atom.Table, atom.Form, atom.Iframe, atom.Video:
					other = true
					return
				}
				walk(c)
			}
		}
	}
	walk(n)
	return !other && files > 0 && 2*files > links && own <= 300
}

// rescueFileBox keeps a box that pruning would drop for its verdict
// (related content, a link box) when it is a box of files; the walk then
// converts it as downloads.
func (p *page) rescueFileBox(n *html.Node, reason string) bool {
	if reason != umzug.DropRelated && reason != umzug.DropLinks || !fileBox(n) {
		return false
	}
	if p.fileBoxes == nil {
		p.fileBoxes = map[*html.Node]bool{}
	}
	p.fileBoxes[n] = true
	return true
}

// fileBoxBlock converts a rescued box of files into a downloads block,
// its first headline the block's header.
func (p *page) fileBoxBlock(el *html.Node) {
	var hdr *umzug.Header
	if h := firstHeading(el); h != nil {
		if t := p.headingText(h); t != "" {
			hdr = &umzug.Header{Text: t, Level: headingLevel(h)}
		}
	} else if lh, ok := p.fileListHeads[el]; ok {
		hdr = lh.header
	}
	d := p.boxFiles(el)
	if len(d.Items) == 0 {
		p.element(el, 0, "")
		return
	}
	if p.fileBoxKeys == nil {
		p.fileBoxKeys = map[string]*html.Node{}
	}
	p.fileBoxKeys["b"+strconv.Itoa(len(p.blocks)+1)] = el
	p.add(umzug.Block{Type: umzug.BlockDownloads, Header: hdr, Downloads: d}, 0, "", el)
}

// downloadList reports a list or a box outside content elements that
// holds nothing but links to files, one to an item, with at most a size
// label beside each and a short label or headline over them: Contao's
// download elements (`ce_downloads`, `ce_download`, a news item's
// `enclosure`), Drupal's file field (`field--type-file`), a list of files
// in a rich text body ("Öffnungszeiten (PDF, 120 KB)"). The walk made
// them a text list of links, so a press release's files stayed in its
// body instead of its attachments. The files are the site's own (base's
// host): a list of documents elsewhere (a parliament's printed papers,
// a tournament's draw) is a list of links. A link around a headline is
// the headline's. Pictures (file previews), tables, forms, a line of
// prose or an item of several links make it something else.
func downloadList(n *html.Node, base *url.URL) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Div, atom.Section:
	default:
		return false // a paragraph that is a link to a file is a sentence of the text
	}
	files, own := 0, 0
	other := false
	first, oneFile := "", true // the first file's address; all links go there
	var walk func(n *html.Node, item *html.Node)
	walk = func(n *html.Node, item *html.Node) {
		for c := n.FirstChild; c != nil && !other; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := nonSpace(c.Data)
				own += k
				if k > 40 {
					other = true // a line of prose, not a size label
				}
			case html.ElementNode:
				if isInvisible(c) {
					continue
				}
				switch c.DataAtom {
				case atom.A:
					if attr(c, "href") == "" || cleanText(c) == "" {
						continue
					}
					if !fileLink(c) || item != nil && countLinks(item) > 1 || !sameSite(attr(c, "href"), base) ||
						hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) > 0 }) {
						other = true
						return
					}
					if files == 0 {
						first = attr(c, "href")
					} else if attr(c, "href") != first {
						oneFile = false
					}
					files++
					continue
				case atom.Img, atom.Picture, atom.Table, atom.Form, atom.Iframe, atom.Video, atom.Audio, atom.Figure:
					other = true
					return
				case atom.H1:
					other = true // the page's headline: an article, not its files
					return
				case atom.Li:
					if countLinks(c) == 0 {
						other = true
						return
					}
					walk(c, c)
					continue
				}
				if headingLevel(c) > 0 {
					if countLinks(c) > 0 || len(cleanText(c)) > 80 {
						other = true
					}
					continue
				}
				walk(c, item)
			}
		}
	}
	walk(n, nil)
	if files > 1 && oneFile {
		return false // one file's name and its button: a file box (fileButtonBox)
	}
	return !other && files > 0 && own <= 40*files+60
}

// sameSite reports a link to base's host (or a relative one); a
// leading "www." does not count.
func sameSite(href string, base *url.URL) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	if u.Host == "" || base == nil {
		return u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "file"
	}
	return strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(base.Host, "www."))
}

// countLinks counts the links with an address and a text inside n.
func countLinks(n *html.Node) int {
	k := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A && attr(c, "href") != "" && cleanText(c) != "" {
				k++
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return k
}

// downloadListBlock converts a list of files (downloadList) into a
// downloads block. Its header is its own headline, else the label over
// its items (Drupal's `field__label`: a short line without a link before
// the first file), else the headline right before it that the walk made
// the last block ("Downloads" over a list of files in a body) when the
// list ends its section: a headline whose section goes on after the list
// ("Unterlagen" over the files and a paragraph on them) stays a headline.
func (p *page) downloadListBlock(el *html.Node) {
	if firstHeading(el) == nil {
		if lbl := fileListLabel(el); lbl != nil {
			p.fileListHead(el, lbl, &umzug.Header{Text: cleanText(lbl)})
		} else if h := prevElement(el); h != nil && headingLevel(h) > 1 && len(p.blocks) > 0 && endsSection(el, headingLevel(h)) {
			last := p.blocks[len(p.blocks)-1]
			if last.Type == umzug.BlockHeading && last.Heading != nil && p.blockSrc[last.Key] == h {
				p.blocks = p.blocks[:len(p.blocks)-1]
				p.fileListHead(el, h, &umzug.Header{Text: last.Heading.Text, Level: last.Heading.Level})
			}
		}
	}
	p.fileBoxBlock(el)
}

// endsSection reports whether what follows el among its siblings is
// nothing or opens with a headline of level or higher (a headline, a box
// under its own headline).
func endsSection(el *html.Node, level int) bool {
	next := nextElement(el)
	for next != nil && isInvisible(next) {
		next = nextElement(next)
	}
	if next == nil || headingLevel(next) > 0 {
		return next == nil || headingLevel(next) <= level
	}
	h := firstHeading(next)
	return h != nil && headingLevel(h) <= level && strings.HasPrefix(cleanText(next), cleanText(h))
}

// fileListHead records the header a list of files takes from outside its
// headline: the label element or headline node (for the accounting of
// attachments) and the header fileBoxBlock gives the block.
func (p *page) fileListHead(el, head *html.Node, hdr *umzug.Header) {
	if p.fileListHeads == nil {
		p.fileListHeads = map[*html.Node]fileHead{}
	}
	p.fileListHeads[el] = fileHead{node: head, header: hdr}
}

// fileHead is the header of a list of files read from a label or
// from the headline before it.
type fileHead struct {
	node   *html.Node
	header *umzug.Header
}

// fileListLabel returns the element that labels a list of files: a
// short line without a link (at most 60 characters, not a headline: that
// is firstHeading's) that comes before the list's first link, a child of
// el or of the wrappers el holds alone (a Drupal paragraph in its field
// item: its title field over its documents field).
func fileListLabel(el *html.Node) *html.Node {
	for {
		only := soleChild(el)
		if only == nil || only.DataAtom != atom.Div && only.DataAtom != atom.Section && only.DataAtom != atom.Article {
			break // a list's only item, a link: no wrapper
		}
		el = only
	}
	for c := el.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && nonSpace(c.Data) > 0 {
			return nil
		}
		if c.Type != html.ElementNode || isInvisible(c) {
			continue
		}
		if c.DataAtom == atom.A || countLinks(c) > 0 || c.DataAtom == atom.Li || c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
			return nil
		}
		if t := cleanText(c); t != "" && len(t) <= 60 && c.DataAtom != atom.Span {
			return c
		}
		return nil
	}
	return nil
}

// fileItem returns the largest element around a file link inside box
// that holds no other link: the item whose text beside the link is the
// file's size (Drupal's `field__item`: the link in a span, the size in
// the span after it); the link itself when its parent holds others.
func fileItem(a, box *html.Node) *html.Node {
	item := a
	for p := a.Parent; p != nil && p != box && countLinks(p) == 1; p = p.Parent {
		item = p
	}
	return item
}

// soleChild returns the one element child of n when n holds nothing
// else with text, nil otherwise.
func soleChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && nonSpace(c.Data) > 0:
			return nil
		case c.Type == html.ElementNode && only != nil:
			return nil
		case c.Type == html.ElementNode:
			only = c
		}
	}
	return only
}

// boxFiles reads the files of a box of files: its list items, else each
// file link with the element around it that holds no other link.
func (p *page) boxFiles(el *html.Node) *umzug.Downloads {
	s := goquery.NewDocumentFromNode(el).Selection
	if d := p.downloads(s); d != nil {
		return d
	}
	d := &umzug.Downloads{}
	s.FindMatcher(css("a[href]")).Each(func(_ int, a *goquery.Selection) {
		if fileLink(a.Nodes[0]) {
			if f := p.fileOf(a, goquery.NewDocumentFromNode(fileItem(a.Nodes[0], el)).Selection); f.URL != "" {
				d.Items = append(d.Items, f)
			}
		}
	})
	return d
}

// filesCoverText reports whether the downloads block of a list of files
// would hold all of its text: its headline or label, each file's title,
// format, size and note; what is left is punctuation. A line beside the
// files ("Bitte füllen Sie den Antrag vollständig aus.") would otherwise
// be lost: such a list stays running text.
func (p *page) filesCoverText(el *html.Node) bool {
	rest := cleanText(el)
	cut := func(t string) {
		if t = collapseTrim(t); t != "" {
			rest = strings.Replace(rest, t, " ", 1)
		}
	}
	if h := firstHeading(el); h != nil {
		cut(cleanText(h))
	} else if lbl := fileListLabel(el); lbl != nil {
		cut(cleanText(lbl))
	}
	for _, f := range p.boxFiles(el).Items {
		cut(f.Title)
		cut(f.SizeText)
		cut(f.Description)
		cut(f.Format)
	}
	for _, r := range rest {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// firstHeading returns the first headline inside el, before any link.
func firstHeading(el *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) {
				continue
			}
			if headingLevel(c) > 0 {
				found = c
				return true
			}
			if c.DataAtom == atom.A || walk(c) {
				return true
			}
		}
		return false
	}
	walk(el)
	return found
}

// attachFileBoxes makes the files of the rescued boxes a press release's
// attachments (as a news record's related files are): the blocks leave
// the body.
func (p *page) attachFileBoxes() {
	pr := p.d.PressRelease
	if pr == nil || len(p.fileBoxKeys) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, f := range pr.Attachments {
		seen[f.URL] = true
	}
	out := p.blocks[:0:0]
	for _, b := range p.blocks {
		el := p.fileBoxKeys[b.Key]
		if b.Type != umzug.BlockDownloads || el == nil {
			out = append(out, b)
			continue
		}
		p.field(el, "attachments") // the box's headline and labels with it
		if lh, ok := p.fileListHeads[el]; ok && !attached(lh.node, el) {
			p.field(lh.node, "attachments") // the headline before the list
		}
		for _, f := range b.Downloads.Items {
			if !seen[f.URL] {
				seen[f.URL] = true
				pr.Attachments = append(pr.Attachments, f)
			}
		}
	}
	p.blocks = out
}

// sizeInTitle matches a size label in parentheses that ends a file
// link's text: "Förderrichtlinie (PDF, 245 KB)".
var sizeInTitle = regexp.MustCompile(`\s*\(([^()]*)\)\s*$`)

// titleWithoutSize removes the label that holds the file's size from the
// end of its title.
func titleWithoutSize(title, sizeText string) string {
	if sizeText == "" {
		return title
	}
	m := sizeInTitleIndex(title)
	if m == nil || !strings.Contains(title[m[2]:m[3]], sizeText) || m[0] == 0 {
		return title
	}
	return strings.TrimSpace(title[:m[0]])
}

// sizeInTitleIndex is sizeInTitle.FindStringSubmatchIndex(title), read by
// hand (the expression is not anchored at its start, so the backtracker
// tried it at every byte): the label is the last pair of parentheses,
// with no parenthesis inside, and only white space after it; the match
// begins with the white space before it.
func sizeInTitleIndex(title string) []int {
	end := len(title)
	for end > 0 && isRegexpSpace(title[end-1]) {
		end--
	}
	if end == 0 || title[end-1] != ')' {
		return nil
	}
	open := strings.LastIndexAny(title[:end-1], "()")
	if open < 0 || title[open] != '(' {
		return nil
	}
	start := open
	for start > 0 && isRegexpSpace(title[start-1]) {
		start--
	}
	return []int{start, len(title), open + 1, end - 1}
}

// infoNote returns what a file's info label says besides its format and
// size ("PDF | 38 KB | Datei ist nicht barrierefrei": "Datei ist nicht
// barrierefrei"), read from an element named for it (GSB's
// `c-download-list__info`, `fileInfo`) beside the link; "" when it says
// nothing more.
func infoNote(a, item *goquery.Selection, f umzug.File) string {
	var note string
	item.FindMatcher(css(`[class*="info" i]`)).EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if insideSel(a, e) || insideSel(e, a) {
			return true
		}
		var parts []string
		for _, part := range splitInfo(text(e)) {
			part = strings.Trim(part, " ()-–")
			if part != "" && !strings.EqualFold(part, f.Format) && part != f.SizeText {
				parts = append(parts, part)
			}
		}
		note = strings.Join(parts, ", ")
		return false
	})
	if echoKey(note) == "" || len(note) > 200 {
		return ""
	}
	return note
}

// splitInfo splits a file's info label at "|", ";" and at commas that
// are no decimal commas ("PDF, 2,2 MB, barrierefrei").
func splitInfo(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '|' || c == ';' || c == ',' && !(i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])) {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
