package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/transform"
)

// FindingsSink keeps the audit's findings of the pages, in the order the
// pages came.
type FindingsSink struct {
	Findings []umzug.Finding
	// same groups the pages that are one page under several URLs (its
	// canonical URL's variants, a directory's URLs), whose findings are
	// reported once, as the export does.
	same transform.SamePageGroups
}

// Add takes one page.
func (f *FindingsSink) Add(p *Page) error {
	f.Findings = append(f.Findings, p.Findings...)
	if p.Doc != nil {
		f.same.Add(p.Doc)
	}
	return nil
}

// AuditRun is one run of audit: the responses of a crawl, of an archive
// or of saved pages through Work (which must have an Audit), then the
// link checks.
type AuditRun struct {
	Work *Work
	// Crawl, when set, crawls the site. Else Archive, when set, is read
	// offline (the latest capture of every URL). Else Files are read:
	// saved HTML pages, with the URLs URLs gives them ("" for a page's
	// canonical link or its file: URL).
	Crawl   *crawl.CrawlOptions
	Archive string
	Files   []string
	URLs    map[string]string
	// Phases times the phases of the run and shows their progress (nil:
	// neither).
	Phases *Phases
}

// AuditResult is what an audit run found.
type AuditResult struct {
	Findings []umzug.Finding
	Pages    int
	// Status is umzug.StatusInterrupted after Ctrl-C, StatusFailed when
	// the crawl run failed (the site was down), else "".
	Status string
	// Read is the number of saved pages that could be read.
	Read int
	// Phases is the time each phase of the run took.
	Phases []PhaseTime
}

// Run runs the audit.
func (r *AuditRun) Run(ctx context.Context) (AuditResult, error) {
	var res AuditResult
	ph := r.Phases
	defer ph.End()
	sink := &FindingsSink{}
	aud := r.Work.Audit
	finishCtx := ctx
	switch {
	case r.Crawl != nil:
		ph.Begin(PhaseCrawl, 0)
		stream := r.Work.Process(ctx, sink)
		st, err := crawl.CrawlParsed(ctx, *r.Crawl, stream.AddParsed) // each page parsed once
		if cerr := stream.Close(); cerr != nil && err == nil {
			err = cerr
		}
		ph.End()
		switch {
		case errors.Is(err, context.Canceled):
			res.Status = umzug.StatusInterrupted
		case err != nil:
			return res, fmt.Errorf("crawling %s: %w", r.Crawl.Seeds[0], err)
		case st.RunStatus == umzug.StatusFailed:
			res.Status = umzug.StatusFailed
		}
	case r.Archive != "":
		ph.Begin(PhaseExtract, 0)
		stream := r.Work.Process(ctx, &countingSink{Sink: sink, ph: ph})
		err := archive.ReadArchive(ctx, r.Archive, stream.Add)
		if cerr := stream.Close(); cerr != nil && err == nil {
			err = cerr
		}
		ph.End()
		switch {
		case errors.Is(err, context.Canceled):
			res.Status = umzug.StatusInterrupted
		case err != nil:
			return res, err
		}
		// Offline, the links are judged by the statuses the archive
		// holds: nothing to interrupt.
		finishCtx = context.WithoutCancel(ctx)
	default:
		ph.Begin(PhaseExtract, len(r.Files))
		stream := r.Work.Process(ctx, &countingSink{Sink: sink, ph: ph})
		for _, name := range r.Files {
			if err := ctx.Err(); err != nil {
				stream.Close()
				return res, err
			}
			s, err := SnapshotFromFile(name, r.URLs[name])
			if err != nil {
				r.Work.Fails.Add(umzug.Failure{URL: name, Stage: umzug.StageExtract, Reason: umzug.ReasonInputUnreadable, Message: err.Error()})
				continue
			}
			res.Read++
			if err := stream.Add(s); err != nil {
				stream.Close()
				return res, err
			}
		}
		if err := stream.Close(); err != nil {
			return res, err
		}
		if res.Read == 0 {
			return res, nil
		}
	}
	res.Findings = sink.Findings
	offline := r.Crawl == nil && r.Archive != ""
	if res.Status != umzug.StatusInterrupted || offline {
		ph.Begin(PhaseLinks, aud.LinkTargets())
		more, err := aud.FinishProgress(finishCtx, ph.Add)
		ph.End()
		switch {
		case errors.Is(err, context.Canceled) && r.Crawl != nil:
			res.Status = umzug.StatusInterrupted
		case err != nil:
			return res, err
		}
		res.Findings = append(res.Findings, more...)
	}
	if r.Work.Redirects != nil {
		res.Findings = append(res.Findings, r.Work.Redirects.Findings()...)
	}
	res.Findings = sink.same.Fold(res.Findings)
	res.Pages = aud.Pages()
	ph.End()
	res.Phases = ph.Times()
	return res, nil
}
