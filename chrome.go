package umzug

// ChromeBlock is a block recognised as page chrome by its frequency: it
// repeats on nearly every page, so de-duplication (transform) leaves it
// out of every document and the export (load) reports it once, in the
// manifest.
type ChromeBlock struct {
	Type      BlockType `json:"type"`
	Key       string    `json:"key"` // where it was first seen
	Documents int       `json:"documents"`
	Text      string    `json:"text"` // the start of its text
}
