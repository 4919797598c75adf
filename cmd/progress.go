package cmd

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar on stderr that exists only when stderr is a
// terminal and --quiet is not given; otherwise its methods do nothing.
type progress struct {
	bar *progressbar.ProgressBar
	max int
}

func newProgress(ios *IOStreams, quiet bool, what string) *progress {
	if quiet || !ios.ErrTTY {
		return &progress{}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(ios.ErrOut),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("pages"),
		progressbar.OptionShowIts(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	return &progress{bar: bar}
}

// update sets the bar to done of discovered; the total grows as the
// crawler finds new URLs.
func (p *progress) update(done, discovered int) {
	if p.bar == nil {
		return
	}
	if discovered > p.max {
		p.max = discovered
		p.bar.ChangeMax(discovered)
	}
	_ = p.bar.Set(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
