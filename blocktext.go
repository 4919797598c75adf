package umzug

import "strings"

// PlainText returns the readable text of a block: its header, and every
// text of its payload (rich text, captions, cell texts, item titles,
// labels), one piece per line. URLs and attributes other than alt texts
// are not included. It serves comparisons, search and audits.
func (b *Block) PlainText() string {
	var parts []string
	add := func(s ...string) {
		for _, x := range s {
			if x = strings.TrimSpace(x); x != "" {
				parts = append(parts, x)
			}
		}
	}
	if b.Header != nil {
		add(b.Header.Text, b.Header.Subheader)
	}
	media := func(m Media) { add(m.Alt, m.Title, m.Caption, m.Credit) }
	if b.Payload() == nil {
		return strings.Join(parts, "\n") // an invalid block: only its header
	}
	switch b.Type {
	case BlockHeading:
		add(b.Heading.Text)
	case BlockText:
		add(b.Text.Body.PlainText())
	case BlockQuote:
		add(b.Quote.Body.PlainText(), b.Quote.Attribution)
	case BlockTable:
		add(b.Table.Caption)
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				add(c.Text)
			}
		}
	case BlockAccordion:
		for _, it := range b.Accordion.Items {
			add(it.Title, it.Body.PlainText())
		}
	case BlockTabs:
		for _, it := range b.Tabs.Items {
			add(it.Title, it.Body.PlainText())
		}
	case BlockTeaser:
		for _, it := range b.Teaser.Items {
			add(it.Title, it.Body.PlainText())
			if it.Link != nil {
				add(it.Link.Text)
			}
			if it.Image != nil {
				media(*it.Image)
			}
		}
	case BlockGallery:
		for _, m := range b.Gallery.Items {
			media(m)
		}
	case BlockImage:
		media(b.Image.Media)
	case BlockTextMedia:
		add(b.TextMedia.Body.PlainText())
		for _, m := range b.TextMedia.Media {
			media(m)
		}
	case BlockDownloads:
		for _, f := range b.Downloads.Items {
			add(f.Title, f.Description)
		}
	case BlockLinkList:
		for _, l := range b.LinkList.Items {
			add(l.Text, l.Description)
		}
	case BlockTimeline:
		for _, it := range b.Timeline.Items {
			add(it.Label, it.Title, it.Body.PlainText())
		}
	case BlockInfoBox:
		add(b.InfoBox.Body.PlainText())
	case BlockVideo:
		add(b.Video.Title, b.Video.Caption)
	case BlockForm:
		for _, f := range b.Form.Fields {
			add(f.Label)
			add(f.Options...)
		}
		add(b.Form.Submit)
	}
	return strings.Join(parts, "\n")
}
