package load

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PushOptions configure a push of an export directory to a CMS API.
type PushOptions struct {
	// BaseURL is the API root: records go to BaseURL/<collection>/<id>
	// with PUT, where collection is documents, snippets or assets.
	BaseURL string
	// Token, when set, is sent as "Authorization: Bearer <token>". The
	// caller decides whether pushing without one is intended (umzug load
	// asks for --no-auth); it is redacted from anything logged.
	Token string
	// Concurrency is the number of requests in flight (default 4).
	Concurrency int
	// Retries is how often a failed request is repeated (default 5):
	// network errors, 408, 425, 429 and 5xx are retried, other statuses
	// are not. MinBackoff (default 200ms) doubles per try up to
	// MaxBackoff (default 10s), with jitter; Retry-After is honoured up
	// to MaxBackoff.
	Retries    int
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// DryRun lists what would be sent without sending anything.
	DryRun bool
	// AllowPartial pushes an export whose manifest status is not
	// complete (partial, interrupted): a redirect map or document set
	// with pages missing. Without it such an export is refused.
	AllowPartial bool
	// Client is the HTTP client (default: one with a 60s timeout).
	Client *http.Client
	Logger *slog.Logger
	// OnPlan is called in dry runs for every record that would be sent.
	OnPlan func(method, url string, size int)
	// OnRecord, when set, is called once per record when its outcome is
	// known (sent, already confirmed, failed or planned), from the
	// goroutines that send: a progress bar's hook.
	OnRecord func()
}

// PushStats count what a push did.
type PushStats struct {
	Sent     int // records the target confirmed in this run
	Skipped  int // records the target had confirmed before, with the same content hash
	Failed   int // records not confirmed
	Requests int // HTTP requests written to the target, retries included
	Planned  int // records a dry run would send
}

// pushCollections are the export files pushed, in order: what documents
// refer to goes first.
var pushCollections = []struct{ file, collection string }{
	{"assets.ndjson", "assets"},
	{"snippets.ndjson", "snippets"},
	{"documents.ndjson", "documents"},
}

// ErrNotAccepted is wrapped by Push's error when the target did not
// accept some records: the push went on and finished, partially.
var ErrNotAccepted = errors.New("records not accepted")

// StateFile is the file in the export directory where a push records
// what each target confirmed, one JSON line per record.
const StateFile = ".umzug-push-state.ndjson"

type stateLine struct {
	Target      string `json:"target"`
	Collection  string `json:"collection"`
	ID          string `json:"id"`
	ContentHash string `json:"contentHash"`
}

// Push sends the records of the export in dir to the API at
// opts.BaseURL as idempotent upserts (PUT by id, the record as JSON
// body). A record whose content hash the same target confirmed in an
// earlier run is skipped, so an interrupted push resumes where it
// stopped. Records that fail are reported and the push goes on; the
// returned error says how many failed.
func Push(ctx context.Context, dir string, opts PushOptions) (PushStats, error) {
	var st PushStats
	m, err := ReadManifest(dir)
	if err != nil {
		return st, fmt.Errorf("pushing: %w", err)
	}
	if !opts.AllowPartial {
		if err := CheckComplete(dir, m); err != nil {
			return st, fmt.Errorf("pushing: %w", err)
		}
	}
	base, err := url.Parse(strings.TrimSuffix(opts.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return st, fmt.Errorf("push URL %q: not an http(s) URL", opts.BaseURL)
	}
	if opts.Concurrency < 1 {
		opts.Concurrency = 4
	}
	if opts.Retries == 0 {
		opts.Retries = 5
	}
	if opts.MinBackoff == 0 {
		opts.MinBackoff = 200 * time.Millisecond
	}
	if opts.MaxBackoff == 0 {
		opts.MaxBackoff = 10 * time.Second
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	target := base.String()
	confirmed, err := readState(filepath.Join(dir, StateFile), target)
	if err != nil {
		return st, err
	}
	var state *os.File
	if !opts.DryRun {
		state, err = os.OpenFile(filepath.Join(dir, StateFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return st, fmt.Errorf("opening push state: %w", err)
		}
		defer state.Close()
	}
	p := &pusher{opts: opts, target: target, state: state, st: &st}
	for _, c := range pushCollections {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if err := p.collection(ctx, filepath.Join(dir, c.file), c.collection, confirmed); err != nil {
			return st, err
		}
	}
	if state != nil {
		if err := state.Sync(); err != nil {
			return st, fmt.Errorf("syncing push state: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if st.Failed > 0 {
		return st, fmt.Errorf("pushing to %s: %w: %d records (see log); run again to retry them", target, ErrNotAccepted, st.Failed)
	}
	return st, nil
}

// readState returns collection/id -> content hash confirmed by target.
// A line cut short by a crash is ignored.
func readState(path, target string) (map[string]string, error) {
	out := map[string]string{}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading push state: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l stateLine
		if json.Unmarshal(sc.Bytes(), &l) != nil || l.Target != target {
			continue
		}
		out[l.Collection+"/"+l.ID] = l.ContentHash
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading push state: %w", err)
	}
	return out, nil
}

type pusher struct {
	opts   PushOptions
	target string
	mu     sync.Mutex
	state  *os.File
	st     *PushStats
}

type pushJob struct {
	collection, id, hash string
	body                 []byte
}

func (p *pusher) collection(ctx context.Context, path, collection string, confirmed map[string]string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // an export without snippets or assets
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	jobs := make(chan pushJob)
	var wg sync.WaitGroup
	for range p.opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				p.push(ctx, j)
			}
		}()
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var readErr error
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var head struct {
				ID          string `json:"id"`
				ContentHash string `json:"contentHash"`
			}
			if jerr := json.Unmarshal(line, &head); jerr != nil || head.ID == "" {
				p.opts.Logger.Error("record not pushed", "file", path, "line", n, "err", "no id")
				p.count(func(s *PushStats) { s.Failed++ })
				p.done()
				p.done()
			} else {
				if head.ContentHash == "" {
					sum := sha256.Sum256(bytes.TrimSpace(line))
					head.ContentHash = "sha256:" + hex.EncodeToString(sum[:])
				}
				if confirmed[collection+"/"+head.ID] == head.ContentHash {
					p.count(func(s *PushStats) { s.Skipped++ })
					p.done()
				} else {
					select {
					case jobs <- pushJob{collection, head.ID, head.ContentHash, bytes.TrimSpace(line)}:
					case <-ctx.Done():
					}
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				readErr = fmt.Errorf("reading %s: %w", path, err)
			}
			break
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	return readErr
}

func (p *pusher) count(f func(*PushStats)) {
	p.mu.Lock()
	f(p.st)
	p.mu.Unlock()
}

// done tells OnRecord that a record's outcome is known.
func (p *pusher) done() {
	if p.opts.OnRecord != nil {
		p.opts.OnRecord()
	}
}

func (p *pusher) push(ctx context.Context, j pushJob) {
	u := p.target + "/" + j.collection + "/" + url.PathEscape(j.id)
	if p.opts.DryRun {
		p.count(func(s *PushStats) { s.Planned++ })
		p.done()
		if p.opts.OnPlan != nil {
			p.mu.Lock()
			p.opts.OnPlan(http.MethodPut, u, len(j.body))
			p.mu.Unlock()
		}
		return
	}
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			return
		}
		status, retryAfter, body, err := p.put(ctx, u, j)
		if err == nil && status >= 200 && status < 300 {
			p.confirm(j)
			return
		}
		retryable := err != nil || status == 408 || status == 425 || status == 429 || status >= 500
		if !retryable || attempt >= p.opts.Retries {
			reason := fmt.Sprintf("HTTP %d", status)
			if err != nil {
				reason = err.Error()
			}
			args := []any{"url", u, "tries", attempt + 1, "reason", reason}
			if body != "" {
				args = append(args, "response", body)
			}
			p.opts.Logger.Error("record not pushed", args...)
			p.count(func(s *PushStats) { s.Failed++ })
			return
		}
		wait := p.backoff(attempt)
		if retryAfter > 0 {
			wait = min(retryAfter, p.opts.MaxBackoff)
		}
		p.opts.Logger.Debug("retrying", "url", u, "try", attempt+1, "wait", wait, "status", status, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// backoff is the wait before retry attempt+1: MinBackoff·2^attempt
// capped at MaxBackoff, with full jitter in its upper half.
func (p *pusher) backoff(attempt int) time.Duration {
	d := p.opts.MinBackoff << min(attempt, 20)
	if d <= 0 || d > p.opts.MaxBackoff {
		d = p.opts.MaxBackoff
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// put sends one record. It returns the status, a Retry-After wait, and
// for a status other than 2xx the start of the response body, on one
// line and with secrets redacted (what the CMS says is wrong).
func (p *pusher) put(ctx context.Context, u string, j pushJob) (int, time.Duration, string, error) {
	// Count what is actually written to the target: a request that fails
	// before it is sent is no request, and the transport's own retries
	// of a request on a dead connection are.
	trace := &httptrace.ClientTrace{WroteRequest: func(w httptrace.WroteRequestInfo) {
		if w.Err == nil {
			p.count(func(s *PushStats) { s.Requests++ })
		}
	}}
	ctx = httptrace.WithClientTrace(ctx, trace)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u, bytes.NewReader(j.body))
	if err != nil {
		return 0, 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", j.collection+"/"+j.id+"/"+j.hash)
	if p.opts.Token != "" {
		req.Header.Set("Authorization", "Bearer "+p.opts.Token)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return 0, 0, "", err
	}
	defer resp.Body.Close()
	var body string
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		body = errorBody(b, p.opts.Token)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, parseRetryAfter(resp.Header.Get("Retry-After")), body, nil
}

// errorBody makes an error response fit a log line: white space
// collapsed, at most 300 characters, and secrets redacted: the push token
// and whatever a JSON or form field named like a credential holds.
func errorBody(b []byte, token string) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	if token != "" {
		s = strings.ReplaceAll(s, token, "[redacted]")
	}
	s = bearerRe.ReplaceAllString(s, "${1}[redacted]")
	s = secretRe.ReplaceAllString(s, "${1}[redacted]${3}")
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}

var (
	bearerRe = regexp.MustCompile(`(?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+`)
	secretRe = regexp.MustCompile(`(?i)("?\b(?:password|passwd|secret|token|api[_-]?key|authorization|cookie|session)[a-z_-]*"?\s*[:=]\s*"?)([^"&,\s}]+)("?)`)
)

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// confirm records in the state file that the target holds the record.
func (p *pusher) confirm(j pushJob) {
	line, _ := json.Marshal(stateLine{Target: p.target, Collection: j.collection, ID: j.id, ContentHash: j.hash})
	p.mu.Lock()
	p.st.Sent++
	if _, err := p.state.Write(append(line, '\n')); err != nil {
		p.opts.Logger.Warn("push state not written; the record will be sent again next time", "id", j.id, "err", err)
	}
	p.mu.Unlock()
	p.done()
}
