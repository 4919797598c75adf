package html

import (
	"path"
	"regexp"
	"strconv"
	"strings"

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
// Builder's blob address (`?__blob=publicationFile`), or by the class a
// CMS gives file links (RichTextDownloadLink, FileLink, download).
func fileLink(a *html.Node) bool {
	href := attr(a, "href")
	if href == "" {
		return false
	}
	if strings.Contains(href, "__blob=publicationFile") {
		return true
	}
	ext := path.Ext(strings.ToLower(pathOf(href)))
	if umzug.IsFileExt(ext) && !umzug.IsPictureExt(ext) {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(attr(a, "class"))) {
		if strings.Contains(w, "download") || strings.Contains(w, "filelink") {
			return true
		}
	}
	return false
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
	}
	s := goquery.NewDocumentFromNode(el).Selection
	d := p.downloads(s)
	if d == nil {
		d = &umzug.Downloads{}
		s.FindMatcher(css("a[href]")).Each(func(_ int, a *goquery.Selection) {
			if fileLink(a.Nodes[0]) {
				if f := p.fileOf(a, a); f.URL != "" {
					d.Items = append(d.Items, f)
				}
			}
		})
	}
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
