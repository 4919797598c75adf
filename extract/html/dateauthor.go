package html

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// dateAuthorRe matches a line of a date, a separator and a name: the
// byline a blog's intro prints under the headline and lead ("21.05.2024
// - Lena Vogt", Neos.Demo's BlogIntro: `{date} - {author}`).
var dateAuthorRe = regexp.MustCompile(`^(\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+\.?)\s*\d{4})\s*[-–—|·]\s*(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){1,3})$`)

// dateAuthorLine drops, as meta, a paragraph among the first three blocks
// that is only the page's date pub and its author's name after a
// separator: the date is the document's field, the byline no text of the
// new page. The name must be one the page's metadata names as its author
// (`<meta name="author">`, JSON-LD's author), so a date over a title
// ("21.05.2024 - Neue Regeln") stays.
func (p *page) dateAuthorLine(pub string) {
	var authors []string
	for i := 0; i < len(p.blocks) && i < 3; i++ {
		b := &p.blocks[i]
		if b.Type != umzug.BlockText || b.Header != nil {
			continue
		}
		for j := 0; j < len(b.Text.Body); j++ {
			pb := b.Text.Body[j]
			if pb.ListItem != "" || pb.Style != "normal" || len(pb.MarkDefs) > 0 {
				continue
			}
			t := collapseTrim(pb.PlainText())
			m := dateAuthorRe.FindStringSubmatch(t)
			if m == nil || bareDate(m[1], false) != pub[:10] {
				continue
			}
			if authors == nil {
				authors = append(pageAuthors(p.idx), "")
			}
			if !containsFold(authors, m[2]) {
				continue
			}
			el := p.paragraphOf(b.Key, t)
			if el == nil {
				continue
			}
			p.drop(el, umzug.DropMeta)
			b.Text.Body = append(b.Text.Body[:j:j], b.Text.Body[j+1:]...)
			rekey(b.Text.Body)
			j--
		}
		if len(b.Text.Body) == 0 {
			p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
			i--
		}
	}
}

// paragraphOf returns the paragraph element with the text t in the
// element block key came from (or that element itself), nil when there is
// none.
func (p *page) paragraphOf(key, t string) *html.Node {
	src := p.blockSrc[key]
	if src == nil {
		return nil
	}
	var found *html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Div) {
			if s, short := textUpTo(n, 80); short && collapseTrim(s) == t {
				found = n
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	// A text block of loose paragraphs comes from its first one: the
	// line may be one of the next.
	for n, k := src, 0; n != nil && k < 8; n, k = n.NextSibling, k+1 {
		if walk(n) {
			break
		}
	}
	return found
}

// containsFold reports whether s is one of list, compared without case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if x != "" && strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// pageAuthors returns the names the page's metadata gives as its author:
// `<meta name="author">` and the author of its JSON-LD (a string, a
// Person's name, or a list of them).
func pageAuthors(idx *pageIndex) []string {
	var out []string
	for _, n := range idx.metas {
		if strings.EqualFold(attr(n, "name"), "author") {
			if v := collapseTrim(attr(n, "content")); v != "" {
				out = append(out, v)
			}
		}
	}
	var walk func(v any, author bool, depth int)
	walk = func(v any, author bool, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case string:
			if author && x != "" {
				out = append(out, collapseTrim(x))
			}
		case map[string]any:
			if author {
				walk(x["name"], true, depth+1)
				return
			}
			walk(x["author"], true, depth+1)
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				walk(x[k], false, depth+1)
			}
		case []any:
			for _, e := range x {
				walk(e, author, depth+1)
			}
		}
	}
	for _, v := range idx.ldJSONValues() {
		walk(v, false, 0)
	}
	return out
}
