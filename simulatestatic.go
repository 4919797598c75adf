package umzug

import (
	"regexp"
	"strings"
)

// simulateStaticRe matches the last path segment of a URL that TYPO3's
// simulateStaticDocuments (TYPO3 3.x to 4.x, config.simulateStaticDocuments)
// writes for index.php?id=N&type=T: "[title.]N.T.html", the page's title
// (or alias) first, then its uid and the page type; with
// simulateStaticDocuments_pEnc the further parameters follow the uid as
// "+M5…" or "+B6…".
var simulateStaticRe = regexp.MustCompile(`^(?:(.*)\.)?([0-9]{1,9})(?:\+[A-Za-z0-9]{2,})?\.([0-9]{1,3})\.html?$`)

// SimulateStatic reads the last segment of a URL path written by TYPO3's
// simulateStaticDocuments: the title part ("" when the URL has none), the
// page uid and the page type ("0" for the page, "98" for its print view).
// ok is false for any other path.
func SimulateStatic(path string) (title, uid, typeNum string, ok bool) {
	seg := path[strings.LastIndexByte(path, '/')+1:]
	m := simulateStaticRe.FindStringSubmatch(seg)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}

// SimulateStaticPrint reports the print view (type 98) of a page under a
// simulateStaticDocuments URL ("ministerium.12.98.html"), and returns the
// path of the page itself ("ministerium.12.0.html").
func SimulateStaticPrint(path string) (pagePath string, ok bool) {
	_, _, t, ok := SimulateStatic(path)
	if !ok || t != "98" {
		return "", false
	}
	dir := path[:strings.LastIndexByte(path, '/')+1]
	seg := path[len(dir):]
	i := strings.LastIndex(seg, ".98.")
	return dir + seg[:i] + ".0." + seg[i+len(".98."):], true
}
