package pipeline

import (
	"bytes"
	"fmt"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/transform"
)

// SameMainContent is the diff's test whether a changed page changed in
// its content or only in its template (archive.ArchiveDiff.ScopeChanges):
// both bodies are extracted as an export would extract them, and their
// documents compared by transform.ContentHash (which leaves out where
// and when the page was fetched). Two bodies that are both not content
// pages for the same reason are the same; one that is a content page and
// one that is not differ. A body the extractor fails or panics on is an
// error naming the URL.
func SameMainContent(parser HTMLParser) archive.SameContentFunc {
	return func(u string, from, to archive.Body) (bool, error) {
		a, aErr := extractBody(parser, u, from)
		b, bErr := extractBody(parser, u, to)
		for _, err := range []error{aErr, bErr} {
			if err != nil && !notContent(err) {
				return false, err
			}
		}
		if aErr != nil || bErr != nil {
			return aErr != nil && bErr != nil && SkipReason(aErr) == SkipReason(bErr), nil
		}
		return transform.ContentHash(a) == transform.ContentHash(b), nil
	}
}

func extractBody(parser HTMLParser, u string, b archive.Body) (d umzug.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extracting %s: panic: %v", u, r)
		}
	}()
	body, _, _ := extract.DecodeHTML(b.Data, b.ContentType)
	return parser.ParseHTML(bytes.NewReader(body), u)
}
