package umzug

// Failure is a URL (or input file or record) that a run could not process:
// it was not fetched, could not be read back from the archive, or failed
// in a stage. A run with failures is partial; the export lists each one in
// failures.ndjson and counts them per reason in the manifest.
type Failure struct {
	URL string `json:"url"`
	// Reason is a stable code (see the Reason* constants): the summary and
	// the manifest group failures by it.
	Reason string `json:"reason"`
	// Stage is where it failed: fetch, archive, extract, audit,
	// transform, load or push.
	Stage   string `json:"stage"`
	Message string `json:"message"`
	// Record is the archive record (WARC file#offset) involved, if any.
	Record     string `json:"record,omitempty"`
	LinkedFrom string `json:"linkedFrom,omitempty"`
}

// Failure reasons. Fetch failures after all retries: unreachable (DNS,
// connection refused), timeout, connection-reset (resets, truncated
// bodies), tls-error, too-many-redirects, fetch-error (anything else) and
// http-<status> for a response that carries no content (5xx, 401, 403,
// 407, 429). The stages add archive-unreadable, extract-error,
// cms-error-page (a CMS's error page served as a page, status 200),
// <stage>-panic, invalid-record, input-unreadable, duplicate-url (load:
// an input record with the URL of an earlier one) and push-rejected.
const (
	ReasonUnreachable       = "unreachable"
	ReasonTimeout           = "timeout"
	ReasonConnectionReset   = "connection-reset"
	ReasonTLS               = "tls-error"
	ReasonTooManyRedirects  = "too-many-redirects"
	ReasonFetchError        = "fetch-error"
	ReasonArchiveUnreadable = "archive-unreadable"
	ReasonExtractError      = "extract-error"
	ReasonCMSErrorPage      = "cms-error-page"
	ReasonInvalidRecord     = "invalid-record"
	ReasonInputUnreadable   = "input-unreadable"
	ReasonDuplicateURL      = "duplicate-url"
	ReasonPushRejected      = "push-rejected"
)

// Stages named in Failure.Stage.
const (
	StageFetch     = "fetch"
	StageArchive   = "archive"
	StageExtract   = "extract"
	StageAudit     = "audit"
	StageTransform = "transform"
	StageLoad      = "load"
	StagePush      = "push"
)

// PanicReason is the reason of a failure caused by a panic in stage.
func PanicReason(stage string) string { return stage + "-panic" }

// Run statuses, of an export (manifest.json) and of a crawl run in an
// archive.
const (
	// StatusComplete: the run did what was asked.
	StatusComplete = "complete"
	// StatusPartial: the run finished, but some URLs or records failed;
	// the failures say which.
	StatusPartial = "partial"
	// StatusInterrupted: the run was stopped (Ctrl-C, SIGTERM) and holds
	// what was done until then.
	StatusInterrupted = "interrupted"
	// StatusFailed: nothing usable: the start URLs could not be fetched,
	// the site was unreachable for most URLs, or nothing was exported.
	StatusFailed = "failed"
)
