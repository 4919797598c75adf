package html

import (
	"github.com/PuerkitoBio/goquery"
	"github.com/umzug/umzug"

	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A list of dated teasers is what a press list, a news archive or a home
// page's "Aktuelles" shows: several sibling items, each a short box with a
// date line and a headline or link to another page ("21.02.2024 |
// Pressemitteilung" / "Trinkwasserversorgung: …" / lead). Such a page is a
// list page, not a release, and the items' dates date the items, not the
// page. The items are found on the intact page: templates and profiles
// drop the date lines (GSB's docData, SixCMS' bb-teaser-meta) as meta.

// datedTeaser is one item of a list of dated teasers.
type datedTeaser struct {
	date     string     // ISO date of the item
	line     *html.Node // the element that prints it
	headings int        // the item's h1-h6 elements
}

// findDatedTeasers returns the items of the lists of dated teasers under
// the roots: elements with at least one sibling of the same kind.
func findDatedTeasers(roots []*html.Node) map[*html.Node]datedTeaser {
	var out map[*html.Node]datedTeaser
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		var items []*html.Node
		var found []datedTeaser
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			t, ok, barren := teaserWithDate(c)
			if ok {
				items = append(items, c)
				found = append(found, t)
				continue
			}
			if !barren {
				walk(c)
			}
		}
		if len(items) < 2 {
			for _, it := range items {
				walk(it)
			}
			return
		}
		if out == nil {
			out = map[*html.Node]datedTeaser{}
		}
		for i, it := range items {
			out[it] = found[i]
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// teaserWithDate reports a short box (at most 700 bytes of text) that
// holds a headline's link to another page (a link in a headline or in an
// element named as one, or around a headline, with at least 10 letters
// of text in at least two words) and, outside links and headlines, a short line (at most 60
// bytes) with a full date, or a <time datetime>. A forum post's author
// (a user name in the post's h4) is no headline.
//
// The third result (barren) reports that no element below n can be such
// a box either: n's text is short and has no two digits in a row, and the
// text of every element below it that findDatedTeasers visits is part of
// n's text (the same hidden elements are left out), with its digits as
// they stand there (text nodes are joined with a space).
func teaserWithDate(n *html.Node) (datedTeaser, bool, bool) {
	switch n.DataAtom {
	case atom.Div, atom.Li, atom.Article, atom.Section:
	default:
		return datedTeaser{}, false, false
	}
	if short, digits := shortTwoDigits(n, 700); !short || !digits {
		return datedTeaser{}, false, short // too long, or no year to date it
	}
	if !headlineLinkIn(n, false) {
		return datedTeaser{}, false, false // most boxes: no dates are read
	}
	var link bool
	var dt datedTeaser
	var f func(e *html.Node, inLink, inHead bool)
	f = func(e *html.Node, inLink, inHead bool) {
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			if headingLevel(c) > 0 {
				dt.headings++
			}
			head := inHead || headingLevel(c) > 0 || headlineClass(attr(c, "class"))
			switch {
			case c.DataAtom == atom.A:
				if lt := cleanText(c); !link && pageLink(attr(c, "href")) && utf8.RuneCountInString(lt) >= 10 && strings.Contains(lt, " ") &&
					(head || hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) > 0 })) {
					link = true
				}
				f(c, true, head)
				continue
			case inLink || head:
				f(c, inLink, head)
				continue
			case dt.date != "":
			case c.DataAtom == atom.Time:
				if d := isoDate(attr(c, "datetime"), cleanText(c)); len(d) >= 10 {
					dt.date, dt.line = d[:10], c
				}
			default:
				if t, short := textUpTo(c, 60); short && twoDigits(t) && !hasDescendant(c, func(d *html.Node) bool { return d.DataAtom == atom.A }) {
					if ds := FindGermanDates(t); len(ds) > 0 && len(ds[0].Value) >= 10 {
						dt.date, dt.line = ds[0].Value[:10], c
						continue
					}
				}
			}
			f(c, inLink, head)
		}
	}
	f(n, false, false)
	return dt, link && dt.date != "", false
}

// headlineLinkIn reports the headline's link teaserWithDate asks for, as
// its walk finds it, without reading dates: a date line holds no link,
// so skipping into it (as that walk does once it read a date there)
// never hides one.
func headlineLinkIn(e *html.Node, inHead bool) bool {
	for c := e.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		head := inHead || headingLevel(c) > 0 || headlineClass(attr(c, "class"))
		if c.DataAtom == atom.A && pageLink(attr(c, "href")) {
			if lt := cleanText(c); utf8.RuneCountInString(lt) >= 10 && strings.Contains(lt, " ") &&
				(head || hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) > 0 })) {
				return true
			}
		}
		if headlineLinkIn(c, head) {
			return true
		}
	}
	return false
}

// twoDigits reports two ASCII digits in a row in t: every full date has
// them (its year), and most texts asked about have none.
func twoDigits(t string) bool {
	for i := 1; i < len(t); i++ {
		if isASCIIDigit(t[i]) && isASCIIDigit(t[i-1]) {
			return true
		}
	}
	return false
}

// headlineClass reports a class that names a headline ("bb-teaser-headline",
// "teaser-title", "news-heading").
func headlineClass(cls string) bool {
	c := strings.ToLower(cls)
	return strings.Contains(c, "headline") || strings.Contains(c, "title") || strings.Contains(c, "heading")
}

// pageLink reports an href that leads to another page: not a fragment,
// mail, phone or script link.
func pageLink(href string) bool {
	h := strings.ToLower(strings.TrimSpace(href))
	return h != "" && !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "mailto:") && !strings.HasPrefix(h, "tel:") && !strings.HasPrefix(h, "javascript:")
}

// inDatedTeaser reports whether n is, or is inside, an item of a list of
// dated teasers.
func (p *page) inDatedTeaser(n *html.Node) bool {
	for ; n != nil && len(p.datedTeasers) > 0; n = n.Parent {
		if _, ok := p.datedTeasers[n]; ok {
			return true
		}
	}
	return false
}

// isListPage reports a page whose content is mostly a list of dated
// teasers: at least two items still in the content after pruning that
// hold at least half of its text.
func (p *page) isListPage() bool {
	if p.listPage != nil {
		return *p.listPage
	}
	res := false
	if len(p.datedTeasers) >= 2 {
		inRoots := func(n *html.Node) bool {
			for a := n; a != nil; a = a.Parent {
				for _, r := range p.roots {
					if a == r {
						return true
					}
				}
			}
			return false
		}
		items, itemText := 0, 0
		for n := range p.datedTeasers {
			if inRoots(n) {
				items++
				itemText += len(cleanText(n))
			}
		}
		total := 0
		for _, r := range p.roots {
			total += len(cleanText(r))
		}
		res = items >= 2 && 2*itemText >= total
	}
	p.listPage = &res
	return res
}

// teaserRun returns the items of a list of dated teasers that start at c:
// c and the items among its next siblings up to the first other element,
// or the items of a list (ul, ol) c is made of; nil otherwise.
func (p *page) teaserRun(c *html.Node) []*html.Node {
	if len(p.datedTeasers) == 0 || isContentElement(c) {
		return nil
	}
	if dt, ok := p.datedTeasers[c]; ok {
		if dt.headings > 1 {
			return nil // a kicker headline over the title: walked as it is
		}
		run := []*html.Node{c}
		for s := c.NextSibling; s != nil; s = s.NextSibling {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) == "", s.Type == html.CommentNode:
				continue
			case s.Type == html.ElementNode && skipElement(s):
				continue
			}
			if dt, ok := p.datedTeasers[s]; !ok || dt.headings > 1 {
				break
			}
			run = append(run, s)
		}
		return run
	}
	if c.DataAtom != atom.Ul && c.DataAtom != atom.Ol {
		return nil
	}
	var run []*html.Node
	for s := c.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode || skipElement(s) {
			continue
		}
		if dt, ok := p.datedTeasers[s]; !ok || dt.headings > 1 {
			return nil
		}
		run = append(run, s)
	}
	if len(run) < 2 {
		return nil
	}
	return run
}

// datedTeaserBlock adds the teaser block of a run of dated teasers. A date
// line that holds only the date is the item's date; one with more (a
// label: "21.02.2024 | Pressemitteilung") is dropped as meta.
func (p *page) datedTeaserBlock(run []*html.Node, uid int, ctype string) {
	t := &umzug.Teaser{Layout: "list"}
	for _, it := range run {
		dt := p.datedTeasers[it]
		var parent, next *html.Node
		if l := dt.line; l != nil && l.Parent != nil && l.DataAtom != atom.Time {
			if strings.TrimSpace(cleanText(l)) == strings.TrimSpace(dateTextIn(cleanText(l))) {
				// Out of the item's body while it is read; back after.
				parent, next = l.Parent, l.NextSibling
				parent.RemoveChild(l)
			} else {
				p.drop(l, umzug.DropMeta)
			}
		}
		item := p.teaserItem(goquery.NewDocumentFromNode(it).Selection)
		if parent != nil {
			parent.InsertBefore(dt.line, next)
		}
		if item.Date == "" {
			item.Date = dt.date
		}
		if item.Title == "" && item.Link != nil && len(item.Body) == 1 && item.Body[0].PlainText() == item.Link.Text {
			// The headline is the item's one link (a "headline" class
			// on a div): its title, not its text.
			item.Title, item.Body = item.Link.Text, nil
		}
		if item.Title != "" || item.Link != nil || len(item.Body) > 0 {
			t.Items = append(t.Items, item)
		}
	}
	if len(t.Items) > 0 {
		p.datedTeaserItems += len(t.Items)
		p.add(umzug.Block{Type: umzug.BlockTeaser, Teaser: t}, uid, ctype, nil)
	}
}

// dateTextIn returns the text of the first date in s.
func dateTextIn(s string) string {
	if ds := FindGermanDates(s); len(ds) > 0 {
		return ds[0].Text
	}
	return ""
}
