package html

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// profileRoots returns the content area the profile names, or nil when
// none of its selectors matches (the built-in detection takes over).
func (p *page) profileRoots(pr *Profile) []*html.Node {
	for _, sel := range pr.Content {
		if m := p.doc.FindMatcher(profileSel(sel)); m.Length() > 0 {
			return outermost(m).Nodes
		}
	}
	return nil
}

// applyRemove drops the profile's chrome selectors inside the roots.
func (p *page) applyRemove(roots []*html.Node, sels []string) {
	for _, r := range roots {
		s := goquery.NewDocumentFromNode(r).Selection
		for _, sel := range sels {
			s.FindMatcher(profileSel(sel)).Each(func(_ int, m *goquery.Selection) { p.drop(m.Nodes[0], umzug.DropProfile) })
		}
	}
}

// collectRules maps each element a block rule selects to its type.
func collectRules(roots []*html.Node, rules []BlockRule) map[*html.Node]umzug.BlockType {
	if len(rules) == 0 {
		return nil
	}
	out := map[*html.Node]umzug.BlockType{}
	for _, r := range roots {
		s := goquery.NewDocumentFromNode(r).Selection
		for _, rule := range rules {
			s.FindMatcher(profileSel(rule.Selector)).Each(func(_ int, m *goquery.Selection) {
				if _, taken := out[m.Nodes[0]]; !taken {
					out[m.Nodes[0]] = rule.Type
				}
			})
		}
	}
	return out
}

// ruled converts an element a profile rule typed. When the markup does not
// fit the type, the element is converted as usual, with a warning.
func (p *page) ruled(el *html.Node, t umzug.BlockType) {
	hdr := p.takeHeader(el)
	s := goquery.NewDocumentFromNode(el).Selection
	var b *umzug.Block
	switch t {
	case umzug.BlockHeading:
		if txt := cleanText(el); txt != "" {
			lvl := headingLevel(el)
			if lvl == 0 {
				lvl = 2
			}
			b = &umzug.Block{Type: t, Heading: &umzug.Heading{Text: txt, Level: lvl}}
		}
	case umzug.BlockAccordion:
		if a := p.accordion(s, ""); a != nil {
			b = &umzug.Block{Type: t, Accordion: a}
		}
	case umzug.BlockTabs:
		if x := p.tabs(s); x != nil {
			b = &umzug.Block{Type: t, Tabs: x}
		}
	case umzug.BlockTimeline:
		if x := p.timeline(s, ""); x != nil {
			b = &umzug.Block{Type: t, Timeline: x}
		}
	case umzug.BlockTeaser:
		if x := p.teasers(s, ""); x != nil {
			b = &umzug.Block{Type: t, Teaser: x}
		} else if it := p.teaserItem(s); it.Title != "" || it.Link != nil {
			b = &umzug.Block{Type: t, Teaser: &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{it}}}
		}
	case umzug.BlockGallery, umzug.BlockImage, umzug.BlockTextMedia:
		b = p.media(s, string(t))
	case umzug.BlockDownloads:
		x := p.downloads(s)
		if x == nil {
			// The element is one file: its link with the size label
			// beside it (GSB's `span.c-download-list__li` in a paragraph).
			if a := s.FindMatcher(css("a[href]")).Last(); a.Length() > 0 {
				if f := p.fileOf(a, s); f.URL != "" {
					x = &umzug.Downloads{Items: []umzug.File{f}}
				}
			}
		}
		if x != nil {
			b = &umzug.Block{Type: t, Downloads: x}
		}
	case umzug.BlockLinkList:
		if x := p.linkList(s); x != nil {
			b = &umzug.Block{Type: t, LinkList: x}
		}
	case umzug.BlockForm:
		if x := p.form(s); x != nil {
			b = &umzug.Block{Type: t, Form: x}
		}
	case umzug.BlockTable:
		if tb := s.FindMatcher(css("table")).AddBack().FilterMatcher(css("table")).First(); tb.Length() > 0 {
			if x := p.table(tb); x != nil {
				b = &umzug.Block{Type: t, Table: x}
			}
		}
	case umzug.BlockVideo:
		if x := p.video(s); x != nil {
			b = &umzug.Block{Type: t, Video: x}
		}
	case umzug.BlockDivider:
		b = &umzug.Block{Type: t, Divider: &umzug.Divider{}}
	case umzug.BlockHTML:
		var sb strings.Builder
		_ = html.Render(&sb, el)
		b = &umzug.Block{Type: t, HTML: &umzug.HTML{HTML: sb.String()}}
	case umzug.BlockText, umzug.BlockQuote, umzug.BlockInfoBox:
		if pt := p.richText(s); len(pt) > 0 {
			switch t {
			case umzug.BlockText:
				b = &umzug.Block{Type: t, Text: &umzug.Text{Body: pt}}
			case umzug.BlockQuote:
				b = &umzug.Block{Type: t, Quote: &umzug.Quote{Body: pt}}
			default:
				v := infoBoxVariant(attr(el, "class"))
				if v == "" {
					v = "default"
				}
				b = &umzug.Block{Type: t, InfoBox: &umzug.InfoBox{Variant: v, Body: pt}}
			}
		}
	}
	if b == nil {
		p.warn("profile-rule-mismatch", fmt.Sprintf("%s: markup does not fit type %s; converted as usual", selectorOf(el), t), "")
		p.element(el, 0, "")
		return
	}
	b.Header = hdr
	p.add(*b, cUID(attr(el, "id")), "", el)
}

// outsideTeasers returns found without the matches of sels that are
// inside an item of a list of dated teasers: the first "date" of a press
// list or of a home page's news is its newest item's, not the page's.
func (p *page) outsideTeasers(found map[string]*html.Node, sels []string) map[string]*html.Node {
	if len(p.datedTeasers) == 0 {
		return found
	}
	out := make(map[string]*html.Node, len(sels))
	for _, s := range sels {
		if n := found[s]; n != nil && !p.inDatedTeaser(n) {
			out[s] = n
		}
	}
	return out
}

// profileFields are the values a profile's selectors read from a page.
type profileFields struct {
	title, published, modified, lead, kicker, subtitle, publisher string
	pressRelease                                                  bool
}

// readProfileFields reads the profile's field selectors on the intact page.
func (p *page) readProfileFields(pr *Profile) *profileFields {
	found := firstMatches(p.doc.Nodes[0], pr.Title, pr.Date, pr.Modified, pr.Lead, pr.Kicker, pr.Subtitle, pr.Publisher, pr.PressRelease.Selectors)
	f := &profileFields{}
	if _, el := firstMatchText(found, pr.Title); el != nil {
		f.title = p.headingText(el.Nodes[0])
	}
	f.published = dateFrom(p.outsideTeasers(found, pr.Date), pr.Date)
	f.modified = dateFrom(found, pr.Modified)
	f.lead, _ = firstMatchText(found, pr.Lead)
	f.kicker, _ = firstMatchText(found, pr.Kicker)
	f.subtitle, _ = firstMatchText(found, pr.Subtitle)
	f.publisher, _ = firstMatchText(found, pr.Publisher)
	for _, re := range pr.prURLRe {
		for _, u := range p.pageURLs() {
			f.pressRelease = f.pressRelease || re.MatchString(u)
		}
	}
	for _, sel := range pr.PressRelease.Selectors {
		f.pressRelease = f.pressRelease || found[sel] != nil
	}
	return f
}

// applyProfileFields sets title, dates, kind and press release fields
// from what the profile's selectors found.
func (p *page) applyProfileFields(f *profileFields) {
	d := &p.d
	if f.title != "" {
		d.Title = f.title
		// The title headline is not repeated as the first block (nor
		// after a short line above it: a kicker, the release's number).
		if i := titleHeading(p.blocks, f.title); i >= 0 {
			p.titleFrom(&p.blocks[i])
			p.blocks = append(p.blocks[:i:i], p.blocks[i+1:]...)
		}
	}
	if f.published != "" {
		d.Dates.Published = f.published
	}
	if f.modified != "" {
		d.Dates.Modified = f.modified
	}
	if !f.pressRelease || p.isListPage() {
		// A list of releases under the press section's URL is a list
		// page, not a release.
		if d.Summary == "" {
			d.Summary = f.lead
		}
		return
	}
	d.Kind = umzug.KindPressRelease
	if d.PressRelease == nil {
		d.PressRelease = &umzug.PressRelease{}
	}
	x := d.PressRelease
	if f.lead != "" {
		x.Lead = f.lead
	}
	if f.kicker != "" {
		x.Kicker = f.kicker
	} else if p.kicker != "" {
		x.Kicker = p.kicker
	}
	if f.subtitle != "" {
		x.Subtitle = f.subtitle
	}
	if f.publisher != "" {
		x.Publisher = &umzug.Publisher{Name: authorPrefix.ReplaceAllString(f.publisher, "")}
	}
	if x.Publisher == nil {
		if site := collapseTrim(p.meta.property("og:site_name")); site != "" {
			x.Publisher = &umzug.Publisher{Name: site}
		}
	}
	for _, cand := range []string{x.Kicker, x.Subtitle, d.Title, firstText(p.blocks, 2)} {
		if m, ok := numberIn(cand); ok {
			x.Number = collapseTrim(m)
			break
		}
	}
}

// titleHeading returns the index of the heading block that repeats the
// title at the top of the blocks (see opensContent); -1 when there is
// none.
func titleHeading(bs []umzug.Block, title string) int {
	for i := 0; i < len(bs) && i <= 3; i++ {
		if b := bs[i]; b.Type == umzug.BlockHeading && b.Heading.Text == title {
			if opensContent(bs, i) {
				return i
			}
			return -1
		}
	}
	return -1
}
