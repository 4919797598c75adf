package html

import (
	"golang.org/x/net/html"
)

// Extraction takes elements out of the parsed page as it goes (the
// boilerplate it drops, a content element's header it has read), so that
// the converters after it do not see them. Every such change is recorded
// and undone when the page is done: the caller gets its tree back as
// parsed, and the accounting reads the whole page.

// treeEdit records one detached node and where it was.
type treeEdit struct {
	n, parent, next *html.Node
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
	p.detach(n)
}

// restore undoes every detach, newest first, so each node returns to its
// parent before the sibling it preceded.
func (p *page) restore() {
	for i := len(p.edits) - 1; i >= 0; i-- {
		e := p.edits[i]
		if e.next != nil && e.next.Parent != e.parent {
			e.next = nil // cannot happen when undone in order; stay safe
		}
		e.parent.InsertBefore(e.n, e.next)
	}
	p.edits = nil
}
