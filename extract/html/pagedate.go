package html

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// metaDate returns the publication date that the page's metadata states:
// schema.org microdata, Open Graph / article tags, Dublin Core, JSON-LD.
func metaDate(idx *pageIndex) string {
	// One pass over meta and itemprop elements, then the first by
	// preference order.
	byKey := map[string]string{}
	seen := map[string]int{}
	for _, n := range idx.dated {
		key := metaKey(n)
		if _, ok := metaDateKeys[key]; !ok {
			continue
		}
		m := goquery.NewDocumentFromNode(n).Selection
		if hasAttr(n, "itemprop") {
			// Microdata in the body dates the item it sits in: a list of
			// teasers has one per teaser, and none of them dates the page.
			if seen[key]++; seen[key] > 1 {
				delete(byKey, key)
				byKey[key+"#ambiguous"] = "x"
				continue
			}
			if insideItemList(n) {
				continue
			}
		}
		if byKey[key] != "" || byKey[key+"#ambiguous"] != "" {
			continue
		}
		if v := isoDate(m.AttrOr("content", m.AttrOr("datetime", "")), text(m)); v != "" {
			byKey[key] = v
		}
	}
	for _, k := range metaDateOrder {
		if v := byKey[k]; v != "" {
			return v
		}
	}
	return ldJSONDate(idx, "datePublished")
}

// metaModified returns the date of the page's last change that its
// metadata states (Open Graph / article tags, Dublin Core, schema.org in
// the head or once in the body outside item lists, JSON-LD's
// dateModified), "" when none does.
func metaModified(idx *pageIndex) string {
	byKey := map[string]string{}
	for _, n := range idx.dated {
		key := metaKey(n)
		if !metaModifiedKeys[key] || hasAttr(n, "itemprop") && insideItemList(n) {
			continue
		}
		if _, seen := byKey[key]; seen {
			byKey[key] = "" // twice: the items', not the page's
			continue
		}
		byKey[key] = isoDate(attr(n, "content")+attr(n, "datetime"), cleanText(n))
	}
	for _, k := range metaModifiedOrder {
		if v := byKey[k]; v != "" {
			return v
		}
	}
	return ldJSONDate(idx, "dateModified")
}

// changedAfter reports whether the last change mod (a date or a date-time
// as the metadata states it) is later than the publication pub: the same
// instant says nothing a reader needs, and a change before the
// publication is a template's or a copied record's date. Two bare dates,
// or a date and a date-time, compare by the day.
func changedAfter(mod, pub string) bool {
	tm, err1 := time.Parse(time.RFC3339, mod)
	tp, err2 := time.Parse(time.RFC3339, pub)
	if err1 == nil && err2 == nil {
		return tm.After(tp)
	}
	return len(mod) >= 10 && len(pub) >= 10 && mod[:10] > pub[:10]
}

// metaModifiedOrder lists the metadata that state the last change, most
// trusted first.
var metaModifiedOrder = []string{"datemodified", "article:modified_time", "og:updated_time", "dcterms.modified",
	"dc.date.modified", "last-modified"}

var metaModifiedKeys = keySet(metaModifiedOrder)

// metaDateOrder lists the metadata that state a publication date, most
// trusted first.
var metaDateOrder = []string{"datepublished", "article:published_time", "date", "dcterms.date",
	"dc.date", "dc.date.issued", "dc.date.created", "publication_date"}

var metaDateKeys = keySet(metaDateOrder)

// keySet is the set of keys.
func keySet(keys []string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// ldJSONDate returns the first date under key ("datePublished",
// "dateModified") in the page's JSON-LD scripts, as isoDate reads it; ""
// when none states one. The scripts are decoded once per page.
func ldJSONDate(idx *pageIndex, key string) string {
	for _, v := range idx.ldJSONValues() {
		if d := jsonLDString(v, key, 0); d != "" {
			if found := isoDate(d, ""); found != "" {
				return found
			}
		}
	}
	return ""
}

// ldJSONValues returns the page's ld+json scripts decoded (those that
// decode), decoding them on the first call only.
func (idx *pageIndex) ldJSONValues() []any {
	if idx.ldValues == nil {
		idx.ldValues = make([]any, 0, len(idx.ldJSON))
		for _, n := range idx.ldJSON {
			var v any
			if json.Unmarshal([]byte(goquery.NewDocumentFromNode(n).Text()), &v) == nil {
				idx.ldValues = append(idx.ldValues, v)
			}
		}
	}
	return idx.ldValues
}

// jsonLDString finds the first non-empty string under key in JSON-LD,
// in the object, its @graph, mainEntity and mainEntityOfPage, and the
// elements of an array.
func jsonLDString(v any, key string, depth int) string {
	if depth > 6 {
		return ""
	}
	switch x := v.(type) {
	case map[string]any:
		if d, ok := x[key].(string); ok && d != "" {
			return d
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if d := jsonLDString(x[k], key, depth+1); d != "" {
				return d
			}
		}
	case []any:
		for _, e := range x {
			if d := jsonLDString(e, key, depth+1); d != "" {
				return d
			}
		}
	}
	return ""
}

// metaKey is the name a meta or microdata element gives its value, lower
// case: its itemprop, else its property, else its name.
func metaKey(n *html.Node) string {
	key := attr(n, "itemprop")
	if !hasAttr(n, "itemprop") {
		key = attr(n, "property")
		if !hasAttr(n, "property") {
			key = attr(n, "name")
		}
	}
	return strings.ToLower(key)
}

// insideItemList reports whether n sits in a list item or in a container
// of teasers, lists, related items or cards, whose dates are the items'.
func insideItemList(n *html.Node) bool {
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if p.DataAtom == atom.Li {
			return true
		}
		cls := strings.ToLower(withoutPluginType(p))
		for _, w := range [...]string{"teaser", "list", "related", "card"} {
			if strings.Contains(cls, w) {
				return true
			}
		}
	}
	return false
}

// inLinkedItemRun reports whether n is or sits in one of a run of sibling
// boxes of one class, each with a linked headline: the items of a blog or
// news list by any name (Joomla's `blog-item`, a view's `views-row`),
// whose "Veröffentlicht: 03. Juni 2024" lines date the items, not the
// page.
func inLinkedItemRun(n *html.Node) bool {
	for p, i := n, 0; p != nil && p.Type == html.ElementNode && i < 8; p, i = p.Parent, i+1 {
		cls := attr(p, "class")
		if cls == "" || !linkedHeadline(p) {
			continue
		}
		for _, s := range [...]*html.Node{prevElement(p), nextElement(p)} {
			if s != nil && attr(s, "class") == cls && linkedHeadline(s) {
				return true
			}
		}
	}
	return false
}

// detachedFrom returns the element a dropped element was taken out of
// (its parent while it is in the tree), nil when not known.
func (p *page) detachedFrom(n *html.Node) *html.Node {
	if n.Parent != nil {
		return n.Parent
	}
	for i := len(p.edits) - 1; i >= 0; i-- {
		if e := p.edits[i]; e.n == n && !e.inserted {
			return e.parent
		}
	}
	return nil
}

// linkedHeadline reports a headline in n that is a link or sits in one.
func linkedHeadline(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		if headingLevel(d) > 0 {
			return hasDescendant(d, func(a *html.Node) bool { return a.DataAtom == atom.A && hasAttr(a, "href") })
		}
		return d.DataAtom == atom.A && hasAttr(d, "href") && hasDescendant(d, func(h *html.Node) bool { return headingLevel(h) > 0 })
	})
}

// withoutPluginType returns n's class attribute without TYPO3's
// frame-type-list when the frame holds a news detail view (newsMarkup):
// every plugin's frame up to TYPO3 11 has that class, a detail view's as
// much as a list's. A frame without a detail view (a "latest news"
// plugin in a custom template) keeps it: its dates are its items'.
func withoutPluginType(n *html.Node) string {
	cls := attr(n, "class")
	if !strings.Contains(cls, "frame-type-list") || !detailFrame(n) {
		return cls
	}
	var b strings.Builder
	for _, t := range strings.Fields(cls) {
		if t != "frame-type-list" {
			b.WriteString(t)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// detailFrame reports a plugin frame that shows one record: a news
// detail view's markup, or one article (schema.org Article, BlogPosting)
// and no more.
func detailFrame(n *html.Node) bool {
	s := goquery.NewDocumentFromNode(n)
	return s.FindMatcher(newsMarkupFirst).Length() > 0 || s.FindMatcher(articleItems).Length() == 1
}

var articleItems = css(`[itemtype*="Article"], [itemtype*="Posting"]`)

// dateClass matches classes and itemprops of elements that hold a date.
var dateClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:date|datum|pubdate|published|dateline|meta|time|zeit)(?:$|[\s_-])`)

// listLike matches containers of other items whose dates are not the
// page's own.
var listLike = regexp.MustCompile(`(?i)teaser|list|related|card|slider|carousel|sidebar|aside|footer|comment|timeline|event|termin`)

// contentDate returns the first date shown in a date element (by class,
// itemprop or <time>) near the top of the content, outside teasers and
// lists, or else the first date at the top of a news item's markup.
func contentDate(roots []*html.Node, shared *verdictCache, teasers map[*html.Node]datedTeaser) string {
	if d := dateElement(roots, newMatchCache(shared), teasers); d != "" {
		return d
	}
	for _, r := range roots {
		if s := goquery.NewDocumentFromNode(r).FindMatcher(newsMarkupFirst).First(); s.Length() > 0 { // cssFirst(newsMarkup)
			top := truncatedCleanText(s.Nodes[0], 300) // Truncate(cleanText(…), 300), fastpath.go
			if ds := FindGermanDates(top); len(ds) > 0 && len(ds[0].Value) >= 10 {
				return ds[0].Value
			}
		}
	}
	return ""
}

func dateElement(roots []*html.Node, cache matchCache, teasers map[*html.Node]datedTeaser) string {
	elements := 0 // TYPO3 content elements met
	var found string
	walkOpening(roots, 2500, func(c *html.Node) openingStep {
		if isContentElement(c) {
			elements++
		}
		if elements > 1 && c.DataAtom == atom.Header && insideContentElement(c) {
			// The date in the header of a later content element dates
			// that element, not the page.
			return openSkip
		}
		cls := withoutPluginType(c) + " " + attr(c, "itemprop")
		if cache.match(listLike, cls) {
			return openSkip
		}
		if _, ok := teasers[c]; ok {
			return openSkip // an item of a list of dated teasers: its date is the item's
		}
		if c.Data == "time" || cache.match(dateClass, cls) {
			if d := isoDate(attr(c, "datetime"), cleanText(c)); d != "" && len(d) >= 10 {
				found = d
				return openStop
			}
		}
		return openInto
	})
	return found
}

// openingDates returns the date of a dateline ("Berlin, 28.10.2021 –")
// and of a press cue with a date ("Pressemitteilung vom 25. Januar 2022")
// opening one of the first text blocks.
func (p *page) openingDates() (dateline, cued string) {
	seen := 0
	for _, b := range p.blocks {
		var body umzug.PortableText
		switch {
		case b.Type == umzug.BlockText:
			body = b.Text.Body
		case b.Type == umzug.BlockTextMedia:
			body = b.TextMedia.Body
		}
		if len(body) == 0 {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		for _, pb := range body[:min(3, len(body))] {
			opening := pb.PlainText()
			if len(opening) > 200 {
				opening = textutil.Truncate(opening, 200)
			}
			if m := datelineRe.FindStringSubmatch(opening); m != nil && dateline == "" {
				dateline = isoDate("", m[2])
			}
			if cued == "" && prCueMatch(opening) {
				cued = cuedDate(opening)
			}
		}
	}
	return dateline, cued
}

// cuedDate returns the date of a press cue that opens a text
// ("Pressemitteilung vom 25. Januar 2022", "Gemeinsame Presseinformation
// Nr. 12/2024 vom 3.5.2024"): the cue after at most two words, the date
// within 40 bytes after it. A release named in running text ("siehe
// unsere Pressemitteilung vom 29. Januar 2024") dates that release, not
// the page.
func cuedDate(opening string) string {
	loc := prCue.FindStringIndex(opening)
	if loc == nil || len(strings.Fields(opening[:loc[0]])) > 2 || strings.ContainsAny(opening[:loc[0]], ".;:!?") {
		return ""
	}
	rest := opening[loc[1]:]
	ds := FindGermanDates(rest)
	if len(ds) == 0 || len(ds[0].Value) < 10 {
		return ""
	}
	if i := strings.Index(rest, ds[0].Text); i < 0 || i > 40 {
		return ""
	}
	return ds[0].Value
}

// titleDateRe matches a date prefixed to a title: "08.11.2021 | Fachtag".
var titleDateRe = regexp.MustCompile(`^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s*[|–:-]`)

// dateLineField takes a line (or headline) that is only the page's date
// out of the first three blocks (over the headline, or right under it):
// it is the date field, not a block. Its element is marked as the field
// when it holds nothing else; otherwise the accounting finds its text a
// duplicate of the date.
func (p *page) dateLineField() {
	pub := p.d.Dates.Published
	if len(pub) < 10 {
		return
	}
	p.dateAuthorLine(pub)
	for i := 0; i < len(p.blocks) && i < 3; i++ {
		b := p.blocks[i]
		if b.Header == nil && b.Type == umzug.BlockText && len(b.Text.Body) > 1 && p.openingDateLine(b.Text.Body[0], pub) && !p.datedLines(b.Text.Body) {
			// The text's first line is the date alone ("04. Februar
			// 2022" over a news plugin's text): the accounting finds
			// its text a duplicate of the date.
			b.Text.Body = b.Text.Body[1:]
			continue
		}
		if b.Header != nil || !(b.Type == umzug.BlockHeading || b.Type == umzug.BlockText && len(b.Text.Body) == 1) {
			continue
		}
		t := collapseTrim(b.PlainText())
		if len(t) > 60 || bareDate(t, true) != pub[:10] {
			continue
		}
		if src := p.blockSrc[b.Key]; src != nil {
			if whole, short := textUpTo(src, 60); short && whole == t {
				p.field(src, "date")
			}
		}
		p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
		i--
	}
	if a := p.dateAbove; a != nil {
		// The line is the field unless a block still holds it (a text
		// element whose first line it is).
		for _, b := range p.blocks {
			if src := p.blockSrc[b.Key]; src != nil && (src == a || isAncestor(src, a) || isAncestor(a, src)) {
				return
			}
		}
		if t, _ := textUpTo(a, 40); bareDate(t, false) == pub[:10] {
			p.field(a, "date")
		}
	}
}

// openingDateLine reports a paragraph that is only a date (the date pub
// unless pub is ""): plain
// text (no link, no list item) of at most 60 characters.
func (p *page) openingDateLine(pb umzug.PTBlock, pub string) bool {
	if pb.ListItem != "" || pb.Style != "normal" || len(pb.MarkDefs) > 0 {
		return false
	}
	t := collapseTrim(pb.PlainText())
	if len(t) > 60 {
		return false
	}
	v := bareDate(t, true)
	return v != "" && (pub == "" || v == pub[:10])
}

// datedLines reports a text with more than one line that is only a date:
// a list of dated items an editor wrote ("12.03.2024" over a link, then
// the next), whose first date is its first item's.
func (p *page) datedLines(body umzug.PortableText) bool {
	n := 0
	for _, pb := range body {
		if p.openingDateLine(pb, "") {
			n++
		}
	}
	return n > 1
}

// fillPublished sets the publication date when extraction found none:
// a dateline opening the text that the metadata does not contradict
// (a press release's printed date is its date; metadata often holds the
// time the record was created), metadata, a date element at the top of
// the content, a press cue with a date, a line over the headline that is
// only a date, a date prefixed to the title.
func (p *page) fillPublished(roots []*html.Node) {
	d := &p.d
	defer p.dateLineField()
	dateline, cued := p.openingDates()
	if d.Dates.Published != "" {
		if dateline != "" && !strings.HasPrefix(d.Dates.Published, dateline) {
			d.Dates.Published = dateline
		}
		return
	}
	labelled, pubLabel := p.labelledDate()
	switch {
	case dateline != "" && (p.metaDateV == "" || !strings.HasPrefix(p.metaDateV, dateline)):
		d.Dates.Published = dateline
	case pubLabel && labelled == p.openingPubV && p.metaDateV != "" && !strings.HasPrefix(p.metaDateV, labelled):
		// The page says when it was published ("Erschienen am
		// 14.03.2021"); the metadata that differs is often the time the
		// record last changed (TYPO3's SYS_LASTCHANGED in <meta
		// name="date">). Only a line in the opening half of the text:
		// one further down may date a publication the article presents
		// (a brochure's box under the text), not the page.
		d.Dates.Published = labelled
	case p.metaDateV != "":
		d.Dates.Published = p.metaDateV
	case p.contentDateV != "":
		d.Dates.Published = p.contentDateV
	case cued != "":
		d.Dates.Published = cued
	case p.release.date != "":
		d.Dates.Published = p.release.date
	case p.dateAbove != nil:
		t, _ := textUpTo(p.dateAbove, 40)
		d.Dates.Published = bareDate(t, false)
	}
	if d.Dates.Published != "" {
		return
	}
	for _, t := range []string{p.meta.property("og:title"), p.doc.FindMatcher(onceFirst("title")).First().Text()} {
		if m := titleDateRe.FindStringSubmatch(t); m != nil {
			if v := isoDate("", m[1]); v != "" {
				d.Dates.Published = v
				return
			}
		}
	}
	if v := p.leadingDateLine(); v != "" {
		d.Dates.Published = v
		return
	}
	if labelled != "" {
		d.Dates.Published = labelled
		return
	}
	d.Dates.Published = p.closingDateline()
}

// leadingDateLine returns the date of a paragraph that is only a date
// among the first three blocks (the line under the headline); "" when
// none is, or when the text before it labels it ("Zuletzt geändert",
// "Stand:": a change, not the publication).
func (p *page) leadingDateLine() string {
	prev := ""
	h1 := p.an.soleHeadline()
	for i, b := range p.blocks {
		if i == 3 {
			break
		}
		if src := p.blockSrc[b.Key]; h1 != nil && (src == nil || !follows(src, h1)) {
			continue // over the headline: findDateAbove's, which weighs labels
		}
		var line string
		switch b.Type {
		case umzug.BlockText:
			if body := b.Text.Body; len(body) > 0 && p.openingDateLine(body[0], "") && !p.datedLines(body) {
				line = body[0].PlainText()
			}
		case umzug.BlockHeading:
			line = b.PlainText()
		}
		if t := collapseTrim(line); t != "" && len(t) <= 60 {
			if v := bareDate(t, true); v != "" {
				if dateLabel.MatchString(prev) {
					return ""
				}
				return v
			}
		}
		prev = lastLine(b)
	}
	return ""
}

// follows reports whether n comes after ref in document order (and is not
// inside it).
func follows(n, ref *html.Node) bool {
	for x := ref; x != nil; {
		switch {
		case x != ref && x == n:
			return true
		case x.FirstChild != nil && x != ref:
			x = x.FirstChild
			continue
		}
		for x != nil && x.NextSibling == nil {
			x = x.Parent
		}
		if x != nil {
			x = x.NextSibling
		}
	}
	return false
}

// lastLine returns the text of a block's last paragraph.
func lastLine(b umzug.Block) string {
	if b.Type == umzug.BlockText && len(b.Text.Body) > 0 {
		return b.Text.Body[len(b.Text.Body)-1].PlainText()
	}
	return b.PlainText()
}

// labelledDate returns the date after a label in a byline or post meta
// line that was left out ("Datum: 03.11.2021 Autor: …"), or closing it
// ("Verfasst von: redaktion2 | 31. Dezember 2008"), or after a
// publication label ("Veröffentlicht am 3. November 2021") opening one of
// the first three blocks. A bare "Datum:" in the text may date an event.
//
// pub reports that a publication label names the date ("Erschienen am",
// "Veröffentlicht:"), not a bare "Datum" or a byline's closing date.
func (p *page) labelledDate() (v string, pub bool) {
	for _, dn := range p.dropped {
		if (dn.reason == umzug.DropMeta || dn.reason == umzug.DropAuthor) && !insideItemList(dn.n) {
			// The date first: inLinkedItemRun walks the boxes around
			// the line, only for a line that dates something.
			t, _ := textUpTo(dn.n, 300)
			if v := dateAfter(t, bylineDateLabel); v != "" {
				if !inLinkedItemRun(p.detachedFrom(dn.n)) {
					return v, dateAfter(t, pubDateLabel) == v
				}
				continue
			}
			if v := isoDate("", datedByline(collapseTrim(t))); len(v) >= 10 && !inLinkedItemRun(p.detachedFrom(dn.n)) {
				return v[:10], false
			}
		}
	}
	for i, b := range p.blocks {
		if i == 3 {
			break
		}
		if b.Type == umzug.BlockText || b.Type == umzug.BlockHeading {
			// The label opens the block: "erschienen am 3. November
			// 1998" in a sentence dates a book, not the page.
			if t := strings.TrimSpace(textutil.Truncate(b.PlainText(), 200)); pubDateLabelStart.MatchString(t) {
				if v := dateAfter(t, pubDateLabel); v != "" {
					return v, true
				}
			}
		}
	}
	return "", false
}

// openingPubDate returns the date after a publication label that opens
// a short element ("Erschienen am: 14.03.2021") in the first half of the
// text of roots; "" when none does.
func (a *analysis) openingPubDate(roots []*html.Node) string {
	total := 0
	for _, r := range roots {
		total += int(a.w[r].text)
	}
	found := ""
	walkOpening(roots, total/2, func(c *html.Node) openingStep {
		if w := a.w[c].text; w == 0 || w > 80 {
			// No text, or more than a label's line (its letters alone
			// are more than textUpTo's 80 bytes): its children.
			return openInto
		}
		if !mayOpenPubDateLabel(c) {
			return openInto
		}
		t, ok := textUpTo(c, 80)
		if !ok || !pubDateLabelStart.MatchString(t) {
			return openInto
		}
		if v := dateAfter(t, pubDateLabel); v != "" {
			found = v
			return openStop
		}
		return openInto
	})
	return found
}

// mayOpenPubDateLabel reports whether textUpTo's text of n may match
// pubDateLabelStart, by its first byte alone: the labels begin with v, e
// or p (in either case; no other rune folds to these), and the first
// byte of the text that is not ASCII white space is the text's first
// when it is ASCII (TrimSpace trims no other ASCII byte). A text that
// opens with another byte, or with none, is looked at as before.
func mayOpenPubDateLabel(n *html.Node) bool {
	switch c := firstTextByte(n); c {
	case 'v', 'V', 'e', 'E', 'p', 'P', 0:
		return true
	default:
		return c >= utf8.RuneSelf
	}
}

// firstTextByte returns the first byte of n's text as gatherUpTo
// gathers it (skipping what skipElement skips) that is not ASCII white
// space, or 0 when there is none.
func firstTextByte(n *html.Node) byte {
	switch n.Type {
	case html.TextNode:
		for i := 0; i < len(n.Data); i++ {
			switch c := n.Data[i]; c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
			default:
				return c
			}
		}
		return 0
	case html.ElementNode:
		if skipElement(n) {
			return 0
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := firstTextByte(c); b != 0 {
			return b
		}
	}
	return 0
}

// dateAfter returns the date right after the first match of label in t.
func dateAfter(t string, label *regexp.Regexp) string {
	m := label.FindStringIndex(t)
	if m == nil {
		return ""
	}
	rest := strings.TrimSpace(t[m[1]:])
	if ds := FindGermanDates(rest); len(ds) > 0 && len(ds[0].Value) >= 10 && strings.HasPrefix(rest, ds[0].Text) {
		return ds[0].Value[:10]
	}
	return ""
}

// pubDateLabel matches a label of a publication date; bylineDateLabel
// also a bare "Datum", which in a byline dates the post.
var (
	pubDateLabel      = regexp.MustCompile(`(?i)\b(?:veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|publiziert(?:\s+am)?|published(?:\s+on)?)\s*:?`)
	pubDateLabelStart = regexp.MustCompile(`^` + pubDateLabel.String())
	bylineDateLabel   = regexp.MustCompile(`(?i)\b(?:datum|veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|publiziert(?:\s+am)?|published(?:\s+on)?)\s*:?`)
)

// closingDateline returns the date of a line that is only a place and a
// date ("Hamburg, den 02. Dezember 2022"), as a release signs off under
// its text; "" when no line or lines of different dates are.
func (p *page) closingDateline() string {
	found := ""
	for _, b := range p.blocks {
		var body umzug.PortableText
		switch b.Type {
		case umzug.BlockText:
			body = b.Text.Body
		case umzug.BlockTextMedia:
			body = b.TextMedia.Body
		}
		for _, pb := range body {
			if pb.ListItem != "" {
				continue
			}
			for line := range strings.SplitSeq(pb.PlainText(), "\n") {
				line = collapseTrim(line)
				if len(line) > 70 {
					continue
				}
				m := datelineRe.FindStringSubmatch(line)
				if m == nil || len(m[0]) != len(line) || weekdayWord.ReplaceAllString(m[1], "") == "" {
					continue // not a place: an event's "Samstag, 14. Juni 2025"
				}
				v := isoDate("", m[2])
				if len(v) < 10 || found != "" && found != v {
					return ""
				}
				found = v
			}
		}
	}
	return found
}
