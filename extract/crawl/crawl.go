package crawl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/archive"
)

// DefaultUserAgent names umzug and where a site owner learns about it.
const DefaultUserAgent = "umzug/" + "0.1 (+https://github.com/umzug/umzug; website migration crawler)"

// CrawlOptions configure a crawl. The zero value of each field means its
// default.
type CrawlOptions struct {
	Seeds        []string         // start URLs; their hosts are the crawl's scope
	AllowedHosts []string         // further hosts (host or host:port) in scope
	MaxPages     int              // stop discovering after this many URLs; 0 = no limit
	MaxDepth     int              // link distance from a seed; 0 = no limit
	Concurrency  int              // parallel requests per host (default 4)
	Delay        time.Duration    // pause of each request slot after a request to one host
	UserAgent    string           // default DefaultUserAgent
	Timeout      time.Duration    // per attempt, headers and body (default 30s)
	IgnoreRobots bool             // fetch what robots.txt disallows, ignore its Crawl-delay
	NoSitemaps   bool             // do not seed from robots.txt Sitemap lines and /sitemap.xml
	Include      []*regexp.Regexp // when set, only URLs matching one of these
	Exclude      []*regexp.Regexp // URLs matching any of these are skipped
	MaxBodySize  int              // bytes, also after decompression (default 20 MB)
	Retries      int              // further attempts after a transient failure (default 3; -1: none)
	RetryBackoff time.Duration    // first backoff, doubled per attempt, with jitter (default 1s)
	MaxRetryWait time.Duration    // cap on one backoff or Retry-After wait (default 60s)
	TrapBudget   int              // URLs per calendar/facet URL pattern (default 100; -1: no limit)
	FetchAssets  bool             // fetch linked files (PDF, images, …) and record them as assets
	// Auth adds headers and basic auth to the requests to the hosts it
	// names (a staging site); the archive never keeps them. User info in
	// a seed URL is added to it for the seed's host.
	Auth *Auth
	// ArchiveDir, when set, keeps every request and response as WARC
	// records under ArchiveDir/warc and indexes them in
	// ArchiveDir/index.sqlite; the frontier is persisted there, so a crawl
	// that was killed continues where it stopped, and a crawl of an archive
	// whose last run is complete makes conditional requests against it.
	ArchiveDir string
	NewRun     bool         // with ArchiveDir: start a new run even if the last one was interrupted
	Logger     *slog.Logger // default: discard
	// OnProgress, when set, is called after each delivered snapshot.
	OnProgress func(CrawlProgress)
	// ConnectTo sends the requests for a named origin to another one (a
	// mirror, a staging copy, the demo server): URLs, the archive and
	// snapshots keep the named origin, so re-crawls of a mirror on
	// another address line up. Links found to an answering origin are
	// read as links to its named origin.
	ConnectTo Origins
}

// CrawlProgress is the state of a running crawl.
type CrawlProgress struct {
	Fetched int           // responses and failures recorded in this session
	Queued  int           // URLs waiting or being fetched
	Errors  int           // failed fetches and 4xx/5xx responses
	Bytes   int64         // body bytes received
	Retries int           // repeated attempts
	Elapsed time.Duration // since the session started
}

// CrawlStats sum up a crawl (one session of a run).
type CrawlStats struct {
	RunID         int64       // archive run, 0 without an archive
	Resumed       bool        // the session continued an interrupted run
	Discovered    int         // URLs claimed for fetching (this session)
	Fetched       int         // responses received (any status)
	Failed        int         // requests that got no response after all attempts
	Unchanged     int         // 304 Not Modified on a re-crawl
	Rechecked     int         // pages of the last run that no link reached any more, requested again
	Assets        int         // non-HTML responses recorded as assets
	Bytes         int64       // body bytes received
	Retries       int         // repeated attempts (timeouts, resets, 429, 5xx)
	Status        map[int]int // responses per HTTP status
	RobotsBlocked int         // URLs robots.txt disallowed
	OutOfScope    int         // links to other hosts or filtered by include/exclude
	// TopOutOfScope is the origin ("https://www.example.de") of another
	// host that the pages link to most, TopOutOfScopeURLs how many of its
	// URLs (counted up to 100): a copy of a site whose pages name the
	// public host (TYPO3's config.baseURL in <base href>) links there
	// only, and the crawl ends after the start page.
	TopOutOfScope     string
	TopOutOfScopeURLs int
	SkippedFiles      int // links to files that were not fetched
	OverBudget        int // URLs not fetched because of MaxPages
	TrapSkipped       int // URLs not fetched because their pattern's budget was used up
	Traps             []TrapReport
	// SitemapsSkipped counts sitemaps not read because a host listed more
	// than maxSitemapsPerHost; SitemapErrors those that could not be
	// fetched or parsed.
	SitemapsSkipped int
	SitemapErrors   int
	Elapsed         time.Duration

	// RunStatus is the outcome of the run (all its sessions when
	// archived): umzug.StatusComplete, StatusPartial (some URLs failed),
	// StatusFailed (no usable response, or most URLs failed: the site was
	// down; an archived run is marked failed) or StatusInterrupted.
	RunStatus string
	// RunURLs and RunFailures count the URLs the run recorded and those
	// that failed, per reason (see extract.SnapshotFailure).
	RunURLs     int
	RunFailures map[string]int
}

// MaxSitemapsPerHost caps the sitemaps read per host (a sitemap index
// may list sitemap indexes without end); the rest are counted and
// reported.
const MaxSitemapsPerHost = 1000

// maxRobotsBytes is what is read of a robots.txt: RFC 9309 asks for at
// least 500 KiB.
const maxRobotsBytes = 500 << 10

const (
	defaultConcurrency = 4
	defaultMaxBody     = 20 << 20
	defaultTimeout     = 30 * time.Second
	defaultRetries     = 3
	defaultBackoff     = time.Second
	defaultMaxWait     = 60 * time.Second
	defaultTrapBudget  = 100
	gzipLevel          = 1 // WARC members: speed over the last percent of size
)

// ignoredExt are links to files of the site's machinery (styles, scripts,
// fonts, feeds and sitemaps), never fetched, not even with FetchAssets.
var ignoredExt = map[string]bool{
	".gz": true, ".rar": true, ".ico": true, ".css": true, ".js": true, ".json": true, ".rss": true,
	".xml": true, ".woff": true, ".woff2": true,
	".ttf": true, ".eot": true, ".map": true,
}

// Crawl fetches the site reachable from opts.Seeds with colly and calls fn
// once per response, from one goroutine, in the order responses are
// recorded. The scope is the seeds' hosts plus opts.AllowedHosts;
// robots.txt is obeyed unless opts.IgnoreRobots. Every canonical URL is
// claimed once before it is requested, so no URL is fetched twice, whatever
// the concurrency. A request that gets no response is delivered as a
// Snapshot with Status 0 and a "fetch-failed" warning. With
// opts.ArchiveDir, fn sees a snapshot only after its records are committed
// to the archive. An error from fn stops the crawl and is returned; a
// cancelled ctx stops it cleanly (the archive's run can be resumed) and
// returns ctx.Err().
func Crawl(ctx context.Context, opts CrawlOptions, fn func(*umzug.Snapshot) error) (CrawlStats, error) {
	cr, err := newCrawler(ctx, opts)
	if err != nil {
		return CrawlStats{}, err
	}
	defer cr.cancel(nil)
	return cr.run(func(s *umzug.Snapshot, _ *html.Node) error { return fn(s) })
}

// CrawlParsed is Crawl for a caller that parses the pages anyway (the
// pipeline extracts them): each HTML page with a 2xx status (not one
// fetched as an asset) is parsed once, with html.Parse, on the fetching
// goroutine; its links are taken from that tree instead of a second pass
// of the tokenizer, and fn gets the tree with the snapshot, to keep (it
// is nil for other responses and for a page the parser failed on). The
// crawl is Crawl's: the same links in the same order, the same requests.
func CrawlParsed(ctx context.Context, opts CrawlOptions, fn func(*umzug.Snapshot, *html.Node) error) (CrawlStats, error) {
	cr, err := newCrawler(ctx, opts)
	if err != nil {
		return CrawlStats{}, err
	}
	defer cr.cancel(nil)
	cr.parse = true
	// A parsed page weighs several times its body, and a tree that
	// waits long is work for the garbage collector: at most parsedTrees
	// pages are parsed and not yet handed to fn (a fetching goroutine
	// waits for a slot before it parses), and the queue to the sink is
	// short.
	cr.trees = make(chan struct{}, parsedTrees)
	cr.sinkCh = make(chan recorded, parsedTrees)
	return cr.run(fn)
}

type crawler struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	opts   CrawlOptions
	log    *slog.Logger
	c      *colly.Collector
	fetch  *fetcher
	conn   *connector      // ConnectTo; nil without
	hosts  map[string]bool // host[:port] in scope
	front  *frontier
	arch   Store // nil without an archive
	prev   map[string]archive.Previous
	// sameSeeds: the archive's last complete run had the same seeds; its
	// pages that this run does not reach are requested again (recheck).
	sameSeeds bool
	started   time.Time
	nextID    atomic.Int64

	robotsMu     sync.Mutex
	robots       map[string]*robotstxt.RobotsData // by host; nil = allow all
	robotsStatus map[string]int                   // by host: the status robots.txt answered with

	aliasMu   sync.Mutex
	aliasSeen map[string]bool

	sinkCh chan recorded
	// parse: parse each page for the caller and take its links from the
	// tree (CrawlParsed); trees holds a slot for every tree parsed and not
	// yet handed to the caller.
	parse bool
	trees chan struct{}

	// URLs delivered in this session and their failures per reason
	// (written by the sink goroutine only).
	sessionURLs     int
	sessionFailures map[string]int

	statusMu sync.Mutex
	status   map[int]int
	// outside: the distinct URLs of other hosts the pages link to, per
	// origin (a few per origin, for TopOutOfScope).
	outsideMu sync.Mutex
	outside   map[string]map[string]struct{}
	stats     struct {
		discovered, fetched, failed, unchanged, assets, errors, robots, scope, files, budget atomic.Int64
		bytes, rechecked                                                                     atomic.Int64
	}
	sitemapsSkipped, sitemapErrors atomic.Int64
}

// Store is where a crawl keeps what it fetches, apart from the collector
// (as colly separates its storage): extract/archive's Archive, the WARC
// files and their SQLite index. Prepare runs on the fetching goroutines;
// the other methods are called from one goroutine.
type Store interface {
	StartRun(seeds []string, ua string, fresh bool, now time.Time) (*archive.Run, error)
	SaveSeeds(rows []archive.FrontierRow, lastmods []archive.SitemapEntry) error
	ReadPrevious(p archive.Previous, limit int64) (archive.Response, error)
	Prepare(c *archive.Capture) error
	Commit(batch []*archive.Capture) error
	RunFailures() (urls int, failures map[string]int, err error)
	FinishRun(status string, now time.Time) error
	Close() error
}

func newCrawler(ctx context.Context, opts CrawlOptions) (*crawler, error) {
	if len(opts.Seeds) == 0 {
		return nil, errors.New("crawl: no seed URL")
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = defaultConcurrency
	}
	if opts.MaxBodySize <= 0 {
		opts.MaxBodySize = defaultMaxBody
	}
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = defaultRetries
	case opts.Retries < 0:
		opts.Retries = 0
	}
	if opts.RetryBackoff <= 0 {
		opts.RetryBackoff = defaultBackoff
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = defaultMaxWait
	}
	switch {
	case opts.TrapBudget == 0:
		opts.TrapBudget = defaultTrapBudget
	case opts.TrapBudget < 0:
		opts.TrapBudget = 0
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hosts := map[string]bool{}
	seeds := make([]string, len(opts.Seeds))
	auth := &Auth{Basic: map[string]Credentials{}}
	if opts.Auth != nil {
		auth.Header = opts.Auth.Header
		auth.Hosts = append(auth.Hosts, opts.Auth.Hosts...)
		for h, c := range opts.Auth.Basic {
			auth.Basic[h] = c
		}
	}
	for i, s := range opts.Seeds {
		clean, cred, hasCred := SplitUserinfo(s)
		cu, err := extract.Canonicalize(clean)
		if err != nil {
			return nil, fmt.Errorf("seed %q: %w", clean, err)
		}
		seeds[i] = cu
		u, _ := url.Parse(cu)
		hosts[u.Host] = true
		if hasCred {
			auth.Basic[u.Host] = cred
		}
	}
	opts.Seeds = seeds
	for _, h := range opts.AllowedHosts {
		hosts[extract.CanonicalHostName(h)] = true
	}
	conn, err := newConnector(opts.ConnectTo)
	if err != nil {
		return nil, err
	}
	if len(auth.Hosts) == 0 {
		for h := range hosts {
			auth.Hosts = append(auth.Hosts, h)
		}
		if conn != nil {
			for _, t := range conn.to {
				auth.Hosts = append(auth.Hosts, canonicalHost(t))
			}
		}
	}
	// Credentials go to the host contacted: the mirror a named origin
	// connects to.
	auth.connect = conn
	opts.Auth = auth
	ctx, cancel := context.WithCancelCause(ctx)
	cr := &crawler{
		ctx: ctx, cancel: cancel, opts: opts, log: log, hosts: hosts,
		front:           newFrontier(opts.MaxPages, opts.TrapBudget),
		robots:          map[string]*robotstxt.RobotsData{},
		robotsStatus:    map[string]int{},
		aliasSeen:       map[string]bool{},
		status:          map[int]int{},
		sessionFailures: map[string]int{},
		sinkCh:          make(chan recorded, 4*opts.Concurrency),
		started:         time.Now(),
	}
	cr.conn = conn
	cr.fetch = newFetcher(opts)
	if conn != nil {
		cr.fetch.base = &connectTransport{base: cr.fetch.base, c: conn}
	}
	cr.fetch.onRetry = func(u, reason string, wait time.Duration) {
		log.Info("retrying", "url", u, "reason", reason, "wait", wait.Round(time.Millisecond))
	}
	c := colly.NewCollector(
		colly.UserAgent(opts.UserAgent),
		colly.MaxBodySize(0), // the transport caps bodies, compressed or not
		colly.StdlibContext(ctx),
		colly.ParseHTTPErrorResponse(),
		// The crawler claims every URL itself (see frontier.claim):
		// colly's own visited set checks and marks in two steps and lets
		// concurrent requests for one URL through.
		colly.AllowURLRevisit(),
	)
	// robots.txt is checked by the crawler itself (see allowedByRobots):
	// one fetch per host, shared with sitemap discovery, and applied to
	// redirect targets too.
	c.IgnoreRobotsTxt = true
	c.WithTransport(cr.fetch)
	c.SetRequestTimeout(0) // per attempt, in the transport: a retry must not eat the budget of the next
	c.SetRedirectHandler(cr.onRedirect)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	cr.c = c
	return cr, nil
}

func (cr *crawler) run(fn func(*umzug.Snapshot, *html.Node) error) (CrawlStats, error) {
	st := CrawlStats{}
	var rs *archive.Run
	if cr.opts.ArchiveDir != "" {
		robots := "obey"
		if cr.opts.IgnoreRobots {
			robots = "ignore"
		}
		a, err := archive.Open(cr.opts.ArchiveDir, archive.Options{
			Software: "umzug " + umzug.Version, UserAgent: cr.opts.UserAgent, Robots: robots,
			Sensitive: cr.opts.Auth.sensitive,
		})
		if err != nil {
			return st, err
		}
		defer a.Close()
		cr.arch = a
		if rs, err = a.StartRun(cr.opts.Seeds, cr.opts.UserAgent, cr.opts.NewRun, time.Now()); err != nil {
			return st, fmt.Errorf("archive %s: %w", cr.opts.ArchiveDir, err)
		}
		cr.prev, cr.sameSeeds = rs.Previous, rs.SameSeeds
		st.RunID, st.Resumed = rs.ID, rs.Resumed
		for _, u := range rs.Claimed {
			cr.front.markSeen(u)
		}
		for _, r := range rs.Queued {
			cr.front.markSeen(r.URL)
			cr.front.push(frontierItem{url: r.URL, depth: r.Depth, from: r.From, asset: r.Asset})
		}
		if rs.Resumed {
			cr.log.Info("resuming run", "run", rs.ID, "done", len(rs.Claimed), "queued", len(rs.Queued))
		}
	}
	if err := cr.setLimits(); err != nil {
		return st, err
	}

	// Seeds and sitemap entries are claimed, queued and persisted as they
	// are read, in batches: a sitemap of 50,000 URLs is never held twice.
	var first []frontierItem
	var lastmods []archive.SitemapEntry
	flush := func() error {
		if cr.arch != nil && (len(first) > 0 || len(lastmods) > 0) {
			if err := cr.arch.SaveSeeds(rowsOf(first), lastmods); err != nil {
				return fmt.Errorf("archive %s: saving frontier: %w", cr.opts.ArchiveDir, err)
			}
		}
		for _, it := range first {
			cr.front.push(it)
		}
		first, lastmods = first[:0], lastmods[:0]
		return nil
	}
	for _, s := range cr.opts.Seeds {
		if it, row, ok := cr.admit(s, 0, "", false); ok && row.State == archive.StateQueued {
			first = append(first, it)
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	if !cr.opts.NoSitemaps && (rs == nil || !rs.Resumed) {
		var ferr error
		cr.sitemapEntries(func(e archive.SitemapEntry) {
			if it, row, ok := cr.admit(e.URL, 0, "", false); ok && row.State == archive.StateQueued {
				first = append(first, it)
			}
			lastmods = append(lastmods, e)
			if len(lastmods) >= 1000 && ferr == nil {
				ferr = flush()
			}
		})
		if ferr == nil {
			ferr = flush()
		}
		if ferr != nil {
			return st, ferr
		}
	}

	// Ctrl-C: stop handing out URLs; requests under way are cancelled by
	// the context and stay queued in the archive.
	stopWatch := make(chan struct{})
	go func() {
		select {
		case <-cr.ctx.Done():
			cr.front.close()
		case <-stopWatch:
		}
	}()

	var sinkErr, fnErr error
	sinkDone := make(chan struct{})
	go func() {
		defer close(sinkDone)
		sinkErr, fnErr = cr.sink(fn)
	}()

	workers := cr.opts.Concurrency * len(cr.hosts)
	workers = min(max(workers, 1), 256)
	work := func() {
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					it, ok := cr.front.pop()
					if !ok {
						return
					}
					cr.process(it)
					cr.front.done()
				}
			}()
		}
		wg.Wait()
	}
	work()
	var recheckErr error
	if cr.ctx.Err() == nil {
		var n int
		if n, recheckErr = cr.recheck(); n > 0 && recheckErr == nil && cr.front.reopen() {
			work()
		}
	}
	close(stopWatch)
	close(cr.sinkCh)
	<-sinkDone
	if sinkErr == nil {
		sinkErr = recheckErr
	}

	st = cr.collectStats(st)
	interrupted := cr.ctx.Err() != nil
	st.RunURLs, st.RunFailures = cr.sessionURLs, cr.sessionFailures
	if cr.arch != nil && sinkErr == nil {
		// The whole run, all sessions of it.
		n, fails, err := cr.arch.RunFailures()
		if err != nil {
			sinkErr = fmt.Errorf("archive %s: %w", cr.opts.ArchiveDir, err)
		} else {
			st.RunURLs, st.RunFailures = n, fails
		}
	}
	st.RunStatus = runOutcome(st.RunURLs, st.RunFailures, interrupted)
	if cr.arch != nil {
		status := st.RunStatus
		if status == umzug.StatusPartial {
			status = umzug.StatusComplete // finished; its failures are in the captures
		}
		if err := cr.arch.FinishRun(status, time.Now()); err != nil && sinkErr == nil {
			sinkErr = fmt.Errorf("archive %s: %w", cr.opts.ArchiveDir, err)
		}
	}
	switch {
	case fnErr != nil:
		return st, fnErr
	case sinkErr != nil:
		return st, sinkErr
	case interrupted:
		return st, context.Cause(cr.ctx)
	}
	return st, nil
}

// recheck queues the pages of the archive's earlier runs that this run
// did not reach, once its frontier is done: a page no link leads to any
// more may be deleted (404, 410), moved with a redirect (TYPO3 makes one
// when an editor changes a page's slug) or still there, and only a
// request tells which. Without it a moved page would count as removed
// and answer 410 in the redirect map instead of pointing to its new
// address. Only when the last complete run had the same seeds and no
// depth limit narrows the crawl (a narrower crawl does not own the other
// pages); include/exclude patterns, robots.txt and the page budget apply
// as to any URL. It returns the number of URLs queued.
func (cr *crawler) recheck() (int, error) {
	if cr.arch == nil || !cr.sameSeeds || cr.opts.MaxDepth > 0 || len(cr.prev) == 0 {
		return 0, nil
	}
	urls := make([]string, 0, len(cr.prev))
	for u, p := range cr.prev {
		if p.Page() {
			urls = append(urls, u)
		}
	}
	slices.Sort(urls)
	var items []frontierItem
	var rows []archive.FrontierRow
	for _, u := range urls {
		it, row, ok := cr.admit(u, 0, "", false)
		if !ok || it.asset {
			continue
		}
		rows = append(rows, row)
		if row.State == archive.StateQueued {
			items = append(items, it)
		}
	}
	if len(rows) > 0 {
		if err := cr.arch.SaveSeeds(rows, nil); err != nil {
			return 0, fmt.Errorf("archive %s: saving frontier: %w", cr.opts.ArchiveDir, err)
		}
	}
	cr.stats.rechecked.Add(int64(len(items)))
	if len(items) > 0 {
		cr.log.Debug("requesting pages of the last run that no link reaches any more", "urls", len(items))
	}
	for _, it := range items {
		cr.front.push(it)
	}
	return len(items), nil
}

// runOutcome decides a run's status from the URLs it recorded and their
// failures: failed when no URL got a usable response or more than half
// failed (connection errors, DNS, 5xx for most URLs: the site was down,
// and what is missing from such a run was not removed from the site).
func runOutcome(urls int, failures map[string]int, interrupted bool) string {
	failed := 0
	for _, n := range failures {
		failed += n
	}
	switch {
	case interrupted:
		return umzug.StatusInterrupted
	case urls == 0 || failed == urls || 2*failed > urls:
		return umzug.StatusFailed
	case failed > 0:
		return umzug.StatusPartial
	}
	return umzug.StatusComplete
}

func (cr *crawler) collectStats(st CrawlStats) CrawlStats {
	st.Discovered = int(cr.stats.discovered.Load())
	st.Fetched = int(cr.stats.fetched.Load())
	st.Failed = int(cr.stats.failed.Load())
	st.Unchanged = int(cr.stats.unchanged.Load())
	st.Rechecked = int(cr.stats.rechecked.Load())
	st.Assets = int(cr.stats.assets.Load())
	st.Bytes = cr.stats.bytes.Load()
	st.Retries = int(cr.fetch.retryCount.Load())
	st.RobotsBlocked = int(cr.stats.robots.Load())
	st.OutOfScope = int(cr.stats.scope.Load())
	st.TopOutOfScope, st.TopOutOfScopeURLs = cr.topOutside()
	st.SkippedFiles = int(cr.stats.files.Load())
	st.OverBudget = int(cr.stats.budget.Load())
	st.SitemapsSkipped = int(cr.sitemapsSkipped.Load())
	st.SitemapErrors = int(cr.sitemapErrors.Load())
	st.Traps = cr.front.traps()
	for _, t := range st.Traps {
		st.TrapSkipped += t.Skipped
	}
	cr.statusMu.Lock()
	st.Status = make(map[int]int, len(cr.status))
	for k, v := range cr.status {
		st.Status[k] = v
	}
	cr.statusMu.Unlock()
	st.Elapsed = time.Since(cr.started)
	return st
}

// setLimits gives every host in scope its own colly limit rule: the
// per-host concurrency and delay, or one request per Crawl-delay when
// robots.txt asks for it.
func (cr *crawler) setLimits() error {
	scheme := "https"
	if u, err := url.Parse(cr.opts.Seeds[0]); err == nil {
		scheme = u.Scheme
	}
	hosts := make([]string, 0, len(cr.hosts))
	for h := range cr.hosts {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	for _, h := range hosts {
		par, delay := cr.opts.Concurrency, cr.opts.Delay
		if !cr.opts.IgnoreRobots {
			if rd := cr.robotsFor(&url.URL{Scheme: scheme, Host: h}); rd != nil {
				if g := rd.FindGroup(cr.opts.UserAgent); g != nil && g.CrawlDelay > 0 {
					par, delay = 1, max(delay, g.CrawlDelay)
					cr.log.Info("robots.txt asks for a crawl delay", "host", h, "delay", g.CrawlDelay)
				}
			}
		}
		rule := &colly.LimitRule{DomainRegexp: "^" + regexp.QuoteMeta(h) + "$", Parallelism: par, Delay: delay}
		if err := cr.c.Limit(rule); err != nil {
			return fmt.Errorf("crawl: setting limits for %s: %w", h, err)
		}
	}
	return nil
}

// outsideCap bounds what noteOutside keeps: distinct URLs per origin
// (enough to tell the origin most links lead to) and origins.
const outsideCap = 100

// noteOutside records a link to a URL of an origin out of scope.
func (cr *crawler) noteOutside(origin, u string) {
	cr.outsideMu.Lock()
	defer cr.outsideMu.Unlock()
	if cr.outside == nil {
		cr.outside = map[string]map[string]struct{}{}
	}
	set, ok := cr.outside[origin]
	if !ok {
		if len(cr.outside) >= 10*outsideCap {
			return
		}
		set = map[string]struct{}{}
		cr.outside[origin] = set
	}
	if len(set) < outsideCap {
		set[u] = struct{}{}
	}
}

// topOutside returns the origin out of scope with the most distinct URLs
// linked (up to outsideCap), the smaller origin on a tie.
func (cr *crawler) topOutside() (string, int) {
	cr.outsideMu.Lock()
	defer cr.outsideMu.Unlock()
	top, n := "", 0
	for o, set := range cr.outside {
		if len(set) > n || len(set) == n && o < top {
			top, n = o, len(set)
		}
	}
	return top, n
}

// admit decides about one canonical URL: scope, file type, claim, robots.
// ok is false when the URL is not the caller's to record; row.state is 0
// when it is to be fetched (and it was claimed), 2 when robots.txt
// disallows it.
func (cr *crawler) admit(canonical string, depth int, from string, image bool) (frontierItem, archive.FrontierRow, bool) {
	canonical = cr.conn.named(canonical)
	u, err := url.Parse(canonical)
	if err != nil {
		return frontierItem{}, archive.FrontierRow{}, false
	}
	if !cr.hosts[u.Host] || len(cr.opts.Include) > 0 && !matchAny(cr.opts.Include, canonical) || matchAny(cr.opts.Exclude, canonical) {
		cr.stats.scope.Add(1)
		if !cr.hosts[u.Host] {
			cr.noteOutside(u.Scheme+"://"+u.Host, canonical)
		}
		return frontierItem{}, archive.FrontierRow{}, false
	}
	ext := strings.ToLower(path.Ext(u.Path))
	asset := image || umzug.IsFileExt(ext)
	if ignoredExt[ext] || asset && !cr.opts.FetchAssets {
		cr.stats.files.Add(1)
		return frontierItem{}, archive.FrontierRow{}, false
	}
	if !asset && cr.opts.MaxDepth > 0 && depth > cr.opts.MaxDepth {
		return frontierItem{}, archive.FrontierRow{}, false
	}
	switch cr.front.claim(canonical, u) {
	case claimSeen, claimTrap:
		return frontierItem{}, archive.FrontierRow{}, false
	case claimOverBudget:
		cr.stats.budget.Add(1)
		return frontierItem{}, archive.FrontierRow{}, false
	}
	cr.stats.discovered.Add(1)
	it := frontierItem{url: canonical, depth: depth, from: from, asset: asset}
	row := archive.FrontierRow{URL: canonical, Depth: depth, From: from, Asset: asset}
	// Checked after the claim so each disallowed URL is counted once.
	if !cr.allowedByRobots(u) {
		if from == "" && depth == 0 && cr.robotsServerError(u.Host) != 0 {
			// A start URL on a host whose robots.txt answers with a
			// server error: recorded as failed (see process), so that the
			// run says why nothing was fetched.
			return it, row, true
		}
		cr.stats.robots.Add(1)
		cr.log.Debug("robots.txt disallows", "url", canonical)
		row.State = archive.StateDisallowed
	}
	return it, row, true
}

// inHosts reports whether a canonical URL is on a host in scope.
func (cr *crawler) inHosts(canonical string) bool {
	u, err := url.Parse(canonical)
	return err == nil && cr.hosts[u.Host]
}

// process fetches one claimed URL through colly.
func (cr *crawler) process(it frontierItem) {
	if cr.ctx.Err() != nil {
		return
	}
	if it.from == "" && !cr.opts.IgnoreRobots {
		if u, err := url.Parse(it.url); err == nil && !cr.allowedByRobots(u) {
			st := cr.robotsServerError(u.Host)
			cr.recordFailure(it, nil, fmt.Errorf("robots.txt answered HTTP %d: nothing on the host is fetched until it answers (RFC 9309)", st))
			return
		}
	}
	id := strconv.FormatInt(cr.nextID.Add(1), 10)
	hdr := http.Header{}
	hdr.Set(fetchIDHeader, id)
	if p, ok := cr.prev[it.url]; ok {
		if p.ETag != "" {
			hdr.Set("If-None-Match", p.ETag)
		}
		if p.LastModified != "" {
			hdr.Set("If-Modified-Since", p.LastModified)
		}
	}
	cctx := colly.NewContext()
	cctx.Put("id", id)
	cctx.Put("item", it)
	err := cr.c.Request(http.MethodGet, it.url, nil, cctx, hdr)
	if err != nil && cctx.GetAny("handled") == nil {
		exs := cr.fetch.take(id)
		if cr.ctx.Err() == nil {
			cr.recordFailure(it, exs, err)
		}
	}
}

func (cr *crawler) onRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	target, err := extract.Canonicalize(req.URL.String())
	if err != nil {
		return http.ErrUseLastResponse
	}
	t, _ := url.Parse(target)
	if !cr.hosts[t.Host] || !cr.allowedByRobots(t) {
		return http.ErrUseLastResponse // the redirect stub is delivered; its target is not ours to fetch
	}
	if cr.front.claim(target, nil) != claimed {
		// The target is fetched (or was) on its own: deliver the redirect
		// itself, which makes the source an alias of the target.
		return http.ErrUseLastResponse
	}
	cr.stats.discovered.Add(1)
	return nil
}

func (cr *crawler) onResponse(r *colly.Response) {
	r.Ctx.Put("handled", true)
	it, _ := r.Ctx.GetAny("item").(frontierItem)
	exs := cr.fetch.take(r.Ctx.Get("id"))
	if len(exs) == 0 {
		cr.recordFailure(it, nil, errors.New("response without captured exchange"))
		return
	}
	cr.recordResponse(it, exs)
}

func (cr *crawler) onError(r *colly.Response, err error) {
	r.Ctx.Put("handled", true)
	if cr.ctx.Err() != nil {
		// Interrupted: nothing is recorded, the URL stays queued.
		cr.fetch.take(r.Ctx.Get("id"))
		return
	}
	if r.StatusCode != 0 {
		cr.onResponse(r)
		return
	}
	it, _ := r.Ctx.GetAny("item").(frontierItem)
	cr.recordFailure(it, cr.fetch.take(r.Ctx.Get("id")), err)
}

// recordFailure records a URL that got no response: a metadata record in
// the archive, a failed capture, a snapshot with a fetch-failed warning.
func (cr *crawler) recordFailure(it frontierItem, exs []*exchange, err error) {
	cr.stats.failed.Add(1)
	cr.stats.errors.Add(1)
	attempts := 1
	reason := err.Error()
	if n := len(exs); n > 0 {
		last := exs[n-1]
		attempts = last.attempts
		if last.err != nil {
			reason = last.err.Error()
		}
	}
	cr.log.Info("fetch failed", "url", it.url, "err", reason) // the caller reports it as a failure
	now := time.Now().UTC()
	snap := &umzug.Snapshot{
		URL: it.url, FinalURL: it.url, Depth: it.depth, LinkedFrom: it.from, FetchedAt: now,
		Warnings: []umzug.Warning{{Code: "fetch-failed", Message: reason}},
	}
	c := &archive.Capture{Snapshot: snap, URL: rowOf(it), Kind: "failed", Attempts: attempts, Err: reason}
	if cr.arch != nil {
		c.Frontier = []archive.FrontierRow{done(it)}
		cr.prepare(c)
	}
	cr.send(c)
}

// recordResponse turns the exchanges of one fetch (redirect hops, then
// the final response) into archive records, an index row, the frontier
// rows of the links it found, and a snapshot.
func (cr *crawler) recordResponse(it frontierItem, exs []*exchange) {
	final := exs[len(exs)-1]
	if final.err != nil { // a redirect hop failed
		cr.recordFailure(it, exs, final.err)
		return
	}
	cr.stats.fetched.Add(1)
	cr.stats.bytes.Add(int64(len(final.raw)))
	cr.statusMu.Lock()
	cr.status[final.status]++
	cr.statusMu.Unlock()

	finalURL, err := extract.Canonicalize(final.req.URL.String())
	if err != nil {
		finalURL = final.req.URL.String()
	}
	s := &umzug.Snapshot{
		URL: it.url, FinalURL: finalURL, Status: final.status, Depth: it.depth, LinkedFrom: it.from,
		FetchedAt: final.fetchedAt.UTC(), Header: final.header.Clone(),
		ContentType: mediaType(final.header.Get("Content-Type")),
	}
	for _, ex := range exs[:len(exs)-1] {
		s.Redirects = append(s.Redirects, umzug.Hop{URL: ex.req.URL.String(), Status: ex.status})
	}
	if final.status >= 300 && final.status < 400 && final.status != http.StatusNotModified {
		if loc := final.header.Get("Location"); loc != "" {
			if target, err := extract.Resolve(final.req.URL, loc); err == nil {
				s.FinalURL = target
			}
		}
	}
	for i, w := range final.warnings {
		code := "fetch-warning"
		if i+1 == final.cutWarning {
			code = umzug.WarnTruncatedBody
		}
		s.Warnings = append(s.Warnings, umzug.Warning{Code: code, Message: w})
	}

	kind := "page"
	body := final.body
	prev, hasPrev := cr.prev[it.url]
	switch {
	case final.status == http.StatusNotModified && hasPrev && cr.arch != nil:
		// Unchanged since the last run: the body is the archived one.
		kind = "unchanged"
		cr.stats.unchanged.Add(1)
		ar, err := cr.arch.ReadPrevious(prev, int64(cr.opts.MaxBodySize))
		if err != nil {
			cr.log.Warn("previous capture unreadable", "url", it.url, "err", err)
			s.Warnings = append(s.Warnings, umzug.Warning{Code: "archive-error", Message: err.Error()})
		} else {
			body = ar.Body
			s.Status = ar.Status
			s.ContentType = mediaType(ar.Header.Get("Content-Type"))
			h := ar.Header.Clone()
			for k, v := range final.header { // 304 headers update the stored ones
				h[k] = v
			}
			s.Header = h
		}
	case final.status >= 300 && final.status < 400:
		kind = "redirect"
	case final.status >= 400:
		kind = "error"
		cr.stats.errors.Add(1)
	}
	sum := sha256.Sum256(body)
	s.RawSHA256 = hex.EncodeToString(sum[:])
	if s.ContentType == "" && looksLikeHTML(body) {
		s.ContentType = "text/html"
	}
	var links []pageLink
	var root *html.Node
	if s.IsHTML() && !it.asset {
		dec, name, warns := extract.DecodeHTML(body, s.Header.Get("Content-Type"))
		s.Body, s.Charset = dec, name
		s.Warnings = append(s.Warnings, warns...)
		if s.Status >= 200 && s.Status < 300 {
			links, root = cr.pageLinks(dec, s.FinalURL)
		}
	} else {
		s.Body = body
		if s.Status >= 200 && s.Status < 300 && kind != "unchanged" {
			kind = "asset"
			cr.stats.assets.Add(1)
		}
	}

	c := &archive.Capture{Snapshot: s, URL: rowOf(it), Kind: kind, Body: body, Previous: prev, Attempts: final.attempts}
	var pushes []frontierItem
	for _, l := range links {
		nit, row, ok := cr.admit(l.canonical, it.depth+1, s.FinalURL, l.image)
		if l.raw != "" && cr.inHosts(l.canonical) {
			c.Aliases = append(c.Aliases, archive.Alias{Alias: l.raw, URL: l.canonical, Reason: "variant"})
		}
		if !ok {
			continue
		}
		if row.State == archive.StateQueued {
			pushes = append(pushes, nit)
		}
		c.Frontier = append(c.Frontier, row)
	}
	if cr.arch != nil {
		cr.archiveCapture(c, it, exs)
	}
	cr.sinkCh <- recorded{c, root}
	for _, p := range pushes {
		cr.front.push(p)
	}
}

// pageLinks returns the links of a page and, for CrawlParsed, its tree:
// the links are taken from the tree where they are the tokenizer's (see
// treeLinks), else the page is scanned.
func (cr *crawler) pageLinks(body []byte, pageURL string) ([]pageLink, *html.Node) {
	if !cr.parse {
		return scanLinks(body, pageURL), nil
	}
	cr.trees <- struct{}{} // released by the sink
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		<-cr.trees
		return scanLinks(body, pageURL), nil
	}
	if links, ok := treeLinks(root, body, pageURL); ok {
		return links, root
	}
	return scanLinks(body, pageURL), root
}

// parsedTrees is the number of pages parsed and not yet handed to the
// caller in CrawlParsed (see there).
const parsedTrees = 4

// release frees the slot of a recorded page's tree.
func (cr *crawler) release(r recorded) {
	if r.root != nil {
		<-cr.trees
	}
}

// recorded is a capture on its way to the sink, with the page's tree for
// CrawlParsed.
type recorded struct {
	c    *archive.Capture
	root *html.Node
}

// archiveCapture completes a capture for the archive: the exchanges, the
// frontier rows of the URL and its redirect hops, its aliases (each once
// per run), and its WARC records (prepared here, on the fetching
// goroutine, so that the sink only writes).
func (cr *crawler) archiveCapture(c *archive.Capture, it frontierItem, exs []*exchange) {
	s := c.Snapshot
	for _, ex := range exs {
		c.Exchanges = append(c.Exchanges, archive.Exchange{
			Request: ex.req, Proto: ex.proto, Status: ex.status, Header: ex.header, Raw: ex.raw,
			Started: ex.started, FetchedAt: ex.fetchedAt, IP: ex.ip, Truncated: ex.truncated,
		})
	}
	final := exs[len(exs)-1]
	c.Frontier = append(c.Frontier, done(it))
	for _, ex := range exs[1:] {
		if u, err := extract.Canonicalize(ex.req.URL.String()); err == nil {
			c.Frontier = append(c.Frontier, archive.FrontierRow{URL: u, Depth: it.depth, From: it.url, State: archive.StateDone})
		}
	}
	for _, ex := range exs[:len(exs)-1] {
		if u, err := extract.Canonicalize(ex.req.URL.String()); err == nil && u != s.FinalURL {
			c.Aliases = append(c.Aliases, archive.Alias{Alias: u, URL: s.FinalURL, Reason: "redirect"})
		}
	}
	if len(exs) == 1 && final.status >= 300 && final.status < 400 && s.FinalURL != it.url {
		c.Aliases = append(c.Aliases, archive.Alias{Alias: it.url, URL: s.FinalURL, Reason: "redirect"})
	}
	// Variants are recorded once per run.
	cr.aliasMu.Lock()
	kept := c.Aliases[:0]
	for _, al := range c.Aliases {
		if !cr.aliasSeen[al.Alias] {
			cr.aliasSeen[al.Alias] = true
			kept = append(kept, al)
		}
	}
	c.Aliases = kept
	cr.aliasMu.Unlock()
	cr.prepare(c)
}

// prepare makes the capture's WARC records; a broken compressor (the
// only error) leaves them out, which is logged.
func (cr *crawler) prepare(c *archive.Capture) {
	if err := cr.arch.Prepare(c); err != nil {
		cr.log.Error("serialising WARC record", "url", c.URL.URL, "err", err)
	}
}

// rowOf is the frontier row of an item; done marks it fetched.
func rowOf(it frontierItem) archive.FrontierRow {
	return archive.FrontierRow{URL: it.url, Depth: it.depth, From: it.from, Asset: it.asset}
}

func done(it frontierItem) archive.FrontierRow {
	r := rowOf(it)
	r.State = archive.StateDone
	return r
}

func rowsOf(items []frontierItem) []archive.FrontierRow {
	rows := make([]archive.FrontierRow, len(items))
	for i, it := range items {
		rows[i] = rowOf(it)
	}
	return rows
}

func (cr *crawler) send(c *archive.Capture) { cr.sinkCh <- recorded{c: c} }

// sink commits fetched items to the archive in batches and hands their
// snapshots to fn, from one goroutine. It keeps draining after an error
// so that the fetching goroutines can finish.
func (cr *crawler) sink(fn func(*umzug.Snapshot, *html.Node) error) (sinkErr, fnErr error) {
	delivered := 0
	batch := make([]recorded, 0, 64)
	caps := make([]*archive.Capture, 0, 64)
	for first := range cr.sinkCh {
		batch = append(batch[:0], first)
	drain:
		for len(batch) < cap(batch) {
			select {
			case it, ok := <-cr.sinkCh:
				if !ok {
					break drain
				}
				batch = append(batch, it)
			default:
				break drain
			}
		}
		if cr.arch != nil && sinkErr == nil {
			caps = caps[:0]
			for _, r := range batch {
				caps = append(caps, r.c)
			}
			if err := cr.arch.Commit(caps); err != nil {
				sinkErr = fmt.Errorf("archive %s: %w", cr.opts.ArchiveDir, err)
				cr.log.Error("archive write failed; stopping", "err", err)
				cr.cancel(sinkErr)
			}
		}
		if sinkErr != nil {
			for _, r := range batch {
				cr.release(r)
			}
			continue
		}
		for i, r := range batch {
			batch[i] = recorded{} // the tree is the caller's from here
			it := r.c
			if it.Snapshot == nil || fnErr != nil {
				cr.release(r)
				continue
			}
			err := fn(it.Snapshot, r.root)
			cr.release(r)
			if err != nil {
				fnErr = err
				cr.cancel(err)
				continue
			}
			delivered++
			cr.sessionURLs++
			if f, failed := extract.SnapshotFailure(it.Snapshot); failed {
				cr.sessionFailures[f.Reason]++
			}
			if cr.opts.OnProgress != nil {
				cr.opts.OnProgress(CrawlProgress{
					Fetched: int(cr.stats.fetched.Load() + cr.stats.failed.Load()), Queued: cr.front.queued(),
					Errors: int(cr.stats.errors.Load()), Bytes: cr.stats.bytes.Load(),
					Retries: int(cr.fetch.retryCount.Load()), Elapsed: time.Since(cr.started),
				})
			}
		}
	}
	return sinkErr, fnErr
}

// sitemapEntries reads robots.txt Sitemap lines and /sitemap.xml of every
// seed host (sitemap indexes and gzipped sitemaps too, in any declared
// charset) and calls fn for each page entry, canonical, with its lastmod.
// At most MaxSitemapsPerHost sitemaps are read per host; the rest are
// counted (CrawlStats.SitemapsSkipped), as are sitemaps that could not be
// read (SitemapErrors).
func (cr *crawler) sitemapEntries(fn func(archive.SitemapEntry)) {
	client := cr.plainClient()
	doneHost := map[string]bool{}
	for _, seed := range cr.opts.Seeds {
		u, _ := url.Parse(seed)
		if doneHost[u.Host] {
			continue
		}
		doneHost[u.Host] = true
		guess := u.Scheme + "://" + u.Host + "/sitemap.xml"
		var maps []string
		if rd := cr.robotsFor(u); rd != nil {
			for _, sm := range rd.Sitemaps {
				maps = append(maps, cr.conn.named(sm))
			}
		}
		maps = append(maps, guess)
		seenMap := map[string]bool{}
		read := 0
		for i := 0; i < len(maps); i++ {
			sm := maps[i]
			if seenMap[sm] {
				continue
			}
			seenMap[sm] = true
			if read == MaxSitemapsPerHost {
				cr.sitemapsSkipped.Add(1)
				continue
			}
			if smu, err := url.Parse(sm); err != nil || !cr.hosts[smu.Host] {
				cr.log.Warn("sitemap outside the crawl's hosts; not read", "url", sm)
				continue
			}
			read++
			body, status, cut, err := cr.get(client, sm, maxSitemapBytes)
			switch {
			case err == nil && sm == guess && (status == http.StatusNotFound || status == http.StatusGone):
				cr.log.Debug("no /sitemap.xml", "url", sm, "status", status)
				continue
			case err != nil || status != http.StatusOK:
				cr.sitemapErrors.Add(1)
				cr.log.Warn("sitemap not read", "url", sm, "status", status, "err", err)
				continue
			case cut:
				cr.sitemapErrors.Add(1)
				cr.log.Warn("sitemap larger than 50 MB: cut there", "url", sm)
			}
			err = ScanSitemap(bytes.NewReader(body), func(p SitemapURL) {
				if cu, err := extract.Canonicalize(cr.conn.named(p.Loc)); err == nil {
					fn(archive.SitemapEntry{URL: cu, LastMod: p.LastMod, Sitemap: sm})
				}
			}, func(child string) {
				if len(maps) < 4*MaxSitemapsPerHost {
					maps = append(maps, cr.conn.named(child))
				} else {
					cr.sitemapsSkipped.Add(1) // a hostile index: not even listed
				}
			})
			if err != nil {
				cr.sitemapErrors.Add(1)
				cr.log.Warn("sitemap unreadable", "url", sm, "err", err)
			}
		}
		if n := cr.sitemapsSkipped.Load(); n > 0 {
			cr.log.Warn("more sitemaps than the cap; the rest not read", "host", u.Host, "cap", MaxSitemapsPerHost, "skipped", n)
		}
	}
}

// robotsFor returns the parsed robots.txt of u's host, fetching it once.
// A robots.txt that is missing or unreadable allows everything (4xx), a
// server error disallows everything, as RFC 9309 says.
func (cr *crawler) robotsFor(u *url.URL) *robotstxt.RobotsData {
	cr.robotsMu.Lock()
	defer cr.robotsMu.Unlock()
	if rd, ok := cr.robots[u.Host]; ok {
		return rd
	}
	client := cr.plainClient()
	body, status, cut, err := cr.get(client, u.Scheme+"://"+u.Host+"/robots.txt", maxRobotsBytes)
	if cut {
		// RFC 9309, 2.5: crawlers must parse at least the first 500 KiB;
		// the rules there are obeyed, a cut last line is dropped.
		if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
			body = body[:i+1]
		}
		cr.log.Warn("robots.txt larger than 500 KiB: its first 500 KiB are obeyed", "host", u.Host)
	}
	var rd *robotstxt.RobotsData
	if err == nil && status >= 500 {
		cr.log.Warn("robots.txt answered with a server error: nothing on the host is fetched (RFC 9309)", "host", u.Host, "status", status)
	}
	if err != nil {
		cr.log.Warn("robots.txt not read; assuming allowed", "host", u.Host, "err", err)
	} else if rd, err = robotstxt.FromStatusAndBytes(status, body); err != nil {
		cr.log.Warn("robots.txt unreadable; assuming allowed", "host", u.Host, "err", err)
		rd = nil
	}
	cr.robots[u.Host] = rd
	cr.robotsStatus[u.Host] = status
	return rd
}

// robotsServerError returns the 5xx status robots.txt of host answered
// with (RFC 9309: nothing is fetched then), or 0.
func (cr *crawler) robotsServerError(host string) int {
	cr.robotsMu.Lock()
	defer cr.robotsMu.Unlock()
	if st := cr.robotsStatus[host]; st >= 500 {
		return st
	}
	return 0
}

// allowedByRobots reports whether robots.txt lets umzug fetch u.
func (cr *crawler) allowedByRobots(u *url.URL) bool {
	if cr.opts.IgnoreRobots {
		return true
	}
	return testRobots(cr.robotsFor(u), u, cr.opts.UserAgent)
}

// plainClient is the client for robots.txt and sitemaps: the crawl's
// transport without retries, staging credentials only for the site's
// hosts, also after a redirect.
func (cr *crawler) plainClient() *http.Client {
	return &http.Client{Timeout: cr.opts.Timeout, Transport: cr.fetch.base, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		cr.opts.Auth.Reapply(req)
		return nil
	}}
}

// get fetches u for the crawler's own use (robots.txt, sitemaps) and
// returns at most limit bytes of its (decoded) body; cut reports a body
// that was longer and was cut there.
func (cr *crawler) get(client *http.Client, u string, limit int64) (body []byte, status int, cut bool, err error) {
	req, err := http.NewRequestWithContext(cr.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, false, err
	}
	req.Header.Set("User-Agent", cr.opts.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	cr.opts.Auth.Apply(req)
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, false, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	// A compressed body may not inflate past the limit either; read at
	// most the limit of compressed bytes (a bomb is cut below).
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1)); err != nil {
		return nil, resp.StatusCode, false, fmt.Errorf("reading %s: %w", u, err)
	}
	b := buf.Bytes()
	enc := strings.ToLower(resp.Header.Get("Content-Encoding"))
	if int64(len(b)) > limit && (enc == "" || enc == "identity") {
		return b[:limit], resp.StatusCode, true, nil
	}
	if enc != "" && enc != "identity" {
		dec, warn := extract.DecodeContent(enc, b, limit)
		if int64(len(dec)) >= limit && strings.Contains(warn, "exceeds") {
			return dec, resp.StatusCode, true, nil
		}
		if warn != "" {
			return nil, resp.StatusCode, false, fmt.Errorf("reading %s: %s", u, warn)
		}
		b = dec
	}
	return b, resp.StatusCode, false, nil
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt
}

func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 512)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
}
