package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/docjson"
	"github.com/umzug/umzug/internal/listpage"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/transform"
)

// Export is transform and load over a stream of extracted documents, in
// two passes with flat memory: the first normalizes each document, spools
// it to a temporary file and indexes it (ids, paths, block fingerprints,
// similarity bands); the second reads the documents back in id order,
// rewrites them (snippets, refs, links, assets) and writes the export.
// Used by migrate and load. Add and the other methods that record what a
// run met are called from one goroutine; normalize may run in parallel.
type Export struct {
	log   *slog.Logger
	norm  *transform.Normalizer
	idx   *transform.Index
	spool *load.Spool
	facts map[string]transform.AssetFacts
	// fileLinks: the files crawled pages link to (AddFileLinks).
	fileLinks map[string]struct{}
	gone      []string
	// redirects of the old site (old URL -> target), applied as aliases
	// once every document is known.
	oldRedirects [][2]string
	// printViews are the print views pages link to (print URL, page
	// URL), each once: aliases of their page's document.
	printViews    [][2]string
	printViewSeen map[string]struct{}
	warnings      int
	truncated     int // documents of pages cut at --max-body-size
	dropped       int // documents that failed normalization
	// findings of other stages (the audit) written with the
	// de-duplication's findings.
	findings []umzug.Finding
	// OnDuplicate, when set, hears of every document left out because
	// an earlier one has the same URL (it becomes an alias of that one).
	OnDuplicate func(d *umzug.Document)
	inv         *inventory // the content inventory, written with the export
	// files, when set, puts the files themselves into the export
	// (migrate --assets): what the crawl or archive delivered, the rest
	// from fileSrc.
	files        *load.FileStore
	fileSrc      load.FileSource
	filesMissing int
	// fails records documents that could not be exported, with the
	// failures of the stages before.
	fails    *FailureLog
	ownFails bool    // fails was made by NewExport: Close closes it
	phases   *Phases // nil: the second pass is not timed
	// skipped counts the responses left out because they are not content,
	// per reason (the manifest's skipped); they are not failures.
	skipped map[string]int
	// later holds the galleries of the later pages of paginated
	// galleries, by the URL of their first page (AddLaterPage).
	later map[string][]laterPage
	// laterAliases are the later pages of lists and galleries (URL, URL
	// of the first page) and the calendar and filter views (URL, URL of
	// the page they show, AddViewAlias): aliases of that page's document,
	// so the redirect map sends an old "/presse/page-2" or
	// "/presse/?tx_ttnews[cat]=3" to the list's new page.
	laterAliases [][2]string
}

// laterPage is a gallery's later page: its number and its gallery blocks,
// normalized.
type laterPage struct {
	n      int
	blocks []umzug.Block
}

// AddLaterPage takes a list's or gallery's later page, skipped as
// pagination (bootstrap_package's gallery under
// "?paginate[gallery-{uid}][page]=2"): its gallery's pictures belong to
// the gallery of the same element on the first page, where the second
// pass adds them (mergeLater). A news list's later page has no gallery:
// its items are documents of their own.
func (p *Export) AddLaterPage(d umzug.Document) {
	if first, n := listpage.First(d.URL); n >= 2 {
		p.laterAliases = append(p.laterAliases, [2]string{d.URL, first})
	}
	// The gallery the page's parameter names (paginate[gallery-{uid}]
	// is element c{uid}); a page of another list (a news list's
	// currentPage) or a routed page names none: the galleries on it are
	// on every page of the list.
	m := galleryParam.FindStringSubmatch(listpage.Of(mustParse(d.URL)).Param)
	if m == nil {
		return
	}
	var gal []umzug.Block
	for _, b := range d.Blocks {
		if b.Key == "c"+m[1] && (b.Type == umzug.BlockGallery && b.Gallery != nil || b.Type == umzug.BlockImage && b.Image != nil) {
			gal = append(gal, b)
		}
	}
	if len(gal) == 0 {
		return
	}
	d.Blocks = gal
	nd, _, err := p.norm.NormalizePrinted(d, true)
	if err != nil {
		return
	}
	first, n := listpage.First(nd.URL)
	if first == "" || n < 2 || len(nd.Blocks) == 0 {
		return
	}
	if p.later == nil {
		p.later = map[string][]laterPage{}
	}
	p.later[first] = append(p.later[first], laterPage{n: n, blocks: nd.Blocks})
}

// AddViewAlias takes a calendar's or a filtered list's view, skipped,
// and the page it shows another way (extracthtml.ViewPage): when that
// page is exported, the view's URL redirects there, as a list's later
// page does.
func (p *Export) AddViewAlias(viewURL, page string) {
	p.laterAliases = append(p.laterAliases, [2]string{viewURL, page})
}

// galleryParam matches bootstrap_package's gallery page parameter,
// paginate[gallery-{uid}][page]; group 1 is the element's uid.
var galleryParam = regexp.MustCompile(`^paginate\[gallery-([0-9]+)\]`)

func mustParse(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		return &url.URL{}
	}
	return u
}

// mergeLater adds the pictures of a gallery's later pages to the gallery
// of the same element (block key) in d, page by page.
func (p *Export) mergeLater(d *umzug.Document) {
	pages := p.later[d.URL]
	if len(pages) == 0 {
		return
	}
	pages = slices.Clone(pages)
	slices.SortStableFunc(pages, func(a, b laterPage) int { return a.n - b.n })
	for _, lp := range pages {
		for _, b := range lp.blocks {
			for i := range d.Blocks {
				t := &d.Blocks[i]
				if t.Key != b.Key || t.Type != umzug.BlockGallery || t.Gallery == nil {
					continue
				}
				have := map[string]bool{}
				for _, it := range t.Gallery.Items {
					have[it.Src] = true
				}
				var items []umzug.Media
				switch {
				case b.Gallery != nil:
					items = b.Gallery.Items
				case b.Image != nil:
					items = []umzug.Media{b.Image.Media}
				}
				for _, it := range items {
					if !have[it.Src] { // a picture page 1 shows too is there once
						have[it.Src] = true
						t.Gallery.Items = append(t.Gallery.Items, it)
					}
				}
				break
			}
		}
	}
}

// NewExport returns an export engine that normalizes with norm and spools
// documents in spoolDir ("" for the system's temporary directory). It
// records failures in fails (nil: a log of its own, closed by Close; a
// given one stays the caller's to close).
func NewExport(log *slog.Logger, norm *transform.Normalizer, spoolDir string, fails *FailureLog) (*Export, error) {
	idx, err := transform.NewIndex(norm.SiteRoot(), transform.IndexOptions{MapURL: norm.MapURL, TempDir: spoolDir})
	if err != nil {
		return nil, err
	}
	sp, err := load.NewSpool(spoolDir)
	if err != nil {
		return nil, err
	}
	sp.ForgetKeys() // read by the index's order; the ids name records in errors
	inv, err := newInventory()
	if err != nil {
		sp.Close()
		return nil, err
	}
	own := fails == nil
	if own {
		if fails, err = NewFailureLog(log, true); err != nil {
			sp.Close()
			inv.close()
			return nil, err
		}
	}
	return &Export{log: log, norm: norm, idx: idx, spool: sp, facts: map[string]transform.AssetFacts{}, inv: inv, fails: fails, ownFails: own}, nil
}

// addNormalizedAt is addNormalized for a crawled page at a link depth
// from the start URLs (for the inventory).
func (p *Export) addNormalizedAt(n normalized, depth int) error {
	if n.ok {
		if _, seen := p.inv.depth[n.d.URL]; !seen {
			p.inv.depth[n.d.URL] = depth
		}
	}
	return p.addNormalized(n)
}

// NotExported records a page of the old site that is not in the export,
// and why, for the inventory.
func (p *Export) NotExported(crawledURL, status string, httpStatus, depth int, note string) {
	p.inv.addPage(p.norm.MapURL(crawledURL), status, httpStatus, depth, note)
}

// Close removes the engine's temporary files (and closes its own failure
// log).
func (p *Export) Close() {
	p.inv.close()
	if err := p.idx.Close(); err != nil {
		p.log.Warn("removing the index's file", "err", err)
	}
	if err := p.spool.Close(); err != nil {
		p.log.Warn("removing spool file", "err", err)
	}
	if p.ownFails {
		p.fails.Close()
	}
}

// Add normalizes, spools and indexes one extracted document. A document
// that cannot be normalized is reported and skipped; only a failing
// spool (disk full) stops the run.
func (p *Export) Add(d umzug.Document) error {
	return p.addNormalized(p.normalize(d, false))
}

// normalized is a document after normalize: the document, its spool
// record and what the index and the second pass need of it, or nothing
// when it was dropped.
type normalized struct {
	d     umzug.Document
	rec   []byte              // spoolRecord(&d)
	prep  *transform.Prepared // the index's per-document work
	extra []byte              // spooled with the record: see passOne
	ok    bool
}

// normalize is the part of add that is safe to run in parallel. A
// document that cannot be normalized (or makes the normalizer panic) is
// a failure of the run, not the end of it. With inPlace the caller
// gives d up (its slices are changed).
func (p *Export) normalize(d umzug.Document, inPlace bool) (n normalized) {
	src := d.URL
	defer p.fails.Recovered(src, umzug.StageTransform, nil)
	// The second pass hashes the rewritten document (Index.Rewrite).
	d, fps, err := p.norm.NormalizePrinted(d, inPlace)
	if err == nil {
		return normalized{d: d, rec: spoolRecord(&d), ok: true, prep: p.idx.Prepare(&d, fps),
			extra: passOne{words: words(&d), fps: fps}.encode()}
	}
	p.fails.Add(umzug.Failure{URL: src, Stage: umzug.StageTransform, Reason: umzug.ReasonInvalidRecord, Message: err.Error()})
	return normalized{}
}

// addNormalized is the part of add that runs in input order.
func (p *Export) addNormalized(n normalized) error {
	if !n.ok {
		p.dropped++
		return nil
	}
	d := &n.d
	if _, known := p.idx.Lookup(d.URL); known {
		p.idx.AddPrepared(d, -1, n.prep) // records its URLs as aliases of the first
		if p.OnDuplicate != nil {
			p.OnDuplicate(d)
		}
		putSpoolBuf(n.rec)
		return nil
	}
	ord, err := p.spool.AppendRawExtra(d.ID, n.rec, n.extra)
	putSpoolBuf(n.rec) // the spool has copied it
	if err != nil {
		return err
	}
	// The same page under another URL (samepage.go) is one document: its
	// warnings are counted once, as documents.ndjson holds them once.
	if p.idx.AddPrepared(d, ord, n.prep) {
		p.warnings += len(d.Warnings)
		for _, w := range d.Warnings {
			if w.Code == umzug.WarnTruncatedBody {
				p.truncated++
			}
		}
	}
	for _, w := range d.Warnings {
		p.log.Debug("warning", "url", d.URL, "code", w.Code, "msg", w.Message, "block", w.BlockKey)
	}
	return nil
}

// AddFileLinks records files that a crawled page links to, anywhere on
// the page: those that no document refers to become assets of their own
// at the end (Index.FileAsset), so a file linked only from page chrome
// keeps its place and its old URL.
func (p *Export) AddFileLinks(urls []string) {
	for _, u := range urls {
		if p.fileLinks == nil {
			p.fileLinks = map[string]struct{}{}
		}
		p.fileLinks[u] = struct{}{}
	}
}

// chromeFiles makes the assets of the files that pages link to and no
// document refers to (AddFileLinks), in URL order, after the second pass.
func (p *Export) chromeFiles(assets *load.Spool, redirects *load.TempLog) error {
	urls := make([]string, 0, len(p.fileLinks))
	for u := range p.fileLinks {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	facts := func(u string) (transform.AssetFacts, bool) { f, ok := p.facts[u]; return f, ok }
	for _, u := range urls {
		rw, ok := p.idx.FileAsset(u, facts)
		if !ok {
			continue
		}
		for i := range rw.Assets {
			p.inv.assets[rw.Assets[i].URL] = rw.Assets[i].Kind
			p.inv.chromeFiles[rw.Assets[i].URL] = true
			if _, err := assets.Append(rw.Assets[i].ID, &rw.Assets[i]); err != nil {
				return err
			}
		}
		for i := range rw.Redirects {
			if err := redirects.Append(&rw.Redirects[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddAsset records what the crawl learned about a file.
func (p *Export) AddAsset(crawledURL string, f transform.AssetFacts) {
	p.facts[p.norm.MapURL(crawledURL)] = f
}

// AddFile stores the body of a file the crawl or the archive delivered,
// when the export holds files. A file that cannot be stored is fetched
// again when an asset needs it.
func (p *Export) AddFile(crawledURL, mediaType string, body []byte) {
	if p.files == nil {
		return
	}
	u := p.norm.MapURL(crawledURL)
	if _, err := p.files.Put(u, u, mediaType, bytes.NewReader(body)); err != nil {
		p.log.Warn("file not stored", "url", u, "err", err)
	}
}

// SetFiles makes the export hold the files themselves (migrate
// --assets): what the crawl or the archive delivers (AddFile) goes to
// store, the rest comes from src when an asset needs it.
func (p *Export) SetFiles(store *load.FileStore, src load.FileSource) {
	p.files, p.fileSrc = store, src
}

// AddFindings adds findings of other stages (the audit) to those the
// export writes.
func (p *Export) AddFindings(fs ...umzug.Finding) {
	p.findings = append(p.findings, fs...)
}

// SetPhases has the second pass (de-duplication, writing) timed and its
// progress shown.
func (p *Export) SetPhases(ph *Phases) { p.phases = ph }

// Documents returns the number of documents spooled for the export (a
// page spooled twice under two URLs of its directory counts once).
func (p *Export) Documents() int { return p.spool.Len() - p.idx.Stats.SamePages }

// Skipped returns the responses left out because they are not content,
// per reason.
func (p *Export) Skipped() map[string]int { return p.skipped }

// skip counts a response left out because it is not content.
func (p *Export) skip(reason string) {
	if p.skipped == nil {
		p.skipped = map[string]int{}
	}
	p.skipped[reason]++
}

// SkipReason is why the extractor declined a response: the kind of view
// of a bounded URL space (umzug.NotContentError), no main content, or
// not a content page at all.
func SkipReason(err error) string {
	var nc *umzug.NotContentError
	switch {
	case errors.As(err, &nc) && nc.Reason != "":
		return nc.Reason
	case errors.Is(err, umzug.ErrNoMainContent):
		return "no main content"
	}
	return "not a content page"
}

// CountsByReason writes counts per reason, most frequent first: "12
// calendar view, 3 search results".
func CountsByReason(m map[string]int) string {
	reasons := make([]string, 0, len(m))
	for r := range m {
		reasons = append(reasons, r)
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%d %s", m[r], r)
	}
	return strings.Join(parts, ", ")
}

// AddPrintViews records links to the print views of pages (print URL,
// page URL), and to pages with their query's parameters in another order
// (URL as linked, page URL): once every document is known, each becomes
// an alias of its page's document (redirected to its path). A print view
// is the page again, not content; only those linked are mapped, not a
// guessed one for every page.
func (p *Export) AddPrintViews(links [][2]string) {
	for _, l := range links {
		if _, seen := p.printViewSeen[l[0]]; seen {
			continue
		}
		if p.printViewSeen == nil {
			p.printViewSeen = map[string]struct{}{}
		}
		p.printViewSeen[l[0]] = struct{}{}
		p.printViews = append(p.printViews, l)
	}
}

// AddOldRedirect records that the old site redirected from to to.
func (p *Export) AddOldRedirect(from, to string) {
	p.oldRedirects = append(p.oldRedirects, [2]string{from, to})
}

// AddGone records an old URL whose content was left out on purpose (not
// a content page): the redirect map answers it with 410.
func (p *Export) AddGone(crawledURL string) {
	p.gone = append(p.gone, p.norm.MapURL(crawledURL))
}

// AddRemoved records an old URL that an earlier crawl of the site found
// and this one no longer does (deleted: 404 or 410 now, or no longer
// linked): the redirect map answers it with 410, and its inventory row
// says why. A URL this export still maps (a document's alias, a
// redirect) keeps that mapping.
func (p *Export) AddRemoved(oldURL, note string) {
	u := p.norm.MapURL(oldURL)
	p.gone = append(p.gone, u)
	p.inv.removed(u, note)
}

// AddRemovedFetched records an old URL that an earlier crawl found as a
// page and this one fetched with 404 or 410 (deleted since): instead of
// its not-found row it is gone with the note, and answers 410, like a
// page no longer linked (AddRemoved). False when the export has no
// not-found row for it.
func (p *Export) AddRemovedFetched(oldURL, note string) bool {
	u := p.norm.MapURL(oldURL)
	if !p.inv.dropNotFound(u) {
		return false
	}
	p.AddRemoved(oldURL, note)
	return true
}

func (p *Export) loadDoc(ord int) (umzug.Document, error) {
	d, _, err := p.loadSpooled(ord)
	return d, err
}

// loadSpooled decodes the document spooled under ord and what the first
// pass computed of it.
func (p *Export) loadSpooled(ord int) (umzug.Document, passOne, error) {
	var d umzug.Document
	bp := readBufs.Get().(*[]byte)
	defer putReadBuf(bp)
	// The record's bytes are not kept: the decoded document's strings
	// are a copy (docjson.DecodeSpool), and so are the fingerprints.
	// The buffer grows to hold the record whole (line and extra bytes)
	// and is kept so: the line alone, whose capacity ends where the
	// extra bytes begin, would make it shrink record by record.
	if n := p.spool.RecordLen(ord); cap(*bp) < n {
		*bp = make([]byte, 0, n)
	}
	line, extra, err := p.spool.ReadRawExtraInto(ord, *bp)
	if err != nil {
		return d, passOne{}, err
	}
	if err := decodeSpooled(line, &d); err != nil {
		return d, passOne{}, fmt.Errorf("decoding spool record %d: %w", ord, err)
	}
	one, ok := decodePassOne(extra)
	if !ok || (one.fps != nil && len(one.fps) != len(d.Blocks)) {
		one = passOne{words: -1}
	}
	return d, one, nil
}

// lineBufs are the buffers the second pass makes document lines in
// (transform.AppendHashedLine); a line goes back once it is written.
var lineBufs = sync.Pool{New: func() any { return new([]byte) }}

// putLineBuf gives a line's memory back, unless it is huge.
func putLineBuf(line []byte) {
	if line == nil || cap(line) > maxPooledRecord {
		return
	}
	lineBufs.Put(&line)
}

// readBufs are the buffers the second pass reads spool records into.
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// putReadBuf gives a read buffer back, unless it is huge.
func putReadBuf(bp *[]byte) {
	if cap(*bp) > maxPooledRecord {
		*bp = nil
	}
	readBufs.Put(bp)
}

// spoolRecord is d as the spool holds it: docjson's binary form, which
// reads back as the JSON round trip of d (load.MarshalLine, then
// decoding) would (TestDecodeSpooledAsEncodingJSON), in a fraction of
// the time of encoding and decoding JSON. The record's memory is a
// pooled buffer's: the caller gives it back with putSpoolBuf once the
// spool has it.
func spoolRecord(d *umzug.Document) []byte {
	buf, _ := spoolBufs.Get().([]byte)
	return docjson.AppendSpool(buf[:0], d)
}

// putSpoolBuf gives a record's buffer back for the next record, unless
// it is huge (a rare huge document does not stay in the pool).
func putSpoolBuf(b []byte) {
	if b != nil && cap(b) <= maxPooledRecord {
		spoolBufs.Put(b[:0]) // boxing the slice costs 24 bytes, beside the record's tens of KB
	}
}

// spoolBufs holds the buffers spool records are written into, []byte.
var spoolBufs sync.Pool

// maxPooledRecord is the largest buffer kept for reuse.
const maxPooledRecord = 4 << 20

// decodeSpooled decodes a document that spoolRecord wrote.
func decodeSpooled(rec []byte, d *umzug.Document) error {
	return docjson.DecodeSpool(rec, d)
}

// passOne is what the first pass computed of a normalized document for
// the second, spooled after its line: the words of its text (before
// de-duplication, for the inventory) and its blocks' fingerprints
// (Normalizer.NormalizePrinted).
type passOne struct {
	words int // -1: unknown
	fps   []uint64
}

func (o passOne) encode() []byte {
	b := make([]byte, 0, 8+8*len(o.fps))
	b = binary.AppendUvarint(b, uint64(o.words))
	b = binary.AppendUvarint(b, uint64(len(o.fps)))
	for _, fp := range o.fps {
		b = binary.LittleEndian.AppendUint64(b, fp)
	}
	return b
}

func decodePassOne(b []byte) (passOne, bool) {
	w, n := binary.Uvarint(b)
	if n <= 0 {
		return passOne{}, false
	}
	b = b[n:]
	k, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) != 8*k {
		return passOne{}, false
	}
	b = b[n:]
	o := passOne{words: int(w)}
	if k > 0 {
		o.fps = make([]uint64, k)
		for i := range o.fps {
			o.fps[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	return o, true
}

// spooled is a document read back for the second pass.
type spooled struct {
	d   umzug.Document
	one passOne
}

// rewritten is a document after the second pass, on its way to the file.
type rewritten struct {
	d     umzug.Document
	words int // of the document's text before de-duplication
	rw    transform.Rewritten
	line  []byte
	err   error
}

// writeDocuments is the second pass: documents are read and decoded in
// parallel, rewritten one by one in id order (the index decides
// snippets and paths in that order), validated in parallel and written
// in id order.
func (p *Export) writeDocuments(ctx context.Context, docsW *load.RecordWriter, snippets, assets *load.Spool, redirects *load.TempLog, res *ExportResult) error {
	if err := p.spool.Flush(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(2, runtime.GOMAXPROCS(0))
	ords := make(chan int)
	go func() {
		defer close(ords)
		for _, o := range p.idx.Order() {
			select {
			case ords <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	decoded := runOrdered(ctx, workers, ords, func(ord int) (spooled, error) {
		d, one, err := p.loadSpooled(ord)
		return spooled{d, one}, err
	})
	facts := func(u string) (transform.AssetFacts, bool) { f, ok := p.facts[u]; return f, ok }
	toCheck := make(chan rewritten)
	var rwErr error
	done := make(chan struct{})
	defer func() { cancel(); <-done }() // the index is not touched after return
	go func() {
		defer close(done)
		defer close(toCheck)
		for r := range decoded {
			if r.err != nil {
				rwErr = r.err
				cancel()
				return
			}
			d := r.v.d
			n := r.v.one.words
			if n < 0 {
				n = words(&d)
			}
			p.mergeLater(&d)
			rw, panicked, err := p.rewrite(&d, r.v.one.fps, facts)
			if panicked {
				continue // recorded as a failure; the next document
			}
			if err != nil {
				rwErr = err
				cancel()
				return
			}
			select {
			case toCheck <- rewritten{d: d, rw: rw, words: n}:
			case <-ctx.Done():
				return
			}
		}
	}()
	checked := runOrdered(ctx, workers, toCheck, func(r rewritten) (rewritten, error) {
		panicked := false
		func() {
			defer p.fails.Recovered(r.d.URL, umzug.StageLoad, &panicked)
			line, err := transform.AppendHashedLine(*lineBufs.Get().(*[]byte), &r.d)
			if err != nil {
				r.err = fmt.Errorf("%w: encoding document: %v", umzug.ErrInvalid, err)
			} else {
				r.line, r.err = docsW.PrepareDocumentLine(&r.d, line)
			}
		}()
		if panicked {
			r.line, r.err = nil, errPanicked
		}
		return r, nil
	})
	for c := range checked {
		r := c.v
		if r.err != nil {
			if errors.Is(r.err, errPanicked) {
				res.Rejected++
				continue
			}
			if errors.Is(r.err, umzug.ErrInvalid) {
				res.Rejected++
				p.fails.Add(umzug.Failure{URL: r.d.URL, Stage: umzug.StageLoad, Reason: umzug.ReasonInvalidRecord, Message: r.err.Error()})
				// The inventory lists it too, as a page that failed.
				p.inv.addPage(r.d.URL, invFailed, r.d.Provenance.HTTPStatus, p.inv.depthOf(r.d.URL), umzug.ReasonInvalidRecord+": "+r.err.Error())
				continue
			}
			cancel()
			return r.err
		}
		if err := docsW.WriteDocumentLine(r.d.Kind, r.line); err != nil {
			cancel()
			return err
		}
		p.phases.Add(1)
		for reason, n := range r.d.Provenance.Accounting.DroppedChars() {
			if res.DroppedChars == nil {
				res.DroppedChars = map[string]int{}
			}
			res.DroppedChars[reason] += n
		}
		if err := p.inv.addDocument(&r.d, r.words, r.line, r.rw.Assets); err != nil {
			cancel()
			return err
		}
		putLineBuf(r.line) // written and read: its memory makes the next one
		for i := range r.rw.Snippets {
			if _, err := snippets.Append(r.rw.Snippets[i].ID, &r.rw.Snippets[i]); err != nil {
				cancel()
				return err
			}
		}
		for i := range r.rw.Assets {
			if _, err := assets.Append(r.rw.Assets[i].ID, &r.rw.Assets[i]); err != nil {
				cancel()
				return err
			}
		}
		for i := range r.rw.Redirects {
			if err := redirects.Append(&r.rw.Redirects[i]); err != nil {
				cancel()
				return err
			}
		}
	}
	if rwErr != nil {
		return rwErr
	}
	return ctx.Err() // interrupted: the caller does not finish the export
}

// errPanicked marks a document whose processing panicked; the panic is
// already recorded as a failure.
var errPanicked = errors.New("panicked")

// rewrite is Index.Rewrite for one document, a panic recorded as the
// document's failure.
func (p *Export) rewrite(d *umzug.Document, fps []uint64, facts func(string) (transform.AssetFacts, bool)) (rw transform.Rewritten, panicked bool, err error) {
	defer p.fails.Recovered(d.URL, umzug.StageTransform, &panicked)
	rw, err = p.idx.RewritePrinted(d, fps, p.loadDoc, facts)
	return rw, false, err
}

// ExportResult sums up what Finish wrote.
type ExportResult struct {
	Rejected int             // documents rejected in the second pass (invalid records, panics)
	Stats    map[string]int  // the manifest's stats
	Findings []umzug.Finding // as written to findings.ndjson
	// DroppedChars sums, per reason, the visible text that extraction
	// left out of the documents exported (their provenance's accounting).
	DroppedChars map[string]int
}

// Finish runs the second pass and writes every file of the export but
// the manifest (the caller finishes the exporter).
func (p *Export) Finish(ctx context.Context, exp *load.Exporter) (ExportResult, error) {
	res := ExportResult{}
	for _, r := range p.oldRedirects {
		if !p.idx.AddAlias(r[0], r[1]) {
			// A redirect to a file keeps its target's redirect; to
			// anything else that was not exported, the old URL is gone.
			p.log.Debug("old redirect to a URL that is not exported", "from", r[0], "to", r[1])
			p.NotExported(r[0], invSkipped, 0, -1, "redirects to "+p.norm.MapURL(r[1])+", which is not exported")
		}
	}
	for _, l := range p.printViews {
		if !p.idx.AddAlias(l[0], l[1]) {
			p.log.Debug("print view of a page that is not exported", "url", l[0], "page", l[1])
		}
	}
	for _, l := range p.laterAliases {
		if !p.idx.AddAlias(l[0], l[1]) {
			p.log.Debug("later page or view of a list that is not exported", "url", l[0], "page", l[1])
		}
	}
	p.phases.Begin(PhaseDedupe, p.Documents())
	if err := p.idx.Finalize(p.loadDoc); err != nil {
		return res, err
	}
	p.phases.Begin(PhaseWrite, p.Documents())

	snippets, err := load.NewSpool("")
	if err != nil {
		return res, err
	}
	defer snippets.Close()
	assets, err := load.NewSpool("")
	if err != nil {
		return res, err
	}
	defer assets.Close()
	redirects, err := load.NewTempLog("")
	if err != nil {
		return res, err
	}
	defer redirects.Close()

	docsW, err := exp.Create("documents.ndjson", "document")
	if err != nil {
		return res, err
	}
	if err := p.writeDocuments(ctx, docsW, snippets, assets, redirects, &res); err != nil {
		docsW.Abort()
		return res, err
	}
	// The documents are synced to disk while the other files are
	// written; Finish returns once they are in place.
	waitDocs := docsW.CommitAsync()
	docsWaited := false
	defer func() {
		if !docsWaited {
			_ = waitDocs() // an earlier error is returned
		}
	}()
	exp.SetDropped(res.DroppedChars)
	if err := p.chromeFiles(assets, redirects); err != nil {
		return res, err
	}

	if err := writeSpooled(exp, snippets, "snippets.ndjson", "snippet"); err != nil {
		return res, err
	}
	if p.files != nil {
		err = load.WriteAssetFiles(ctx, exp, assets, p.files, p.fileSrc, func(a *umzug.Asset, reason error) {
			p.filesMissing++
			p.log.Warn("file not in the export", "url", a.URL, "reason", reason)
			p.findings = append(p.findings, load.MissingFileFinding(a, reason))
		})
	} else {
		err = writeSpooled(exp, assets, "assets.ndjson", "asset")
	}
	if err != nil {
		return res, err
	}
	if err := p.writeRedirects(exp, redirects); err != nil {
		return res, err
	}
	res.Findings = append(p.idx.SamePageFindings(append([]umzug.Finding{}, p.findings...)), p.idx.Findings()...)
	res.Findings = umzug.GroupTemplateFindings(res.Findings)
	umzug.SortFindings(res.Findings)
	if err := exp.WriteFindings(res.Findings); err != nil {
		return res, err
	}
	if err := p.inv.write(exp, res.Findings); err != nil {
		return res, err
	}
	if err := p.fails.write(exp); err != nil {
		return res, err
	}
	if err := exp.WriteSchemas(); err != nil {
		return res, err
	}
	docsWaited = true
	if err := waitDocs(); err != nil {
		return res, err
	}
	exp.SetChrome(p.idx.Chrome())
	exp.Count("snippets", p.idx.Stats.Snippets)
	exp.Count("assets", p.idx.Stats.Assets)

	ns, ds := p.norm.Stats, p.idx.Stats
	res.Stats = map[string]int{
		"blocksIn": ns.BlocksIn, "blocksOut": ds.BlocksOut,
		"emptyBlocksDropped": ns.EmptyDropped, "duplicateBlocksInDocument": ns.DuplicatesInDoc,
		"repeatedParagraphsDropped": ns.RepeatedParagraphs,
		"snippets":                  ds.Snippets, "refs": ds.Refs, "chromeBlocksDropped": ds.ChromeBlocks,
		"teaserCopiesReplaced": ds.CopiesReplaced, "dateConflicts": ds.DateConflicts, "linksResolved": ds.LinksResolved,
		"nearDuplicates": ds.NearDuplicates, "duplicateUrls": ds.DuplicateURLs, "samePages": ds.SamePages, "canonicalDiffers": ds.CanonicalDiffers, "filesOnlyInChrome": ds.ChromeFiles,
		"redirects": ds.RedirectsKept, "gone": ds.RedirectsGone, "redirectsDropped": ds.RedirectsMerged,
		"warnings": p.warnings, "documentsRejected": res.Rejected + p.dropped, "truncatedPages": p.truncated,
		"removedSinceLastCrawl": p.inv.removedRows,
	}
	if p.files != nil {
		res.Stats["filesMissing"] = p.filesMissing
	}
	return res, nil
}

func writeSpooled(exp *load.Exporter, sp *load.Spool, name, kind string) error {
	w, err := exp.Create(name, kind)
	if err != nil {
		return err
	}
	for _, ord := range sp.Sorted() {
		line, err := sp.ReadRaw(ord)
		if err != nil {
			w.Abort()
			return err
		}
		if err := w.WriteJSON(line); err != nil {
			w.Abort()
			return fmt.Errorf("%s %s: %w", kind, sp.Key(ord), err)
		}
	}
	return w.Commit()
}

// writeRedirects writes redirects.csv (every old URL) and, for the old
// URLs of the site's host, redirects.nginx.conf (nginx maps),
// redirects.htaccess and redirects.apache-map.txt (Apache, see apacheMaps).
func (p *Export) writeRedirects(exp *load.Exporter, log *load.TempLog) error {
	csvW, err := exp.CreateText("redirects.csv")
	if err != nil {
		return err
	}
	ngW, err := exp.CreateText("redirects.nginx.conf")
	if err != nil {
		csvW.Abort()
		return err
	}
	ap, err := newApacheMaps(exp, p.norm.SiteRoot())
	if err != nil {
		csvW.Abort()
		ngW.Abort()
		return err
	}
	fail := func(err error) error { csvW.Abort(); ngW.Abort(); ap.abort(); return err }
	site, _ := url.Parse(p.norm.SiteRoot())
	if err := csvW.Line("old_url,new_path,status", false); err != nil {
		return fail(err)
	}
	gone := slices.Clone(p.gone)
	slices.Sort(gone)
	gone = slices.Compact(gone)
	// One pass over the old URLs sizes nginx's hash and finds the old URLs
	// met before (KeepRedirectSeen), in the order emit meets them.
	repeated := newRepeatedOldURLs()
	defer repeated.close()
	hashSizes, err := nginxHashSizesEach(log, gone, site.Host, repeated.add)
	if err != nil {
		return fail(err)
	}
	if err := repeated.find(); err != nil {
		return fail(err)
	}
	for _, l := range append([]string{
		"# umzug redirect map for " + p.norm.SiteRoot() + " (generated; do not edit)",
		"# include it in the http block; in the server block of the new site:",
		"#   if ($umzug_gone) { return 410; }",
		"#   if ($umzug_redirect) { return 301 $umzug_redirect; }",
	}, append(hashSizes,
		"map $request_uri $umzug_redirect {",
		"    default \"\";",
	)...) {
		if err := ngW.Line(l, false); err != nil {
			return fail(err)
		}
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	row := func(r umzug.Redirect) error {
		buf.Reset()
		status := fmt.Sprint(r.Status)
		if err := cw.Write([]string{r.From, r.To, status}); err != nil {
			return err
		}
		cw.Flush()
		return csvW.Line(strings.TrimSuffix(buf.String(), "\n"), true)
	}
	var goneURIs []string
	seq := 0
	emit := func(r umzug.Redirect) error {
		seen := repeated.has(seq)
		seq++
		if ok, why := p.idx.KeepRedirectSeen(r, seen); !ok {
			p.log.Debug("redirect left out", "from", r.From, "to", r.To, "reason", why)
			return nil
		}
		if err := row(r); err != nil {
			return err
		}
		if err := p.inv.addRedirect(r, func(u string) bool { _, ok := p.facts[u]; return ok }); err != nil {
			return err
		}
		u, err := url.Parse(r.From)
		if err != nil || u.Host != site.Host {
			return nil // other hosts: in the CSV only
		}
		if r.Status == 410 {
			goneURIs = append(goneURIs, u.RequestURI())
			return ap.gone(u.RequestURI())
		}
		if err := ap.redirect(u.RequestURI(), r.To); err != nil {
			return err
		}
		return ngW.Line("    "+nginxQuote(u.RequestURI())+" "+nginxQuote(r.To)+";", true)
	}
	if err := log.Each(func(line []byte) error {
		var r umzug.Redirect
		if err := jsonv2.Unmarshal(line, &r); err != nil { // the log's own lines (encoding/json's: valid UTF-8, no name twice): v2 decodes them as encoding/json does, in half the time
			return fmt.Errorf("reading redirects: %w", err)
		}
		return emit(r)
	}); err != nil {
		return fail(err)
	}
	for _, g := range gone {
		if err := emit(umzug.Redirect{From: g, Status: 410}); err != nil {
			return fail(err)
		}
	}
	if err := ngW.Line("}", false); err != nil {
		return fail(err)
	}
	if err := ngW.Line("map $request_uri $umzug_gone {\n    default 0;", false); err != nil {
		return fail(err)
	}
	for _, g := range goneURIs {
		if err := ngW.Line("    "+nginxQuote(g)+" 1;", true); err != nil {
			return fail(err)
		}
	}
	if err := ngW.Line("}", false); err != nil {
		return fail(err)
	}
	if err := csvW.Commit(); err != nil {
		ngW.Abort()
		ap.abort()
		return err
	}
	if err := ngW.Commit(); err != nil {
		ap.abort()
		return err
	}
	return ap.commit()
}

// nginxHashSizes returns the map_hash_bucket_size and map_hash_max_size
// directives the map needs: nginx refuses to start when the longest old
// URL does not fit a hash bucket (the default is 64 bytes) or there are
// more entries than its hash may hold. Both are upper bounds over every
// redirect of the site's host (some may be left out later).
func nginxHashSizes(log *load.TempLog, gone []string, host string) ([]string, error) {
	return nginxHashSizesEach(log, gone, host, nil)
}

// nginxHashSizesEach is nginxHashSizes that also calls each (unless nil)
// with the old URL of every redirect of the log, then of gone.
func nginxHashSizesEach(log *load.TempLog, gone []string, host string, each func(from string) error) ([]string, error) {
	longest, n := 0, 0
	count := func(raw string) error {
		if u, err := url.Parse(raw); err == nil && u.Host == host {
			longest, n = max(longest, len(nginxQuote(u.RequestURI()))), n+1
		}
		if each != nil {
			return each(raw)
		}
		return nil
	}
	err := log.Each(func(line []byte) error {
		var r umzug.Redirect
		if err := jsonv2.Unmarshal(line, &r); err != nil { // the log's own lines (encoding/json's: valid UTF-8, no name twice): v2 decodes them as encoding/json does, in half the time
			return fmt.Errorf("reading redirects: %w", err)
		}
		return count(r.From)
	})
	if err != nil {
		return nil, err
	}
	for _, g := range gone {
		if err := count(g); err != nil {
			return nil, err
		}
	}
	// An entry takes a pointer, the key and 2 bytes, aligned to 8; a
	// bucket holds at least one entry and a terminating pointer.
	bucket := 64
	for bucket < (8+longest+2+7)/8*8+8 {
		bucket *= 2
	}
	size := 2048
	for size < 2*n {
		size *= 2
	}
	return []string{
		"# sized for this map; remove these two lines if your http block sets them",
		fmt.Sprintf("map_hash_bucket_size %d;", bucket),
		fmt.Sprintf("map_hash_max_size %d;", size),
	}, nil
}

// repeatedOldURLs finds the redirects of the map whose old URL an
// earlier one had (by transform.RedirectKey), as the Index's set of
// every old URL did: the keys go to an external sort (equal keys stay in
// the order added), and every key after the first of its kind marks its
// redirect. It holds one bit per redirect.
type repeatedOldURLs struct {
	keys *load.ExternalSort
	n    int      // redirects added
	bits []uint64 // redirect i is repeated: bit i
}

func newRepeatedOldURLs() *repeatedOldURLs {
	return &repeatedOldURLs{keys: load.NewExternalSort("redirect map's old URLs", "", 8, sortBudget)}
}

// add adds the old URL of the next redirect.
func (r *repeatedOldURLs) add(from string) error {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], transform.RedirectKey(from))
	r.n++
	return r.keys.Add(key[:], binary.AppendUvarint(nil, uint64(r.n-1)))
}

// find marks the repeated redirects once all are added.
func (r *repeatedOldURLs) find() error {
	r.bits = make([]uint64, (r.n+63)/64)
	rd, err := r.keys.Reader()
	if err != nil {
		return err
	}
	var last []byte // the key before, nil before the first
	for {
		key, payload, ok, err := rd.Next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if last != nil && bytes.Equal(key, last) {
			i, k := binary.Uvarint(payload)
			if k <= 0 || i >= uint64(r.n) {
				return fmt.Errorf("redirect map's old URLs: a damaged record")
			}
			r.bits[i/64] |= 1 << (i % 64)
			continue
		}
		last = append(last[:0], key...)
	}
}

// has reports whether redirect i has the old URL of an earlier one.
func (r *repeatedOldURLs) has(i int) bool {
	return i < r.n && r.bits[i/64]&(1<<(i%64)) != 0
}

func (r *repeatedOldURLs) close() { r.keys.Close() }

// nginxQuote quotes s for an nginx configuration file. nginx has no
// escape for "$" inside quotes (map values would expand it as a
// variable), so it is percent-encoded; such rare URLs are exact in the CSV.
func nginxQuote(s string) string {
	s = nginxQuoter.Replace(s)
	s = strings.ReplaceAll(s, "$", "%24")
	return `"` + s + `"`
}
