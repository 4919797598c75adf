package html

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// Extraction takes elements out of the parsed page as it goes (the
// boilerplate it drops, a content element's header it has read), so that
// the converters after it do not see them. Every such change is recorded
// and undone when the page is done: the caller gets its tree back as
// parsed, and the accounting reads the whole page.

// treeEdit records one detached node and where it was, or (inserted)
// a node put in that restore takes out again.
type treeEdit struct {
	n, parent, next *html.Node
	inserted        bool
}

// droppedNode is an element left out of the document, with the reason.
type droppedNode struct {
	n      *html.Node
	reason string
	// others: the element is about other pages (a list item's category
	// line, the site's category menu), so its terms are not the page's
	// taxonomy (readTaxonomy).
	others bool
}

// detach takes n out of the tree, to be put back by restore.
func (p *page) detach(n *html.Node) {
	if n.Parent == nil {
		return
	}
	p.edits = append(p.edits, treeEdit{n: n, parent: n.Parent, next: n.NextSibling})
	n.Parent.RemoveChild(n)
}

// drop takes n out of the tree as boilerplate with the reason.
func (p *page) drop(n *html.Node, reason string) {
	if n.Parent == nil {
		return
	}
	p.dropped = append(p.dropped, droppedNode{n: n, reason: reason})
	parent, next := n.Parent, n.NextSibling
	space := reason == umzug.DropScreenOnly && separatesWords(n)
	p.detach(n)
	if space {
		// "<span>Zugverkehr</span><span class=visually-hidden>: </span>
		// <span>Im ICE …</span>": the kicker and the headline are two
		// words (the screen shows them on two lines), not one.
		sp := &html.Node{Type: html.TextNode, Data: " "}
		parent.InsertBefore(sp, next)
		p.edits = append(p.edits, treeEdit{n: sp, parent: parent, inserted: true})
	}
}

// separatesWords reports an inline element whose text holds white space
// and that stands between two pieces of text with none at its edges:
// taken out, it would glue them into one word.
func separatesWords(n *html.Node) bool {
	if !inlineAtoms[n.DataAtom] {
		return false
	}
	var arr [64]byte
	t := appendTextOf(arr[:0], n)
	if len(t) > 32 || len(bytes.TrimSpace(t)) == len(t) {
		return false
	}
	return endsInText(n.PrevSibling) && startsInText(n.NextSibling)
}

// endsInText reports a node whose text ends in something other than
// white space (nothing keeps it apart from what follows it).
func endsInText(n *html.Node) bool {
	for n != nil && n.Type == html.ElementNode && n.LastChild != nil {
		n = n.LastChild
	}
	if n == nil || n.Type != html.TextNode || n.Data == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(n.Data)
	return !unicode.IsSpace(r)
}

// startsInText is endsInText for the start of n's text.
func startsInText(n *html.Node) bool {
	for n != nil && n.Type == html.ElementNode && n.FirstChild != nil {
		n = n.FirstChild
	}
	if n == nil || n.Type != html.TextNode || n.Data == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(n.Data)
	return !unicode.IsSpace(r)
}

// restore undoes every detach, newest first, so each node returns to its
// parent before the sibling it preceded.
func (p *page) restore() {
	for i := len(p.edits) - 1; i >= 0; i-- {
		e := p.edits[i]
		if e.inserted {
			e.parent.RemoveChild(e.n)
			continue
		}
		if e.next != nil && e.next.Parent != e.parent {
			e.next = nil // cannot happen when undone in order; stay safe
		}
		e.parent.InsertBefore(e.n, e.next)
	}
	p.edits = nil
}
