package html

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/listpage"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Views of a bounded URL space — a calendar's months and days, a list's
// filters and sort orders, search results — are pages a site generates
// from its content, not content of their own: the crawl budget bounds how
// many are fetched, and the export leaves them out (the new CMS builds
// its own), listing them as skipped with the reason.

// View reasons, as ViewReason returns them.
const (
	ViewCalendar = "calendar view"
	ViewFilter   = "filtered or sorted list"
	ViewSearch   = "search results"
	ViewPrint    = "print view"
	// ViewPicture is TYPO3's click-enlarge window up to 6.2
	// (index.php?eID=tx_cms_showpic&file=uploads%2Fpics%2F…, before 4.3
	// typo3/showpic.php?file=…): a bare page around the picture that an
	// image element links, which is the image block's link and an asset.
	ViewPicture = "picture popup"
)

// viewParams are query parameters that change how a page shows its
// content, by kind. Parameters that name a record (id, news, uid, cHash)
// or a page of a list (page) do not make a view.
var viewParams = map[string]string{
	"month": ViewCalendar, "monat": ViewCalendar, "year": ViewCalendar, "jahr": ViewCalendar,
	"day": ViewCalendar, "tag": ViewCalendar, "date": ViewCalendar, "datum": ViewCalendar,
	"week": ViewCalendar, "woche": ViewCalendar, "getdate": ViewCalendar, "from": ViewCalendar,
	"to": ViewCalendar, "von": ViewCalendar, "bis": ViewCalendar,
	"sort": ViewFilter, "sortby": ViewFilter, "order": ViewFilter, "orderby": ViewFilter, "dir": ViewFilter,
	"filter": ViewFilter, "facet": ViewFilter, "category": ViewFilter, "kategorie": ViewFilter,
	"view": ViewFilter, "ansicht": ViewFilter, "limit": ViewFilter, "perpage": ViewFilter,
	"q": ViewSearch, "query": ViewSearch, "s": ViewSearch, "search": ViewSearch, "suche": ViewSearch,
	"sword": ViewSearch, "searchterm": ViewSearch, "keyword": ViewSearch, "keywords": ViewSearch,
	// GSB's search form (templateQueryString), and other CMSs' names of the term
	"templatequerystring": ViewSearch, "querystring": ViewSearch, "suchbegriff": ViewSearch,
	"suchtext": ViewSearch, "searchstring": ViewSearch, "searchtext": ViewSearch, "searchword": ViewSearch,
	"print": ViewPrint, "druck": ViewPrint, "druckansicht": ViewPrint, "printview": ViewPrint,
}

// pluginViewParams are view parameters only as a plugin's parameter
// (tx_ttnews[cat]): bare, such a short name may be anything.
var pluginViewParams = map[string]string{
	"cat": ViewFilter, "ps": ViewCalendar, "pl": ViewCalendar, "swords": ViewSearch,
}

// ViewReason tells whether a URL is a view of a bounded URL space and of
// which kind ("" when it is a page of its own). It judges the query's
// parameter names, including the bracketed names of TYPO3 plugins
// (tx_cal_controller[getdate], tx_news_pi1[overwriteDemand][year],
// tx_indexedsearch[sword], tx_solr[q]), and paths of search pages.
func ViewReason(u *url.URL) string {
	if u == nil {
		return ""
	}
	if strings.HasSuffix(strings.ToLower(u.Path), "/showpic.php") {
		return ViewPicture
	}
	reason := ""
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(part, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		k = strings.ToLower(k)
		if k == "eid" && strings.EqualFold(v, "tx_cms_showpic") {
			return ViewPicture
		}
		reason = pick(reason, paramView(k, v))
	}
	if _, ok := umzug.SimulateStaticPrint(u.Path); ok {
		// TYPO3's print view under simulateStaticDocuments: type 98 in
		// the path ("ministerium.12.98.html").
		reason = pick(reason, ViewPrint)
	}
	if reason == "" && u.RawQuery != "" {
		p := strings.ToLower(strings.TrimSuffix(u.Path, "/"))
		for _, s := range []string{"/suche", "/search", "/suchergebnisse", "/suchergebnis"} {
			if strings.HasSuffix(p, s) {
				return ViewSearch
			}
		}
	}
	return reason
}

// paramView tells which kind of view a query parameter makes (k in lower
// case, unescaped; v as written), "" for a parameter that names a record
// or a page of a list, or any other.
func paramView(k, v string) string {
	if k == "" {
		return ""
	}
	reason := ""
	// The innermost name of a plugin parameter: "tx_news_pi1[overwriteDemand][year]" -> year.
	name := k
	if i := strings.LastIndex(k, "["); i >= 0 {
		name = strings.TrimSuffix(k[i+1:], "]")
		if strings.Contains(k, "overwritedemand") && name != "" {
			reason = pick(reason, ViewFilter)
		}
		// tt_news' list views: a category's news (tx_ttnews[cat]), an
		// archive period (tx_ttnews[pS] start, [pL] length), its
		// search (tx_ttnews[swords]).
		if r := pluginViewParams[name]; r != "" {
			reason = pick(reason, r)
		}
	}
	switch {
	case searchPlugin(k):
		reason = pick(reason, ViewSearch)
	case (name == "view" || name == "ansicht") && printValue(v):
		// GSB's print view "?view=renderPrint"
		reason = pick(reason, ViewPrint)
	case strings.HasPrefix(name, "filter") || strings.HasPrefix(name, "facet"):
		reason = pick(reason, ViewFilter)
	default:
		if r := viewParams[name]; r != "" {
			reason = pick(reason, r)
		}
	}
	return reason
}

// ViewPage returns the URL of the page that a calendar or filter view
// (ViewReason) shows another way: u without the parameters that make the
// view, the other arguments of their plugins (tx_news_pi1[action],
// tx_ttnews[arc]) and TYPO3's cHash, which covers them; "" for any other
// URL. The export redirects the view's old URL there when that page is a
// document (the list, the calendar), as it does a list's later pages:
// an old link or a search engine's "?tx_ttnews[cat]=3" then leads to the
// news list instead of a 404. Search results and print views have their
// own ways (no page to lead to; the page they print).
func ViewPage(u *url.URL) string {
	if u == nil || u.RawQuery == "" {
		return ""
	}
	if r := ViewReason(u); r != ViewCalendar && r != ViewFilter {
		return ""
	}
	parts := strings.Split(u.RawQuery, "&")
	keys := make([]string, len(parts))
	plugins := map[string]bool{}
	for i, part := range parts {
		k, v, _ := strings.Cut(part, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		keys[i] = strings.ToLower(k)
		if paramView(keys[i], v) != "" {
			if j := strings.IndexByte(keys[i], '['); j > 0 {
				plugins[keys[i][:j]] = true
			}
		}
	}
	var keep []string
	for i, part := range parts {
		k, v, _ := strings.Cut(part, "=")
		plugin := ""
		if j := strings.IndexByte(keys[i], '['); j > 0 {
			plugin = keys[i][:j]
		}
		if k == "" || keys[i] == "chash" || plugins[plugin] || paramView(keys[i], v) != "" {
			continue
		}
		keep = append(keep, part)
	}
	f := *u
	f.RawQuery, f.Fragment, f.RawFragment = strings.Join(keep, "&"), "", ""
	return f.String()
}

// searchPlugin reports the parameters of TYPO3's search plugins
// (tx_indexedsearch[sword], tx_solr[q], tx_kesearch_pi1[sword]).
func searchPlugin(k string) bool {
	return strings.HasPrefix(k, "tx_indexedsearch") || strings.HasPrefix(k, "tx_solr") || strings.HasPrefix(k, "tx_kesearch")
}

// searchTermName reports whether a form field or query parameter name
// carries a search term: a name of viewParams' search kind, also as the
// innermost name of a plugin parameter, or a search plugin's.
func searchTermName(name string) bool {
	k := strings.ToLower(name)
	if searchPlugin(k) {
		return true
	}
	if i := strings.LastIndex(k, "["); i >= 0 {
		k = strings.TrimSuffix(k[i+1:], "]")
	}
	return viewParams[k] == ViewSearch
}

// printValue reports a value of a view parameter that asks for a print
// view ("renderPrint", "print", "druck").
func printValue(v string) bool {
	if vu, err := url.QueryUnescape(v); err == nil {
		v = vu
	}
	v = strings.ToLower(v)
	return strings.Contains(v, "print") || strings.Contains(v, "druck")
}

// pick keeps the first reason found; search results, calendar and
// print views say more than a filter.
func pick(have, r string) string {
	if r == "" {
		return have
	}
	if have == "" || have == ViewFilter && r != ViewFilter {
		return r
	}
	return have
}

// searchResultsPage reports a page that shows the results of a search:
// a GET form that submits to this very page holds a search term field
// (searchTermName) with the term filled in, the term the page's URL
// carries. The site's search box in
// the header of every page submits to the search page, not to itself,
// and is empty; on the search page it is the page's own form, with the
// term it answered. Such a page is a view of the site's content under
// any URL (GSB's search page takes the term from its form), as
// "?templateQueryString=…" is by its URL.
func (p *page) searchResultsPage() bool {
	own, err := url.Parse(p.d.URL) // the page's URL; actions resolve against <base>
	if err != nil || own.RawQuery == "" {
		return false // without a query, no term is the page's own (below): no walk
	}
	for _, form := range elementsOf(p.doc.Nodes[0], atom.Form) {
		if m := strings.ToLower(strings.TrimSpace(attr(form, "method"))); m != "" && m != "get" {
			continue
		}
		action := strings.TrimSpace(attr(form, "action"))
		if action != "" {
			au, err := p.base.Parse(action)
			if err != nil || !strings.EqualFold(au.Host, own.Host) || au.Path != own.Path {
				continue
			}
		}
		for _, in := range elementsOf(form, atom.Input) {
			switch strings.ToLower(attr(in, "type")) {
			case "", "text", "search":
			default:
				continue
			}
			// The term must be the page's own query too: a GET form's
			// results page has it in its URL, while a value alone may be
			// a placeholder ("Suchbegriff eingeben") of the search box in
			// every page's header.
			name := attr(in, "name")
			if searchTermName(name) && strings.TrimSpace(attr(in, "value")) != "" && strings.TrimSpace(own.Query().Get(name)) != "" {
				return true
			}
		}
	}
	return false
}

// elementsOf returns the elements of kind a below n, in document order.
func elementsOf(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == a {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// ViewPagination is the reason for a later page of a paginated list or
// gallery: the same page showing another slice of its items.
const ViewPagination = "pagination"

// laterListPage reports a page that is page 2 or later of a paginated
// list or gallery: its URL numbers the page (listpage.Of) and the page
// links the page before it under the same path from its page browser
// (the "previous" link or the numbers; page 1 also as the bare URL, as
// bootstrap_package and tx_news' routes link it). The page browser makes
// the number a list's, not an id that a legacy CMS names "page".
// Such a page repeats the list's page with other items: the items are
// pages of their own (a news list's releases, linked and crawled from
// here) and the list is the new CMS's to build.
func (p *page) laterListPage() bool {
	if p.doc.FindMatcher(newsMarkupFirst).Length() > 0 {
		return false // a news article's page 2 (tx_news' paginateBodytext): the rest of its text
	}
	own, err := url.Parse(p.d.URL)
	if err != nil {
		return false
	}
	lp := listpage.Of(own)
	if lp.N < 2 {
		return false
	}
	for _, a := range elementsOf(p.doc.Nodes[0], atom.A) {
		href := strings.TrimSpace(attr(a, "href"))
		if href == "" || strings.HasPrefix(href, "#") {
			continue
		}
		lu, err := p.base.Parse(href)
		if err != nil || !strings.EqualFold(lu.Host, own.Host) {
			continue
		}
		l := listpage.Of(lu)
		if l.Path != lp.Path || lu.Query().Get("id") != own.Query().Get("id") || !pagerLink(a) {
			continue // another page (old TYPO3's index.php?id=N all share one path)
		}
		// Page 1 as the bare URL only for a plugin's parameter or a
		// routed page: a plain "?page=2" linking "index.php" may be a
		// legacy CMS's page id 2 whose "pager" leads to the start page.
		if l.N == lp.N-1 && l.Param == lp.Param || lp.N == 2 && l.N == 0 && (lp.Param == "" || strings.Contains(lp.Param, "[")) {
			return true
		}
	}
	return false
}

// pagerLink reports a link of a page browser: rel="prev", or inside an
// element (up to six levels up: tt_news lays its browser out as a table)
// named a pagination (tx_news' f3-widget-paginator, tt_news'
// tx-ttnews-browsebox, Bootstrap's pagination, "pager", "blaettern").
func pagerLink(a *html.Node) bool {
	if strings.EqualFold(attr(a, "rel"), "prev") {
		return true
	}
	for n, i := a, 0; n != nil && i < 7; n, i = n.Parent, i+1 {
		for _, k := range [...]string{"class", "id"} {
			for _, f := range strings.Fields(attr(n, k)) {
				if nameReason(f) == umzug.DropPagination {
					return true
				}
			}
		}
	}
	return false
}

// searchForm reports a form of the site's search: a text or search field
// named like a search term (searchTermName: indexed_search's
// tx_indexedsearch_pi2[search][sword], tx_solr[q], q, suche, …), or a
// form named a search (role, action, class or id: "search", "suche")
// with a text or search field.
func searchForm(form *html.Node) bool {
	named := strings.EqualFold(attr(form, "role"), "search")
	if !named {
		a := strings.ToLower(attr(form, "action") + " " + attr(form, "class") + " " + attr(form, "id"))
		named = searchWord.MatchString(a)
	}
	for _, in := range elementsOf(form, atom.Input) {
		switch strings.ToLower(attr(in, "type")) {
		case "", "text", "search":
		default:
			continue
		}
		if named || searchTermName(attr(in, "name")) {
			return true
		}
	}
	return false
}

// searchWord matches "search" or "suche" as a word of a form's action,
// class or id ("/suche/", "searchform", "tx-indexedsearch"), not inside
// another ("/besucherdienst/", "besuchergruppe").
var searchWord = regexp.MustCompile(`(?:^|[^a-z])(?:search|suche)|search`)

// searchElement reports a content element that is the site's search: it
// holds a search form (searchForm) and besides its forms at most a
// header and a few lines of help (indexed_search's rules).
func (p *page) searchElement(ce *html.Node) bool {
	forms := elementsOf(ce, atom.Form)
	if len(forms) == 0 {
		return false
	}
	var inForms int32
	found := false
	for _, f := range forms {
		found = found || searchForm(f)
		inForms += p.an.w[f].text
	}
	return found && p.an.w[ce].text-inForms <= 300
}
