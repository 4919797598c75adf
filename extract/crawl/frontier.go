package crawl

import (
	"hash/maphash"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// urlKey is a 128-bit hash of a canonical URL: the claimed set keeps
// these instead of the URLs (16 bytes instead of about 100 per URL, which
// keeps memory flat on large sites); at a billion URLs the chance of one
// collision is still below 1e-20.
type urlKey [2]uint64

var keySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func keyOf(u string) urlKey {
	return urlKey{maphash.String(keySeeds[0], u), maphash.String(keySeeds[1], u)}
}

// frontierItem is a claimed URL waiting to be fetched.
type frontierItem struct {
	url   string
	depth int
	from  string
	asset bool // a file link: fetched and recorded, never parsed for links
}

// claimResult says why a URL was or was not claimed.
type claimResult int

const (
	claimed claimResult = iota
	claimSeen
	claimOverBudget // MaxPages reached
	claimTrap       // the URL's pattern used up its budget
)

// frontier is the crawl's set of claimed URLs and its queue. Every
// canonical URL is claimed once, under one lock, before anything requests
// it: colly's own visited set checks and marks in two steps and lets
// concurrent requests for one URL through. With an archive the claims are
// persisted with the page that found them, so a restarted crawl rebuilds
// the same set (see Archive.loadFrontier).
type frontier struct {
	mu      sync.Mutex
	cond    *sync.Cond
	seen    map[urlKey]struct{}
	queue   []frontierItem
	head    int
	active  int // items handed out and not finished
	closed  bool
	stopped bool // closed by close: not reopened

	maxPages    int
	trapBudget  int
	patterns    map[string]int // budgeted pattern -> URLs claimed
	trapSkipped map[string]int // pattern -> URLs refused
}

func newFrontier(maxPages, trapBudget int) *frontier {
	f := &frontier{seen: map[urlKey]struct{}{}, maxPages: maxPages, trapBudget: trapBudget,
		patterns: map[string]int{}, trapSkipped: map[string]int{}}
	f.cond = sync.NewCond(&f.mu)
	return f
}

// claim takes a canonical URL for this crawl. Only the caller that gets
// claimed may fetch it.
func (f *frontier) claim(u string, parsed *url.URL) claimResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := keyOf(u)
	if _, ok := f.seen[k]; ok {
		return claimSeen
	}
	if f.maxPages > 0 && len(f.seen) >= f.maxPages {
		return claimOverBudget
	}
	if f.trapBudget > 0 && parsed != nil {
		if p, budgeted := trapPattern(parsed); budgeted {
			if f.patterns[p] >= f.trapBudget {
				f.trapSkipped[p]++
				return claimTrap
			}
			f.patterns[p]++
		}
	}
	f.seen[k] = struct{}{}
	return claimed
}

// markSeen records a URL claimed in an earlier session of the same run.
func (f *frontier) markSeen(u string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := keyOf(u)
	if _, ok := f.seen[k]; ok {
		return
	}
	f.seen[k] = struct{}{}
	if pu, err := url.Parse(u); err == nil && f.trapBudget > 0 {
		if p, budgeted := trapPattern(pu); budgeted {
			f.patterns[p]++
		}
	}
}

// push queues a claimed URL.
func (f *frontier) push(it frontierItem) {
	f.mu.Lock()
	f.queue = append(f.queue, it)
	f.mu.Unlock()
	f.cond.Signal()
}

// pop hands out the next URL, waiting while other workers may still find
// more. ok is false when the crawl is over or closed.
func (f *frontier) pop() (frontierItem, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for {
		if f.closed {
			return frontierItem{}, false
		}
		if f.head < len(f.queue) {
			it := f.queue[f.head]
			f.queue[f.head] = frontierItem{}
			f.head++
			if f.head > 1024 && f.head*2 > len(f.queue) {
				f.queue = append(f.queue[:0], f.queue[f.head:]...)
				f.head = 0
			}
			f.active++
			return it, true
		}
		if f.active == 0 {
			f.closed = true
			f.cond.Broadcast()
			return frontierItem{}, false
		}
		f.cond.Wait()
	}
}

// done ends the work on an item handed out by pop.
func (f *frontier) done() {
	f.mu.Lock()
	f.active--
	f.mu.Unlock()
	f.cond.Broadcast()
}

// close stops handing out URLs (Ctrl-C, a failing callback).
func (f *frontier) close() {
	f.mu.Lock()
	f.closed, f.stopped = true, true
	f.mu.Unlock()
	f.cond.Broadcast()
}

// reopen hands out URLs again after the queue ran dry (a second round of
// work); false when the crawl was closed (Ctrl-C) or is still working.
func (f *frontier) reopen() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.active > 0 || f.stopped {
		return false
	}
	f.closed = false
	return true
}

// queued returns the URLs waiting plus those being fetched.
func (f *frontier) queued() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queue) - f.head + f.active
}

// TrapReport is a URL pattern whose budget was used up.
type TrapReport struct {
	Pattern string // host and path with {year}, {date}, {n}, and the query's parameter names
	Budget  int    // URLs of the pattern that were crawled
	Skipped int    // further URLs of the pattern that were not
}

func (f *frontier) traps() []TrapReport {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []TrapReport
	for p, n := range f.trapSkipped {
		out = append(out, TrapReport{Pattern: p, Budget: f.patterns[p], Skipped: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Skipped != out[j].Skipped {
			return out[i].Skipped > out[j].Skipped
		}
		return out[i].Pattern < out[j].Pattern
	})
	return out
}

// identityParams are query parameters that name a page rather than a view
// of it: TYPO3's page id, language, cache hash and page type. A URL whose
// query has only these is an ordinary page.
var identityParams = map[string]bool{"id": true, "L": true, "cHash": true, "type": true}

// trapPattern returns the pattern of a URL for the infinite-space budget,
// and whether the pattern is budgeted at all. Path segments that are a
// year, a date or a number become {year}, {date} and {n}; a query with
// parameters other than id, L, cHash and type becomes "?{params}". A pattern is budgeted when its path
// has a year or a date (calendars, archives by month) or its query has a
// parameter beyond id, L, cHash and type (facets, filters, sorting,
// paging): those are the URL spaces a site can generate without end.
// Ordinary pages ("/bereich-3/seite-42/", "index.php?id=42&L=1") are never
// budgeted.
func trapPattern(u *url.URL) (string, bool) {
	budgeted := false
	var b strings.Builder
	b.WriteString(u.Host)
	segs := strings.Split(u.EscapedPath(), "/")
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('/')
		}
		switch {
		case isYear(s):
			b.WriteString("{year}")
			budgeted = true
		case isDateSegment(s):
			b.WriteString("{date}")
			budgeted = true
		case s != "" && allDigits(s):
			b.WriteString("{n}")
		default:
			b.WriteString(s)
		}
	}
	if u.RawQuery != "" {
		for _, p := range strings.Split(u.RawQuery, "&") {
			k, _, _ := strings.Cut(p, "=")
			if ku, err := url.QueryUnescape(k); err == nil {
				k = ku
			}
			if !identityParams[k] {
				// Facets combine without end: every combination of
				// parameters on one path shares the path's budget.
				b.WriteString("?{params}")
				budgeted = true
				break
			}
		}
	}
	return b.String(), budgeted
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isYear(s string) bool {
	return len(s) == 4 && allDigits(s) && (s[:2] == "19" || s[:2] == "20")
}

// isDateSegment matches 2024-03, 2024-03-15, 20240315, 15.03.2024.
func isDateSegment(s string) bool {
	switch {
	case len(s) == 7 && isYear(s[:4]) && s[4] == '-' && allDigits(s[5:]):
		return true
	case len(s) == 10 && isYear(s[:4]) && s[4] == '-' && s[7] == '-' && allDigits(s[5:7]) && allDigits(s[8:]):
		return true
	case len(s) == 8 && allDigits(s) && isYear(s[:4]):
		return true
	case len(s) == 10 && s[2] == '.' && s[5] == '.' && allDigits(s[:2]) && allDigits(s[3:5]) && isYear(s[6:]):
		return true
	}
	return false
}
