package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// The page's taxonomy. Pruning takes the tag and category lists of the
// main content out of the blocks (reason tags): a line of links to
// /tag/… pages is no paragraph of the new page. Their terms are what the
// new CMS's taxonomy is built from, so they are read into the document's
// Categories and Tags, and the lists become fields in the accounting.
// Only lists inside the main content (or the news record) count: a tag
// cloud in a sidebar is the site's, not the page's. A list with more
// terms than maxTerms is such a cloud too and stays dropped.

// maxTerms is the most terms a list of one page's taxonomy has.
const maxTerms = 30

// readTaxonomy fills d.Categories and d.Tags from the lists pruning
// dropped as tags and from the article:section and article:tag meta
// elements, each term once (compared without case), in page order.
func (p *page) readTaxonomy() {
	d := &p.d
	seen := map[string]bool{}
	add := func(t term) {
		k := strings.ToLower(t.text)
		if seen[k] {
			return
		}
		seen[k] = true
		if t.category {
			d.Categories = append(d.Categories, t.text)
		} else {
			d.Tags = append(d.Tags, t.text)
		}
	}
	metaTerms := func(property string, category bool) {
		for _, n := range p.idx.metas {
			if strings.EqualFold(attr(n, "property"), property) {
				for _, part := range strings.Split(attr(n, "content"), ",") {
					if t, ok := taxonomyTerm(part); ok {
						add(term{t, category})
					}
				}
			}
		}
	}
	metaTerms("article:section", true)
	var lists []*html.Node
	var terms [][]term
	consider := func(n *html.Node) {
		if ts := taxonomyTerms(n); len(ts) > 0 && len(ts) <= maxTerms {
			lists, terms = append(lists, n), append(terms, ts)
		}
	}
	p.eachDroppedTaxonomy(consider)
	// An article shows a category line and a tag line, perhaps twice
	// (above and below the text); more lists are the lines of the items
	// of a list page, each about another page.
	if len(lists) <= 4 {
		for i, n := range lists {
			for _, t := range terms[i] {
				add(t)
			}
			p.field(n, "taxonomy")
		}
	}
	metaTerms("article:tag", false)
}

// eachTaxonomyPart calls f for the parts of a meta box that are tag or
// category lists: named so ("cat-links", "tags-links", "news-list-tags",
// "keywords"), or holding links marked rel="tag" or rel="category". It
// does not look inside such a part.
func eachTaxonomyPart(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || isInvisible(c) {
			continue
		}
		if namesTaxonomy(c) || c.DataAtom != atom.A && hasDescendant(c, relTaxonomy) && !hasDescendant(c, func(d *html.Node) bool { return d != c && namesTaxonomy(d) }) {
			f(c)
			continue
		}
		eachTaxonomyPart(c, f)
	}
}

// relTaxonomy reports a link marked as a tag or category (rel="tag",
// rel="category tag").
func relTaxonomy(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for _, r := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
		if r == "tag" || r == "category" {
			return true
		}
	}
	return false
}

// namesTaxonomy reports an element whose class or id names a tag or
// category list.
func namesTaxonomy(n *html.Node) bool {
	return namesCategories(n) || namedBy(n, tagWords)
}

// term is one term of a tag or category list.
type term struct {
	text     string
	category bool // a category, else a tag
}

// taxonomyTerms returns the terms of a tag or category list: the text of
// each link, and the parts of the text outside links ("Schlagworte:
// Radverkehr, ÖPNV"; the categories of a news record without a page of
// their own are plain text beside the linked ones). Headings and labels
// ("Tags:") are no terms, nor are links that are actions of the page
// (href "#…" or "javascript:"). A term is a category when its link says
// so (rel="category"), an element around it names categories (class or
// id: "news-list-category", "cat-links", "rubrik") or the list's label
// does ("Kategorie:"); else a tag.
func taxonomyTerms(n *html.Node) []term {
	var terms []term
	labelled := labelledCategories(cleanText(n))
	addText := func(s string, category bool) {
		if i := strings.IndexByte(s, ':'); i > 0 && termLabel(s[:i]) {
			s = s[i+1:]
		}
		// Separators, and line breaks: tx_news prints each tag title on
		// a line of its own with nothing between them
		// (Partials/List/Item.html: <f:for each="{newsItem.tags}">).
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;|·•\n", r) }) {
			// "Abgelegt unter:", "Mehr zum Thema:" label; "in" of
			// "Posted in" joins.
			if t, ok := taxonomyTerm(part); ok && !termLabel(t) && !strings.HasSuffix(t, ":") && !joinWord(t) {
				terms = append(terms, term{t, category})
			}
		}
	}
	// A label inside the list names the terms after it: tt_news' meta box
	// prints date and time, then "Kategorie:" and the category links.
	var catLabel bool
	var visit func(x *html.Node, category bool)
	visit = func(x *html.Node, category bool) {
		category = category || namesCategories(x)
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if i := strings.LastIndexByte(c.Data, ':'); i > 0 {
					if l := strings.TrimSpace(c.Data[:i]); termLabel(l) {
						catLabel = labelledCategories(l)
					}
				}
				addText(c.Data, category || labelled)
			case c.Type != html.ElementNode || isInvisible(c) || headingLevel(c) > 0:
			case c.DataAtom == atom.A:
				href := strings.TrimSpace(attr(c, "href"))
				if href == "" || href[0] == '#' || strings.HasPrefix(strings.ToLower(href), "javascript:") {
					continue
				}
				if t, ok := taxonomyTerm(textOf(c)); ok && !termLabel(t) {
					rel := " " + strings.ToLower(attr(c, "rel")) + " "
					terms = append(terms, term{t, category || labelled || catLabel || strings.Contains(rel, " category ")})
				}
			default:
				visit(c, category)
			}
		}
	}
	visit(n, false)
	for _, t := range terms {
		if utf8.RuneCountInString(t.text) > 60 {
			return nil // a sentence, not a list
		}
	}
	return terms
}

// taxonomyTerm cleans one term: white space collapsed, a leading "#" and
// trailing separators taken off. A term has a letter and at most 80
// characters, and is no date (a list's date line is the page's date).
func taxonomyTerm(s string) (string, bool) {
	t := strings.TrimLeft(collapseTrim(s), "#")
	t = strings.TrimSpace(strings.TrimRight(t, ",;|·•"))
	if t == "" || utf8.RuneCountInString(t) > 80 || strings.IndexFunc(t, unicode.IsLetter) < 0 || len(FindGermanDates(t)) > 0 {
		return "", false
	}
	return t, true
}

// joinWord reports a short lower-case word between the parts of a line
// ("in", "und", "von").
func joinWord(t string) bool {
	return len(t) <= 4 && strings.ToLower(t) == t && !strings.ContainsAny(t, " -")
}

// termLabels are the labels in front of a tag or category list, which
// are no terms.
var termLabels = map[string]bool{
	"tags": true, "tag": true, "schlagworte": true, "schlagwörter": true, "schlagwort": true,
	"stichworte": true, "stichwörter": true, "stichwort": true, "themen": true, "thema": true,
	"kategorie": true, "kategorien": true, "rubrik": true, "rubriken": true, "category": true,
	"categories": true, "keywords": true, "abgelegt unter": true, "veröffentlicht in": true,
	"posted in": true, "filed under": true, "alle tags": true, "alle themen": true,
	// WordPress themes' labels (twentytwentyone's "Categorized as …",
	// "Tagged …" and their German translation)
	"kategorisiert als": true, "verschlagwortet mit": true, "categorized as": true, "tagged": true,
}

// termLabel reports a label such as "Schlagworte" or "Tags:".
func termLabel(s string) bool {
	return termLabels[strings.ToLower(strings.TrimSpace(strings.TrimRight(s, ": ")))]
}

// labelledCategories reports a list whose label names categories
// ("Kategorie: …", "Rubrik: …").
func labelledCategories(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "kategor") || strings.HasPrefix(l, "rubrik") || strings.HasPrefix(l, "categor") ||
		strings.HasPrefix(l, "veröffentlicht in") || strings.HasPrefix(l, "posted in") || strings.HasPrefix(l, "filed under")
}

// namesCategories reports an element whose class or id names categories
// ("news-list-category", "post-categories", "cat-links", "rubrik").
func namesCategories(n *html.Node) bool { return namedBy(n, categoryWords) }

// categoryWords are the class and id words of category lists.
var categoryWords = map[string]bool{"category": true, "categories": true, "cat": true, "cats": true,
	"kategorie": true, "kategorien": true, "rubrik": true, "rubriken": true}

// tagWords are the class and id words of tag lists.
var tagWords = map[string]bool{"tags": true, "tag": true, "taglist": true, "keywords": true,
	"schlagworte": true, "schlagwoerter": true, "stichworte": true}

// eachDroppedTaxonomy calls fn with each element left out as tags and
// each named taxonomy part of a meta line or box left out as meta (date,
// author, category and tags in one "entry-meta"): the candidates for the
// page's category and tag lists. Headlines and boxes dropped with others
// are none.
func (p *page) eachDroppedTaxonomy(fn func(*html.Node)) {
	for _, dn := range p.dropped {
		if dn.others || headingLevel(dn.n) > 0 {
			continue
		}
		switch dn.reason {
		case umzug.DropTags:
			fn(dn.n)
		case umzug.DropMeta:
			eachTaxonomyPart(dn.n, fn)
		}
	}
}
