package extract

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// metaDate returns the publication date that the page's metadata states:
// schema.org microdata, Open Graph / article tags, Dublin Core, JSON-LD.
func metaDate(doc *goquery.Document) string {
	for _, sel := range []string{
		`meta[itemprop="datePublished"]`, `[itemprop="datePublished"]`,
		`meta[property="article:published_time"]`, `meta[name="date" i]`, `meta[property="date"]`,
		`meta[name="dcterms.date" i]`, `meta[property="dcterms.date"]`, `meta[name="DC.date" i]`,
		`meta[name="dc.date.issued" i]`, `meta[name="DC.Date.Created" i]`, `meta[name="publication_date" i]`,
	} {
		m := doc.Find(sel).First()
		if m.Length() == 0 {
			continue
		}
		if v := isoDate(m.AttrOr("content", m.AttrOr("datetime", "")), text(m)); v != "" {
			return v
		}
	}
	var found string
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if d := jsonLDDate(v, 0); d != "" {
			found = isoDate(d, "")
		}
		return found == ""
	})
	return found
}

// jsonLDDate finds a datePublished in JSON-LD, preferring article types.
func jsonLDDate(v any, depth int) string {
	if depth > 6 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if d, ok := x["datePublished"].(string); ok && d != "" {
			return d
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if d := jsonLDDate(x[k], depth+1); d != "" {
				return d
			}
		}
	case []any:
		for _, e := range x {
			if d := jsonLDDate(e, depth+1); d != "" {
				return d
			}
		}
	}
	return ""
}

// dateClass matches classes and itemprops of elements that hold a date.
var dateClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:date|datum|pubdate|published|dateline|meta|time|zeit)(?:$|[\s_-])`)

// listLike matches containers of other items whose dates are not the
// page's own.
var listLike = regexp.MustCompile(`(?i)teaser|list|related|card|slider|carousel|sidebar|aside|footer|comment`)

// contentDate returns the first date shown in a date element (by class,
// itemprop or <time>) near the top of the content, outside teasers and
// lists, or else the first date at the top of a news item's markup.
func contentDate(roots []*html.Node) string {
	if d := dateElement(roots); d != "" {
		return d
	}
	for _, r := range roots {
		if s := goquery.NewDocumentFromNode(r).Find(newsMarkup).First(); s.Length() > 0 {
			top := truncate(cleanText(s.Nodes[0]), 300)
			if ds := FindGermanDates(top); len(ds) > 0 && len(ds[0].Value) >= 10 {
				return ds[0].Value
			}
		}
	}
	return ""
}

func dateElement(roots []*html.Node) string {
	seen := 0
	var found string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				seen += len(strings.TrimSpace(c.Data))
				if seen > 2500 {
					return true // past the top of the content
				}
				continue
			}
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			cls := attr(c, "class") + " " + attr(c, "itemprop")
			if listLike.MatchString(cls) {
				continue
			}
			if c.Data == "time" || dateClass.MatchString(cls) {
				if d := isoDate(attr(c, "datetime"), cleanText(c)); d != "" && len(d) >= 10 {
					found = d
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	for _, r := range roots {
		if walk(r) {
			break
		}
	}
	return found
}

// titleDateRe matches a date prefixed to a title: "08.11.2021 | Fachtag".
var titleDateRe = regexp.MustCompile(`^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*[|–:-]`)

// fillPublished sets the publication date when extraction found none:
// metadata, then a date element at the top of the content, then a
// dateline opening the text, then a date prefixed to the page title.
func (p *page) fillPublished(roots []*html.Node) {
	d := &p.d
	if d.Dates.Published != "" {
		return
	}
	if v := p.metaDateV; v != "" {
		d.Dates.Published = v
		return
	}
	if v := p.contentDateV; v != "" {
		d.Dates.Published = v
		return
	}
	// A dateline ("Berlin, 28.10.2021 –") or a press cue with a date
	// ("Pressemitteilung vom 25. Januar 2022") opening one of the first
	// text blocks.
	seen := 0
	for _, b := range p.blocks {
		if b.Type != umzug.BlockText || len(b.Text.Body) == 0 {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		opening := b.Text.Body[0].PlainText()
		if len(opening) > 200 {
			opening = truncate(opening, 200)
		}
		if m := datelineRe.FindStringSubmatch(opening); m != nil {
			if v := isoDate("", m[2]); v != "" {
				d.Dates.Published = v
				return
			}
		}
		if prCue.MatchString(opening) {
			if ds := FindGermanDates(opening); len(ds) > 0 && len(ds[0].Value) >= 10 {
				d.Dates.Published = ds[0].Value
				return
			}
		}
	}
	for _, t := range []string{metaProperty(p.doc, "og:title"), p.doc.Find("title").First().Text()} {
		if m := titleDateRe.FindStringSubmatch(t); m != nil {
			if v := isoDate("", m[1]); v != "" {
				d.Dates.Published = v
				return
			}
		}
	}
}
