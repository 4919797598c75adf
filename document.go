package umzug

// Kind is the kind of a Document.
type Kind string

// Document kinds.
const (
	KindPage         Kind = "page"
	KindPressRelease Kind = "press_release"
)

// Document is one content page of the old site as the new CMS imports it.
// Blocks hold the main content only: never navigation, breadcrumb or footer.
type Document struct {
	ID      string `json:"id"`
	Kind    Kind   `json:"kind"`
	URL     string `json:"url"`
	Path    string `json:"path,omitempty"`
	Title   string `json:"title"`
	Lang    string `json:"lang,omitempty"`
	Summary string `json:"summary,omitempty"`
	Dates   Dates  `json:"dates"`
	// Categories and Tags are the page's taxonomy as the old site shows
	// it (a news record's category and tag lines, a tag list under an
	// article, article:section and article:tag), each term once.
	Categories []string `json:"categories,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	// Translations are the page's versions in other languages, as the
	// old site links them (hreflang alternates, its language menu).
	Translations []Translation `json:"translations,omitempty"`
	Blocks       []Block       `json:"blocks"`
	PressRelease *PressRelease `json:"pressRelease,omitempty"`
	// Assets lists every image and file the blocks and press release
	// fields refer to, once each.
	Assets      []Asset    `json:"assets,omitempty"`
	Provenance  Provenance `json:"provenance"`
	ContentHash string     `json:"contentHash,omitempty"`
	Warnings    []Warning  `json:"warnings,omitempty"`
}

// Translation is a version of the page in another language.
type Translation struct {
	Lang string `json:"lang"` // BCP 47, as the old site names it ("en", "en-GB")
	URL  string `json:"url"`  // absolute URL on the old site
	// Document is the id of the exported document at URL, and Path its
	// new path, filled in by the transform stage.
	Document string `json:"document,omitempty"`
	Path     string `json:"path,omitempty"`
}

// Dates are ISO 8601 dates: "2024-03-12" or "2024-03-12T10:00:00+01:00".
type Dates struct {
	Published string `json:"published,omitempty"`
	Modified  string `json:"modified,omitempty"`
}

// PressRelease holds the fields that only press releases have. The body of
// the release is in the Document's blocks.
type PressRelease struct {
	Number      string     `json:"number,omitempty"`
	Kicker      string     `json:"kicker,omitempty"`
	Subtitle    string     `json:"subtitle,omitempty"`
	Lead        string     `json:"lead,omitempty"`
	Dateline    string     `json:"dateline,omitempty"` // place of the dateline, e.g. "Erfurt"
	Publisher   *Publisher `json:"publisher,omitempty"`
	Contacts    []Contact  `json:"contacts,omitempty"`
	Attachments []File     `json:"attachments,omitempty"`
	Related     []Link     `json:"related,omitempty"`
}

// Publisher is the body that issued a press release.
type Publisher struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Contact is a press contact.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Fax   string `json:"fax,omitempty"`
	Email string `json:"email,omitempty"`
}

// FromTYPO3 reports a document of a page that TYPO3 rendered: the TYPO3
// extractor took it, or it carries TYPO3's page or content uids.
func (d *Document) FromTYPO3() bool {
	return d.Provenance.Extractor == "typo3" || d.Provenance.TYPO3 != nil
}

// Provenance records where a Document came from. It is excluded from the
// content hash, so a re-crawl of unchanged content yields the same hash.
type Provenance struct {
	SourceURL string   `json:"sourceUrl"`
	FinalURL  string   `json:"finalUrl,omitempty"`
	AliasURLs []string `json:"aliasUrls,omitempty"`
	// CanonicalURL is the URL the page declares as its own (<link
	// rel="canonical">), canonical in umzug's sense, also when it is the
	// URL the page was served at. The export keeps one document per
	// canonical URL and content (transform/samepage.go).
	CanonicalURL  string       `json:"canonicalUrl,omitempty"`
	FetchedAt     string       `json:"fetchedAt,omitempty"`
	HTTPStatus    int          `json:"httpStatus,omitempty"`
	ETag          string       `json:"etag,omitempty"`
	LastModified  string       `json:"lastModified,omitempty"`
	RawSHA256     string       `json:"rawSha256,omitempty"`
	ArchiveRecord string       `json:"archiveRecord,omitempty"`
	Extractor     string       `json:"extractor,omitempty"` // profile that extracted it, e.g. "typo3"
	TYPO3         *TYPO3Origin `json:"typo3,omitempty"`
	// Accounting says where the page's visible text went: into blocks,
	// into document fields, or dropped with a reason.
	Accounting *Accounting `json:"accounting,omitempty"`
}

// Accounting is the content accounting of one extracted page: every
// character of visible text (whitespace collapsed) ends in exactly one
// place, so VisibleChars = KeptChars + FieldChars + the Chars of Dropped.
type Accounting struct {
	VisibleChars int `json:"visibleChars"`
	// KeptChars is the text that went into blocks.
	KeptChars int `json:"keptChars"`
	// FieldChars is the text that went into document fields (title, date,
	// number, kicker, contacts, …) and not into a block.
	FieldChars int `json:"fieldChars"`
	// Dropped lists the text left out, one entry per dropped region.
	Dropped []Dropped `json:"dropped,omitempty"`
}

// Dropped is a region of visible text that extraction left out of the
// document, with the reason and where it was.
type Dropped struct {
	// Reason is one of the DropReason constants.
	Reason   string `json:"reason"`
	Selector string `json:"selector,omitempty"`
	Chars    int    `json:"chars"`
	// Excerpt is the start of the dropped text, for a person to recognise it.
	Excerpt string `json:"excerpt,omitempty"`
}

// Reasons for dropped text (Dropped.Reason).
const (
	DropNavigation  = "navigation"     // menus, skip links, pagers of the site
	DropBreadcrumb  = "breadcrumb"     // "Sie sind hier: …"
	DropHeader      = "header"         // the page header: logo, service links
	DropFooter      = "footer"         // the page footer: imprint, contact line
	DropSidebar     = "sidebar"        // side columns and complementary boxes
	DropSearch      = "search"         // search forms
	DropRelated     = "related"        // "Mehr zum Thema", teaser boxes pointing elsewhere
	DropComments    = "comments"       // reader comments and comment forms
	DropShare       = "share"          // share and follow bars
	DropTags        = "tags"           // tag and category lists
	DropMeta        = "meta"           // bylines, post meta lines
	DropAuthor      = "author"         // author boxes
	DropNewsletter  = "newsletter"     // newsletter sign-ups
	DropCookie      = "cookie"         // cookie and consent notes
	DropAd          = "advertising"    // ads and sponsored boxes
	DropPagination  = "pagination"     // page browsers of lists
	DropUtility     = "utility"        // print, back, to-top links, ratings, last-change lines
	DropPopup       = "popup"          // modals, overlays, flyouts
	DropTOC         = "toc"            // tables of contents the new CMS rebuilds
	DropLinks       = "link-list"      // link-dense boxes outside the content's flow
	DropScreenOnly  = "screen-reader"  // text only screen readers announce
	DropControl     = "control"        // buttons, form controls, slider controls
	DropError       = "broken-element" // CMS errors rendered in place of an element
	DropProfile     = "profile"        // removed by a site profile's remove selectors
	DropDuplicate   = "duplicate"      // the same text as a document field (a date line, a repeated title)
	DropOutside     = "outside-main"   // outside the main content, in no region a rule names
	DropBeside      = "beside-article" // in the main content beside the news record a detail page shows
	DropUnconverted = "unconverted"    // inside the main content but in no block: a gap of the extractor
)

// DroppedChars sums the dropped characters per reason.
func (a *Accounting) DroppedChars() map[string]int {
	if a == nil {
		return nil
	}
	m := map[string]int{}
	for _, d := range a.Dropped {
		m[d.Reason] += d.Chars
	}
	return m
}

// TYPO3Origin is what the old TYPO3 told about the page.
type TYPO3Origin struct {
	PageUID     int   `json:"pageUid,omitempty"`
	ContentUIDs []int `json:"contentUids,omitempty"`
}

// WarnTruncatedBody is the code of the warning of a page whose body was
// larger than the crawl's --max-body-size and cut there: its document
// ends where the cut is, the rest of the page is missing.
const WarnTruncatedBody = "truncated-body"

// Warning is a problem found while extracting or transforming a document
// that did not stop it: an untyped element kept as html, an element that
// rendered as a CMS error, a conflicting date.
type Warning struct {
	Code     string `json:"code"`
	Message  string `json:"message"`
	BlockKey string `json:"blockKey,omitempty"`
}

// Asset is an image or file of the old site referenced by a document.
type Asset struct {
	ID   string `json:"id"`
	Kind string `json:"kind,omitempty"` // "image" or "file"
	URL  string `json:"url"`            // as referenced by the page
	// Original is the original file when URL is a derived variant (TYPO3's
	// fileadmin/_processed_/…/csm_* renderings), where the page reveals it.
	Original string `json:"original,omitempty"`
	// FileName is the original file name ("glasfaser.jpg" for
	// "csm_glasfaser_7a2c4e9b01.jpg").
	FileName string `json:"fileName,omitempty"`
	// Path is the proposed path of the file in the new site.
	Path     string `json:"path,omitempty"`
	MimeType string `json:"mimeType,omitempty"`
	Alt      string `json:"alt,omitempty"`
	Caption  string `json:"caption,omitempty"`
	Credit   string `json:"credit,omitempty"`
	Size     int64  `json:"size,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
	// File is the file itself in the export directory, relative to it
	// (files/ab/abcdef…-name.ext), when the export holds the files
	// (migrate --assets); Size and SHA256 are then those of that file.
	File string `json:"file,omitempty"`
}

// Snippet is a block shared by several places (a contact box on many pages,
// the same paragraph under different headings): emitted once, and every
// place holds a ref block pointing to it.
type Snippet struct {
	ID    string `json:"id"`
	Block Block  `json:"block"`
	// Documents is the number of documents that refer to the snippet, Refs
	// the number of ref blocks (a document may refer to it more than once).
	Documents   int    `json:"documents"`
	Refs        int    `json:"refs"`
	ContentHash string `json:"contentHash"`
}

// Redirect maps an old URL to its new path (Status 301) or marks it gone
// (Status 410, empty To).
type Redirect struct {
	From   string `json:"from"`
	To     string `json:"to,omitempty"`
	Status int    `json:"status"`
}
