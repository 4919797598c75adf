package cmd

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/pipeline"
)

// ttyErr is stderr when it is a terminal. A log line written while a
// progress bar shows clears the bar's line first, so the two do not run
// into each other; the bar draws itself again on its next update. One
// mutex orders the bar's drawing and the log lines.
type ttyErr struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (t *ttyErr) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.bar != nil {
		_ = t.bar.Clear()
	}
	return t.w.Write(p)
}

// progress is a progress bar on stderr that exists only when stderr is a
// terminal and --quiet is not given; otherwise its methods do nothing.
type progress struct {
	tty *ttyErr
	bar *progressbar.ProgressBar
	max int
}

func newProgress(ios *IOStreams, quiet bool, what string) *progress {
	return newProgressBar(ios, quiet, what, -1, "pages")
}

// newProgressBar is a bar of total items (-1: not known) called unit.
func newProgressBar(ios *IOStreams, quiet bool, what string, total int, unit string) *progress {
	if quiet || !ios.ErrTTY {
		return &progress{}
	}
	tty, ok := ios.ErrOut.(*ttyErr)
	if !ok {
		tty = &ttyErr{w: ios.ErrOut}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(tty.w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString(unit),
		progressbar.OptionShowIts(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	tty.mu.Lock()
	tty.bar = bar
	tty.mu.Unlock()
	return &progress{tty: tty, bar: bar, max: total}
}

// add moves the bar n items on.
func (p *progress) add(n int) {
	if p.bar == nil {
		return
	}
	p.tty.mu.Lock()
	defer p.tty.mu.Unlock()
	_ = p.bar.Add(n)
}

// phaseBars shows a bar for each phase of a run (pipeline.Progress) on a
// terminal, without --quiet; the crawl's bar is moved by the crawler's
// progress (crawlUpdate), the others by the pipeline.
type phaseBars struct {
	ios   *IOStreams
	quiet bool
	cur   *progress
}

func newPhaseBars(ios *IOStreams, quiet bool) *phaseBars {
	return &phaseBars{ios: ios, quiet: quiet, cur: &progress{}}
}

// phaseLabels are the bars' descriptions and units.
var phaseLabels = map[string][2]string{
	pipeline.PhaseCrawl:   {"crawling", "pages"},
	pipeline.PhaseExtract: {"extracting", "pages"},
	pipeline.PhaseLinks:   {"checking links", "links"},
	pipeline.PhaseDedupe:  {"de-duplicating", "documents"},
	pipeline.PhaseWrite:   {"writing", "documents"},
	pipeline.PhasePush:    {"pushing", "records"},
}

func (b *phaseBars) Begin(phase string, total int) {
	b.cur.finish()
	l, ok := phaseLabels[phase]
	if !ok {
		l = [2]string{phase, "items"}
	}
	if total <= 0 {
		total = -1
	}
	b.cur = newProgressBar(b.ios, b.quiet, l[0], total, l[1])
}

func (b *phaseBars) Add(n int) { b.cur.add(n) }

func (b *phaseBars) End() {
	b.cur.finish()
	b.cur = &progress{}
}

// crawlUpdate moves the crawl phase's bar.
func (b *phaseBars) crawlUpdate(cp crawl.CrawlProgress) { b.cur.crawlUpdate(cp) }

// phaseTimes is the summary line of the time each phase took.
func phaseTimes(ts []pipeline.PhaseTime) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, t.Name+" took "+t.Took.Round(10*time.Millisecond).String())
	}
	return strings.Join(parts, ", ")
}

// crawlUpdate shows fetched and queued pages, errors and retries.
func (p *progress) crawlUpdate(cp crawl.CrawlProgress) {
	if p.bar == nil {
		return
	}
	p.tty.mu.Lock()
	defer p.tty.mu.Unlock()
	p.bar.Describe(fmt.Sprintf("crawling (%d queued, %d errors, %d retries)", cp.Queued, cp.Errors, cp.Retries))
	p.set(cp.Fetched, cp.Fetched+cp.Queued)
}

// set moves the bar to done of discovered (the total grows as the crawler
// finds new URLs); the caller holds the terminal's lock.
func (p *progress) set(done, discovered int) {
	if discovered > p.max {
		p.max = discovered
		p.bar.ChangeMax(discovered)
	}
	_ = p.bar.Set(done)
}

func (p *progress) finish() {
	if p.bar == nil {
		return
	}
	p.tty.mu.Lock()
	defer p.tty.mu.Unlock()
	_ = p.bar.Finish()
	p.tty.bar = nil
}
