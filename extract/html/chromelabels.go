package html

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Small pieces of chrome that CMS templates set as elements of their own:
// the separator of a byline laid out as a row of paragraphs, and labels a
// template hides with Bootstrap's display utilities.

// hiddenLabel reports a short label that Bootstrap's `d-none` hides at
// every screen size (no `d-md-block` or the like shows it again) over the
// links after it: Plone 6's "Dokumentaktionen" and "Schlagwörter" over
// its viewlets. Other text so hidden ("Das Fest fällt aus.", an alert) may
// be content a script shows; it is left alone.
func hiddenLabel(n *html.Node, cls string) bool {
	if !strings.Contains(cls, "d-none") {
		return false
	}
	hidden := false
	for _, f := range strings.Fields(cls) {
		switch {
		case f == "d-none":
			hidden = true
		case strings.HasPrefix(f, "d-") && !strings.HasSuffix(f, "-none"):
			return false // shown at some size
		}
	}
	if !hidden || hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.P || headingLevel(d) > 0 || d.DataAtom == atom.Img }) {
		return false
	}
	t, short := textUpTo(n, 80)
	return short && t != "" && labelsLinks(n)
}

// labelsLinks reports an element followed by links: its next sibling
// is a link or holds one.
func labelsLinks(n *html.Node) bool {
	s := nextElement(n)
	return s != nil && (s.DataAtom == atom.A && hasAttr(s, "href") || hasDescendant(s, func(d *html.Node) bool { return d.DataAtom == atom.A && hasAttr(d, "href") }))
}

// separatorOnly reports a text that is one separator character and
// nothing else ("—", "|", "·"); not an editor's "---" or "***", which
// stand for a rule between sections.
func separatorOnly(t string) bool {
	switch strings.TrimSpace(t) {
	case "—", "–", "-", "|", "·", "•", "/":
		return true
	}
	return false
}
