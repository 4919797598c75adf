package html

import (
	"net/url"
	"strings"
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
	"print": ViewPrint, "druck": ViewPrint, "druckansicht": ViewPrint, "printview": ViewPrint,
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
	reason := ""
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, _, _ := strings.Cut(part, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		k = strings.ToLower(k)
		if k == "" {
			continue
		}
		// The innermost name of a plugin parameter: "tx_news_pi1[overwriteDemand][year]" -> year.
		name := k
		if i := strings.LastIndex(k, "["); i >= 0 {
			name = strings.TrimSuffix(k[i+1:], "]")
			if strings.Contains(k, "overwritedemand") && name != "" {
				reason = pick(reason, ViewFilter)
			}
		}
		switch {
		case strings.HasPrefix(k, "tx_indexedsearch") || strings.HasPrefix(k, "tx_solr") || strings.HasPrefix(k, "tx_kesearch"):
			reason = pick(reason, ViewSearch)
		case strings.HasPrefix(name, "filter") || strings.HasPrefix(name, "facet"):
			reason = pick(reason, ViewFilter)
		default:
			if r := viewParams[name]; r != "" {
				reason = pick(reason, r)
			}
		}
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

// pick keeps the first reason found; search results and calendar views
// say more than a filter.
func pick(have, r string) string {
	if have == "" || have == ViewFilter && r != ViewFilter {
		return r
	}
	return have
}
