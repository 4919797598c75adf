package load

import (
	"context"
	"errors"
	"fmt"

	"github.com/umzug/umzug"
)

// A Target is a CMS the export is loaded into through its own API
// (WordPress's REST API; Drupal's JSON:API, Strapi or Directus would each
// be one more implementation). Load drives it: it decides what to create,
// update or leave alone from the state file and the hash of what Build
// returns, orders the records (files, snippets, then documents with
// parents first), resolves links in two passes, retries, and records
// every confirmed record. A Target only translates records into its CMS's
// requests.
type Target interface {
	// Name names the target in the state file's name and in messages
	// ("wordpress").
	Name() string
	// Site identifies the CMS instance (its URL); state is kept per site.
	Site() string
	// Open checks the connection and the credentials and prepares what
	// every record needs (API discovery, taxonomy terms). In a dry run
	// (readOnly) it changes nothing in the CMS.
	Open(ctx context.Context, readOnly bool) error
	// Build returns what would be sent for rec, with links resolved
	// through links (a record not yet in the CMS has no Remote: Build
	// points to it as well as it can, and Load builds again once it
	// exists). Build is pure: the same record and links give the same
	// bytes, whose hash decides whether an update is needed.
	Build(rec *Record, links Links) (Payload, error)
	// Create creates rec in the CMS and returns where it is.
	Create(ctx context.Context, rec *Record, p Payload) (Remote, error)
	// Update replaces the CMS's copy of rec. An error wrapping
	// ErrRemoteGone says the copy was deleted there; Load creates it again.
	Update(ctx context.Context, rec *Record, p Payload, r Remote) (Remote, error)
	// Find looks for the CMS's copy of rec that a killed run may have
	// created without recording it (by its slug, say); found is false
	// when there is none.
	Find(ctx context.Context, rec *Record, p Payload) (r Remote, found bool, err error)
}

// A Preparer is a Target whose payloads refer to things of the CMS that
// are not records of the export (WordPress's categories and tags). Load
// calls Prepare for every document before it builds it, from as many
// goroutines as it sends records with: Prepare looks those things up and
// creates what is missing, so that Build, which is pure, finds them. In a
// dry run (readOnly) it may look but creates nothing. An error fails the
// record.
type Preparer interface {
	Prepare(ctx context.Context, rec *Record, readOnly bool) error
}

// ErrRemoteGone says that a record the state file knows was deleted in
// the CMS.
var ErrRemoteGone = errors.New("deleted in the CMS")

// RecordKind is what a record of the export becomes in a CMS.
type RecordKind string

// Record kinds, in the order Load sends them.
const (
	KindFile     RecordKind = "file"
	KindSnippet  RecordKind = "snippet"
	KindDocument RecordKind = "document"
)

// Record is one record of the export on its way into a CMS. Exactly one
// of Asset, Snippet and Document is set, as Kind says.
type Record struct {
	Kind     RecordKind
	ID       string
	Asset    *umzug.Asset
	Snippet  *umzug.Snippet
	Document *umzug.Document
	// FilePath is the file of an asset on disk (the export's files/).
	FilePath string
	// Parent is the id of the document under which a page belongs in a
	// hierarchy (the nearest exported ancestor of its path), or "".
	Parent string
	// Name and DocKind are the title and kind of a document, known
	// before (and after) Document is read.
	Name    string
	DocKind umzug.Kind
}

// Title is a name for the record in messages.
func (r *Record) Title() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Document != nil:
		return r.Document.Title
	case r.Asset != nil:
		if r.Asset.FileName != "" {
			return r.Asset.FileName
		}
		return r.Asset.URL
	}
	return r.ID
}

// Payload is what a Target sends for a record. Body is hashed to decide
// whether the CMS's copy is up to date; Slug, when set, is what Find
// looks for after a killed run.
type Payload struct {
	Body []byte
	Slug string
	// Unresolved counts links of the record that could not point to
	// their new place yet (their target is not in the CMS).
	Unresolved int
	// Warnings say what the target could not carry over (a form to
	// rebuild by hand, a missing file).
	Warnings []string
}

// Remote is where a record is in the CMS: its id there and its URL (a
// permalink, a file URL).
type Remote struct {
	ID   string `json:"remote"`
	Link string `json:"link,omitempty"`
}

// Links resolves references between records for Build.
type Links interface {
	// Remote returns where the record of kind and id is in the CMS.
	Remote(kind RecordKind, id string) (Remote, bool)
	// URL returns the new URL of a URL of the old site (a document, a
	// file, or what the redirect map sends it to). ok is false for a URL
	// of the old site whose target is not in the CMS (yet); the returned
	// URL is then the best site-relative guess. URLs of other sites come
	// back unchanged with ok true.
	URL(old string) (newURL string, ok bool)
	// Document returns a document of the export by id (for titles of
	// links and teasers), or nil.
	Document(id string) *DocumentInfo
}

// DocumentInfo is what Links knows about every document.
type DocumentInfo struct {
	ID, Kind, URL, Path, Title string
}

// LoadError is a record that did not make it into the CMS.
type LoadError struct {
	Kind   RecordKind
	ID     string
	Title  string
	Reason error
}

func (e LoadError) Error() string {
	return fmt.Sprintf("%s %s (%s): %v", e.Kind, e.ID, e.Title, e.Reason)
}
