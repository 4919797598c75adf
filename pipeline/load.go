package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/transform"
)

// Build writes an export directory from documents read as NDJSON (load):
// transform and load without the crawl.
type Build struct {
	Log *slog.Logger
	Dir string
	// SiteRoot is the root URL of the migrated site, for ids; "" takes
	// the origin of the first document.
	SiteRoot string
	RichText load.RichText
	Started  time.Time
	Now      func() time.Time
	// Fails records the input lines and documents that could not be
	// exported; Build writes them to failures.ndjson.
	Fails *FailureLog
}

// BuildResult is what Build wrote.
type BuildResult struct {
	Export   ExportResult
	Manifest load.Manifest
	// Status and Why: partial when input lines or documents were
	// rejected, failed when no document could be exported.
	Status, Why string
	// Records counts the input records (documents and bad lines).
	Records int
}

// SiteRootError is a site root (given or taken from the first document)
// that is no absolute URL.
type SiteRootError struct{ Err error }

func (e *SiteRootError) Error() string { return "site root: " + e.Err.Error() }
func (e *SiteRootError) Unwrap() error { return e.Err }

// Run reads the documents from in (named name in messages) and writes
// the export. After Ctrl-C nothing is written and ctx's error returned.
func (b *Build) Run(ctx context.Context, in io.Reader, name string) (BuildResult, error) {
	var res BuildResult
	log, fails := b.Log, b.Fails
	r := bufio.NewReaderSize(in, 1<<20)
	var pipe *Export
	defer func() {
		if pipe != nil {
			pipe.Close()
		}
	}()
	badLine := func(n int, err error) {
		fails.Add(umzug.Failure{URL: fmt.Sprintf("%s:%d", name, n), Stage: umzug.StageLoad, Reason: umzug.ReasonInputUnreadable, Message: "line is not a document: " + err.Error()})
	}
	var exp *load.Exporter
	type inLine struct {
		n    int
		line []byte
	}
	type parsed struct {
		n    int
		d    umzug.Document
		err  error
		refs int
	}
	parse := func(l inLine) parsed {
		var d umzug.Document
		if err := json.Unmarshal(l.line, &d); err != nil {
			return parsed{n: l.n, err: err}
		}
		if d.URL == "" {
			return parsed{n: l.n, err: errors.New("document without url")}
		}
		refs := 0
		for _, b := range d.Blocks {
			if b.Ref != nil && b.Ref.Snippet != "" {
				refs++
			}
		}
		return parsed{n: l.n, d: d, refs: refs}
	}
	bad, refs := 0, 0
	// The first document decides the site root; the rest are decoded
	// and normalized in parallel and indexed in input order.
	n := 0
	var first *parsed
	var readErr error
	next := func() ([]byte, bool) {
		for {
			line, err := r.ReadBytes('\n')
			n++
			if err != nil && err != io.EOF {
				readErr = fmt.Errorf("reading %s: %w", name, err)
				return nil, false
			}
			if len(strings.TrimSpace(string(line))) > 0 {
				return line, true
			}
			if err == io.EOF {
				return nil, false
			}
		}
	}
	for first == nil {
		line, ok := next()
		if !ok {
			break
		}
		p := parse(inLine{n, line})
		if p.err != nil {
			bad++
			badLine(p.n, p.err)
			continue
		}
		first = &p
	}
	if readErr != nil {
		return res, readErr
	}
	if first == nil {
		return res, fmt.Errorf("%s: no document to load", name)
	}
	var err error
	if pipe, exp, err = b.start(first.d.URL); err != nil {
		return res, err
	}
	refs += first.refs
	records, line := 1, first.n
	pipe.OnDuplicate = func(d *umzug.Document) {
		fails.Add(umzug.Failure{URL: d.URL, Stage: umzug.StageLoad, Reason: umzug.ReasonDuplicateURL,
			Message: fmt.Sprintf("%s line %d: an earlier record has the same url; this one is left out", name, line)})
	}
	if err := pipe.Add(first.d); err != nil {
		return res, err
	}
	lines := make(chan inLine)
	go func() {
		defer close(lines)
		for {
			line, ok := next()
			if !ok || ctx.Err() != nil {
				return
			}
			select {
			case lines <- inLine{n, line}:
			case <-ctx.Done():
				return
			}
		}
	}()
	type normOut struct {
		p parsed
		n normalized
	}
	results := runOrdered(ctx, max(2, runtime.GOMAXPROCS(0)), lines, func(l inLine) (normOut, error) {
		p := parse(l)
		if p.err != nil {
			return normOut{p: p}, nil
		}
		return normOut{p: p, n: pipe.normalize(p.d, true)}, nil // decoded here, shares nothing
	})
	for res := range results {
		o := res.v
		if o.p.err != nil {
			bad++
			badLine(o.p.n, o.p.err)
			continue
		}
		refs += o.p.refs
		records, line = records+1, o.p.n
		if err := pipe.addNormalized(o.n); err != nil {
			return BuildResult{}, err
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if readErr != nil {
		return res, readErr
	}
	if refs > 0 {
		log.Warn("the input holds refs to snippets that it does not contain; give the export directory instead", "refs", refs)
	}
	er, err := pipe.Finish(ctx, exp)
	if err != nil {
		return res, err
	}
	er.Stats["inputLinesRejected"] = bad
	docs := pipe.spool.Len() - er.Rejected
	res.Records = records + bad
	res.Status, res.Why = umzug.StatusComplete, ""
	switch {
	case docs == 0:
		res.Status, res.Why = umzug.StatusFailed, "failed: no document could be exported"
	case fails.Total() > 0:
		res.Status, res.Why = umzug.StatusPartial, fmt.Sprintf("partial: %d of %d input records dropped (see failures.ndjson): the export lacks them", fails.Total(), res.Records)
	}
	exp.SetStatus(res.Status, fails.ByReason())
	man, err := exp.Finish(b.Now().UTC().Format(time.RFC3339), er.Stats)
	if err != nil {
		return res, err
	}
	res.Export, res.Manifest = er, man
	return res, nil
}

// start makes the export engine and the exporter once the site root is
// known.
func (b *Build) start(firstURL string) (*Export, *load.Exporter, error) {
	root := b.SiteRoot
	if root == "" {
		u, err := url.Parse(firstURL)
		if err != nil || u.Host == "" {
			return nil, nil, fmt.Errorf("document %q: not an absolute URL; give --site-root", firstURL)
		}
		root = u.Scheme + "://" + u.Host + "/"
		b.Log.Debug("site root taken from the first document", "root", root)
	}
	norm, err := transform.NewNormalizer(transform.Options{SiteRoot: root})
	if err != nil {
		return nil, nil, &SiteRootError{err}
	}
	exp, err := load.NewExporterRichText(b.Dir, load.Manifest{
		Generator: "umzug " + umzug.Version, Source: norm.SiteRoot(),
		RunID: b.Started.UTC().Format("20060102T150405Z"), StartedAt: b.Started.UTC().Format(time.RFC3339),
	}, b.RichText)
	if err != nil {
		return nil, nil, err
	}
	pipe, err := NewExport(b.Log, norm, "", b.Fails)
	if err != nil {
		return nil, nil, err
	}
	return pipe, exp, nil
}
