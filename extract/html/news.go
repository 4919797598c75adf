package html

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// newsDetailSel finds the detail view of a news record: tx_news
// (news-single), and schema.org Article/NewsArticle markup with a body.
const newsDetailSel = `.news-single, .news-detail, .newsSingle, .news-single-item, .article[itemtype*="Article"]:has([itemprop=articleBody]), article[itemtype*="Article"]:has([itemprop=articleBody])`

// tt_news (TYPO3 4.x; tt_news 2.x and 3.x, res/tt_news_v3_template.html
// and tt_news_v2_template.html with the static templates ts_new and
// ts_old): the single view is a div.news-single-item holding its title
// and fields loose, not in wrappers of their own. ttNewsMetaBox is the box
// of date, time, categories and author (news-single-rightbox in
// TEMPLATE_SINGLE, news-single-timedata in the v2 template and
// TEMPLATE_SINGLE_RECORDINSERT); ttNewsParts are the record's other parts
// that are no body text (besides its images, news-single-img from
// imageWrapIfAny, which become image blocks): the additional info
// (related news, files and links as <dl>s), the single view's page
// browser, the category rootline and the link back to the list.
const (
	ttNewsMetaBox = `.news-single-rightbox, .news-single-timedata`
	ttNewsParts   = `.news-single-additional-info, .news-single-related, .news-single-files, .news-single-links, ` +
		`.news-single-backlink, .news-single-browse, .news-catRootline`
	// ttMetaAttr marks the title and subheader of a tt_news record
	// while its body is cloned, to leave them out of the clone.
	ttMetaAttr = "data-umzug-ttnews-meta"
)

// isTTNewsSingle reports a tt_news single view (news-single-item).
func isTTNewsSingle(n *html.Node) bool {
	return hasClass(attr(n, "class"), "news-single-item")
}

// findNewsDetail returns the news detail view that is the page's main
// content, or nil. A news record shown inside a list view, or one that is
// a minor part of a longer page (a style guide showing a release among
// other elements), does not make the page a press release.
func (p *page) findNewsDetail(roots []*html.Node) *html.Node {
	var total int32
	for _, r := range roots {
		total += p.an.w[r].good
	}
	for _, r := range roots {
		var found *html.Node
		goquery.NewDocumentFromNode(r).FindMatcher(newsDetailMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.ClosestMatcher(css(".news-list-view, .news-list, .news-latest")).Length() > 0 {
				return true
			}
			if 2*p.an.w[s.Nodes[0]].good < total {
				return true
			}
			found = s.Nodes[0]
			return false
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// textWeight is the number of non-space bytes of visible text under n: a
// cheap measure of how much content an element holds.
func textWeight(n *html.Node) int {
	w := 0
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			for i := 0; i < len(n.Data); i++ {
				if c := n.Data[i]; c != ' ' && c != '\n' && c != '\t' && c != '\r' {
					w++
				}
			}
			return
		}
		if n.Type == html.ElementNode && skipElement(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return w
}

// numberRe matches press release numbers as printed: "Nr. 042/2024",
// "PM 12/2024", "Pressemitteilung Nr. 7/2023", "Medieninformation 15/2024".
var numberRe = regexp.MustCompile(`(?i)\b(?:(?:Presse(?:mitteilung|information)|Medieninformation|Mitteilung|PM|PI|MI)\s*(?:Nr\.?|Nummer)?\s*|Nr\.\s*)(\d{1,4}\s*/\s*(?:\d{4}|\d{2}))\b`)

// numberIn returns numberRe's match in s, if any. Every match holds a
// slash ("42/2024") and most of the texts asked about (kickers, titles,
// category lines, first paragraphs) have none: those skip the regexp.
func numberIn(s string) (string, bool) {
	if strings.IndexByte(s, '/') < 0 {
		return "", false
	}
	m := numberRe.FindString(s)
	return m, m != ""
}

// prCue matches words that mark a page as a press release.
var prCue = regexp.MustCompile(`(?i)\b(?:Pressemitteilung|Presseinformation|Medieninformation|Pressemeldung|Medienmitteilung)\b`)

var authorPrefix = regexp.MustCompile(`(?i)^(?:erstellt von|herausgegeben von|herausgeber|von|quelle)\s*:?\s*`)

// datelineRe matches "Erfurt, 12. März 2024" (or "Erfurt, (12.03.2024)") at
// the start of a text.
var datelineRe = regexp.MustCompile(`^([A-ZÄÖÜ][\p{L}./ -]{1,40}?),\s*(?:den\s+)?\(?(\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+\.?)\s*\d{2,4})\)?`)

// datelineNumberRe matches a release number printed bare after the
// dateline: "Berlin, 28.10.2021, 058/21".
var datelineNumberRe = regexp.MustCompile(`^[A-ZÄÖÜ][\p{L}./ -]{1,40}?,\s*(?:den\s+)?\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+\.?)\s*\d{2,4}\s*[,|/–-]\s*(?:Nr\.\s*)?(\d{1,4}\s*/\s*(?:\d{4}|\d{2}))\s*$`)

// releaseNumber returns the release number in a line: after a label
// ("Pressemitteilung Nr. 042/2024") or bare after the dateline.
func releaseNumber(line string) string {
	if m, ok := numberIn(line); ok {
		return collapseTrim(m)
	}
	if strings.IndexByte(line, '/') < 0 {
		return "" // a number after the dateline has its slash too
	}
	for l := range strings.SplitSeq(line, "\n") {
		if m := datelineNumberRe.FindStringSubmatch(collapseTrim(l)); m != nil {
			return collapseTrim(m[1])
		}
	}
	return ""
}

// pressRelease extracts a news detail view into the document.
func (p *page) pressRelease(n *html.Node) {
	d := &p.d
	d.Kind = umzug.KindPressRelease
	pr := &umzug.PressRelease{}
	s := goquery.NewDocumentFromNode(n).Selection
	uid := enclosingUID(n)
	if uid > 0 {
		p.noteUID(uid)
	}

	title := s.FindMatcher(onceFirst("[itemprop=headline]")).First()
	if title.Length() == 0 {
		title = s.FindMatcher(onceFirst(".header h1, .header h2, .header h3, h1")).First()
	}
	if title.Length() == 0 {
		// Legacy tt_news renders the headline before the single view.
		title = s.PrevAllFiltered("h1, h2, h3").First()
		if title.Length() > 0 {
			p.detach(title.Nodes[0])
		}
	}
	ttSingle := isTTNewsSingle(n)
	if title.Length() == 0 && ttSingle {
		// tt_news' other single templates (tt_news_v2_template.html,
		// TEMPLATE_SINGLE_FORUM) head the record with an <h2>.
		title = s.ChildrenFiltered("h1, h2, h3").First()
	}
	if title.Length() > 0 {
		d.Title = headingText(title.Nodes[0], func(k string) { pr.Kicker = k })
	}
	// tt_news' subheader (the record's short text, which its lists show
	// as the teaser) follows the title: an <h2> in the static template
	// "ts_new" (subheader_stdWrap.wrap = <h2>|</h2>), else an element
	// named news-single-subheader. It is the release's lead.
	var ttMeta []*html.Node // the record's parts that are fields, left out of a cloned body
	if ttSingle && title.Length() > 0 {
		ttMeta = append(ttMeta, title.Nodes[0])
		if h := nextElement(title.Nodes[0]); h != nil && (headingLevel(h) > headingLevel(title.Nodes[0]) || hasClass(attr(h, "class"), "news-single-subheader")) {
			pr.Lead = collapseTrim(textOf(h))
			p.field(h, "lead")
			ttMeta = append(ttMeta, h)
		}
	}
	pr.Kicker = text(s.FindMatcher(onceFirst(".news-kicker, .kicker, .topline, .dachzeile, .roofline, .overline")).First())
	pr.Subtitle = text(s.FindMatcher(onceFirst(".news-subtitle, .subheadline, .subtitle, .subheader, [itemprop=alternativeHeadline], [itemprop=subheadline]")).First())

	if t := s.FindMatcher(onceFirst("[itemprop=datePublished], .news-list-date time, time[datetime]")).First(); t.Length() > 0 {
		d.Dates.Published = isoDate(t.AttrOr("datetime", t.AttrOr("content", "")), text(t))
		p.field(t.Nodes[0], "published")
	} else if t := s.FindMatcher(onceFirst(".news-list-date, .news-date, .date")).First(); t.Length() > 0 {
		d.Dates.Published = isoDate("", text(t))
		p.field(t.Nodes[0], "published")
	} else if t := s.FindMatcher(onceFirst(ttNewsMetaBox)).First(); t.Length() > 0 {
		// tt_news' meta box: date and time ("03.06.2015 11:30"), then the
		// categories after their label; the categories are taxonomy.
		d.Dates.Published = isoDate("", text(t))
		p.dropped = append(p.dropped, droppedNode{n: t.Nodes[0], reason: umzug.DropTags})
	}
	if t := s.FindMatcher(onceFirst("[itemprop=dateModified]")).First(); t.Length() > 0 {
		d.Dates.Modified = isoDate(t.AttrOr("datetime", t.AttrOr("content", "")), text(t))
	}
	if a := s.FindMatcher(onceFirst(".news-list-author, [itemprop=author], .author")).First(); a.Length() > 0 {
		if name := authorPrefix.ReplaceAllString(text(a), ""); name != "" {
			pr.Publisher = &umzug.Publisher{Name: name}
		}
	}
	if pr.Publisher == nil {
		if site := collapseTrim(p.meta.property("og:site_name")); site != "" {
			pr.Publisher = &umzug.Publisher{Name: site}
		}
	}
	if pr.Publisher != nil && p.base != nil && (p.base.Scheme == "http" || p.base.Scheme == "https") {
		pr.Publisher.URL = p.base.Scheme + "://" + p.base.Host + "/"
	}
	if pr.Lead == "" {
		pr.Lead = text(s.FindMatcher(onceFirst(".lead, [itemprop=description], .teaser-text, .news-teaser")).First())
	}

	// The body: the record's body container, or else the record without
	// its headline, meta lines, lead and related boxes.
	// (".bodytext" is the class of a paragraph in TYPO3's rich text, not
	// of a wrapper: it would take the first paragraph only.)
	body := s.FindMatcher(onceFirst(".news-text-wrap, [itemprop=articleBody], .news-body")).First()
	if body.Length() == 0 {
		for _, m := range ttMeta {
			m.Attr = append(m.Attr, html.Attribute{Key: ttMetaAttr})
		}
		body = s.Clone()
		for _, m := range ttMeta {
			m.Attr = m.Attr[:len(m.Attr)-1]
		}
		body.FindMatcher(css("[itemprop=headline], .header, .news-header, .news-list-date, .news-list-category, .news-list-author, " +
			".news-kicker, .news-subtitle, .subheader, .lead, [itemprop=description], .news-teaser, .date, time, " +
			".news-related-wrap, .news-related, .news-backlink-wrap, .news-img-wrap, .news-image, .news-media, .mediaelement, figure, " +
			ttNewsMetaBox + ", .news-single-img, " + ttNewsParts + ", [" + ttMetaAttr + "]")).Remove()
		// Content elements of the record are converted on their own.
		body.FindMatcher(css("*")).FilterFunction(func(_ int, e *goquery.Selection) bool { return isContentElement(e.Nodes[0]) }).Remove()
	}

	// The record's content elements (tx_news renders the content elements
	// of a news record inside its detail view: text, uploads, contact
	// boxes): converted as elements, in their place.
	ces := p.newsContentElements(n, body)
	inCE := func(x *html.Node) bool {
		for _, ce := range ces {
			if ce == x || isAncestor(ce, x) {
				return true
			}
		}
		return false
	}

	// Images of the news record outside its body (the lead image,
	// "mediaelement" wrappers, itemprop=image): image blocks before the body.
	var imgBlocks []umzug.Block
	var imgNodes []*html.Node
	seenImg := map[string]bool{}
	s.FindMatcher(css("img")).Each(func(_ int, img *goquery.Selection) {
		if isIcon(img.Nodes[0]) || insideSel(img, body) || inCE(img.Nodes[0]) || img.ClosestMatcher(css(".news-related-wrap, .news-related, .news-backlink-wrap, "+ttNewsParts)).Length() > 0 {
			return
		}
		m, ok := p.mediaOf(img, figureOf(img))
		if !ok || seenImg[m.Src] {
			return
		}
		seenImg[m.Src] = true
		if m.Caption == "" && m.Credit == "" {
			if w := img.Parent().ClosestMatcher(css(".news-img-wrap, .news-image, .news-media")); w.Length() > 0 {
				m.Caption, m.Credit = splitCredit(text(w.FindMatcher(onceFirst(".news-img-caption, figcaption")).First()))
			}
		}
		imgBlocks = append(imgBlocks, umzug.Block{Type: umzug.BlockImage, Image: &umzug.Image{Media: m}})
		imgNodes = append(imgNodes, img.Nodes[0])
	})
	// Videos of the record's media (Partials/Detail/MediaVideo.html: a
	// "mediaelement-video" with the video file or a YouTube or Vimeo
	// iframe, its description in "news-img-caption" after it): video
	// blocks in their place, like the images.
	s.FindMatcher(css("iframe, video")).Each(func(_ int, f *goquery.Selection) {
		if insideSel(f, body) || inCE(f.Nodes[0]) || f.ClosestMatcher(css(".news-related-wrap, .news-related, .news-backlink-wrap")).Length() > 0 {
			return
		}
		v := p.video(f)
		if v == nil || seenImg[v.Src] {
			return
		}
		seenImg[v.Src] = true
		if v.Caption == "" {
			if w := f.ClosestMatcher(css(".outer, .news-img-wrap, .news-image, .news-media")); w.Length() > 0 {
				v.Caption = text(w.FindMatcher(cssFirst(".news-img-caption, figcaption")).First())
			}
		}
		imgBlocks = append(imgBlocks, umzug.Block{Type: umzug.BlockVideo, Video: v})
		imgNodes = append(imgNodes, f.Nodes[0])
	})

	// Attachments and related links.
	s.FindMatcher(css(".news-related-files li, .news-related-files tr")).Each(func(_ int, li *goquery.Selection) {
		if a := li.FindMatcher(onceFirst("a[href]")).First(); a.Length() > 0 {
			if f := p.fileOf(a, li); f.URL != "" {
				pr.Attachments = append(pr.Attachments, f)
			}
		}
	})
	// tt_news: files and links in definition lists under their <dt>
	// label (a file's item: the core's filelink, icon, link and size).
	s.FindMatcher(css(".news-single-files dd")).Each(func(_ int, dd *goquery.Selection) {
		if a := dd.FindMatcher(css("a[href]")).Last(); a.Length() > 0 {
			if f := p.fileOf(a, dd); f.URL != "" {
				if f.SizeText == "" {
					// The size stands bare after the link ("312 K").
					f.Size, f.SizeText = parseSize(collapseTrim(strings.Replace(text(dd), text(a), "", 1)))
				}
				pr.Attachments = append(pr.Attachments, f)
			}
		}
	})
	p.appendRelated(pr, s.FindMatcher(css(".news-related-links a[href], .news-single-links dd a[href]")))
	plain, plainHeads := p.plainRelated(s, pr)
	p.markNewsMeta(s, pr)
	for _, n := range append(plain, plainHeads...) {
		p.field(n, "related") // the links, and "Links" over their box
	}

	// The parts of the body in the page's order: images outside the
	// text, the record's content elements and the text.
	type part struct {
		n      *html.Node
		blocks []umzug.Block
		ce     bool
	}
	var parts []part
	for i := range imgBlocks {
		parts = append(parts, part{n: imgNodes[i], blocks: imgBlocks[i : i+1]})
	}
	for _, ce := range ces {
		parts = append(parts, part{n: ce, ce: true})
	}
	if body.Length() > 0 {
		parts = append(parts, part{n: body.Nodes[0], blocks: p.flow(body.Nodes[0])})
	}
	// A cloned body is not in the page: it goes after the images.
	sort.SliceStable(parts, func(i, j int) bool {
		a, b := parts[i].n, parts[j].n
		if a.Parent == nil || b.Parent == nil {
			return false
		}
		return nodeOrder(a, b)
	})
	for _, pt := range parts {
		p.srcNode = pt.n
		if pt.n.Parent == nil {
			// A cloned body stands for the record's text: what is read
			// out of it later (a contact box) is found in the record.
			p.srcNode = n
		}
		if pt.ce {
			p.contentElement(pt.n, "")
			continue
		}
		var el *html.Node
		if body.Length() > 0 && pt.n == body.Nodes[0] {
			el = pt.n
		}
		for _, b := range pt.blocks {
			p.add(b, uid, "news", el)
		}
	}

	// The number: in the kicker, subtitle, header or first body lines.
	for _, cand := range []string{pr.Kicker, pr.Subtitle, text(s.FindMatcher(onceFirst(".header, .news-header, .footer")).First()), firstText(p.blocks, 2)} {
		if n := releaseNumber(cand); n != "" {
			pr.Number = n
			break
		}
	}
	if pr.Kicker == pr.Number {
		pr.Kicker = "" // the kicker line only carried the number
	}
	// A body that opens with the number alone ("<p><strong>Nr. 042/2024</strong></p>")
	// has it in pr.Number now; the paragraph would repeat it.
	p.blocks = dropNumberParagraph(p.blocks, pr.Number, publisherName(pr))
	// A dateline "Erfurt, 12. März 2024" opening the body.
	if m := datelineRe.FindStringSubmatch(firstText(p.blocks, 1)); m != nil {
		pr.Dateline = strings.TrimSpace(m[1])
		// The printed date is the release's date; a machine date of
		// another day is the record's creation time.
		if v := isoDate("", m[2]); v != "" && !strings.HasPrefix(d.Dates.Published, v) {
			d.Dates.Published = v
		}
	}
	d.PressRelease = pr
	if d.Dates.Published == "" {
		d.Dates.Published = p.undatedNewsDate()
	}
	if d.Dates.Published == "" {
		// A news record without any date is an article, not a release
		// (magazine articles and lexicon entries use news records too).
		d.Kind = umzug.KindPage
		if d.Summary == "" {
			d.Summary = pr.Lead
		}
		d.PressRelease = nil
	}
}

// newsContentElements returns the outermost content elements inside a news
// record n that are not part of its body text. Other views of the news
// plugin met there (a list of further news, the category or tag menu,
// often nested into the detail by unbalanced markup) are no content of
// the record: they are left out as related content and taxonomy.
func (p *page) newsContentElements(n *html.Node, body *goquery.Selection) []*html.Node {
	var out []*html.Node
	var walk func(x *html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) {
				continue
			}
			if body.Length() > 0 && c == body.Nodes[0] {
				continue
			}
			if isContentElement(c) {
				switch cs := goquery.NewDocumentFromNode(c).Selection; {
				case cs.FindMatcher(onceFirst(newsListViews)).Length() > 0:
					p.dropped = append(p.dropped, droppedNode{n: c, reason: umzug.DropRelated})
				case cs.FindMatcher(onceFirst(newsTaxonomyViews)).Length() > 0:
					p.dropped = append(p.dropped, droppedNode{n: c, reason: umzug.DropTags, others: true})
				default:
					out = append(out, c)
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// The other views of tx_news (Templates/News/List.html, SelectedList,
// Category/List.html, Tag/List.html, DateMenu) and of tt_news.
const (
	newsListViews     = `.news-list-view, .news-latest, .news-latest-container, .news-list-container, .news-amenu-container`
	newsTaxonomyViews = `.news-categories, .news-category-view, .news-tags, .news-menu-view, .news-search-form, .news-catmenu`
)

// markNewsMeta records what became of the meta parts of a news record
// that are not its body: the category and tag lines (a category line
// holding the release's number is the number; other categories and tags
// are taxonomy, left out), the related news (pointers elsewhere), and the
// related files and links (read into attachments and related links).
func (p *page) markNewsMeta(s *goquery.Selection, pr *umzug.PressRelease) {
	s.FindMatcher(css(".news-list-category, .news-category, .news-list-tags, .news-tags")).Each(func(_ int, e *goquery.Selection) {
		if _, ok := numberIn(text(e)); ok {
			p.field(e.Nodes[0], "number")
			return
		}
		p.dropped = append(p.dropped, droppedNode{n: e.Nodes[0], reason: umzug.DropTags})
	})
	s.FindMatcher(css(".news-related-news, .news-single-related")).Each(func(_ int, e *goquery.Selection) {
		p.dropped = append(p.dropped, droppedNode{n: e.Nodes[0], reason: umzug.DropRelated})
	})
	s.FindMatcher(css(".news-single-backlink, .news-single-browse, .news-catRootline")).Each(func(_ int, e *goquery.Selection) {
		p.dropped = append(p.dropped, droppedNode{n: e.Nodes[0], reason: umzug.DropUtility})
	})
	if len(pr.Attachments) > 0 {
		s.FindMatcher(css(".news-related-files, .news-single-files")).Each(func(_ int, e *goquery.Selection) { p.field(e.Nodes[0], "attachments") })
	}
	if len(pr.Related) > 0 {
		s.FindMatcher(css(".news-related-links, .news-single-links")).Each(func(_ int, e *goquery.Selection) { p.field(e.Nodes[0], "related") })
	}
}

// plainRelated reads the related boxes a template of its own prints as
// plain "news-related" boxes, without news-related-news, -files or -links
// (a box inside another is read with it). Its items that carry a date and
// link to a page are related news, left out as related; its other links
// are the record's related links, read into pr.Related. A box of related
// news only goes with the headline over it. It returns what was read, to
// be marked as the related links with the box's headline.
func (p *page) plainRelated(s *goquery.Selection, pr *umzug.PressRelease) (read, heads []*html.Node) {
	s.FindMatcher(css(".news-related")).Each(func(_ int, e *goquery.Selection) {
		n := e.Nodes[0]
		if typedRelated(n) || insidePlainRelated(n) {
			return
		}
		var units []*html.Node // the box's items, or the box without any
		e.FindMatcher(css("li")).Each(func(_ int, li *goquery.Selection) { units = append(units, li.Nodes[0]) })
		if len(units) == 0 {
			units = []*html.Node{n}
		}
		var links []*html.Node
		for _, u := range units {
			if relatedNewsItem(u) {
				p.dropped = append(p.dropped, droppedNode{n: u, reason: umzug.DropRelated})
				continue
			}
			before := len(pr.Related)
			p.appendRelated(pr, goquery.NewDocumentFromNode(u).FindMatcher(css("a[href]")))
			if len(pr.Related) > before {
				links = append(links, u)
			}
		}
		h := prevElement(n)
		if h == nil || headingLevel(h) < 2 || len(collapseTrim(textOf(h))) > 80 {
			h = nil
		}
		switch {
		case len(links) > 0:
			read = append(read, links...)
			if h != nil {
				heads = append(heads, h)
			}
		case h != nil:
			p.dropped = append(p.dropped, droppedNode{n: h, reason: umzug.DropRelated})
		}
	})
	return read, heads
}

// appendRelated reads links into the release's related links, each with
// its text, title and target.
func (p *page) appendRelated(pr *umzug.PressRelease, links *goquery.Selection) {
	links.Each(func(_ int, a *goquery.Selection) {
		if href := p.abs(a.AttrOr("href", "")); href != "" {
			pr.Related = append(pr.Related, umzug.Link{Href: href, Text: text(a), Title: a.AttrOr("title", ""), Target: a.AttrOr("target", "")})
		}
	})
}

// relatedNewsItem reports an item of a related box that is another news
// record: it carries a date (datedItem) and links to a page, not a file.
func relatedNewsItem(n *html.Node) bool {
	return hasDescendant(n, datedItem) && hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.A && linksPage(d) })
}

// insidePlainRelated reports a plain news-related box inside another.
func insidePlainRelated(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if hasClass(attr(a, "class"), "news-related") {
			return true
		}
	}
	return false
}

// typedRelated reports a related box that tx_news's own classes type,
// around, inside or on it: news-related-news, -files or -links.
func typedRelated(n *html.Node) bool {
	typed := func(x *html.Node) bool {
		c := attr(x, "class")
		return hasClass(c, "news-related-news") || hasClass(c, "news-related-files") || hasClass(c, "news-related-links")
	}
	for a := n; a != nil; a = a.Parent {
		if typed(a) {
			return true
		}
	}
	return hasDescendant(n, typed)
}

// numberSources are the elements that print a release's number beside
// its headline: category, kicker and meta lines.
const numberSources = `.news-list-category, .news-category, [class*="category"], [class*="kicker"], [class*="topline"], ` +
	`[class*="dachzeile"], [class*="rubrik"], [class*="overline"], [class*="roofline"], [class*="meta"], [class*="subline"], ` +
	`.news-list-tags, [class*="label"], [class*="number"], [class*="nummer"]`

// finishPressRelease completes a press release however it was recognised:
// the release's fields exist, the number is read where templates print
// it, the publisher falls back to the site, and contact boxes become
// contacts.
func (p *page) finishPressRelease(roots []*html.Node) {
	d := &p.d
	if d.PressRelease == nil {
		d.PressRelease = &umzug.PressRelease{Kicker: p.kicker}
	}
	pr := d.PressRelease
	if k := p.pressKicker; pr.Kicker == "" && k != nil && (!inlineAtoms[k.DataAtom] || k.Parent != nil && normText(textOf(k.Parent)) == normText(textOf(k))) {
		// "Pressemitteilung" over the headline: the kicker, not a block
		// (a word in a line with more, "Pressemitteilung Berlin", stays
		// in its line).
		pr.Kicker = collapseTrim(textOf(k))
		p.field(k, "kicker")
		p.dropBlocksOf(k)
	}
	if k := classKicker(p.an.soleHeadline()); pr.Kicker == "" && k != nil && containsAny(roots, k) && releaseNumber(textOf(k)) == "" {
		// A line marked as the kicker right over the headline
		// ("<p class=h1-kicker>Verband</p><h1>…</h1>"); one that holds
		// the release's number is read as the number below.
		pr.Kicker = collapseTrim(textOf(k))
		p.field(k, "kicker")
		p.dropBlocksOf(k)
		p.dropOpeningLine(pr.Kicker)
	}
	if pr.Number == "" {
		scope := roots
		if p.news != nil {
			scope = []*html.Node{p.news}
		}
		cands := []string{pr.Kicker, pr.Subtitle, p.release.number}
		for _, r := range scope {
			goquery.NewDocumentFromNode(r).FindMatcher(css(numberSources)).EachWithBreak(func(_ int, e *goquery.Selection) bool {
				if t := text(e); len(t) < 200 {
					cands = append(cands, t)
				}
				return len(cands) < 40
			})
		}
		cands = append(cands, firstText(p.blocks, 2), d.Title)
		for _, c := range cands {
			if n := releaseNumber(c); n != "" {
				pr.Number = n
				break
			}
		}
		if pr.Number != "" && pr.Number == p.release.number {
			p.field(p.release.el, "number")
		}
		if pr.Number == "" {
			// A labelled value in a meta line, also one dropped as chrome.
			nodes := slices.Clone(scope)
			for _, dn := range p.dropped {
				nodes = append(nodes, dn.n)
			}
			if n, line := labeledNumber(nodes); n != "" {
				pr.Number = n
				p.field(line, "number")
			}
		}
		if pr.Kicker == pr.Number {
			pr.Kicker = ""
		}
	}
	d.Title = titleWithoutNumber(d.Title, pr.Number)
	if pr.Publisher == nil {
		if el, name := publisherLine(roots); el != nil {
			pr.Publisher = &umzug.Publisher{Name: name}
			p.field(el, "publisher")
			p.dropBlocksOf(el)
			// A line around it that holds nothing else but separators
			// (the date beside it was taken): "12.12.2022 - <span
			// class=news-organization>Empa</span>".
			p.dropBlocks(func(b *umzug.Block, src *html.Node) bool {
				return src != nil && isAncestor(src, el) && strings.Trim(strings.Replace(b.PlainText(), name, "", 1), " \t\r\n\u00a0-–—|·:") == ""
			})
		}
	}
	if pr.Publisher == nil {
		if site := collapseTrim(p.meta.property("og:site_name")); site != "" {
			pr.Publisher = &umzug.Publisher{Name: site}
			if p.base != nil && (p.base.Scheme == "http" || p.base.Scheme == "https") {
				pr.Publisher.URL = p.base.Scheme + "://" + p.base.Host + "/"
			}
		}
	}
	if pr.Publisher == nil && p.news != nil && isTTNewsSingle(p.news) {
		// A tt_news site (TYPO3 4.x, no Open Graph tags) names itself in
		// the <title> beside the release's headline: TYPO3 writes "Site:
		// Page" (the template's sitetitle), and tt_news puts the record's
		// title in place of the page's (substitutePagetitle, default on).
		tt := collapseTrim(p.doc.FindMatcher(onceFirst("title")).First().Text())
		if site := siteNameBeside(tt, d.Title); site != "" {
			pr.Publisher = &umzug.Publisher{Name: site}
			if p.base != nil && (p.base.Scheme == "http" || p.base.Scheme == "https") {
				pr.Publisher.URL = p.base.Scheme + "://" + p.base.Host + "/"
			}
		}
	}
	p.blocks = dropNumberParagraph(p.blocks, pr.Number, publisherName(pr))
	p.attachFileBoxes()
	p.takeContacts(roots)
	if pr.Subtitle == "" {
		p.takeSubtitle()
	}
	if pr.Lead == "" {
		p.takeLead()
	}
	if pr.Lead != "" && normText(pr.Lead) == normText(pr.Subtitle) {
		pr.Lead = "" // one sentence under the headline: the subtitle, not also the lead
	}
	p.dropLeadParagraph(pr.Lead)
}

// takeSubtitle reads the subtitle of a release made of content elements:
// the subheader of the element whose headline is the title, which
// extraction left as the first heading.
func (p *page) takeSubtitle() {
	if len(p.blocks) == 0 || p.blocks[0].Type != umzug.BlockHeading || p.blocks[0].Heading == nil {
		return
	}
	if h := p.blockSrc[p.blocks[0].Key]; h != nil && contaoSubHeadline(h) {
		p.d.PressRelease.Subtitle = p.blocks[0].Heading.Text
		p.field(h, "subtitle")
		p.blocks = p.blocks[1:]
		return
	}
	// The heading is the second block of its element ("c12-2") and the
	// element's first, its headline, became the title.
	base, ok := strings.CutSuffix(p.blocks[0].Key, "-2")
	if !ok || !strings.HasPrefix(base, "c") {
		return
	}
	for _, b := range p.blocks {
		if b.Key == base {
			return
		}
	}
	p.d.PressRelease.Subtitle = p.blocks[0].Heading.Text
	p.blocks = p.blocks[1:]
}

// contaoSubHeadline reports the subheadline of Contao's news_full
// template: an <h2> that is a child of the news item (`layout_full`) and
// follows its <h1> with nothing between but the info line (`p.info`:
// the date and the author). The item's text comes after it in content
// elements of their own.
func contaoSubHeadline(h *html.Node) bool {
	if h.DataAtom != atom.H2 || h.Parent == nil || !slices.Contains(strings.Fields(attr(h.Parent, "class")), "layout_full") {
		return false
	}
	for s := h.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.TextNode && nonSpace(s.Data) > 0 {
			return false
		}
		if s.Type != html.ElementNode {
			continue
		}
		if s.DataAtom == atom.H1 {
			return true
		}
		if s.DataAtom != atom.P || !classWordIn(attr(s, "class"), infoWord) {
			return false
		}
	}
	return false
}

var infoWord = map[string]bool{"info": true}

// takeLead reads the lead of a release without tx_news's lead markup: the
// opening paragraph of its text when it is set in bold as a whole, as
// press offices write their leads, or when it is all of an element whose
// class names a lead ("main-article-intro", "vorspann", Bootstrap's
// `p.lead` that Joomla's editors use), also when more paragraphs follow
// it in the same text block. The article's picture may stand above it
// (Joomla's full-text image before the body).
func (p *page) takeLead() {
	for i := range p.blocks {
		b := &p.blocks[i]
		if b.Type == umzug.BlockHeading || b.Type == umzug.BlockImage && i == 0 {
			continue // a headline, the article's picture over its text
		}
		if b.Type != umzug.BlockText || len(b.Text.Body) == 0 {
			return
		}
		first := b.Text.Body[0]
		t := collapseTrim(first.PlainText())
		if first.Style != "normal" || first.ListItem != "" || len(t) < 60 {
			return
		}
		if !allMarked(first, "strong") && !(len(t) <= 600 && leadMarked(p.blockSrc[b.Key], t)) {
			return
		}
		p.d.PressRelease.Lead = t
		p.dropFirstParagraph(i)
		return
	}
}

// leadMarked reports whether n or one of its two nearest ancestors has a
// class naming a lead (intro, lead, vorspann, abstract, standfirst: a
// word of the class, split at hyphens and underscores) and its text is
// the paragraph t alone: a wrapper so named around the whole text
// ("content-intro") makes no lead of its first paragraph.
func leadMarked(n *html.Node, t string) bool {
	src := n
	for i := 0; n != nil && i < 3; i, n = i+1, n.Parent {
		if classWordIn(attr(n, "class"), leadWords) {
			return normText(textOf(n)) == normText(t)
		}
	}
	// The block may come from a box around the lead (the article's
	// header with its headline, which left the blocks, and Plone's
	// description): the element so named inside it.
	return src != nil && hasDescendant(src, func(d *html.Node) bool {
		return classWordIn(attr(d, "class"), leadWords) && normText(textOf(d)) == normText(t)
	})
}

var leadWords = map[string]bool{"intro": true, "lead": true, "vorspann": true, "abstract": true, "standfirst": true,
	"documentdescription": true} // Plone's description under the title (its templates' documentDescription)

// dropFirstParagraph removes the first paragraph of text block i, and
// the block with it when that was all it held.
func (p *page) dropFirstParagraph(i int) {
	b := &p.blocks[i]
	if len(b.Text.Body) == 1 && b.Header == nil {
		p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
		return
	}
	b.Text.Body = b.Text.Body[1:]
	rekey(b.Text.Body)
}

// dropLeadParagraph removes the lead from the body when the body's first
// paragraph repeats it: a lead read by a profile's selector (GSB's
// `p.abstract`) stays in the content the walk converts, where tx_news'
// lead is taken out of the record's body.
func (p *page) dropLeadParagraph(lead string) {
	if lead == "" {
		return
	}
	for i := range p.blocks {
		b := &p.blocks[i]
		if b.Type == umzug.BlockHeading {
			continue
		}
		if b.Type != umzug.BlockText || len(b.Text.Body) == 0 || normText(b.Text.Body[0].PlainText()) != normText(lead) {
			return
		}
		p.dropFirstParagraph(i)
		return
	}
}

// allMarked reports whether every span with text carries the mark.
func allMarked(pb umzug.PTBlock, mark string) bool {
	n := 0
	for _, sp := range pb.Children {
		if strings.TrimSpace(sp.Text) == "" {
			continue
		}
		if !slices.Contains(sp.Marks, mark) {
			return false
		}
		n++
	}
	return n > 0
}

func publisherName(pr *umzug.PressRelease) string {
	if pr.Publisher == nil {
		return ""
	}
	return pr.Publisher.Name
}

// undatedNewsDate looks for the release's date where the record itself
// shows none: the page's metadata or a date element at the top.
func (p *page) undatedNewsDate() string {
	if p.metaDateV != "" {
		return p.metaDateV
	}
	return p.contentDateV
}

// dropNumberParagraph removes the opening paragraph of the first text
// block when it is only a meta line of the release: its number, with at
// most the publisher's name, dates and separators beside it
// ("<p><strong>Nr. 042/2024</strong></p>", "Medieninformation Nr. 112/2024 |
// Staatskanzlei"). The number is a field; the line would repeat it.
func dropNumberParagraph(bs []umzug.Block, number, publisher string) []umzug.Block {
	if number == "" {
		return bs
	}
	for i := range bs {
		if bs[i].Type != umzug.BlockText {
			continue
		}
		body := bs[i].Text.Body
		if len(body) == 0 || !onlyMeta(body[0].PlainText(), number, publisher) {
			return bs
		}
		if len(body) > 1 {
			bs[i].Text.Body = body[1:]
			rekey(bs[i].Text.Body)
			return bs
		}
		if bs[i].Header != nil {
			return bs // the element's headline stays with it
		}
		return append(bs[:i:i], bs[i+1:]...)
	}
	return bs
}

// metaLeft matches what may remain of a meta line besides its parts:
// separators and the words that join them.
var metaLeft = regexp.MustCompile(`(?i)^(?:[\s|·•/,:;.–—-]|vom|von|am|der|die|des)*$`)

// onlyMeta reports whether a line holds nothing but the number, the
// publisher's name and dates.
func onlyMeta(line, number, publisher string) bool {
	line = collapseTrim(line)
	if !strings.Contains(line, number) || len(line) > len(number)+len(publisher)+60 {
		return false
	}
	rest := strings.Replace(line, number, "", 1)
	if publisher != "" {
		rest = strings.Replace(rest, publisher, "", 1)
	}
	for _, d := range FindGermanDates(rest) {
		rest = strings.Replace(rest, d.Text, "", 1)
	}
	return metaLeft.MatchString(rest)
}

// insideSel reports whether the element of a is inside (or is) an
// element of b.
func insideSel(a, b *goquery.Selection) bool {
	if a.Length() == 0 || b.Length() == 0 {
		return false
	}
	for n := a.Nodes[0]; n != nil; n = n.Parent {
		for _, m := range b.Nodes {
			if n == m {
				return true
			}
		}
	}
	return false
}

// enclosingUID returns the uid of the content element around n.
func enclosingUID(n *html.Node) int {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && isContentElement(p) {
			return cUID(attr(p, "id"))
		}
	}
	return 0
}

// isoDate prefers a machine-readable datetime attribute and falls back to
// parsing the printed German date.
func isoDate(attrVal, printed string) string {
	if v := strings.TrimSpace(attrVal); v != "" {
		if pd, err := ParseGermanDate(v); err == nil {
			return pd.Value
		}
	}
	if pd, err := ParseGermanDate(printed); err == nil {
		return pd.Value
	}
	if ds := FindGermanDates(printed); len(ds) > 0 {
		return ds[0].Value
	}
	return ""
}

// firstText returns the plain text of the first n text blocks.
func firstText(bs []umzug.Block, n int) string {
	var parts []string
	for _, b := range bs {
		if len(parts) >= n {
			break
		}
		if b.Type == umzug.BlockText && len(b.Text.Body) > 0 {
			parts = append(parts, b.Text.Body[0].PlainText())
		}
	}
	return strings.Join(parts, "\n")
}

// textWithBreaks returns an element's text with line breaks kept as "\n".
func textWithBreaks(n *html.Node) string {
	var sb strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			sb.WriteString(collapseSpace(n.Data))
		case n.Type == html.ElementNode && n.Data == "br":
			sb.WriteByte('\n')
		case n.Type == html.ElementNode && isInvisible(n):
			// Hidden text is no line: TYPO3's spam protection hides
			// "remove-this." inside an address.
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
		if n.Type == html.ElementNode && !inlineAtoms[n.DataAtom] {
			sb.WriteByte('\n')
		}
	}
	f(n)
	return sb.String()
}

// newsURL matches URL paths of press releases and news items.
var newsURL = regexp.MustCompile(`(?i)/\d{0,3}(?:presse|pressemitteilungen?|pressemeldungen?|presseinformationen?|medieninformationen?|medienmitteilungen?|aussendungen|news|newsdetails?|nachrichten|meldungen|fachmeldungen?|aktuelles|aktuell|neuigkeiten|mitteilungen)(?:/|$|[-_])|/\d{0,3}(?:nachricht|meldung|pressemitteilung|pressemeldung|presseinformation|medieninformation)(?:/|\.html?$|$)`)

// newsMarkup matches classes and item types of news detail views that
// the built-in tx_news recognition does not cover.
const newsMarkup = `[class*="newsSingle"], [class*="news-single"], [class*="newsreader"], [class*="newsdetail"], [class*="news-detail"], [class*="nsbnewsdetails"], [itemtype*="NewsArticle"]`

// looksLikePressRelease recognises press releases and news items without
// tx_news markup by structure: a dated page that names itself a press
// release in its opening, or whose URL or markup is that of a news item,
// and which is not a list of teasers.
func (p *page) looksLikePressRelease(roots []*html.Node) bool {
	d := &p.d
	if d.Title == "" || d.Dates.Published == "" {
		return false
	}
	var teasers int
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockTeaser {
			teasers += len(b.Teaser.Items)
		}
	}
	// Dated teasers are weighed by isListPage: a short list of other
	// releases under a release's text does not make it a list.
	teasers -= p.datedTeaserItems
	if teasers > 2 || p.isListPage() {
		return false
	}
	if prCueMatch(d.Title+"\n"+firstText(d.Blocks, 2)) || p.release.el != nil || p.pressKicker != nil {
		return true
	}
	// The page's URL, or the canonical URL it declares (a saved page
	// says where it lives), is that of a news item.
	for _, raw := range p.pageURLs() {
		if u, err := url.Parse(raw); err == nil && newsURL.MatchString(u.Path) {
			return true
		}
	}
	if p.doc.FindMatcher(newsMarkupFirst).Length() > 0 { // cssFirst(newsMarkup), fastpath.go
		return true
	}
	// The site's own breadcrumb files it under its press releases.
	for _, dn := range p.dropped {
		if dn.reason == umzug.DropBreadcrumb && pressSection.MatchString(cleanText(dn.n)) {
			return true
		}
	}
	return p.inPressCategory()
}

// classKicker returns the element right before the headline h (its
// previous element sibling) whose class names a kicker (kicker, topline,
// dachzeile, overline, roofline, spitzmarke) and whose text is a short
// line and no date alone; nil otherwise.
func classKicker(h *html.Node) *html.Node {
	if h == nil {
		return nil
	}
	k := h.PrevSibling
	for k != nil && k.Type != html.ElementNode {
		if k.Type == html.TextNode && strings.TrimSpace(k.Data) != "" {
			return nil
		}
		k = k.PrevSibling
	}
	if k == nil || headingLevel(k) > 0 {
		return nil
	}
	cls := strings.ToLower(attr(k, "class"))
	if !containsSubstring(cls, "kicker", "topline", "dachzeile", "overline", "roofline", "spitzmarke") {
		return nil
	}
	if t, short := textUpTo(k, 60); !short || t == "" || strings.ContainsAny(t, "0123456789") && dateOnly.MatchString(collapseTrim(t)) {
		return nil // a date set over the headline is the date, no kicker
	}
	return k
}

// dropOpeningLine takes the paragraph that is the line t out of the
// opening of the first two text blocks (a kicker a text block holds over
// the headline), and a block it leaves empty.
func (p *page) dropOpeningLine(t string) {
	for i := 0; i < len(p.blocks) && i < 2; i++ {
		b := &p.blocks[i]
		if b.Type != umzug.BlockText || len(b.Text.Body) == 0 || normText(b.Text.Body[0].PlainText()) != normText(t) {
			continue
		}
		rest := append(umzug.PortableText{}, b.Text.Body[1:]...)
		rekey(rest)
		b.Text.Body = rest
		if len(rest) == 0 && b.Header == nil {
			p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
		}
		return
	}
}

// pageURLs returns the URL the page was served at and the canonical URLs
// it declares (a saved page still says where it lives).
func (p *page) pageURLs() []string {
	out := []string{p.d.URL}
	for _, u := range []string{p.canonicalHref(), p.meta.property("og:url")} {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// pressSection matches the breadcrumb step of a press section.
var pressSection = regexp.MustCompile(`(?i)\b(?:presse(?:mitteilungen|meldungen|informationen|dienst)?|medieninformationen|pressemeldung|pressemitteilung|aussendungen)\b`)

// numberLabel is what may stand before a release number that opens the
// headline ("PM 17/2019: …", "Pressemitteilung Nr. 58/2024 – …").
var numberLabel = regexp.MustCompile(`(?i)^(?:(?:pm|pressemitteilung|pressemeldung|presseinformation|medieninformation|medienmitteilung|mitteilung|nr\.?|nummer)\s*)*$`)

// titleWithoutNumber returns a headline without the release number that
// opens it ("PM 17/2019: Landtag …" is "Landtag …", the number being the
// release's number field); any other title as it is.
func titleWithoutNumber(title, number string) string {
	if number == "" {
		return title
	}
	i := strings.Index(title, number)
	if i < 0 || !numberLabel.MatchString(title[:i]) {
		return title
	}
	rest := strings.TrimLeft(title[i+len(number):], " ")
	for _, sep := range []string{":", "–", "—", "-", "|"} {
		if r, ok := strings.CutPrefix(rest, sep); ok {
			if r = strings.TrimSpace(r); r != "" {
				return r
			}
		}
	}
	return title
}

// dropBlocksOf removes the blocks made from el or from inside it (the
// element went into a document field).
func (p *page) dropBlocksOf(el *html.Node) {
	p.dropBlocks(func(_ *umzug.Block, src *html.Node) bool { return src != nil && (src == el || isAncestor(el, src)) })
}

// dropBlocks removes the blocks drop says so of, given each block and
// the element it came from (nil when unknown); drop may change the block
// it keeps.
func (p *page) dropBlocks(drop func(b *umzug.Block, src *html.Node) bool) {
	kept := p.blocks[:0]
	for _, b := range p.blocks {
		if !drop(&b, p.blockSrc[b.Key]) {
			kept = append(kept, b)
		}
	}
	p.blocks = kept
}

// publisherRe matches a line that names a release's publisher:
// "Herausgeber: Nordex SE", "Herausgegeben von: Landratsamt …".
var publisherRe = regexp.MustCompile(`(?i)^(?:herausgeber(?:in)?|herausgegeben von|publisher|published by)\s*:?\s+(\S.{1,79})$`)

// publisherLine returns the element of the release's head (before its
// first paragraph of prose, in the first 1,500 characters) whose whole
// text is a publisher line, and the name; not a line that names people
// ("Herausgeber: Prof. Dr. Anna Schmidt und Dr. Peter Müller" of a book).
// An element whose class names the publisher (publisherWords) is one
// too, its text the name.
func publisherLine(roots []*html.Node) (*html.Node, string) {
	var found *html.Node
	name := ""
	walkOpening(roots, 1500, func(c *html.Node) openingStep {
		if c.DataAtom == atom.A {
			return openSkip
		}
		if c.DataAtom == atom.P && len(collapseTrim(textOf(c))) >= 120 {
			return openStop // the body begins
		}
		if namedBy(c, publisherWords) && headingLevel(c) == 0 && !hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) > 0 }) {
			// "<span class=news-organization>", the issuer a portal names
			// beside the date: its name, whatever words it holds (not a
			// head named so around the headline).
			if t, short := textUpTo(c, 100); short {
				if n := strings.Trim(t, " -–—|·:"); n != "" {
					found, name = c, n
					return openStop
				}
			}
		}
		if t, short := textUpTo(c, 100); short && t != "" {
			if m := publisherRe.FindStringSubmatch(t); m != nil {
				if n := strings.TrimSpace(m[1]); !peopleNamed.MatchString(n) {
					found, name = c, n
				}
				return openStop
			}
		}
		return openInto
	})
	return found, name
}

// publisherWords are the words of class names that mark the release's
// issuer in its head: "news-organization" of a portal that carries the
// releases of many organisations, "publisher", "herausgeber".
var publisherWords = map[string]bool{"organization": true, "organisation": true, "publisher": true, "herausgeber": true}

// peopleNamed matches a name line that names persons: academic titles,
// or two names joined by "und", "and", "&" or a comma.
var peopleNamed = regexp.MustCompile(`(?i)\b(?:prof|dr|dipl)\.|\s(?:und|and|&)\s|,\s*\p{Lu}`)

// newsMenuCTypes are the CTypes of tx_news' menu plugins (one plugin per
// view since tx_news 11): the date menu and the category and tag lists.
var newsMenuCTypes = map[string]bool{"news_newsdatemenu": true, "news_categorylist": true, "news_taglist": true}

// newsMenuElement reports a content element that is one of tx_news' menu
// views: by its CType, or a plugin element ("list", "news_pi1") that
// holds the date menu (Templates/News/DateMenu.html, div.news-menu-view,
// the same in every version) or is a list of links each with its count. Its links to month archives and
// categories, with their counts, are navigation of the news archive the
// new CMS builds from its own records.
func newsMenuElement(n *html.Node) bool {
	class := attr(n, "class")
	if !strings.Contains(class, "frame-type-") || !strings.Contains(class, "news") && !strings.Contains(class, "frame-type-list") {
		return false
	}
	switch ct := frameType(class); {
	case newsMenuCTypes[ct]:
		return true
	case ct == "list" || ct == "news_pi1":
		// The date menu, or the category or tag list (Category/List.html,
		// Tag/List.html: each link followed by its count).
		return hasDescendant(n, func(d *html.Node) bool { return hasClass(attr(d, "class"), "news-menu-view") }) || countedMenu(n)
	}
	return false
}

// countedMenu reports a list of at least two links each followed by a
// count of what it leads to ("Wald (3)", "Wasser (12)"): a filter menu
// of a site's categories or tags (tx_news' Category/List.html prints
// the count of each category's records), not the terms of one page.
func countedMenu(n *html.Node) bool {
	links, counted := 0, 0
	var visit func(x *html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.A {
				visit(c)
				continue
			}
			links++
			if s := c.NextSibling; s != nil && s.Type == html.TextNode && isCount(strings.TrimSpace(s.Data)) {
				counted++
			}
		}
	}
	visit(n)
	return links >= 2 && counted == links
}

// isCount reports "(3)", "(12)" and the like at the start of s.
func isCount(s string) bool {
	if len(s) < 3 || s[0] != '(' {
		return false
	}
	i := 1
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 1 && i < len(s) && s[i] == ')'
}

// siteNameBeside returns the site's name from a <title> that is the
// headline with the site's name before or after it ("Landesamt für
// Statistik: Headline", "Headline - Landesamt für Statistik"), or "".
func siteNameBeside(title, headline string) string {
	if headline == "" || title == headline {
		return ""
	}
	for _, sep := range []string{": ", " - ", " – ", " | ", " :: ", " · "} {
		site, ok := strings.CutSuffix(title, sep+headline)
		if !ok {
			site, ok = strings.CutPrefix(title, headline+sep)
		}
		if site = strings.TrimSpace(site); ok && len(site) >= 3 && len(site) <= 120 && strings.IndexFunc(site, unicode.IsLetter) >= 0 {
			return site
		}
	}
	return ""
}
