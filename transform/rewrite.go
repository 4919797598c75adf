package transform

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// AssetFacts are what the crawl learned about a file (its response
// headers or body); any field may be empty.
type AssetFacts struct {
	MimeType string
	Size     int64
	SHA256   string
}

// FactsFunc returns the facts known about the asset at a canonical URL.
type FactsFunc func(url string) (AssetFacts, bool)

// Rewritten is what the second pass produced for one document, besides
// the document itself.
type Rewritten struct {
	Snippets  []umzug.Snippet  // snippets met for the first time
	Assets    []umzug.Asset    // assets met for the first time
	Redirects []umzug.Redirect // the document's old URLs, and its new assets'
}

// Rewrite is the second pass for one document; documents must come in id
// order (Order) for the output to be the same on every run. It sets the
// document's unique path, leaves out chrome, replaces shared blocks by
// refs to snippets, points internal links and teasers to their documents
// (dropping teaser text copied from the target), links files and images
// to asset records, and recomputes the content hash.
func (x *Index) Rewrite(d *umzug.Document, load LoadFunc, facts FactsFunc) (Rewritten, error) {
	rw, err := x.RewritePrinted(d, nil, load, facts)
	if err == nil {
		d.ContentHash = ContentHash(*d)
	}
	return rw, err
}

// RewritePrinted is Rewrite with the fingerprints of d's blocks as
// Normalizer.NormalizePrinted returned them for the document the first
// pass added (0, or nil: computed here), and without the content hash:
// the caller hashes the document (HashedLine, which encodes it once for
// the hash and the export), in parallel with the next documents' rewrite.
func (x *Index) RewritePrinted(d *umzug.Document, fps []uint64, load LoadFunc, facts FactsFunc) (Rewritten, error) {
	var out Rewritten
	if len(fps) != len(d.Blocks) {
		fps = nil
	}
	if !x.finalized {
		return out, fmt.Errorf("rewriting %s: index not finalized", d.URL)
	}
	di, ok := x.lookupURL(d.URL)
	if !ok || x.doc(di).ID() != d.ID {
		if x.err != nil {
			return out, x.err
		}
		return out, fmt.Errorf("rewriting %s: document was not indexed", d.URL)
	}
	newPath := x.docPath(di)
	d.Path = newPath
	// Every other old URL of the page (redirect sources, URLs that
	// answered the same page, a directory's index file): the export's
	// aliasUrls, sorted, as the redirect map has them.
	if x.doc(di).aliases != 0 {
		d.Provenance.AliasURLs = x.docAliases(di)
		slices.Sort(d.Provenance.AliasURLs)
	}
	// A canonical URL that names another document: the page declares
	// it, but its content is not that page's (samepage.go). Both are
	// kept; an editor decides.
	if other, ok := x.canonicalElsewhere(d, di); ok {
		d.Warnings = append(d.Warnings, umzug.Warning{Code: "canonical-differs",
			Message: fmt.Sprintf("the page declares %s as its canonical URL, but that page's content differs: kept as a page of its own", other)})
		x.Stats.CanonicalDiffers++
	}
	// The page's versions in other languages point to their documents;
	// one that is this document under another URL is none.
	trs := d.Translations[:0]
	for _, t := range d.Translations {
		if j, ok := x.resolve(t.URL); ok {
			if j == di {
				continue
			}
			t.Document, t.Path = x.doc(j).ID(), x.docPath(j)
		}
		trs = append(trs, t)
	}
	if len(trs) == 0 {
		trs = nil
	}
	d.Translations = trs
	rw := &rewriter{x: x, self: di, load: load, facts: facts, out: &out, warnings: &d.Warnings}
	// The assets extraction listed for the document enrich the asset
	// records (kind, original file); the export carries them in
	// assets.ndjson, referenced from the blocks, not in the document.
	if len(d.Assets) > 0 {
		rw.extracted = make(map[string]umzug.Asset, len(d.Assets))
		for _, a := range d.Assets {
			rw.extracted[a.URL] = a
		}
		d.Assets = nil
	}

	blocks := make([]umzug.Block, 0, len(d.Blocks))
	for bi, b := range d.Blocks {
		if b.Type == umzug.BlockRef {
			blocks = append(blocks, b)
			continue
		}
		var fp uint64
		if fps != nil {
			fp = fps[bi]
		}
		if fp == 0 {
			fp = BlockFingerprint(&b)
		}
		st, known := x.blocks[fp]
		if known && x.isChrome(st) {
			x.Stats.ChromeBlocks++
			if !st.emitted {
				st.emitted = true
				x.blocks[fp] = st
				x.chrome = append(x.chrome, umzug.ChromeBlock{Type: b.Type, Key: b.Key, Documents: int(st.docs), Text: textutil.Truncate(strings.TrimSpace(blockText(&b)), 120)})
			}
			continue
		}
		if err := rw.block(&b); err != nil {
			return out, err
		}
		if known && st.occ >= 2 && snippetWorthy(&b) {
			id := x.SnippetID(fp)
			if !st.emitted {
				st.emitted = true
				x.blocks[fp] = st
				sb := b
				sb.Header, sb.Anchor = nil, ""
				sn := umzug.Snippet{ID: id, Block: sb, Documents: int(st.docs), Refs: int(st.occ)}
				sn.ContentHash = SnippetHash(sn)
				out.Snippets = append(out.Snippets, sn)
				x.Stats.Snippets++
			}
			x.Stats.Refs++
			blocks = append(blocks, umzug.Block{Key: b.Key, Type: umzug.BlockRef, Anchor: b.Anchor, Header: b.Header, Source: b.Source, Ref: &umzug.Ref{Snippet: id}})
			continue
		}
		blocks = append(blocks, b)
	}
	d.Blocks = blocks
	x.Stats.BlocksOut += len(blocks)
	if d.PressRelease != nil {
		rw.parts().pressRelease(d.PressRelease)
		if rw.err != nil {
			return out, rw.err
		}
	}
	out.Redirects = append(x.docRedirects(di, newPath), out.Redirects...)
	return out, x.err
}

// SnippetHash is the content hash of a snippet: of its block.
func SnippetHash(s umzug.Snippet) string {
	return ContentHash(umzug.Document{Blocks: []umzug.Block{s.Block}})
}

// docRedirects lists the old URLs of a document: its canonical URL, the
// URLs it was also served under (print views linked on the site among
// them), TYPO3's index.php?id=<page uid> (when no other document has the
// uid), and for a TYPO3 page the print view (type=98) of each. newPath
// is the document's path.
func (x *Index) docRedirects(i int32, newPath string) []umzug.Redirect {
	e := x.doc(i)
	u0 := x.docURL(i)
	olds := []string{u0}
	if e.aliases != 0 {
		olds = append(olds, x.docAliases(i)...)
	}
	// index.php?id=<uid> only for the one document with that uid
	// (pageUIDDoc).
	if only, ok := x.pageUIDDoc(e.pageUID); ok && only == i && e.pageUID > 0 {
		if u, err := url.Parse(u0); err == nil {
			olds = append(olds, u.Scheme+"://"+u.Host+"/index.php?id="+strconv.Itoa(int(e.pageUID)))
		}
	}
	typo3 := x.isTYPO3(i)
	var out []umzug.Redirect
	for _, o := range olds {
		out = append(out, umzug.Redirect{From: o, To: newPath, Status: 301})
		if !typo3 {
			continue // type=98 is TYPO3's: on another CMS the URL never existed
		}
		if printAlias(o) {
			continue // the print view linked on the site, an alias already
		}
		sep := "?"
		if strings.Contains(o, "?") {
			sep = "&"
		}
		if p := o + sep + "type=98"; !slices.Contains(olds, p) {
			out = append(out, umzug.Redirect{From: p, To: newPath, Status: 301})
		}
	}
	return out
}

// printAlias reports an old URL that is a TYPO3 print view (type=98 in
// its query) itself.
func printAlias(u string) bool {
	_, q, ok := strings.Cut(u, "?")
	if !ok {
		return false
	}
	for part := range strings.SplitSeq(q, "&") {
		if part == "type=98" {
			return true
		}
	}
	return false
}

// rewriter is the per-document state of Rewrite.
type rewriter struct {
	x         *Index
	self      int32
	load      LoadFunc
	facts     FactsFunc
	out       *Rewritten
	err       error
	extracted map[string]umzug.Asset // by URL, as extraction listed them
	warnings  *[]umzug.Warning       // of the document being rewritten
}

// parts are the pieces of a document the rewriter changes.
func (rw *rewriter) parts() *parts {
	return &parts{
		teaser:   rw.teaser,
		timeline: rw.timeline,
		link:     rw.link,
		media: func(m *umzug.Media) {
			if a := rw.asset(m.Src, umzug.Asset{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}); a != nil {
				m.Asset = a.id
			}
		},
		file: func(f *umzug.File) {
			if a := rw.asset(f.URL, umzug.Asset{Caption: f.Title, Size: f.Size}); a != nil {
				f.Asset = a.id
			}
		},
		stop: func() bool { return rw.err != nil },
	}
}

func (rw *rewriter) block(b *umzug.Block) error {
	rw.parts().block(b)
	return rw.err
}

// link points an internal link to its document (id and new path) or
// asset (new path); href keeps the old URL.
func (rw *rewriter) link(href, doc, newPath *string) {
	if i, ok := rw.x.resolve(*href); ok {
		*doc, *newPath = rw.x.doc(i).ID(), rw.x.docPath(i)
		rw.x.Stats.LinksResolved++
		return
	}
	if a := rw.asset(*href, umzug.Asset{}); a != nil {
		*newPath = a.path
	}
}

// teaser points a teaser item to the document it links to and drops its
// text when that is a copy of the document's.
func (rw *rewriter) teaser(t *umzug.TeaserItem) {
	if t.Link == nil {
		return
	}
	i, ok := rw.x.resolve(t.Link.Href)
	if !ok {
		return
	}
	t.Document = rw.x.doc(i).ID()
	// A list that dates a release differently than the release itself:
	// one of them is wrong, and an editor has to say which.
	if pub, _ := rw.x.docInfo(i); pub != "" && len(t.Date) >= 10 && t.Date[:10] != pub {
		*rw.warnings = append(*rw.warnings, umzug.Warning{Code: "date-conflict",
			Message: fmt.Sprintf("teaser %q dates the release %s, the release itself %s (%s)", textutil.Truncate(t.Title, 80), t.Date[:10], pub, rw.x.docURL(i))})
		rw.x.Stats.DateConflicts++
	}
	if len(t.Body) > 0 && i != rw.self && rw.isCopy(t.Body.PlainText(), i) {
		t.Body = nil
		rw.x.Stats.CopiesReplaced++
	}
}

func (rw *rewriter) timeline(t *umzug.TimelineItem) {
	if t.Link == nil {
		return
	}
	i, ok := rw.x.resolve(t.Link.Href)
	if !ok {
		return
	}
	if len(t.Body) > 0 && i != rw.self && rw.isCopy(t.Body.PlainText(), i) {
		t.Body = nil
		rw.x.Stats.CopiesReplaced++
	}
}

// isCopy reports whether at least CopyShare of the sentences of text
// stand in document i.
func (rw *rewriter) isCopy(text string, i int32) bool {
	c, err := rw.x.isCopy(text, i, rw.load)
	if err != nil && rw.err == nil {
		rw.err = err
	}
	return c
}

func (x *Index) isCopy(text string, i int32, _ LoadFunc) (bool, error) {
	own := sentences(text)
	if len(own) == 0 {
		return false, nil
	}
	// The target's sketch holds its first maxSketch sentences: of a
	// longer copy, only that many can be found.
	_, sketch := x.docInfo(i)
	found := 0
	for _, s := range own {
		if _, ok := slices.BinarySearch(sketch, uint32(s)); ok {
			found++
		}
	}
	return float64(found) >= x.opts.CopyShare*float64(min(len(own), maxSketch)), nil
}

// withoutCopies returns a copy of b (a teaser or timeline) without the
// item texts that the second pass drops as copies of their targets: what
// near-duplicate detection compares.
func (x *Index) withoutCopies(b *umzug.Block, self int32, load LoadFunc) (*umzug.Block, error) {
	c := *b
	// An item that links to a migrated document is a reference: its
	// title and link text are a label, not content, and its text goes
	// when it is a copy of the document's.
	strip := func(link **umzug.Link, title *string, body *umzug.PortableText) error {
		if *link == nil {
			return nil
		}
		i, ok := x.resolve((*link).Href)
		if !ok || i == self {
			return nil
		}
		*title, *link = "", nil
		if len(*body) == 0 {
			return nil
		}
		cp, err := x.isCopy(body.PlainText(), i, load)
		if cp {
			*body = nil
		}
		return err
	}
	switch {
	case b.Teaser != nil:
		t := *b.Teaser
		t.Items = slices.Clone(t.Items)
		for k := range t.Items {
			it := &t.Items[k]
			hadLink := it.Link != nil
			if err := strip(&it.Link, &it.Title, &it.Body); err != nil {
				return nil, err
			}
			if hadLink && it.Link == nil {
				// The teaser image and the date (a news list's
				// datePublished) belong to the label: they are the
				// document's, and two lists of the same records
				// (the start page's latest releases, the press list)
				// would otherwise compare as duplicates by their dates.
				it.Image, it.Date = nil, ""
			}
		}
		c.Teaser = &t
	case b.Timeline != nil:
		t := *b.Timeline
		t.Items = slices.Clone(t.Items)
		for k := range t.Items {
			it := &t.Items[k]
			if err := strip(&it.Link, &it.Title, &it.Body); err != nil {
				return nil, err
			}
		}
		c.Timeline = &t
	}
	return &c, nil
}

// asset returns the asset entry of an internal file URL, creating the
// asset record the first time; nil for pages and other sites' URLs.
func (rw *rewriter) asset(raw string, meta umzug.Asset) *assetEntry {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || !rw.x.internal(u) || !isAssetURL(u) {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	key := u.String()
	if a, ok := rw.x.assets[key]; ok {
		return &a
	}
	ex, extracted := rw.extracted[raw]
	// A derived variant (TYPO3 _processed_/csm_*) whose original the page
	// revealed is the original's asset; the variant's old URL redirects
	// to it.
	variant := ""
	if extracted && ex.Original != "" {
		if ou, err := url.Parse(ex.Original); err == nil && rw.x.internal(ou) && isAssetURL(ou) {
			ou.Fragment, ou.RawFragment = "", ""
			variant, key, u = key, ou.String(), ou
		}
	}
	if a, ok := rw.x.assets[key]; ok {
		rw.x.assets[variant] = a
		rw.out.Redirects = append(rw.out.Redirects, umzug.Redirect{From: variant, To: a.path, Status: 301})
		return &a
	}
	a := assetEntry{id: rw.x.AssetID(key), path: rw.x.uniqueAssetPath(ProposeAssetPath(u.Path))}
	rw.x.assets[key] = a
	rw.x.targets[pathHash(a.path)] = true
	rec := umzug.Asset{ID: a.id, URL: key, Path: a.path, MimeType: umzug.FileType(strings.ToLower(extOf(u.Path))),
		Alt: meta.Alt, Caption: meta.Caption, Credit: meta.Credit, Size: meta.Size}
	if extracted {
		rec.Kind, rec.FileName = ex.Kind, umzug.SafeFileName(ex.FileName)
		if variant == "" {
			rec.Original = ex.Original // named, but not an asset of this site
		}
		if rec.Size == 0 {
			rec.Size = ex.Size
		}
	}
	if rw.facts != nil {
		if f, ok := rw.facts(key); ok {
			if f.MimeType != "" {
				rec.MimeType = f.MimeType
			}
			if f.Size > 0 {
				rec.Size = f.Size
			}
			rec.SHA256 = f.SHA256
		}
	}
	rw.out.Assets = append(rw.out.Assets, rec)
	rw.out.Redirects = append(rw.out.Redirects, umzug.Redirect{From: key, To: a.path, Status: 301})
	if variant != "" {
		rw.x.assets[variant] = a
		rw.out.Redirects = append(rw.out.Redirects, umzug.Redirect{From: variant, To: a.path, Status: 301})
	}
	rw.x.Stats.Assets++
	return &a
}

// uniqueAssetPath makes an asset path unique before its extension:
// "/media/a/foto.jpg", then "/media/a/foto-2.jpg".
func (x *Index) uniqueAssetPath(p string) string {
	ext := extOf(p)
	q, _ := x.paths.unique(x, strings.TrimSuffix(p, ext), 0)
	return q + ext
}

func extOf(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 && !strings.Contains(p[i:], "/") {
		return p[i:]
	}
	return ""
}

// KeepRedirect decides whether a redirect goes into the map: not when it
// points to itself, not when its old path is a new path of the export
// (the new content wins; following it would chain or loop), and not when
// the old URL was mapped already (the first, in id order, wins). The
// reason is empty when the redirect is kept.
func (x *Index) KeepRedirect(r umzug.Redirect) (bool, string) {
	if x.seenFrom == nil {
		x.seenFrom = map[uint64]struct{}{}
	}
	k := RedirectKey(r.From)
	_, seen := x.seenFrom[k]
	x.seenFrom[k] = struct{}{}
	return x.KeepRedirectSeen(r, seen)
}

// RedirectKey is the 64-bit hash (FNV-1a) by which KeepRedirect knows
// the old URL from: two redirects with the same key have the same old URL.
func RedirectKey(from string) uint64 { return pathHash(from) }

// KeepRedirectSeen is KeepRedirect for a caller that knows whether an
// earlier redirect of the map had the RedirectKey of r's old URL (seen),
// so that the Index need not hold the keys of every redirect (400,000 at
// 100,000 documents). The calls of one map use either this or
// KeepRedirect.
func (x *Index) KeepRedirectSeen(r umzug.Redirect, seen bool) (bool, string) {
	if seen {
		x.Stats.RedirectsMerged++
		return false, "old URL already mapped"
	}
	if u, err := url.Parse(r.From); err == nil && u.Host == x.siteHost {
		uri := u.RequestURI()
		if uri == r.To {
			return false, "old and new path are the same"
		}
		if x.isTarget(pathHash(uri)) {
			x.Stats.RedirectsMerged++
			return false, "old path is a new path of the export"
		}
	}
	if r.Status == 410 {
		x.Stats.RedirectsGone++
	} else {
		x.Stats.RedirectsKept++
	}
	return true, ""
}

// IsTarget reports whether p is a path of an exported document or asset.
func (x *Index) IsTarget(p string) bool { return x.isTarget(pathHash(p)) }

// sentences returns hashes of the sentences of text that have at least
// four words.
func sentences(text string) []uint64 {
	var out []uint64
	h, n := uint64(0), 0
	scanText(text, func(w uint64) { h = mix64(h ^ w); n++ }, func() bool {
		if n >= 4 {
			out = append(out, h)
		}
		h, n = 0, 0
		return true
	})
	return out
}

// maxSketch is the number of sentences of a document kept to recognise
// teasers that copy it: its title, summary, lead and first sentences.
const maxSketch = 24

// sentenceSketch returns the sorted, distinct hashes (32 bits) of the first
// sentences of a document.
func sentenceSketch(d *umzug.Document) []uint32 {
	var out []uint32
	// add adds the sentences of t (as sentences does) until the sketch
	// is full, and reports whether it is not: the scan stops at the
	// sentence that fills it.
	h, n := uint64(0), 0
	word := func(w uint64) { h = mix64(h ^ w); n++ }
	end := func() bool {
		if n >= 4 {
			out = append(out, uint32(h))
		}
		h, n = 0, 0
		return len(out) < maxSketch
	}
	add := func(t string) bool {
		scanText(t, word, end)
		return len(out) < maxSketch
	}
	ok := add(d.Title) && add(d.Summary)
	if pr := d.PressRelease; ok && pr != nil {
		ok = add(pr.Lead) && add(pr.Subtitle)
	}
	for i := 0; ok && i < len(d.Blocks); i++ {
		d.Blocks[i].RichTexts(func(pt *umzug.PortableText) {
			for _, b := range *pt {
				if ok {
					ok = add(b.PlainText())
				}
			}
		})
	}
	slices.Sort(out)
	return slices.Compact(out)
}
