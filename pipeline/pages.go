package pipeline

import (
	"context"
	"errors"
	"log/slog"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/audit"
	"github.com/umzug/umzug/extract"
)

// Parser is what the pipeline needs of the extractor (*html.Parser).
type Parser interface {
	Parse(s *umzug.Snapshot) (umzug.Document, error)
}

// Kind is what a response is to the pipeline, decided once per response
// (KindOf) and then acted on by every stage and sink.
type Kind int

const (
	// KindFailed: no usable response (no answer after the retries, 5xx,
	// 401, 403, 407, 429, an unreadable archive record). A failure.
	KindFailed Kind = iota
	// KindRedirect: a redirect whose target was fetched on its own.
	KindRedirect
	// KindErrorStatus: the old site answered 4xx (404, 410): not
	// exported, not a failure either; the audit reports links to it.
	KindErrorStatus
	// KindFile: a response that is not HTML (images, PDFs).
	KindFile
	// KindPage: an HTML page with a 2xx status, which is extracted.
	KindPage
)

var kindNames = [...]string{"failed", "redirect", "error status", "file", "page"}

func (k Kind) String() string { return kindNames[k] }

// KindOf decides what a response is; for KindFailed it also returns the
// failure.
func KindOf(s *umzug.Snapshot) (Kind, umzug.Failure) {
	if f, failed := extract.SnapshotFailure(s); failed {
		return KindFailed, f
	}
	switch {
	case s.Status >= 300 && s.Status < 400:
		return KindRedirect, umzug.Failure{}
	case s.Status >= 400:
		return KindErrorStatus, umzug.Failure{}
	case !s.IsHTML():
		return KindFile, umzug.Failure{}
	}
	return KindPage, umzug.Failure{}
}

// Page is one response on its way through the pipeline: what it is, the
// document extracted from it and the audit's findings on it.
type Page struct {
	Snapshot *umzug.Snapshot
	Kind     Kind
	Failure  umzug.Failure // KindFailed: why
	// Doc is the document extracted from a KindPage response, nil when
	// there is none (Err says why) or the response is of another kind.
	Doc *umzug.Document
	// Err is extraction's error: wrapping umzug.ErrNotContent or
	// umzug.ErrNoMainContent for pages that are not content, or another.
	Err error
	// Panicked says the extractor panicked on the page; the panic is
	// recorded as the page's failure.
	Panicked bool
	// Findings are the audit's findings on the page (links are judged at
	// the end of the run).
	Findings []umzug.Finding
}

// Sink takes the pages of a run one at a time, in the order the
// responses were added. An error from Add stops the run.
type Sink interface {
	Add(p *Page) error
}

// Work is the per-response work every command shares: decide the kind of
// the response, extract the document of a page, audit the response.
// Process feeds the responses one at a time.
type Work struct {
	Log    *slog.Logger
	Parser Parser
	// Audit audits every response (nil: no audit); Redirects, when set,
	// follows the redirect chains for the redirect rules.
	Audit     *audit.Auditor
	Redirects *audit.Redirects
	// Fails records the failures: responses that failed, panics of the
	// extractor and the audit.
	Fails *FailureLog
}

// Process returns a stream that does w for every snapshot added and
// hands the pages to sink.
func (w *Work) Process(ctx context.Context, sink Sink) *Stream {
	return &Stream{w: w, ctx: ctx, sink: sink}
}

// Stream is the per-response work of a run under way: Add hands it one
// response, Close waits for the last.
type Stream struct {
	w    *Work
	ctx  context.Context
	sink Sink
	err  error
}

// Add does the work for one response and hands the page to the sink. An
// error of the sink is returned (and by every later Add), which stops
// the run.
func (st *Stream) Add(s *umzug.Snapshot) error {
	if st.err != nil {
		return st.err
	}
	p := st.w.page(s)
	if err := st.sink.Add(p); err != nil {
		st.err = err
	}
	return st.err
}

// Close waits for the pages under way and returns the first error of the
// sink.
func (st *Stream) Close() error { return st.err }

// page does the work for one response.
func (w *Work) page(s *umzug.Snapshot) *Page {
	p := &Page{Snapshot: s}
	p.Kind, p.Failure = KindOf(s)
	if p.Kind == KindFailed {
		w.Fails.Add(p.Failure)
	}
	if p.Kind == KindPage {
		w.extract(p)
	}
	if w.Audit != nil {
		w.audit(p)
	}
	return p
}

// extract extracts the document of a page; a panic of the extractor is
// the page's failure, and the run goes on.
func (w *Work) extract(p *Page) {
	s := p.Snapshot
	defer w.Fails.Recovered(s.URL, umzug.StageExtract, &p.Panicked)
	d, err := w.Parser.Parse(s)
	if err != nil {
		p.Err = err
		return
	}
	p.Doc = &d
}

// audit audits the response, content pages with their document as
// extracted; a panic of the audit fails this page's audit only.
func (w *Work) audit(p *Page) {
	s := p.Snapshot
	defer w.Fails.Recovered(s.URL, umzug.StageAudit, nil)
	if p.Err != nil && w.Log != nil {
		w.Log.Debug("no document for audit", "url", s.URL, "err", p.Err)
	}
	p.Findings = w.Audit.Page(s, p.Doc)
	if w.Redirects != nil {
		w.Redirects.Page(s)
	}
}

// notContent reports whether an extraction error says the page is not
// content (left out on purpose, not a failure).
func notContent(err error) bool {
	return errors.Is(err, umzug.ErrNotContent) || errors.Is(err, umzug.ErrNoMainContent)
}
