package load

import (
	"encoding/json"
	"fmt"
	"html"
	"reflect"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
)

// portableTextFields are the JSON property names under which the export
// types hold Portable Text, found by reflection so a new payload type is
// rendered without anyone remembering to list it.
var portableTextFields = func() map[string]bool {
	out := map[string]bool{}
	pt := reflect.TypeFor[umzug.PortableText]()
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || (t.Kind() == reflect.Slice && t != pt) {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Type == pt && name != "" {
				out[name] = true
				continue
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[umzug.Document]())
	walk(reflect.TypeFor[umzug.Snippet]())
	return out
}()

// RenderRichText replaces, in a decoded JSON record, every Portable Text
// value by its rendering as rt (html or markdown) and returns the record.
func RenderRichText(rec any, rt RichText) (any, error) {
	switch v := rec.(type) {
	case map[string]any:
		for k, val := range v {
			if arr, ok := val.([]any); ok && portableTextFields[k] && looksLikePortableText(arr) {
				var pt umzug.PortableText
				b, err := json.Marshal(arr)
				if err != nil {
					return nil, err
				}
				if err := json.Unmarshal(b, &pt); err != nil {
					return nil, fmt.Errorf("%s: not Portable Text: %w", k, err)
				}
				switch rt {
				case RichTextHTML:
					v[k] = RenderHTML(pt)
				case RichTextMarkdown:
					v[k] = RenderMarkdown(pt)
				default:
					return nil, fmt.Errorf("rendering rich text as %q: unknown format", rt)
				}
				continue
			}
			r, err := RenderRichText(val, rt)
			if err != nil {
				return nil, err
			}
			v[k] = r
		}
	case []any:
		for i := range v {
			r, err := RenderRichText(v[i], rt)
			if err != nil {
				return nil, err
			}
			v[i] = r
		}
	}
	return rec, nil
}

func looksLikePortableText(arr []any) bool {
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok || m["_type"] != "block" {
			return false
		}
	}
	return true
}

var htmlDecorators = map[string]string{
	"strong": "strong", "em": "em", "underline": "u", "strike-through": "s",
	"sub": "sub", "sup": "sup", "code": "code",
}

// RenderHTML renders Portable Text as HTML: paragraphs, headings, block
// quotes, nested lists, the decorators as their elements and links as
// <a> (only with http, https, mailto or tel URLs, or relative ones). Text
// is escaped, so the result holds no markup that was not in the marks.
func RenderHTML(pt umzug.PortableText) string {
	var b strings.Builder
	type open struct {
		tag   string
		level int
	}
	var lists []open
	closeLists := func(toLevel int) {
		for len(lists) > 0 && lists[len(lists)-1].level > toLevel {
			b.WriteString("</li></" + lists[len(lists)-1].tag + ">")
			lists = lists[:len(lists)-1]
		}
	}
	for _, blk := range pt {
		if blk.ListItem != "" {
			level := max(blk.Level, 1)
			tag := "ul"
			if blk.ListItem == "number" {
				tag = "ol"
			}
			closeLists(level)
			if n := len(lists); n > 0 && lists[n-1].level == level {
				if lists[n-1].tag != tag {
					closeLists(level - 1)
				} else {
					b.WriteString("</li>")
				}
			}
			for len(lists) == 0 || lists[len(lists)-1].level < level {
				b.WriteString("<" + tag + ">")
				lists = append(lists, open{tag, len(lists) + 1})
				if lists[len(lists)-1].level < level {
					b.WriteString("<li>")
				}
			}
			b.WriteString("<li>")
			writeHTMLSpans(&b, blk)
			continue
		}
		closeLists(0)
		tag := "p"
		switch blk.Style {
		case "h1", "h2", "h3", "h4", "h5", "h6", "blockquote":
			tag = blk.Style
		}
		b.WriteString("<" + tag + ">")
		writeHTMLSpans(&b, blk)
		b.WriteString("</" + tag + ">")
	}
	closeLists(0)
	return b.String()
}

func writeHTMLSpans(b *strings.Builder, blk umzug.PTBlock) {
	defs := map[string]umzug.MarkDef{}
	for _, d := range blk.MarkDefs {
		defs[d.Key] = d
	}
	for _, s := range blk.Children {
		var closers []string
		for _, m := range s.Marks {
			if tag, ok := htmlDecorators[m]; ok {
				b.WriteString("<" + tag + ">")
				closers = append(closers, "</"+tag+">")
				continue
			}
			d, ok := defs[m]
			if !ok || !safeHref(d.Href) {
				continue
			}
			href := d.Href
			if d.Path != "" {
				href = d.Path
			}
			if href == "" {
				continue // a link whose unsafe URL the transform removed
			}
			b.WriteString(`<a href="` + html.EscapeString(href) + `"`)
			if d.Title != "" {
				b.WriteString(` title="` + html.EscapeString(d.Title) + `"`)
			}
			if d.Target == "_blank" {
				b.WriteString(` target="_blank" rel="noopener"`)
			}
			b.WriteString(">")
			closers = append(closers, "</a>")
		}
		b.WriteString(strings.ReplaceAll(html.EscapeString(s.Text), "\n", "<br>"))
		for i := len(closers) - 1; i >= 0; i-- {
			b.WriteString(closers[i])
		}
	}
}

// safeHref allows relative references and the schemes http, https,
// mailto and tel.
func safeHref(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

var mdDecorators = map[string]string{"strong": "**", "em": "_", "strike-through": "~~", "code": "`"}

// RenderMarkdown renders Portable Text as CommonMark (with GFM
// strikethrough): paragraphs separated by blank lines, "#" headings, "> "
// quotes, "-" and "1." lists indented by level, links as [text](url).
// Characters that Markdown would read as syntax are escaped.
func RenderMarkdown(pt umzug.PortableText) string {
	var b strings.Builder
	prevList := false
	num := map[int]int{}
	for i, blk := range pt {
		isList := blk.ListItem != ""
		if i > 0 {
			if isList && prevList {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		if !isList {
			clear(num)
		}
		switch {
		case isList:
			level := max(blk.Level, 1)
			b.WriteString(strings.Repeat("   ", level-1))
			if blk.ListItem == "number" {
				for l := range num {
					if l > level {
						delete(num, l)
					}
				}
				num[level]++
				b.WriteString(strconv.Itoa(num[level]) + ". ")
			} else {
				b.WriteString("- ")
			}
		case len(blk.Style) == 2 && blk.Style[0] == 'h' && blk.Style[1] >= '1' && blk.Style[1] <= '6':
			b.WriteString(strings.Repeat("#", int(blk.Style[1]-'0')) + " ")
		case blk.Style == "blockquote":
			b.WriteString("> ")
		}
		writeMarkdownSpans(&b, blk, blk.Style == "blockquote")
		prevList = isList
	}
	return b.String()
}

func writeMarkdownSpans(b *strings.Builder, blk umzug.PTBlock, quote bool) {
	defs := map[string]umzug.MarkDef{}
	for _, d := range blk.MarkDefs {
		defs[d.Key] = d
	}
	for _, s := range blk.Children {
		text := s.Text
		code := false
		for _, m := range s.Marks {
			if m == "code" {
				code = true
			}
		}
		if code {
			text = "`" + strings.ReplaceAll(text, "`", "'") + "`"
		} else {
			text = escapeMarkdown(text)
		}
		lead, core, trail := splitSpace(text)
		if core == "" {
			b.WriteString(text)
			continue
		}
		var link *umzug.MarkDef
		for _, m := range s.Marks {
			if d, ok := mdDecorators[m]; ok && m != "code" {
				core = d + core + d
			} else if md, ok := defs[m]; ok && safeHref(md.Href) && (md.Href != "" || md.Path != "") {
				link = &md
			}
		}
		if link != nil {
			href := link.Href
			if link.Path != "" {
				href = link.Path
			}
			core = "[" + core + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(href) + ">)"
		}
		out := lead + core + trail
		sep := "  \n"
		if quote {
			sep += "> "
		}
		b.WriteString(strings.ReplaceAll(out, "\n", sep))
	}
}

func splitSpace(s string) (lead, core, trail string) {
	core = strings.TrimLeft(s, " ")
	lead = s[:len(s)-len(core)]
	t := strings.TrimRight(core, " ")
	return lead, t, core[len(t):]
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`,
)

// escapeMarkdown escapes inline syntax and what would start a block
// (a list marker or ordered-list number at the start of a line).
func escapeMarkdown(s string) string {
	s = mdEscaper.Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "+ ") || t == "-" || t == "+" || strings.HasPrefix(t, "=") {
			lines[i] = l[:len(l)-len(t)] + `\` + t
			continue
		}
		j := 0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j > 0 && j < len(t) && (t[j] == '.' || t[j] == ')') {
			lines[i] = l[:len(l)-len(t)] + t[:j] + `\` + t[j:]
		}
	}
	return strings.Join(lines, "\n")
}
