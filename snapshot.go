package umzug

import (
	"net/http"
	"time"
)

// Snapshot is one fetched response of the old site, as the crawler or the
// archive hands it to extraction and audit. Body is the decoded UTF-8 text
// of an HTML page (Charset tells from what it was decoded) or the raw bytes
// of anything else.
type Snapshot struct {
	URL         string      // requested URL, canonical form
	FinalURL    string      // URL after redirects, canonical form
	Redirects   []Hop       // the redirect chain, empty when none
	Status      int         // HTTP status of the final response
	Header      http.Header // response header of the final response
	ContentType string      // media type without parameters, e.g. "text/html"
	Charset     string      // charset the body was decoded from ("utf-8", "windows-1252")
	Body        []byte      // decoded body
	RawSHA256   string      // hex sha256 of the body bytes as received
	FetchedAt   time.Time   // when the response arrived
	Depth       int         // link distance from a seed
	LinkedFrom  string      // the page on which the URL was first found
	ArchiveRef  string      // where the raw record is kept, empty without an archive
	Warnings    []Warning   // decoding and fetching warnings
}

// Hop is one redirect in a chain.
type Hop struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
}

// IsHTML reports whether the snapshot holds an HTML page.
func (s *Snapshot) IsHTML() bool {
	return s.ContentType == "text/html" || s.ContentType == "application/xhtml+xml"
}
