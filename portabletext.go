package umzug

import "strings"

// PortableText is rich text in the Portable Text format (portabletext.org):
// a list of text blocks made of spans with marks, links as markDefs.
type PortableText []PTBlock

// PTBlock is one Portable Text block: a paragraph, a heading inside text, a
// list item (ListItem "bullet" or "number", Level from 1) or a quote.
type PTBlock struct {
	Type     string    `json:"_type"` // always "block"
	Key      string    `json:"_key"`
	Style    string    `json:"style"` // normal, h1–h6, blockquote
	ListItem string    `json:"listItem,omitempty"`
	Level    int       `json:"level,omitempty"`
	Children []PTSpan  `json:"children"`
	MarkDefs []MarkDef `json:"markDefs"`
}

// PTSpan is a run of text with marks: decorators (strong, em, underline,
// strike-through, sub, sup, code) or the key of a markDef. A line break is
// a "\n" inside the text.
type PTSpan struct {
	Type  string   `json:"_type"` // always "span"
	Key   string   `json:"_key"`
	Text  string   `json:"text"`
	Marks []string `json:"marks"`
}

// MarkDef is an annotation that spans refer to by key; umzug uses links.
type MarkDef struct {
	Type   string `json:"_type"` // "link"
	Key    string `json:"_key"`
	Href   string `json:"href"`
	Title  string `json:"title,omitempty"`
	Target string `json:"target,omitempty"`
	// Document is the id of the exported document an internal link points
	// to, filled in by the transform stage.
	Document string `json:"document,omitempty"`
	// Path is the new path of the document or asset the link points to;
	// Href keeps the old URL.
	Path string `json:"path,omitempty"`
}

// PlainText returns the text of the blocks, one line per block.
func (pt PortableText) PlainText() string {
	if len(pt) == 1 {
		return pt[0].PlainText()
	}
	var sb strings.Builder
	for i, b := range pt {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(b.PlainText())
	}
	return sb.String()
}

// PlainText returns the text of one block. The text of a block of one
// span is that span's text, not a copy of it; that of more spans is
// built in one allocation.
func (b PTBlock) PlainText() string {
	switch len(b.Children) {
	case 0:
		return ""
	case 1:
		return b.Children[0].Text
	}
	n := 0
	for _, s := range b.Children {
		n += len(s.Text)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, s := range b.Children {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// PlainTextLen returns len(b.PlainText()) without making the text.
func (b *PTBlock) PlainTextLen() int {
	n := 0
	for _, s := range b.Children {
		n += len(s.Text)
	}
	return n
}

// SamePlainText reports whether a.PlainText() == b.PlainText() without
// making the texts.
func SamePlainText(a, b *PTBlock) bool {
	if a.PlainTextLen() != b.PlainTextLen() {
		return false
	}
	// Walk both span lists, comparing the overlapping pieces.
	i, j := 0, 0   // spans of a and b
	x, y := "", "" // the rest of the current spans
	for {
		for x == "" && i < len(a.Children) {
			x = a.Children[i].Text
			i++
		}
		for y == "" && j < len(b.Children) {
			y = b.Children[j].Text
			j++
		}
		if x == "" || y == "" {
			return x == y // equal lengths: both at their ends
		}
		k := min(len(x), len(y))
		if x[:k] != y[:k] {
			return false
		}
		x, y = x[k:], y[k:]
	}
}
