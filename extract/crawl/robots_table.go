package crawl

import (
	"context"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// Robots reads robots.txt once per host, however many goroutines ask
// about the host at the same moment (the first reads it, the others wait
// for it), and answers whether a URL may be fetched. A robots.txt that
// could not be read allows everything, as RFC 9309 says for a missing
// one. It keeps at most Max hosts: at the bound the table is cleared (a
// goroutine that holds an entry still reads it once) and a host asked
// again has its robots.txt read again. The crawler itself has its own
// table, which also keeps each host's status for the run's failures.
type Robots struct {
	// Read fetches and parses the robots.txt of u's host; nil allows
	// everything.
	Read      func(ctx context.Context, u *url.URL) *robotstxt.RobotsData
	UserAgent string
	Max       int // hosts kept; 0 means 1,000

	mu    sync.Mutex
	hosts map[string]*robotsEntry
}

// robotsEntry is the robots.txt of one host, read once.
type robotsEntry struct {
	once sync.Once
	rd   *robotstxt.RobotsData // nil: allow everything
}

// Allowed reports whether robots.txt of u's host lets the user agent
// fetch u.
func (r *Robots) Allowed(ctx context.Context, u *url.URL) bool {
	r.mu.Lock()
	if r.hosts == nil {
		r.hosts = map[string]*robotsEntry{}
	}
	e := r.hosts[u.Host]
	if e == nil {
		limit := r.Max
		if limit <= 0 {
			limit = 1000
		}
		if len(r.hosts) >= limit {
			clear(r.hosts)
		}
		e = &robotsEntry{}
		r.hosts[u.Host] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.rd = r.Read(ctx, u) })
	return testRobots(e.rd, u, r.UserAgent)
}

// Hosts is the number of hosts whose robots.txt is kept.
func (r *Robots) Hosts() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.hosts)
}

// testRobots reports whether rd lets agent fetch u; nil allows all.
func testRobots(rd *robotstxt.RobotsData, u *url.URL, agent string) bool {
	if rd == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return rd.TestAgent(p, agent)
}
