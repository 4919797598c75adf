package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/umzug/umzug/extract"
)

// fetchIDHeader links colly's request to what the transport captured. The
// transport removes it before the request leaves.
const fetchIDHeader = "X-Umzug-Fetch-Id"

// exchange is one HTTP request and its response (or failure) as the
// transport saw it: the raw payload for the archive, before colly decodes
// or converts anything.
type exchange struct {
	req       *http.Request // as sent (without fetchIDHeader)
	started   time.Time
	fetchedAt time.Time
	ip        string

	proto     string
	status    int
	header    http.Header // as received, Content-Encoding included
	raw       []byte      // entity body as transferred (content-coded)
	body      []byte      // content-decoded body
	truncated string      // WARC-Truncated reason ("length") or ""
	warnings  []string    // e.g. a body cut at the size cap
	// cutWarning is 1 + the index in warnings of the body's cut at the
	// size cap (umzug.WarnTruncatedBody), 0 for none.
	cutWarning int
	attempts   int
	err        error // no usable response after all attempts
}

// fetcher is the http.RoundTripper colly uses (Collector.WithTransport).
// It reads every body itself, so that it can retry a truncated one, keep
// the raw bytes for the archive, cap the size and guard against
// decompression bombs; it retries timeouts, resets, truncated bodies, 429
// and 5xx responses with exponential backoff and jitter, honouring
// Retry-After, and pauses a host that asked for it.
type fetcher struct {
	base       http.RoundTripper
	retries    int
	backoff    time.Duration
	maxWait    time.Duration
	timeout    time.Duration
	maxBody    int64
	auth       *Auth
	onRetry    func(url, reason string, wait time.Duration)
	retryCount atomic.Int64

	mu       sync.Mutex
	captures map[string][]*exchange
	pauses   map[string]time.Time // host -> no request before
}

func newFetcher(o CrawlOptions) *fetcher {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   max(o.Concurrency*2, 8),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
		DisableCompression:    true, // content-coding is decoded here, under the size cap
		ForceAttemptHTTP2:     true,
	}
	return &fetcher{
		base: tr, retries: o.Retries, backoff: o.RetryBackoff, maxWait: o.MaxRetryWait,
		timeout: o.Timeout, maxBody: int64(o.MaxBodySize), auth: o.Auth,
		captures: map[string][]*exchange{}, pauses: map[string]time.Time{},
	}
}

// take returns and forgets the exchanges captured for a fetch id, in the
// order they happened (redirect hops first).
func (f *fetcher) take(id string) []*exchange {
	f.mu.Lock()
	defer f.mu.Unlock()
	ex := f.captures[id]
	delete(f.captures, id)
	return ex
}

func (f *fetcher) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(fetchIDHeader)
	out := req.Clone(req.Context())
	out.Header.Del(fetchIDHeader)
	out.Header.Set("Accept-Encoding", "gzip, deflate")
	f.auth.Apply(out)
	ex := f.fetch(out)
	if id != "" {
		f.mu.Lock()
		f.captures[id] = append(f.captures[id], ex)
		f.mu.Unlock()
	}
	if ex.err != nil {
		return nil, ex.err
	}
	h := ex.header.Clone()
	h.Del("Content-Encoding")
	var body io.ReadCloser = http.NoBody
	n := 0
	if id == "" {
		body, n = io.NopCloser(bytes.NewReader(ex.body)), len(ex.body)
	}
	// A captured exchange's body is the crawler's (take): colly gets none,
	// which saves it a copy of every page (io.ReadAll's growing buffers,
	// about twice the page in allocations) and a conversion of pages in
	// another charset that nobody would read.
	h.Set("Content-Length", strconv.Itoa(n))
	return &http.Response{
		Status: fmt.Sprintf("%d %s", ex.status, http.StatusText(ex.status)), StatusCode: ex.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: body, ContentLength: int64(n),
		Request: req, Uncompressed: true,
	}, nil
}

// fetch runs the attempts for one request.
func (f *fetcher) fetch(req *http.Request) *exchange {
	ctx := req.Context()
	for attempt := 1; ; attempt++ {
		if err := f.waitForHost(ctx, req.URL.Host); err != nil {
			return &exchange{req: req, err: err, attempts: attempt}
		}
		ex := f.once(req)
		ex.attempts = attempt
		if ctx.Err() != nil {
			ex.err = ctx.Err()
			return ex
		}
		reason, wait, retry := f.retryable(ex, attempt)
		if !retry || attempt > f.retries {
			if retry && ex.err != nil {
				ex.err = fmt.Errorf("%w (gave up after %d attempts)", ex.err, attempt)
			} else if retry {
				ex.warnings = append(ex.warnings, fmt.Sprintf("HTTP %d after %d attempts", ex.status, attempt))
			}
			return ex
		}
		f.retryCount.Add(1)
		if f.onRetry != nil {
			f.onRetry(req.URL.String(), reason, wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return &exchange{req: req, err: ctx.Err(), attempts: attempt}
		case <-t.C:
		}
	}
}

// retryable decides whether an attempt is worth repeating, why, and after
// how long.
func (f *fetcher) retryable(ex *exchange, attempt int) (reason string, wait time.Duration, ok bool) {
	backoff := f.backoff << (attempt - 1)
	// Equal jitter: half fixed, half random, so that parallel workers that
	// failed together do not come back together.
	backoff = backoff/2 + time.Duration(rand.Int64N(int64(backoff/2)+1))
	backoff = min(backoff, f.maxWait)
	if ex.err != nil {
		return ex.err.Error(), backoff, isTransient(ex.err)
	}
	switch {
	case ex.status == http.StatusTooManyRequests || ex.status == http.StatusServiceUnavailable:
		if ra, ok := parseRetryAfter(ex.header.Get("Retry-After"), ex.fetchedAt); ok {
			wait = min(ra, f.maxWait)
			f.pauseHost(ex.req.URL.Host, wait)
			return fmt.Sprintf("HTTP %d, Retry-After %s", ex.status, ra), wait, true
		}
		f.pauseHost(ex.req.URL.Host, backoff)
		return fmt.Sprintf("HTTP %d", ex.status), backoff, true
	case ex.status == http.StatusRequestTimeout || ex.status >= 500 && ex.status != http.StatusNotImplemented && ex.status != http.StatusHTTPVersionNotSupported:
		return fmt.Sprintf("HTTP %d", ex.status), backoff, true
	}
	return "", 0, false
}

// isTransient reports errors that another attempt may not meet:
// timeouts, resets, refused connections, truncated bodies.
func isTransient(err error) bool {
	var ne net.Error
	switch {
	case errors.Is(err, errTruncatedBody), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.As(err, &ne) && ne.Timeout():
		return true
	}
	s := err.Error()
	return strings.Contains(s, "connection reset") || strings.Contains(s, "server closed") || strings.Contains(s, "broken pipe")
}

var errTruncatedBody = errors.New("truncated body")

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func (f *fetcher) pauseHost(host string, d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if until := time.Now().Add(d); until.After(f.pauses[host]) {
		f.pauses[host] = until
	}
}

func (f *fetcher) waitForHost(ctx context.Context, host string) error {
	f.mu.Lock()
	until := f.pauses[host]
	f.mu.Unlock()
	d := time.Until(until)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// once makes one attempt: headers and the whole body within the timeout.
func (f *fetcher) once(req *http.Request) *exchange {
	ex := &exchange{req: req, started: time.Now()}
	ctx, cancel := context.WithTimeout(req.Context(), f.timeout)
	defer cancel()
	trace := &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if a, ok := ci.Conn.RemoteAddr().(*net.TCPAddr); ok {
			ex.ip = a.IP.String()
		}
	}}
	r := req.WithContext(httptrace.WithClientTrace(ctx, trace))
	resp, err := f.base.RoundTrip(r)
	if err != nil {
		ex.err = err
		return ex
	}
	defer resp.Body.Close()
	ex.proto, ex.status, ex.header = resp.Proto, resp.StatusCode, resp.Header
	raw, err := readBody(resp, f.maxBody+1)
	ex.fetchedAt = time.Now()
	switch {
	case int64(len(raw)) > f.maxBody:
		// Over the cap: cut there and kept, with a warning. Never
		// retried: the next attempt would be as large (the rest of a
		// 200 MB body is not even downloaded).
		raw = raw[:f.maxBody]
		ex.truncated = "length"
		size := "more"
		if resp.ContentLength > 0 {
			size = strconv.FormatInt(resp.ContentLength, 10)
		}
		ex.cutWarning = len(ex.warnings) + 1
		ex.warnings = append(ex.warnings, fmt.Sprintf("body of %s bytes larger than the cap of %d bytes (--max-body-size): cut, the rest of the page is missing", size, f.maxBody))
	case err != nil:
		ex.err = fmt.Errorf("%w: read %d bytes: %w", errTruncatedBody, len(raw), err)
		return ex
	case resp.ContentLength >= 0 && int64(len(raw)) < resp.ContentLength:
		ex.err = fmt.Errorf("%w: read %d of %d bytes", errTruncatedBody, len(raw), resp.ContentLength)
		return ex
	}
	ex.raw = raw
	ex.body = raw
	if enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc != "" && enc != "identity" && len(raw) > 0 {
		body, warn := extract.DecodeContent(enc, raw, f.maxBody)
		if warn != "" {
			ex.warnings = append(ex.warnings, warn)
		}
		if body != nil {
			ex.body = body
		}
	}
	return ex
}

// readBody reads at most limit bytes of the body, in one allocation when
// the length is announced.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if n := resp.ContentLength; n >= 0 && n < limit {
		buf := make([]byte, n, n+1)
		m, err := io.ReadFull(resp.Body, buf)
		if err != nil {
			return buf[:m], err
		}
		// A body longer than announced is cut by the transport; check for
		// the end anyway.
		var one [1]byte
		if k, _ := resp.Body.Read(one[:]); k > 0 {
			rest, err := io.ReadAll(io.LimitReader(resp.Body, limit-n-1))
			buf = append(append(buf, one[0]), rest...)
			return buf, err
		}
		return buf, nil
	}
	return io.ReadAll(io.LimitReader(resp.Body, limit))
}
