// Package transform turns extracted documents into the clean documents the
// export holds: Unicode and white space normalized, URLs mapped to the
// public site, empty and repeated blocks dropped, ids, paths and content
// hashes assigned. Its functions are pure or hold small, explicit state.
package transform

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/umzug/umzug"
)

// Options configure normalization.
type Options struct {
	// SiteRoot is the root URL of the site being migrated
	// ("https://www.example.de/"). Document ids are UUIDv5 of the
	// canonical URL in a namespace derived from it.
	SiteRoot string
	// CrawledOrigin and PublicOrigin, when both set, map URLs of a mirror
	// that was crawled ("http://127.0.0.1:8080") to the site's public
	// origin ("https://www.example.de") in everything but provenance.
	CrawledOrigin string
	PublicOrigin  string
}

// Stats count what normalization changed.
type Stats struct {
	BlocksIn        int
	BlocksOut       int
	EmptyDropped    int
	DuplicatesInDoc int
	// RepeatedParagraphs counts paragraphs dropped because the same
	// paragraph stood right before them in the same rich text.
	RepeatedParagraphs int
}

// Normalizer normalizes documents of one site. Normalize is safe for
// concurrent use; read Stats when no Normalize runs.
type Normalizer struct {
	opts  Options
	ns    uuid.UUID
	mu    sync.Mutex
	Stats Stats
}

// NewNormalizer returns a Normalizer for the site of opts.
func NewNormalizer(opts Options) (*Normalizer, error) {
	root, err := url.Parse(opts.SiteRoot)
	if err != nil || root.Scheme == "" || root.Host == "" {
		return nil, fmt.Errorf("site root %q: not an absolute URL", opts.SiteRoot)
	}
	root.Path, root.RawQuery, root.Fragment = "/", "", ""
	opts.SiteRoot = root.String()
	opts.CrawledOrigin = strings.TrimSuffix(opts.CrawledOrigin, "/")
	opts.PublicOrigin = strings.TrimSuffix(opts.PublicOrigin, "/")
	return &Normalizer{opts: opts, ns: Namespace(opts.SiteRoot)}, nil
}

// Namespace is the UUID namespace of a site's ids: UUIDv5 of its root URL
// in the URL namespace.
func Namespace(siteRoot string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(siteRoot))
}

// DocumentID is the id of the document with the given canonical URL.
func DocumentID(ns uuid.UUID, canonicalURL string) string {
	return uuid.NewSHA1(ns, []byte(canonicalURL)).String()
}

// SiteRoot returns the normalized site root.
func (n *Normalizer) SiteRoot() string { return n.opts.SiteRoot }

// MapURL maps a crawled URL to the public site.
func (n *Normalizer) MapURL(u string) string {
	if n.opts.CrawledOrigin == "" || n.opts.PublicOrigin == "" {
		return u
	}
	if rest, ok := strings.CutPrefix(u, n.opts.CrawledOrigin); ok && (rest == "" || rest[0] == '/' || rest[0] == '?') {
		return n.opts.PublicOrigin + rest
	}
	return u
}

// Normalize cleans a document: URLs mapped to the public site, text in
// NFC with soft hyphens, zero-width characters and no-break spaces
// cleaned, file names reduced to safe base names, empty blocks dropped
// (with a warning) and repeated blocks kept once. It sets ID, a proposed
// Path and ContentHash. It is idempotent: Normalize(Normalize(d)) equals
// Normalize(d). The caller's document is not changed: Normalize works on
// a deep copy.
func (n *Normalizer) Normalize(d umzug.Document) (umzug.Document, error) {
	d, _, err := n.normalize(d, true, false, false)
	return d, err
}

// NormalizeUnhashed is Normalize without the content hash (ContentHash
// stays as it was), for a caller that rewrites the document and hashes
// it then: the export, whose Index.Rewrite recomputes it. Encoding the
// document for the hash is the costliest step of Normalize.
func (n *Normalizer) NormalizeUnhashed(d umzug.Document) (umzug.Document, error) {
	d, _, err := n.normalize(d, false, false, false)
	return d, err
}

// NormalizePrinted is NormalizeUnhashed that also returns the
// BlockFingerprint of each block of the result: the encoding of each
// block that finding in-document duplicates needs anyway gives them, so
// the Index (Prepare, RewritePrinted) need not encode the blocks again.
// A fingerprint is 0 for a ref, and for a block whose JSON would not be
// the same after a round trip through JSON (a URL with invalid UTF-8):
// 0 means "compute it from the block at hand".
//
// With inPlace, the caller gives d up: its slices are changed and reused
// instead of copied first (the deep copy is a sixth of normalizing). Only
// for a document whose parts share no memory (one decoded from JSON):
// normalizing changes slices in place.
func (n *Normalizer) NormalizePrinted(d umzug.Document, inPlace bool) (umzug.Document, []uint64, error) {
	return n.normalize(d, false, true, inPlace)
}

func (n *Normalizer) normalize(d umzug.Document, hash, prints, inPlace bool) (umzug.Document, []uint64, error) {
	if d.URL == "" {
		return d, nil, fmt.Errorf("normalizing document without URL: %w", umzug.ErrInvalid)
	}
	if !inPlace {
		d = d.Clone() // the caller's document stays as it was
	}
	mapURLs(&d, n.MapURL)
	safeFileNames(&d)
	mapTexts(&d, CleanText)
	sanitize(&d)
	var st Stats
	defer func() {
		n.mu.Lock()
		n.Stats.RepeatedParagraphs += st.RepeatedParagraphs
		n.Stats.BlocksIn += st.BlocksIn
		n.Stats.BlocksOut += st.BlocksOut
		n.Stats.EmptyDropped += st.EmptyDropped
		n.Stats.DuplicatesInDoc += st.DuplicatesInDoc
		n.mu.Unlock()
	}()
	st.RepeatedParagraphs += dropRepeatedParagraphs(&d)
	st.BlocksIn += len(d.Blocks)
	seen := make(map[blockKey]bool, len(d.Blocks))
	kept := d.Blocks[:0]
	var fps []uint64
	if prints {
		fps = make([]uint64, 0, len(d.Blocks))
	}
	for _, b := range d.Blocks {
		if blockEmpty(b) {
			st.EmptyDropped++
			d.Warnings = append(d.Warnings, umzug.Warning{Code: "empty-block", Message: fmt.Sprintf("%s block without content dropped", b.Type), BlockKey: b.Key})
			continue
		}
		h := inDocumentKey(&b)
		if seen[h] {
			st.DuplicatesInDoc++
			continue
		}
		seen[h] = true
		kept = append(kept, b)
		if prints {
			var fp uint64
			if b.Type != umzug.BlockRef && !h.replaced {
				fp = binary.BigEndian.Uint64(h.payload[:8])
			}
			fps = append(fps, fp)
		}
	}
	d.Blocks = kept
	st.BlocksOut += len(d.Blocks)
	d.ID = DocumentID(n.ns, d.URL)
	d.Path = ProposePath(d)
	if hash {
		d.ContentHash = ContentHash(d)
	}
	return d, fps, nil
}

// ContentHash is "sha256:" and the hex sha256 of the document's JSON
// without provenance and without the hash itself, so a re-crawl of
// unchanged content gives the same hash.
func ContentHash(d umzug.Document) string {
	d.Provenance = umzug.Provenance{}
	d.ContentHash = ""
	sum, err := sha256JSON(&d)
	if err != nil {
		panic(err) // Document holds only marshalable types
	}
	return "sha256:" + hex.EncodeToString(sum[:])
}

// blockKey identifies a block's content within a document, ignoring its
// key and where it came from (anchor, source), but not its header: the
// sha256 of the JSON of its payload without the header (whose first 8
// bytes are BlockFingerprint) and of its header's JSON (zero without a
// header). The JSON of a block is that of its fields one after the
// other, so two blocks have equal keys exactly when their JSON without
// key, anchor and source is equal.
type blockKey struct {
	payload, header [sha256.Size]byte
	hasHeader       bool
	// replaced: the payload's JSON changes once decoded (invalid UTF-8);
	// its fingerprint is not handed on (see NormalizePrinted).
	replaced bool
}

func inDocumentKey(b *umzug.Block) blockKey {
	c := *b
	c.Key, c.Anchor, c.Source, c.Header = "", "", nil, nil
	// Blocks hold only marshalable types; were one not, its key would
	// be zero, as the hash of a failed encoding always was here.
	k := blockKey{hasHeader: b.Header != nil}
	k.payload, k.replaced, _ = sha256JSONReplaced(&c)
	if k.hasHeader {
		k.header, _ = sha256JSON(b.Header)
	}
	return k
}

// blockEmpty reports a block with neither text nor media nor links.
func blockEmpty(b umzug.Block) bool {
	switch b.Type {
	case umzug.BlockDivider, umzug.BlockRef:
		return false
	}
	if b.Header != nil && b.Header.Text != "" {
		return false
	}
	empty := true
	b.Strings(func(s *string, isURL bool) {
		if strings.TrimSpace(*s) != "" {
			empty = false
		}
	})
	return empty
}

// CleanText normalizes text to NFC and removes characters that change
// nothing for a reader but break search and comparison: soft hyphens,
// zero-width spaces and joiners, byte order marks; no-break and other
// fixed-width spaces become plain spaces.
func CleanText(s string) string {
	if s == "" {
		return s
	}
	switch cleanAlready(s) {
	case cleanASCII, cleanLatin:
		return s // NFC leaves it as it is
	case cleanMapped:
		return norm.NFC.String(s) // s itself when it is in NFC
	}
	// Map first, then NFC: removing a soft hyphen can join a letter and a
	// combining mark, which NFC then composes. U+2000 and U+2001 are
	// mapped too, because NFC would turn them into U+2002 and U+2003.
	s = strings.Map(cleanRune, s)
	return norm.NFC.String(s)
}

// cleanRune maps one rune for CleanText: invisible format characters and
// control characters go, the many spaces become one, line breaks stay.
func cleanRune(r rune) rune {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	case '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
		'\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\t':
		return ' '
	case '\n':
		return r
	}
	if r < ' ' || r == 0x7f {
		return -1 // control characters carry no text
	}
	return r
}

const (
	cleanASCII  = iota // ASCII that the mapping of CleanText leaves as it is
	cleanLatin         // the same, with runes below U+0300 only: in NFC too (TestLatinIsNFC)
	cleanMapped        // text that the mapping leaves as it is
	cleanNot           // text that the mapping changes
)

// cleanAlready tells, in one pass without a call per character, whether
// the mapping of CleanText would change s (most text is clean).
func cleanAlready(s string) int {
	ascii, latin := true, true
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at a time while they are printable ASCII: bit 7
			// of a byte of x|ctl is set when the byte is not ASCII or is
			// below ' ' (its low seven bits plus 0x60 stay below 0x80),
			// of del when it is 0x7f. No carry crosses a byte.
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // no copy: one load
			ctl := ^((x & 0x7f7f7f7f7f7f7f7f) + 0x6060606060606060)
			y := x ^ 0x7f7f7f7f7f7f7f7f
			del := ^(((y & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | y)
			odd := (x | ctl | del) & 0x8080808080808080
			if odd == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(odd) >> 3 // to the first that is not
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return cleanNot // control characters and tabs
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003',
			'\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f':
			return cleanNot
		case utf8.RuneError:
			if size == 1 {
				return cleanNot // invalid UTF-8 becomes U+FFFD
			}
		}
		latin = latin && r < nfcStableBelow
		i += size
	}
	switch {
	case ascii:
		return cleanASCII
	case latin:
		return cleanLatin
	}
	return cleanMapped
}

// nfcStableBelow bounds the runes that NFC leaves as they are in any
// sequence of them: no rune below U+0300 (where the combining marks
// begin) decomposes to anything but itself or recomposes with another
// below it.
const nfcStableBelow = 0x300

// ProposePath proposes the document's path in the new site: press
// releases under /presse/YYYY/MM/ with a slug of their title, pages under
// the slugged segments of their old path (or their title when the old URL
// says nothing, as index.php?id=12 does). A translation that TYPO3 served
// under its language parameter ("?L=1", the URL of the default language
// with the language's uid) goes under its language's prefix ("/en/…"):
// it has the same path as the original, and the original would lose its
// path to it. Uniqueness across documents is UniquePaths' job.
func ProposePath(d umzug.Document) string {
	p := proposePath(d)
	if lang := typo3Language(d); lang != "" && p != "/"+lang && !strings.HasPrefix(p, "/"+lang+"/") {
		if p == "/" {
			return "/" + lang
		}
		return "/" + lang + p
	}
	return p
}

// typo3Language returns the path prefix of a translation served under
// TYPO3's language parameter L (a value other than 0): the primary
// subtag of the document's language ("en" of "en-GB"), or "lang-<L>"
// when the page declares none; "" for any other URL.
func typo3Language(d umzug.Document) string {
	_, q, ok := strings.Cut(d.URL, "?")
	if !ok {
		return ""
	}
	l := ""
	for part := range strings.SplitSeq(q, "&") {
		if v, found := strings.CutPrefix(part, "L="); found {
			l = v
		}
	}
	if l == "" || l == "0" || strings.Trim(l, "0123456789") != "" {
		return ""
	}
	primary, _, _ := strings.Cut(d.Lang, "-")
	if primary = Slug(primary, 8); primary != "" {
		return primary
	}
	return "lang-" + l
}

func proposePath(d umzug.Document) string {
	if d.Kind == umzug.KindPressRelease {
		slug := Slug(d.Title, 80)
		if slug == "" {
			slug = lastSegmentSlug(d.URL)
		}
		if len(d.Dates.Published) >= 7 {
			return "/presse/" + d.Dates.Published[:4] + "/" + d.Dates.Published[5:7] + "/" + slug
		}
		return "/presse/" + slug
	}
	u, err := url.Parse(d.URL)
	if err != nil {
		return "/" + Slug(d.Title, 80)
	}
	var segs []string
	parts := strings.Split(u.Path, "/")
	if title, _, _, ok := umzug.SimulateStatic(u.Path); ok {
		// TYPO3's simulateStaticDocuments writes "title.uid.type.html":
		// the page is its title; without one ("12.0.html"), the
		// document's title names it.
		if title == "" {
			title = d.Title
		}
		parts[len(parts)-1] = title
	}
	for k, s := range parts {
		s = strings.TrimSuffix(strings.TrimSuffix(s, ".html"), ".htm")
		if s == "" || s == "index" || s == "index.php" {
			continue
		}
		if k == len(parts)-1 && k > 0 && s != parts[k] {
			// GSB names a node's page "<name>_node.html"; the node of
			// its directory ("Wald/wald_node.html") is the directory's
			// index page.
			if name, ok := gsbNode(s, parts[k-1]); ok {
				if name == "" {
					continue
				}
				s = name
			}
		}
		if sl := Slug(s, 80); sl != "" {
			segs = append(segs, sl)
		}
	}
	if len(segs) == 0 {
		if u.RawQuery == "" || typo3Language(d) != "" && !strings.Contains("&"+u.RawQuery, "&id=") {
			return "/" // the root, perhaps a translation of it ("/?L=1")
		}
		return "/" + Slug(d.Title, 80)
	}
	return "/" + strings.Join(segs, "/")
}

// gsbNode reads a last path segment (without .html) in the Government
// Site Builder's form "<name>_node": ok, and the name, or "" when it is
// the node of its directory dir (the directory's index page).
func gsbNode(seg, dir string) (name string, ok bool) {
	const suffix = "_node"
	if len(seg) <= len(suffix) || !strings.EqualFold(seg[len(seg)-len(suffix):], suffix) {
		return "", false
	}
	name = seg[:len(seg)-len(suffix)]
	if strings.EqualFold(name, dir) {
		return "", true
	}
	return name, true
}

func lastSegmentSlug(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	return Slug(segs[len(segs)-1], 80)
}

// UniquePaths makes the proposed paths of docs unique, in the order given
// (callers sort by id first, so the result is stable across runs).
func UniquePaths(docs []umzug.Document) {
	a := NewPathAllocator()
	for i := range docs {
		docs[i].Path = a.Unique(docs[i].Path)
		docs[i].ContentHash = ContentHash(docs[i])
	}
}
