package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/audit"
	"github.com/umzug/umzug/extract"
	extracthtml "github.com/umzug/umzug/extract/html"
)

// Parser is what the pipeline needs of the extractor (extract/html's
// *Parser): extraction of a snapshot whose body the pipeline parsed
// already (nil: parse it), leaving the tree as it was.
type Parser interface {
	ParseSnapshot(s *umzug.Snapshot, root *html.Node) (umzug.Document, error)
}

// Kind is what a response is to the pipeline, decided once per response
// (KindOf) and then acted on by every stage and sink.
type Kind int

const (
	// KindFailed: no usable response (no answer after the retries, 5xx,
	// 401, 403, 407, 429, an unreadable archive record). A failure.
	KindFailed Kind = iota
	// KindRedirect: a redirect whose target was fetched on its own.
	KindRedirect
	// KindErrorStatus: the old site answered 4xx (404, 410): not
	// exported, not a failure either; the audit reports links to it.
	KindErrorStatus
	// KindFile: a response that is not HTML (images, PDFs).
	KindFile
	// KindPage: an HTML page with a 2xx status, which is extracted.
	KindPage
)

var kindNames = [...]string{"failed", "redirect", "error status", "file", "page"}

func (k Kind) String() string { return kindNames[k] }

// KindOf decides what a response is; for KindFailed it also returns the
// failure.
func KindOf(s *umzug.Snapshot) (Kind, umzug.Failure) {
	if f, failed := extract.SnapshotFailure(s); failed {
		return KindFailed, f
	}
	switch {
	case s.Status >= 300 && s.Status < 400:
		return KindRedirect, umzug.Failure{}
	case s.Status >= 400:
		return KindErrorStatus, umzug.Failure{}
	case !s.IsHTML():
		return KindFile, umzug.Failure{}
	}
	return KindPage, umzug.Failure{}
}

// Page is one response on its way through the pipeline: what it is, the
// document extracted from it and the audit's findings on it.
type Page struct {
	Snapshot *umzug.Snapshot
	Kind     Kind
	Failure  umzug.Failure // KindFailed: why
	// Doc is the document extracted from a KindPage response, nil when
	// there is none (Err says why) or the response is of another kind.
	Doc *umzug.Document
	// Err is extraction's error: wrapping umzug.ErrNotContent or
	// umzug.ErrNoMainContent for pages that are not content, or another.
	Err error
	// Later is what extraction read of a list's or gallery's later page,
	// skipped as pagination (Err): the export adds a gallery's pictures
	// on it to the first page's document (Export.AddLaterPage).
	Later *umzug.Document
	// ViewOf is the page that a calendar or filter view, skipped (Err),
	// shows another way (extracthtml.ViewPage): the export redirects the
	// view's URL there when that page is a document.
	ViewOf string
	// Panicked says the extractor panicked on the page; the panic is
	// recorded as the page's failure.
	Panicked bool
	// Findings are the audit's findings on the page (links are judged at
	// the end of the run).
	Findings []umzug.Finding

	// fileLinks are the files the page links to, anywhere on it (its
	// chrome too): absolute URLs, for Export.AddFileLinks.
	fileLinks []string
	// printLinks are the print views of pages the page links to (GSB's
	// "?view=renderPrint", TYPO3's "?type=98") and the pages it links with
	// their query's parameters in another order than the canonical URL's
	// (queryOrderVariant): the URL as linked and the page's URL, for
	// Export.AddPrintViews.
	printLinks [][2]string

	checked *audit.Checked  // the audit's check, recorded in order
	panics  []umzug.Failure // of the page's work, recorded in order
	// norm is Doc normalized for Work.Export, on the worker. Doc was
	// given up to it (normalized in place): only norm is read after.
	norm *normalized
}

// Sink takes the pages of a run one at a time, in the order the
// responses were added. An error from Add stops the run.
type Sink interface {
	Add(p *Page) error
}

// Work is the per-response work every command shares: decide the kind of
// the response, parse a page once, extract its document and audit the
// response on the same tree. Process feeds the responses.
type Work struct {
	Log    *slog.Logger
	Parser Parser
	// Audit audits every response (nil: no audit); Redirects, when set,
	// follows the redirect chains for the redirect rules.
	Audit     *audit.Auditor
	Redirects *audit.Redirects
	// Fails records the failures: responses that failed, panics of the
	// extractor and the audit.
	Fails *FailureLog
	// Workers is the number of responses worked on at once (parse,
	// extract, audit); 0 means one per CPU (GOMAXPROCS).
	Workers int
	// Export, when set, has each document normalized for it on the
	// workers (its first pass; the de-duplication index is fed in order
	// by ExportSink).
	Export *Export
}

// Process returns a stream that does w for every snapshot added and
// hands the pages to sink, in the order they were added. Up to Workers
// pages are worked on at once and at most twice as many are held, so
// memory stays flat however long the run.
func (w *Work) Process(ctx context.Context, sink Sink) *Stream {
	n := w.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	st := &Stream{w: w, ctx: ctx, sink: sink,
		jobs: make(chan *pending), order: make(chan *pending, 2*n), done: make(chan struct{})}
	st.workers.Add(n)
	for range n {
		go func() {
			defer st.workers.Done()
			for pd := range st.jobs {
				pd.out <- w.work(pd.s, pd.root)
				pd.root = nil
			}
		}()
	}
	go st.deliver()
	return st
}

// Stream is the per-response work of a run under way: Add hands it one
// response, Close waits for the last. Add and Close are called from one
// goroutine.
type Stream struct {
	w       *Work
	ctx     context.Context
	sink    Sink
	jobs    chan *pending // to the workers
	order   chan *pending // to deliver, in the order added
	done    chan struct{} // deliver has returned
	workers sync.WaitGroup
	closed  bool

	mu  sync.Mutex
	err error // the sink's first error
}

// pending is a response being worked on.
type pending struct {
	s    *umzug.Snapshot
	root *html.Node // the page parsed already (AddParsed), or nil
	out  chan *Page // buffered: a worker never waits for delivery
}

// Add hands one response to the workers. The sink's first error is
// returned (by this or a later Add), which stops the run.
func (st *Stream) Add(s *umzug.Snapshot) error { return st.AddParsed(s, nil) }

// AddParsed is Add for a response whose body was parsed already
// (crawl.CrawlParsed): root is html.Parse's tree of s.Body, which the
// workers use instead of parsing the page again, and change as they do
// their own (nil: they parse it).
func (st *Stream) AddParsed(s *umzug.Snapshot, root *html.Node) error {
	if err := st.sinkErr(); err != nil {
		return err
	}
	pd := &pending{s: s, root: root, out: make(chan *Page, 1)}
	st.order <- pd // waits while 2×Workers pages are under way
	st.jobs <- pd
	return st.sinkErr()
}

// Close waits for the pages under way, hands them to the sink and
// returns the first error of the sink.
func (st *Stream) Close() error {
	if !st.closed {
		st.closed = true
		close(st.jobs)
		close(st.order)
		st.workers.Wait()
		<-st.done
	}
	return st.sinkErr()
}

func (st *Stream) sinkErr() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.err
}

// deliver records the pages in the order they were added and hands them
// to the sink; after an error of the sink the rest are dropped.
func (st *Stream) deliver() {
	defer close(st.done)
	for pd := range st.order {
		p := <-pd.out
		if st.sinkErr() != nil {
			continue
		}
		st.w.record(p)
		if err := st.sink.Add(p); err != nil {
			st.mu.Lock()
			st.err = err
			st.mu.Unlock()
		}
	}
}

// work does what can be done for a response on its own, on any
// goroutine: its kind, one parse of a page (none when parsed is its tree
// already), extraction and the audit's check on that same tree.
func (w *Work) work(s *umzug.Snapshot, parsed *html.Node) *Page {
	p := &Page{Snapshot: s}
	p.Kind, p.Failure = KindOf(s)
	var root *html.Node
	if p.Kind == KindPage {
		root = w.extract(p, parsed)
	}
	if w.Audit != nil {
		w.check(p, root)
	}
	if w.Export != nil && p.Doc != nil {
		// In place: the extractor's document is read by nothing after
		// (the audit checked it above), and no two of its parts share
		// memory (TestExtractedDocumentsShareNoMemory); no deep copy
		// first.
		n := w.Export.normalize(*p.Doc, true)
		p.norm = &n
	}
	return p
}

// record does, in the order of the run, what depends on the pages before:
// the failure log, the audit's record of statuses and links, the
// redirect chains.
func (w *Work) record(p *Page) {
	if p.Kind == KindFailed {
		w.Fails.Add(p.Failure)
	}
	for _, f := range p.panics {
		w.Fails.Add(f)
	}
	if p.checked != nil {
		p.Findings = w.Audit.Record(p.checked)
		p.checked = nil
	}
	if w.Redirects != nil {
		w.Redirects.Page(p.Snapshot)
	}
}

// extract parses a page once (unless parsed is its tree) and extracts
// its document; it returns the tree for the audit, nil when extraction
// panicked (the tree may be left half changed: the audit parses the page
// again). A panic is the page's failure, and the run goes on.
func (w *Work) extract(p *Page, parsed *html.Node) (root *html.Node) {
	s := p.Snapshot
	defer func() {
		if r := recover(); r != nil {
			p.Panicked, root = true, nil
			p.panics = append(p.panics, w.Fails.PanicFailure(s.URL, umzug.StageExtract, r))
		}
	}()
	root = parsed
	if root == nil {
		var err error
		if root, err = html.Parse(bytes.NewReader(s.Body)); err != nil {
			p.Err = fmt.Errorf("parsing %s: %w", s.FinalURL, err)
			return nil
		}
	}
	p.fileLinks, p.printLinks = pageLinks(root, s.FinalURL)
	d, err := w.Parser.ParseSnapshot(s, root)
	if err != nil || !d.FromTYPO3() {
		// "?type=98" is TYPO3's print view; on another CMS it is a
		// parameter of its own (a filter), no alias of the page.
		p.printLinks = slices.DeleteFunc(p.printLinks, func(l [2]string) bool { return typo3Print(l[0]) })
	}
	if err != nil {
		p.Err = err
		var nc *umzug.NotContentError
		if errors.As(err, &nc) && nc.Reason == extracthtml.ViewPagination {
			p.Later = &d
		} else if errors.As(err, &nc) {
			if u, perr := url.Parse(s.FinalURL); perr == nil {
				p.ViewOf = extracthtml.ViewPage(u)
			}
		}
		return root
	}
	p.Doc = &d
	return root
}

// typo3Print reports a print view by TYPO3's "type=98".
func typo3Print(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && pu.Query().Get("type") == "98"
}

// check runs the audit's checks on the response, content pages with
// their document as extracted; a panic fails this page's audit only.
func (w *Work) check(p *Page, root *html.Node) {
	s := p.Snapshot
	defer func() {
		if r := recover(); r != nil {
			p.checked = nil
			p.panics = append(p.panics, w.Fails.PanicFailure(s.URL, umzug.StageAudit, r))
		}
	}()
	if p.Err != nil && w.Log != nil {
		w.Log.Debug("no document for audit", "url", s.URL, "err", p.Err)
	}
	var nc *umzug.NotContentError
	if errors.As(p.Err, &nc) && nc.Reason == extracthtml.ViewPicture {
		// TYPO3's click-enlarge window is the core's markup around a
		// picture (a <title> "Bild", the <img alt=""> in a link that
		// closes the window), which no editor wrote or can mend: its
		// status counts, its text and pictures are not audited (the
		// picture is, on the page that shows it). Every click-enlarge
		// picture of a TYPO3 4.x site has such a window.
		bare := *s
		bare.Body = nil
		p.checked = w.Audit.Check(&bare, nil, nil)
		return
	}
	p.checked = w.Audit.Check(s, root, p.Doc)
}

// notContent reports whether an extraction error says the page is not
// content (left out on purpose, not a failure).
func notContent(err error) bool {
	return errors.Is(err, umzug.ErrNotContent) || errors.Is(err, umzug.ErrNoMainContent)
}

// pageLinks returns the links of the page under root to files (by their
// extension, umzug.IsLinkedFileExt), resolved against the page's URL (or
// its <base href>) and canonical (extract.Resolve), each once; and its
// links to the print views of pages (printView) and to pages under
// another order of their query's parameters (queryOrderVariant), each
// once, rel="nofollow" or not.
func pageLinks(root *html.Node, pageURL string) (files []string, prints [][2]string) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, nil
	}
	base = baseHref(root, base)
	seen := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				for _, a := range c.Attr {
					if a.Key != "href" {
						continue
					}
					href := strings.TrimSpace(a.Val)
					query := ""
					if i := strings.IndexAny(href, "?#"); i >= 0 {
						href, query = href[:i], href[i:]
					}
					if !umzug.IsLinkedFileExt(strings.ToLower(path.Ext(href))) {
						// A query asks for a view; so does type 98 in a
						// simulateStaticDocuments path.
						if _, static := umzug.SimulateStaticPrint(href); strings.HasPrefix(query, "?") || static {
							if pr, pg, ok := printView(base, a.Val); ok && !seen[pr] {
								seen[pr] = true
								prints = append(prints, [2]string{pr, pg})
							} else if v, pg, ok := queryOrderVariant(base, a.Val); ok && !seen[v] {
								seen[v] = true
								prints = append(prints, [2]string{v, pg})
							}
						}
						break
					}
					// Canonical, as extraction writes the documents' links:
					// the same file gets the same asset key either way.
					if s, err := extract.Resolve(base, a.Val); err == nil && !seen[s] {
						seen[s] = true
						files = append(files, s)
					}
					break
				}
			}
			walk(c)
		}
	}
	walk(root)
	return files, prints
}

// baseHref returns the URL that the page's relative links resolve
// against: its <base href> in the head, as browsers, the crawl and
// extraction read it (TYPO3 up to 6.2 writes config.baseURL on every
// page, and the RTE's links are relative to it: "fileadmin/…" on
// "/themen/wald.html" is "/fileadmin/…"), else the page's own URL. Only
// a web base counts: <base href="javascript:…"> would turn every
// relative link into a script URL.
func baseHref(root *html.Node, page *url.URL) *url.URL {
	var head *html.Node
	for n := root.FirstChild; n != nil && head == nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Head {
					head = c
					break
				}
			}
		}
	}
	if head == nil {
		return page
	}
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Base {
			continue
		}
		for _, a := range c.Attr {
			if a.Key != "href" {
				continue
			}
			b, err := page.Parse(strings.TrimSpace(a.Val))
			if err != nil || (b.Scheme != "http" && b.Scheme != "https") || b.Host == "" {
				return page
			}
			return b
		}
	}
	return page
}

// queryOrderVariant tells whether href, on the page's own host, names a
// page with the parameters of its query in another order than its
// canonical URL (which sorts them): TYPO3 writes cHash last
// ("?tx_news_pi1[currentPage]=2&cHash=…"). Returns that URL as linked
// (fragment dropped) and the canonical one. Visitors and other sites
// request it as linked, and the redirect map matches the request exactly.
func queryOrderVariant(base *url.URL, href string) (variant, pageURL string, ok bool) {
	raw, err := base.Parse(extract.CleanURLSpace(href))
	if err != nil || !strings.EqualFold(raw.Host, base.Host) || raw.RawQuery == "" {
		return "", "", false
	}
	raw.Fragment, raw.RawFragment = "", ""
	pg, err := extract.Canonicalize(raw.String())
	if err != nil {
		return "", "", false
	}
	cu, err := url.Parse(pg)
	if err != nil || cu.Path != raw.Path || cu.RawQuery == raw.RawQuery || !sameParams(cu.RawQuery, raw.RawQuery) {
		return "", "", false
	}
	v := *cu
	v.RawQuery = raw.RawQuery
	return v.String(), pg, true
}

// sameParams reports two queries with the same parameters (name and
// value, unescaped), in any order.
func sameParams(a, b string) bool {
	parts := func(q string) []string {
		ps := strings.Split(q, "&")
		for i, p := range ps {
			if u, err := url.QueryUnescape(p); err == nil {
				ps[i] = u
			}
		}
		slices.Sort(ps)
		return ps
	}
	return slices.Equal(parts(a), parts(b))
}

// printView tells whether href is the print view of a page, by its query
// (extracthtml.ViewReason: GSB's "?view=renderPrint", "?print=1", …, and
// TYPO3's "?type=98", which canonical URLs leave out, and its type 98 in a
// simulateStaticDocuments path, "ministerium.12.98.html"), and returns the
// print view's URL and the page's: the canonical URL without the print
// parameters. Only on the page's own host.
func printView(base *url.URL, href string) (printURL, pageURL string, ok bool) {
	raw, err := base.Parse(extract.CleanURLSpace(href))
	if err != nil || !strings.EqualFold(raw.Host, base.Host) {
		return "", "", false
	}
	raw.Fragment, raw.RawFragment = "", ""
	q := raw.Query()
	typo3 := q.Get("type") == "98"
	staticPage, static := umzug.SimulateStaticPrint(raw.Path)
	if !typo3 && extracthtml.ViewReason(raw) != extracthtml.ViewPrint {
		return "", "", false
	}
	kept := make([]string, 0, 4)
	for _, part := range strings.Split(raw.RawQuery, "&") {
		k, v, _ := strings.Cut(part, "=")
		single := &url.URL{RawQuery: part}
		if k == "type" && v == "98" || extracthtml.ViewReason(single) == extracthtml.ViewPrint {
			continue
		}
		kept = append(kept, part)
	}
	pageRaw := *raw
	pageRaw.RawQuery = strings.Join(kept, "&")
	if static {
		// simulateStaticDocuments: "ministerium.12.98.html" prints
		// "ministerium.12.0.html".
		pageRaw.Path, pageRaw.RawPath = staticPage, ""
	}
	pg, err := extract.Canonicalize(pageRaw.String())
	if err != nil {
		return "", "", false
	}
	pr, err := extract.Canonicalize(raw.String())
	if err != nil {
		return "", "", false
	}
	if typo3 {
		// Canonical URLs drop type=98: the print view is the page's URL with it.
		sep := "?"
		if strings.Contains(pr, "?") {
			sep = "&"
		}
		pr += sep + "type=98"
	}
	if pr == pg {
		return "", "", false
	}
	return pr, pg, true
}
