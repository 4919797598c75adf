package html

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// A box the extraction drops often has its headline outside the box: an
// h2 "Verwandte Inhalte" over the list of related articles, "Teile mit
// Freunden" over the share bar, "Mehr Nachrichten" over the teasers. The
// box goes, and its headline would stay behind as a heading block that
// labels nothing, at the end of the article or right before the next
// section. dropBoxHeadlines drops such a headline with the box's
// reason: a heading block whose section is empty (the next block is a
// headline of the same or a higher rank, or there is none) and after
// which, in the page, the first thing with text is an element dropped as
// a box of labelledReasons; the headline is label-like (short, no
// question). A headline followed by text that went elsewhere (a field, an
// unconverted run) stays, as does one whose box lies outside the main
// content. (dropOrphanHeads, at pruning, drops a headline left alone
// inside the box it labels.)
func (p *page) dropBoxHeadlines(roots []*html.Node) {
	if len(p.dropped) == 0 {
		return
	}
	var dropped map[*html.Node]string
	for i := len(p.blocks) - 1; i >= 0; i-- {
		b := p.blocks[i]
		if b.Type != umzug.BlockHeading {
			continue
		}
		var next *html.Node
		if i+1 < len(p.blocks) {
			n := p.blocks[i+1]
			if n.Type != umzug.BlockHeading || n.Heading.Level > b.Heading.Level {
				continue // the section has content
			}
			if next = p.blockSrc[n.Key]; next == nil {
				continue
			}
		}
		h := p.blockSrc[b.Key]
		if h == nil || headingLevel(h) == 0 || !labelLike(b.Heading.Text) {
			continue
		}
		if dropped == nil {
			dropped = make(map[*html.Node]string, len(p.dropped))
			for _, d := range p.dropped {
				dropped[d.n] = d.reason
			}
		}
		reason := labelledBox(h, next, rootOf(roots, h), dropped)
		if reason == "" {
			continue
		}
		p.dropped = append(p.dropped, droppedNode{n: h, reason: reason})
		p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
	}
}

// labelledReasons are the reasons of the boxes a headline outside them
// labels: lists that point elsewhere and the reader's tools. (Not a
// sidebar, author or footer box: their headline, "Öffnungszeiten", may
// head the page's own content that a verdict took for chrome.)
var labelledReasons = map[string]bool{
	umzug.DropRelated: true, umzug.DropLinks: true, umzug.DropShare: true, umzug.DropAd: true,
	umzug.DropNewsletter: true, umzug.DropComments: true, umzug.DropTags: true, umzug.DropPagination: true,
}

// transparentDrop: reasons of dropped elements that a headline does not
// label (text for screen readers, a control, a date line that went into
// a field, a print or rating link under a subtitle); the search for the
// box under a headline looks past them.
var transparentDrop = map[string]bool{
	umzug.DropScreenOnly: true, umzug.DropControl: true, umzug.DropDuplicate: true,
	umzug.DropMeta: true, umzug.DropError: true, umzug.DropUtility: true,
}

// labelledBox returns the reason of the dropped box that follows the
// headline h in document order, before any other visible text and before
// next (the element of the following block; nil for the end of root);
// "" when text, next or an element dropped for another reason (a search
// form, a profile's selector) comes first. dropped holds the reasons of
// the dropped elements.
func labelledBox(h, next, root *html.Node, dropped map[*html.Node]string) string {
	if root == nil {
		return ""
	}
	for n := following(h, root); n != nil; {
		if n == next {
			return ""
		}
		r := dropped[n]
		switch {
		case labelledReasons[r]:
			return r
		case r != "" && !transparentDrop[r], n.Type == html.TextNode && strings.TrimSpace(n.Data) != "":
			return ""
		case r != "" || n.Type == html.ElementNode && isInvisible(n) || n.FirstChild == nil:
			n = following(n, root)
		default:
			n = n.FirstChild
		}
	}
	return ""
}

// following returns the node after n and its subtree in document order,
// inside root; nil at the end of root.
func following(n, root *html.Node) *html.Node {
	for ; n != nil && n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// dropRepeatedHeadings drops a heading block that repeats the block
// right before it, or the one before a picture between them: a theme's
// subheadline over the post picture that the editor typed again under
// it, a headline box and its h6 copy. The repetition is dropped as a
// duplicate; the first stays.
func (p *page) dropRepeatedHeadings() {
	for i := len(p.blocks) - 1; i > 0; i-- {
		b := p.blocks[i]
		if b.Type != umzug.BlockHeading {
			continue
		}
		j := i - 1
		if p.blocks[j].Type == umzug.BlockImage && j > 0 {
			j--
		}
		prev := p.blocks[j]
		if prev.Type != umzug.BlockHeading && (prev.Type != umzug.BlockText || len(prev.Text.Body) != 1) {
			continue
		}
		h := p.blockSrc[b.Key]
		if h == nil || collapseTrim(prev.PlainText()) != collapseTrim(b.Heading.Text) {
			continue
		}
		p.dropped = append(p.dropped, droppedNode{n: h, reason: umzug.DropDuplicate})
		p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
	}
}

// labelLike reports a headline short enough to label a box, and no
// question (an FAQ's question heads its answer, whatever became of it).
func labelLike(t string) bool {
	t = strings.TrimSpace(t)
	return len(t) <= 80 && !strings.HasSuffix(t, "?")
}

// rootOf returns the root that holds n, or nil.
func rootOf(roots []*html.Node, n *html.Node) *html.Node {
	for _, r := range roots {
		if r == n || isAncestor(r, n) {
			return r
		}
	}
	return nil
}
