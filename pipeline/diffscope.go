package pipeline

import (
	"errors"
	"fmt"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/transform"
)

// SameMainContent is the diff's test whether a changed page changed in
// its content or only in its template (archive.ArchiveDiff.ScopeChanges):
// both snapshots are extracted as an export extracts them (ParseSnapshot:
// a last change stamped when the server rendered the page is no date,
// a print or search view is no content page), and their documents
// compared by transform.ContentHash (which leaves out where and when the
// page was fetched). Two bodies that are both not content pages (or both
// the CMS's error page) for the same reason are compared by the documents
// read from them (empty for a page left out by its URL); one that is a
// content page and one that is not differ. A body the extractor fails or panics on is an error naming
// the URL.
func SameMainContent(parser Parser) archive.SameContentFunc {
	return func(from, to *umzug.Snapshot) (bool, error) {
		a, aErr := extractSnapshot(parser, from)
		b, bErr := extractSnapshot(parser, to)
		ra, rb := leftOut(aErr), leftOut(bErr)
		for i, err := range []error{aErr, bErr} {
			if err != nil && []string{ra, rb}[i] == "" {
				return false, err
			}
		}
		if ra != rb {
			return false, nil
		}
		// Both content pages, or both left out for the same reason: a
		// later page of a list is left out but read (its pictures join
		// the list's gallery), and its items change; a page left out
		// before it is read (a print view) has an empty document.
		return transform.ContentHash(a) == transform.ContentHash(b), nil
	}
}

// leftOut is why an export leaves out a page it extracted with err: the
// skip reason of a page that is no content, "cms-error-page" for the
// CMS's error page served as the page (a failure of the site, not of the
// comparison); "" for no error and for other errors.
func leftOut(err error) string {
	switch {
	case err == nil:
		return ""
	case notContent(err):
		return SkipReason(err)
	case errors.Is(err, umzug.ErrCMSErrorPage):
		return umzug.ReasonCMSErrorPage
	}
	return ""
}

func extractSnapshot(parser Parser, s *umzug.Snapshot) (d umzug.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extracting %s: panic: %v", s.URL, r)
		}
	}()
	return parser.ParseSnapshot(s, nil)
}
