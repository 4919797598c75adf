package transform

import "github.com/umzug/umzug"

// parts visits the pieces of a block or a press release that the second
// pass rewrites, each listed by hand: teaser and timeline items (before
// their body, link and image, so a body dropped as a copy is not
// visited), links (link lists, teasers, timelines, related links, rich
// text mark defs), images and files. The order is the order of the
// fields' declarations, which decides the order in which asset records
// are made. parts_test.go fails when a field of these types is added to
// a domain type and not here. A nil func skips its pieces.
type parts struct {
	teaser   func(*umzug.TeaserItem)
	timeline func(*umzug.TimelineItem)
	link     func(href, doc, newPath *string)
	media    func(*umzug.Media)
	file     func(*umzug.File)
	// stop ends the walk early (an error of a visit).
	stop func() bool
}

func (v *parts) stopped() bool { return v.stop != nil && v.stop() }

// block visits b's payloads; its header and source hold none.
func (v *parts) block(b *umzug.Block) {
	if p := b.Text; p != nil {
		v.richText(p.Body)
	}
	if p := b.Quote; p != nil {
		v.richText(p.Body)
	}
	if p := b.Table; p != nil {
		for i := range p.Rows {
			for j := range p.Rows[i].Cells {
				v.richText(p.Rows[i].Cells[j].Body)
			}
		}
	}
	if p := b.Accordion; p != nil {
		v.panels(p.Items)
	}
	if p := b.Tabs; p != nil {
		v.panels(p.Items)
	}
	if p := b.Teaser; p != nil {
		for i := range p.Items {
			it := &p.Items[i]
			if v.teaser != nil && !v.stopped() {
				v.teaser(it)
			}
			v.richText(it.Body)
			if it.Link != nil {
				v.linkOf(it.Link)
			}
			if it.Image != nil {
				v.mediaOf(it.Image)
			}
		}
	}
	if p := b.Gallery; p != nil {
		for i := range p.Items {
			v.mediaOf(&p.Items[i])
		}
	}
	if p := b.Image; p != nil {
		v.mediaOf(&p.Media)
	}
	if p := b.TextMedia; p != nil {
		v.richText(p.Body)
		for i := range p.Media {
			v.mediaOf(&p.Media[i])
		}
	}
	if p := b.Downloads; p != nil {
		for i := range p.Items {
			v.fileOf(&p.Items[i])
		}
	}
	if p := b.LinkList; p != nil {
		for i := range p.Items {
			v.linkOf(&p.Items[i])
		}
	}
	if p := b.Timeline; p != nil {
		for i := range p.Items {
			it := &p.Items[i]
			if v.timeline != nil && !v.stopped() {
				v.timeline(it)
			}
			v.richText(it.Body)
			if it.Link != nil {
				v.linkOf(it.Link)
			}
			for j := range it.Media {
				v.mediaOf(&it.Media[j])
			}
		}
	}
	if p := b.InfoBox; p != nil {
		v.richText(p.Body)
	}
	if p := b.Video; p != nil && p.Provider == "file" {
		// A video file of the old site is a file like a download.
		f := umzug.File{URL: p.Src, Title: p.Title, Asset: p.Asset}
		v.fileOf(&f)
		p.Asset = f.Asset
	}
	// Heading, a platform's Video, Form, Divider, HTML and Ref hold no
	// links, images or files of the old site that the second pass
	// rewrites.
}

// pressRelease visits the attachments and related links.
func (v *parts) pressRelease(p *umzug.PressRelease) {
	for i := range p.Attachments {
		v.fileOf(&p.Attachments[i])
	}
	for i := range p.Related {
		v.linkOf(&p.Related[i])
	}
}

// panels visits the rich text and the pictures of accordion items or
// tabs.
func (v *parts) panels(items []umzug.Panel) {
	for i := range items {
		v.richText(items[i].Body)
		for j := range items[i].Media {
			v.mediaOf(&items[i].Media[j])
		}
	}
}

func (v *parts) richText(pt umzug.PortableText) {
	for i := range pt {
		for j := range pt[i].MarkDefs {
			m := &pt[i].MarkDefs[j]
			if v.link != nil && !v.stopped() {
				v.link(&m.Href, &m.Document, &m.Path)
			}
		}
	}
}

func (v *parts) linkOf(l *umzug.Link) {
	if v.link != nil && !v.stopped() {
		v.link(&l.Href, &l.Document, &l.Path)
	}
}

func (v *parts) mediaOf(m *umzug.Media) {
	if v.media != nil && !v.stopped() {
		v.media(m)
	}
}

func (v *parts) fileOf(f *umzug.File) {
	if v.file != nil && !v.stopped() {
		v.file(f)
	}
}
