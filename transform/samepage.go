package transform

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
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

// samePageHash returns a hash of what makes d the page it is, its URL and
// identity aside: kind, title, language, summary, dates, press release
// fields and its blocks (fps holds their fingerprints, as Prepare has
// them; 0 for one not known).
func samePageHash(d *umzug.Document, fps []uint64) uint64 {
	head := struct {
		Kind         umzug.Kind
		Title        string
		Lang         string
		Summary      string
		Dates        umzug.Dates
		PressRelease *umzug.PressRelease
	}{d.Kind, d.Title, d.Lang, d.Summary, d.Dates, d.PressRelease}
	sum, err := sha256JSON(&head)
	if err != nil {
		panic(err) // documents hold only marshalable types
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

// dirEntry is a document whose URL names a directory (Index.byDir).
type dirEntry struct {
	doc  int32
	page uint64 // samePageHash
}

// samePage is what Prepare computes of a document whose URL names a
// directory; dir is "" for any other.
type samePage struct {
	dir  string
	rank int
	page uint64
}

func prepareSamePage(d *umzug.Document, fps []uint64) samePage {
	if d.Kind == umzug.KindPressRelease {
		// A news record that the site shows under several detail
		// pages: the same release wherever its URL, when all of it is
		// the same (the breadcrumb that differs is not content).
		h := samePageHash(d, fps)
		return samePage{dir: pressKey(h), page: h}
	}
	key, rank, ok := dirKey(d.URL)
	if !ok {
		return samePage{}
	}
	return samePage{dir: key, rank: rank, page: samePageHash(d, fps)}
}

// pressKey is the key a press release is known by in Index.byDir: its
// content's hash (samePageHash), which no URL can be.
func pressKey(h uint64) string {
	return "press release " + strconv.FormatUint(h, 16)
}

// addSamePage records d (as Prepare saw it in s) and reports whether it
// is the same page as a document added before, under another URL of its
// directory; then d's URLs are that document's aliases, and when d's URL
// is the better one (dirKey's rank, then the shorter, then the smaller),
// the document takes d's identity: its id, URL, path and spooled record
// (ord), the old URL an alias.
func (x *Index) addSamePage(d *umzug.Document, ord int, id [16]byte, s samePage, aliases []string) bool {
	if s.dir == "" {
		return false
	}
	prev, ok := x.byDir[pathHash(s.dir)]
	if !ok {
		return false // recorded by the caller once d is added (recordDir)
	}
	if prev.page != s.page {
		return false
	}
	i := prev.doc
	e := x.doc(i)
	old := x.docURL(i)
	oldKey, oldRank, _ := dirKey(old)
	if d.Kind == umzug.KindPressRelease {
		oldKey, oldRank = s.dir, 0 // the key is the content's
	}
	if oldKey != s.dir {
		return false // a hash collision of two directories
	} else if better(d.URL, s.rank, old, oldRank) && ord >= 0 {
		e.id = id
		e.url = x.claimURL(d.URL, i)
		e.path = x.appendRec([]byte(d.Path))
		e.ord = int32(ord)
		aliases = append(aliases, old)
	} else {
		aliases = append(aliases, d.URL)
	}
	x.addAliases(i, aliases)
	x.Stats.SamePages++
	return true
}

// recordDir remembers document i, just added, under its directory.
func (x *Index) recordDir(i int32, s samePage) {
	if s.dir == "" {
		return
	}
	if x.byDir == nil {
		x.byDir = map[uint64]dirEntry{}
	}
	h := pathHash(s.dir)
	if _, ok := x.byDir[h]; !ok {
		x.byDir[h] = dirEntry{doc: i, page: s.page}
	}
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
