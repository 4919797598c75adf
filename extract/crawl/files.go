package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/umzug/umzug/extract"
)

// FileFetcher fetches single files of the old site (the images and PDFs an
// export refers to that the crawl did not bring) as politely as the
// crawler: only from the crawl's hosts, robots.txt obeyed (unless
// IgnoreRobots), at most Concurrency requests per host with Delay after
// each, the crawler's transport with its timeouts, retries with backoff,
// Retry-After and body size cap. It is safe for concurrent use and
// implements load's FileSource.
type FileFetcher struct {
	opts  CrawlOptions
	fetch *fetcher
	hosts map[string]bool
	// MapURL turns a URL as the export names it (the public URL) into the
	// URL to fetch (the crawled mirror); nil keeps it.
	mapURL func(string) string
	log    *slog.Logger

	mu     sync.Mutex
	robots *Robots
	slots  map[string]chan struct{}
}

// NewFileFetcher returns a fetcher for files on the hosts of o.Seeds and
// o.AllowedHosts; mapURL (may be nil) rewrites each URL before it is
// fetched.
func NewFileFetcher(o CrawlOptions, mapURL func(string) string) (*FileFetcher, error) {
	if o.Concurrency < 1 {
		o.Concurrency = defaultConcurrency
	}
	if o.Timeout == 0 {
		o.Timeout = defaultTimeout
	}
	if o.MaxBodySize == 0 {
		o.MaxBodySize = defaultMaxBody
	}
	switch {
	case o.Retries == 0:
		o.Retries = defaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.RetryBackoff == 0 {
		o.RetryBackoff = defaultBackoff
	}
	if o.MaxRetryWait == 0 {
		o.MaxRetryWait = defaultMaxWait
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	hosts := map[string]bool{}
	for _, s := range o.Seeds {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("start URL %q: not an absolute URL", s)
		}
		hosts[strings.ToLower(u.Host)] = true
	}
	for _, h := range o.AllowedHosts {
		hosts[extract.CanonicalHostName(h)] = true
	}
	f := &FileFetcher{opts: o, fetch: newFetcher(o), hosts: hosts, mapURL: mapURL, log: o.Logger,
		slots: map[string]chan struct{}{}}
	f.robots = &Robots{Read: f.readRobots, UserAgent: o.UserAgent}
	return f, nil
}

// OpenFile fetches the file at raw. The body is held in memory (at most
// MaxBodySize bytes); a body cut at that size is an error, not a file.
func (f *FileFetcher) OpenFile(ctx context.Context, raw string) (io.ReadCloser, string, error) {
	target := raw
	if f.mapURL != nil {
		target = f.mapURL(raw)
	}
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, "", fmt.Errorf("fetching %s: not an http(s) URL", raw)
	}
	if !f.hosts[strings.ToLower(u.Host)] {
		return nil, "", fmt.Errorf("fetching %s: host %s is not one of the crawl's hosts (--allow-host)", raw, u.Host)
	}
	if !f.opts.IgnoreRobots && !f.allowed(ctx, u) {
		return nil, "", fmt.Errorf("fetching %s: disallowed by robots.txt", raw)
	}
	release, err := f.acquire(ctx, u.Host)
	if err != nil {
		return nil, "", err
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", fmt.Errorf("fetching %s: %w", raw, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	f.fetch.auth.Apply(req) // staging credentials, for the site's hosts only
	ex := f.fetch.fetch(req)
	if ex.err != nil {
		if ex.header != nil && errors.Is(ex.err, errTruncatedBody) {
			if n, err := strconv.ParseInt(ex.header.Get("Content-Length"), 10, 64); err == nil && n > int64(f.opts.MaxBodySize) {
				return nil, "", fmt.Errorf("fetching %s: larger than %d bytes (--max-body-size)", raw, f.opts.MaxBodySize)
			}
		}
		return nil, "", fmt.Errorf("fetching %s: %w", raw, ex.err)
	}
	if ex.status < 200 || ex.status > 299 {
		return nil, "", fmt.Errorf("fetching %s: HTTP %d", raw, ex.status)
	}
	if ex.truncated != "" {
		return nil, "", fmt.Errorf("fetching %s: larger than %d bytes (--max-body-size)", raw, f.opts.MaxBodySize)
	}
	mt, _, _ := mime.ParseMediaType(ex.header.Get("Content-Type"))
	return io.NopCloser(bytes.NewReader(ex.body)), mt, nil
}

// acquire takes one of the host's request slots; release waits out the
// delay before giving it back.
func (f *FileFetcher) acquire(ctx context.Context, host string) (func(), error) {
	f.mu.Lock()
	slot, ok := f.slots[host]
	if !ok {
		slot = make(chan struct{}, f.opts.Concurrency)
		f.slots[host] = slot
	}
	f.mu.Unlock()
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return func() {
		if f.opts.Delay > 0 {
			t := time.NewTimer(f.opts.Delay)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
		<-slot
	}, nil
}

// allowed reports whether robots.txt of u's host lets umzug fetch u; it
// reads robots.txt once per host, however many fetches start together (a
// missing one allows everything, a server error nothing, as RFC 9309
// says).
func (f *FileFetcher) allowed(ctx context.Context, u *url.URL) bool {
	return f.robots.Allowed(ctx, u)
}

func (f *FileFetcher) readRobots(ctx context.Context, u *url.URL) *robotstxt.RobotsData {
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	f.fetch.auth.Apply(req)
	ex := f.fetch.fetch(req)
	if ex.err != nil {
		f.log.Warn("robots.txt not read; assuming allowed", "host", u.Host, "err", ex.err)
		return nil
	}
	rd, err := robotstxt.FromStatusAndBytes(ex.status, ex.body)
	if err != nil {
		f.log.Warn("robots.txt unreadable; assuming allowed", "host", u.Host, "err", err)
		return nil
	}
	return rd
}
