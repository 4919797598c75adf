package wordpress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// The block markup below is what the save() functions of WordPress 6.1's
// core blocks (@wordpress/block-library 7.14) produce for the attributes
// given, byte for byte, so the block editor validates every block as it
// opens a post: a block whose stored HTML differs from what save()
// returns shows "This block contains unexpected or invalid content".
// Attributes are serialized like @wordpress/blocks' serializeAttributes
// (JSON in the order of the block type's attributes, with --, <, >, &
// and \" escaped as \u sequences). .ci/wordpress.sh checks every stored
// post with the editor's own parser and validator.

// attr is one block attribute of a block comment, in order.
type attr struct {
	k string
	v any
}

// commentAttrs serializes block attributes as @wordpress/blocks does.
func commentAttrs(attrs []attr) string {
	if len(attrs) == 0 {
		return ""
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range attrs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(a.k)
		v, _ := json.Marshal(a.v) // Go escapes <, > and & as \u003c, \u003e, \u0026 like the editor
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	s := b.String()
	s = strings.ReplaceAll(s, "--", `\u002d\u002d`)
	s = strings.ReplaceAll(s, `\"`, `\u0022`)
	// Go also escapes U+2028 and U+2029, which JSON.stringify leaves
	// alone; both parse to the same string.
	return s + " "
}

// block returns a serialized block: its comment delimiters around the
// HTML of save(), or a void block when the HTML is empty.
func block(name string, attrs []attr, inner string) string {
	if inner == "" {
		return "<!-- wp:" + name + " " + commentAttrs(attrs) + "/-->"
	}
	return "<!-- wp:" + name + " " + commentAttrs(attrs) + "-->\n" + inner + "\n<!-- /wp:" + name + " -->"
}

// joinBlocks joins serialized sibling blocks as the editor does.
func joinBlocks(bs []string) string { return strings.Join(bs, "\n\n") }

// escText escapes text for rich-text HTML.
func escText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// escAttr escapes an attribute value like @wordpress/escape-html's
// escapeAttribute (& not already starting an entity, ", >).
func escAttr(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			if entityAt(s[i:]) {
				b.WriteByte('&')
			} else {
				b.WriteString("&amp;")
			}
		case '"':
			b.WriteString("&quot;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// entityAt reports whether s starts with a character reference the way
// escapeAmpersand's regexp sees one: &name; &#123; &#x1f;.
func entityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 {
		return false
	}
	body := strings.ToLower(s[1:end])
	if strings.HasPrefix(body, "#x") {
		body = body[2:]
		return body != "" && strings.Trim(body, "0123456789abcdef") == ""
	}
	if strings.HasPrefix(body, "#") {
		body = body[1:]
		return body != "" && strings.Trim(body, "0123456789") == ""
	}
	return strings.Trim(body, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

// renderer turns export records into block markup, resolving links and
// media through the loader.
type renderer struct {
	links      load.Links
	lang       string
	unresolved int
	warnings   []string
}

func (r *renderer) warn(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// label returns a fixed text of the new page in the document's language.
func (r *renderer) label(key string) string {
	de := map[string]string{"download": "Herunterladen", "contacts": "Pressekontakt", "publisher": "Herausgeber",
		"attachments": "Downloads", "related": "Weitere Informationen", "form": "Formular (wird im neuen Auftritt neu eingerichtet)",
		"fields": "Felder", "fax": "Fax"}
	en := map[string]string{"download": "Download", "contacts": "Press contact", "publisher": "Publisher",
		"attachments": "Downloads", "related": "Related", "form": "Form (to be set up again on the new site)", "fields": "Fields", "fax": "Fax"}
	if strings.HasPrefix(r.lang, "de") || r.lang == "" {
		return de[key]
	}
	return en[key]
}

// href resolves a link of the old site to its new URL.
func (r *renderer) href(old, document string) string {
	if document != "" {
		if rem, ok := r.links.Remote(load.KindDocument, document); ok {
			return rem.Link
		}
	}
	u, ok := r.links.URL(old)
	if !ok {
		r.unresolved++
	}
	return u
}

// media returns the WordPress attachment of an asset.
func (r *renderer) media(asset, src string) (id int, u string, ok bool) {
	if asset != "" {
		if rem, found := r.links.Remote(load.KindFile, asset); found {
			if n, err := strconv.Atoi(rem.ID); err == nil {
				return n, rem.Link, true
			}
		}
	}
	return 0, "", false
}

// inline renders the spans of one Portable Text block as rich-text HTML.
func (r *renderer) inline(b umzug.PTBlock) string {
	defs := map[string]umzug.MarkDef{}
	for _, d := range b.MarkDefs {
		defs[d.Key] = d
	}
	var sb strings.Builder
	for _, sp := range b.Children {
		var open, closeTags []string
		for _, m := range sp.Marks {
			var o, c string
			switch m {
			case "strong":
				o, c = "<strong>", "</strong>"
			case "em":
				o, c = "<em>", "</em>"
			case "underline":
				o, c = `<span style="text-decoration: underline;">`, "</span>"
			case "strike-through":
				o, c = "<s>", "</s>"
			case "sub":
				o, c = "<sub>", "</sub>"
			case "sup":
				o, c = "<sup>", "</sup>"
			case "code":
				o, c = "<code>", "</code>"
			default:
				d, ok := defs[m]
				if !ok || d.Type != "link" {
					continue
				}
				o = `<a href="` + escAttr(r.href(d.Href, d.Document)) + `"`
				if d.Target == "_blank" {
					o += ` target="_blank" rel="noreferrer noopener"`
				}
				o += ">"
				c = "</a>"
			}
			open = append(open, o)
			closeTags = append([]string{c}, closeTags...)
		}
		text := escText(sp.Text)
		text = strings.ReplaceAll(text, "\n", "<br>")
		sb.WriteString(strings.Join(open, "") + text + strings.Join(closeTags, ""))
	}
	return sb.String()
}

// inlineAll renders rich text as one run of inline HTML (paragraphs
// separated by line breaks), for places that hold no blocks: table cells.
func (r *renderer) inlineAll(pt umzug.PortableText) string {
	var parts []string
	for _, b := range pt {
		parts = append(parts, r.inline(b))
	}
	return strings.Join(parts, "<br>")
}

func paragraph(htmlContent string, className string) string {
	if className != "" {
		return block("paragraph", []attr{{"className", className}}, `<p class="`+escAttr(className)+`">`+htmlContent+"</p>")
	}
	return block("paragraph", nil, "<p>"+htmlContent+"</p>")
}

func heading(level int, htmlContent string) string {
	if level < 1 || level > 6 {
		level = 2
	}
	tag := "h" + strconv.Itoa(level)
	var attrs []attr
	if level != 2 {
		attrs = []attr{{"level", level}}
	}
	return block("heading", attrs, "<"+tag+">"+htmlContent+"</"+tag+">")
}

func group(className string, inner []string) string {
	if len(inner) == 0 {
		return ""
	}
	cls := "wp-block-group"
	var attrs []attr
	if className != "" {
		cls += " " + className
		attrs = []attr{{"className", className}}
	}
	return block("group", attrs, `<div class="`+escAttr(cls)+`">`+joinBlocks(inner)+"</div>")
}

func columns(cols [][]string) string {
	var out []string
	for _, c := range cols {
		out = append(out, block("column", nil, `<div class="wp-block-column">`+joinBlocks(c)+"</div>"))
	}
	return block("columns", nil, `<div class="wp-block-columns">`+joinBlocks(out)+"</div>")
}

// listBlock renders list items (the same Portable Text level and deeper)
// as a list block with list-item inner blocks, nesting deeper levels.
func (r *renderer) listBlock(items []umzug.PTBlock) string {
	if len(items) == 0 {
		return ""
	}
	level := max(items[0].Level, 1)
	ordered := items[0].ListItem == "number"
	var lis []string
	for i := 0; i < len(items); {
		it := items[i]
		j := i + 1
		for j < len(items) && max(items[j].Level, 1) > level {
			j++
		}
		nested := ""
		if j > i+1 {
			nested = r.listBlock(items[i+1 : j])
		}
		lis = append(lis, block("list-item", nil, "<li>"+r.inline(it)+nested+"</li>"))
		i = j
	}
	tag := "ul"
	var attrs []attr
	if ordered {
		tag = "ol"
		attrs = []attr{{"ordered", true}}
	}
	return block("list", attrs, "<"+tag+">"+joinBlocks(lis)+"</"+tag+">")
}

// portable renders rich text as blocks: paragraphs, headings, lists and
// quotes.
func (r *renderer) portable(pt umzug.PortableText) []string {
	var out []string
	for i := 0; i < len(pt); {
		b := pt[i]
		if b.ListItem != "" {
			j := i + 1
			for j < len(pt) && pt[j].ListItem != "" && (max(pt[j].Level, 1) > 1 || pt[j].ListItem == b.ListItem) {
				j++
			}
			out = append(out, r.listBlock(pt[i:j]))
			i = j
			continue
		}
		i++
		content := r.inline(b)
		if strings.TrimSpace(b.PlainText()) == "" {
			continue
		}
		switch b.Style {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			out = append(out, heading(int(b.Style[1]-'0'), content))
		case "blockquote":
			out = append(out, quote([]string{paragraph(content, "")}, ""))
		default:
			out = append(out, paragraph(content, ""))
		}
	}
	return out
}

func quote(inner []string, citation string) string {
	cite := ""
	if citation != "" {
		cite = "<cite>" + citation + "</cite>"
	}
	return block("quote", nil, `<blockquote class="wp-block-quote">`+joinBlocks(inner)+cite+"</blockquote>")
}

func caption(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, escText(p))
		}
	}
	return strings.Join(keep, " ")
}

// image renders an image block for an image of the export, or nothing
// (with a warning) when its file is not in WordPress.
func (r *renderer) image(m umzug.Media) string {
	id, src, ok := r.media(m.Asset, m.Src)
	if !ok {
		r.warn("image %s is not in the media library (no file in the export); left out", m.Src)
		return ""
	}
	fig := `<img src="` + escAttr(src) + `" alt="` + escAttr(m.Alt) + `" class="wp-image-` + strconv.Itoa(id) + `"`
	if m.Title != "" {
		fig += ` title="` + escAttr(m.Title) + `"`
	}
	fig += "/>"
	if c := caption(m.Caption, m.Credit); c != "" {
		fig += `<figcaption class="wp-element-caption">` + c + "</figcaption>"
	}
	return block("image", []attr{{"id", id}, {"sizeSlug", "full"}, {"linkDestination", "none"}},
		`<figure class="wp-block-image size-full">`+fig+"</figure>")
}

func (r *renderer) images(ms []umzug.Media) []string {
	var out []string
	for _, m := range ms {
		if s := r.image(m); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// file renders a file block (a link and a download button) for a file of
// the export, or a paragraph with a link when the file is not in WordPress.
func (r *renderer) file(f umzug.File) string {
	title := f.Title
	if title == "" {
		title = f.FileName
	}
	if title == "" {
		title = f.URL
	}
	id, u, ok := r.media(f.Asset, f.URL)
	if !ok {
		r.warn("file %s is not in the media library (no file in the export); linked where its old URL leads", f.URL)
		return paragraph(`<a href="`+escAttr(r.href(f.URL, ""))+`">`+escText(title)+"</a>", "")
	}
	fid := "wp-block-file--media-" + f.Asset
	inner := `<div class="wp-block-file"><a id="` + fid + `" href="` + escAttr(u) + `">` + escText(title) + `</a>` +
		`<a href="` + escAttr(u) + `" class="wp-block-file__button wp-element-button" download aria-describedby="` + fid + `">` +
		escText(r.label("download")) + `</a></div>`
	return block("file", []attr{{"id", id}, {"href", u}}, inner)
}

// table renders a table block; a table with merged cells, which the 6.1
// table block cannot hold, becomes an HTML block with the same table.
func (r *renderer) table(t *umzug.Table) string {
	spans := false
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			spans = spans || c.ColSpan > 1 || c.RowSpan > 1
		}
	}
	sections := map[string][]string{}
	for _, row := range t.Rows {
		var cells strings.Builder
		for _, c := range row.Cells {
			tag := "td"
			if c.Header {
				tag = "th"
			}
			content := escText(c.Text)
			if len(c.Body) > 0 {
				content = r.inlineAll(c.Body)
			}
			cells.WriteString("<" + tag)
			if spans && c.ColSpan > 1 {
				cells.WriteString(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
			}
			if spans && c.RowSpan > 1 {
				cells.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
			}
			cells.WriteString(">" + content + "</" + tag + ">")
		}
		sec := row.Section
		if sec != "head" && sec != "foot" {
			sec = "body"
		}
		sections[sec] = append(sections[sec], "<tr>"+cells.String()+"</tr>")
	}
	var tb strings.Builder
	tb.WriteString("<table>")
	for _, sec := range []string{"head", "body", "foot"} {
		if rows := sections[sec]; len(rows) > 0 {
			tb.WriteString("<t" + sec + ">" + strings.Join(rows, "") + "</t" + sec + ">")
		}
	}
	tb.WriteString("</table>")
	if len(sections) == 0 {
		return ""
	}
	cap := ""
	if t.Caption != "" {
		cap = `<figcaption class="wp-element-caption">` + escText(t.Caption) + "</figcaption>"
	}
	fig := `<figure class="wp-block-table">` + tb.String() + cap + "</figure>"
	if spans {
		return block("html", nil, fig)
	}
	return block("table", nil, fig)
}

// embedURL returns the URL WordPress embeds for a video, and the
// provider's slug; ok is false for a provider WordPress does not embed.
func embedURL(v *umzug.Video) (string, string, bool) {
	u, err := url.Parse(v.Src)
	if err != nil {
		return "", "", false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	switch {
	case host == "youtube.com" || host == "youtube-nocookie.com" || host == "youtu.be" || host == "m.youtube.com":
		id := ""
		switch {
		case host == "youtu.be":
			id = strings.Trim(u.Path, "/")
		case strings.HasPrefix(u.Path, "/embed/"):
			id = strings.TrimPrefix(u.Path, "/embed/")
		default:
			id = u.Query().Get("v")
		}
		if id == "" || strings.ContainsAny(id, "/?") {
			return "", "", false
		}
		return "https://www.youtube.com/watch?v=" + id, "youtube", true
	case host == "vimeo.com" || host == "player.vimeo.com":
		id := strings.TrimPrefix(strings.TrimPrefix(u.Path, "/video"), "/")
		if id == "" || strings.Trim(id, "0123456789") != "" {
			return "", "", false
		}
		return "https://vimeo.com/" + id, "vimeo", true
	}
	return "", "", false
}

func (r *renderer) video(v *umzug.Video) string {
	capText := caption(v.Caption)
	if capText == "" {
		capText = caption(v.Title)
	}
	figcap := ""
	if capText != "" {
		figcap = `<figcaption class="wp-element-caption">` + capText + "</figcaption>"
	}
	if u, provider, ok := embedURL(v); ok {
		cls := "wp-block-embed is-type-video is-provider-" + provider + " wp-block-embed-" + provider
		return block("embed", []attr{{"url", u}, {"type", "video"}, {"providerNameSlug", provider}},
			`<figure class="`+cls+`"><div class="wp-block-embed__wrapper">`+"\n"+escText(u)+"\n"+`</div>`+figcap+"</figure>")
	}
	if id, u, ok := r.media(v.Asset, v.Src); ok {
		// The video file, uploaded to the media library.
		return block("video", []attr{{"id", id}}, `<figure class="wp-block-video"><video controls src="`+escAttr(u)+`"></video>`+figcap+"</figure>")
	}
	src := r.href(v.Src, "")
	return block("video", nil, `<figure class="wp-block-video"><video controls src="`+escAttr(src)+`"></video>`+figcap+"</figure>")
}

// rewriteHTML rewrites the links (href, src) of sanitized HTML to the new
// site.
func (r *renderer) rewriteHTML(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var out strings.Builder
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			out.WriteString(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace == "" && (a.Key == "href" || a.Key == "src") {
				if n := r.href(a.Val, ""); n != a.Val {
					tok.Attr[i].Val = n
					changed = true
				}
			}
		}
		if changed {
			out.WriteString(tok.String())
		} else {
			out.WriteString(raw)
		}
	}
	return out.String()
}

// blocks renders one block of the export (and its element header).
func (r *renderer) blocks(b *umzug.Block) []string {
	var out []string
	if b.Header != nil && b.Header.Text != "" && b.Type != umzug.BlockHeading {
		out = append(out, heading(b.Header.Level, escText(b.Header.Text)))
		if b.Header.Subheader != "" {
			out = append(out, paragraph(escText(b.Header.Subheader), ""))
		}
	}
	add := func(s ...string) {
		for _, x := range s {
			if x != "" {
				out = append(out, x)
			}
		}
	}
	switch b.Type {
	case umzug.BlockHeading:
		add(heading(b.Heading.Level, escText(b.Heading.Text)))
	case umzug.BlockText:
		add(r.portable(b.Text.Body)...)
	case umzug.BlockQuote:
		cite := ""
		if b.Quote.Attribution != "" {
			cite = escText(b.Quote.Attribution)
		}
		add(quote(r.portable(b.Quote.Body), cite))
	case umzug.BlockTable:
		add(r.table(b.Table))
	case umzug.BlockAccordion, umzug.BlockTabs:
		items := b.Accordion
		cls := "umzug-accordion"
		if b.Type == umzug.BlockTabs {
			items, cls = (*umzug.Accordion)(b.Tabs), "umzug-tabs"
		}
		var panels []string
		for _, it := range items.Items {
			inner := []string{}
			if it.Title != "" {
				inner = append(inner, heading(3, escText(it.Title)))
			}
			inner = append(inner, r.portable(it.Body)...)
			inner = append(inner, r.images(it.Media)...)
			panels = append(panels, group("umzug-panel", inner))
		}
		add(group(cls, panels))
	case umzug.BlockTeaser:
		var items []string
		for _, it := range b.Teaser.Items {
			items = append(items, r.teaser(it))
		}
		add(group("umzug-teasers", items))
	case umzug.BlockGallery:
		imgs := r.images(b.Gallery.Items)
		if len(imgs) == 0 {
			break
		}
		var attrs []attr
		cls := "wp-block-gallery has-nested-images columns-default is-cropped"
		if b.Gallery.Columns > 0 {
			attrs = []attr{{"columns", b.Gallery.Columns}}
			cls = "wp-block-gallery has-nested-images columns-" + strconv.Itoa(b.Gallery.Columns) + " is-cropped"
		}
		add(block("gallery", attrs, `<figure class="`+cls+`">`+joinBlocks(imgs)+"</figure>"))
	case umzug.BlockImage:
		add(r.image(b.Image.Media))
	case umzug.BlockTextMedia:
		text := r.portable(b.TextMedia.Body)
		media := r.images(b.TextMedia.Media)
		switch {
		case len(media) == 0:
			add(text...)
		case len(text) == 0:
			add(media...)
		case strings.HasSuffix(b.TextMedia.Position, "left"):
			add(columns([][]string{media, text}))
		case strings.HasSuffix(b.TextMedia.Position, "right"):
			add(columns([][]string{text, media}))
		case b.TextMedia.Position == "below":
			add(group("umzug-text-media", append(text, media...)))
		default:
			add(group("umzug-text-media", append(media, text...)))
		}
	case umzug.BlockDownloads:
		for _, f := range b.Downloads.Items {
			add(r.file(f))
			if f.Description != "" {
				add(paragraph(escText(f.Description), ""))
			}
		}
	case umzug.BlockLinkList:
		add(r.linkList(b.LinkList.Items))
	case umzug.BlockTimeline:
		var items []string
		for _, it := range b.Timeline.Items {
			var inner []string
			date := it.Label
			if date == "" {
				date = it.Date
			}
			if date != "" {
				inner = append(inner, paragraph("<strong>"+escText(date)+"</strong>", "umzug-timeline-date"))
			}
			if it.Title != "" {
				t := escText(it.Title)
				if it.Link != nil {
					t = `<a href="` + escAttr(r.href(it.Link.Href, it.Link.Document)) + `">` + t + "</a>"
				}
				inner = append(inner, heading(3, t))
			}
			inner = append(inner, r.portable(it.Body)...)
			inner = append(inner, r.images(it.Media)...)
			items = append(items, group("umzug-timeline-item", inner))
		}
		add(group("umzug-timeline", items))
	case umzug.BlockInfoBox:
		cls := "umzug-info-box"
		if v := load.SafeFileName(b.InfoBox.Variant); v != "" && !strings.Contains(v, ".") {
			cls += " umzug-info-box-" + strings.ToLower(v)
		}
		add(group(cls, r.portable(b.InfoBox.Body)))
	case umzug.BlockVideo:
		add(r.video(b.Video))
	case umzug.BlockForm:
		add(r.form(b.Form))
	case umzug.BlockDivider:
		add(block("separator", nil, `<hr class="wp-block-separator has-alpha-channel-opacity"/>`))
	case umzug.BlockHTML:
		add(block("html", nil, r.rewriteHTML(b.HTML.HTML)))
	case umzug.BlockRef:
		add(r.ref(b.Ref))
	}
	return out
}

func (r *renderer) linkList(items []umzug.Link) string {
	var lis []string
	for _, l := range items {
		text := l.Text
		if text == "" {
			text = l.Title
		}
		if text == "" {
			text = l.Href
		}
		a := `<a href="` + escAttr(r.href(l.Href, l.Document)) + `"`
		if l.Target == "_blank" {
			a += ` target="_blank" rel="noreferrer noopener"`
		}
		li := a + ">" + escText(text) + "</a>"
		if l.Description != "" { // the abstract of a menu, a teaser line: under the link
			li += "<br>" + escText(l.Description)
		}
		lis = append(lis, block("list-item", nil, "<li>"+li+"</li>"))
	}
	if len(lis) == 0 {
		return ""
	}
	return block("list", nil, "<ul>"+joinBlocks(lis)+"</ul>")
}

func (r *renderer) teaser(it umzug.TeaserItem) string {
	var inner []string
	if it.Image != nil {
		if s := r.image(*it.Image); s != "" {
			inner = append(inner, s)
		}
	}
	title := it.Title
	target := ""
	switch {
	case it.Document != "":
		target = r.href("", it.Document)
		if title == "" {
			if d := r.links.Document(it.Document); d != nil {
				title = d.Title
			}
		}
		if target == "" && it.Link != nil {
			target = r.href(it.Link.Href, "")
		}
	case it.Link != nil:
		target = r.href(it.Link.Href, it.Link.Document)
		if title == "" {
			title = it.Link.Text
		}
	}
	if title != "" {
		t := escText(title)
		if target != "" {
			t = `<a href="` + escAttr(target) + `">` + t + "</a>"
		}
		inner = append(inner, heading(3, t))
	}
	if it.Date != "" {
		inner = append(inner, paragraph(escText(it.Date), "umzug-teaser-date"))
	}
	inner = append(inner, r.portable(it.Body)...)
	return group("umzug-teaser", inner)
}

func (r *renderer) form(f *umzug.Form) string {
	var fields []string
	for _, fl := range f.Fields {
		name := fl.Label
		if name == "" {
			name = fl.Name
		}
		if name == "" {
			continue
		}
		if fl.Required {
			name += "*"
		}
		fields = append(fields, block("list-item", nil, "<li>"+escText(name)+" ("+escText(fl.Type)+")</li>"))
	}
	r.warn("a form (%d fields) must be set up again on the new site, e.g. with a form plugin", len(f.Fields))
	inner := []string{paragraph("<em>"+escText(r.label("form"))+"</em>", "")}
	if len(fields) > 0 {
		inner = append(inner, paragraph(escText(r.label("fields"))+":", ""), block("list", nil, "<ul>"+joinBlocks(fields)+"</ul>"))
	}
	return group("umzug-form", inner)
}

func (r *renderer) ref(ref *umzug.Ref) string {
	if ref.Snippet != "" {
		if rem, ok := r.links.Remote(load.KindSnippet, ref.Snippet); ok {
			if n, err := strconv.Atoi(rem.ID); err == nil {
				return block("block", []attr{{"ref", n}}, "")
			}
		}
		r.unresolved++
		return ""
	}
	if ref.Document != "" {
		target := r.href("", ref.Document)
		title := target
		if d := r.links.Document(ref.Document); d != nil {
			title = d.Title
		}
		return paragraph(`<a href="`+escAttr(target)+`">`+escText(title)+"</a>", "")
	}
	return ""
}

// pressRelease renders what only press releases have, visibly: kicker,
// subtitle, number and lead above the body; attachments, related links,
// contacts and publisher below it.
func (r *renderer) pressRelease(pr *umzug.PressRelease) (top, bottom []string) {
	if pr.Kicker != "" {
		top = append(top, paragraph(escText(pr.Kicker), "umzug-kicker"))
	}
	if pr.Subtitle != "" {
		top = append(top, paragraph("<strong>"+escText(pr.Subtitle)+"</strong>", "umzug-subtitle"))
	}
	if pr.Number != "" {
		top = append(top, paragraph(escText(pr.Number), "umzug-press-number"))
	}
	if pr.Lead != "" {
		lead := escText(pr.Lead)
		if pr.Dateline != "" && !strings.HasPrefix(pr.Lead, pr.Dateline) {
			lead = escText(pr.Dateline) + " – " + lead
		}
		top = append(top, paragraph("<strong>"+lead+"</strong>", "umzug-lead"))
	}
	if len(pr.Attachments) > 0 {
		bottom = append(bottom, heading(2, escText(r.label("attachments"))))
		for _, f := range pr.Attachments {
			bottom = append(bottom, r.file(f))
		}
	}
	if len(pr.Related) > 0 {
		bottom = append(bottom, heading(2, escText(r.label("related"))), r.linkList(pr.Related))
	}
	var contact []string
	for _, c := range pr.Contacts {
		var lines []string
		if c.Name != "" {
			lines = append(lines, "<strong>"+escText(c.Name)+"</strong>")
		}
		if c.Role != "" {
			lines = append(lines, escText(c.Role))
		}
		if c.Phone != "" {
			lines = append(lines, escText(c.Phone))
		}
		if c.Fax != "" {
			lines = append(lines, escText(r.label("fax")+" "+c.Fax))
		}
		if c.Email != "" {
			lines = append(lines, `<a href="mailto:`+escAttr(c.Email)+`">`+escText(c.Email)+"</a>")
		}
		if len(lines) > 0 {
			contact = append(contact, paragraph(strings.Join(lines, "<br>"), ""))
		}
	}
	if len(contact) > 0 {
		bottom = append(bottom, group("umzug-press-contacts", append([]string{heading(2, escText(r.label("contacts")))}, contact...)))
	}
	if pr.Publisher != nil && pr.Publisher.Name != "" {
		name := escText(pr.Publisher.Name)
		if pr.Publisher.URL != "" {
			name = `<a href="` + escAttr(r.href(pr.Publisher.URL, "")) + `">` + name + "</a>"
		}
		bottom = append(bottom, paragraph(escText(r.label("publisher"))+": "+name, "umzug-publisher"))
	}
	return top, bottom
}

// renderDocument returns the post content of a document.
func renderDocument(d *umzug.Document, links load.Links) (string, *renderer) {
	r := &renderer{links: links, lang: d.Lang}
	var out []string
	var bottom []string
	if d.PressRelease != nil {
		var top []string
		top, bottom = r.pressRelease(d.PressRelease)
		out = append(out, top...)
	}
	for i := range d.Blocks {
		out = append(out, r.blocks(&d.Blocks[i])...)
	}
	out = append(out, bottom...)
	return joinBlocks(out), r
}

// renderSnippet returns the content of the reusable block of a snippet.
func renderSnippet(s *umzug.Snippet, links load.Links) (string, *renderer) {
	r := &renderer{links: links}
	b := s.Block
	b.Header = nil // every place that refers to the snippet has its own header
	return joinBlocks(r.blocks(&b)), r
}

// snippetTitle names a reusable block for the editors: its headline or
// the start of its text.
func snippetTitle(s *umzug.Snippet) string {
	t := ""
	if s.Block.Header != nil {
		t = s.Block.Header.Text
	}
	if t == "" {
		t = s.Block.PlainText()
	}
	t = strings.Join(strings.Fields(html.UnescapeString(t)), " ")
	if r := []rune(t); len(r) > 60 {
		t = string(r[:60]) + "…"
	}
	if t == "" {
		t = string(s.Block.Type) + " " + s.Block.Key
	}
	return t
}
