package transform

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/docjson"
	"github.com/umzug/umzug/internal/listpage"
)

// One page of the old site is often served under more than one URL of
// its directory: "/presse/", "/presse/index.html" (index.php,
// default.aspx, ...) and "/presse" all answer with the same page when
// the menu links one form and the breadcrumb another. Exported as it
// was crawled, that is two documents with the same content, paths
// "/presse" and "/presse-2", and every block of the page counted twice
// (a snippet shared by the page and itself). The Index keeps such a
// page once: when two documents' URLs name the same directory and
// their content is the same (title, kind, dates, press fields, every
// block), the second is left out and its URL becomes an alias of the
// first, redirected to the same new path. The document keeps the
// directory's URL with the slash when it was crawled that way, then the
// one without, then the index file's: the same page gets the same id
// whatever the order of the crawl. A press release is the same page
// wherever its URL (tx_news shows one record under several detail
// pages): keyed by its content, the shorter URL keeps it. Pages that
// merely look alike stay apart (near duplicates are reported, never
// merged), and two pages of different directories are never merged,
// however alike.

// indexFiles are the names a web server serves for a directory's URL.
var indexFiles = []string{
	"index.html", "index.htm", "index.php", "index.shtml", "index.jsp", "index.asp", "index.aspx", "index.cfm",
	"default.htm", "default.html", "default.asp", "default.aspx",
}

// dirKey returns the URL of the directory that the absolute URL u names,
// as its own URL ("/presse/"), without the slash ("/presse") or as its
// index file ("/presse/index.html"), with the query kept, and the rank
// of u's form as a document's URL (0 best). ok is false when u names a
// file (its last segment has an extension that is not an index file's).
func dirKey(u string) (key string, rank int, ok bool) {
	if key, rank, ok := typo3PageKey(u); ok {
		return key, rank, ok
	}
	rest, query := u, ""
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest, query = rest[:i], rest[i:]
	}
	start := strings.Index(rest, "://")
	if start < 0 {
		return "", 0, false
	}
	if !strings.Contains(rest[start+3:], "/") {
		return rest + query, 0, true // "https://host": the root
	}
	last := strings.LastIndexByte(rest, '/')
	switch name := rest[last+1:]; {
	case name == "":
		return rest[:last] + query, 0, true
	case !strings.Contains(name, "."):
		return rest + query, 1, true
	default:
		for _, f := range indexFiles {
			if strings.EqualFold(name, f) {
				return rest[:last] + query, 2, true
			}
		}
	}
	return "", 0, false
}

// typo3PageKey files the URLs under which TYPO3 serves its pages by page
// uid: "index.php?id=14" and, with simulateStaticDocuments (TYPO3 4.x),
// "verbraucherschutz.14.0.html" (umzug.SimulateStatic), besides the root
// "/" for the root page. The URL holds the uid, but "/" does not: they
// are all filed under the site's root (with the language parameter L,
// as the root's "/?L=1" is), and the content's hash, which the key's
// slot holds, tells the pages apart. The simulateStatic URL, the one the
// site's menus write, ranks before index.php?id=N. A URL with other
// parameters (a plugin's) is no page's URL alone.
func typo3PageKey(u string) (key string, rank int, ok bool) {
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return "", 0, false
	}
	q := pu.Query()
	l := q.Get("L")
	q.Del("L")
	switch _, _, t, static := umzug.SimulateStatic(pu.Path); {
	case static && t == "0" && len(q) == 0:
		rank = 1
	case strings.HasSuffix(pu.Path, "/index.php") && len(q) == 1 && len(q["id"]) == 1 && q.Get("id") != "" && strings.Trim(q.Get("id"), "0123456789") == "":
		rank = 3
	default:
		return "", 0, false
	}
	key = pu.Scheme + "://" + pu.Host
	if l != "" && l != "0" {
		key += "?L=" + l
	}
	return key, rank, true
}

// samePageHash returns a hash of what makes d the page it is, its URL and
// identity aside: kind, title, language, summary, dates, press release
// fields and its blocks (fps holds their fingerprints, as Prepare has
// them; 0 for one not known).
func samePageHash(d *umzug.Document, fps []uint64) uint64 {
	// The sha256 of the head's JSON as encoding/json writes it (of the
	// struct docjson.PageHead), in a fraction of its time.
	head := docjson.PageHead{Kind: d.Kind, Title: d.Title, Lang: d.Lang, Summary: d.Summary, Dates: d.Dates, PressRelease: d.PressRelease}
	buf := jsonBufs.Get().(*bytes.Buffer)
	js := docjson.AppendPageHead(buf.AvailableBuffer(), &head)
	sum := sha256.Sum256(js)
	if cap(js) <= maxPooledJSON {
		buf.Reset()
		if cap(js) > buf.Cap() {
			buf = bytes.NewBuffer(js[:0])
		}
		jsonBufs.Put(buf)
	}
	h := sha256.New()
	h.Write(sum[:])
	var b [8]byte
	for bi := range d.Blocks {
		var fp uint64
		if len(fps) == len(d.Blocks) {
			fp = fps[bi]
		}
		if fp == 0 {
			fp = BlockFingerprint(&d.Blocks[bi])
		}
		binary.LittleEndian.PutUint64(b[:], fp)
		h.Write(b[:])
	}
	return binary.LittleEndian.Uint64(h.Sum(nil))
}

// dirEntry is a document filed under its same-page key (Index.byDir):
// the directory its URL names, its canonical URL or its press release's
// content, and the rank of its URL there.
type dirEntry struct {
	doc  int32
	rank int32
	page uint64 // samePageHash
	key  recRef // the key, to tell a collision of the map's hash
	// byID: a page under one of TYPO3's uid URLs (typo3PageKey) is in
	// the slot, so a speaking URL of the same content may join it.
	byID bool
	// viaAlt: the entry was recorded under a speaking URL's alt key; only
	// a page under a uid URL joins it there.
	viaAlt bool
}

// samePage is what Prepare computes of a document whose URL names a
// directory, that declares a canonical URL of its site, or that is a
// press release; dir is "" for any other.
type samePage struct {
	dir  string
	rank int
	page uint64
	// byID: dir is the key of one of TYPO3's uid URLs (typo3PageKey).
	byID bool
	// alt is the key of the site's root under which a speaking URL of a
	// TYPO3 page (realurl's "/service/kontakt.html", "/presse/") meets
	// the same page under index.php?id=N (typo3SpeakingKey); "" for
	// any other.
	alt string
}

// prepareSamePage computes d's same-page key. A page that declares a
// canonical URL of its own site (<link rel="canonical">, GSB's and
// TYPO3's templates write it on every page) is filed under it: the
// variants of one page (GSB's navigation context "?nn=…", a tracking
// or session parameter the crawl does not know) declare the same
// canonical URL, and with the same content they are one document,
// under the canonical URL when that was crawled. A canonical URL that
// names a page of other content (every page of a list pointing at the
// first, every page at the home page) merges nothing: the key holds the
// content's hash too.
func (x *Index) prepareSamePage(d *umzug.Document, fps []uint64) samePage {
	return samePageOf(d, fps, x.opts.MapURL)
}

// samePageOf is prepareSamePage with the map of URLs to the public site.
func samePageOf(d *umzug.Document, fps []uint64, mapURL func(string) string) samePage {
	canon := sameSiteCanonical(d, mapURL)
	if d.Kind == umzug.KindPressRelease {
		// A news record that the site shows under several detail
		// pages: the same release wherever its URL, when all of it is
		// the same (the breadcrumb that differs is not content).
		h := samePageHash(d, fps)
		rank := 0
		if canon != "" && canon != d.URL {
			rank = 1 // the URL the release declares keeps it
		}
		return samePage{dir: pressKey(h), rank: rank, page: h}
	}
	if first, n := listpage.First(d.URL); n == 1 && (canon == "" || canon == d.URL) {
		// Page 1 of a list under its number (tx_news' "previous" link
		// names currentPage=1, its routes "/page-1"): the list's own
		// page when the content is the same, its URL an alias.
		if key, rank, ok := dirKey(first); ok {
			return samePage{dir: key, rank: rank + 5, page: samePageHash(d, fps)}
		}
	}
	if canon != "" {
		key, _, ok := dirKey(canon)
		if !ok {
			key = canon
		}
		rank := 0
		if d.URL != canon {
			rank = 4
			if _, r, ok := dirKey(d.URL); ok {
				rank = 1 + r
			}
		}
		return samePage{dir: key, rank: rank, page: samePageHash(d, fps)}
	}
	var s samePage
	if key, rank, ok := dirKey(d.URL); ok {
		_, _, byID := typo3PageKey(d.URL)
		s = samePage{dir: key, rank: rank, page: samePageHash(d, fps), byID: byID}
	}
	if !s.byID && d.FromTYPO3() {
		if alt, ok := typo3SpeakingKey(d.URL); ok {
			if s.dir == "" {
				s.page = samePageHash(d, fps)
			}
			s.alt = alt
		}
	}
	return s
}

// typo3SpeakingKey returns the key of the site's root (typo3PageKey's)
// for a URL without query or fragment: the speaking URL that realurl
// (TYPO3 4.x to 8) gives a page ("/service/kontakt.html", "/presse/"),
// which TYPO3 serves under index.php?id=N too, and links written by hand
// in the RTE name that way. The same content under both is one page,
// under the speaking URL; two speaking URLs of the same content are not
// merged by this key (only through a page under its uid URL).
func typo3SpeakingKey(u string) (string, bool) {
	if strings.ContainsAny(u, "?#") {
		return "", false
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return "", false
	}
	return pu.Scheme + "://" + pu.Host, true
}

// sameSiteCanonical returns the canonical URL d declares (mapped to the
// public site) when it is on the host of d's URL, else "".
func sameSiteCanonical(d *umzug.Document, mapURL func(string) string) string {
	c := d.Provenance.CanonicalURL
	if c == "" {
		return ""
	}
	if mapURL != nil {
		c = mapURL(c)
	}
	if c == d.URL {
		return c
	}
	cu, err := url.Parse(c)
	if err != nil {
		return ""
	}
	du, err := url.Parse(d.URL)
	if err != nil || cu.Host != du.Host || cu.Host == "" {
		return ""
	}
	return c
}

// pressKey is the key a press release is known by in Index.byDir: its
// content's hash (samePageHash), which no URL can be.
func pressKey(h uint64) string {
	return "press release " + strconv.FormatUint(h, 16)
}

// samePageSlot is where byDir files a key with a content hash: the same
// key with other content is another slot, so two variants of a page
// merge even when the page their canonical URL names has other content.
func samePageSlot(key string, page uint64) uint64 {
	return pathHash(key) ^ page*0x9e3779b97f4a7c15
}

// addSamePage records d (as Prepare saw it in s) and reports whether it
// is the same page as a document added before under the same key (the
// directory its URL names, its canonical URL, its press release's
// content) with the same content; then d's URLs are that document's
// aliases, and when d's URL is the better one (the rank Prepare gave it,
// then the shorter, then the smaller), the document takes d's identity:
// its id, URL, path and spooled record (ord), the old URL an alias.
func (x *Index) addSamePage(d *umzug.Document, ord int, id [16]byte, s samePage, aliases []string) bool {
	var slot uint64
	var prev dirEntry
	ok := false
	if s.dir != "" {
		slot = samePageSlot(s.dir, s.page)
		prev, ok = x.byDir[slot]
		// not there: recorded by the caller once d is added (recordDir);
		// another page or key: a hash collision
		ok = ok && prev.page == s.page && x.recIs(prev.key, s.dir) && (!prev.viaAlt || s.byID)
	}
	viaAlt := ok && prev.viaAlt
	if !ok && s.alt != "" {
		// A speaking URL joins only a page under a uid URL.
		slot = samePageSlot(s.alt, s.page)
		prev, ok = x.byDir[slot]
		ok = ok && prev.byID && prev.page == s.page && x.recIs(prev.key, s.alt)
		viaAlt = ok
	}
	if !ok {
		return false
	}
	if viaAlt {
		// A speaking URL and a uid URL are one page now: no other
		// speaking URL joins them (two speaking URLs are two pages).
		prev.byID, prev.viaAlt = false, true
		x.byDir[slot] = prev
	}
	i := prev.doc
	e := x.doc(i)
	old := x.docURL(i)
	if better(d.URL, s.rank, old, int(prev.rank)) && ord >= 0 {
		e.id = id
		e.url = x.claimURL(d.URL, i)
		e.path = x.appendRec([]byte(d.Path))
		e.ord = int32(ord)
		aliases = append(aliases, old)
		prev.rank = int32(s.rank)
		x.byDir[slot] = prev
		x.noteSamePageURL(old, i)
	} else {
		aliases = append(aliases, d.URL)
		x.noteSamePageURL(d.URL, i)
	}
	x.addAliases(i, aliases)
	x.Stats.SamePages++
	return true
}

// recordDir remembers document i, just added, under its same-page key.
func (x *Index) recordDir(i int32, s samePage) {
	if s.dir == "" && s.alt == "" {
		return
	}
	if x.byDir == nil {
		x.byDir = map[uint64]dirEntry{}
	}
	if s.dir != "" {
		slot := samePageSlot(s.dir, s.page)
		if _, ok := x.byDir[slot]; !ok {
			x.byDir[slot] = dirEntry{doc: i, rank: int32(s.rank), page: s.page, key: x.appendRec([]byte(s.dir)), byID: s.byID}
		}
	}
	if s.alt != "" {
		slot := samePageSlot(s.alt, s.page)
		if _, ok := x.byDir[slot]; !ok {
			x.byDir[slot] = dirEntry{doc: i, rank: int32(s.rank), page: s.page, key: x.appendRec([]byte(s.alt)), viaAlt: true}
		}
	}
}

// canonicalElsewhere returns the URL of another document when d
// declares a canonical URL of its site that names that document: the
// same key with other content, which is kept as a page of its own.
func (x *Index) canonicalElsewhere(d *umzug.Document, self int32) (string, bool) {
	c := sameSiteCanonical(d, x.opts.MapURL)
	if c == "" || c == d.URL {
		return "", false
	}
	j, ok := x.lookupURL(c)
	if !ok || j == self {
		return "", false
	}
	return x.docURL(j), true
}

// better reports whether the URL a of rank ra is a better URL for a
// document than b of rank rb.
func better(a string, ra int, b string, rb int) bool {
	if ra != rb {
		return ra < rb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// directoryAliases gives every document crawled only under its
// directory's index file ("/ministerium/index.html") the directory's own
// URL ("/ministerium/") as an alias, when no document has that URL: the
// old server answered it with the same page, and links to it must not
// end in a 404 after the move. Run by Finalize, when every document is
// known (an alias claimed earlier would have taken the URL from a
// document added later).
func (x *Index) directoryAliases() {
	for i := range int32(x.docs.len()) {
		u := x.docURL(i)
		if strings.ContainsAny(u, "?#") {
			continue
		}
		key, rank, ok := dirKey(u)
		if !ok || rank != 2 {
			continue
		}
		dir := key + "/"
		if _, taken := x.lookupURL(dir); !taken {
			x.addAliases(i, []string{dir})
		}
	}
}

// noteSamePageURL remembers that the page at u was left out as the same
// page as document i: the audit's findings on it are findings on i
// (SamePageFindings).
func (x *Index) noteSamePageURL(u string, i int32) {
	if x.samePageURLs == nil {
		x.samePageURLs = map[string]int32{}
	}
	x.samePageURLs[u] = i
}

// linkedFromCount is the count in a link finding's message.
var linkedFromCount = regexp.MustCompile(`(linked from|shown on) (\d+) pages?$`)

// SamePageFindings folds the findings of the pages left out as the same
// page as a document into that document's: a finding on such a URL that
// the document has too (same rule, place, message and evidence) is left
// out, and the pages a link finding names as linking (linkedFrom) are
// named by their document's URL, once, with the count in the message
// adjusted. Without it, the audit's findings on the page appeared once
// per URL it was served under.
func (x *Index) SamePageFindings(fs []umzug.Finding) []umzug.Finding {
	if len(x.samePageURLs) == 0 {
		return fs
	}
	return foldFindings(fs, func(u string) (string, bool) {
		i, ok := x.samePageURLs[u]
		if !ok {
			return "", false
		}
		return x.docURL(i), true
	})
}

// foldFindings is SamePageFindings with keptAs, which names the URL of
// the document a page left out as the same page was kept as.
func foldFindings(fs []umzug.Finding, keptAs func(string) (string, bool)) []umzug.Finding {
	type place struct{ rule, url, key, sel, msg, ev string }
	at := func(f *umzug.Finding, u string) place {
		return place{f.Rule, u, f.BlockKey, f.Selector, f.Message, f.Evidence}
	}
	have := map[place]bool{}
	for i := range fs {
		if _, merged := keptAs(fs[i].URL); !merged {
			have[at(&fs[i], fs[i].URL)] = true
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if kept, merged := keptAs(f.URL); merged {
			p := at(&f, kept)
			if have[p] {
				continue
			}
			have[p] = true
		}
		if len(f.LinkedFrom) > 0 {
			from := make([]string, 0, len(f.LinkedFrom))
			for _, u := range f.LinkedFrom {
				if kept, merged := keptAs(u); merged {
					u = kept
				}
				if !slices.Contains(from, u) {
					from = append(from, u)
				}
			}
			if drop := len(f.LinkedFrom) - len(from); drop > 0 {
				if m := linkedFromCount.FindStringSubmatchIndex(f.Message); m != nil {
					n, _ := strconv.Atoi(f.Message[m[4]:m[5]])
					n -= drop
					word := "pages"
					if n == 1 {
						word = "page"
					}
					f.Message = f.Message[:m[0]] + f.Message[m[2]:m[3]] + " " + strconv.Itoa(n) + " " + word
				}
			}
			f.LinkedFrom = from
		}
		out = append(out, f)
	}
	return out
}

// SamePageGroups finds, without an Index, the pages that the export keeps
// as one (the same key and content, samePageOf), for a run that exports
// nothing: umzug audit folds its findings with it as the export does
// (Fold). It keeps a map entry per page with a same-page key, and the
// URLs of the pages that are another page's.
type SamePageGroups struct {
	groups map[uint64]*samePageGroup
}

type samePageGroup struct {
	best   string
	rank   int
	others []string
	byID   bool // as dirEntry's
	viaAlt bool
}

// Add files the document extracted from a page.
func (g *SamePageGroups) Add(d *umzug.Document) {
	s := samePageOf(d, nil, nil)
	if s.dir == "" && s.alt == "" {
		return
	}
	if g.groups == nil {
		g.groups = map[uint64]*samePageGroup{}
	}
	var slot uint64
	var grp *samePageGroup
	ok := false
	if s.dir != "" {
		slot = samePageSlot(s.dir, s.page)
		grp, ok = g.groups[slot]
		ok = ok && (!grp.viaAlt || s.byID)
	}
	viaAlt := ok && grp.viaAlt
	if !ok && s.alt != "" {
		alt := samePageSlot(s.alt, s.page)
		if grp, ok = g.groups[alt]; ok && grp.byID {
			slot, viaAlt = alt, true
		} else {
			ok = false
		}
	}
	if viaAlt {
		grp.byID, grp.viaAlt = false, true // as Index.addSamePage
	}
	switch {
	case !ok:
		if s.dir != "" {
			if _, taken := g.groups[samePageSlot(s.dir, s.page)]; !taken {
				g.groups[samePageSlot(s.dir, s.page)] = &samePageGroup{best: d.URL, rank: s.rank, byID: s.byID}
			}
		}
		if s.alt != "" {
			if _, taken := g.groups[samePageSlot(s.alt, s.page)]; !taken {
				g.groups[samePageSlot(s.alt, s.page)] = &samePageGroup{best: d.URL, rank: s.rank, viaAlt: true}
			}
		}
	case d.URL == grp.best || slices.Contains(grp.others, d.URL):
	case better(d.URL, s.rank, grp.best, grp.rank):
		grp.others = append(grp.others, grp.best)
		grp.best, grp.rank = d.URL, s.rank
	default:
		grp.others = append(grp.others, d.URL)
	}
}

// Fold folds the findings of the pages that are another page's into that
// page's, as Index.SamePageFindings does.
func (g *SamePageGroups) Fold(fs []umzug.Finding) []umzug.Finding {
	kept := map[string]string{}
	for _, grp := range g.groups {
		for _, o := range grp.others {
			kept[o] = grp.best
		}
	}
	if len(kept) == 0 {
		return fs
	}
	return foldFindings(fs, func(u string) (string, bool) {
		k, ok := kept[u]
		return k, ok
	})
}
