package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
)

// DocumentSink is extract's sink: the document of every content page as a
// line of JSON. Pages that are not content are counted per reason (not
// failures); pages the extractor fails on are failures.
type DocumentSink struct {
	Enc   *json.Encoder
	Fails *FailureLog
	// Docs counts the documents written, URLs the responses seen.
	Docs, URLs int
	Skipped    map[string]int
}

// Add takes one page.
func (x *DocumentSink) Add(p *Page) error {
	x.URLs++
	s := p.Snapshot
	skip := func(reason string) {
		if x.Skipped == nil {
			x.Skipped = map[string]int{}
		}
		x.Skipped[reason]++
	}
	switch p.Kind {
	case KindFailed:
		return nil // recorded by Work
	case KindFile:
		skip("not html")
		return nil
	case KindRedirect, KindErrorStatus:
		skip(fmt.Sprintf("status %d", s.Status))
		return nil
	}
	switch {
	case p.Panicked:
		return nil
	case notContent(p.Err):
		skip(SkipReason(p.Err))
		return nil
	case p.Err != nil:
		x.Fails.Add(umzug.Failure{URL: s.URL, Stage: umzug.StageExtract, Reason: ExtractReason(p.Err), Message: p.Err.Error(), Record: s.ArchiveRef})
		return nil
	}
	x.Docs++
	if err := x.Enc.Encode(p.Doc); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// HTMLParser extracts a saved page (*html.Parser).
type HTMLParser interface {
	ParseHTML(r io.Reader, pageURL string) (umzug.Document, error)
}

// ExtractFile extracts the saved page in the file name, served at baseURL
// ("" for its file: URL). A panic of the extractor is recorded in fails
// as the file's failure and yields no document and no error.
func ExtractFile(parser HTMLParser, name, baseURL string, fails *FailureLog) (doc *umzug.Document, err error) {
	raw, err := ReadHTMLFile(name)
	if err != nil {
		return nil, err
	}
	body, _, _ := extract.DecodeHTML(raw, "")
	if baseURL == "" {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		baseURL = "file://" + filepath.ToSlash(abs)
	}
	defer fails.Recovered(name, umzug.StageExtract, nil)
	d, err := parser.ParseHTML(bytes.NewReader(body), baseURL)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// FileReason is the failure reason of a file that was not extracted.
func FileReason(err error) string {
	var pe *os.PathError
	var ne *NotHTMLError
	if errors.As(err, &pe) || errors.As(err, &ne) {
		return umzug.ReasonInputUnreadable
	}
	return ExtractReason(err)
}

// ExtractReason is the failure reason of a page the extractor returned
// err for: cms-error-page for the CMS's error page served as the page,
// else extract-error.
func ExtractReason(err error) string {
	if errors.Is(err, umzug.ErrCMSErrorPage) {
		return umzug.ReasonCMSErrorPage
	}
	return umzug.ReasonExtractError
}
