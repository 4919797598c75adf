package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/load"
)

// Migration is one run of migrate: the site crawled (or an archive read
// offline), every response through Work, the documents through the
// export engine into the export directory.
type Migration struct {
	Work     *Work
	Export   *Export
	Exporter *load.Exporter
	// Crawl, when set, crawls the site (into Crawl.ArchiveDir when set,
	// and the export then reads that run back from the archive). Nil
	// exports Archive offline.
	Crawl *crawl.CrawlOptions
	// Archive is the archive to export from; RunID selects a run of it
	// offline (0: the latest capture of every URL).
	Archive string
	RunID   int64
	// RunStatus is the status of the selected run of an offline export.
	RunStatus string
	// Now gives the finish time of the manifest.
	Now func() time.Time
	// Phases times the phases of the run and shows their progress (nil:
	// neither).
	Phases *Phases
}

// MigrateResult is what a migration did.
type MigrateResult struct {
	Crawl    crawl.CrawlStats
	Export   ExportResult
	Manifest load.Manifest
	// Status and Why are the export's status and, unless complete, why.
	Status, Why string
	// StatusNotes say how many pages answered which error status.
	StatusNotes []string
	Pages       int // responses audited
	// Phases is the time each phase of the run took.
	Phases []PhaseTime
}

// Run runs the migration. An error is returned when the run could not
// finish the export (a failing disk, a broken archive); what failed on
// single pages is in the result's status and the failure log.
func (m *Migration) Run(ctx context.Context) (MigrateResult, error) {
	var res MigrateResult
	ph := m.Phases
	defer ph.End()
	m.Export.SetPhases(ph)
	m.Work.Export = m.Export // documents are normalized on the workers
	sink := &ExportSink{Export: m.Export, Fails: m.Work.Fails}
	offline := m.Crawl == nil
	var stats crawl.CrawlStats
	interrupted := false
	if !offline {
		stream := m.Work.Process(ctx, sink)
		var crawlErr error
		ph.Begin(PhaseCrawl, 0)
		if m.Crawl.ArchiveDir != "" {
			// Exported from the archive below.
			stats, crawlErr = crawl.Crawl(ctx, *m.Crawl, func(*umzug.Snapshot) error { return nil })
		} else {
			// Each page is parsed once: the crawl takes its links from the
			// tree the workers extract from.
			stats, crawlErr = crawl.CrawlParsed(ctx, *m.Crawl, stream.AddParsed)
		}
		if err := stream.Close(); err != nil && crawlErr == nil {
			crawlErr = err
		}
		ph.End()
		switch {
		case errors.Is(crawlErr, context.Canceled):
			interrupted = true
		case crawlErr != nil:
			return res, fmt.Errorf("crawling %s: %w", m.Crawl.Seeds[0], crawlErr)
		}
	}
	if m.Archive != "" {
		// The archive holds the whole run, also what an earlier,
		// interrupted session of it fetched; after Ctrl-C, what was
		// crawled until then is exported (marked interrupted).
		run := m.RunID
		if !offline {
			run = stats.RunID
		} else if m.RunID != 0 {
			stats.RunStatus = m.RunStatus
		}
		readCtx := ctx
		if interrupted {
			readCtx = context.WithoutCancel(ctx)
		}
		n := 0
		ph.Begin(PhaseExtract, 0) // the archive may hold more captures than this session fetched
		stream := m.Work.Process(readCtx, &countingSink{Sink: sink, ph: ph})
		err := archive.ReadArchiveRun(readCtx, m.Archive, archive.ReadArchiveOptions{Run: run}, func(s *umzug.Snapshot) error {
			n++
			return stream.Add(s)
		})
		if cerr := stream.Close(); cerr != nil && err == nil {
			err = cerr
		}
		ph.End()
		switch {
		case errors.Is(err, context.Canceled):
			interrupted = true
		case err != nil:
			return res, err
		}
		if offline {
			stats.Fetched = n
		}
		if !interrupted && m.wholeSite(stats) {
			if err := m.addRemoved(ctx, run); err != nil {
				return res, err
			}
		}
	}
	findings := sink.Findings
	if a := m.Work.Audit; a != nil {
		if !interrupted {
			ph.Begin(PhaseLinks, a.LinkTargets())
			more, err := a.FinishProgress(ctx, ph.Add)
			ph.End()
			switch {
			case errors.Is(err, context.Canceled):
				interrupted = true
			case err != nil:
				return res, fmt.Errorf("checking links: %w", err)
			}
			findings = append(findings, more...)
		}
		if m.Work.Redirects != nil {
			findings = append(findings, m.Work.Redirects.Findings()...)
		}
		res.Pages = a.Pages()
	}
	m.Export.AddFindings(findings...)

	// Ctrl-C stops the crawl; what was crawled until then is exported.
	er, err := m.Export.Finish(context.WithoutCancel(ctx), m.Exporter)
	if err != nil {
		return res, err
	}
	er.Stats["pagesFetched"] = stats.Fetched
	er.Stats["fetchFailed"] = stats.Failed
	er.Stats["robotsBlocked"] = stats.RobotsBlocked
	er.Stats["overBudget"] = stats.OverBudget
	er.Stats["trapSkipped"] = stats.TrapSkipped
	er.Stats["sitemapsSkipped"] = stats.SitemapsSkipped
	for code, n := range sink.ErrorStatus {
		er.Stats["pagesErrorStatus"] += n
		res.StatusNotes = append(res.StatusNotes, fmt.Sprintf("%d answered %d", n, code))
	}
	slices.Sort(res.StatusNotes)
	res.Status, res.Why = migrateStatus(interrupted, stats, sink, m.Work.Fails.Total(), m.Export.Documents()-er.Rejected)
	m.Exporter.SetStatus(res.Status, m.Work.Fails.ByReason())
	m.Exporter.SetSkipped(m.Export.Skipped())
	man, err := m.Exporter.Finish(m.Now().UTC().Format(time.RFC3339), er.Stats)
	if err != nil {
		return res, err
	}
	ph.End()
	res.Crawl, res.Export, res.Manifest, res.Phases = stats, er, man, ph.Times()
	return res, nil
}

// wholeSite reports whether this session crawled the whole site as far as
// it is linked: no page, trap or sitemap budget left URLs out, no depth
// limit and no include or exclude pattern narrowed it. Only then is a page
// the previous run had and this one did not reach gone from the site; a
// narrower crawl simply did not look (archive.DiffArchive cannot tell, as
// the URLs a crawl refuses are not recorded). An export of a stored run
// (no crawl in this session) cannot tell either.
func (m *Migration) wholeSite(st crawl.CrawlStats) bool {
	c := m.Crawl
	return c != nil && c.MaxPages == 0 && c.MaxDepth == 0 && len(c.Include) == 0 && len(c.Exclude) == 0 &&
		st.OverBudget == 0 && st.TrapSkipped == 0 && st.SitemapsSkipped == 0
}

// addRemoved gives the export the URLs that the archive's previous run
// found and run, the latest, no longer reached (archive.DiffArchive's
// removed as "no longer linked" from a page fetched fine), and those that
// run found deleted (404, 410) and an earlier run had as pages
// (archive.DeletedPages): taken off the old site since, they answer 410
// in the redirect map and the inventory says so. An archive with one run,
// a run that is not the latest, or a failed run (the site was down:
// nothing was removed) gives none.
func (m *Migration) addRemoved(ctx context.Context, run int64) error {
	runs, err := archive.ArchiveRuns(ctx, m.Archive)
	if err != nil {
		return err
	}
	withCaptures := 0
	for _, r := range runs {
		if r.Captures > 0 {
			withCaptures++
		}
	}
	if withCaptures < 2 {
		return nil
	}
	d, err := archive.DiffArchive(ctx, m.Archive, 0, 0)
	if err != nil {
		return err
	}
	if d.Failed != nil || run != 0 && d.To.ID != run || !slices.Equal(d.From.Seeds, d.To.Seeds) {
		return nil // not comparable: the site was down, or another crawl
	}
	for _, c := range d.Changes {
		if c.Change == "removed" && c.ToStatus == 0 {
			m.Export.AddRemoved(c.URL, fmt.Sprintf("removed since run %d of %s: %s, not fetched in this run", d.From.ID, d.From.StartedAt.UTC().Format("2006-01-02"), c.Reason))
		}
	}
	// Pages that answer 404 or 410 now and were pages in an earlier run:
	// deleted since, the night before or long ago (the crawl asks for the
	// pages of earlier runs again), so every later export still has them.
	// Their not-found row becomes the same gone row.
	deleted, err := archive.DeletedPages(ctx, m.Archive, d.To.ID)
	if err != nil {
		return err
	}
	for _, g := range deleted {
		m.Export.AddRemovedFetched(g.URL, fmt.Sprintf("removed since run %d of %s: HTTP %d now", g.LastRun, g.LastSeen.UTC().Format("2006-01-02"), g.Status))
	}
	return nil
}

// migrateStatus decides the status of an export: interrupted after
// Ctrl-C; failed when the crawl run failed (the site was down), no page
// got a usable response or no document was exported; partial when some
// URLs or documents failed; else complete.
func migrateStatus(interrupted bool, st crawl.CrawlStats, x *ExportSink, failed, docs int) (string, string) {
	switch {
	case interrupted:
		return umzug.StatusInterrupted, "interrupted: the export holds what was crawled until then and is marked interrupted"
	case st.RunStatus == umzug.StatusFailed:
		return umzug.StatusFailed, fmt.Sprintf("failed: the crawl got no usable response for most URLs (%d of %d failed); the site may be down", failed, max(x.Snapshots, st.RunURLs))
	case x.Usable == 0:
		return umzug.StatusFailed, "failed: no page of the site could be fetched"
	case 2*(x.Snapshots-x.Usable) > x.Snapshots:
		return umzug.StatusFailed, fmt.Sprintf("failed: %d of %d URLs got no usable response or could not be read", x.Snapshots-x.Usable, x.Snapshots)
	case docs == 0 && st.Fetched > 0 && st.Status[404]+st.Status[410] == st.Fetched:
		// Every page answered "not found": the start URL is wrong (a
		// moved section, a typo), not a site without content.
		return umzug.StatusFailed, fmt.Sprintf("failed: nothing was exported: the start URL answered %d (not found); check the address", notFoundStatus(st))
	case docs == 0:
		return umzug.StatusFailed, "failed: nothing was exported (no page with content)"
	case failed > 0:
		return umzug.StatusPartial, fmt.Sprintf("partial: %d URLs or documents failed; the export lacks them (see failures.ndjson)", failed)
	}
	return umzug.StatusComplete, ""
}

// countingSink counts the pages handed to a sink as the current phase's
// progress.
type countingSink struct {
	Sink
	ph *Phases
}

func (c *countingSink) Add(p *Page) error {
	c.ph.Add(1)
	return c.Sink.Add(p)
}

// notFoundStatus is 404, or 410 when the crawl got only that.
func notFoundStatus(st crawl.CrawlStats) int {
	if st.Status[404] == 0 {
		return 410
	}
	return 404
}
