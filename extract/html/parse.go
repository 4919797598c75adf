package html

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
)

// Parser extracts documents from pages. It applies the first profile
// whose detection matches a page (user profiles before built-in ones) and
// otherwise the built-in TYPO3 and generic extraction. A Parser is safe for
// concurrent use.
type Parser struct {
	profiles []*Profile
	verdicts *verdictCache // class and id verdicts shared by its pages (cache.go)
}

// NewParser returns a parser that tries the given profiles, then the
// built-in ones.
func NewParser(profiles ...*Profile) *Parser {
	return &Parser{profiles: append(append([]*Profile{}, profiles...), BuiltinProfiles()...), verdicts: newVerdictCache()}
}

var defaultParser = sync.OnceValue(func() *Parser { return NewParser() })

// Parse extracts a snapshot with the built-in profiles; see Parser.Parse.
func Parse(s *umzug.Snapshot) (umzug.Document, error) { return defaultParser().Parse(s) }

// ParseHTML extracts a page with the built-in profiles; see
// Parser.ParseHTML.
func ParseHTML(r io.Reader, pageURL string) (umzug.Document, error) {
	return defaultParser().ParseHTML(r, pageURL)
}

// Parse extracts the Document of an HTML snapshot: title, dates, kind and
// the typed blocks of the main content, with provenance. It returns an
// error wrapping umzug.ErrNotContent for snapshots that are not HTML pages
// with a 2xx status.
func (ps *Parser) Parse(s *umzug.Snapshot) (umzug.Document, error) {
	return ps.ParseSnapshot(s, nil)
}

// ParseSnapshot is Parse for a snapshot whose body was parsed already
// (with golang.org/x/net/html, from s.Body): the pipeline parses each page
// once and hands the same tree to extraction and then to the audit.
// Extraction leaves the tree as it was (see ParseNode). A nil root parses
// s.Body here.
func (ps *Parser) ParseSnapshot(s *umzug.Snapshot, root *html.Node) (umzug.Document, error) {
	if !s.IsHTML() {
		return umzug.Document{}, fmt.Errorf("parsing %s: %s: %w", s.FinalURL, s.ContentType, umzug.ErrNotContent)
	}
	if s.Status < 200 || s.Status > 299 {
		return umzug.Document{}, fmt.Errorf("parsing %s: status %d: %w", s.FinalURL, s.Status, umzug.ErrNotContent)
	}
	if u, err := url.Parse(s.FinalURL); err == nil {
		if r := ViewReason(u); r != "" {
			return umzug.Document{}, &umzug.NotContentError{URL: s.FinalURL, Reason: r}
		}
	}
	var d umzug.Document
	var err error
	if root == nil {
		d, err = ps.ParseHTML(bytes.NewReader(s.Body), s.FinalURL)
	} else {
		d, err = ps.ParseNode(root, s.FinalURL)
	}
	if err != nil {
		return d, err
	}
	p := &d.Provenance
	p.SourceURL, p.FinalURL, p.HTTPStatus = s.URL, s.FinalURL, s.Status
	if s.FinalURL == s.URL {
		p.FinalURL = ""
	}
	if !s.FetchedAt.IsZero() {
		p.FetchedAt = s.FetchedAt.UTC().Format("2006-01-02T15:04:05Z")
		if renderedAt(d.Dates.Modified, s.FetchedAt) {
			// og:updated_time stamped when the server rendered the
			// page: no editor's change, and every crawl would differ.
			d.Dates.Modified = ""
		}
	}
	p.ETag, p.LastModified = s.Header.Get("ETag"), s.Header.Get("Last-Modified")
	p.RawSHA256, p.ArchiveRecord = s.RawSHA256, s.ArchiveRef
	d.Warnings = append(append([]umzug.Warning{}, s.Warnings...), d.Warnings...)
	return d, nil
}

// renderedAt reports a last change (a date-time) no more than two minutes
// before the response arrived, or after it: the time a CMS that stamps
// each response puts in og:updated_time or dateModified, not an edit.
func renderedAt(mod string, fetched time.Time) bool {
	tm, err := time.Parse(time.RFC3339, mod)
	return err == nil && tm.After(fetched.Add(-2*time.Minute))
}

// ParseHTML extracts the Document of the UTF-8 HTML page read from r, which
// was served at pageURL (used to resolve links; may be a file: URL).
func (ps *Parser) ParseHTML(r io.Reader, pageURL string) (umzug.Document, error) {
	p, err := ps.newPage(r, pageURL)
	if err != nil {
		return umzug.Document{}, err
	}
	return p.extracted()
}

// extracted is extract for a migration: a page that has content but is
// left out (a list's later page) is an umzug.NotContentError, returned
// with the document read from it.
func (p *page) extracted() (umzug.Document, error) {
	d, err := p.extract()
	if err == nil && p.skipped != "" {
		return d, &umzug.NotContentError{URL: d.URL, Reason: p.skipped}
	}
	return d, err
}

// Explanation is what extraction did with a page: the document, the
// main regions it chose and every run of the page's visible text with
// what became of it.
type Explanation struct {
	Document umzug.Document
	Regions  []string // selectors of the main content regions
	Runs     []ExplainRun
	// Skipped is why a migration leaves the page out though it has
	// content ("pagination": a later page of a list); "" when it does not.
	Skipped string
}

// Explain extracts a page like ParseHTML and explains it.
func (ps *Parser) Explain(r io.Reader, pageURL string) (Explanation, error) {
	p, err := ps.newPage(r, pageURL)
	if err != nil {
		return Explanation{}, err
	}
	p.explain = true
	d, err := p.extract()
	ex := Explanation{Document: d, Runs: p.runs, Skipped: p.skipped}
	for _, n := range p.roots {
		ex.Regions = append(ex.Regions, selectorOf(n))
	}
	return ex, err
}

// ParseNode extracts the Document of a page parsed already (with
// golang.org/x/net/html). The tree is left as it was: extraction undoes
// every change it makes, so the caller can hand the same tree on (to the
// audit) without parsing the page again.
func (ps *Parser) ParseNode(root *html.Node, pageURL string) (umzug.Document, error) {
	p, err := ps.pageOf(root, pageURL)
	if err != nil {
		return umzug.Document{}, err
	}
	return p.extracted()
}

func (ps *Parser) newPage(r io.Reader, pageURL string) (*page, error) {
	root, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parsing %s: %w", pageURL, err)
	}
	return ps.pageOf(root, pageURL)
}

func (ps *Parser) pageOf(root *html.Node, pageURL string) (*page, error) {
	base, err := url.Parse(pageURL)
	if err == nil && !base.IsAbs() {
		err = errors.New("not absolute")
	}
	if err != nil {
		return nil, fmt.Errorf("parsing %s: bad URL: %w", pageURL, err)
	}
	doc := goquery.NewDocumentFromNode(root)
	idx := indexPage(root, ps.profiles, pageURL)
	undoDecoded := decodeCFEmails(idx.cfEmails)
	if idx.base != nil {
		// Only a web base: <base href="javascript:…"> would turn every
		// relative link into a script URL.
		if bu, err := base.Parse(strings.TrimSpace(attr(idx.base, "href"))); err == nil && (bu.Scheme == "http" || bu.Scheme == "https" || bu.Scheme == base.Scheme) {
			base = bu
		}
	}
	p := &page{doc: doc, base: base, seenKeys: map[string]int{}, meta: readMeta(idx.metas), verdicts: ps.verdicts, idx: idx, undoDecoded: undoDecoded}
	p.d.URL = pageURL
	for i, pr := range ps.profiles {
		if pr.matches(p.meta, pageURL, idx.detect[i]) {
			p.profile = pr
			break
		}
	}
	return p, nil
}

// index returns the page's index (pageindex.go), walking the page again
// when something has been taken out of it since it was parsed.
func (p *page) index() *pageIndex {
	if len(p.edits) > 0 {
		return indexPage(p.doc.Nodes[0], nil, "")
	}
	return p.idx
}

// canonicalHref returns the href of the page's first <link
// rel="canonical">, p.doc.FindMatcher(cssFirst(`link[rel="canonical"]`)).AttrOr("href", ""),
// from the index instead of a walk of the whole page: the one such link
// the page was parsed with, unless it has been taken out of the page
// since (extraction adds no link elements). A page with several is
// searched.
func (p *page) canonicalHref() string {
	switch cs := p.idx.canonicals; {
	case len(cs) == 0:
		return ""
	case len(cs) == 1 && isAncestor(p.doc.Nodes[0], cs[0]):
		return attr(cs[0], "href")
	}
	return p.doc.FindMatcher(onceFirst(`link[rel="canonical"]`)).AttrOr("href", "")
}

// page holds the state of one page's extraction.
type page struct {
	// scratch holds the text utilityReasonScratch reads (pruning)
	scratch  []byte
	doc      *goquery.Document
	idx      *pageIndex // whole-page look-ups of the page as parsed
	base     *url.URL
	d        umzug.Document
	blocks   []umzug.Block
	seenKeys map[string]int
	uids     []int
	typo3    bool
	column   int // current column of a layout container, 0 outside
	profile  *Profile
	meta     metaTags
	pf       *profileFields
	rules    map[*html.Node]umzug.BlockType

	kicker       string // roofline found inside a headline
	metaDateV    string // publication date from the page's metadata
	contentDateV string // date shown at the top of the content
	changeLineV  string // date of the page's "Stand: …" line (lastChangeLine)
	// openingPubV is the date after a publication label ("Erschienen
	// am 14.03.2021") in the first half of the content's text: the
	// article's own line, not a publication box's under it.
	openingPubV string

	an       *analysis
	verdicts *verdictCache // the Parser's
	edits    []treeEdit    // detached nodes, undone by restore
	// undoDecoded puts back what decodeCFEmails changed (cfemail.go),
	// once extract has read the page.
	undoDecoded  func()
	dropped      []droppedNode         // boilerplate left out, with reasons
	fieldEls     map[*html.Node]string // elements read into document fields
	prunedChars  int                   // text dropped inside the main region
	outsideProse int                   // paragraph text dropped outside it (accountant.outsideProse)
	bodyText     *string               // the body's text before anything was dropped, for shownTwice (originalBodyText)
	explain      bool                  // collect runs for --explain
	skipped      string                // --explain: why a migration leaves the page out (a ViewReason)
	runs         []ExplainRun
	roots        []*html.Node
	news         *html.Node            // the news record that makes the page a press release
	srcNode      *html.Node            // the element the blocks being added come from
	blockSrc     map[string]*html.Node // block key -> the element it came from

	// Found on the intact page (teaserlist.go, releaseline.go).
	datedTeasers     map[*html.Node]datedTeaser // items of lists of dated teasers in the content
	listPage         *bool                      // isListPage's answer
	release          releaseLine                // a line naming the page a press release
	datedTeaserItems int                        // teaser items made of them (datedTeaserBlock)
	fileBoxes        map[*html.Node]bool        // boxes of files kept from pruning (filebox.go)
	fileBoxKeys      map[string]*html.Node      // keys of their downloads blocks -> the box
	fileListHeads    map[*html.Node]fileHead    // lists of files -> the label or headline outside their own headline
	ruleAnc          map[*html.Node]bool        // ancestors of the elements rules type (nested.go)
	crumbs           map[string]bool            // targets of the breadcrumb's links (sectionLink)
	pressKicker      *html.Node                 // "Pressemitteilung" over the headline (findPressKicker)
	dateAbove        *html.Node                 // a line that is only a date, over the headline (findDateAbove)
}

// field notes that the text of el went into the named document field.
func (p *page) field(el *html.Node, name string) {
	if el == nil {
		return
	}
	if p.fieldEls == nil {
		p.fieldEls = map[*html.Node]string{}
	}
	if _, ok := p.fieldEls[el]; !ok {
		p.fieldEls[el] = name
	}
}

func (p *page) extract() (umzug.Document, error) {
	if p.undoDecoded != nil {
		defer p.undoDecoded()
	}
	d := &p.d
	d.Kind = umzug.KindPage
	d.Provenance.SourceURL = d.URL
	d.Provenance.CanonicalURL = p.declaredCanonical()
	d.Lang = strings.TrimSpace(p.doc.FindMatcher(onceFirst("html")).AttrOr("lang", ""))
	d.Translations = p.translations()
	d.Summary = collapseTrim(p.meta.name("description"))
	p.typo3 = isTYPO3(p.index(), p.meta)
	d.Provenance.Extractor = "generic"
	if p.typo3 {
		d.Provenance.Extractor = "typo3"
	}
	if id := p.doc.FindMatcher(onceFirst("body")).AttrOr("id", ""); strings.HasPrefix(id, "p") {
		if uid, err := strconv.Atoi(id[1:]); err == nil {
			d.Provenance.TYPO3 = &umzug.TYPO3Origin{PageUID: uid}
		}
	}

	if msg := p.cmsErrorPage(); msg != "" {
		return *d, fmt.Errorf("parsing %s: %q: %w", d.URL, msg, umzug.ErrCMSErrorPage)
	}
	if p.searchResultsPage() {
		return *d, &umzug.NotContentError{URL: d.URL, Reason: ViewSearch}
	}
	if p.laterListPage() {
		// Read all the same: the export adds a gallery's pictures on
		// this page to the gallery of the list's first page (skipped
		// below, in extracted), and --explain says it is skipped.
		p.skipped = ViewPagination
	}
	p.an = analyzeSized(p.doc.Nodes[0], p.verdicts, p.idx.elements)
	defer p.an.cache.release() // its maps go to the Parser's next page (cache.go)
	defer func() {
		// The weights go to the next page too; nothing reads them after
		// extract (the accountant and the checks run above).
		p.verdicts.releaseWeights(p.an.w)
		p.an.w = nil
	}()
	var roots []*html.Node
	if p.profile != nil {
		d.Provenance.Extractor = p.profile.Name
		roots = p.profileRoots(p.profile)
	}
	if len(roots) == 0 {
		roots = p.an.mainContent()
	}
	if len(roots) == 0 {
		return *d, fmt.Errorf("parsing %s: %w", d.URL, umzug.ErrNoMainContent)
	}
	p.roots = roots
	p.datedTeasers = findDatedTeasers(roots)
	p.release = findReleaseLine(roots, p.datedTeasers)
	p.pressKicker = findPressKicker(roots, p.an.soleHeadline())
	p.dateAbove = findDateAbove(roots, p.an.soleHeadline(), p.datedTeasers)
	// Fields are read from the page as it is, before anything is dropped:
	// a date line may sit in a meta box, a lead in a header.
	p.metaDateV = metaDate(p.index())
	if p.profile != nil {
		p.pf = p.readProfileFields(p.profile)
	}
	p.contentDateV = contentDate(roots, p.verdicts, p.datedTeasers)
	p.openingPubV = p.an.openingPubDate(roots)
	news := p.findNewsDetail(roots)
	p.news = news
	for _, r := range roots {
		p.prune(r)
	}
	for _, dn := range p.dropped {
		p.prunedChars += int(p.an.w[dn.n].text)
	}
	if p.profile != nil {
		p.applyRemove(roots, p.profile.Remove)
		p.rules = collectRules(roots, p.profile.Blocks)
		p.ruleAnc = ruleAncestors(p.rules)
	}
	if news != nil {
		p.pressRelease(news)
	} else {
		for _, r := range roots {
			if isContentElement(r) && !containsContentElements(r) {
				// A content element as a root of its own (the marked
				// elements of a template without a content wrapper).
				p.contentElement(r, "")
				continue
			}
			p.walk(r)
		}
	}
	if p.pf != nil {
		p.applyProfileFields(p.pf)
	}
	p.finishTitle()
	p.fillPublished(roots)
	if d.Dates.Modified == "" {
		// The line the page shows ("Stand: …"), else the metadata's
		// last change, when it is later than the publication (a news
		// page's "Stand" is often its publication time).
		for _, m := range []string{p.changeLineV, metaModified(p.index())} {
			if m != "" && (d.Dates.Published == "" || changedAfter(m, d.Dates.Published)) {
				d.Dates.Modified = m
				break
			}
		}
	}
	d.Blocks = p.blocks
	if d.Blocks == nil {
		d.Blocks = []umzug.Block{}
	}
	if len(p.uids) > 0 {
		if d.Provenance.TYPO3 == nil {
			d.Provenance.TYPO3 = &umzug.TYPO3Origin{}
		}
		d.Provenance.TYPO3.ContentUIDs = p.uids
	}
	if d.Kind == umzug.KindPage && p.looksLikePressRelease(roots) {
		d.Kind = umzug.KindPressRelease
	}
	if d.Kind == umzug.KindPressRelease {
		p.finishPressRelease(roots)
		d.Blocks = p.blocks
		if d.Blocks == nil {
			d.Blocks = []umzug.Block{}
		}
	}
	d.Blocks = captionsAfterImages(d.Blocks, func(img, txt umzug.Block) bool {
		// "<img><br><em>Caption</em><br>Text …": the picture and the
		// text are children of one element (or the picture of the
		// text's), not a gallery's figure above a text element.
		i, t := p.blockSrc[img.Key], p.blockSrc[txt.Key]
		return i == nil || t == nil || i.Parent == t.Parent || isAncestor(t, i)
	}, func(txt umzug.Block) bool {
		t := p.blockSrc[txt.Key]
		return t != nil && classWordIn(attr(t, "class"), captionWords) && collapseTrim(cleanText(t)) == collapseTrim(txt.PlainText())
	})
	p.blocks = d.Blocks
	d.Assets = collectAssets(d)
	p.restore()
	p.dropBoxHeadlines(roots)
	p.dropRepeatedHeadings()
	d.Blocks = p.blocks
	p.readTaxonomy()
	p.checkLang()
	p.runs = p.account(roots, p.explain)
	p.checkAccounting()
	p.checkPictures(roots)
	if len(d.Blocks) == 0 && d.Title == "" {
		// An empty response, a page whose template rendered nothing:
		// nothing to migrate (410 in the redirect map), not a record
		// that fails validation for its missing title.
		return *d, fmt.Errorf("parsing %s: no title and no content: %w", d.URL, umzug.ErrNoMainContent)
	}
	return *d, nil
}

// declaredCanonical returns the URL the page declares as its canonical
// one (<link rel="canonical">), resolved and canonicalized, or "" when
// there is none or it is not an http(s) URL. Whether it names the same
// page is the export's question (transform/samepage.go): a page may
// point every page of a list at the first, or a misconfigured site
// every page at its home page. A page that names itself says so too:
// its variants name it.
func (p *page) declaredCanonical() string {
	href := strings.TrimSpace(p.canonicalHref())
	if href == "" {
		return ""
	}
	c, err := extract.Resolve(p.base, href)
	if err != nil {
		return ""
	}
	return c
}

// finishTitle chooses the title: a press release's headline, else the
// first level-1 headline of the content, else og:title, else <title>
// without the site name. The headline is not repeated as a block when it
// opens the content (see opensContent); further down it also structures
// the page and stays.
func (p *page) finishTitle() {
	d := &p.d
	for i := 0; d.Title == "" && i < len(p.blocks); i++ {
		b := &p.blocks[i]
		switch {
		case b.Type == umzug.BlockHeading && b.Heading.Level == 1:
			d.Title = b.Heading.Text
			if opensContent(p.blocks, i) {
				p.titleFrom(b)
				p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
			}
		case b.Header != nil && b.Header.Level == 1:
			d.Title = b.Header.Text
			if b.Header.Date != "" && d.Dates.Published == "" {
				d.Dates.Published = b.Header.Date
			}
			if i == 0 {
				// The title's subheader stays, as the headline of the
				// block it opened (a page has no subtitle field).
				if sub := b.Header.Subheader; sub != "" {
					b.Header = &umzug.Header{Text: sub, Level: 2}
				} else {
					b.Header = nil
				}
			}
		}
	}
	if d.Title == "" {
		// One visible h1 on the page, outside the content roots (a page
		// title above the content area).
		var h1s []*html.Node
		p.doc.FindMatcher(css("h1")).Each(func(_ int, h *goquery.Selection) {
			if h.ClosestMatcher(css("nav, header[role=banner], footer, aside, [aria-hidden=true]")).Length() == 0 && p.an.marks[h.Nodes[0]] == "" && cleanText(h.Nodes[0]) != "" {
				h1s = append(h1s, h.Nodes[0])
			}
		})
		if len(h1s) == 1 && !p.siteLogo(h1s[0]) {
			d.Title = p.headingText(h1s[0])
			p.field(h1s[0], "title")
			p.dropOpeningHeadline(d.Title)
		}
	}
	if d.Title == "" && len(p.blocks) > 1 && articleStart(p.blocks[sectionsUnder(p.blocks)]) {
		// A headline opening an article names the page (also when the
		// article begins with a section headline under it).
		switch b := &p.blocks[0]; {
		case b.Type == umzug.BlockHeading && b.Heading.Level <= 3:
			d.Title = b.Heading.Text
			p.titleFrom(b)
			p.blocks = p.blocks[1:]
		case b.Header != nil && b.Header.Level <= 3:
			d.Title = b.Header.Text
			b.Header = nil
		}
	}
	fromMeta := d.Title == ""
	if d.Title == "" {
		d.Title = collapseTrim(p.meta.property("og:title"))
	}
	if d.Title == "" {
		d.Title = stripSiteName(collapseTrim(p.doc.FindMatcher(onceFirst("title")).First().Text()), p.meta.property("og:site_name"))
	}
	if fromMeta && d.Title != "" {
		// The metadata's title may still be the headline that opens
		// the first block's text (an article's head read as text with
		// its picture): the title, not a line of the text.
		p.doc.FindMatcher(css("h1")).EachWithBreak(func(_ int, h *goquery.Selection) bool {
			if normText(cleanText(h.Nodes[0])) != normText(d.Title) {
				return true
			}
			if p.dropOpeningHeadline(d.Title) {
				p.field(h.Nodes[0], "title")
			}
			return false
		})
	}
}

// siteLogo reports whether the headline h is the site's name set as its
// logo, not the page's title: its text is og:site_name, or it is a link
// (all its text) to the site's start page, or a link whose text is the
// part of a <title> of several parts that is not its first
// ("Tragwerksplanung | Ingenieurbüro Beispiel"), where sites name
// themselves.
func (p *page) siteLogo(h *html.Node) bool {
	t := strings.ToLower(cleanText(h))
	if t == "" {
		return false
	}
	if site := strings.ToLower(collapseTrim(p.meta.property("og:site_name"))); site != "" && t == site {
		return true
	}
	var link *html.Node
	visitElements(h, func(a *html.Node) {
		if link == nil && a.DataAtom == atom.A && hasAttr(a, "href") && strings.ToLower(cleanText(a)) == t {
			link = a
		}
	})
	if link == nil {
		return false
	}
	site := p.d.URL // a saved page's own address is its canonical URL's
	if !strings.HasPrefix(site, "http") {
		site = p.abs(p.canonicalHref())
	}
	if u := p.abs(attr(link, "href")); strings.HasPrefix(u, "http") && (site == "" || sameHost(u, site)) && homePath(u) {
		return true // not "javascript:…" or "mailto:…", which have no path either
	}
	title := strings.ToLower(collapseTrim(p.doc.FindMatcher(onceFirst("title")).First().Text()))
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		parts := strings.Split(title, sep)
		if len(parts) < 2 || strings.TrimSpace(parts[0]) == t {
			continue
		}
		for _, part := range parts[1:] {
			if strings.TrimSpace(part) == t {
				return true
			}
		}
	}
	return false
}

// opensContent reports whether the headline bs[i] opens the content: it
// is the first block, or only a few short lines and pictures stand above
// it (a kicker, a category, a date line, the article's image), as a
// page's head puts them over its headline.
func opensContent(bs []umzug.Block, i int) bool {
	if i > 3 {
		return false
	}
	for _, b := range bs[:i] {
		switch b.Type {
		case umzug.BlockImage:
		case umzug.BlockHeading:
			if b.Heading.Level <= bs[i].Heading.Level || len(b.Heading.Text) > 120 {
				return false
			}
		case umzug.BlockText:
			if b.Header != nil || len(b.Text.Body) != 1 || len(b.Text.Body[0].PlainText()) > 120 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// sectionsUnder returns the index of the first block after the first
// block and the headlines of lower rank right under it (a page's h2, then
// the h3 of its first section); the last block when all are such.
func sectionsUnder(bs []umzug.Block) int {
	first := bs[0]
	if first.Type != umzug.BlockHeading {
		return 1
	}
	i := 1
	for i < len(bs)-1 && bs[i].Type == umzug.BlockHeading && bs[i].Heading.Level > first.Heading.Level {
		i++
	}
	return i
}

// titleFrom notes that the heading block b, which leaves the blocks,
// became the title: its element's text is the title field (unless the
// element holds more than the title, a kicker say, which then stays
// accounted for as it was).
// dropOpeningHeadline removes the title from the rich text of the first
// block when it opens it as a level-1 headline (a TYPO3 text element
// whose editor wrote the page's h1 into the text): the new CMS shows the
// title itself. A text block left empty goes too.
func (p *page) dropOpeningHeadline(title string) bool {
	if len(p.blocks) == 0 {
		return false
	}
	b := &p.blocks[0]
	body := textBody(b)
	if body == nil || b.Type == umzug.BlockInfoBox || len(*body) == 0 {
		return false
	}
	// The headline opens the text, or follows a short line over it (a
	// kicker, "<p class=h1-kicker>Verband</p><h1>…</h1>" in one header).
	at := 0
	if len(*body) > 1 && (*body)[0].Style == "normal" && (*body)[0].ListItem == "" && len((*body)[0].PlainText()) <= 60 {
		at = 1
	}
	if (*body)[at].Style != "h1" || normText((*body)[at].PlainText()) != normText(title) {
		if at == 0 || (*body)[0].Style != "h1" || normText((*body)[0].PlainText()) != normText(title) {
			return false
		}
		at = 0
	}
	rest := append(append(umzug.PortableText{}, (*body)[:at]...), (*body)[at+1:]...)
	rekey(rest)
	*body = rest
	if len(rest) == 0 && b.Type == umzug.BlockText && b.Header == nil {
		p.blocks = p.blocks[1:]
	}
	return true
}

func (p *page) titleFrom(b *umzug.Block) {
	if src := p.blockSrc[b.Key]; src != nil && headingLevel(src) > 0 && normText(textOf(src)) == normText(b.Heading.Text) {
		p.field(src, "title")
	}
}

// articleStart reports blocks that begin an article's body (as opposed to
// a section of teasers or media under a label).
func articleStart(b umzug.Block) bool {
	switch b.Type {
	case umzug.BlockText, umzug.BlockTextMedia, umzug.BlockQuote, umzug.BlockInfoBox:
		// Prose, not a label or a line of links.
		return len(b.PlainText()) >= 120
	case umzug.BlockImage:
		return true
	}
	return false
}

// stripSiteName removes a trailing or leading site name from a <title>.
func stripSiteName(title, site string) string {
	if site != "" {
		for _, sep := range []string{" - ", " – ", " | ", ": ", " :: ", " · "} {
			if t, ok := strings.CutSuffix(title, sep+site); ok {
				return t
			}
			if t, ok := strings.CutPrefix(title, site+sep); ok {
				return t
			}
		}
	}
	for _, sep := range []string{" | ", " - ", " – "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			return title[:i]
		}
	}
	return title
}

var typo3Markup = css(typo3MarkupSel)

func isTYPO3(idx *pageIndex, meta metaTags) bool {
	if strings.Contains(strings.ToLower(meta.name("generator")), "typo3") {
		return true
	}
	return idx.typo3
}

// metaTags maps "name:x" and "property:x" (lower case) to the content of
// the first such <meta> of a page; read once per page.
type metaTags map[string]string

// readMeta reads the page's meta elements (pageIndex.metas).
func readMeta(metas []*html.Node) metaTags {
	m := metaTags{}
	for _, n := range metas {
		c, ok := "", false
		for _, a := range n.Attr {
			if a.Key == "content" {
				c, ok = a.Val, true
				break
			}
		}
		if !ok {
			continue
		}
		for _, k := range []string{"name", "property"} {
			if v := attr(n, k); v != "" {
				key := k + ":" + strings.ToLower(v)
				if _, dup := m[key]; !dup {
					m[key] = c
				}
			}
		}
	}
	return m
}

func (m metaTags) name(n string) string     { return m["name:"+n] }
func (m metaTags) property(p string) string { return m["property:"+p] }

// walk turns the children of a container into blocks.
func (p *page) walk(n *html.Node) {
	var pending struct {
		uid   int
		ctype string
	}
	var loose []*html.Node // inline and text content between elements
	flushLoose := func() {
		if len(loose) == 0 {
			return
		}
		b := newPTBuilder(p.base)
		for _, l := range loose {
			b.node(l)
		}
		first := loose[0]
		loose = nil
		if pt := b.result(); len(pt) > 0 {
			p.srcNode = first
			p.add(umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt}}, pending.uid, pending.ctype, nil)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			if m := cscComment.FindStringSubmatch(c.Data); m != nil {
				flushLoose()
				pending.uid, _ = strconv.Atoi(m[1])
				pending.ctype = m[2]
			}
			continue
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				loose = append(loose, c)
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		if skipElement(c) {
			continue
		}
		if run := p.teaserRun(c); len(run) > 0 {
			// Items of a list of dated teasers are one teaser block.
			flushLoose()
			p.srcNode = c
			p.datedTeaserBlock(run, pending.uid, pending.ctype)
			if c == run[0] {
				c = run[len(run)-1]
			}
			continue
		}
		if p.fileBoxes[c] {
			flushLoose()
			p.srcNode = c
			p.fileBoxBlock(c)
			continue
		}
		if w := p.an.w[c]; w.link > 0 && 3*w.link >= w.text && !isContentElement(c) && !isAnchorMarker(c) && !p.ruleAnc[c] && downloadList(c, p.base) && p.filesCoverText(c) {
			// (the weights first: a box of prose is no list of files)
			if _, ruled := p.rules[c]; !ruled {
				flushLoose()
				p.srcNode = c
				p.downloadListBlock(c)
				continue
			}
		}
		if p.ruleAnc[c] && ((isInline(c) && !isAnchorMarker(c)) || isRunningText(c)) {
			if _, ruled := p.rules[c]; !ruled {
				// Running text that holds elements a profile rule types.
				flushLoose()
				p.srcNode = c
				p.ruledWithin(c)
				continue
			}
		}
		if (isInline(c) && !isAnchorMarker(c) || c.DataAtom == atom.Picture) && inlinePicture(c) {
			// A picture between the paragraphs (a lightbox link around
			// an image, a <picture>): running text would lose it.
			flushLoose()
			p.srcNode = c
			if blk := p.media(goquery.NewDocumentFromNode(c).Selection, ""); blk != nil {
				p.add(*blk, pending.uid, pending.ctype, nil)
			}
			continue
		}
		if (isInline(c) && !isAnchorMarker(c)) || isRunningText(c) {
			// Running text outside content elements (paragraphs, lists)
			// joins one text block until something else comes.
			loose = append(loose, c)
			continue
		}
		flushLoose()
		p.srcNode = c
		if t, ok := p.rules[c]; ok {
			p.ruled(c, t)
			continue
		}
		switch {
		case isAnchorMarker(c):
			// frame_class "none": the element is only announced by an
			// anchor; what follows belongs to it.
			pending.uid, _ = strconv.Atoi(strings.TrimPrefix(attr(c, "id"), "c"))
			pending.ctype = ""
		case isContentElement(c):
			p.contentElement(c, pending.ctype)
			pending.uid, pending.ctype = 0, ""
		case pending.uid != 0 && pending.ctype != "" && c.DataAtom == atom.Div:
			// css_styled_content with prefix comments and no id on the wrapper
			p.contentElementUID(c, pending.uid, pending.ctype)
			pending.uid, pending.ctype = 0, ""
		case isLayoutRow(c):
			p.row(c)
		case accordionBox(c) && p.accordionBlock(c):
			// an accordion outside content elements (a FAQ)
		case isContainer(c):
			p.walk(c)
		case p.ruleAnc[c]:
			p.ruledWithin(c)
		default:
			p.element(c, pending.uid, pending.ctype)
		}
	}
	flushLoose()
}

// inlinePicture reports an inline element (a link, a span) or a
// <picture> that stands between blocks (standsAlone: not inside a
// sentence) and holds a picture of content, not an icon, a placeholder
// or a gif without a declared size (a flag, a button), and at most a
// short text beside it.
func inlinePicture(n *html.Node) bool {
	if !standsAlone(n) {
		return false
	}
	return hasDescendant(n, func(c *html.Node) bool {
		return c.DataAtom == atom.Img && isContentImg(c) && !minorImage(c) &&
			(sizedPicture(c) || !strings.HasSuffix(strings.ToLower(cheapPath(imageSrc(c))), ".gif"))
	}) && len(collapseTrim(textOf(n))) <= 80
}

// standsAlone reports an element that is not inside a sentence: text
// (a text node, or an inline element with text: <b>fett</b>, a text link)
// does not touch it on both sides, past white space; a <br> ends a line.
// "Karte <a><img></a> und danach" is inside one; a picture floated at the
// start of a paragraph is not.
func standsAlone(n *html.Node) bool {
	side := func(next func(*html.Node) *html.Node) bool {
		for c := next(n); c != nil; c = next(c) {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					return false
				}
			case c.Type == html.ElementNode:
				// A block or a line break ends the sentence; an inline
				// element with text is part of it.
				return c.DataAtom == atom.Br || !inlineAtoms[c.DataAtom] || strings.TrimSpace(textOf(c)) == ""
			}
		}
		return true
	}
	return side(func(c *html.Node) *html.Node { return c.PrevSibling }) || side(func(c *html.Node) *html.Node { return c.NextSibling })
}

// languageLink reports a link whose query picks a page's language
// ("?lang=en", TYPO3's "?L=1"): a picture in it is a flag (or a banner
// to another site's page in a language), not content of the page.
func languageLink(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || u.RawQuery == "" {
		return false
	}
	for k := range u.Query() {
		switch strings.ToLower(k) {
		case "lang", "language", "sprache", "locale":
			return true
		}
		if k == "L" {
			return true
		}
	}
	return false
}

// isRunningText reports paragraphs, lists and quotes that hold only rich
// text: they join the text block being built.
func isRunningText(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Ul, atom.Ol, atom.Dl, atom.Blockquote, atom.Pre, atom.Address:
	default:
		return false
	}
	return !isContentElement(n) && !containsStructured(n)
}

var cscComment = regexp.MustCompile(`CONTENT ELEMENT, uid:(\d+)/(\w+)\s*\[begin\]`)

// row flattens a layout row in reading order, noting the column.
func (p *page) row(n *html.Node) {
	cols := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		cols++
		saved := p.column
		p.column = cols
		p.srcNode = c
		if isContentElement(c) {
			p.contentElement(c, "")
		} else {
			p.walk(c)
		}
		p.column = saved
	}
}

// add appends a block, filling its key and source. A text block of
// separators only (the "|" left between a page's "Drucken | nach oben"
// links once they are dropped as utility) is no block: the accounting
// drops its text as utility (missingReason).
func (p *page) add(b umzug.Block, uid int, ctype string, el *html.Node) {
	if b.Type == umzug.BlockText && b.Header == nil && b.Text != nil && separatorsOnlyText(b.Text.Body) {
		return
	}
	if b.Source == nil && (uid != 0 || ctype != "" || el != nil || p.column != 0) {
		b.Source = &umzug.Source{}
	}
	if b.Source != nil {
		if b.Source.TYPO3UID == 0 {
			b.Source.TYPO3UID = uid
		}
		if b.Source.CType == "" {
			b.Source.CType = ctype
		}
		if el != nil && b.Source.Selector == "" {
			b.Source.Selector = selectorOf(el)
			b.Source.CSSClasses = strings.Fields(attr(el, "class"))
		}
		if p.column != 0 {
			b.Source.Column = p.column
		}
	}
	key := "b" + strconv.Itoa(len(p.blocks)+1)
	if uid != 0 {
		key = "c" + strconv.Itoa(uid)
		if n := p.seenKeys[key]; n > 0 {
			key += "-" + strconv.Itoa(n+1)
		}
		p.seenKeys["c"+strconv.Itoa(uid)]++
	}
	b.Key = key
	if p.srcNode != nil {
		if p.blockSrc == nil {
			p.blockSrc = map[string]*html.Node{}
		}
		p.blockSrc[key] = p.srcNode
	}
	if b.Header != nil && b.Header.Text == "" {
		b.Header = nil
	}
	p.blocks = append(p.blocks, b)
}

// separatorsOnly reports text that is nothing but separators of links
// ("|", "·", "•") and white space. A dash (a table's "none"), a row of
// asterisks (a section break) or any letter or digit is more.
func separatorsOnly(t string) bool {
	seen := false
	for _, r := range t {
		switch {
		case unicode.IsSpace(r):
		case r == '|' || r == '·' || r == '•':
			seen = true
		default:
			return false
		}
	}
	return seen
}

// separatorsOnlyText is separatorsOnly for a rich text's spans, without
// making its plain text: most texts end the test at their first letter.
func separatorsOnlyText(pt umzug.PortableText) bool {
	seen := false
	for i := range pt {
		for j := range pt[i].Children {
			t := pt[i].Children[j].Text
			if strings.TrimSpace(t) == "" {
				continue
			}
			if !separatorsOnly(t) {
				return false
			}
			seen = true
		}
	}
	return seen
}

func (p *page) warn(code, msg, key string) {
	p.d.Warnings = append(p.d.Warnings, umzug.Warning{Code: code, Message: msg, BlockKey: key})
}

func (p *page) noteUID(uid int) {
	for _, u := range p.uids {
		if u == uid {
			return
		}
	}
	p.uids = append(p.uids, uid)
}

// selectorOf returns a short CSS selector for an element: its id, or its
// tag with classes.
func selectorOf(n *html.Node) string {
	if id := attr(n, "id"); id != "" && !strings.ContainsAny(id, " \"'") {
		return "#" + id
	}
	sel := n.Data
	for _, c := range strings.Fields(attr(n, "class")) {
		sel += "." + c
		if len(sel) > 80 {
			break
		}
	}
	return sel
}

// isContentElement reports a TYPO3 content element wrapper: an element
// (not an anchor) with an id "c<uid>".
func isContentElement(n *html.Node) bool {
	if n.DataAtom == atom.A {
		return false
	}
	return cUID(attr(n, "id")) > 0
}

// isAnchorMarker reports the anchor TYPO3 renders before an element whose
// frame is "none": <a id="c123"></a>.
func isAnchorMarker(n *html.Node) bool {
	return n.DataAtom == atom.A && cUID(attr(n, "id")) > 0 && strings.TrimSpace(textOf(n)) == "" && attr(n, "href") == ""
}

func cUID(id string) int {
	if len(id) < 2 || id[0] != 'c' {
		return 0
	}
	uid, err := strconv.Atoi(id[1:])
	if err != nil || uid <= 0 {
		return 0
	}
	return uid
}

var rowClass = regexp.MustCompile(`(?:^|\s)(?:row|grid|columns|ce-row-container|gridelements|container-columns|[a-z-]*(?:2|3|4)cols?)(?:\s|$)`)

// isLayoutRow reports a layout container whose children are columns.
func isLayoutRow(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Section {
		return false
	}
	// Each name rowClass matches holds "row", "grid" or "col": most
	// classes are ruled out without the regexp.
	if cls := attr(n, "class"); !containsSubstring(cls, "row", "grid", "col") || !rowClass.MatchString(cls) {
		return false
	}
	// A row's children are columns: wrappers, not headings or text.
	// Foundation names a column "small-8 columns", Bulma a row "columns":
	// the children decide.
	cols := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Ul, atom.Ol, atom.Dl, atom.Blockquote, atom.Pre, atom.Table, atom.Address:
			return false
		}
		if headingLevel(c) > 0 {
			return false
		}
		cols++
	}
	return cols > 1
}

// isContainer reports a wrapper without meaning of its own that holds
// block-level content.
func isContainer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Span:
	default:
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !isInline(c) {
			return true
		}
	}
	return false
}

var inlineAtoms = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Br: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.I: true,
	atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true,
	atom.Var: true, atom.Wbr: true, atom.Del: true, atom.Ins: true, atom.Strike: true, atom.Tt: true,
}

func isInline(n *html.Node) bool {
	if !inlineAtoms[n.DataAtom] {
		return false
	}
	// A span or link that wraps block content acts as a container.
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inlineAtoms[c.DataAtom] && c.DataAtom != atom.Img {
			return false
		}
	}
	return true
}

func textOf(n *html.Node) string {
	var arr [512]byte
	return string(appendTextOf(arr[:0], n)) // fastpath.go
}

// collapseTrim collapses white space and trims.
func collapseTrim(s string) string {
	// Trimming first is the same (TrimSpace's white space includes every
	// character collapseSpace collapses) and often leaves nothing to
	// collapse: no copy.
	return collapseSpace(strings.TrimSpace(s))
}

func cleanText(n *html.Node) string {
	var arr [512]byte
	return string(collapseTrimBytes(appendTextOf(arr[:0], n))) // collapseTrim(textOf(n)), fastpath.go
}

// pageErrorRe matches the messages of the error pages TYPO3 renders for a
// whole page (core and frontend, v8 to v13; see docs/typo3-markup.md) and
// the framework's debug page.
var pageErrorRe = regexp.MustCompile(`(?i)^(?:oops, an error occurred!?|page not found|the requested page does not exist!?|the page did not exist or was inaccessible\b.*|no typoscript template found!?|the page is not configured!.*|service unavailable(?: \(503\))?|whoops, looks like something went wrong\.?)$`)

// cmsErrorPage returns the message of a page that is the CMS's error page
// served in place of the page: its <title> or its first h1 is one of
// TYPO3's page-level error messages, and the body holds little else (an
// article about "Page not found" errors is longer). "" for any other.
func (p *page) cmsErrorPage() string {
	msg := ""
	for _, a := range []atom.Atom{atom.Title, atom.H1} {
		if n := firstElement(p.doc.Nodes[0], a); n != nil {
			if t := collapseTrim(textOf(n)); pageErrorRe.MatchString(t) {
				msg = t
				break
			}
		}
	}
	if msg == "" {
		return ""
	}
	body := firstElement(p.doc.Nodes[0], atom.Body)
	if body == nil {
		return msg
	}
	if short, _ := shortText(body, 600); !short {
		return ""
	}
	return msg
}

// firstElement returns the first element of kind a below n, or nil.
func firstElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := firstElement(c, a); f != nil {
			return f
		}
	}
	return nil
}
