package pipeline

import (
	"cmp"
	"errors"
	"strconv"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/transform"
)

// ExportSink is migrate's sink: every page goes to the export engine,
// into the export or the inventory (with why it is not exported), its
// findings and failures are kept, files and redirects of the old site are
// remembered.
type ExportSink struct {
	Export   *Export
	Fails    *FailureLog
	Findings []umzug.Finding // of the pages, in the order they came
	// ErrorStatus counts pages that answered 4xx or 5xx without being
	// failures (404, 410, …): not exported.
	ErrorStatus map[int]int
	Snapshots   int // responses seen
	Usable      int // responses that are not failures
}

// Add takes one page.
func (x *ExportSink) Add(p *Page) error {
	x.Snapshots++
	x.Findings = append(x.Findings, p.Findings...)
	s, e := p.Snapshot, x.Export
	if p.Kind == KindFailed {
		e.NotExported(s.URL, invFailed, s.Status, s.Depth, p.Failure.Reason+": "+p.Failure.Message)
		return nil
	}
	x.Usable++
	e.AddFileLinks(p.fileLinks)
	e.AddPrintViews(p.printLinks)
	for _, h := range s.Redirects {
		e.AddOldRedirect(h.URL, s.FinalURL)
	}
	switch p.Kind {
	case KindRedirect:
		// A redirect whose target was fetched on its own: an alias.
		if s.FinalURL != "" && s.FinalURL != s.URL {
			e.AddOldRedirect(s.URL, s.FinalURL)
		}
		return nil
	case KindErrorStatus:
		// Counted in the summary; the audit reports the links to it
		// (broken-link, with the pages that link there).
		e.log.Debug("page not exported", "url", s.URL, "status", s.Status, "linkedFrom", s.LinkedFrom)
		if x.ErrorStatus == nil {
			x.ErrorStatus = map[int]int{}
		}
		x.ErrorStatus[s.Status]++
		status := invError
		if s.Status >= 500 {
			status = invFailed
		}
		// The URL that answered the status: after redirects, the
		// target (the URLs that redirected there have their rows as
		// redirects to a page that is not exported).
		note := "linked from " + e.norm.MapURL(s.LinkedFrom)
		if s.LinkedFrom == "" {
			// Not found through a link: a start URL, or an entry of the
			// sitemap that no page links (a dead entry to remove there).
			note = "a start URL, a sitemap entry or a page of an earlier run, linked from no page crawled"
		}
		e.NotExported(cmp.Or(s.FinalURL, s.URL), status, s.Status, s.Depth, note)
		return nil
	case KindFile:
		if s.Status >= 200 && s.Status < 300 {
			e.AddFile(s.FinalURL, s.ContentType, s.Body)
		}
		f := transform.AssetFacts{MimeType: s.ContentType, SHA256: s.RawSHA256}
		if n, err := strconv.ParseInt(s.Header.Get("Content-Length"), 10, 64); err == nil {
			f.Size = n
		}
		e.AddAsset(s.FinalURL, f)
		return nil
	}
	err := p.Err
	switch {
	case p.Panicked:
		e.NotExported(s.URL, invFailed, s.Status, s.Depth, umzug.PanicReason(umzug.StageExtract))
		return nil
	case errors.Is(err, umzug.ErrNotContent):
		// Not content (a calendar's months, search results): left out on
		// purpose, counted per reason; not a failure.
		reason := SkipReason(err)
		e.log.Debug("skipped", "url", s.URL, "reason", reason)
		e.skip(reason)
		if p.Later != nil {
			e.AddLaterPage(*p.Later)
		}
		if p.ViewOf != "" {
			e.AddViewAlias(s.URL, p.ViewOf)
		}
		e.NotExported(s.URL, invSkipped, s.Status, s.Depth, reason)
		return nil
	case errors.Is(err, umzug.ErrNoMainContent):
		// No content to migrate: the old URL answers 410 in the redirect map.
		e.log.Warn("page without main content not exported (410 in the redirect map)", "url", s.URL)
		e.skip(SkipReason(err))
		e.AddGone(s.FinalURL)
		return nil
	case err != nil:
		x.Fails.Add(umzug.Failure{URL: s.URL, Stage: umzug.StageExtract, Reason: ExtractReason(err), Message: err.Error(), Record: s.ArchiveRef, LinkedFrom: s.LinkedFrom})
		e.NotExported(s.URL, invFailed, s.Status, s.Depth, err.Error())
		return nil
	}
	if p.norm != nil {
		return e.addNormalizedAt(*p.norm, s.Depth)
	}
	return e.addNormalizedAt(e.normalize(*p.Doc, false), s.Depth)
}
