package umzug

import "strings"

// PlainText returns the readable text of a block: its header, and every
// text of its payload (rich text, captions, cell texts, item titles,
// labels), one piece per line. URLs and attributes other than alt texts
// are not included. It serves comparisons, search and audits.
func (b *Block) PlainText() string {
	var parts []string
	add := func(x string) {
		if x = strings.TrimSpace(x); x != "" {
			parts = append(parts, x)
		}
	}
	b.plainParts(add, func(pt PortableText) { add(pt.PlainText()) })
	return strings.Join(parts, "\n")
}

// Words returns the number of words of the block's plain text,
// len(strings.Fields(b.PlainText())), without making the text.
func (b *Block) Words() int {
	n := 0
	b.plainParts(func(s string) { n += CountFields(s) }, func(pt PortableText) { n += pt.words() })
	return n
}

// PlainLines calls f with each line of PlainText, in order, without
// making the whole text: a field's text, or one block of a rich text (its
// spans' text). PlainText has them between newlines, trimmed of the
// spaces at the ends of the field or rich text, so that no word runs on
// from one line into the next. Lines are not trimmed and may be empty.
func (b *Block) PlainLines(f func(string)) {
	b.plainParts(f, func(pt PortableText) {
		for i := range pt {
			f(pt[i].PlainText())
		}
	})
}

// plainParts calls str with each piece of text of PlainText, in order,
// and rich with each rich text (one piece: its PlainText). Pieces are not
// trimmed and may be empty.
func (b *Block) plainParts(str func(string), rich func(PortableText)) {
	add := func(s ...string) {
		for _, x := range s {
			str(x)
		}
	}
	if b.Header != nil {
		add(b.Header.Text, b.Header.Subheader)
	}
	media := func(m *Media) { add(m.Alt, m.Title, m.Caption, m.Credit) }
	if b.Payload() == nil {
		return // an invalid block: only its header
	}
	switch b.Type {
	case BlockHeading:
		add(b.Heading.Text)
	case BlockText:
		rich(b.Text.Body)
	case BlockQuote:
		rich(b.Quote.Body)
		add(b.Quote.Attribution)
	case BlockTable:
		add(b.Table.Caption)
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				add(c.Text)
			}
		}
	case BlockAccordion:
		for _, it := range b.Accordion.Items {
			add(it.Title)
			rich(it.Body)
			for i := range it.Media {
				media(&it.Media[i])
			}
		}
	case BlockTabs:
		for _, it := range b.Tabs.Items {
			add(it.Title)
			rich(it.Body)
			for i := range it.Media {
				media(&it.Media[i])
			}
		}
	case BlockTeaser:
		for _, it := range b.Teaser.Items {
			add(it.Title)
			rich(it.Body)
			if it.Link != nil {
				add(it.Link.Text)
			}
			if it.Image != nil {
				media(it.Image)
			}
		}
	case BlockGallery:
		for i := range b.Gallery.Items {
			media(&b.Gallery.Items[i])
		}
	case BlockImage:
		media(&b.Image.Media)
	case BlockTextMedia:
		rich(b.TextMedia.Body)
		for i := range b.TextMedia.Media {
			media(&b.TextMedia.Media[i])
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
			add(it.Label, it.Title)
			rich(it.Body)
			for i := range it.Media {
				media(&it.Media[i])
			}
		}
	case BlockInfoBox:
		rich(b.InfoBox.Body)
	case BlockVideo:
		add(b.Video.Title, b.Video.Caption)
	case BlockForm:
		for _, f := range b.Form.Fields {
			add(f.Label)
			add(f.Options...)
		}
		add(b.Form.Submit)
	}
}
