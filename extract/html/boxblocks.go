package html

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// Boxes of running text that are one typed block whatever CMS wrote them,
// known by their structure (WordPress' core blocks are examples):
//
//   - a figure around a table with its figcaption (`figure.wp-block-table`;
//     HTML's own way to caption a table besides <caption>) is a table
//     block whose caption is the figcaption, not a table and a paragraph;
//   - a box of two or more links to one file and nothing else (the file's
//     name and a "Herunterladen" button beside it: `div.wp-block-file`) is
//     a downloads block of that file; the button's label is dropped as
//     utility.

// boxBlock returns the block of such a box, nil for any other element.
func (p *page) boxBlock(n *html.Node) *umzug.Block {
	switch n.DataAtom {
	case atom.Figure:
		return p.tableFigure(n)
	case atom.Div, atom.P:
		return p.fileButtonBox(n)
	}
	return nil
}

// tableFigure returns the table block of a figure that holds one table
// and its figcaption and no picture.
func (p *page) tableFigure(n *html.Node) *umzug.Block {
	var table, caption *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		case c.Type != html.ElementNode || isInvisible(c):
		case c.DataAtom == atom.Table && table == nil:
			table = c
		case c.DataAtom == atom.Figcaption && caption == nil:
			caption = c
		default:
			return nil
		}
	}
	if table == nil || caption == nil || hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.Img || d.DataAtom == atom.Table && d != table }) {
		return nil
	}
	t := p.table(goquery.NewDocumentFromNode(table).Selection)
	if t == nil {
		return nil
	}
	if c := collapseTrim(textOf(caption)); c != "" {
		if t.Caption != "" {
			c = t.Caption + " " + c
		}
		t.Caption = c
	}
	return &umzug.Block{Type: umzug.BlockTable, Table: t}
}

// fileButtonBox returns the downloads block of a box whose links, two or
// more, all go to one file, with no text beside them and nothing else
// but an embedded preview of the same file; the links after the first
// are buttons (fileButton).
func (p *page) fileButtonBox(n *html.Node) *umzug.Block {
	var links []*html.Node
	href := ""
	ok := true
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					ok = false
				}
			case c.Type != html.ElementNode || isInvisible(c):
			case c.DataAtom == atom.A:
				h := attr(c, "href")
				if !fileLink(c) || href != "" && h != href || hasDescendant(c, func(d *html.Node) bool { return d.DataAtom == atom.Img }) {
					ok = false
					return
				}
				href = h
				links = append(links, c)
			case c.DataAtom == atom.Object && attr(c, "data") != "" && attr(c, "data") == href:
				// the file's preview (an embedded PDF)
			case inlineAtoms[c.DataAtom] && c.DataAtom != atom.Img || c.DataAtom == atom.Div:
				walk(c)
			default:
				ok = false
			}
		}
	}
	walk(n)
	if !ok || len(links) < 2 || cleanText(links[0]) == "" {
		return nil
	}
	for _, a := range links[1:] {
		if !fileButton(a) {
			return nil // a second title of the file ("Änderung vom …"): text
		}
	}
	first := goquery.NewDocumentFromNode(links[0]).Selection
	f := p.fileOf(first, first)
	if f.URL == "" {
		return nil
	}
	for _, a := range links[1:] {
		p.drop(a, umzug.DropUtility) // "Herunterladen": the button beside the file's name
	}
	return &umzug.Block{Type: umzug.BlockDownloads, Downloads: &umzug.Downloads{Items: []umzug.File{f}}}
}

// fileButton reports a link that is a download button rather than a
// title of the file: it has the download attribute or a button's class,
// or its label is a few words with a verb of downloading ("Herunterladen",
// "PDF öffnen").
func fileButton(a *html.Node) bool {
	if hasAttr(a, "download") {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(attr(a, "class"))) {
		if strings.Contains(w, "button") || w == "btn" || strings.HasPrefix(w, "btn-") {
			return true
		}
	}
	t := strings.ToLower(cleanText(a))
	if len(strings.Fields(t)) > 3 {
		return false
	}
	for _, v := range [...]string{"download", "herunterladen", "öffnen", "ansehen", "anzeigen"} {
		if strings.Contains(t, v) {
			return true
		}
	}
	return false
}
