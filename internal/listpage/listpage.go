// Package listpage reads the page of a paginated list or gallery that a
// URL shows (tx_news' tx_news_pi1[currentPage] and its routed "/page-2",
// tt_news' tx_ttnews[pointer], bootstrap_package's
// paginate[gallery-{uid}][page], "?page="): shared by
// extraction, which skips a list's later pages, and the export, which
// keeps page 1 under an explicit number as the same page as the list's.
package listpage

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// pageParams are the innermost names of the query parameters that number
// the pages of a list: tx_news' tx_news_pi1[currentPage] (9+) and
// tx_news_pi1[@widget_0][currentPage] (Fluid's paginate widget, ≤ 8),
// bootstrap_package's paginate[gallery-{uid}][page], indexed_search's and
// other plugins' page, and the plain names of other CMSs. tt_news'
// tx_ttnews[pointer], which counts from 0, is read in Of.
var pageParams = map[string]bool{"currentpage": true, "page": true, "paged": true, "seite": true, "pagenumber": true, "pagenum": true}

// pageSegmentRe matches the last path segment of a routed list page:
// tx_news' route enhancer "/page-{page}" and its localized labels
// ("seite-2", "side-2"); Of also reads the number as a segment of its own
// ("/seite/2", pageLabels).
var pageSegmentRe = regexp.MustCompile(`^(page|seite|side|pagina)-([0-9]{1,4})$`)

// Page is the number of the list page a URL shows and what names it:
// the query parameter ("tx_news_pi1[currentPage]") or the path the routed
// page hangs under ("/presse/" for "/presse/page-2"). n is 0 when the URL
// names no list page.
type Page struct {
	Param string // the parameter as written, unescaped; "" for a routed page
	Path  string // the URL's path without the page segment
	N     int
}

// Of reads the list page a URL shows.
func Of(u *url.URL) Page {
	lp := Page{Path: u.Path}
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(part, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		name := strings.ToLower(k)
		if i := strings.LastIndex(name, "["); i >= 0 {
			name = strings.TrimSuffix(name[i+1:], "]")
		}
		if name == "pointer" && strings.Contains(k, "[") {
			// tt_news' tx_ttnews[pointer] counts from 0: pointer=1 is
			// the list's second page.
			if n, err := strconv.Atoi(v); err == nil && n >= 0 && n < 10000 {
				lp.Param, lp.N = k, n+1
				return lp
			}
			continue
		}
		if !pageParams[name] {
			continue
		}
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 10000 {
			lp.Param, lp.N = k, n
			return lp
		}
	}
	p := strings.TrimSuffix(u.Path, "/")
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return lp
	}
	if m := pageSegmentRe.FindStringSubmatch(strings.ToLower(p[i+1:])); m != nil {
		lp.N, _ = strconv.Atoi(m[2])
		lp.Path = p[:i+1]
		return lp
	}
	// The number as a segment of its own under the label: a route
	// "/seite/{page}" or "/page/{page}" (WordPress's "/page/2/").
	if n, err := strconv.Atoi(p[i+1:]); err == nil && n > 0 && n < 10000 && len(p)-i-1 <= 4 {
		if j := strings.LastIndexByte(p[:i], '/'); j >= 0 && pageLabels[strings.ToLower(p[j+1:i])] {
			lp.N = n
			lp.Path = p[:j+1]
		}
	}
	return lp
}

// pageLabels are the path segments that a page's number follows in a
// route of two segments ("/seite/2").
var pageLabels = map[string]bool{"page": true, "seite": true, "side": true, "pagina": true}

// First tells the page of a paginated list or gallery a URL shows:
// its number (0 when the URL numbers none) and the URL of the list's
// first page, as bootstrap_package and tx_news' routes link it: without
// the page's parameter and the other arguments of its plugin
// (tx_news_pi1[action], tx_news_pi1[controller]) and TYPO3's cHash,
// which covers them, or without its "/page-N" segment.
func First(rawURL string) (first string, n int) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", 0
	}
	lp := Of(u)
	if lp.N == 0 {
		return "", 0
	}
	f := *u
	f.Fragment, f.RawFragment = "", ""
	if lp.Param == "" {
		f.Path, f.RawPath = lp.Path, ""
		return f.String(), lp.N
	}
	var keep []string
	plugin, _, nested := strings.Cut(lp.Param, "[")
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, _, _ := strings.Cut(part, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		if k == lp.Param || strings.EqualFold(k, "cHash") || k == "" || nested && strings.HasPrefix(k, plugin+"[") {
			continue
		}
		keep = append(keep, part)
	}
	f.RawQuery = strings.Join(keep, "&")
	return f.String(), lp.N
}
