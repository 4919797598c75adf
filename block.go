package umzug

import (
	"fmt"
	"slices"
)

// BlockType names the kind of a content block. The payload of a block sits
// under a JSON property named like its type.
type BlockType string

// The block types of the export format (see DESIGN.md).
const (
	BlockHeading   BlockType = "heading"
	BlockText      BlockType = "text"
	BlockQuote     BlockType = "quote"
	BlockTable     BlockType = "table"
	BlockAccordion BlockType = "accordion"
	BlockTabs      BlockType = "tabs"
	BlockTeaser    BlockType = "teaser"
	BlockGallery   BlockType = "gallery"
	BlockImage     BlockType = "image"
	BlockTextMedia BlockType = "text_media"
	BlockDownloads BlockType = "downloads"
	BlockLinkList  BlockType = "link_list"
	BlockTimeline  BlockType = "timeline"
	BlockInfoBox   BlockType = "info_box"
	BlockVideo     BlockType = "video"
	BlockForm      BlockType = "form"
	BlockDivider   BlockType = "divider"
	BlockHTML      BlockType = "html"
	BlockRef       BlockType = "ref"
)

// Block is one typed piece of main content. Exactly one payload field is
// set, the one named like Type; Validate checks that.
type Block struct {
	Key    string    `json:"key"`
	Type   BlockType `json:"type"`
	Anchor string    `json:"anchor,omitempty"`
	// Header is the element's own headline (TYPO3's header, subheader and
	// date fields), which any block type may carry.
	Header *Header `json:"header,omitempty"`
	Source *Source `json:"source,omitempty"`

	Heading   *Heading   `json:"heading,omitempty"`
	Text      *Text      `json:"text,omitempty"`
	Quote     *Quote     `json:"quote,omitempty"`
	Table     *Table     `json:"table,omitempty"`
	Accordion *Accordion `json:"accordion,omitempty"`
	Tabs      *Tabs      `json:"tabs,omitempty"`
	Teaser    *Teaser    `json:"teaser,omitempty"`
	Gallery   *Gallery   `json:"gallery,omitempty"`
	Image     *Image     `json:"image,omitempty"`
	TextMedia *TextMedia `json:"text_media,omitempty"`
	Downloads *Downloads `json:"downloads,omitempty"`
	LinkList  *LinkList  `json:"link_list,omitempty"`
	Timeline  *Timeline  `json:"timeline,omitempty"`
	InfoBox   *InfoBox   `json:"info_box,omitempty"`
	Video     *Video     `json:"video,omitempty"`
	Form      *Form      `json:"form,omitempty"`
	Divider   *Divider   `json:"divider,omitempty"`
	HTML      *HTML      `json:"html,omitempty"`
	Ref       *Ref       `json:"ref,omitempty"`
}

// Header is the headline of a content element.
type Header struct {
	Text      string `json:"text"`
	Level     int    `json:"level,omitempty"` // 1–6; 0 when unknown
	Subheader string `json:"subheader,omitempty"`
	Date      string `json:"date,omitempty"`
}

// Source tells where in the old page a block came from.
type Source struct {
	TYPO3UID   int      `json:"typo3Uid,omitempty"`
	CType      string   `json:"cType,omitempty"`
	Selector   string   `json:"selector,omitempty"`
	CSSClasses []string `json:"cssClasses,omitempty"`
	// Column is the 1-based column of a layout container (2 or 3 columns,
	// grids) the block stood in; 0 outside containers.
	Column int `json:"column,omitempty"`
}

// Heading is a headline that stands alone.
type Heading struct {
	Text  string `json:"text"`
	Level int    `json:"level"`
}

// Text is rich text.
type Text struct {
	Body PortableText `json:"body"`
}

// Quote is a quotation.
type Quote struct {
	Body        PortableText `json:"body"`
	Attribution string       `json:"attribution,omitempty"`
}

// Table is a data table.
type Table struct {
	Caption string     `json:"caption,omitempty"`
	Rows    []TableRow `json:"rows"`
}

// TableRow is one row; Section is "head", "body" or "foot".
type TableRow struct {
	Section string      `json:"section"`
	Cells   []TableCell `json:"cells"`
}

// TableCell is one cell; Header is true for th cells.
type TableCell struct {
	Text    string       `json:"text"`
	Body    PortableText `json:"body,omitempty"` // set when the cell holds more than plain text
	Header  bool         `json:"header,omitempty"`
	ColSpan int          `json:"colSpan,omitempty"` // set when > 1
	RowSpan int          `json:"rowSpan,omitempty"` // set when > 1
}

// Accordion is a list of collapsible items.
type Accordion struct {
	Items []Panel `json:"items"`
}

// Tabs is a list of tab panels.
type Tabs struct {
	Items []Panel `json:"items"`
}

// Panel is one accordion item or tab: a title, rich text and the
// pictures shown with it (bootstrap_package's accordion and tab media, a
// figure in the item's text), after the text.
type Panel struct {
	Title string       `json:"title,omitempty"`
	Body  PortableText `json:"body"`
	Media []Media      `json:"media,omitempty"`
}

// Teaser is one or more teasers (cards, news teasers, slider items) that
// point elsewhere. Variant keeps the old template's teaser type.
type Teaser struct {
	Variant string       `json:"variant,omitempty"`
	Layout  string       `json:"layout,omitempty"` // "list", "grid" or "slider"
	Items   []TeaserItem `json:"items"`
}

// TeaserItem is one teaser.
type TeaserItem struct {
	Title string       `json:"title,omitempty"`
	Date  string       `json:"date,omitempty"`
	Body  PortableText `json:"body,omitempty"`
	Link  *Link        `json:"link,omitempty"`
	Image *Media       `json:"image,omitempty"`
	// Document is the id of the exported document the teaser points to,
	// filled in by the transform stage when the target was migrated.
	Document string `json:"document,omitempty"`
}

// Gallery is a set of images shown as a grid or a slider.
type Gallery struct {
	Layout  string  `json:"layout"` // "grid" or "slider"
	Columns int     `json:"columns,omitempty"`
	Items   []Media `json:"items"`
}

// Image is a single image.
type Image struct {
	Media
}

// Media is an image reference with its texts.
type Media struct {
	Src     string `json:"src"`
	Alt     string `json:"alt,omitempty"`
	Title   string `json:"title,omitempty"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Link    string `json:"link,omitempty"`
	// Decorative is true when the old page marked the image as decorative
	// (alt="" on purpose).
	Decorative bool `json:"decorative,omitempty"`
	// Asset is the id of the asset record of an image of the old site,
	// filled in by the transform stage.
	Asset string `json:"asset,omitempty"`
}

// TextMedia is rich text with images beside, above or below it.
type TextMedia struct {
	Body     PortableText `json:"body"`
	Media    []Media      `json:"media"`
	Position string       `json:"position,omitempty"` // above, below, left, right, intext-left, intext-right
}

// Downloads is a list of files.
type Downloads struct {
	Items []File `json:"items"`
}

// File is a downloadable file.
type File struct {
	URL         string `json:"url"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	FileName    string `json:"fileName,omitempty"`
	Size        int64  `json:"size,omitempty"`     // bytes, from the page's size label
	SizeText    string `json:"sizeText,omitempty"` // the label as printed, "245 KB"
	Format      string `json:"format,omitempty"`   // e.g. "PDF"
	// Asset is the id of the asset record of a file of the old site,
	// filled in by the transform stage.
	Asset string `json:"asset,omitempty"`
}

// LinkList is a list of links (menus, related links).
type LinkList struct {
	Items []Link `json:"items"`
}

// Link is a hyperlink.
type Link struct {
	Href   string `json:"href"`
	Text   string `json:"text,omitempty"`
	Title  string `json:"title,omitempty"`
	Target string `json:"target,omitempty"`
	// Description is the text shown with the link in a list (the page
	// abstract of TYPO3's menu_abstract, a teaser line).
	Description string `json:"description,omitempty"`
	// Document is the id of the exported document the link points to,
	// filled in by the transform stage for internal links.
	Document string `json:"document,omitempty"`
	// Path is the new path of the document or asset the link points to,
	// filled in with Document; Href keeps the old URL.
	Path string `json:"path,omitempty"`
}

// Timeline is a dated sequence of entries.
type Timeline struct {
	Items []TimelineItem `json:"items"`
}

// TimelineItem is one timeline entry.
type TimelineItem struct {
	Date  string       `json:"date,omitempty"`  // ISO 8601 when parseable
	Label string       `json:"label,omitempty"` // the date as printed
	Title string       `json:"title,omitempty"`
	Body  PortableText `json:"body,omitempty"`
	Link  *Link        `json:"link,omitempty"`
	// Media are the item's pictures (bootstrap_package's
	// timeline-item-image), with their captions.
	Media []Media `json:"media,omitempty"`
}

// InfoBox is highlighted rich text; Variant keeps the old style
// ("primary", "secondary", "dark", "light", "warning", …).
type InfoBox struct {
	Variant string       `json:"variant,omitempty"`
	Body    PortableText `json:"body"`
}

// Video is an embedded or linked video.
type Video struct {
	Src      string `json:"src"`
	Provider string `json:"provider,omitempty"` // youtube, vimeo, file
	Title    string `json:"title,omitempty"`
	Caption  string `json:"caption,omitempty"`
	// Asset is the id of the asset record of a video file of the old
	// site (provider "file"), filled in by the transform stage.
	Asset string `json:"asset,omitempty"`
}

// Form describes a form for a manual rebuild in the new CMS.
type Form struct {
	Action string      `json:"action,omitempty"`
	Method string      `json:"method,omitempty"`
	Fields []FormField `json:"fields"`
	Submit string      `json:"submit,omitempty"`
}

// FormField is one input of a form.
type FormField struct {
	Name     string   `json:"name,omitempty"`
	Label    string   `json:"label,omitempty"`
	Type     string   `json:"type"` // text, email, textarea, select, checkbox, radio, …
	Required bool     `json:"required,omitempty"`
	Options  []string `json:"options,omitempty"`
}

// Divider is a horizontal rule.
type Divider struct{}

// HTML is markup that could not be typed, kept sanitized. A block of this
// type always comes with a warning on its document.
type HTML struct {
	HTML string `json:"html"`
}

// Ref points to a shared snippet or to another document in place of a copy.
type Ref struct {
	Snippet  string `json:"snippet,omitempty"`
	Document string `json:"document,omitempty"`
}

// Payload returns the block's payload: the field named like its type, or
// nil when that field is not set.
func (b *Block) Payload() any {
	for _, p := range b.payloads() {
		if p.typ == b.Type && p.set {
			return p.value
		}
	}
	return nil
}

// Validate checks the block contract: a key, a known type, and exactly one
// payload, the one named like the type.
func (b *Block) Validate() error {
	if b.Key == "" {
		return fmt.Errorf("block of type %q: empty key: %w", b.Type, ErrInvalid)
	}
	if !slices.Contains(BlockTypes, b.Type) {
		return fmt.Errorf("block %s: unknown type %q: %w", b.Key, b.Type, ErrInvalid)
	}
	ps := b.payloads()
	n, first := 0, BlockType("")
	for _, p := range ps {
		if p.set {
			if n == 0 {
				first = p.typ
			}
			n++
		}
	}
	if n != 1 || first != b.Type {
		var set []BlockType
		for _, p := range ps {
			if p.set {
				set = append(set, p.typ)
			}
		}
		return fmt.Errorf("block %s of type %q has payloads %v: %w", b.Key, b.Type, set, ErrInvalid)
	}
	return nil
}

type payload struct {
	typ   BlockType
	set   bool
	value any
}

// payloads are the block's possible payloads, in the order of
// BlockTypes (an array: no allocation per call).
func (b *Block) payloads() [numPayloads]payload {
	return [numPayloads]payload{
		{BlockHeading, b.Heading != nil, b.Heading},
		{BlockText, b.Text != nil, b.Text},
		{BlockQuote, b.Quote != nil, b.Quote},
		{BlockTable, b.Table != nil, b.Table},
		{BlockAccordion, b.Accordion != nil, b.Accordion},
		{BlockTabs, b.Tabs != nil, b.Tabs},
		{BlockTeaser, b.Teaser != nil, b.Teaser},
		{BlockGallery, b.Gallery != nil, b.Gallery},
		{BlockImage, b.Image != nil, b.Image},
		{BlockTextMedia, b.TextMedia != nil, b.TextMedia},
		{BlockDownloads, b.Downloads != nil, b.Downloads},
		{BlockLinkList, b.LinkList != nil, b.LinkList},
		{BlockTimeline, b.Timeline != nil, b.Timeline},
		{BlockInfoBox, b.InfoBox != nil, b.InfoBox},
		{BlockVideo, b.Video != nil, b.Video},
		{BlockForm, b.Form != nil, b.Form},
		{BlockDivider, b.Divider != nil, b.Divider},
		{BlockHTML, b.HTML != nil, b.HTML},
		{BlockRef, b.Ref != nil, b.Ref},
	}
}

// numPayloads is the number of block types, each with its payload.
const numPayloads = 19

// BlockTypes lists every block type in the order of DESIGN.md.
var BlockTypes = []BlockType{
	BlockHeading, BlockText, BlockQuote, BlockTable, BlockAccordion, BlockTabs,
	BlockTeaser, BlockGallery, BlockImage, BlockTextMedia, BlockDownloads,
	BlockLinkList, BlockTimeline, BlockInfoBox, BlockVideo, BlockForm,
	BlockDivider, BlockHTML, BlockRef,
}
