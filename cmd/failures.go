package cmd

import (
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// failureLog collects what a run could not process: each failure is
// logged with its URL and reason as it happens, counted per reason for
// the summary, the manifest and the exit code, and kept (on disk, sorted
// by URL at the end) for failures.ndjson. Safe for concurrent use.
type failureLog struct {
	log *slog.Logger

	mu       sync.Mutex
	counts   map[string]int
	examples map[string][]string
	spool    *load.Spool // nil: counted and logged only
	err      error       // first error of the spool
}

// maxExamples is the number of URLs the summary shows per reason.
const maxExamples = 3

// newFailureLog returns a failure log; keep says whether every failure
// is kept for failures.ndjson.
func newFailureLog(log *slog.Logger, keep bool) (*failureLog, error) {
	f := &failureLog{log: log, counts: map[string]int{}, examples: map[string][]string{}}
	if keep {
		sp, err := load.NewSpool("")
		if err != nil {
			return nil, err
		}
		f.spool = sp
	}
	return f, nil
}

// add records one failure.
func (f *failureLog) add(fl umzug.Failure) {
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

// recovered turns a panic of one page's work into a failure: the run goes
// on with the next page. Use as: defer fails.recovered(url, stage, &ok).
func (f *failureLog) recovered(url, stage string, failed *bool) {
	r := recover()
	if r == nil {
		return
	}
	f.log.Debug("panic", "url", url, "stage", stage, "stack", string(debug.Stack()))
	f.add(umzug.Failure{URL: url, Stage: stage, Reason: umzug.PanicReason(stage), Message: fmt.Sprintf("panic: %v", r)})
	if failed != nil {
		*failed = true
	}
}

// total is the number of failures.
func (f *failureLog) total() int {
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

// byReason returns a copy of the counts per reason (nil when none).
func (f *failureLog) byReason() map[string]int {
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

// merge adds counts of failures recorded elsewhere (an earlier session of
// an archived crawl run), without URLs.
func (f *failureLog) merge(counts map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, v := range counts {
		if v > f.counts[k] {
			f.counts[k] = v
		}
	}
}

// write writes failures.ndjson to the export, sorted by URL.
func (f *failureLog) write(exp *load.Exporter) error {
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

func (f *failureLog) close() {
	if f.spool != nil {
		_ = f.spool.Close()
	}
}

// writeSummary prints the failures grouped by reason, most frequent
// first, with a few URLs each.
func (f *failureLog) writeSummary(w io.Writer, what string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	total := 0
	reasons := make([]string, 0, len(f.counts))
	for r, n := range f.counts {
		total += n
		reasons = append(reasons, r)
	}
	if total == 0 {
		return
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if f.counts[a] != f.counts[b] {
			return f.counts[b] - f.counts[a]
		}
		return strings.Compare(a, b)
	})
	fmt.Fprintf(w, "Failed: %d %s\n", total, what)
	for _, r := range reasons {
		ex := make([]string, len(f.examples[r]))
		for i, u := range f.examples[r] {
			ex[i] = shortenURL(u)
		}
		more := ""
		if n := f.counts[r] - len(ex); n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		fmt.Fprintf(w, "  %-20s %6d  %s%s\n", r, f.counts[r], strings.Join(ex, ", "), more)
	}
}
