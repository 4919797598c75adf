package pipeline

import (
	"sync"
	"time"
)

// Progress shows how the phases of a run advance; cmd draws a progress
// bar per phase on a terminal. Begin starts a phase (total <= 0: not
// known beforehand), Add counts n more items of it done, End ends it.
// Add may be called from several goroutines.
type Progress interface {
	Begin(phase string, total int)
	Add(n int)
	End()
}

// The phases of a run, as the summary names them.
const (
	PhaseCrawl   = "crawl"          // fetching (and, without an archive, the per-page work)
	PhaseExtract = "extract"        // pages read back from the archive: parse, extract, audit, normalize
	PhaseLinks   = "links"          // the audit's link checks
	PhaseDedupe  = "de-duplication" // repeated blocks across documents
	PhaseWrite   = "write"          // rewriting and writing the documents, snippets, assets, files
	PhasePush    = "push"           // sending the export to a CMS
)

// PhaseTime is how long a phase of a run took.
type PhaseTime struct {
	Name string
	Took time.Duration
}

// Phases times the phases of a run, one after the other, and reports them
// to a Progress. A nil *Phases does nothing.
type Phases struct {
	p     Progress
	mu    sync.Mutex
	times []PhaseTime
	cur   string
	start time.Time
}

// NewPhases returns phases reported to p (nil: timed only).
func NewPhases(p Progress) *Phases { return &Phases{p: p} }

// Begin ends the current phase, if any, and starts the named one.
func (ph *Phases) Begin(name string, total int) {
	if ph == nil {
		return
	}
	ph.End()
	ph.mu.Lock()
	ph.cur, ph.start = name, time.Now()
	ph.mu.Unlock()
	if ph.p != nil {
		ph.p.Begin(name, total)
	}
}

// Add counts n items of the current phase done.
func (ph *Phases) Add(n int) {
	if ph != nil && ph.p != nil {
		ph.p.Add(n)
	}
}

// End ends the current phase and records its time.
func (ph *Phases) End() {
	if ph == nil {
		return
	}
	ph.mu.Lock()
	if ph.cur == "" {
		ph.mu.Unlock()
		return
	}
	ph.times = append(ph.times, PhaseTime{Name: ph.cur, Took: time.Since(ph.start)})
	ph.cur = ""
	ph.mu.Unlock()
	if ph.p != nil {
		ph.p.End()
	}
}

// Times returns the time each phase took, in the order they ran; a
// phase run more than once is summed.
func (ph *Phases) Times() []PhaseTime {
	if ph == nil {
		return nil
	}
	ph.mu.Lock()
	defer ph.mu.Unlock()
	var out []PhaseTime
	for _, t := range ph.times {
		found := false
		for i := range out {
			if out[i].Name == t.Name {
				out[i].Took += t.Took
				found = true
			}
		}
		if !found {
			out = append(out, t)
		}
	}
	return out
}
