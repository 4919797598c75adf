package umzug

// The typed walks over a document's fields: which string fields hold URLs
// and which hold text, where rich text and file names are, and a deep
// copy. Each field is listed by hand, in the order of its type's
// declaration; walk_test.go fails when a field is added to a type and
// not to these walks (it enumerates the fields by reflection, in the test
// only).
//
// What is walked: URLs are the fields a browser would follow (links,
// image and video sources, form actions, file and asset URLs); text is
// every other string a person reads or an editor wrote (titles, captions,
// rich text spans, labels, dates as printed, warning messages). Neither
// are ids, keys, types, enumerations (styles, layouts, variants,
// positions), selectors, CSS classes, hashes, paths of the new site, the
// export's file references, nor provenance: it records the old site as
// fetched and is not rewritten.

// Strings calls f for every text and URL string of d, telling which
// (isURL); f may change the string.
func (d *Document) Strings(f func(s *string, isURL bool)) {
	f(&d.URL, true)
	f(&d.Title, false)
	f(&d.Lang, false)
	f(&d.Summary, false)
	f(&d.Dates.Published, false)
	f(&d.Dates.Modified, false)
	for i := range d.Categories {
		f(&d.Categories[i], false)
	}
	for i := range d.Tags {
		f(&d.Tags[i], false)
	}
	for i := range d.Translations {
		f(&d.Translations[i].Lang, false)
		f(&d.Translations[i].URL, true)
	}
	for i := range d.Blocks {
		d.Blocks[i].Strings(f)
	}
	if d.PressRelease != nil {
		d.PressRelease.Strings(f)
	}
	for i := range d.Assets {
		a := &d.Assets[i]
		f(&a.URL, true)
		f(&a.Original, true)
		f(&a.FileName, false)
		f(&a.Alt, false)
		f(&a.Caption, false)
		f(&a.Credit, false)
	}
	for i := range d.Warnings {
		f(&d.Warnings[i].Message, false)
	}
}

// URLs calls f for every URL of d (Strings with isURL).
func (d *Document) URLs(f func(*string)) {
	d.Strings(func(s *string, isURL bool) {
		if isURL {
			f(s)
		}
	})
}

// Strings calls f for every text and URL string of the press release
// fields, telling which.
func (p *PressRelease) Strings(f func(s *string, isURL bool)) {
	f(&p.Number, false)
	f(&p.Kicker, false)
	f(&p.Subtitle, false)
	f(&p.Lead, false)
	f(&p.Dateline, false)
	if p.Publisher != nil {
		f(&p.Publisher.Name, false)
		f(&p.Publisher.URL, true)
	}
	for i := range p.Contacts {
		c := &p.Contacts[i]
		f(&c.Name, false)
		f(&c.Role, false)
		f(&c.Phone, false)
		f(&c.Fax, false)
		f(&c.Email, false)
	}
	for i := range p.Attachments {
		p.Attachments[i].strings(f)
	}
	for i := range p.Related {
		p.Related[i].strings(f)
	}
}

// Strings calls f for every text and URL string of the block (its
// anchor, header and every payload that is set), telling which.
func (b *Block) Strings(f func(s *string, isURL bool)) {
	f(&b.Anchor, false)
	if h := b.Header; h != nil {
		f(&h.Text, false)
		f(&h.Subheader, false)
		f(&h.Date, false)
	}
	if p := b.Heading; p != nil {
		f(&p.Text, false)
	}
	if p := b.Text; p != nil {
		p.Body.strings(f)
	}
	if p := b.Quote; p != nil {
		p.Body.strings(f)
		f(&p.Attribution, false)
	}
	if p := b.Table; p != nil {
		f(&p.Caption, false)
		for i := range p.Rows {
			for j := range p.Rows[i].Cells {
				c := &p.Rows[i].Cells[j]
				f(&c.Text, false)
				c.Body.strings(f)
			}
		}
	}
	if p := b.Accordion; p != nil {
		panelStrings(p.Items, f)
	}
	if p := b.Tabs; p != nil {
		panelStrings(p.Items, f)
	}
	if p := b.Teaser; p != nil {
		for i := range p.Items {
			it := &p.Items[i]
			f(&it.Title, false)
			f(&it.Date, false)
			it.Body.strings(f)
			if it.Link != nil {
				it.Link.strings(f)
			}
			if it.Image != nil {
				it.Image.strings(f)
			}
		}
	}
	if p := b.Gallery; p != nil {
		for i := range p.Items {
			p.Items[i].strings(f)
		}
	}
	if p := b.Image; p != nil {
		p.Media.strings(f)
	}
	if p := b.TextMedia; p != nil {
		p.Body.strings(f)
		for i := range p.Media {
			p.Media[i].strings(f)
		}
	}
	if p := b.Downloads; p != nil {
		for i := range p.Items {
			p.Items[i].strings(f)
		}
	}
	if p := b.LinkList; p != nil {
		for i := range p.Items {
			p.Items[i].strings(f)
		}
	}
	if p := b.Timeline; p != nil {
		for i := range p.Items {
			it := &p.Items[i]
			f(&it.Date, false)
			f(&it.Label, false)
			f(&it.Title, false)
			it.Body.strings(f)
			if it.Link != nil {
				it.Link.strings(f)
			}
			for j := range it.Media {
				it.Media[j].strings(f)
			}
		}
	}
	if p := b.InfoBox; p != nil {
		p.Body.strings(f)
	}
	if p := b.Video; p != nil {
		f(&p.Src, true)
		f(&p.Title, false)
		f(&p.Caption, false)
	}
	if p := b.Form; p != nil {
		f(&p.Action, true)
		for i := range p.Fields {
			fl := &p.Fields[i]
			f(&fl.Name, false)
			f(&fl.Label, false)
			for j := range fl.Options {
				f(&fl.Options[j], false)
			}
		}
		f(&p.Submit, false)
	}
	if p := b.HTML; p != nil {
		f(&p.HTML, false)
	}
	// Divider has no fields; Ref holds ids only.
}

func panelStrings(items []Panel, f func(*string, bool)) {
	for i := range items {
		f(&items[i].Title, false)
		items[i].Body.strings(f)
		for j := range items[i].Media {
			items[i].Media[j].strings(f)
		}
	}
}

func (pt PortableText) strings(f func(*string, bool)) {
	for i := range pt {
		b := &pt[i]
		for j := range b.Children {
			f(&b.Children[j].Text, false)
		}
		for j := range b.MarkDefs {
			f(&b.MarkDefs[j].Href, true)
			f(&b.MarkDefs[j].Title, false)
		}
	}
}

func (l *Link) strings(f func(*string, bool)) {
	f(&l.Href, true)
	f(&l.Text, false)
	f(&l.Title, false)
	f(&l.Description, false)
}

func (m *Media) strings(f func(*string, bool)) {
	f(&m.Src, true)
	f(&m.Alt, false)
	f(&m.Title, false)
	f(&m.Caption, false)
	f(&m.Credit, false)
	f(&m.Link, true)
}

func (fl *File) strings(f func(*string, bool)) {
	f(&fl.URL, true)
	f(&fl.Title, false)
	f(&fl.Description, false)
	f(&fl.FileName, false)
	f(&fl.SizeText, false)
}

// RichTexts calls f for every rich text of d's blocks; f may replace it.
func (d *Document) RichTexts(f func(*PortableText)) {
	for i := range d.Blocks {
		d.Blocks[i].RichTexts(f)
	}
}

// RichTexts calls f for every rich text of the block, in field order.
func (b *Block) RichTexts(f func(*PortableText)) {
	if p := b.Text; p != nil {
		f(&p.Body)
	}
	if p := b.Quote; p != nil {
		f(&p.Body)
	}
	if p := b.Table; p != nil {
		for i := range p.Rows {
			for j := range p.Rows[i].Cells {
				f(&p.Rows[i].Cells[j].Body)
			}
		}
	}
	if p := b.Accordion; p != nil {
		for i := range p.Items {
			f(&p.Items[i].Body)
		}
	}
	if p := b.Tabs; p != nil {
		for i := range p.Items {
			f(&p.Items[i].Body)
		}
	}
	if p := b.Teaser; p != nil {
		for i := range p.Items {
			f(&p.Items[i].Body)
		}
	}
	if p := b.TextMedia; p != nil {
		f(&p.Body)
	}
	if p := b.Timeline; p != nil {
		for i := range p.Items {
			f(&p.Items[i].Body)
		}
	}
	if p := b.InfoBox; p != nil {
		f(&p.Body)
	}
}

// FileNames calls f for every file name of d: of download items, press
// release attachments and assets.
func (d *Document) FileNames(f func(*string)) {
	for i := range d.Blocks {
		if p := d.Blocks[i].Downloads; p != nil {
			for j := range p.Items {
				f(&p.Items[j].FileName)
			}
		}
	}
	if d.PressRelease != nil {
		for i := range d.PressRelease.Attachments {
			f(&d.PressRelease.Attachments[i].FileName)
		}
	}
	for i := range d.Assets {
		f(&d.Assets[i].FileName)
	}
}

// Clone returns a deep copy of d: no slice or pointer of the copy is
// shared with d, so the copy can be changed in place. Nil and empty
// slices stay nil and empty (they encode differently in JSON).
func (d *Document) Clone() Document {
	c := *d
	c.Categories = cloneSlice(d.Categories, nil)
	c.Tags = cloneSlice(d.Tags, nil)
	c.Translations = cloneSlice(d.Translations, nil)
	c.Blocks = cloneSlice(d.Blocks, func(b *Block) { *b = b.Clone() })
	c.PressRelease = clonePtr(d.PressRelease, func(p *PressRelease) {
		p.Publisher = clonePtr(p.Publisher, nil)
		p.Contacts = cloneSlice(p.Contacts, nil)
		p.Attachments = cloneSlice(p.Attachments, nil)
		p.Related = cloneSlice(p.Related, nil)
	})
	c.Assets = cloneSlice(d.Assets, nil)
	c.Provenance.AliasURLs = cloneSlice(d.Provenance.AliasURLs, nil)
	c.Provenance.TYPO3 = clonePtr(d.Provenance.TYPO3, func(t *TYPO3Origin) {
		t.ContentUIDs = cloneSlice(t.ContentUIDs, nil)
	})
	c.Provenance.Accounting = clonePtr(d.Provenance.Accounting, func(a *Accounting) {
		a.Dropped = cloneSlice(a.Dropped, nil)
	})
	c.Warnings = cloneSlice(d.Warnings, nil)
	return c
}

// Clone returns a deep copy of b, as Document.Clone.
func (b *Block) Clone() Block {
	c := *b
	c.Header = clonePtr(b.Header, nil)
	c.Source = clonePtr(b.Source, func(s *Source) { s.CSSClasses = cloneSlice(s.CSSClasses, nil) })
	c.Heading = clonePtr(b.Heading, nil)
	c.Text = clonePtr(b.Text, func(t *Text) { t.Body = t.Body.Clone() })
	c.Quote = clonePtr(b.Quote, func(q *Quote) { q.Body = q.Body.Clone() })
	c.Table = clonePtr(b.Table, func(t *Table) {
		t.Rows = cloneSlice(t.Rows, func(r *TableRow) {
			r.Cells = cloneSlice(r.Cells, func(c *TableCell) { c.Body = c.Body.Clone() })
		})
	})
	clonePanels := func(items []Panel) []Panel {
		return cloneSlice(items, func(p *Panel) { p.Body, p.Media = p.Body.Clone(), cloneSlice(p.Media, nil) })
	}
	c.Accordion = clonePtr(b.Accordion, func(a *Accordion) { a.Items = clonePanels(a.Items) })
	c.Tabs = clonePtr(b.Tabs, func(t *Tabs) { t.Items = clonePanels(t.Items) })
	c.Teaser = clonePtr(b.Teaser, func(t *Teaser) {
		t.Items = cloneSlice(t.Items, func(it *TeaserItem) {
			it.Body = it.Body.Clone()
			it.Link = clonePtr(it.Link, nil)
			it.Image = clonePtr(it.Image, nil)
		})
	})
	c.Gallery = clonePtr(b.Gallery, func(g *Gallery) { g.Items = cloneSlice(g.Items, nil) })
	c.Image = clonePtr(b.Image, nil)
	c.TextMedia = clonePtr(b.TextMedia, func(t *TextMedia) {
		t.Body = t.Body.Clone()
		t.Media = cloneSlice(t.Media, nil)
	})
	c.Downloads = clonePtr(b.Downloads, func(d *Downloads) { d.Items = cloneSlice(d.Items, nil) })
	c.LinkList = clonePtr(b.LinkList, func(l *LinkList) { l.Items = cloneSlice(l.Items, nil) })
	c.Timeline = clonePtr(b.Timeline, func(t *Timeline) {
		t.Items = cloneSlice(t.Items, func(it *TimelineItem) {
			it.Body = it.Body.Clone()
			it.Link = clonePtr(it.Link, nil)
			it.Media = cloneSlice(it.Media, nil)
		})
	})
	c.InfoBox = clonePtr(b.InfoBox, func(i *InfoBox) { i.Body = i.Body.Clone() })
	c.Video = clonePtr(b.Video, nil)
	c.Form = clonePtr(b.Form, func(f *Form) {
		f.Fields = cloneSlice(f.Fields, func(fl *FormField) { fl.Options = cloneSlice(fl.Options, nil) })
	})
	c.Divider = clonePtr(b.Divider, nil)
	c.HTML = clonePtr(b.HTML, nil)
	c.Ref = clonePtr(b.Ref, nil)
	return c
}

// Clone returns a deep copy of pt.
func (pt PortableText) Clone() PortableText {
	return cloneSlice(pt, func(b *PTBlock) {
		b.Children = cloneSlice(b.Children, func(s *PTSpan) { s.Marks = cloneSlice(s.Marks, nil) })
		b.MarkDefs = cloneSlice(b.MarkDefs, nil)
	})
}

// cloneSlice copies s (nil stays nil, empty stays empty) and lets deep
// copy each element in place.
func cloneSlice[S ~[]E, E any](s S, deep func(*E)) S {
	if s == nil {
		return nil
	}
	out := make(S, len(s))
	copy(out, s)
	if deep != nil {
		for i := range out {
			deep(&out[i])
		}
	}
	return out
}

// clonePtr copies *p into a new value (nil stays nil) and lets deep copy
// its fields in place.
func clonePtr[T any](p *T, deep func(*T)) *T {
	if p == nil {
		return nil
	}
	c := *p
	if deep != nil {
		deep(&c)
	}
	return &c
}
