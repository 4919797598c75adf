// Package audit finds what must not be migrated and what broke: CMS
// rendering errors, placeholder text and alt texts, missing alt texts,
// empty elements, broken links and images, server errors and mixed
// content. Rules run over the parsed page (the tree extraction parsed,
// handed over read-only to PageTree, or parsed by Page), the snapshot and
// the document extraction made of it, and yield umzug.Findings; the report
// writers turn findings into text, NDJSON, CSV, JUnit XML and HTML.
//
// Placeholder rules match visible text and alt/title attributes only:
// scripts, styles, comments, JSON-LD, templates and other attributes never
// produce a finding. The text rules take one pass over a page's texts: the
// literals each rule's expression needs (triggers.go) sit in one
// Aho–Corasick automaton (textscan.go), and an expression runs only on the
// texts that hold one of its literals.
package audit

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
	"github.com/umzug/umzug/internal/urlmemo"
)

// Options configure an Auditor.
type Options struct {
	// Hosts are the site's own hosts (host or host:port): links there are
	// internal and always checked.
	Hosts []string
	// Checker checks link targets that were not crawled; nil checks none
	// (offline audits use only the statuses of the pages they have).
	Checker umzug.LinkChecker
	// CheckExternal also checks links to other hosts.
	CheckExternal bool
	// Canonicalize maps a URL to the form the crawler identifies pages by,
	// so links meet the snapshots of their targets; nil drops fragments only.
	// It must depend on its argument alone: what it makes of a link that
	// is an absolute path ("/presse/") is kept for every page after.
	Canonicalize func(string) (string, error)
	// Config adds user rules and changes or disables built-in ones.
	Config *Config
	// Workers is the number of parallel link checks (default 8).
	Workers int
	// MaxLinkedFrom caps the pages listed per broken target (default 200).
	MaxLinkedFrom int
	// MapURL rewrites the URLs of findings (e.g. a crawled staging origin
	// to the public one) before fingerprints are taken; nil keeps them.
	MapURL func(string) string
}

// Auditor runs the rules. Page is called once per fetched page (from one
// goroutine); Finish checks the links collected on the way.
type Auditor struct {
	opts     Options
	matchers []matcher
	custom   []customRule
	index    *textIndex // triggers of matchers, then of custom rules
	altRules bool       // a custom rule reads alt texts
	hosts    map[string]bool
	disabled map[string]bool
	severity map[string]umzug.Severity

	// resolved holds the links of pages resolved against their base
	// (walker.resolve) that depend only on its scheme, user and host.
	resolved urlmemo.Memo[string]

	mu      sync.Mutex
	status  map[string]int   // delivered pages: canonical URL -> status
	targets map[target]*refs // link targets and who links there
	order   []target         // targets in order of discovery
	pages   int
	// unchecked counts the internal link and image targets that Finish
	// could not check: not among the delivered pages and no Checker (an
	// archive crawled without its files, saved pages without a site).
	unchecked Unchecked
}

// Unchecked counts internal targets whose status is unknown.
type Unchecked struct{ Links, Images int }

type target struct {
	url   string
	image bool
}

type refs struct {
	from     []string
	count    int
	evidence string // link text or alt of the first reference
	selector string
	key      string
}

// New builds an Auditor.
func New(opts Options) (*Auditor, error) {
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.MaxLinkedFrom <= 0 {
		opts.MaxLinkedFrom = 200
	}
	bi, err := builtin()
	if err != nil {
		return nil, err
	}
	a := &Auditor{opts: opts, matchers: bi.matchers, hosts: map[string]bool{},
		disabled: map[string]bool{}, severity: map[string]umzug.Severity{},
		status: map[string]int{}, targets: map[target]*refs{}}
	for _, h := range opts.Hosts {
		a.hosts[strings.ToLower(h)] = true
	}
	if c := opts.Config; c != nil {
		if err := c.Validate(); err != nil {
			return nil, err
		}
		for _, r := range c.Disable {
			a.disabled[r] = true
		}
		for r, s := range c.Severity {
			a.severity[r] = s
		}
		cr, err := c.compile()
		if err != nil {
			return nil, err
		}
		a.custom = cr
	}
	if len(a.custom) == 0 {
		a.index = bi.index
		return a, nil
	}
	// The user's rules join the built-in ones in one automaton.
	trig, always := slices.Clone(bi.trig), slices.Clone(bi.always)
	for _, c := range a.custom {
		lits, ok, err := triggers(c.m.expr)
		if err != nil {
			return nil, fmt.Errorf("audit rule %s: %w", c.m.rule, err)
		}
		trig, always = append(trig, lits), append(always, !ok)
		a.altRules = a.altRules || c.alt
	}
	x, err := newTextIndex(trig, always)
	if err != nil {
		return nil, err
	}
	a.index = x
	return a, nil
}

// builtinRules are the built-in text matchers, their triggers and the
// automaton of those triggers alone.
type builtinRules struct {
	matchers []matcher
	trig     [][]string
	always   []bool
	index    *textIndex
}

// builtin makes the built-in rules once per process: compiled
// expressions and the automaton are only read, by any number of Auditors.
var builtin = sync.OnceValues(func() (builtinRules, error) {
	b := builtinRules{matchers: buildMatchers()}
	for _, m := range b.matchers {
		if m.expr == "" {
			b.trig, b.always = append(b.trig, nil), append(b.always, true)
			continue
		}
		lits, ok, err := triggers(m.expr)
		if err != nil {
			return b, fmt.Errorf("audit rule %s: %w", m.name, err)
		}
		b.trig, b.always = append(b.trig, lits), append(b.always, !ok)
	}
	x, err := newTextIndex(b.trig, b.always)
	b.index = x
	return b, err
})

// Page audits one fetched page, parsing its body; see PageTree, which
// audits a page that is already parsed.
func (a *Auditor) Page(s *umzug.Snapshot, d *umzug.Document) []umzug.Finding {
	return a.PageTree(s, nil, d)
}

// PageTree audits one fetched page. root is the page's body as parsed by
// golang.org/x/net/html (the document node html.Parse returns, which a
// goquery document of the page wraps); nil parses s.Body here. The tree is
// only read, never changed: extraction may hand the same tree on
// afterwards. d is the document extracted from the page, or nil when there
// is none (error pages, files, pages that are not content). The findings
// of the page are returned at once; link findings come from Finish, when
// every page that links to a target is known.
//
// PageTree is Record(Check(…)): a pipeline that audits pages on several
// goroutines calls Check there and Record in the order of the pages, so
// that the link report (first evidence, order of the pages that link to a
// target) does not depend on which goroutine finished first.
func (a *Auditor) PageTree(s *umzug.Snapshot, root *html.Node, d *umzug.Document) []umzug.Finding {
	return a.Record(a.Check(s, root, d))
}

// Checked is the audit of one page before it is recorded.
type Checked struct {
	s        *umzug.Snapshot
	p        *page // nil when the response has no parsed HTML body
	links    bool  // a 2xx page whose links are collected
	findings []umzug.Finding
}

// Check audits one page (see PageTree) without recording anything in
// the Auditor: safe to call from several goroutines at once. Its links
// are collected by Record.
func (a *Auditor) Check(s *umzug.Snapshot, root *html.Node, d *umzug.Document) *Checked {
	c := &Checked{s: s}
	var out []umzug.Finding
	add := func(f umzug.Finding) { out = append(out, f) }
	pageURL := cmp.Or(s.FinalURL, s.URL)
	var p *page
	var perr error
	if s.IsHTML() && len(s.Body) > 0 {
		if root == nil {
			root, perr = html.Parse(bytes.NewReader(s.Body))
			if perr != nil {
				perr = fmt.Errorf("parsing %s: %w", pageURL, perr)
			}
		}
		if perr == nil {
			p, perr = newPage(root, pageURL, a.opts.Canonicalize, &a.resolved)
		}
	}
	if fetchFailed(s) != "" || s.Status >= 500 {
		add(a.serverError(s, p))
	}
	if !s.IsHTML() || len(s.Body) == 0 {
		c.findings = a.finish(out)
		return c
	}
	if perr != nil {
		add(umzug.Finding{Rule: umzug.RuleBrokenElement, Severity: umzug.SeverityError, URL: pageURL,
			Message: "page cannot be parsed as HTML: " + perr.Error()})
		c.findings = a.finish(out)
		return c
	}
	ok := s.Status >= 200 && s.Status < 300
	out = append(out, a.textRules(p, ok)...)
	if d != nil {
		out = append(out, a.documentWarnings(p, d, out)...)
	}
	if ok {
		out = append(out, a.imageRules(p)...)
		out = append(out, a.emptyTextParts(p)...)
		out = append(out, a.mixedContent(p)...)
		c.p, c.links = p, true
	}
	p.releaseUnits() // Record reads the links and images only
	c.findings = a.finish(out)
	return c
}

// Record records a checked page in the Auditor (its status, for the link
// checks; its links and images, as targets) and returns its findings.
// Pages are recorded one at a time, in the order of the run.
func (a *Auditor) Record(c *Checked) []umzug.Finding {
	s := c.s
	a.mu.Lock()
	a.pages++
	a.status[a.canon(s.URL)] = s.Status
	if s.FinalURL != "" && s.Status < 300 {
		a.status[a.canon(s.FinalURL)] = s.Status
	}
	a.mu.Unlock()
	if c.links {
		a.collectLinks(c.p)
	}
	return c.findings
}

func fetchFailed(s *umzug.Snapshot) string {
	for _, w := range s.Warnings {
		if w.Code == "fetch-failed" {
			return w.Message
		}
	}
	return ""
}

// serverError reports a response that failed or answered 5xx; p is the
// page read from its body (nil when there is none), whose first texts are
// the evidence.
func (a *Auditor) serverError(s *umzug.Snapshot, p *page) umzug.Finding {
	f := umzug.Finding{Rule: umzug.RuleServerError, Severity: umzug.SeverityError, URL: s.URL}
	if msg := fetchFailed(s); msg != "" {
		f.Message = "no response: " + msg
	} else {
		f.Message = fmt.Sprintf("HTTP %d", s.Status)
		if p != nil && len(p.units) > 0 {
			var parts []string
			for _, u := range p.units[:min(len(p.units), 3)] {
				parts = append(parts, u.text)
			}
			f.Evidence = textutil.Truncate(strings.Join(parts, " · "), 240)
		}
	}
	if s.LinkedFrom != "" {
		f.LinkedFrom = []string{s.LinkedFrom}
	}
	return f
}

// finish applies the configuration (disabled rules, severities), fills
// fingerprints and merges findings that share one.
func (a *Auditor) finish(fs []umzug.Finding) []umzug.Finding {
	out := fs[:0]
	seen := map[string]int{}
	for _, f := range fs {
		if a.disabled[f.Rule] {
			continue
		}
		if s, ok := a.severity[f.Rule]; ok {
			f.Severity = s
		}
		if f.Fingerprint == "" {
			f.Fingerprint = a.fp(f, "")
		}
		if a.opts.MapURL != nil {
			f.URL = a.opts.MapURL(f.URL)
			if f.LinkedFrom != nil {
				lf := make([]string, len(f.LinkedFrom))
				for i, u := range f.LinkedFrom {
					lf[i] = a.opts.MapURL(u)
				}
				f.LinkedFrom = lf
			}
		}
		if _, dup := seen[f.Fingerprint]; dup {
			continue
		}
		seen[f.Fingerprint] = len(out)
		out = append(out, f)
	}
	return out
}

func (a *Auditor) mapURL(u string) string {
	if a.opts.MapURL == nil {
		return u
	}
	return a.opts.MapURL(u)
}

// fp is the fingerprint (umzug.FindingFingerprint) of f with its URL mapped as findings will show it.
func (a *Auditor) fp(f umzug.Finding, detail string) string {
	if a.opts.MapURL != nil {
		f.URL = a.opts.MapURL(f.URL)
	}
	return umzug.FindingFingerprint(f, detail)
}

// textRules runs the text matchers over the page's units and title
// attributes. Matches of one matcher in one content element (or, outside
// TYPO3 elements, under one id) make one finding that counts them.
func (a *Auditor) textRules(p *page, ok bool) []umzug.Finding {
	type group struct {
		f     umzug.Finding
		count int
	}
	var groups []*group
	byKey := map[string]*group{}
	hit := func(m matcher, u unit, start, end int, attr string) {
		loc := u.ctx.key
		if loc == "" {
			loc = u.ctx.idAnchor
		}
		gk := m.rule + "\x00" + m.name + "\x00" + loc + "\x00" + attr
		if g := byKey[gk]; g != nil {
			g.count++
			return
		}
		f := umzug.Finding{Rule: m.rule, Severity: m.severity, URL: p.url, Message: m.message,
			Evidence: snippet(u.text, start, end), Selector: p.selector(u.node), BlockKey: u.ctx.key}
		if attr != "" {
			f.Evidence = attr + `="` + f.Evidence + `"`
		}
		f.Fingerprint = a.fp(umzug.Finding{Rule: f.Rule, URL: f.URL, BlockKey: loc}, m.name+attr)
		g := &group{f: f, count: 1}
		byKey[gk] = g
		groups = append(groups, g)
	}
	// One pass of the automaton over all texts of the page says which
	// matcher may match which text; only those run their expression.
	texts := make([]string, 0, len(p.units)+len(p.titles))
	for _, u := range p.units {
		texts = append(texts, u.text)
	}
	for _, u := range p.titles {
		texts = append(texts, u.text)
	}
	var alts []string
	if a.altRules && ok {
		alts = make([]string, len(p.images))
		for i, im := range p.images {
			alts[i] = umzug.VisibleText(im.alt)
		}
		texts = append(texts, alts...)
	}
	cand := a.index.scan(texts)
	nu, nt := len(p.units), len(p.titles)
	claimed := map[int]bool{}
	for mi, m := range a.matchers {
		if m.soft && !ok {
			continue
		}
		if m.rule == umzug.RulePlaceholderText && !ok {
			continue // placeholders on error pages are not content
		}
		a.index.each(cand, mi, 0, nu, func(i int) {
			u := p.units[i]
			if m.rule == umzug.RulePlaceholderText && claimed[i] {
				return // one placeholder finding per piece of text
			}
			if (m.maxLen > 0 && len(u.text) > m.maxLen) || (m.accept != nil && !m.accept(u)) {
				return
			}
			if m.inContent && p.hasCE && u.ctx.key == "" && u.tag != "title" {
				return
			}
			if s, e, found := m.find(u.text); found && (m.except == nil || !m.except.MatchString(u.text)) {
				hit(m, u, s, e, "")
				claimed[i] = true
			}
		})
		if m.titles && ok {
			a.index.each(cand, mi, nu, nu+nt, func(i int) {
				u := p.titles[i]
				if s, e, found := m.find(u.text); found {
					hit(m, u, s, e, "title")
				}
			})
		}
	}
	if ok {
		for j, c := range a.custom {
			each := func(lo, hi int, fn func(i int)) { a.index.each(cand, len(a.matchers)+j, lo, hi, fn) }
			c.run(p, alts, each, hit)
		}
	}
	out := make([]umzug.Finding, 0, len(groups))
	for _, g := range groups {
		if g.count > 1 {
			g.f.Message += fmt.Sprintf(" (%d places in this element)", g.count)
		}
		out = append(out, g.f)
	}
	return out
}

// documentWarnings turns extraction's broken-element and empty-element
// warnings into findings, unless the page scan found the same element.
func (a *Auditor) documentWarnings(p *page, d *umzug.Document, have []umzug.Finding) []umzug.Finding {
	var out []umzug.Finding
	for _, w := range d.Warnings {
		if w.Code != umzug.RuleBrokenElement && w.Code != umzug.RuleEmptyElement {
			continue
		}
		if w.Code == umzug.RuleEmptyElement && p.dynamic(w.BlockKey) {
			continue // filled by a script or an embed in the browser
		}
		dup := false
		for _, f := range have {
			if f.Rule == w.Code && w.BlockKey != "" && f.BlockKey == w.BlockKey {
				dup = true
			}
		}
		if dup {
			continue
		}
		f := umzug.Finding{Rule: w.Code, Severity: umzug.SeverityError, URL: p.url, Message: w.Message, BlockKey: w.BlockKey}
		if w.Code == umzug.RuleEmptyElement {
			f.Severity = umzug.SeverityWarning
		}
		if w.BlockKey != "" {
			f.Selector = "#" + cssIdent(w.BlockKey)
		}
		f.Fingerprint = a.fp(f, w.Code)
		out = append(out, f)
	}
	return out
}

// imageRules: placeholder alt texts, and images without a text
// alternative where one is needed. An image with alt="" is decorative
// (as HTML says) unless it is all a link has: then the link has no name,
// except where a text link next to it goes to the same place.
func (a *Auditor) imageRules(p *page) []umzug.Finding {
	var out []umzug.Finding
	for _, im := range p.images {
		if why := placeholderAlt(im.alt); why != "" && !im.decor {
			f := umzug.Finding{Rule: umzug.RulePlaceholderAlt, Severity: umzug.SeverityWarning, URL: p.url,
				Message: "placeholder alt text (" + why + ")", Evidence: imgEvidence(im), Selector: p.selector(im.node), BlockKey: im.ctx.key}
			f.Fingerprint = a.fp(f, a.mapURL(im.src)+"\x00"+im.alt)
			out = append(out, f)
			continue
		}
		if im.decor || im.labelled {
			continue
		}
		var msg string
		switch {
		case !im.hasAlt:
			msg = "image without alt attribute"
		case strings.TrimSpace(im.alt) == "" && im.link != nil && im.link.accessibleName() == "" && !p.namedLinkNearby(im):
			msg = "image with empty alt is the only content of a link: the link has no text"
		default:
			continue
		}
		f := umzug.Finding{Rule: umzug.RuleMissingAlt, Severity: umzug.SeverityWarning, URL: p.url,
			Message: msg, Evidence: imgEvidence(im), Selector: p.selector(im.node), BlockKey: im.ctx.key}
		f.Fingerprint = a.fp(f, a.mapURL(im.src))
		out = append(out, f)
	}
	return out
}

// namedLinkNearby reports a link with text to the same target in the same
// content element (or under the same id): the image link is redundant and
// its image decorative, as in a teaser with a linked picture and headline.
// The page's named links are indexed once, so a page of many image links
// is not quadratic.
func (p *page) namedLinkNearby(im image) bool {
	if im.link == nil || im.link.href == "" {
		return false
	}
	if p.named == nil {
		p.named = map[namedKey]bool{}
		for _, l := range p.links {
			if l.href == "" || l.accessibleName() == "" {
				continue
			}
			if l.ctx.key != "" {
				p.named[namedKey{href: l.href, key: l.ctx.key}] = true
			}
			p.named[namedKey{href: l.href, anchor: l.ctx.idAnchor, byAnchor: true}] = true
		}
	}
	// The image's own link has no name (imageRules asks only then), so it
	// is not among the named links.
	if im.ctx.key != "" {
		return p.named[namedKey{href: im.link.href, key: im.ctx.key}]
	}
	return p.named[namedKey{href: im.link.href, anchor: im.ctx.idAnchor, byAnchor: true}]
}

// namedKey indexes a page's named links by target and content element,
// or by target and nearest id.
type namedKey struct {
	href, key, anchor string
	byAnchor          bool
}

func imgEvidence(im image) string {
	var b strings.Builder
	b.WriteString("<img src=\"")
	b.WriteString(textutil.Truncate(im.rawSrc, 160))
	b.WriteString("\"")
	if im.hasAlt {
		b.WriteString(" alt=\"" + textutil.Truncate(im.alt, 120) + "\"")
	}
	b.WriteString(">")
	return b.String()
}

// emptyTextParts finds TYPO3 text & media elements whose text part holds
// nothing but white space or &nbsp;: the editor left the body empty.
func (a *Auditor) emptyTextParts(p *page) []umzug.Finding {
	var out []umzug.Finding
	seen := map[string]bool{}
	for _, n := range findAllClass(p, "ce-bodytext", "csc-textpic-text") {
		key := ceKey(n)
		if key == "" || seen[key] {
			continue
		}
		// An empty container is an image-only element (CSC renders the
		// text div anyway); a paragraph holding only &nbsp; is a body the
		// editor left blank.
		if hasVisibleText(n) || !hasElement(n, "p", "div", "span", "br") || hasElement(n, "img", "video", "iframe", "table", "script") {
			continue
		}
		seen[key] = true
		f := umzug.Finding{Rule: umzug.RuleEmptyElement, Severity: umzug.SeverityWarning, URL: p.url,
			Message:  fmt.Sprintf("content element %s: the text of the text & media element is empty", key),
			Evidence: textutil.Truncate(renderHTML(n), 200), Selector: p.selector(n), BlockKey: key}
		f.Fingerprint = a.fp(f, "empty-bodytext")
		out = append(out, f)
	}
	return out
}

func (a *Auditor) mixedContent(p *page) []umzug.Finding {
	var out []umzug.Finding
	for _, r := range p.mixed {
		sev, what := umzug.SeverityWarning, "passive mixed content (browsers may show it as not secure)"
		if r.active {
			sev, what = umzug.SeverityError, "active mixed content (browsers block it)"
		}
		if r.tag == "form" {
			what = "form sends its data over plain http"
		}
		f := umzug.Finding{Rule: umzug.RuleMixedContent, Severity: sev, URL: p.url,
			Message: "https page loads " + r.url + ": " + what, Evidence: textutil.Truncate(renderHTML(r.node), 200),
			Selector: p.selector(r.node), BlockKey: ceKey(r.node)}
		f.Fingerprint = a.fp(f, r.url)
		out = append(out, f)
	}
	return out
}

// collectLinks remembers every link and image target of a page.
func (a *Auditor) collectLinks(p *page) {
	a.mu.Lock()
	defer a.mu.Unlock()
	seen := map[target]bool{}
	// ev makes the evidence, only for a target met for the first time.
	note := func(t target, ev func() string, n *html.Node, key string) {
		if t.url == "" || seen[t] || strings.HasPrefix(t.url, "file:") {
			return
		}
		seen[t] = true
		r := a.targets[t]
		if r == nil {
			r = &refs{evidence: ev(), selector: p.selector(n), key: key}
			a.targets[t] = r
			a.order = append(a.order, t)
		}
		r.count++
		if len(r.from) < a.opts.MaxLinkedFrom {
			r.from = append(r.from, p.url)
		}
	}
	for _, l := range p.links {
		note(target{url: l.href}, func() string {
			return `<a href="` + textutil.Truncate(l.raw, 160) + `">` + textutil.Truncate(l.accessibleName(), 120) + "</a>"
		}, l.node, l.ctx.key)
	}
	for _, im := range p.images {
		note(target{url: im.src, image: true}, func() string { return imgEvidence(im) }, im.node, im.ctx.key)
	}
}

// Unchecked returns the internal link and image targets Finish could not
// check (no status of their own and no Checker): no finding says whether
// they are broken.
func (a *Auditor) Unchecked() Unchecked {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.unchecked
}

// Finish checks the link targets collected from all pages and returns a
// finding per broken target, listing the pages that link there. Targets
// that were crawled get the status they were served with; others are
// asked of the Checker (internal ones always, external ones only with
// CheckExternal).
func (a *Auditor) Finish(ctx context.Context) ([]umzug.Finding, error) {
	return a.FinishProgress(ctx, nil)
}

// LinkTargets returns the number of link and image targets recorded so
// far: what Finish judges, the total of FinishProgress's count.
func (a *Auditor) LinkTargets() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.order)
}

// FinishProgress is Finish, calling progress (when not nil; from several
// goroutines) with 1 for each target judged: at once for one the crawl
// fetched or the checker is not asked about, when its check returns for
// the others. A link check of a large site takes minutes (a HEAD per file
// the crawl did not fetch, --delay apart), and a bar that shows no count
// all that time looks stuck.
func (a *Auditor) FinishProgress(ctx context.Context, progress func(n int)) ([]umzug.Finding, error) {
	if progress == nil {
		progress = func(int) {}
	}
	a.mu.Lock()
	order := slices.Clone(a.order)
	a.mu.Unlock()
	type result struct {
		t      target
		status int
		err    error
		known  bool
	}
	results := make([]result, len(order))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range a.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				t := order[i]
				st, err := a.opts.Checker.Check(ctx, t.url)
				results[i] = result{t: t, status: st, err: err, known: st != 0 || err != nil}
				progress(1)
			}
		}()
	}
	for i, t := range order {
		results[i].t = t
		a.mu.Lock()
		st, crawled := a.status[a.canon(t.url)]
		a.mu.Unlock()
		if crawled {
			results[i] = result{t: t, status: st, known: st != 0}
			progress(1)
			continue
		}
		if a.opts.Checker == nil && a.internal(t.url) {
			a.mu.Lock()
			if t.image {
				a.unchecked.Images++
			} else {
				a.unchecked.Links++
			}
			a.mu.Unlock()
		}
		if a.opts.Checker == nil || (!a.internal(t.url) && !a.opts.CheckExternal) {
			progress(1)
			continue
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []umzug.Finding
	for _, r := range results {
		if !r.known || errors.Is(r.err, umzug.ErrNotChecked) || (r.err == nil && (r.status < 400 || r.status == 429)) {
			continue
		}
		a.mu.Lock()
		ref := a.targets[r.t]
		a.mu.Unlock()
		rule := umzug.RuleBrokenLink
		if r.t.image {
			rule = umzug.RuleBrokenImage
		}
		sev := umzug.SeverityError
		if !a.internal(r.t.url) {
			sev = umzug.SeverityWarning
		}
		what := fmt.Sprintf("HTTP %d", r.status)
		if r.err != nil {
			what = "no response: " + r.err.Error()
		}
		n := ref.count
		msg := fmt.Sprintf("%s, linked from %d page", what, n)
		if n != 1 {
			msg += "s"
		}
		if r.t.image {
			msg = fmt.Sprintf("%s, shown on %d page", what, n)
			if n != 1 {
				msg += "s"
			}
		}
		f := umzug.Finding{Rule: rule, Severity: sev, URL: r.t.url, Message: msg, Evidence: ref.evidence,
			Selector: ref.selector, BlockKey: ref.key, LinkedFrom: ref.from}
		f.Fingerprint = a.fp(umzug.Finding{Rule: rule, URL: r.t.url}, "target")
		out = append(out, f)
	}
	return a.finish(out), nil
}

// Pages returns the number of pages audited so far.
func (a *Auditor) Pages() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pages
}

func (a *Auditor) internal(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && a.hosts[strings.ToLower(u.Host)]
}

func (a *Auditor) canon(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	if a.opts.Canonicalize != nil {
		if c, err := a.opts.Canonicalize(u); err == nil {
			return c
		}
	}
	return u
}

// snippet returns the match with up to 60 characters of context on each
// side, cut at word boundaries.
func snippet(s string, start, end int) string {
	const ctxLen = 60
	from, to := start, end
	for from > 0 && start-from < ctxLen {
		from--
	}
	for to < len(s) && to-end < ctxLen {
		to++
	}
	for from > 0 && !utf8Start(s[from]) {
		from--
	}
	for to < len(s) && !utf8Start(s[to]) {
		to++
	}
	if from > 0 {
		if i := strings.IndexByte(s[from:start], ' '); i >= 0 {
			from += i + 1
		}
	}
	if to < len(s) {
		if i := strings.LastIndexByte(s[end:to], ' '); i >= 0 {
			to = end + i
		}
	}
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
