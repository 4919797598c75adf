package pipeline

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// FailureLog collects what a run could not process: each failure is
// logged with its URL and reason as it happens, counted per reason for
// the summary, the manifest and the exit code, and kept (on disk, sorted
// by URL at the end) for failures.ndjson. Safe for concurrent use; the
// methods of a nil FailureLog count nothing.
type FailureLog struct {
	log *slog.Logger

	mu       sync.Mutex
	counts   map[string]int
	examples map[string][]string
	spool    *load.Spool // nil: counted and logged only
	err      error       // first error of the spool
}

// maxExamples is the number of URLs the summary shows per reason.
const maxExamples = 3

// NewFailureLog returns a failure log; keep says whether every failure
// is kept for failures.ndjson.
func NewFailureLog(log *slog.Logger, keep bool) (*FailureLog, error) {
	f := &FailureLog{log: log, counts: map[string]int{}, examples: map[string][]string{}}
	if keep {
		sp, err := load.NewSpool("")
		if err != nil {
			return nil, err
		}
		f.spool = sp
	}
	return f, nil
}

// Add records one failure.
func (f *FailureLog) Add(fl umzug.Failure) {
	attrs := []any{"url", fl.URL, "reason", fl.Reason, "stage", fl.Stage, "err", fl.Message}
	if fl.Record != "" {
		attrs = append(attrs, "record", fl.Record)
	}
	if fl.LinkedFrom != "" {
		attrs = append(attrs, "linkedFrom", fl.LinkedFrom)
	}
	f.log.Warn("failed", attrs...)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts[fl.Reason]++
	if len(f.examples[fl.Reason]) < maxExamples {
		f.examples[fl.Reason] = append(f.examples[fl.Reason], fl.URL)
	}
	if f.spool != nil && f.err == nil {
		if _, err := f.spool.Append(fl.URL+"\x00"+fl.Stage+"\x00"+fl.Reason, &fl); err != nil {
			f.err = err
		}
	}
}

// Recovered turns a panic of one page's work into a failure: the run goes
// on with the next page. Use as: defer fails.Recovered(url, stage, &ok).
func (f *FailureLog) Recovered(url, stage string, failed *bool) {
	r := recover()
	if r == nil {
		return
	}
	f.Add(f.PanicFailure(url, stage, r))
	if failed != nil {
		*failed = true
	}
}

// PanicFailure is the failure of a page whose work at stage panicked
// with r; the stack is logged at debug level. The caller records it (Add)
// where the order of the run is kept.
func (f *FailureLog) PanicFailure(url, stage string, r any) umzug.Failure {
	if f != nil && f.log != nil {
		f.log.Debug("panic", "url", url, "stage", stage, "stack", string(debug.Stack()))
	}
	return umzug.Failure{URL: url, Stage: stage, Reason: umzug.PanicReason(stage), Message: fmt.Sprintf("panic: %v", r)}
}

// Total is the number of failures.
func (f *FailureLog) Total() int {
	if f == nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.counts {
		n += c
	}
	return n
}

// ByReason returns a copy of the counts per reason (nil when none).
func (f *FailureLog) ByReason() map[string]int {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.counts) == 0 {
		return nil
	}
	out := make(map[string]int, len(f.counts))
	for k, v := range f.counts {
		out[k] = v
	}
	return out
}

// Merge adds counts of failures recorded elsewhere (an earlier session of
// an archived crawl run), without URLs.
func (f *FailureLog) Merge(counts map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, v := range counts {
		if v > f.counts[k] {
			f.counts[k] = v
		}
	}
}

// write writes failures.ndjson to the export, sorted by URL.
func (f *FailureLog) write(exp *load.Exporter) error {
	if f.err != nil {
		return f.err
	}
	if f.spool == nil {
		return nil
	}
	if err := f.spool.Flush(); err != nil {
		return err
	}
	return writeSpooled(exp, f.spool, "failures.ndjson", "failure")
}

// Close removes the spool of kept failures.
func (f *FailureLog) Close() {
	if f == nil {
		return
	}
	if f.spool != nil {
		_ = f.spool.Close()
	}
}

// ReasonCount is one line of a failure summary: a reason, how many URLs
// failed for it and the first few of them.
type ReasonCount struct {
	Reason   string
	Count    int
	Examples []string
}

// Summary returns the failures grouped by reason, most frequent first.
func (f *FailureLog) Summary() []ReasonCount {
	if f == nil {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]ReasonCount, 0, len(f.counts))
	for r, n := range f.counts {
		if n > 0 {
			out = append(out, ReasonCount{Reason: r, Count: n, Examples: slices.Clone(f.examples[r])})
		}
	}
	slices.SortFunc(out, func(a, b ReasonCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return out
}
