package load

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/umzug/umzug"
)

// LoadOptions configure Load.
type LoadOptions struct {
	// Concurrency is the number of records sent at a time (default 4).
	Concurrency int
	// DryRun decides from the state file alone what would be created,
	// updated or left alone, and sends nothing.
	DryRun bool
	Logger *slog.Logger
	// OnAction, when set, is called once per record with what happened
	// to it (or, in a dry run, would happen): "create", "update",
	// "unchanged" or "failed". It is called from one goroutine at a time.
	OnAction func(action string, rec *Record, r Remote)
	// Now is the clock (default time.Now).
	Now func() time.Time
	// AllowPartial loads an export whose manifest status is not complete
	// (partial or interrupted: pages are missing from it).
	AllowPartial bool
}

// LoadStats count what Load did, per record kind.
type LoadStats struct {
	Created   map[RecordKind]int
	Updated   map[RecordKind]int
	Unchanged map[RecordKind]int
	Failed    map[RecordKind]int
	// FilesMissing are assets whose file the export does not hold.
	FilesMissing int
	// Unresolved are links that still point nowhere after the last pass
	// (their target is not in the export or failed to load).
	Unresolved int
	Warnings   int
	// Redirects written to the target's redirect files.
	Redirects int
	Errors    []LoadError
	Elapsed   time.Duration
	// DocumentsElapsed is the time spent on documents (both passes).
	DocumentsElapsed time.Duration
}

func newLoadStats() LoadStats {
	return LoadStats{Created: map[RecordKind]int{}, Updated: map[RecordKind]int{}, Unchanged: map[RecordKind]int{}, Failed: map[RecordKind]int{}}
}

// StateFileFor is the name of the file in the export directory in which
// Load records, per site of the target, which CMS record each record of
// the export became.
func StateFileFor(t Target) string { return ".umzug-load-" + t.Name() + ".ndjson" }

// ErrPartial says that some records did not make it into the CMS; the
// others did (exit code 4).
var ErrPartial = errors.New("some records failed")

// Load loads the export in dir into the CMS t: first every file (asset
// with a file in the export), then every snippet, then the documents,
// pages parents first. Records are created in a first pass and built
// again in a second pass, once everything they link to exists, and
// updated where that changed what is sent. A record whose content hash
// the state file confirms for this site is left alone, so a second run
// sends nothing and a killed run resumes: a record whose creation was
// under way is looked up (Target.Find) before it is created again. One
// record that fails is reported and the rest go on; the returned error
// then wraps ErrPartial.
func Load(ctx context.Context, dir string, t Target, o LoadOptions) (LoadStats, error) {
	st := newLoadStats()
	if o.Concurrency < 1 {
		o.Concurrency = 4
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	started := o.Now()
	if !o.AllowPartial {
		m, err := ReadManifest(dir)
		if err != nil {
			return st, err
		}
		if err := CheckComplete(dir, m); err != nil {
			return st, err
		}
	}
	ex, err := readExport(dir)
	if err != nil {
		return st, err
	}
	defer ex.close()
	state, err := openLoadState(filepath.Join(dir, StateFileFor(t)), t.Site(), o.DryRun, o.Now)
	if err != nil {
		return st, err
	}
	defer state.close()
	l := &loader{t: t, o: o, ex: ex, state: state, st: &st, final: map[string]string{}, results: map[string]result{}}
	if err := t.Open(ctx, o.DryRun); err != nil {
		return st, fmt.Errorf("connecting to %s: %w", t.Site(), err)
	}

	var files []*Record
	for i := range ex.assets {
		a := &ex.assets[i]
		if a.File == "" {
			st.FilesMissing++
			continue
		}
		files = append(files, &Record{Kind: KindFile, ID: a.ID, Asset: a, FilePath: filepath.Join(dir, filepath.FromSlash(a.File))})
	}
	if st.FilesMissing > 0 {
		o.Logger.Warn("assets without a file in the export are not uploaded; links to them point to their old URL's new path (migrate --assets puts files into the export)", "assets", st.FilesMissing)
	}
	var snippets []*Record
	for i := range ex.snippets {
		snippets = append(snippets, &Record{Kind: KindSnippet, ID: ex.snippets[i].ID, Snippet: &ex.snippets[i]})
	}
	levels := ex.documentLevels()

	// Pass 1: everything exists afterwards.
	l.pass(ctx, files, false)
	l.pass(ctx, snippets, false)
	docStart := o.Now()
	for _, lvl := range levels {
		l.pass(ctx, lvl, false)
	}
	// Pass 2: links to what was created after a record point to it now.
	if !o.DryRun {
		l.pass(ctx, snippets, true)
		for _, lvl := range levels {
			l.pass(ctx, lvl, true)
		}
	}
	st.DocumentsElapsed = o.Now().Sub(docStart)
	l.flushActions()
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if !o.DryRun {
		n, err := writeTargetRedirects(dir, t.Name(), ex, l)
		if err != nil {
			return st, err
		}
		st.Redirects = n
		if err := state.compact(); err != nil {
			return st, err
		}
	}
	st.Elapsed = o.Now().Sub(started)
	if len(st.Errors) > 0 {
		return st, fmt.Errorf("loading into %s: %d records failed: %w", t.Site(), len(st.Errors), ErrPartial)
	}
	return st, nil
}

type loader struct {
	t     Target
	o     LoadOptions
	ex    *exportIndex
	state *loadState
	mu    sync.Mutex
	st    *LoadStats
	// final is the action per record (kind/id) that is reported:
	// create wins over update over unchanged; failed over everything.
	final   map[string]string
	results map[string]result
	order   []*Record
}

// result is what the last pass did with a record.
type result struct {
	remote     Remote
	unresolved int
	warnings   []string
}

// pass sends every record of recs that needs it, Concurrency at a time.
// In the second pass only records whose built payload changed are sent.
func (l *loader) pass(ctx context.Context, recs []*Record, second bool) {
	jobs := make(chan *Record)
	var wg sync.WaitGroup
	for range l.o.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rec := range jobs {
				l.one(ctx, rec, second)
			}
		}()
	}
	for _, r := range recs {
		if ctx.Err() != nil {
			break
		}
		jobs <- r
	}
	close(jobs)
	wg.Wait()
}

func (l *loader) one(ctx context.Context, rec *Record, second bool) {
	key := string(rec.Kind) + "/" + rec.ID
	l.mu.Lock()
	prevAction := l.final[key]
	l.mu.Unlock()
	if second && prevAction == "failed" {
		return
	}
	if err := l.ex.loadDocument(rec); err != nil {
		l.fail(rec, err)
		return
	}
	defer func() { rec.Document = nil }() // read again when needed: memory stays flat
	if pr, ok := l.t.(Preparer); ok && rec.Kind == KindDocument {
		if err := pr.Prepare(ctx, rec, l.o.DryRun); err != nil {
			if ctx.Err() == nil {
				l.fail(rec, err)
			}
			return
		}
	}
	p, err := l.t.Build(rec, l)
	if err != nil {
		l.fail(rec, fmt.Errorf("building: %w", err))
		return
	}
	hash := hashPayload(p.Body)
	prev, known := l.state.get(rec.Kind, rec.ID)
	fileChanged := rec.Kind == KindFile && known && prev.FileSHA256 != "" && prev.FileSHA256 != rec.Asset.SHA256
	action := "create"
	switch {
	case known && prev.Remote != "" && prev.Hash == hash && !fileChanged:
		action = "unchanged"
	case known && prev.Remote != "" && !fileChanged:
		action = "update"
	}
	if second {
		if action != "update" {
			l.done(rec, p, "unchanged", Remote{ID: prev.Remote, Link: prev.Link})
			return
		}
	}
	if l.o.DryRun {
		l.done(rec, p, action, Remote{ID: prev.Remote, Link: prev.Link})
		return
	}
	var r Remote
	switch action {
	case "unchanged":
		r = Remote{ID: prev.Remote, Link: prev.Link}
	case "update":
		r, err = l.t.Update(ctx, rec, p, Remote{ID: prev.Remote, Link: prev.Link})
		if errors.Is(err, ErrRemoteGone) {
			l.o.Logger.Warn("deleted in the CMS; creating it again", "kind", rec.Kind, "id", rec.ID, "remote", prev.Remote)
			action = "create"
			r, err = l.create(ctx, rec, p, prev, known)
		}
	default:
		r, err = l.create(ctx, rec, p, prev, known)
	}
	if err != nil {
		if ctx.Err() != nil {
			return // interrupted: the state says what is done
		}
		l.fail(rec, err)
		return
	}
	if action != "unchanged" {
		e := stateEntry{Kind: rec.Kind, ID: rec.ID, Remote: r.ID, Link: r.Link, Hash: hash, Slug: p.Slug}
		if rec.Asset != nil {
			e.FileSHA256 = rec.Asset.SHA256
		}
		if err := l.state.put(e); err != nil {
			l.fail(rec, err)
			return
		}
	}
	l.done(rec, p, action, r)
}

// create creates rec, unless an earlier run began creating it and the
// CMS already has it: then that copy is updated.
func (l *loader) create(ctx context.Context, rec *Record, p Payload, prev stateEntry, known bool) (Remote, error) {
	if known && prev.Pending {
		r, found, err := l.t.Find(ctx, rec, p)
		if err != nil {
			return Remote{}, fmt.Errorf("looking for the copy an interrupted run may have created: %w", err)
		}
		if found {
			l.o.Logger.Info("found what an interrupted run created; updating it", "kind", rec.Kind, "id", rec.ID, "remote", r.ID)
			return l.t.Update(ctx, rec, p, r)
		}
	}
	if err := l.state.put(stateEntry{Kind: rec.Kind, ID: rec.ID, Pending: true, Slug: p.Slug}); err != nil {
		return Remote{}, err
	}
	return l.t.Create(ctx, rec, p)
}

func (l *loader) done(rec *Record, p Payload, action string, r Remote) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := string(rec.Kind) + "/" + rec.ID
	prev, seen := l.final[key]
	if !seen {
		l.order = append(l.order, rec)
	}
	if rank(action) > rank(prev) {
		l.final[key] = action
	}
	l.results[key] = result{remote: r, unresolved: p.Unresolved, warnings: p.Warnings}
}

func rank(action string) int {
	switch action {
	case "unchanged":
		return 1
	case "update":
		return 2
	case "create":
		return 3
	case "failed":
		return 4
	}
	return 0
}

func (l *loader) fail(rec *Record, err error) {
	l.o.Logger.Error("not loaded", "kind", rec.Kind, "id", rec.ID, "title", rec.Title(), "err", err)
	l.mu.Lock()
	defer l.mu.Unlock()
	key := string(rec.Kind) + "/" + rec.ID
	if _, seen := l.final[key]; !seen {
		l.order = append(l.order, rec)
	}
	l.final[key] = "failed"
	l.st.Errors = append(l.st.Errors, LoadError{Kind: rec.Kind, ID: rec.ID, Title: rec.Title(), Reason: err})
}

// flushActions counts and reports the final action of every record.
func (l *loader) flushActions() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, rec := range l.order {
		key := string(rec.Kind) + "/" + rec.ID
		a := l.final[key]
		switch a {
		case "create":
			l.st.Created[rec.Kind]++
		case "update":
			l.st.Updated[rec.Kind]++
		case "unchanged":
			l.st.Unchanged[rec.Kind]++
		case "failed":
			l.st.Failed[rec.Kind]++
		}
		res := l.results[key]
		l.st.Unresolved += res.unresolved
		for _, w := range res.warnings {
			l.st.Warnings++
			l.o.Logger.Warn(w, "kind", rec.Kind, "id", rec.ID, "title", rec.Title())
		}
		if l.o.OnAction != nil {
			l.o.OnAction(a, rec, res.remote)
		}
	}
}

// Remote implements Links from the state file (what the CMS confirmed).
func (l *loader) Remote(kind RecordKind, id string) (Remote, bool) {
	e, ok := l.state.get(kind, id)
	if !ok || e.Remote == "" {
		return Remote{}, false
	}
	return Remote{ID: e.Remote, Link: e.Link}, true
}

// Document implements Links.
func (l *loader) Document(id string) *DocumentInfo {
	if i, ok := l.ex.docByID[id]; ok {
		return &l.ex.docs[i].DocumentInfo
	}
	return nil
}

// URL implements Links: documents and files by their old URLs (and the
// URLs the redirect map sends elsewhere), everything else of the old site
// as a site-relative path.
func (l *loader) URL(old string) (string, bool) {
	u, err := url.Parse(old)
	if err != nil {
		return old, true
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return old, true // mailto:, tel:
	}
	abs := l.ex.site.ResolveReference(u)
	if !strings.EqualFold(abs.Host, l.ex.site.Host) {
		return old, true
	}
	frag := ""
	if abs.Fragment != "" {
		frag = "#" + abs.EscapedFragment()
	}
	abs.Fragment, abs.RawFragment = "", ""
	key := abs.String()
	if r, ok := l.lookup(key); ok {
		return r + frag, true
	}
	// The page's own anchors ("#c123") and links to the site root stay
	// relative on the new site.
	p := abs.EscapedPath()
	if p == "" {
		p = "/"
	}
	if abs.RawQuery != "" {
		p += "?" + abs.RawQuery
	}
	return p + frag, false
}

func (l *loader) lookup(key string) (string, bool) {
	if id, ok := l.ex.docByURL[key]; ok {
		if r, ok := l.Remote(KindDocument, id); ok {
			return r.Link, true
		}
		return "", false
	}
	if id, ok := l.ex.assetByURL[key]; ok {
		if r, ok := l.Remote(KindFile, id); ok {
			return r.Link, true
		}
		return "", false
	}
	if to, ok := l.ex.redirects[key]; ok {
		if id, ok := l.ex.docByPath[to]; ok {
			if r, ok := l.Remote(KindDocument, id); ok {
				return r.Link, true
			}
		}
		if id, ok := l.ex.assetByPath[to]; ok {
			if r, ok := l.Remote(KindFile, id); ok {
				return r.Link, true
			}
		}
	}
	// A trailing slash more or less is the same page.
	if alt := toggleSlash(key); alt != key {
		if id, ok := l.ex.docByURL[alt]; ok {
			if r, ok := l.Remote(KindDocument, id); ok {
				return r.Link, true
			}
		}
	}
	return "", false
}

func toggleSlash(u string) string {
	if strings.Contains(u, "?") {
		return u
	}
	if strings.HasSuffix(u, "/") {
		return strings.TrimSuffix(u, "/")
	}
	return u + "/"
}

func hashPayload(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

// exportIndex is what Load reads of an export: assets and snippets in
// full, documents as offsets into documents.ndjson, lookups by URL and
// path, the redirect map.
type exportIndex struct {
	dir      string
	site     *url.URL
	assets   []umzug.Asset
	snippets []umzug.Snippet
	docs     []docEntry
	docsFile *os.File

	docByID     map[string]int
	docByURL    map[string]string
	docByPath   map[string]string
	assetByURL  map[string]string
	assetByPath map[string]string
	redirects   map[string]string // old URL -> new path (301)
	gone        []string          // old URLs answered with 410
	redirectSeq []string          // old URLs in file order
}

type docEntry struct {
	DocumentInfo
	off int64
	n   int
}

func (ex *exportIndex) close() {
	if ex.docsFile != nil {
		_ = ex.docsFile.Close()
	}
}

// document reads document i from documents.ndjson.
func (ex *exportIndex) document(i int) (*umzug.Document, error) {
	e := ex.docs[i]
	buf := make([]byte, e.n)
	if _, err := ex.docsFile.ReadAt(buf, e.off); err != nil && err != io.EOF {
		return nil, fmt.Errorf("reading documents.ndjson: %w", err)
	}
	var d umzug.Document
	if err := json.Unmarshal(buf, &d); err != nil {
		return nil, fmt.Errorf("documents.ndjson: %s: %w", e.ID, err)
	}
	return &d, nil
}

func readExport(dir string) (*exportIndex, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("%s: not a complete export (no manifest.json): %w", dir, err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s/manifest.json: %w", dir, err)
	}
	if m.RichText != "" && m.RichText != RichTextPortable {
		return nil, fmt.Errorf("%s holds rich text as %s; loading into a CMS needs Portable Text (export again without --richtext)", dir, m.RichText)
	}
	site, err := url.Parse(m.Source)
	if err != nil || site.Host == "" {
		return nil, fmt.Errorf("%s/manifest.json: source %q is not a URL", dir, m.Source)
	}
	ex := &exportIndex{dir: dir, site: site, docByID: map[string]int{}, docByURL: map[string]string{}, docByPath: map[string]string{},
		assetByURL: map[string]string{}, assetByPath: map[string]string{}, redirects: map[string]string{}}
	if err := eachLine(filepath.Join(dir, "assets.ndjson"), func(line []byte, _ int64) error {
		var a umzug.Asset
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		ex.assets = append(ex.assets, a)
		return nil
	}); err != nil {
		return nil, err
	}
	for _, a := range ex.assets {
		ex.assetByURL[a.URL] = a.ID
		if a.Original != "" {
			if _, ok := ex.assetByURL[a.Original]; !ok {
				ex.assetByURL[a.Original] = a.ID
			}
		}
		if a.Path != "" {
			ex.assetByPath[a.Path] = a.ID
		}
	}
	if err := eachLine(filepath.Join(dir, "snippets.ndjson"), func(line []byte, _ int64) error {
		var s umzug.Snippet
		if err := json.Unmarshal(line, &s); err != nil {
			return err
		}
		ex.snippets = append(ex.snippets, s)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine(filepath.Join(dir, "documents.ndjson"), func(line []byte, off int64) error {
		var d struct {
			ID, Kind, URL, Path, Title string
			Provenance                 struct {
				FinalURL  string   `json:"finalUrl"`
				AliasURLs []string `json:"aliasUrls"`
			}
		}
		if err := json.Unmarshal(line, &d); err != nil {
			return err
		}
		ex.docByID[d.ID] = len(ex.docs)
		ex.docs = append(ex.docs, docEntry{DocumentInfo: DocumentInfo{ID: d.ID, Kind: d.Kind, URL: d.URL, Path: d.Path, Title: d.Title}, off: off, n: len(line)})
		ex.docByURL[d.URL] = d.ID
		for _, a := range d.Provenance.AliasURLs {
			if _, ok := ex.docByURL[a]; !ok {
				ex.docByURL[a] = d.ID
			}
		}
		if d.Path != "" {
			ex.docByPath[d.Path] = d.ID
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if ex.docsFile, err = os.Open(filepath.Join(dir, "documents.ndjson")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	if err := ex.readRedirects(filepath.Join(dir, "redirects.csv")); err != nil {
		return nil, err
	}
	return ex, nil
}

func (ex *exportIndex) readRedirects(p string) error {
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", p, err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = 3
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		if first && rec[0] == "old_url" {
			continue
		}
		switch rec[2] {
		case "301", "308", "302":
			if _, dup := ex.redirects[rec[0]]; !dup {
				ex.redirectSeq = append(ex.redirectSeq, rec[0])
			}
			ex.redirects[rec[0]] = rec[1]
		case "410":
			ex.gone = append(ex.gone, rec[0])
		}
	}
}

// eachLine calls fn with every non-empty line of the NDJSON file at p and
// its offset; a missing file has no lines.
func eachLine(p string, fn func(line []byte, off int64) error) error {
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", p, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var off int64
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		trimmed := strings.TrimSpace(string(line))
		if trimmed != "" {
			if ferr := fn([]byte(trimmed), off); ferr != nil {
				return fmt.Errorf("%s line %d: %w", p, n, ferr)
			}
		}
		off += int64(len(line))
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
	}
}

// documentLevels returns the document records in the order they must be
// created: pages by the depth of their path (a parent before its
// children), each with its Parent set to the nearest page above it in
// the path (an intermediate page that was not exported is skipped: the
// page hangs under the next one up); press releases last.
func (ex *exportIndex) documentLevels() [][]*Record {
	byDepth := map[int][]*Record{}
	maxDepth := 0
	var posts []*Record
	for i := range ex.docs {
		e := &ex.docs[i]
		rec := &Record{Kind: KindDocument, ID: e.ID, Name: e.Title, DocKind: umzug.Kind(e.Kind)}
		if e.Kind != string(umzug.KindPage) {
			posts = append(posts, rec)
			continue
		}
		depth := 0
		if p := strings.Trim(e.Path, "/"); p != "" {
			depth = strings.Count(p, "/") + 1
			for parent := path.Dir("/" + p); parent != "/" && parent != "."; parent = path.Dir(parent) {
				if id, ok := ex.docByPath[parent]; ok && ex.docs[ex.docByID[id]].Kind == string(umzug.KindPage) {
					rec.Parent = id
					break
				}
			}
		}
		byDepth[depth] = append(byDepth[depth], rec)
		maxDepth = max(maxDepth, depth)
	}
	var out [][]*Record
	for d := 0; d <= maxDepth; d++ {
		if len(byDepth[d]) > 0 {
			out = append(out, byDepth[d])
		}
	}
	if len(posts) > 0 {
		out = append(out, posts)
	}
	return out
}

// loadDocument fills rec.Document when it is not read yet.
func (ex *exportIndex) loadDocument(rec *Record) error {
	if rec.Document != nil || rec.Kind != KindDocument {
		return nil
	}
	d, err := ex.document(ex.docByID[rec.ID])
	if err != nil {
		return err
	}
	rec.Document = d
	return nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
