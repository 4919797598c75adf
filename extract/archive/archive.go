package archive

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
	_ "modernc.org/sqlite" // pure-Go SQLite: the binary needs no C toolchain

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
)

// The archive directory:
//
//	DIR/index.sqlite          runs, frontier, captures, aliases, sitemap entries, WARC files
//	DIR/warc/*.warc.gz        WARC 1.1, one gzip member per record
//	DIR/lock                  held (flock, LockFileEx) by the crawl writing the archive
//
// Durability: a batch of records is written to the WARC file (write(2),
// no user-space buffer) before the SQLite transaction that indexes it
// commits, and warc_files.size is the committed end of each file. A crawl
// killed at any point leaves at most a tail of unindexed records, which
// the next OpenArchive cuts off, so no torn record survives and nothing
// indexed is missing.

const (
	archiveSchemaVersion = "1"
	maxWARCFileSize      = 1 << 30 // WARC 1.1 annex C recommends about 1 GB
	indexName            = "index.sqlite"
)

const archiveSchema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
	id INTEGER PRIMARY KEY,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	status TEXT NOT NULL,          -- running, interrupted, complete, failed, abandoned
	seeds TEXT NOT NULL,           -- JSON array of canonical seed URLs
	user_agent TEXT NOT NULL,
	sessions INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS frontier (
	run_id INTEGER NOT NULL,
	url TEXT NOT NULL,             -- canonical
	depth INTEGER NOT NULL,
	linked_from TEXT NOT NULL,
	asset INTEGER NOT NULL,
	state INTEGER NOT NULL,        -- 0 queued, 1 done, 2 disallowed by robots.txt
	PRIMARY KEY (run_id, url)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS captures (
	id INTEGER PRIMARY KEY,
	run_id INTEGER NOT NULL,
	url TEXT NOT NULL,             -- requested, canonical
	final_url TEXT NOT NULL,       -- after redirects, canonical
	redirects TEXT,                -- JSON [{url,status}] of each hop
	status INTEGER NOT NULL,       -- HTTP status, 0 when no response
	kind TEXT NOT NULL,            -- page, asset, redirect, error, failed, unchanged
	content_type TEXT,
	etag TEXT,
	last_modified TEXT,
	sha256 TEXT,                   -- hex, of the content-decoded body
	length INTEGER,                -- bytes of the content-decoded body
	warc_file TEXT,                -- record written in this run (response, revisit or metadata)
	warc_offset INTEGER,
	warc_length INTEGER,
	payload_file TEXT,             -- response record holding the body (an earlier one for a 304)
	payload_offset INTEGER,
	fetched_at TEXT NOT NULL,
	attempts INTEGER NOT NULL,
	depth INTEGER NOT NULL,
	linked_from TEXT NOT NULL,
	error TEXT,
	warnings TEXT                  -- JSON [{code,message}]
);
CREATE INDEX IF NOT EXISTS captures_url ON captures (url, run_id);
CREATE INDEX IF NOT EXISTS captures_run ON captures (run_id, url);
CREATE TABLE IF NOT EXISTS aliases (
	run_id INTEGER NOT NULL,
	alias TEXT NOT NULL,           -- a URL variant, redirect source or duplicate
	url TEXT NOT NULL,             -- its canonical URL or redirect target
	reason TEXT NOT NULL,          -- variant, redirect, same-content
	PRIMARY KEY (run_id, alias)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sitemap_urls (
	run_id INTEGER NOT NULL,
	url TEXT NOT NULL,
	lastmod TEXT NOT NULL,
	sitemap TEXT NOT NULL,
	PRIMARY KEY (run_id, url)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS warc_files (
	name TEXT PRIMARY KEY,
	run_id INTEGER NOT NULL,
	size INTEGER NOT NULL          -- committed end: bytes past it are cut on open
);
`

// Archive is an archive directory opened for writing by one crawl (the
// crawl's store, see extract/crawl.Store). Commit and the run methods are
// called from one goroutine; Prepare may run in many.
type Archive struct {
	dir  string
	db   *sql.DB
	lock *flock.Flock

	file     *os.File // current WARC file
	fileName string   // relative to dir, e.g. "warc/umzug-….warc.gz"
	fileSize int64
	fileSeq  int
	runID    int64
	infoID   string // WARC-Record-ID of the current file's warcinfo record
	software string
	ua       string
	robots   string
	// sensitive tells the request headers whose values are not archived
	// (credentials, cookies).
	sensitive func(string) bool
}

// Options describe the crawl that writes an archive, for its warcinfo
// records and its request records.
type Options struct {
	Software  string // "umzug 1.2.3"
	UserAgent string
	Robots    string // "obey" or "ignore"
	// Sensitive reports the request headers whose values are replaced
	// by "[redacted]" in the request records; nil keeps every value.
	Sensitive func(header string) bool
}

// gzipLevel is the compression of WARC members: speed over the last
// percent of size.
const gzipLevel = 1

func openDB(dir string) (*sql.DB, error) {
	dsn := "file:" + filepath.ToSlash(filepath.Join(dir, indexName)) +
		"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening archive index: %w", err)
	}
	return db, nil
}

// Open opens (creating) an archive for a crawl: it takes the directory's
// lock, creates the schema and cuts every WARC file back to its committed
// end.
func Open(dir string, o Options) (*Archive, error) {
	a, err := openArchive(dir)
	if err != nil {
		return nil, err
	}
	a.software, a.ua, a.robots, a.sensitive = o.Software, o.UserAgent, o.Robots, o.Sensitive
	return a, nil
}

func openArchive(dir string) (*Archive, error) {
	if err := os.MkdirAll(filepath.Join(dir, "warc"), 0o755); err != nil {
		return nil, fmt.Errorf("creating archive %s: %w", dir, err)
	}
	lock, err := lockDir(filepath.Join(dir, "lock"))
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	db, err := openDB(dir)
	if err != nil {
		lock.Close()
		return nil, err
	}
	db.SetMaxOpenConns(1) // one writer; WAL lets readers in other processes go on
	a := &Archive{dir: dir, db: db, lock: lock}
	if err := a.init(); err != nil {
		a.Close()
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	return a, nil
}

func (a *Archive) init() error {
	if _, err := a.db.Exec(archiveSchema); err != nil {
		return fmt.Errorf("creating index schema: %w", err)
	}
	var v string
	err := a.db.QueryRow(`SELECT value FROM meta WHERE key='schema'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := a.db.Exec(`INSERT INTO meta(key,value) VALUES('schema',?)`, archiveSchemaVersion); err != nil {
			return err
		}
	case err != nil:
		return err
	case v != archiveSchemaVersion:
		return fmt.Errorf("index schema version %s; this umzug reads version %s", v, archiveSchemaVersion)
	}
	return a.repair()
}

// repair cuts each WARC file to the size the index committed and removes
// files the index never committed a record of: what a killed crawl wrote
// after its last commit.
func (a *Archive) repair() error {
	committed := map[string]int64{}
	rows, err := a.db.Query(`SELECT name, size FROM warc_files`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		var s int64
		if err := rows.Scan(&n, &s); err != nil {
			rows.Close()
			return err
		}
		committed[n] = s
	}
	rows.Close()
	names, err := filepath.Glob(filepath.Join(a.dir, "warc", "*.warc.gz"))
	if err != nil {
		return err
	}
	for _, full := range names {
		rel := filepath.ToSlash(filepath.Join("warc", filepath.Base(full)))
		st, err := os.Stat(full)
		if err != nil {
			return err
		}
		size, ok := committed[rel]
		switch {
		case !ok:
			if err := os.Remove(full); err != nil {
				return fmt.Errorf("removing uncommitted %s: %w", rel, err)
			}
		case st.Size() > size:
			if err := os.Truncate(full, size); err != nil {
				return fmt.Errorf("cutting %s to its committed %d bytes: %w", rel, size, err)
			}
		case st.Size() < size:
			return fmt.Errorf("%s has %d bytes but the index committed %d: the archive is damaged", rel, st.Size(), size)
		}
	}
	return nil
}

// Close syncs and closes the current WARC file and the index, and
// releases the directory's lock.
func (a *Archive) Close() error {
	var errs []error
	if a.file != nil {
		errs = append(errs, a.file.Sync(), a.file.Close())
		a.file = nil
	}
	if a.db != nil {
		errs = append(errs, a.db.Close())
	}
	if a.lock != nil {
		errs = append(errs, a.lock.Close())
		a.lock = nil
	}
	return errors.Join(errs...)
}

// Run is what StartRun hands the crawler.
type Run struct {
	ID      int64
	Resumed bool
	Queued  []FrontierRow // to fetch, in the order they were found
	Claimed []string      // already fetched or refused in an earlier session
	// Previous is, per URL, its latest capture in earlier runs.
	Previous map[string]Previous
	// SameSeeds: the latest complete earlier run had the same start
	// URLs, so its pages are this run's to check again.
	SameSeeds bool
}

// Previous is the latest capture of a URL in earlier runs: the
// validators for a conditional request and the body to fall back on
// (ReadPrevious).
type Previous struct {
	ETag, LastModified string

	runID         int64
	status        int
	sha           string
	payloadFile   string
	payloadOffset int64
	fetchedAt     string
	contentType   string
}

// FrontierRow is a URL of a run's frontier.
type FrontierRow struct {
	URL   string // canonical
	Depth int
	From  string // the page it was found on; "" for seeds and sitemap entries
	Asset bool
	State int // StateQueued, StateDone, StateDisallowed
}

// The states of a frontier row.
const (
	StateQueued     = 0
	StateDone       = 1
	StateDisallowed = 2 // by robots.txt
)

// StartRun resumes the latest run when it was not finished and has the
// same seeds (unless fresh), or starts a new one.
func (a *Archive) StartRun(seeds []string, ua string, fresh bool, now time.Time) (*Run, error) {
	seedJSON, _ := json.Marshal(seeds)
	rs := &Run{}
	var id int64
	var status, oldSeeds string
	err := a.db.QueryRow(`SELECT id, status, seeds FROM runs ORDER BY id DESC LIMIT 1`).Scan(&id, &status, &oldSeeds)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if err == nil && (status == "running" || status == "interrupted") {
		if !fresh && oldSeeds == string(seedJSON) {
			rs.ID, rs.Resumed = id, true
			if _, err := a.db.Exec(`UPDATE runs SET status='running', sessions=sessions+1 WHERE id=?`, id); err != nil {
				return nil, err
			}
		} else if _, err := a.db.Exec(`UPDATE runs SET status='abandoned' WHERE id=?`, id); err != nil {
			return nil, err
		}
	}
	if !rs.Resumed {
		res, err := a.db.Exec(`INSERT INTO runs(started_at, status, seeds, user_agent) VALUES(?,?,?,?)`,
			now.UTC().Format(time.RFC3339), "running", string(seedJSON), ua)
		if err != nil {
			return nil, err
		}
		if rs.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
	}
	a.runID = rs.ID
	if rs.Resumed {
		rows, err := a.db.Query(`SELECT url, depth, linked_from, asset, state FROM frontier WHERE run_id=?`, rs.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var it FrontierRow
			var asset int
			if err := rows.Scan(&it.URL, &it.Depth, &it.From, &asset, &it.State); err != nil {
				rows.Close()
				return nil, err
			}
			it.Asset = asset == 1
			if it.State == StateQueued {
				rs.Queued = append(rs.Queued, it)
			} else {
				rs.Claimed = append(rs.Claimed, it.URL)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	prev, err := a.previousCaptures(rs.ID)
	if err != nil {
		return nil, err
	}
	rs.Previous = prev
	var lastSeeds string
	err = a.db.QueryRow(`SELECT seeds FROM runs WHERE id < ? AND status = 'complete' ORDER BY id DESC LIMIT 1`, rs.ID).Scan(&lastSeeds)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	rs.SameSeeds = err == nil && lastSeeds == string(seedJSON)
	return rs, nil
}

// Page reports whether the capture was a page the site served: an HTML
// response with a 2xx status (a 304 recorded as the page it confirmed).
func (p Previous) Page() bool {
	ct := strings.ToLower(p.contentType)
	html := ct == "" || strings.Contains(ct, "html")
	return (p.status >= 200 && p.status < 300 || p.status == http.StatusNotModified) && html
}

// previousCaptures loads, per URL, the latest successful capture of the
// runs before run.
func (a *Archive) previousCaptures(run int64) (map[string]Previous, error) {
	rows, err := a.db.Query(`
SELECT c.url, c.run_id, c.status, IFNULL(c.etag,''), IFNULL(c.last_modified,''), IFNULL(c.sha256,''),
       IFNULL(c.payload_file,''), IFNULL(c.payload_offset,0), c.fetched_at, IFNULL(c.content_type,'')
FROM captures c JOIN (SELECT url, MAX(id) AS id FROM captures WHERE run_id < ? AND kind IN ('page','asset','unchanged') GROUP BY url) m ON c.id = m.id`, run)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Previous{}
	for rows.Next() {
		var u string
		var p Previous
		if err := rows.Scan(&u, &p.runID, &p.status, &p.ETag, &p.LastModified, &p.sha, &p.payloadFile, &p.payloadOffset, &p.fetchedAt, &p.contentType); err != nil {
			return nil, err
		}
		out[u] = p
	}
	return out, rows.Err()
}

// SaveSeeds persists the first frontier (seeds, sitemap entries) and the
// sitemap lastmod values.
func (a *Archive) SaveSeeds(items []FrontierRow, lastmods []SitemapEntry) error {
	tx, err := a.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, it := range items {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO frontier(run_id,url,depth,linked_from,asset,state) VALUES(?,?,?,?,?,0)`,
			a.runID, it.URL, it.Depth, it.From, boolInt(it.Asset)); err != nil {
			return err
		}
	}
	for _, e := range lastmods {
		if _, err := tx.Exec(`INSERT OR REPLACE INTO sitemap_urls(run_id,url,lastmod,sitemap) VALUES(?,?,?,?)`,
			a.runID, e.URL, e.LastMod, e.Sitemap); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SitemapEntry is a page a sitemap lists, with its lastmod.
type SitemapEntry struct{ URL, LastMod, Sitemap string }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FinishRun sets the run's final status and records pages of the run
// whose bodies are byte for byte the same as an earlier URL's (an
// "index.php?id=42" next to its speaking URL) as aliases of that URL.
func (a *Archive) FinishRun(status string, now time.Time) error {
	_, err := a.db.Exec(`
INSERT OR IGNORE INTO aliases(run_id, alias, url, reason)
SELECT c.run_id, c.final_url, f.first, 'same-content'
FROM captures c JOIN (SELECT sha256, MIN(final_url) AS first FROM captures
                      WHERE run_id = ?1 AND kind = 'page' AND status BETWEEN 200 AND 299 GROUP BY sha256 HAVING COUNT(DISTINCT final_url) > 1) f
  ON c.sha256 = f.sha256
WHERE c.run_id = ?1 AND c.kind = 'page' AND c.status BETWEEN 200 AND 299 AND c.final_url != f.first`, a.runID)
	if err != nil {
		return fmt.Errorf("recording same-content aliases: %w", err)
	}
	_, err = a.db.Exec(`UPDATE runs SET status=?, finished_at=? WHERE id=?`, status, now.UTC().Format(time.RFC3339), a.runID)
	return err
}

type aliasRow struct{ alias, url, reason string }

type captureRow struct {
	url, finalURL      string
	redirects          []umzug.Hop
	status             int
	kind               string
	contentType        string
	etag, lastModified string
	sha                string
	length             int
	record             int    // index in records of the response/revisit/metadata record, -1 none
	payloadFile        string // set for a revisit: the earlier response
	payloadOffset      int64
	fetchedAt          time.Time
	attempts           int
	depth              int
	linkedFrom         string
	errMsg             string
	warnings           []umzug.Warning
}

// Commit writes a batch of captures (each made ready by Prepare): WARC
// records first, then one index transaction. It fills each snapshot's
// ArchiveRef.
func (a *Archive) Commit(items []*Capture) error {
	type pos struct {
		file   string
		offset int64
		length int64
	}
	positions := make([][]pos, len(items))
	for i, it := range items {
		for _, m := range it.members {
			if err := a.ensureFile(int64(len(m))); err != nil {
				return err
			}
			n, err := a.file.Write(m)
			if err != nil {
				return fmt.Errorf("writing %s: %w", a.fileName, err)
			}
			positions[i] = append(positions[i], pos{a.fileName, a.fileSize, int64(n)})
			a.fileSize += int64(n)
		}
	}
	tx, err := a.db.Begin()
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	defer tx.Rollback()
	insCapture, err := tx.Prepare(`INSERT INTO captures(run_id,url,final_url,redirects,status,kind,content_type,etag,last_modified,sha256,length,
warc_file,warc_offset,warc_length,payload_file,payload_offset,fetched_at,attempts,depth,linked_from,error,warnings)
VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	upFrontier, err := tx.Prepare(`INSERT INTO frontier(run_id,url,depth,linked_from,asset,state) VALUES(?,?,?,?,?,?)
ON CONFLICT(run_id,url) DO UPDATE SET state=excluded.state WHERE excluded.state > frontier.state`)
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	insAlias, err := tx.Prepare(`INSERT OR IGNORE INTO aliases(run_id,alias,url,reason) VALUES(?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	for i, it := range items {
		c := it.row
		if c != nil {
			var wf, pf any
			var wo, wl, po any
			if c.record >= 0 && c.record < len(positions[i]) {
				p := positions[i][c.record]
				wf, wo, wl = p.file, p.offset, p.length
				pf, po = p.file, p.offset
			}
			if c.payloadFile != "" {
				pf, po = c.payloadFile, c.payloadOffset
			}
			redirects, _ := json.Marshal(c.redirects)
			if len(c.redirects) == 0 {
				redirects = nil
			}
			var warns []byte
			if len(c.warnings) > 0 {
				warns, _ = json.Marshal(c.warnings)
			}
			if _, err := insCapture.Exec(a.runID, c.url, c.finalURL, nullStr(string(redirects)), c.status, c.kind, nullStr(c.contentType), nullStr(c.etag), nullStr(c.lastModified),
				nullStr(c.sha), c.length, wf, wo, wl, pf, po, c.fetchedAt.UTC().Format(time.RFC3339Nano),
				c.attempts, c.depth, c.linkedFrom, nullStr(c.errMsg), nullStr(string(warns))); err != nil {
				return fmt.Errorf("indexing %s: %w", c.url, err)
			}
			if it.Snapshot != nil && pf != nil {
				it.Snapshot.ArchiveRef = fmt.Sprintf("%s#%d", pf, po)
			}
		}
		for _, f := range it.Frontier {
			if _, err := upFrontier.Exec(a.runID, f.URL, f.Depth, f.From, boolInt(f.Asset), f.State); err != nil {
				return fmt.Errorf("indexing frontier: %w", err)
			}
		}
		for _, al := range it.Aliases {
			if _, err := insAlias.Exec(a.runID, al.Alias, al.URL, al.Reason); err != nil {
				return fmt.Errorf("indexing aliases: %w", err)
			}
		}
	}
	if a.file != nil {
		if _, err := tx.Exec(`UPDATE warc_files SET size=? WHERE name=?`, a.fileSize, a.fileName); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	return nil
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ensureFile opens a new WARC file, with its warcinfo record committed,
// when none is open or the next member would pass the size limit.
func (a *Archive) ensureFile(next int64) error {
	if a.file != nil && a.fileSize+next <= maxWARCFileSize {
		return nil
	}
	if a.file != nil {
		if err := a.file.Sync(); err != nil {
			return err
		}
		a.file.Close()
		a.file = nil
	}
	if a.fileSeq == 0 {
		// Numbered across the archive, so that a resumed run in the same
		// second cannot collide with the file of the killed session.
		if err := a.db.QueryRow(`SELECT COUNT(*) FROM warc_files`).Scan(&a.fileSeq); err != nil {
			return err
		}
	}
	a.fileSeq++
	name := fmt.Sprintf("umzug-%05d-run%d-%s.warc.gz", a.fileSeq, a.runID, time.Now().UTC().Format("20060102150405"))
	rel := filepath.ToSlash(filepath.Join("warc", name))
	f, err := os.OpenFile(filepath.Join(a.dir, "warc", name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("creating WARC file: %w", err)
	}
	info := &warcRecord{typ: "warcinfo", id: newRecordID(), fields: []warcField{
		{"WARC-Date", warcDate(time.Now())},
		{"WARC-Filename", name},
		{"Content-Type", "application/warc-fields"},
	}}
	info.block = []byte("software: " + a.software + "\r\nformat: WARC File Format 1.1\r\nconformsTo: " + warcConformsTo +
		"\r\nhttp-header-user-agent: " + a.ua + "\r\nrobots: " + a.robots + "\r\nisPartOf: umzug run " + fmt.Sprint(a.runID) + "\r\n")
	info.fields = append(info.fields, warcField{"WARC-Block-Digest", warcDigest(info.block)})
	m, err := info.gzipMember(gzipLevel)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(m); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if _, err := a.db.Exec(`INSERT INTO warc_files(name, run_id, size) VALUES(?,?,?)`, rel, a.runID, len(m)); err != nil {
		f.Close()
		return err
	}
	a.file, a.fileName, a.fileSize, a.infoID = f, rel, int64(len(m)), info.id
	return nil
}

// ReadPrevious returns the archived response of an earlier capture, its
// content-coded payload decoded to at most limit bytes.
func (a *Archive) ReadPrevious(p Previous, limit int64) (Response, error) {
	_, ar, err := readPayload(a.dir, p.payloadFile, p.payloadOffset, limit)
	if err != nil {
		return Response{}, err
	}
	return Response{Status: ar.status, Header: http.Header(ar.header), Body: ar.body}, nil
}

// Response is an archived response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte // content-decoded
}

// readPayload returns the header and payload of the response record at
// file#offset of the archive.
// A content-coded payload is decoded to at most limit bytes.
func readPayload(dir, file string, offset, limit int64) (*warcHeader, *archivedResponse, error) {
	return readPayloadIn(nil, dir, file, offset, limit)
}

// readPayloadIn is readPayload with the WARC files kept open in files
// (nil: the file is opened for this record alone).
func readPayloadIn(files *warcFiles, dir, file string, offset, limit int64) (*warcHeader, *archivedResponse, error) {
	name := filepath.Join(dir, filepath.FromSlash(file))
	var h *warcHeader
	var block []byte
	var err error
	if files != nil {
		h, block, err = files.read(name, offset)
	} else {
		h, block, err = readWARCAt(name, offset)
	}
	if err != nil {
		return nil, nil, err
	}
	if t := h.get("WARC-Type"); t != "response" {
		return h, nil, fmt.Errorf("%s#%d: a %s record, not a response", file, offset, t)
	}
	resp, payload, err := splitHTTPResponse(block)
	if err != nil {
		return h, nil, fmt.Errorf("%s#%d: %w", file, offset, err)
	}
	ar := &archivedResponse{status: resp.StatusCode, header: resp.Header, raw: payload, body: payload}
	if enc := strings.ToLower(resp.Header.Get("Content-Encoding")); enc != "" && enc != "identity" && len(payload) > 0 {
		if body, _ := extract.DecodeContent(enc, payload, limit); body != nil {
			ar.body = body
		}
	}
	return h, ar, nil
}

type archivedResponse struct {
	status    int
	header    map[string][]string
	raw, body []byte
}

// fill sets the status, header and body of s from the response: an HTML
// body decoded to UTF-8 by its charset (the decoding's warnings were
// stored with the capture).
func (ar *archivedResponse) fill(s *umzug.Snapshot) {
	s.Status = ar.status
	s.Header = http.Header(ar.header)
	if s.IsHTML() {
		s.Body, s.Charset, _ = extract.DecodeHTML(ar.body, s.Header.Get("Content-Type"))
	} else {
		s.Body = ar.body
	}
}

// RunFailures counts the URLs of the current run (their latest capture
// in it) and those that failed, per reason (see extract.SnapshotFailure).
func (a *Archive) RunFailures() (int, map[string]int, error) {
	return runFailureCounts(a.db, a.runID)
}

func runFailureCounts(db *sql.DB, run int64) (int, map[string]int, error) {
	rows, err := db.Query(`SELECT c.kind, c.status, IFNULL(c.error,'') FROM captures c
JOIN (SELECT url, MAX(id) AS id FROM captures WHERE run_id = ? GROUP BY url) m ON c.id = m.id`, run)
	if err != nil {
		return 0, nil, fmt.Errorf("counting failures: %w", err)
	}
	defer rows.Close()
	n := 0
	fails := map[string]int{}
	for rows.Next() {
		var kind, msg string
		var status int
		if err := rows.Scan(&kind, &status, &msg); err != nil {
			return 0, nil, fmt.Errorf("counting failures: %w", err)
		}
		n++
		switch {
		case kind == "failed":
			fails[extract.FetchErrorReason(msg)]++
		case extract.FailedStatus(status):
			fails[fmt.Sprintf("http-%d", status)]++
		}
	}
	return n, fails, rows.Err()
}
