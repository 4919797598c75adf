package html

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// actionWords are the words of the labels of a page's action buttons:
// "PDF Ansicht / Drucken", "News zur Merkliste", "Artikel
// weiterempfehlen", "Seite speichern".
var actionWords = map[string]bool{"pdf": true, "ansicht": true, "pdf-ansicht": true, "druckansicht": true,
	"druckversion": true, "drucken": true, "merken": true, "merkliste": true, "zur": true, "auf": true, "die": true,
	"meine": true, "teilen": true, "empfehlen": true, "weiterempfehlen": true, "versenden": true, "speichern": true,
	"news": true, "artikel": true, "beitrag": true, "meldung": true, "seite": true, "als": true, "per": true,
	"e-mail": true, "mail": true, "bei": true, "mit": true, "/": true, "|": true, "-": true, "print": true, "share": true, "bookmark": true}

// actionVerbs are the words among them that name the action: a label
// made only of "News" and "Seite" is none.
var actionVerbs = map[string]bool{"ansicht": true, "pdf-ansicht": true, "druckansicht": true, "druckversion": true,
	"drucken": true, "merken": true, "merkliste": true, "teilen": true, "empfehlen": true, "weiterempfehlen": true,
	"versenden": true, "speichern": true, "print": true, "share": true, "bookmark": true}

// actionLabel reports a label made only of action words with at least
// one verb.
func actionLabel(t string) bool {
	fs := strings.Fields(strings.ToLower(t))
	if len(fs) == 0 || len(fs) > 6 {
		return false
	}
	verb := false
	for _, f := range fs {
		if !actionWords[f] {
			return false
		}
		verb = verb || actionVerbs[f]
	}
	return verb
}

// actionBox reports a box of a page's action buttons under a short
// headline (print view, bookmark, recommend): every link or button is
// an action and there is no other text than action words ("Teilen bei"
// over the share buttons). The headline, often the
// publisher's name or "Aktionen", heads only the buttons. The caller
// bounds the box's visible text.
func actionBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Aside:
	default:
		return false
	}
	if h, l := headsAndLinks(n); h != 1 || l < 2 {
		return false // cheap test before the walk below
	}
	heads, actions, ok := 0, 0, true
	var visit func(x *html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if x := strings.TrimSpace(c.Data); x != "" && !actionLabel(x) {
					ok = false // text outside the headline and the buttons ("Teilen bei" may stand there)
				}
			case c.Type != html.ElementNode || skipElement(c) || isInvisible(c):
			case headingLevel(c) >= 2:
				if heads++; heads > 1 {
					ok = false
				}
				if ht, short := textUpTo(c, 100); !short || strings.TrimSpace(ht) == "" {
					ok = false
				}
			case c.DataAtom == atom.A || c.DataAtom == atom.Button:
				if lt, _ := textUpTo(c, 64); strings.TrimSpace(lt) != "" {
					if !actionLabel(lt) || fileLink(c) && !printLabel(lt) {
						ok = false // a file's link ("PDF Ansicht" of a report) is a download, not an action
					}
					actions++
				}
			case c.DataAtom == atom.Img || c.DataAtom == atom.Picture || c.DataAtom == atom.Table || c.DataAtom == atom.Form:
				ok = false
			default:
				visit(c)
			}
		}
	}
	visit(n)
	return ok && heads == 1 && actions >= 2
}

// printLabel reports a label that names the page's print view: a link
// to a PDF labelled so is the page printed, not a file of its own.
func printLabel(t string) bool {
	l := strings.ToLower(t)
	return containsSubstring(l, "drucken", "druckversion", "druckansicht", "print")
}

// headsAndLinks counts the headlines (level 2 to 6) and the links and
// buttons inside n.
func headsAndLinks(n *html.Node) (heads, links int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case headingLevel(c) >= 2:
			heads++
		case c.DataAtom == atom.A || c.DataAtom == atom.Button:
			links++
		}
		h, l := headsAndLinks(c)
		heads += h
		links += l
	}
	return heads, links
}
