package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"

	"github.com/umzug/umzug"
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
	Delay        time.Duration    // pause between requests to one host
	UserAgent    string           // default DefaultUserAgent
	Timeout      time.Duration    // per request (default 30s)
	IgnoreRobots bool             // fetch what robots.txt disallows
	NoSitemaps   bool             // do not seed from robots.txt Sitemap lines and /sitemap.xml
	Include      []*regexp.Regexp // when set, only URLs matching one of these
	Exclude      []*regexp.Regexp // URLs matching any of these are skipped
	MaxBodySize  int              // bytes (default 20 MB)
	Logger       *slog.Logger     // default: discard
	// Progress, when set, is called after each delivered snapshot with the
	// number of responses delivered and URLs discovered so far.
	Progress func(done, discovered int)
}

// CrawlStats sum up a crawl.
type CrawlStats struct {
	Discovered    int // URLs claimed for fetching
	Fetched       int // responses received (any status)
	Failed        int // requests that got no response
	RobotsBlocked int // URLs robots.txt disallowed
	OutOfScope    int // links to other hosts or filtered by include/exclude
	SkippedFiles  int // links to non-HTML files that were not fetched
	OverBudget    int // URLs not fetched because of MaxPages
}

const (
	defaultConcurrency = 4
	defaultMaxBody     = 20 << 20
	defaultTimeout     = 30 * time.Second
)

// fileExt are link targets that are files, not pages: they are not fetched
// by the crawler (extraction records them as assets where blocks use them).
var fileExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true,
	".pptx": true, ".odt": true, ".ods": true, ".zip": true, ".gz": true, ".rar": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true,
	".ico": true, ".tif": true, ".tiff": true, ".bmp": true, ".mp3": true, ".mp4": true,
	".m4v": true, ".mov": true, ".avi": true, ".webm": true, ".ogg": true, ".wav": true,
	".css": true, ".js": true, ".json": true, ".rss": true, ".ics": true, ".vcf": true,
	".txt": true, ".csv": true, ".xml": true, ".woff": true, ".woff2": true, ".ttf": true,
}

// Crawl fetches the site reachable from opts.Seeds with colly and calls fn
// once per response, from one goroutine, in the order responses arrive.
// The scope is the seeds' hosts plus opts.AllowedHosts; robots.txt is
// obeyed unless opts.IgnoreRobots. Every canonical URL is claimed once
// before it is requested, so no URL is fetched twice, whatever the
// concurrency. A request that gets no response is delivered as a Snapshot
// with Status 0 and a warning. An error from fn stops the crawl and is
// returned; a cancelled ctx stops it and returns ctx.Err().
func Crawl(ctx context.Context, opts CrawlOptions, fn func(*umzug.Snapshot) error) (CrawlStats, error) {
	cr, err := newCrawler(ctx, opts)
	if err != nil {
		return CrawlStats{}, err
	}
	return cr.run(fn)
}

type crawler struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	opts   CrawlOptions
	log    *slog.Logger
	c      *colly.Collector
	hosts  map[string]bool // host[:port] in scope

	mu        sync.Mutex
	seen      map[string]bool // canonical URLs claimed
	redirects map[string][]umzug.Hop

	robotsMu sync.Mutex
	robots   map[string]*robotstxt.RobotsData // by host; nil = allow all

	out   chan *umzug.Snapshot
	stats struct {
		discovered, fetched, failed, robots, scope, files, budget atomic.Int64
	}
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
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hosts := map[string]bool{}
	for i, s := range opts.Seeds {
		cu, err := Canonicalize(s)
		if err != nil {
			return nil, fmt.Errorf("seed %q: %w", s, err)
		}
		opts.Seeds[i] = cu
		u, _ := url.Parse(cu)
		hosts[u.Host] = true
	}
	for _, h := range opts.AllowedHosts {
		hosts[strings.ToLower(h)] = true
	}
	ctx, cancel := context.WithCancelCause(ctx)
	cr := &crawler{
		ctx: ctx, cancel: cancel, opts: opts, log: log, hosts: hosts,
		seen:      map[string]bool{},
		redirects: map[string][]umzug.Hop{},
		robots:    map[string]*robotstxt.RobotsData{},
		out:       make(chan *umzug.Snapshot, 2*opts.Concurrency),
	}
	c := colly.NewCollector(
		colly.Async(true),
		colly.UserAgent(opts.UserAgent),
		colly.MaxBodySize(opts.MaxBodySize),
		colly.StdlibContext(ctx),
		colly.ParseHTTPErrorResponse(),
		// The crawler claims every URL itself (see claim): colly's own
		// visited set checks and marks in two steps and lets concurrent
		// requests for one URL through.
		colly.AllowURLRevisit(),
	)
	// robots.txt is checked by the crawler itself (see allowedByRobots):
	// one fetch per host, shared with sitemap discovery, and applied to
	// redirect targets too.
	c.IgnoreRobotsTxt = true
	c.SetRequestTimeout(opts.Timeout)
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: opts.Concurrency, Delay: opts.Delay}); err != nil {
		return nil, fmt.Errorf("crawl: setting limits: %w", err)
	}
	c.SetRedirectHandler(cr.onRedirect)
	c.OnResponseHeaders(cr.onHeaders)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	cr.c = c
	return cr, nil
}

func (cr *crawler) run(fn func(*umzug.Snapshot) error) (CrawlStats, error) {
	for _, s := range cr.opts.Seeds {
		cr.enqueue(s, 0, "")
	}
	if !cr.opts.NoSitemaps {
		for _, s := range cr.sitemapURLs() {
			cr.enqueue(s, 0, "")
		}
	}
	done := make(chan struct{})
	go func() {
		cr.c.Wait()
		close(done)
	}()
	var fnErr error
	delivered := 0
	handle := func(s *umzug.Snapshot) {
		if fnErr != nil {
			return // drain until the collector stops
		}
		if err := fn(s); err != nil {
			fnErr = err
			cr.cancel(err)
			return
		}
		delivered++
		if cr.opts.Progress != nil {
			cr.opts.Progress(delivered, int(cr.stats.discovered.Load()))
		}
	}
loop:
	for {
		select {
		case s := <-cr.out:
			handle(s)
		case <-done:
			break loop
		}
	}
	// Every callback has returned once Wait does, but snapshots may still
	// sit in the channel's buffer.
	for {
		select {
		case s := <-cr.out:
			handle(s)
			continue
		default:
		}
		break
	}
	st := CrawlStats{
		Discovered:    int(cr.stats.discovered.Load()),
		Fetched:       int(cr.stats.fetched.Load()),
		Failed:        int(cr.stats.failed.Load()),
		RobotsBlocked: int(cr.stats.robots.Load()),
		OutOfScope:    int(cr.stats.scope.Load()),
		SkippedFiles:  int(cr.stats.files.Load()),
		OverBudget:    int(cr.stats.budget.Load()),
	}
	if fnErr != nil {
		return st, fnErr
	}
	if err := context.Cause(cr.ctx); err != nil {
		return st, err
	}
	cr.cancel(nil)
	return st, nil
}

// inScope reports whether a canonical URL may be fetched, counting why not.
func (cr *crawler) inScope(u *url.URL, raw string) bool {
	if !cr.hosts[u.Host] {
		cr.stats.scope.Add(1)
		return false
	}
	if len(cr.opts.Include) > 0 && !matchAny(cr.opts.Include, raw) {
		cr.stats.scope.Add(1)
		return false
	}
	if matchAny(cr.opts.Exclude, raw) {
		cr.stats.scope.Add(1)
		return false
	}
	if fileExt[strings.ToLower(path.Ext(u.Path))] {
		cr.stats.files.Add(1)
		return false
	}
	return true
}

// claim marks a canonical URL as taken and reports whether the caller got it.
func (cr *crawler) claim(u string) bool {
	cr.mu.Lock()
	defer cr.mu.Unlock()
	if cr.seen[u] {
		return false
	}
	if cr.opts.MaxPages > 0 && len(cr.seen) >= cr.opts.MaxPages {
		cr.stats.budget.Add(1)
		return false
	}
	cr.seen[u] = true
	cr.stats.discovered.Add(1)
	return true
}

func (cr *crawler) enqueue(canonical string, depth int, from string) {
	if cr.ctx.Err() != nil {
		return
	}
	if cr.opts.MaxDepth > 0 && depth > cr.opts.MaxDepth {
		return
	}
	u, err := url.Parse(canonical)
	if err != nil || !cr.inScope(u, canonical) {
		return
	}
	if !cr.claim(canonical) {
		return
	}
	// Checked after the claim so each disallowed URL is counted once.
	if !cr.allowedByRobots(u) {
		cr.stats.robots.Add(1)
		cr.log.Debug("robots.txt disallows", "url", canonical)
		return
	}
	cctx := colly.NewContext()
	cctx.Put("depth", depth)
	cctx.Put("from", from)
	cctx.Put("url", canonical)
	if err := cr.c.Request(http.MethodGet, canonical, nil, cctx, nil); err != nil {
		cr.deliverFailure(canonical, from, depth, err)
	}
}

func (cr *crawler) onRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	orig, err := Canonicalize(via[0].URL.String())
	if err != nil {
		orig = via[0].URL.String()
	}
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	target, err := Canonicalize(req.URL.String())
	if err != nil {
		return http.ErrUseLastResponse
	}
	cr.mu.Lock()
	cr.redirects[orig] = append(cr.redirects[orig], umzug.Hop{URL: via[len(via)-1].URL.String(), Status: status})
	cr.mu.Unlock()
	t, _ := url.Parse(target)
	if !cr.hosts[t.Host] || !cr.allowedByRobots(t) {
		return http.ErrUseLastResponse // the redirect stub is delivered; its target is not ours to fetch
	}
	if !cr.claim(target) {
		// The target is fetched (or was) on its own: deliver the redirect
		// itself, which makes the source an alias of the target.
		return http.ErrUseLastResponse
	}
	return nil
}

func (cr *crawler) onHeaders(r *colly.Response) {
	if r.StatusCode >= 300 && r.StatusCode < 400 {
		return
	}
	ct := mediaType(r.Headers.Get("Content-Type"))
	if ct != "" && ct != "text/html" && ct != "application/xhtml+xml" {
		// Not a page: keep the header facts, skip the body.
		r.Request.Ctx.Put("skipped-body", true)
		cr.stats.fetched.Add(1)
		cr.deliver(cr.snapshot(r, nil))
		r.Request.Abort()
	}
}

func (cr *crawler) onResponse(r *colly.Response) {
	cr.stats.fetched.Add(1)
	s := cr.snapshot(r, r.Body)
	if s.IsHTML() && s.Status < 300 {
		cr.discoverLinks(s, s.Depth)
	}
	cr.deliver(s)
}

func (cr *crawler) onError(r *colly.Response, err error) {
	if r.Request.Ctx.GetAny("skipped-body") != nil || cr.ctx.Err() != nil {
		return
	}
	if r.StatusCode != 0 { // an HTTP status colly treats as error; keep the response
		cr.onResponse(r)
		return
	}
	depth, _ := r.Request.Ctx.GetAny("depth").(int)
	cr.deliverFailure(r.Request.Ctx.Get("url"), r.Request.Ctx.Get("from"), depth, err)
}

func (cr *crawler) deliverFailure(u, from string, depth int, err error) {
	cr.stats.failed.Add(1)
	cr.log.Warn("fetch failed", "url", u, "err", err)
	cr.deliver(&umzug.Snapshot{
		URL: u, FinalURL: u, Depth: depth, LinkedFrom: from, FetchedAt: time.Now().UTC(),
		Warnings: []umzug.Warning{{Code: "fetch-failed", Message: err.Error()}},
	})
}

func (cr *crawler) deliver(s *umzug.Snapshot) {
	select {
	case cr.out <- s:
	case <-cr.ctx.Done():
	}
}

// snapshot turns a colly response into a Snapshot, decoding HTML to UTF-8.
func (cr *crawler) snapshot(r *colly.Response, body []byte) *umzug.Snapshot {
	reqURL := r.Request.Ctx.Get("url")
	final, err := Canonicalize(r.Request.URL.String())
	if err != nil {
		final = r.Request.URL.String()
	}
	depth, _ := r.Request.Ctx.GetAny("depth").(int)
	s := &umzug.Snapshot{
		URL: reqURL, FinalURL: final, Status: r.StatusCode, Depth: depth,
		LinkedFrom: r.Request.Ctx.Get("from"), FetchedAt: time.Now().UTC(),
		ContentType: mediaType(r.Headers.Get("Content-Type")),
	}
	if r.Headers != nil {
		s.Header = r.Headers.Clone()
	}
	if r.StatusCode >= 300 && r.StatusCode < 400 {
		if loc := r.Headers.Get("Location"); loc != "" {
			if target, err := Resolve(r.Request.URL, loc); err == nil {
				s.FinalURL = target
			}
		}
	}
	cr.mu.Lock()
	s.Redirects = cr.redirects[reqURL]
	delete(cr.redirects, reqURL)
	cr.mu.Unlock()
	if body == nil {
		return s
	}
	sum := sha256.Sum256(body)
	s.RawSHA256 = hex.EncodeToString(sum[:])
	if s.ContentType == "" && looksLikeHTML(body) {
		s.ContentType = "text/html"
	}
	if s.IsHTML() {
		dec, name, warns := DecodeHTML(body, r.Headers.Get("Content-Type"))
		s.Body, s.Charset, s.Warnings = dec, name, warns
	} else {
		s.Body = body
	}
	return s
}

// discoverLinks parses the page for links and enqueues those in scope.
func (cr *crawler) discoverLinks(s *umzug.Snapshot, depth int) {
	base, err := url.Parse(s.FinalURL)
	if err != nil {
		return
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(s.Body))
	if err != nil {
		return
	}
	if b, ok := doc.Find("base[href]").Attr("href"); ok {
		if bu, err := base.Parse(strings.TrimSpace(b)); err == nil {
			base = bu
		}
	}
	if noFollow(doc) {
		return
	}
	doc.Find("a[href], area[href]").Each(func(_ int, a *goquery.Selection) {
		if rel, _ := a.Attr("rel"); strings.Contains(strings.ToLower(rel), "nofollow") {
			return
		}
		href, _ := a.Attr("href")
		u, err := Resolve(base, href)
		if err != nil {
			return
		}
		cr.enqueue(u, depth+1, s.FinalURL)
	})
}

// noFollow reports a robots meta tag that forbids following links.
func noFollow(doc *goquery.Document) bool {
	v, _ := doc.Find(`meta[name="robots" i]`).Attr("content")
	v = strings.ToLower(v)
	return strings.Contains(v, "nofollow") || strings.Contains(v, "none")
}

// sitemapURLs reads robots.txt Sitemap lines (or /sitemap.xml) of every
// seed host and returns the page URLs listed there, canonical.
func (cr *crawler) sitemapURLs() []string {
	client := &http.Client{Timeout: cr.opts.Timeout}
	var out []string
	doneHost := map[string]bool{}
	for _, seed := range cr.opts.Seeds {
		u, _ := url.Parse(seed)
		if doneHost[u.Host] {
			continue
		}
		doneHost[u.Host] = true
		root := u.Scheme + "://" + u.Host
		maps := []string{root + "/sitemap.xml"}
		if rd := cr.robotsFor(u); rd != nil && len(rd.Sitemaps) > 0 {
			maps = rd.Sitemaps
		}
		seenMap := map[string]bool{}
		for i := 0; i < len(maps) && i < 1000; i++ {
			sm := maps[i]
			if seenMap[sm] {
				continue
			}
			seenMap[sm] = true
			body, status, err := cr.get(client, sm)
			if err != nil || status != http.StatusOK {
				cr.log.Debug("sitemap not read", "url", sm, "status", status, "err", err)
				continue
			}
			pages, children, err := ParseSitemap(body)
			if err != nil {
				cr.log.Warn("sitemap unreadable", "url", sm, "err", err)
				continue
			}
			maps = append(maps, children...)
			for _, p := range pages {
				if cu, err := Canonicalize(p.Loc); err == nil {
					out = append(out, cu)
				}
			}
		}
	}
	return out
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
	client := &http.Client{Timeout: cr.opts.Timeout}
	body, status, err := cr.get(client, u.Scheme+"://"+u.Host+"/robots.txt")
	var rd *robotstxt.RobotsData
	if err != nil {
		cr.log.Warn("robots.txt not read; assuming allowed", "host", u.Host, "err", err)
	} else if rd, err = robotstxt.FromStatusAndBytes(status, body); err != nil {
		cr.log.Warn("robots.txt unreadable; assuming allowed", "host", u.Host, "err", err)
		rd = nil
	}
	cr.robots[u.Host] = rd
	return rd
}

// allowedByRobots reports whether robots.txt lets umzug fetch u.
func (cr *crawler) allowedByRobots(u *url.URL) bool {
	if cr.opts.IgnoreRobots {
		return true
	}
	rd := cr.robotsFor(u)
	if rd == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return rd.TestAgent(p, cr.opts.UserAgent)
}

func (cr *crawler) get(client *http.Client, u string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(cr.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", cr.opts.UserAgent)
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(nil, resp.Body, int64(cr.opts.MaxBodySize))); err != nil {
		return nil, resp.StatusCode, fmt.Errorf("reading %s: %w", u, err)
	}
	return buf.Bytes(), resp.StatusCode, nil
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
