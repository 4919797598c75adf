package transform

import (
	"net/url"
	"path"

	"github.com/umzug/umzug"
)

// FileAsset makes the asset record of a file of the site that no document
// refers to: a PDF linked only from page chrome (a sidebar's downloads,
// the footer's accessibility statement), which the documents left out
// with the chrome. The file is still the site's and its old URL is still
// linked from elsewhere: it gets an asset record and a redirect to its
// new path like any other asset, so it is neither lost in the migration
// nor a dead link after it. raw is the file's URL as the crawl found it
// (mapped like the documents' URLs). ok is false for a URL that is
// already an asset, not the site's or not a file's. Called after the
// second pass, in a stable order (the caller sorts), on one goroutine.
func (x *Index) FileAsset(raw string, facts FactsFunc) (out Rewritten, ok bool) {
	rw := &rewriter{x: x, facts: facts, out: &out}
	before := x.Stats.Assets
	if rw.asset(x.opts.MapURL(raw), umzug.Asset{}) == nil || x.Stats.Assets == before {
		return Rewritten{}, false
	}
	for i := range out.Assets {
		a := &out.Assets[i]
		if a.Kind == "" {
			a.Kind = "file"
		}
		if u, err := url.Parse(a.URL); err == nil && a.FileName == "" {
			a.FileName = umzug.SafeFileName(path.Base(u.Path))
		}
	}
	x.Stats.ChromeFiles++
	return out, true
}
