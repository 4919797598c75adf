package cmd

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/umzug/umzug/extract/crawl"
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
	if quiet || !ios.ErrTTY {
		return &progress{}
	}
	tty, ok := ios.ErrOut.(*ttyErr)
	if !ok {
		tty = &ttyErr{w: ios.ErrOut}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(tty.w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("pages"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	tty.mu.Lock()
	tty.bar = bar
	tty.mu.Unlock()
	return &progress{tty: tty, bar: bar}
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
