package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
)

// HTTPChecker is the audit's link checker: HEAD, then GET when HEAD fails
// (many servers answer HEAD with 403, 404 or 405 where GET works), at
// most PerHost requests at a time per host with Delay between their
// starts, robots.txt obeyed unless IgnoreRobots (read once per host, also
// when many checks of one host start together), every URL asked once. It
// is safe for concurrent use.
type HTTPChecker struct {
	client       *http.Client
	userAgent    string
	perHost      int
	delay        time.Duration
	ignoreRobots bool
	auth         *crawl.Auth // credentials of the site's own hosts (staging)

	mu sync.Mutex
	// answers holds the answer for each URL asked (and the check under
	// way), so a URL asked again, or by two checks at once, is fetched
	// once. It is bounded: at maxAnswers entries the answers already
	// given are dropped (checks under way stay). The audit asks each
	// target once, so a dropped answer is fetched again only when a
	// caller asks for a URL a second time after that many others.
	answers    map[string]*checkResult
	maxAnswers int
	hosts      map[string]*hostGate // per host: requests at a time and the delay (politeness state, not a cache)
	// robots holds robots.txt per host, read once. It is bounded (see
	// defaultMaxRobots): external links reach many hosts.
	robots *crawl.Robots
	// checked counts the URLs asked over the network.
	checked int
}

// HTTPChecker answers the audit's questions about link targets.
var _ umzug.LinkChecker = (*HTTPChecker)(nil)

// CheckerOptions configure an HTTPChecker.
type CheckerOptions struct {
	Timeout      time.Duration // of one request
	UserAgent    string
	PerHost      int           // requests at a time per host (at least 1)
	Delay        time.Duration // between the starts of requests to one host
	IgnoreRobots bool
	Auth         *crawl.Auth // staging credentials, sent to the site's hosts only
}

type checkResult struct {
	done   chan struct{}
	status int
	err    error
}

type hostGate struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time
}

// errRobots marks a target robots.txt does not let umzug fetch; the audit
// does not count it as broken.
var errRobots = fmt.Errorf("%w: disallowed by robots.txt", umzug.ErrNotChecked)

// NewHTTPChecker returns a link checker.
func NewHTTPChecker(o CheckerOptions) *HTTPChecker {
	auth := o.Auth
	c := &HTTPChecker{
		client: &http.Client{Timeout: o.Timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			auth.Reapply(req)
			return nil
		}},
		userAgent: o.UserAgent, perHost: max(o.PerHost, 1), delay: o.Delay, ignoreRobots: o.IgnoreRobots, auth: auth,
		answers: map[string]*checkResult{}, maxAnswers: defaultMaxAnswers,
		hosts: map[string]*hostGate{},
	}
	c.robots = &crawl.Robots{Read: c.fetchRobots, UserAgent: o.UserAgent, Max: defaultMaxRobots}
	return c
}

// The bounds of the checker's tables: about 200 bytes per answer, up to
// 512 KB per robots.txt (most are a few KB).
const (
	defaultMaxAnswers = 200_000
	defaultMaxRobots  = 1_000
)

// Check returns the final status of u after redirects. A URL robots.txt
// disallows is reported as status 0 with errRobots wrapped: not broken.
func (c *HTTPChecker) Check(ctx context.Context, u string) (int, error) {
	c.mu.Lock()
	r, ok := c.answers[u]
	if !ok {
		if len(c.answers) >= c.maxAnswers {
			for k, a := range c.answers {
				select {
				case <-a.done:
					delete(c.answers, k)
				default: // under way: others may wait for it
				}
			}
		}
		r = &checkResult{done: make(chan struct{})}
		c.answers[u] = r
	}
	c.mu.Unlock()
	if ok {
		select {
		case <-r.done:
			return r.status, r.err
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	r.status, r.err = c.check(ctx, u)
	close(r.done)
	return r.status, r.err
}

func (c *HTTPChecker) check(ctx context.Context, raw string) (int, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return 0, err
	}
	if !c.ignoreRobots && !c.allowed(ctx, u) {
		return 0, errRobots
	}
	c.mu.Lock()
	c.checked++
	c.mu.Unlock()
	st, err := c.do(ctx, http.MethodHead, raw)
	if err == nil && st < 400 {
		return st, nil
	}
	if st == http.StatusTooManyRequests {
		return st, nil // the server is busy, not the link broken
	}
	return c.do(ctx, http.MethodGet, raw)
}

func (c *HTTPChecker) do(ctx context.Context, method, u string) (int, error) {
	host := hostOf(u)
	g := c.gate(host)
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	defer func() { <-g.sem }()
	if c.delay > 0 {
		g.mu.Lock()
		wait := time.Until(g.next)
		g.next = time.Now().Add(max(wait, 0) + c.delay)
		g.mu.Unlock()
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return 0, ctx.Err()
			}
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	c.auth.Apply(req)
	resp, err := c.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, err
	}
	defer resp.Body.Close()
	// Read a little so the connection can be reused, not the whole file.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode == http.StatusTooManyRequests {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 && s <= 30 && method == http.MethodGet {
			g.mu.Lock()
			g.next = time.Now().Add(time.Duration(s) * time.Second)
			g.mu.Unlock()
		}
	}
	return resp.StatusCode, nil
}

func (c *HTTPChecker) gate(host string) *hostGate {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.hosts[host]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, c.perHost)}
		c.hosts[host] = g
	}
	return g
}

// allowed checks robots.txt of u's host (fetched once per host, however
// many checks start together; unreachable or missing allows everything,
// as the crawler does).
func (c *HTTPChecker) allowed(ctx context.Context, u *url.URL) bool {
	return c.robots.Allowed(ctx, u)
}

func (c *HTTPChecker) fetchRobots(ctx context.Context, u *url.URL) *robotstxt.RobotsData {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.Scheme+"://"+u.Host+"/robots.txt", nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", c.userAgent)
	c.auth.Apply(req)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil
	}
	rd, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil
	}
	return rd
}

func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil {
		return strings.ToLower(p.Host)
	}
	return u
}

func (c *HTTPChecker) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("%d URLs checked", c.checked)
}

// WithOrigins makes the checker send requests for the named origins to
// the ones that answer, as the crawl does.
func (c *HTTPChecker) WithOrigins(o crawl.Origins) (*HTTPChecker, error) {
	if len(o) == 0 {
		return c, nil
	}
	base := c.client.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	tr, err := crawl.ConnectTransport(base, o)
	if err != nil {
		return nil, err
	}
	c.client.Transport = tr
	return c, nil
}
