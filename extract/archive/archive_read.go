package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/umzug/umzug"
)

// ReadArchiveOptions select the captures ReadArchiveRun reads.
type ReadArchiveOptions struct {
	// Run reads only the captures of this run; 0 reads the latest capture
	// of every canonical URL across all runs that did not fail.
	Run int64
}

// ReadArchive calls fn with the latest snapshot of every canonical URL in
// the archive at dir, in URL order, exactly as the crawl delivered it:
// HTML decoded to UTF-8, other bodies raw, failed fetches with Status 0
// and a "fetch-failed" warning. A 304 of a re-crawl yields the body of the
// response it confirmed. It works offline and may run while a crawl writes
// the archive. A record that cannot be read is delivered with Status 0 and
// an "archive-error" warning naming file and offset; an error from fn
// stops the reading and is returned.
func ReadArchive(ctx context.Context, dir string, fn func(*umzug.Snapshot) error) error {
	return ReadArchiveRun(ctx, dir, ReadArchiveOptions{}, fn)
}

// ReadArchiveRun is ReadArchive with options, e.g. one run only.
func ReadArchiveRun(ctx context.Context, dir string, o ReadArchiveOptions, fn func(*umzug.Snapshot) error) error {
	db, err := openExistingDB(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	q := `SELECT c.url, c.final_url, IFNULL(c.redirects,''), c.status, c.kind, IFNULL(c.content_type,''), IFNULL(c.sha256,''),
       IFNULL(c.payload_file,''), IFNULL(c.payload_offset,0), c.fetched_at, c.depth, c.linked_from, IFNULL(c.error,''), IFNULL(c.warnings,''), IFNULL(c.length,0)
FROM captures c JOIN (SELECT url, MAX(id) AS id FROM captures %s GROUP BY url) m ON c.id = m.id ORDER BY c.url`
	var rows *sql.Rows
	if o.Run > 0 {
		rows, err = db.QueryContext(ctx, fmt.Sprintf(q, "WHERE run_id = ?"), o.Run)
	} else {
		// Runs that failed (the site was down) hold no news about pages
		// that earlier runs fetched, unless every run failed.
		rows, err = db.QueryContext(ctx, fmt.Sprintf(q, `WHERE run_id NOT IN (SELECT id FROM runs WHERE status = 'failed')
   OR NOT EXISTS (SELECT 1 FROM runs WHERE status != 'failed')`))
	}
	if err != nil {
		return fmt.Errorf("reading archive %s: %w", dir, err)
	}
	defer rows.Close()
	var files warcFiles
	defer files.close()
	n := 0
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var r struct {
			url, final, redirects, kind, ct, sha, pfile, fetched, from, errMsg, warns string
			status, depth                                                             int
			poff, length                                                              int64
		}
		if err := rows.Scan(&r.url, &r.final, &r.redirects, &r.status, &r.kind, &r.ct, &r.sha, &r.pfile, &r.poff,
			&r.fetched, &r.depth, &r.from, &r.errMsg, &r.warns, &r.length); err != nil {
			return fmt.Errorf("reading archive %s: %w", dir, err)
		}
		n++
		s := &umzug.Snapshot{URL: r.url, FinalURL: r.final, Status: r.status, ContentType: r.ct, RawSHA256: r.sha,
			Depth: r.depth, LinkedFrom: r.from}
		s.FetchedAt, _ = time.Parse(time.RFC3339Nano, r.fetched)
		if r.redirects != "" {
			_ = json.Unmarshal([]byte(r.redirects), &s.Redirects)
		}
		if r.warns != "" {
			_ = json.Unmarshal([]byte(r.warns), &s.Warnings)
		}
		switch {
		case r.kind == "failed":
			s.Status = 0
			if r.pfile != "" {
				s.ArchiveRef = fmt.Sprintf("%s#%d", r.pfile, r.poff)
			}
			if !hasWarning(s.Warnings, "fetch-failed") {
				s.Warnings = append(s.Warnings, umzug.Warning{Code: "fetch-failed", Message: r.errMsg})
			}
		case r.pfile == "":
			s.Status = 0
			s.Warnings = append(s.Warnings, umzug.Warning{Code: "archive-error", Message: "the index points to no WARC record for " + r.url})
		default:
			_, ar, err := readPayloadIn(&files, dir, r.pfile, r.poff, r.length)
			if err != nil {
				s.Status = 0
				s.ArchiveRef = fmt.Sprintf("%s#%d", r.pfile, r.poff)
				s.Warnings = append(s.Warnings, umzug.Warning{Code: "archive-error", Message: fmt.Sprintf("record %s unreadable: %v", s.ArchiveRef, err)})
				break
			}
			s.ArchiveRef = fmt.Sprintf("%s#%d", r.pfile, r.poff)
			ar.fill(s)
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading archive %s: %w", dir, err)
	}
	if n == 0 && o.Run > 0 {
		return fmt.Errorf("reading archive %s: run %d has no captures", dir, o.Run)
	}
	return nil
}

func hasWarning(ws []umzug.Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

// openExistingDB opens the index of an existing archive for reading.
func openExistingDB(dir string) (*sql.DB, error) {
	if _, err := os.Stat(filepath.Join(dir, indexName)); err != nil {
		return nil, fmt.Errorf("archive %s: not an umzug archive (no %s): %w", dir, indexName, err)
	}
	return openDB(dir)
}

// ArchiveRun describes one crawl run of an archive.
type ArchiveRun struct {
	ID         int64     `json:"id"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	Status     string    `json:"status"` // running, interrupted, complete, failed, abandoned
	Seeds      []string  `json:"seeds"`
	Sessions   int       `json:"sessions"` // processes that worked on it (more than 1 after a resume)
	Captures   int       `json:"captures"`
	Queued     int       `json:"queued"` // URLs still to fetch
}

// ArchiveRuns lists the runs of the archive at dir, oldest first.
func ArchiveRuns(ctx context.Context, dir string) ([]ArchiveRun, error) {
	db, err := openExistingDB(dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.started_at, IFNULL(r.finished_at,''), r.status, r.seeds, r.sessions,
  (SELECT COUNT(*) FROM captures c WHERE c.run_id = r.id),
  (SELECT COUNT(*) FROM frontier f WHERE f.run_id = r.id AND f.state = 0)
FROM runs r ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("reading archive %s: %w", dir, err)
	}
	defer rows.Close()
	var out []ArchiveRun
	for rows.Next() {
		var r ArchiveRun
		var started, finished, seeds string
		if err := rows.Scan(&r.ID, &started, &finished, &r.Status, &seeds, &r.Sessions, &r.Captures, &r.Queued); err != nil {
			return nil, err
		}
		r.StartedAt, _ = time.Parse(time.RFC3339, started)
		r.FinishedAt, _ = time.Parse(time.RFC3339, finished)
		_ = json.Unmarshal([]byte(seeds), &r.Seeds)
		out = append(out, r)
	}
	return out, rows.Err()
}

// URLChange is one line of a diff between two runs.
type URLChange struct {
	Change     string `json:"change"` // added, changed, removed, status
	URL        string `json:"url"`
	FromStatus int    `json:"fromStatus,omitempty"`
	ToStatus   int    `json:"toStatus,omitempty"`
	FromSHA256 string `json:"fromSha256,omitempty"`
	ToSHA256   string `json:"toSha256,omitempty"`
	Reason     string `json:"reason,omitempty"`
	// Scope tells, for a changed HTML page, where it changed once
	// ArchiveDiff.ScopeChanges compared the main content: "content" (the
	// extracted document differs) or "template" (only what is around the
	// main content: menus, footer, sidebars). Empty when not compared.
	Scope string `json:"scope,omitempty"`

	from, to diffCapture // the two captures of a changed URL
}

// Change scopes of a changed page (URLChange.Scope).
const (
	ScopeContent  = "content"
	ScopeTemplate = "template"
)

// ArchiveDiff is what changed between two runs.
type ArchiveDiff struct {
	From, To  ArchiveRun
	Changes   []URLChange // sorted by URL
	Unchanged int
	// NotReached counts URLs of the earlier run that the later one did
	// not reach although they may still exist: still queued (an
	// interrupted run), disallowed by robots.txt now, or first linked
	// from a page that failed in the later run. They are not removals.
	NotReached int
	// Failed names a run of the two that failed (the site was down):
	// then nothing is compared and Changes is empty, because what such a
	// run misses was not removed from the site.
	Failed *ArchiveRun
	// Failures counts the failed URLs of the Failed run per reason.
	Failures map[string]int
}

// DiffArchive compares the captures of two runs of the archive at dir
// (from and to; 0 and 0 mean the last two runs). A URL is
//
//   - added when only the later run has it;
//   - removed when the earlier run had it with a 2xx and the later run got
//     404 or 410, or did not reach it although the page that linked it
//     was fetched fine ("no longer linked"); a URL still queued, now
//     disallowed, linked from a page that failed, or a file when the
//     later run fetched no files (FetchAssets off) is counted as not
//     reached instead;
//   - status when its status changed otherwise (a 304 counts as the status
//     it confirmed), or a redirect points elsewhere;
//   - changed when both runs got a 2xx and the bodies differ after
//     removing volatile parts (see normalizedSHA256): comments, nonces,
//     form tokens, cache-busting numbers, white space. For non-HTML bodies
//     the exact sha256 is compared.
//
// A run that failed (the site was down) is not compared: the diff names
// it in Failed and has no changes. By default the latest run is compared
// with the latest earlier run that did not fail.
func DiffArchive(ctx context.Context, dir string, from, to int64) (ArchiveDiff, error) {
	runs, err := ArchiveRuns(ctx, dir)
	if err != nil {
		return ArchiveDiff{}, err
	}
	byID := map[int64]ArchiveRun{}
	var withCaptures []ArchiveRun // and failed runs, which may have none
	for _, r := range runs {
		byID[r.ID] = r
		if r.Captures > 0 || r.Status == umzug.StatusFailed {
			withCaptures = append(withCaptures, r)
		}
	}
	if from == 0 && to == 0 {
		if n := len(withCaptures); n == 1 && withCaptures[0].Status == umzug.StatusFailed {
			from, to = withCaptures[0].ID, withCaptures[0].ID
		} else if n < 2 {
			return ArchiveDiff{}, fmt.Errorf("archive %s: diff needs two runs with captures; it has %d", dir, n)
		} else {
			// The latest run against the latest earlier one that did not
			// fail (a failed latest run is reported as such).
			to = withCaptures[n-1].ID
			from = withCaptures[n-2].ID
			for i := n - 2; i >= 0; i-- {
				if withCaptures[i].Status != umzug.StatusFailed {
					from = withCaptures[i].ID
					break
				}
			}
		}
	}
	d := ArchiveDiff{}
	var ok bool
	if d.From, ok = byID[from]; !ok {
		return d, fmt.Errorf("archive %s: no run %d", dir, from)
	}
	if d.To, ok = byID[to]; !ok {
		return d, fmt.Errorf("archive %s: no run %d", dir, to)
	}
	db, err := openExistingDB(dir)
	if err != nil {
		return d, err
	}
	defer db.Close()
	for _, r := range []*ArchiveRun{&d.To, &d.From} {
		if r.Status == umzug.StatusFailed {
			d.Failed = r
			_, d.Failures, err = runFailureCounts(db, r.ID)
			return d, err
		}
	}
	a, err := runCaptures(ctx, db, from)
	if err != nil {
		return d, err
	}
	b, err := runCaptures(ctx, db, to)
	if err != nil {
		return d, err
	}
	frontierB, err := runFrontier(ctx, db, to)
	if err != nil {
		return d, err
	}
	// A later run that fetched no file of the site (umzug migrate without
	// --assets after a crawl, which fetches them) did not reach the files:
	// they are not removed.
	files := false
	for u, y := range b {
		if y.asset || a[u].asset {
			files = true
			break
		}
	}
	for u, x := range a {
		y, ok := b[u]
		switch {
		case !ok:
			if !x.ok() {
				break
			}
			// Not in the later run: removed only when it is no longer
			// linked from a page the later run fetched fine.
			_, found := frontierB[u]
			linker, linkerOK := b[x.linkedFrom]
			if found || x.linkedFrom != "" && (!linkerOK || !linker.ok()) || x.asset && !files {
				d.NotReached++
				break
			}
			reason := "no longer linked"
			if x.linkedFrom != "" {
				reason += " from " + x.linkedFrom
			}
			d.Changes = append(d.Changes, URLChange{Change: "removed", URL: u, FromStatus: x.status, FromSHA256: x.sha, Reason: reason})
		case x.ok() && (y.status == http.StatusNotFound || y.status == http.StatusGone):
			d.Changes = append(d.Changes, URLChange{Change: "removed", URL: u, FromStatus: x.status, ToStatus: y.status, FromSHA256: x.sha, Reason: fmt.Sprintf("HTTP %d", y.status)})
		case x.status != y.status:
			reason := ""
			if y.status == 0 {
				reason = y.errMsg
			}
			d.Changes = append(d.Changes, URLChange{Change: "status", URL: u, FromStatus: x.status, ToStatus: y.status, Reason: reason})
		case x.status >= 300 && x.status < 400 && x.final != y.final:
			d.Changes = append(d.Changes, URLChange{Change: "status", URL: u, FromStatus: x.status, ToStatus: y.status, Reason: "redirects to " + y.final + " instead of " + x.final})
		case x.ok() && x.sha != y.sha && !sameContent(dir, x, y):
			d.Changes = append(d.Changes, URLChange{Change: "changed", URL: u, FromStatus: x.status, ToStatus: y.status, FromSHA256: x.sha, ToSHA256: y.sha, from: x, to: y})
		default:
			d.Unchanged++
		}
	}
	for u, y := range b {
		if _, ok := a[u]; !ok {
			d.Changes = append(d.Changes, URLChange{Change: "added", URL: u, ToStatus: y.status, ToSHA256: y.sha})
		}
	}
	sort.Slice(d.Changes, func(i, j int) bool {
		if d.Changes[i].URL != d.Changes[j].URL {
			return d.Changes[i].URL < d.Changes[j].URL
		}
		return d.Changes[i].Change < d.Changes[j].Change
	})
	return d, nil
}

// SameContentFunc reports whether two captures of a page hold the same
// main content. Each is the snapshot an export reads from the archive
// (ReadArchive): status, headers, fetch time, warnings and the body
// decoded to UTF-8.
type SameContentFunc func(from, to *umzug.Snapshot) (bool, error)

// ScopeChanges sets the Scope of every changed HTML page of the diff by
// reading both bodies from the archive at dir and asking same. A page
// same fails on (an unreadable record, a page the extractor cannot read)
// keeps an empty Scope and gets the reason; their number is returned.
func (d *ArchiveDiff) ScopeChanges(ctx context.Context, dir string, same SameContentFunc) (failed int, err error) {
	for i := range d.Changes {
		c := &d.Changes[i]
		if !c.scopable() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		ok, err := c.sameMainContent(dir, same)
		switch {
		case err != nil:
			failed++
			c.Reason = "main content not compared: " + err.Error()
		case ok:
			c.Scope = ScopeTemplate
		default:
			c.Scope = ScopeContent
		}
	}
	return failed, nil
}

// ToScope is the number of changes ScopeChanges compares: the changed
// HTML pages (a changed PDF or image is not).
func (d *ArchiveDiff) ToScope() int {
	n := 0
	for i := range d.Changes {
		if d.Changes[i].scopable() {
			n++
		}
	}
	return n
}

func (c *URLChange) scopable() bool {
	return c.Change == "changed" && isHTMLType(c.from.contentType) && c.from.contentType == c.to.contentType
}

func (c *URLChange) sameMainContent(dir string, same SameContentFunc) (bool, error) {
	a, err := c.from.snapshot(dir, c.URL)
	if err != nil {
		return false, err
	}
	b, err := c.to.snapshot(dir, c.URL)
	if err != nil {
		return false, err
	}
	return same(a, b)
}

// snapshot reads the capture of url as ReadArchive delivers it.
func (c diffCapture) snapshot(dir, url string) (*umzug.Snapshot, error) {
	s := &umzug.Snapshot{URL: url, FinalURL: c.final, ContentType: c.contentType, RawSHA256: c.sha,
		ArchiveRef: fmt.Sprintf("%s#%d", c.pfile, c.poff)}
	s.FetchedAt, _ = time.Parse(time.RFC3339Nano, c.fetched)
	if c.warnings != "" {
		_ = json.Unmarshal([]byte(c.warnings), &s.Warnings)
	}
	_, ar, err := readPayload(dir, c.pfile, c.poff, c.length)
	if err != nil {
		return nil, fmt.Errorf("record %s of %s unreadable: %w", s.ArchiveRef, url, err)
	}
	ar.fill(s)
	return s, nil
}

type diffCapture struct {
	status       int
	final, sha   string
	linkedFrom   string
	errMsg       string
	contentType  string
	pfile        string
	poff, length int64
	// fetched and warnings (JSON) make the snapshot an export reads.
	fetched, warnings string
	asset             bool // recorded as a file (kind asset)
}

func (c diffCapture) ok() bool { return c.status >= 200 && c.status < 300 }

// runCaptures returns the last capture of each URL of a run, with a 304
// counted as the 200 it confirmed.
func runCaptures(ctx context.Context, db *sql.DB, run int64) (map[string]diffCapture, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.url, c.final_url, c.status, c.kind, IFNULL(c.sha256,''), IFNULL(c.error,''),
       IFNULL(c.content_type,''), IFNULL(c.payload_file,''), IFNULL(c.payload_offset,0), IFNULL(c.length,0), c.linked_from,
       c.fetched_at, IFNULL(c.warnings,'')
FROM captures c JOIN (SELECT url, MAX(id) AS id FROM captures WHERE run_id = ? GROUP BY url) m ON c.id = m.id`, run)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]diffCapture{}
	for rows.Next() {
		var u, kind string
		var c diffCapture
		if err := rows.Scan(&u, &c.final, &c.status, &kind, &c.sha, &c.errMsg, &c.contentType, &c.pfile, &c.poff, &c.length, &c.linkedFrom, &c.fetched, &c.warnings); err != nil {
			return nil, err
		}
		if kind == "unchanged" {
			c.status = http.StatusOK
		}
		c.asset = kind == "asset"
		out[u] = c
	}
	return out, rows.Err()
}

// runFrontier returns the URLs a run claimed without recording a capture
// of them: still queued (state 0) or disallowed by robots.txt (state 2).
func runFrontier(ctx context.Context, db *sql.DB, run int64) (map[string]int, error) {
	rows, err := db.QueryContext(ctx, `SELECT url, state FROM frontier WHERE run_id = ? AND state != 1`, run)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var u string
		var st int
		if err := rows.Scan(&u, &st); err != nil {
			return nil, err
		}
		out[u] = st
	}
	return out, rows.Err()
}

// sameContent reports whether two captures with different bodies differ
// only in volatile parts. It reads both bodies from the archive; only
// HTML is normalised.
func sameContent(dir string, x, y diffCapture) bool {
	if !isHTMLType(x.contentType) || x.contentType != y.contentType {
		return false
	}
	_, a, err := readPayload(dir, x.pfile, x.poff, x.length)
	if err != nil {
		return false
	}
	_, b, err := readPayload(dir, y.pfile, y.poff, y.length)
	if err != nil {
		return false
	}
	return normalizedSHA256(a.body) == normalizedSHA256(b.body)
}

func isHTMLType(ct string) bool { return ct == "text/html" || ct == "application/xhtml+xml" }

// normalizedSHA256 hashes an HTML page without the parts that change on
// every delivery of an unchanged page: comments (TYPO3's "This website is
// powered by TYPO3", parse times), nonce and integrity attributes, hidden
// form tokens (Extbase __trustedProperties and __referrer, CSRF tokens),
// cache-busting numbers after asset URLs ("main.css?1709211234"), and
// white-space runs, in one pass. The diff calls it only for pages whose
// exact sha256 differs.
func normalizedSHA256(body []byte) string {
	h := sha256.New()
	out := make([]byte, 0, 4096)
	space := false
	emit := func(c byte) {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			if !space {
				out = append(out, ' ')
				space = true
			}
		} else {
			out = append(out, c)
			space = false
		}
		if len(out) >= 4000 {
			h.Write(out)
			out = out[:0]
		}
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch c {
		case '<':
			if bytes.HasPrefix(body[i:], []byte("<!--")) {
				end := bytes.Index(body[i+4:], []byte("-->"))
				if end < 0 {
					i = len(body)
				} else {
					i += 4 + end + 2
				}
				continue
			}
			if hasPrefixFold(body[i:], "<input") {
				end := bytes.IndexByte(body[i:], '>')
				if end > 0 && volatileInput(body[i:i+end]) {
					i += end
					continue
				}
			}
		case ' ':
			if n := volatileAttrLen(body[i:]); n > 0 {
				i += n - 1
				continue
			}
		case '?':
			if n := cacheBusterLen(body[:i], body[i:]); n > 0 {
				i += n - 1
				continue
			}
		}
		emit(c)
	}
	h.Write(out)
	return hex.EncodeToString(h.Sum(nil))
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

var volatileInputNames = []string{"__trustedproperties", "__referrer", "__request_token", "__requesttoken", "csrf", "_token"}

// volatileInput reports an <input …> tag that carries a form token.
func volatileInput(tag []byte) bool {
	lower := bytes.ToLower(tag)
	if !bytes.Contains(lower, []byte("name=")) {
		return false
	}
	for _, n := range volatileInputNames {
		if bytes.Contains(lower, []byte(n)) {
			return true
		}
	}
	return false
}

// volatileAttrLen returns the length of ` nonce="…"` or ` integrity="…"`
// at the start of b, or 0.
func volatileAttrLen(b []byte) int {
	for _, name := range []string{" nonce=", " integrity="} {
		if !hasPrefixFold(b, name) || len(b) <= len(name) {
			continue
		}
		q := b[len(name)]
		if q != '"' && q != '\'' {
			continue
		}
		end := bytes.IndexByte(b[len(name)+1:], q)
		if end < 0 {
			return 0
		}
		return len(name) + 1 + end + 1
	}
	return 0
}

var assetSuffixes = []string{".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".woff", ".woff2"}

// cacheBusterLen returns the length of "?123456…" (or "?v=123456…") at the
// start of rest when before ends in an asset file name, or 0.
func cacheBusterLen(before, rest []byte) int {
	j := 1
	if bytes.HasPrefix(rest[1:], []byte("v=")) {
		j = 3
	}
	k := j
	for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
		k++
	}
	if k-j < 6 {
		return 0
	}
	tail := before[max(0, len(before)-6):]
	for _, s := range assetSuffixes {
		if hasSuffixFold(tail, s) {
			return k
		}
	}
	return 0
}

func hasSuffixFold(b []byte, suffix string) bool {
	return len(b) >= len(suffix) && strings.EqualFold(string(b[len(b)-len(suffix):]), suffix)
}

// Aliases returns the other names recorded in the archive at dir, of
// every run, sorted: variants of a URL, redirects to it, pages of the
// same content.
func Aliases(ctx context.Context, dir string) ([]Alias, error) {
	db, err := openExistingDB(dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT alias, url, reason FROM aliases ORDER BY alias, url, reason`)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	defer rows.Close()
	var out []Alias
	for rows.Next() {
		var a Alias
		if err := rows.Scan(&a.Alias, &a.URL, &a.Reason); err != nil {
			return nil, fmt.Errorf("archive %s: %w", dir, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SitemapEntries returns the sitemap entries the archive at dir keeps
// (of every run), with their lastmod values.
func SitemapEntries(ctx context.Context, dir string) ([]SitemapEntry, error) {
	db, err := openExistingDB(dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT url, COALESCE(lastmod, ''), COALESCE(sitemap, '') FROM sitemap_urls ORDER BY run_id, url`)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	defer rows.Close()
	var out []SitemapEntry
	for rows.Next() {
		var e SitemapEntry
		if err := rows.Scan(&e.URL, &e.LastMod, &e.Sitemap); err != nil {
			return nil, fmt.Errorf("archive %s: %w", dir, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Deleted is a URL that a run found gone (404 or 410) and an earlier run
// of the archive had as a page.
type Deleted struct {
	URL    string
	Status int // 404 or 410 in the run
	// LastRun is the latest earlier run that had the page (2xx, or a 304
	// that confirmed it), started at LastSeen.
	LastRun  int64
	LastSeen time.Time
}

// DeletedPages lists the URLs that run answered with 404 or 410 and an
// earlier run (not failed) got as a page, by URL: pages deleted from the
// site at any time since the archive began, not only since the run
// before (umzug diff), so an export of every later run still knows them.
func DeletedPages(ctx context.Context, dir string, run int64) ([]Deleted, error) {
	db, err := openExistingDB(dir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `
SELECT c.url, c.status, x.last, r.started_at
FROM captures c
JOIN (SELECT url, MAX(id) AS id FROM captures WHERE run_id = ? GROUP BY url) m ON c.id = m.id
JOIN (SELECT e.url, MAX(e.run_id) AS last FROM captures e JOIN runs er ON er.id = e.run_id AND er.status != 'failed'
      WHERE e.run_id < ? AND e.kind IN ('page','unchanged') AND (e.status BETWEEN 200 AND 299 OR e.status = 304)
      GROUP BY e.url) x ON x.url = c.url
JOIN runs r ON r.id = x.last
WHERE c.status IN (404, 410)
ORDER BY c.url`, run, run)
	if err != nil {
		return nil, fmt.Errorf("reading archive %s: %w", dir, err)
	}
	defer rows.Close()
	var out []Deleted
	for rows.Next() {
		var d Deleted
		var started string
		if err := rows.Scan(&d.URL, &d.Status, &d.LastRun, &started); err != nil {
			return nil, err
		}
		d.LastSeen, _ = time.Parse(time.RFC3339, started)
		out = append(out, d)
	}
	return out, rows.Err()
}
