package html

import (
	"fmt"
	stdhtml "html"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// Content accounting: every run of visible text of a page ends in exactly
// one place. Text inside the main region that a block holds is kept; text
// a document field holds (title, date, number, contacts, …) is a field;
// everything else is dropped with the reason of the rule that dropped it,
// or of the page region it sits in. Kept and field text is not taken on
// trust: it counts as kept only when the document's blocks (or fields)
// really contain it, so a converter that loses text shows up as
// "unconverted".

// Categories of a run of text in an explanation.
const (
	Kept    = "kept"
	Field   = "field"
	Dropped = "dropped"
)

// ExplainRun is a run of a page's visible text and what became of it.
type ExplainRun struct {
	Category string `json:"category"`         // kept, field or dropped
	Reason   string `json:"reason,omitempty"` // why it was dropped; the field's name for field
	Selector string `json:"selector"`         // the element the run belongs to
	Text     string `json:"text"`
}

// accountant walks the visible text of a page after extraction.
type accountant struct {
	p       *page
	roots   map[*html.Node]bool
	rootAnc map[*html.Node]bool // ancestors of roots
	dropped map[*html.Node]string
	fields  map[*html.Node]string
	// fieldInBlock: field elements inside a kept block's element
	fieldInBlock map[*html.Node]bool
	kept         string // normalized text of the blocks
	fieldTxt     []string
	cursor       int
	acc          umzug.Accounting
	runs         []ExplainRun
	explain      bool
	// open dropped entry, merged while reason and selector stay the same
	last      *umzug.Dropped
	lastOwner *html.Node // owner of the last explanation run
	// selectorOf of the owner of the last dropped text: runs of text
	// nodes share their owner (the tree does not change while accounting)
	selOwner *html.Node
	sel      string
	// outsideProse counts the characters of long paragraph text dropped
	// outside the main region as no region's chrome (see checkAccounting)
	outsideProse int
	// inOutside: elements whose verdict replaced outside-main within a
	// region outside the main content (their text may still be a field)
	inOutside map[*html.Node]bool
}

// account fills the document's accounting; with explain it also returns
// the runs of text.
func (p *page) account(roots []*html.Node, explain bool) []ExplainRun {
	body := p.an.body
	if body == nil {
		return nil
	}
	a := &accountant{p: p, roots: map[*html.Node]bool{}, rootAnc: map[*html.Node]bool{},
		dropped: map[*html.Node]string{}, fields: p.fieldEls, fieldInBlock: p.fieldsInBlocks(), explain: explain}
	for _, r := range roots {
		a.roots[r] = true
		for n := r.Parent; n != nil; n = n.Parent {
			a.rootAnc[n] = true
		}
	}
	for _, d := range p.dropped {
		a.dropped[d.n] = d.reason
	}
	// The kept text is read in its pooled buffer (no copy): nothing
	// keeps a piece of it, and the buffer goes back once the walk is done.
	kept, fieldTxt := outputTextBuf(&p.d)
	a.kept, a.fieldTxt = unsafe.String(unsafe.SliceData(kept.b), len(kept.b)), fieldTxt
	a.walk(body, "", nil, false)
	a.flush()
	a.kept = ""
	kept.release()
	acc := a.acc
	p.d.Provenance.Accounting = &acc
	p.outsideProse = a.outsideProse
	return a.runs
}

// fieldsInBlocks returns the field elements that a kept block's element
// holds: a release that is one element (head, date line and body in one
// div) becomes one text block, and the publisher read from its date line
// or the title from its h1 can stay in that block's text too. Text of such an element that the
// blocks hold is kept, not counted as the field as well (see text).
func (p *page) fieldsInBlocks() map[*html.Node]bool {
	if len(p.fieldEls) == 0 || len(p.d.Blocks) == 0 {
		return nil
	}
	srcs := make(map[*html.Node]bool, len(p.d.Blocks))
	for _, b := range p.d.Blocks {
		if src := p.blockSrc[b.Key]; src != nil {
			srcs[src] = true
		}
	}
	var in map[*html.Node]bool
	for el := range p.fieldEls {
		for a := el.Parent; a != nil; a = a.Parent {
			if srcs[a] {
				if in == nil {
					in = map[*html.Node]bool{}
				}
				in[el] = true
				break
			}
		}
	}
	return in
}

// walk visits n's children. reason and owner are the verdict in force
// (dropped reason or field name with the element it came from); inRoot
// tells whether n is inside the main region.
func (a *accountant) walk(n *html.Node, reason string, owner *html.Node, inRoot bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			a.text(c, n, reason, owner, inRoot)
		case html.ElementNode:
			if isInvisible(c) {
				continue
			}
			r, o, in := reason, owner, inRoot
			outside := reason == umzug.DropOutside || a.inOutside[owner]
			switch {
			case a.fields[c] != "":
				// a field read from inside a dropped box (the tag line
				// of a meta box) is the field
				r, o = "field:"+a.fields[c], c
			case reason == umzug.DropOutside && a.p.an.marks[c] != "":
				// a box with a verdict of its own in a region outside
				// the main content (the comments or the post navigation
				// in a column beside or under it): its reason is that
				r, o = a.p.an.marks[c], c
				if a.inOutside == nil {
					a.inOutside = map[*html.Node]bool{}
				}
				a.inOutside[c] = true
			case reason != "":
				// decided above
			case a.dropped[c] != "":
				r, o = a.dropped[c], c
			case a.roots[c]:
				in = true
			case !inRoot && !a.rootAnc[c]:
				// a page region outside the main content
				if m := a.p.an.marks[c]; m != "" {
					r, o = m, c
				} else if outsideRegion(n, a) {
					r, o = umzug.DropOutside, c
				}
			case !inRoot:
				// an ancestor of the main region: its own text is outside
			}
			if r == "" && !in && !a.rootAnc[c] && !a.roots[c] {
				r, o = umzug.DropOutside, c
			}
			if (r == umzug.DropOutside || outside && r != "" && !strings.HasPrefix(r, "field:")) && (c.DataAtom == atom.P || headingLevel(c) > 0) {
				// The title, subtitle or lead the document took from the
				// page's head outside the main content.
				if t, short := textUpTo(c, 400); short && a.isField(normText(t)) {
					r, o = "field:", c
				}
			}
			a.walk(c, r, o, in)
		}
	}
}

// outsideRegion reports whether children of n are page regions outside
// the main content (n is the body or an ancestor of the main region).
func outsideRegion(n *html.Node, a *accountant) bool {
	return n == a.p.an.body || a.rootAnc[n]
}

// normText is the text as blocks hold it: white space (no-break spaces
// too) collapsed, soft hyphens removed.
func normText(s string) string {
	// Trimmed first: the white space around the text holds no soft
	// hyphen, and most text nodes of a page are only white space.
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	if strings.Contains(s, "\u00ad") {
		s = strings.ReplaceAll(s, "\u00ad", "")
	}
	return collapseTrim(s)
}

// runeCount is utf8.RuneCountInString(s), eight ASCII bytes at a time:
// a run of ASCII is counted by the word, any other byte by
// utf8.DecodeRuneInString as RuneCountInString counts it (an invalid
// byte is one rune).
func runeCount(s string) int {
	n := 0
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		hi := v & 0x8080808080808080
		if hi == 0 {
			n += 8
			s = s[8:]
			continue
		}
		k := bits.TrailingZeros64(hi) / 8 // ASCII bytes before the first other
		_, size := utf8.DecodeRuneInString(s[k:])
		n += k + 1
		s = s[k+size:]
	}
	return n + utf8.RuneCountInString(s)
}

// text accounts for one text node.
func (a *accountant) text(t *html.Node, parent *html.Node, reason string, owner *html.Node, inRoot bool) {
	s := normText(t.Data)
	if s == "" {
		return
	}
	chars := runeCount(s)
	a.acc.VisibleChars += chars
	switch {
	case strings.HasPrefix(reason, "field:") && inRoot && a.fieldInBlock[owner] && a.keptNext(s):
		// read into a field and left in the block it is part of
		a.acc.KeptChars += chars
		a.run(Kept, "", blockOwner(parent), s)
		return
	case strings.HasPrefix(reason, "field:"):
		a.acc.FieldChars += chars
		a.run(Field, strings.TrimPrefix(reason, "field:"), owner, s)
		return
	case reason != "":
		a.countProse(reason, parent, chars)
		a.dropText(reason, owner, s, chars)
		return
	case !inRoot:
		a.countProse(umzug.DropOutside, parent, chars)
		a.dropText(umzug.DropOutside, parent, s, chars)
		return
	}
	// In the main region: kept when a block holds it (whole, in the
	// pieces a converter splits it into: a caption and its credit, or as
	// the date it prints).
	if a.inKept(s) || a.piecesKept(s) || a.dateKept(s) {
		a.acc.KeptChars += chars
		a.run(Kept, "", blockOwner(parent), s)
		return
	}
	if f := a.inFields(s); f {
		a.acc.FieldChars += chars
		a.run(Field, "", blockOwner(parent), s)
		return
	}
	r := missingReason(t, s, &a.p.d)
	if r == umzug.DropUnconverted && a.p.news != nil && !isAncestor(a.p.news, t) {
		// A news detail page's press release is its news record; the
		// other elements of the page's content columns stay behind.
		r = umzug.DropBeside
	}
	a.dropText(r, blockOwner(parent), s, chars)
}

// missingReason explains text of the main region that no block holds.
func missingReason(t *html.Node, s string, d *umzug.Document) string {
	for p := t.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Button, atom.Select, atom.Option, atom.Textarea, atom.Label, atom.Legend, atom.Input:
			return umzug.DropControl
		}
		if p.Type == html.ElementNode && screenOnly(p) {
			return umzug.DropScreenOnly
		}
	}
	if isChromeLine(s) || separatorsOnly(s) {
		return umzug.DropUtility
	}
	if ds := FindGermanDates(s); len(ds) > 0 && (ds[0].Value == d.Dates.Published || ds[0].Value == d.Dates.Modified || len(s) < 40) {
		return umzug.DropDuplicate
	}
	if authorPrefix.MatchString(s) && len(s) < 120 {
		return umzug.DropMeta // "Erstellt von …" under a teaser
	}
	if renderError.MatchString(s) {
		return umzug.DropError
	}
	return umzug.DropUnconverted
}

// screenOnly reports an element hidden from screen readers (decoration)
// or shown to them only: hasAttr(n, "hidden"), aria-hidden="true" or the
// class sr-only, in one pass over its attributes (the first aria-hidden
// and class count, as attr reads them).
func screenOnly(n *html.Node) bool {
	aria, class := false, false
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if !aria && strings.EqualFold(a.Val, "true") {
				return true
			}
			aria = true
		case "class":
			if !class && hasClass(a.Val, "sr-only") {
				return true
			}
			class = true
		}
	}
	return false
}

// blockOwner is the nearest block-level element around a text: the unit
// an explanation shows.
func blockOwner(n *html.Node) *html.Node {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && !inlineAtoms[p.DataAtom] {
			return p
		}
	}
	return n
}

// inKept reports whether the blocks' text holds s. It looks first just
// after the previous hit (blocks follow the page's order), then just
// before it (a short text found further on moves the cursor past the
// texts that follow it), then in the rest of the window after it, then
// anywhere: where it looks only changes how soon it finds s.
func (a *accountant) inKept(s string) bool {
	var rest string
	if a.cursor < len(a.kept) {
		rest = a.kept[a.cursor:]
		if len(rest) > 8192 {
			rest = rest[:8192]
		}
		if i := indexNear(rest, s, 256); i >= 0 {
			a.cursor += i + len(s)
			return true
		}
	}
	if a.cursor > 0 && strings.Contains(a.kept[max(0, a.cursor-2048):min(len(a.kept), a.cursor+len(s)-1)], s) {
		return true
	}
	if len(rest) > 256 {
		if i := strings.Index(rest[256:], s); i >= 0 {
			a.cursor += 256 + i + len(s)
			return true
		}
	}
	// Looked at so far: every s that starts from 2048 bytes before the
	// cursor on and ends in rest (or anywhere after those 2048 bytes,
	// when the cursor is at the end). Only the text before and after is
	// left to look in.
	lo := max(0, a.cursor-2048)
	if strings.Contains(a.kept[:min(len(a.kept), lo+len(s)-1)], s) {
		return true
	}
	return a.cursor < len(a.kept) && strings.Contains(a.kept[max(0, a.cursor+len(rest)-len(s)+1):], s)
}

// keptNext reports whether s is the next text the blocks hold, right
// after the text accounted last (at most a separator between), and moves
// past it. Unlike inKept it does not look further: a word of a field that
// the block left out ("Corona", a category) is found somewhere in the
// kept text by chance.
func (a *accountant) keptNext(s string) bool {
	if a.cursor >= len(a.kept) {
		return false
	}
	if i := indexNear(a.kept[a.cursor:], s, 4); i >= 0 {
		a.cursor += i + len(s)
		return true
	}
	return false
}

// indexNear is the index of the first sub in s that starts before limit,
// or -1: each position where sub's first byte is is tried in turn, which
// spares a long sub the hashing of strings.Index (Rabin-Karp above 64
// bytes) when it is found right at the start of s.
func indexNear(s, sub string, limit int) int {
	if len(sub) == 0 {
		return 0
	}
	limit = min(len(s), limit)
	for j := 0; j < limit; j++ {
		o := strings.IndexByte(s[j:limit], sub[0])
		if o < 0 {
			break
		}
		j += o
		if strings.HasPrefix(s[j:], sub) {
			return j
		}
	}
	return -1
}

// dateKept reports a printed date that a block holds as an ISO date.
func (a *accountant) dateKept(s string) bool {
	if len(s) > 40 {
		return false
	}
	ds := FindGermanDates(s)
	return len(ds) == 1 && len(ds[0].Value) >= 10 && strings.Contains(a.kept, ds[0].Value)
}

var pieceSep = regexp.MustCompile(`[()|\[\]]| [-–—] `)

// piecesKept reports text whose pieces between brackets, bars and dashes
// are all in the blocks: "Abb. 1: … (Foto: X)" and "… – Bild: X" become a
// caption and a credit.
func (a *accountant) piecesKept(s string) bool {
	if !pieceSep.MatchString(s) {
		return false
	}
	found := false
	for _, piece := range pieceSep.Split(s, -1) {
		piece = strings.Trim(piece, " .,;:-–")
		if len(piece) < 3 {
			continue
		}
		if !strings.Contains(a.kept, piece) {
			return false
		}
		found = true
	}
	return found
}

// isField reports a text (of 8 characters or more) that is a document
// field's whole text (fieldTxt holds them normalized, as s is).
func (a *accountant) isField(s string) bool {
	return len(s) >= 8 && slices.Contains(a.fieldTxt, s)
}

func (a *accountant) inFields(s string) bool {
	for _, f := range a.fieldTxt {
		if strings.Contains(f, s) {
			return true
		}
		// A field read out of a longer line ("Pressemitteilung Nr. 58/2024",
		// "Tel.: 0361 123") covers most of it.
		if len(f) >= 4 && 2*len(f) >= len(s) && strings.Contains(s, f) {
			return true
		}
	}
	return false
}

func (a *accountant) dropText(reason string, owner *html.Node, s string, chars int) {
	sel := ""
	if owner != nil {
		if owner != a.selOwner {
			a.selOwner, a.sel = owner, selectorOf(owner)
		}
		sel = a.sel
	}
	if l := a.last; l != nil && l.Reason == reason && l.Selector == sel {
		l.Chars += chars
		if len(l.Excerpt) < 80 {
			l.Excerpt = textutil.Truncate(l.Excerpt+" "+s, 100)
		}
	} else {
		a.flush()
		a.last = &umzug.Dropped{Reason: reason, Selector: sel, Chars: chars, Excerpt: textutil.Truncate(s, 100)}
	}
	a.run(Dropped, reason, owner, s)
}

func (a *accountant) flush() {
	if a.last != nil {
		a.acc.Dropped = append(a.acc.Dropped, *a.last)
		a.last = nil
	}
}

func (a *accountant) run(cat, reason string, owner *html.Node, s string) {
	if cat != Dropped {
		a.flush()
	}
	if !a.explain {
		return
	}
	sel := ""
	if owner != nil {
		sel = selectorOf(owner)
	}
	if n := len(a.runs); n > 0 && owner == a.lastOwner {
		if l := &a.runs[n-1]; l.Category == cat && l.Reason == reason {
			l.Text += " " + s
			return
		}
	}
	a.lastOwner = owner
	a.runs = append(a.runs, ExplainRun{Category: cat, Reason: reason, Selector: sel, Text: s})
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// outputText returns the normalized text of a document's blocks, one
// block per line, and the texts of its fields.
func outputText(d *umzug.Document) (string, []string) {
	sb, fields := outputTextBuf(d)
	defer sb.release()
	return sb.String(), fields
}

// outputTextBuf is outputText in a pooled buffer (fastpath.go), which the
// caller releases.
func outputTextBuf(d *umzug.Document) (*textBuf, []string) {
	sb := getTextBuf()
	for i := range d.Blocks {
		b := &d.Blocks[i]
		// normText(b.PlainText() with lines joined by spaces), in place
		sb.appendNorm(b)
		if b.Type == umzug.BlockTeaser && b.Teaser != nil {
			for _, it := range b.Teaser.Items {
				sb.WriteString(" " + it.Date)
			}
		}
		if b.Type == umzug.BlockDownloads && b.Downloads != nil {
			for _, f := range b.Downloads.Items {
				sb.WriteString(" " + f.SizeText)
				if f.Format != "" && f.SizeText != "" {
					// the label "(PDF, 245 KB)", "PDF, 2,2 MB, barrierefrei"
					sb.WriteString(" " + f.Format + ", " + f.SizeText)
					if f.Description != "" {
						sb.WriteString(", " + f.Description)
					}
				}
			}
		}
		if b.Type == umzug.BlockHTML && b.HTML != nil {
			sb.WriteByte('\n')
			sb.WriteString(normText(stdhtml.UnescapeString(tagRe.ReplaceAllString(b.HTML.HTML, " "))))
		}
		sb.WriteByte('\n')
	}
	var fields []string
	add := func(s ...string) {
		for _, x := range s {
			if x = normText(x); x != "" {
				fields = append(fields, x)
			}
		}
	}
	add(d.Title)
	if pr := d.PressRelease; pr != nil {
		add(pr.Number, pr.Kicker, pr.Subtitle, pr.Lead, pr.Dateline)
		if pr.Publisher != nil {
			add(pr.Publisher.Name)
		}
		for _, c := range pr.Contacts {
			add(c.Name, c.Role, c.Phone, c.Fax, c.Email)
		}
		for _, f := range pr.Attachments {
			add(f.Title, f.Description, f.SizeText)
		}
		for _, l := range pr.Related {
			add(l.Text)
		}
	}
	return sb, fields
}

// countProse adds a dropped text node to outsideProse when it is a long
// piece of a paragraph left out as outside the main content or as a
// widget that should hold no prose: the text a wrong choice of the main
// region loses.
func (a *accountant) countProse(reason string, parent *html.Node, chars int) {
	if chars >= 80 && parent.DataAtom == atom.P && (reason == umzug.DropOutside || widgetReason(reason)) {
		a.outsideProse += chars
	}
}

// checkAccounting adds warnings for pages whose main region lost much.
func (p *page) checkAccounting() {
	acc := p.d.Provenance.Accounting
	if acc == nil {
		return
	}
	unconv := 0
	var where []string
	for _, d := range acc.Dropped {
		if d.Reason == umzug.DropUnconverted {
			unconv += d.Chars
			if len(where) < 3 {
				where = append(where, d.Selector)
			}
		}
	}
	if unconv > 200 && unconv*20 > acc.KeptChars {
		p.warn("unconverted-text", fmt.Sprintf("%d characters of the main content are in no block (%s)", unconv, strings.Join(where, ", ")), "")
	}
	if p.outsideProse > 1000 && p.outsideProse > 3*acc.KeptChars {
		p.warn("main-content-doubt", fmt.Sprintf("%d characters of paragraphs outside the main content were dropped, more than three times the %d kept: the main content may be the wrong region; see umzug extract --explain", p.outsideProse, acc.KeptChars), "")
	}
	if p.prunedChars > 500 && p.prunedChars > acc.KeptChars {
		p.warn("much-dropped", fmt.Sprintf("%d characters were dropped inside the main content, more than the %d kept; see umzug extract --explain", p.prunedChars, acc.KeptChars), "")
	}
}
