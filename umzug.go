// Package umzug holds the domain types of the umzug website migration tool:
// what the old site looked like (Snapshot), what the new CMS imports
// (Document, Block and its payloads, Asset) and what the audit reports
// (Finding). The stage packages extract, transform, load and audit all speak
// in these types and never import each other.
package umzug

import "errors"

// Version is the generator version written into exports; set at build time
// with -ldflags "-X github.com/umzug/umzug.Version=…".
var Version = "0.1.0-dev"

// SchemaVersion is the version of the export format (documents, manifest).
const SchemaVersion = "1"

// Sentinel errors shared by the stages; check them with errors.Is.
var (
	// ErrNotContent marks a response that is not a content page: a redirect
	// stub, an empty page, a non-HTML response.
	ErrNotContent = errors.New("not a content page")
	// ErrNoMainContent marks a page in which no main content area was found.
	ErrNoMainContent = errors.New("no main content found")
	// ErrCMSErrorPage: the response is the CMS's error page ("Oops, an
	// error occurred!", "Page Not Found") served in place of the page,
	// often with status 200. The page's content is not there to migrate:
	// a failure of that URL (ReasonCMSErrorPage), not a document.
	ErrCMSErrorPage = errors.New("the CMS served its error page")
	// ErrInvalid marks a record that violates the export contract.
	ErrInvalid = errors.New("invalid record")
)

// NotContentError explains why a response is not exported as a document
// (a view of a calendar, a search result page, a non-HTML response). It
// matches ErrNotContent with errors.Is; Reason is what the manifest
// counts.
type NotContentError struct {
	URL    string
	Reason string
}

func (e *NotContentError) Error() string {
	return e.URL + ": " + e.Reason + ": " + ErrNotContent.Error()
}

// Unwrap makes errors.Is(err, ErrNotContent) hold.
func (e *NotContentError) Unwrap() error { return ErrNotContent }
