package cmd

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/umzug/umzug/pipeline"
)

// SummaryOut is where a command writes its summary: w, or nowhere with
// --quiet, which means warnings and errors only.
func (g *GlobalOptions) SummaryOut(w io.Writer) io.Writer {
	if g != nil && g.Quiet {
		return io.Discard
	}
	return w
}

// writeFailureSummary prints the failures of a run grouped by reason,
// most frequent first, with a few URLs each.
func writeFailureSummary(w io.Writer, f *pipeline.FailureLog, what string) {
	lines := f.Summary()
	total := 0
	for _, l := range lines {
		total += l.Count
	}
	if total == 0 {
		return
	}
	fmt.Fprintf(w, "Failed: %d %s\n", total, what)
	for _, l := range lines {
		ex := make([]string, len(l.Examples))
		for i, u := range l.Examples {
			ex[i] = shortenURL(u)
		}
		more := ""
		if n := l.Count - len(ex); n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		fmt.Fprintf(w, "  %-20s %6d  %s%s\n", l.Reason, l.Count, strings.Join(ex, ", "), more)
	}
}

// SoftMemoryLimit keeps the heap of a long run near what it needs: unless
// GOMEMLIMIT is set, the garbage collector works harder as the heap nears
// 150 MiB (umzug load of 100,000 documents peaks at about 40 MB of live
// heap, the de-duplication index about 20 MB of it). It is a soft limit:
// a larger site still runs, with more collections.
func SoftMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(150 << 20)
	}
}

// pageWorkGC sets the garbage collector of the commands that parse and
// extract pages (migrate, audit, extract) and returns what undoes it.
// Each page's tree and extraction are garbage a few milliseconds later,
// while the live heap stays small (about 25 MB in a migrate of the
// synthetic site: the pages in flight and the index's buffers). With
// GOGC=100 the collector ran every 20–25 MB of allocation, about once
// per ten pages, and took 10–12% of the CPU. GOGC=400 lets the heap grow
// to five times the live heap, and the soft limit of 120 MiB keeps the
// peak RSS of such a run under 150 MB (about 137 MB; 93 MB before) and
// makes the collector work harder, not the heap grow, on a site whose
// live heap is larger (BENCHMARKS.md). GOGC or GOMEMLIMIT in the
// environment override their half.
//
// The limit follows the live heap (pipeline.FollowLiveHeap): it is
// 120 MiB or the live heap plus 64 MiB, whichever is more. A fixed limit
// below the live heap makes the collector run without pause: one page
// of 26 MB, whose tree alone is larger than 120 MiB, took 111 s to
// extract under it and 7 s without it.
func pageWorkGC() (restore func()) {
	gc := -2
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(pageWorkGCPercent)
	}
	stop := func() {}
	if os.Getenv("GOMEMLIMIT") == "" {
		stop = pipeline.FollowLiveHeap(pageWorkMemoryLimit, pageWorkHeadroom)
	}
	return func() {
		stop()
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
	}
}

const (
	pageWorkGCPercent   = 400
	pageWorkMemoryLimit = 120 << 20
	pageWorkHeadroom    = 64 << 20
)
