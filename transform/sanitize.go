package transform

import (
	"fmt"
	"strings"

	"github.com/microcosm-cc/bluemonday"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// htmlPolicy is the allowlist for markup that could not be typed: the
// elements and attributes of user-generated content (text formatting,
// lists, tables, images, links with http, https, mailto and tel URLs);
// scripts, styles, event handlers, iframes, forms and every other URL
// scheme are removed. A Policy is safe for concurrent use once built.
var htmlPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	return p
}()

// SanitizeHTML returns html with everything removed that the allowlist
// does not name: no script, style, event handler, javascript: or data:
// URL survives. Sanitizing sanitized markup changes nothing.
func SanitizeHTML(html string) string {
	return strings.TrimSpace(htmlPolicy.Sanitize(html))
}

// SafeURL reports whether u may stand in the export as a link or media
// source: a relative reference, a fragment, or an absolute URL with the
// scheme http, https, mailto or tel. Browsers ignore ASCII tab, newline
// and control characters inside a scheme ("java\tscript:"), so they are
// ignored here too.
func SafeURL(u string) bool {
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return true // no scheme: relative reference or fragment
	}
	switch strings.ToLower(s[:i]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// sanitize removes active content from a document: html blocks pass the
// allowlist sanitizer, URLs with other schemes than http, https, mailto
// and tel are emptied. Both leave a warning naming the block.
func sanitize(d *umzug.Document) {
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.HTML != nil {
			clean := SanitizeHTML(b.HTML.HTML)
			if clean != strings.TrimSpace(b.HTML.HTML) {
				d.Warnings = append(d.Warnings, umzug.Warning{Code: "sanitized-html", Message: "markup removed from html block by the sanitizer", BlockKey: b.Key})
			}
			b.HTML.HTML = clean
		}
		b.Strings(func(s *string, isURL bool) {
			if isURL && *s != "" && !SafeURL(*s) {
				d.Warnings = append(d.Warnings, umzug.Warning{Code: "unsafe-url", Message: fmt.Sprintf("URL %q removed: scheme not allowed", textutil.Truncate(*s, 80)), BlockKey: b.Key})
				*s = ""
			}
		})
	}
	if d.PressRelease != nil {
		d.PressRelease.Strings(func(s *string, isURL bool) {
			if isURL && *s != "" && !SafeURL(*s) {
				d.Warnings = append(d.Warnings, umzug.Warning{Code: "unsafe-url", Message: fmt.Sprintf("URL %q removed: scheme not allowed", textutil.Truncate(*s, 80))})
				*s = ""
			}
		})
	}
}
