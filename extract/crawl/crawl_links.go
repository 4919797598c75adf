package crawl

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/internal/urlmemo"
)

// pageLink is a link found on a page, canonical and as written, and
// whether it points to an image (img src) rather than a page.
type pageLink struct {
	canonical string
	raw       string // as written, resolved; "" when it equals canonical or cannot be parsed
	image     bool
}

// scanLinks tokenizes a UTF-8 HTML page and returns the targets of
// <a href>, <area href>, <img src> and <link rel="canonical" href> (the
// URL a page declares as its own: fetched, so that the export can see
// whether its variants are the same page), resolved against the page
// URL or its <base href>. Links with rel="nofollow" are left out, and so is every
// link when a robots meta tag says nofollow or none. Tokenizing instead of
// building a DOM keeps link discovery cheap on the crawl's hot path.
func scanLinks(body []byte, pageURL string) []pageLink {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	var out []pageLink
	baseSet := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		a := atom.Lookup(name)
		want := linkAttr(a)
		switch {
		case a == atom.Base && baseSet:
			continue
		case a == atom.Meta:
			want = "content"
		case want == "":
			continue
		}
		var val, rel, metaName string
		for {
			k, v, more := z.TagAttr()
			switch string(k) {
			case want:
				val = string(v)
			case "rel":
				rel = string(v)
			case "name":
				metaName = string(v)
			}
			if !more {
				break
			}
		}
		switch a {
		case atom.Meta:
			if strings.EqualFold(metaName, "robots") {
				c := strings.ToLower(val)
				if strings.Contains(c, "nofollow") || strings.Contains(c, "none") {
					return nil
				}
			}
			continue
		case atom.Base:
			baseSet = true
			if bu, err := base.Parse(strings.TrimSpace(val)); err == nil {
				base = bu
			}
			continue
		}
		if a == atom.Link && !canonicalRel(rel) {
			continue
		}
		if l, ok := linkOf(base, val, rel, a == atom.Img); ok {
			out = append(out, l)
		}
	}
}

// canonicalRel reports a rel attribute that holds "canonical".
func canonicalRel(rel string) bool {
	for _, r := range strings.Fields(rel) {
		if strings.EqualFold(r, "canonical") {
			return true
		}
	}
	return false
}

// linkAttr names the attribute that holds the link of an element the
// crawl follows (<a>, <area>, <img>, <base>, <link> when its rel is
// canonical), "" for other elements.
func linkAttr(a atom.Atom) string {
	switch a {
	case atom.A, atom.Area, atom.Base, atom.Link:
		return "href"
	case atom.Img:
		return "src"
	}
	return ""
}

// linkOf resolves the value of a link attribute against the page's base:
// the link in canonical form, and as written when that differs. Empty
// values, nofollow links and values that do not resolve give no link.
func linkOf(base *url.URL, val, rel string, image bool) (pageLink, bool) {
	val = strings.TrimSpace(val)
	if val == "" || strings.Contains(strings.ToLower(rel), "nofollow") {
		return pageLink{}, false
	}
	cu, err := extract.Resolve(base, val)
	if err != nil {
		return pageLink{}, false
	}
	raw, err := resolveRaw(base, val)
	if err != nil || raw == cu {
		raw = ""
	}
	return pageLink{canonical: cu, raw: raw, image: image}, true
}

// resolveRaw resolves href against base without canonicalizing, keeping the
// variant as written (for the alias table). Only http(s) URLs are returned.
func resolveRaw(base *url.URL, href string) (string, error) {
	clean := extract.CleanURLSpace(href)
	// An absolute path takes only the base's scheme, user and host (the
	// site's menus on every page): resolved once.
	k, memo := urlmemo.KeyFor(base, clean)
	if memo {
		if s, ok := rawResolved.Load(k); ok {
			return s, nil
		}
	}
	ref, err := url.Parse(clean)
	if err != nil {
		return "", err
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", extract.ErrNotHTTP
	}
	s := u.String()
	if memo {
		rawResolved.Store(k, s)
	}
	return s, nil
}

// rawResolved remembers what resolveRaw made of absolute-path references.
var rawResolved urlmemo.Memo[string]
