package transform

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// IndexOptions tune de-duplication. The zero value of a field means its
// default.
type IndexOptions struct {
	// ChromeShare and ChromeMinDocs: a block that stands in at least this
	// share of all documents (default 0.6), and in at least ChromeMinDocs
	// of them (default 20), is page chrome the markup did not reveal
	// (a sidebar teaser, a "to top" link inside the content area): it is
	// left out of every document and reported once.
	ChromeShare   float64
	ChromeMinDocs int
	// NearMinWords is the number of words from which a block takes part
	// in near-duplicate detection (default 20): shorter texts share too
	// many shingles by chance.
	NearMinWords int
	// NearJaccard and NearContainment: two blocks are near duplicates when
	// the Jaccard index of their word 3-shingles is at least NearJaccard
	// (default 0.7) or the smaller is contained in the larger to at least
	// NearContainment (default 0.9).
	NearJaccard     float64
	NearContainment float64
	// CopyShare: a teaser, slider or timeline item that links to a
	// migrated document and whose text is found in that document to at
	// least this share of its sentences (default 0.6) is a copy: its
	// text is dropped and the item points to the document.
	CopyShare float64
	// MapURL maps URLs found in provenance (crawled host) to the public
	// site, as Normalizer.MapURL does. Nil: identity.
	MapURL func(string) string
	// TempDir is where the Index keeps the documents' URLs, paths,
	// aliases and sketches once they outgrow a small buffer ("": the
	// system's temporary directory). Close removes the file.
	TempDir string
}

func (o *IndexOptions) defaults() {
	if o.ChromeShare == 0 {
		o.ChromeShare = 0.6
	}
	if o.ChromeMinDocs == 0 {
		o.ChromeMinDocs = 20
	}
	if o.NearMinWords == 0 {
		o.NearMinWords = 20
	}
	if o.NearJaccard == 0 {
		o.NearJaccard = 0.7
	}
	if o.NearContainment == 0 {
		o.NearContainment = 0.9
	}
	if o.CopyShare == 0 {
		o.CopyShare = 0.6
	}
	if o.MapURL == nil {
		o.MapURL = func(s string) string { return s }
	}
}

// LoadFunc returns the document that was added to the Index with the
// given ordinal; the caller keeps documents outside memory (a spool file)
// and the Index holds only what it needs to decide.
type LoadFunc func(ord int) (umzug.Document, error)

// docEntry is what the Index keeps of one document in memory: its id as
// 16 bytes and where its variable-length parts are in the Index's record
// store (store.go), 56 bytes whatever the length of its URLs.
type docEntry struct {
	id      uuid.UUID
	url     recRef // its URL
	path    recRef // its path: as proposed, then as Finalize made it unique
	aliases recRef // its aliases (encodeStrings), 0: none
	// info holds the date of a press release (YYYY-MM-DD), to check the
	// dates of the teasers that point to it, and a sketch of its first
	// sentences (sentenceSketch), to recognise teasers that copy it
	// (encodeInfo).
	info    recRef
	ord     int32
	pageUID int32
}

// ID returns the document id as text.
func (e *docEntry) ID() string { return e.id.String() }

// blockStat counts the occurrences of a block content that occurs more
// than once.
type blockStat struct {
	occ     uint32 // blocks with this content
	docs    uint32 // documents holding it
	emitted bool   // snippet or chrome report written
}

// Index is the de-duplication state of one export: the first pass Adds
// every normalized document, Finalize decides paths and near duplicates,
// the second pass Rewrites every document in id order. Memory grows with
// the number of documents by fixed-size entries (about 150 bytes per
// document: its entry and the hash maps of its URLs and paths; about 40
// more for a URL that names a directory, byDir) and with
// the contents met more than once; the documents' strings and sketches
// and what the first pass logs per block are in temporary files
// (IndexOptions.TempDir, store.go, spill.go).
type Index struct {
	opts     IndexOptions
	ns       uuid.UUID
	siteHost string

	docs docList
	// store holds the documents' URLs, paths, aliases and sketches; the
	// maps key them by a 64-bit hash (pathHash) and check the string in
	// the store on a hit, so a hash collision never merges two URLs.
	store recStore
	// byURL finds a document by its URL or an alias: the first document
	// that claimed a URL keeps it. byURLMore holds the URLs whose hash
	// another URL holds in byURL (none, but for a collision).
	byURL     map[uint64]urlKey
	byURLMore map[string]int32
	// byPageUID lists the documents with a TYPO3 page uid by uid and
	// then by their order of adding (Finalize): a uid that one document
	// has answers index.php?id=N (pageUIDDoc).
	byPageUID []int32
	err       error // the first failure of the store: Finalize and Rewrite return it
	scratch   []byte
	// fps logs, per document, the fingerprints of its distinct blocks
	// (8 bytes each); repeats within one document are counted in
	// repeats. Finalize counts them into blocks, which keeps only
	// contents that occur more than once. sims logs the near-duplicate
	// entries (simEntry, simRecLen bytes each). Both logs go to
	// temporary files once they outgrow a small buffer, and Finalize
	// sorts them in partitions of partBudget bytes (spill.go).
	fps        recLog
	repeats    map[uint64]uint32
	blocks     map[uint64]blockStat
	sims       recLog
	partBudget int
	recBuf     []byte

	order []int32 // doc indexes in id order, after Finalize
	paths pathSet
	// docTargets holds the pathHash of every document's new path, sorted
	// (Finalize); targets those of the assets' paths.
	docTargets []uint64
	targets    map[uint64]bool
	assets     map[string]assetEntry
	findings   []umzug.Finding
	chrome     []umzug.ChromeBlock
	finalized  bool
	seenFrom   map[uint64]struct{}
	// byDir finds the first document whose URL names a directory, by
	// the pathHash of the directory's URL (dirKey), with the hash of
	// its content (samepage.go).
	byDir map[uint64]dirEntry
	// samePageURLs are the URLs of pages left out as the same page as
	// a document, with the document (SamePageFindings).
	samePageURLs map[string]int32
	// typo3 has a bit per document that TYPO3 rendered (its extractor
	// says so, or it carries page or content uids): only those get the
	// print view type=98 in the redirect map.
	typo3 []uint64

	Stats DedupeStats
}

// assetEntry is an asset already emitted.
type assetEntry struct{ id, path string }

// DedupeStats count what de-duplication did.
type DedupeStats struct {
	Documents       int `json:"documents"`
	BlocksIn        int `json:"blocksIn"`  // blocks of the normalized documents
	BlocksOut       int `json:"blocksOut"` // blocks written, ref blocks included
	Snippets        int `json:"snippets"`
	Refs            int `json:"refs"`
	ChromeBlocks    int `json:"chromeBlocksDropped"`
	CopiesReplaced  int `json:"teaserCopiesReplaced"`
	DateConflicts   int `json:"dateConflicts"` // teasers that date a release differently
	LinksResolved   int `json:"linksResolved"`
	NearDuplicates  int `json:"nearDuplicates"`
	Assets          int `json:"assets"`
	DuplicateURLs   int `json:"duplicateUrls"`
	RedirectsKept   int `json:"redirects"`
	RedirectsGone   int `json:"gone"`
	RedirectsMerged int `json:"redirectsDropped"`
	// SamePages counts documents left out as the same page as another
	// under another URL of its directory ("/presse/index.html" and
	// "/presse/") or of its canonical URL ("…_node.html?nn=1" and
	// "…_node.html"): their URLs redirect to it (samepage.go).
	SamePages int `json:"samePages"`
	// CanonicalDiffers counts documents that declare another
	// document's URL as their canonical one while their content
	// differs: kept apart, each with a canonical-differs warning.
	CanonicalDiffers int `json:"canonicalDiffers"`
	// ChromeFiles counts the files that no document refers to, linked
	// only from page chrome, made assets by FileAsset.
	ChromeFiles int `json:"filesOnlyInChrome"`
}

// NewIndex returns an empty Index for the site whose root is siteRoot.
func NewIndex(siteRoot string, opts IndexOptions) (*Index, error) {
	u, err := url.Parse(siteRoot)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("site root %q: not an absolute URL", siteRoot)
	}
	u.Path, u.RawQuery, u.Fragment = "/", "", ""
	opts.defaults()
	return &Index{
		opts: opts, ns: Namespace(u.String()), siteHost: u.Host,
		byURL: map[uint64]urlKey{}, blocks: map[uint64]blockStat{}, repeats: map[uint64]uint32{},
		targets: map[uint64]bool{}, assets: map[string]assetEntry{}, store: recStore{dir: opts.TempDir},
		fps:        recLog{store: recStore{dir: opts.TempDir}, recLen: 8},
		sims:       recLog{store: recStore{dir: opts.TempDir}, recLen: simRecLen},
		partBudget: partitionBudget,
	}, nil
}

// Close removes the Index's temporary files. The Index is not usable
// after.
func (x *Index) Close() error {
	return errors.Join(x.store.Close(), x.fps.close(), x.sims.close())
}

// Add records a normalized document that the caller stored under ordinal
// ord. A document whose URL is already known is not added: its URLs
// become aliases of the first, and Add returns false. Nor is the same
// page under another URL of its directory (samepage.go): one document
// keeps the better URL, the other URL is its alias.
func (x *Index) Add(d *umzug.Document, ord int) bool {
	return x.AddPrepared(d, ord, nil)
}

// AddPrepared is Add with what Prepare computed of d (nil: computed
// here). Documents are added in input order on one goroutine; Prepare
// may run ahead on others.
func (x *Index) AddPrepared(d *umzug.Document, ord int, p *Prepared) bool {
	if x.finalized {
		panic("transform: Index.Add after Finalize")
	}
	aliases := x.aliasesOf(d)
	if i, ok := x.lookupURL(d.URL); ok {
		x.Stats.DuplicateURLs++
		x.addAliases(i, aliases)
		return false
	}
	if p == nil {
		p = x.Prepare(d, nil)
	}
	i := int32(x.docs.len())
	id, err := uuid.Parse(d.ID)
	if err != nil {
		id = uuid.NewSHA1(x.ns, []byte(d.URL))
	}
	if x.addSamePage(d, ord, id, p.same, aliases) {
		return false
	}
	e := docEntry{id: id, ord: int32(ord)}
	published := ""
	if d.Kind == umzug.KindPressRelease && len(d.Dates.Published) >= 10 {
		published = d.Dates.Published[:10]
	}
	if t := d.Provenance.TYPO3; t != nil && t.PageUID > 0 {
		e.pageUID = int32(t.PageUID)
	}
	e.url = x.claimURL(d.URL, i)
	e.path = x.appendRec([]byte(d.Path))
	e.info = x.appendRec(encodeInfo(x.scratch[:0], published, p.sketch))
	x.docs.add(e)
	if d.FromTYPO3() {
		x.setTYPO3(i)
	}
	x.addAliases(i, aliases)
	x.recordDir(i, p.same)
	x.Stats.Documents++
	x.Stats.BlocksIn += len(d.Blocks)

	for _, fp := range p.distinct {
		x.logRec(&x.fps, binary.LittleEndian.AppendUint64(x.recBuf[:0], fp))
	}
	for _, fp := range p.repeats {
		x.repeats[fp]++
	}
	for _, s := range p.sims {
		x.logRec(&x.sims, appendSimRec(x.recBuf[:0], simEntry{bands: s.bands, fp: s.fp, doc: i, block: s.block}))
	}
	return true
}

func (x *Index) logRec(l *recLog, rec []byte) {
	x.recBuf = rec
	if err := l.add(rec); err != nil {
		x.fail(err)
	}
}

// countBlocks turns the fingerprints of pass 1 into the counts of the
// contents that occur more than once, and keeps one near-duplicate entry
// per content: its first place in id order. It sorts the logs in
// partitions by fingerprint.
func (x *Index) countBlocks() error {
	var fps []uint64
	err := partitioned(x.opts.TempDir, &x.fps, partitions(x.fps.n, 8, x.partBudget), binary.LittleEndian.Uint64, func(recs []byte) error {
		fps = fps[:0]
		for o := 0; o+8 <= len(recs); o += 8 {
			fps = append(fps, binary.LittleEndian.Uint64(recs[o:]))
		}
		slices.Sort(fps)
		for i := 0; i < len(fps); {
			j := i + 1
			for j < len(fps) && fps[j] == fps[i] {
				j++
			}
			if rep := x.repeats[fps[i]]; j-i > 1 || rep > 0 {
				x.blocks[fps[i]] = blockStat{occ: uint32(j-i) + rep, docs: uint32(j - i)}
			}
			i = j
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := x.fps.close(); err != nil {
		return err
	}
	x.fps, x.repeats = recLog{}, nil
	kept := recLog{store: recStore{dir: x.opts.TempDir, flushAt: x.sims.store.flushAt}, recLen: simRecLen}
	var es []simEntry
	err = partitioned(x.opts.TempDir, &x.sims, partitions(x.sims.n, simRecLen, x.partBudget), simRecFP, func(recs []byte) error {
		es = decodeSims(es[:0], recs)
		slices.SortFunc(es, func(a, b simEntry) int {
			if a.fp != b.fp {
				return cmpU64(a.fp, b.fp)
			}
			if c := bytes.Compare(x.doc(a.doc).id[:], x.doc(b.doc).id[:]); c != 0 {
				return c
			}
			return int(a.block - b.block)
		})
		es = slices.CompactFunc(es, func(a, b simEntry) bool { return a.fp == b.fp })
		for _, e := range es {
			if err := kept.add(appendSimRec(x.recBuf[:0], e)); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := x.sims.close(); err == nil {
		err = cerr
	}
	x.sims = kept
	return err
}

// nearCandidates calls visit once for every pair of the logged entries
// that share a band value in the same band (nearCandidatesBand), band by
// band, holding one partition of the entries at a time.
func (x *Index) nearCandidates(visit func(a, b simEntry)) error {
	seen := map[candidatePair]bool{}
	p := partitions(x.sims.n, simRecLen, x.partBudget)
	var es []simEntry
	for band := range simBands {
		err := partitioned(x.opts.TempDir, &x.sims, p, func(rec []byte) uint64 { return uint64(simRecBand(rec, band)) << 32 }, func(recs []byte) error {
			es = decodeSims(es[:0], recs)
			nearCandidatesBand(es, band, seen, visit)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (x *Index) setTYPO3(i int32) {
	for int(i/64) >= len(x.typo3) {
		x.typo3 = append(x.typo3, 0)
	}
	x.typo3[i/64] |= 1 << (i % 64)
}

func (x *Index) isTYPO3(i int32) bool {
	return int(i/64) < len(x.typo3) && x.typo3[i/64]&(1<<(i%64)) != 0
}

// aliasesOf returns the other URLs under which the old site served d.
func (x *Index) aliasesOf(d *umzug.Document) []string {
	var out []string
	p := d.Provenance
	for _, u := range append([]string{p.SourceURL, p.FinalURL}, p.AliasURLs...) {
		if u == "" {
			continue
		}
		if m := x.opts.MapURL(u); m != d.URL && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func (x *Index) addAliases(i int32, aliases []string) {
	if len(aliases) == 0 {
		return
	}
	e := x.doc(i)
	var own []string
	if e.aliases != 0 {
		own = x.docAliases(i)
	}
	n := len(own)
	u := ""
	for _, a := range aliases {
		if u == "" {
			u = x.docURL(i)
		}
		if a == u || slices.Contains(own, a) {
			continue
		}
		x.claimURL(a, i)
		own = append(own, a)
	}
	if len(own) > n {
		e.aliases = x.appendRec(encodeStrings(x.scratch[:0], own))
	}
}

// Lookup returns the id of the document with the (canonical, public) URL
// u, or one of its aliases.
func (x *Index) Lookup(u string) (string, bool) {
	i, ok := x.lookupURL(u)
	if !ok {
		return "", false
	}
	return x.doc(i).ID(), true
}

// AddAlias records that the old site answered oldURL with a redirect to
// target (a document's URL or one of its aliases). It reports whether
// target is a known document.
func (x *Index) AddAlias(oldURL, target string) bool {
	i, ok := x.lookupURL(x.opts.MapURL(target))
	if !ok {
		return false
	}
	x.addAliases(i, []string{x.opts.MapURL(oldURL)})
	return true
}

// BlockFingerprint identifies a block's content: its type and payload,
// ignoring its key, anchor, source and header, so the same contact box
// under two headings has one fingerprint.
func BlockFingerprint(b *umzug.Block) uint64 {
	c := *b
	c.Key, c.Anchor, c.Source, c.Header = "", "", nil, nil
	sum, err := sha256JSON(&c)
	if err != nil {
		panic(err) // blocks hold only marshalable types
	}
	return binary.BigEndian.Uint64(sum[:8])
}

// blockText is the text of a block's payload, header excluded.
func blockText(b *umzug.Block) string {
	c := *b
	c.Header, c.Source = nil, nil
	var sb strings.Builder
	c.Strings(func(s *string, isURL bool) {
		if !isURL && *s != "" {
			sb.WriteString(*s)
			sb.WriteByte(' ')
		}
	})
	return sb.String()
}

// appendBlockWords appends the word hashes of blockText(b) to out,
// without making the text: blockText ends every piece with a space, so
// no word runs from one piece into the next.
func appendBlockWords(out []uint64, b *umzug.Block) []uint64 {
	c := *b
	c.Header, c.Source = nil, nil
	c.Strings(func(s *string, isURL bool) {
		if !isURL && *s != "" {
			out = appendWords(out, *s)
		}
	})
	return out
}

// Finalize ends the first pass: it orders the documents by id, makes
// their paths unique in that order, decides chrome, and finds near
// duplicates (verifying candidates on the texts that load returns).
func (x *Index) Finalize(load LoadFunc) error {
	if x.finalized {
		return nil
	}
	x.finalized = true
	if x.err != nil {
		return x.err
	}
	x.directoryAliases()
	x.order = make([]int32, x.docs.len())
	for i := range x.order {
		x.order[i] = int32(i)
	}
	// UUIDs sort as bytes the way their text sorts.
	slices.SortFunc(x.order, func(a, b int32) int { return bytes.Compare(x.doc(a).id[:], x.doc(b).id[:]) })
	x.docTargets = make([]uint64, 0, x.docs.len())
	// A page's own URL keeps its path before the variants of it that a
	// query makes (a list's or gallery's later pages, "?tx_news_pi1
	// [currentPage]=2", "?paginate[gallery-12][page]=2"): they propose
	// the same path and, first in id order, took it, the page itself
	// becoming "/presse-2" with its redirect.
	alloc := slices.Clone(x.order)
	slices.SortStableFunc(alloc, func(a, b int32) int {
		return cmp.Compare(queryVariant(x.docURL(a)), queryVariant(x.docURL(b)))
	})
	for _, i := range alloc {
		e := x.doc(i)
		var p string
		if root := x.translatedRootPath(i); root != "" {
			p, e.path = x.paths.unique(x, root, 0) // a new record: the path is not the proposed one
		} else {
			p, e.path = x.paths.unique(x, x.docPath(i), e.path)
		}
		x.docTargets = append(x.docTargets, pathHash(p))
	}
	slices.Sort(x.docTargets)
	for i := range int32(x.docs.len()) {
		if x.doc(i).pageUID > 0 {
			x.byPageUID = append(x.byPageUID, int32(i))
		}
	}
	// Stable: the first document added with a uid comes first.
	slices.SortStableFunc(x.byPageUID, func(a, b int32) int { return cmp.Compare(x.doc(a).pageUID, x.doc(b).pageUID) })
	if err := x.countBlocks(); err != nil {
		return err
	}
	err := x.findNearDuplicates(load)
	if cerr := x.sims.close(); err == nil {
		err = cerr
	}
	x.sims = recLog{} // not needed in the second pass
	if err == nil {
		err = x.err
	}
	return err
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func pathHash(p string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(p); i++ {
		h = (h ^ uint64(p[i])) * fnvPrime
	}
	return h
}

// Order returns the ordinals of the documents in id order, the order of
// the second pass.
func (x *Index) Order() []int {
	out := make([]int, len(x.order))
	for k, i := range x.order {
		out[k] = int(x.doc(i).ord)
	}
	return out
}

// Findings returns the duplicate-content findings, sorted by URL and block.
func (x *Index) Findings() []umzug.Finding { return x.findings }

// Chrome returns the blocks left out as page chrome, in the order met.
func (x *Index) Chrome() []umzug.ChromeBlock { return x.chrome }

func (x *Index) isChrome(st blockStat) bool {
	n := x.docs.len()
	return int(st.docs) >= x.opts.ChromeMinDocs && float64(st.docs) >= x.opts.ChromeShare*float64(n)
}

// snippetWorthy reports whether a block repeated elsewhere becomes a
// snippet: not headings and dividers (a "Downloads" heading on many pages
// is not shared content) and not bare short text.
func snippetWorthy(b *umzug.Block) bool {
	switch b.Type {
	case umzug.BlockHeading, umzug.BlockDivider, umzug.BlockRef:
		return false
	case umzug.BlockText, umzug.BlockQuote, umzug.BlockInfoBox:
		return len([]rune(strings.TrimSpace(blockText(b)))) >= 30
	}
	return true
}

// findNearDuplicates verifies the MinHash candidates on their shingles and
// reports, for every block with an earlier similar block (in id order),
// one duplicate-content finding naming both places.
func (x *Index) findNearDuplicates(load LoadFunc) error {
	rank := make([]int32, x.docs.len())
	for k, i := range x.order {
		rank[i] = int32(k)
	}
	type loc struct{ doc, block int32 }
	before := func(a, b loc) bool {
		if rank[a.doc] != rank[b.doc] {
			return rank[a.doc] < rank[b.doc]
		}
		return a.block < b.block
	}
	var pairs [][2]loc
	err := x.nearCandidates(func(a, b simEntry) {
		pa, pb := loc{a.doc, a.block}, loc{b.doc, b.block}
		if before(pb, pa) {
			pa, pb = pb, pa
		}
		pairs = append(pairs, [2]loc{pa, pb})
	})
	if err != nil {
		return err
	}
	if len(pairs) == 0 {
		return nil
	}
	// Load each document once, in order, keeping the shingles of the
	// blocks that take part.
	need := map[int32][]int32{}
	for _, p := range pairs {
		for _, l := range p {
			need[l.doc] = append(need[l.doc], l.block)
		}
	}
	type blockInfo struct {
		shingles []uint64
		key      string
		typ      umzug.BlockType
		text     string
	}
	info := map[loc]blockInfo{}
	docsNeeded := make([]int32, 0, len(need))
	for d := range need {
		docsNeeded = append(docsNeeded, d)
	}
	slices.Sort(docsNeeded)
	for _, di := range docsNeeded {
		d, err := load(int(x.doc(di).ord))
		if err != nil {
			return fmt.Errorf("reading %s for near duplicates: %w", x.docURL(di), err)
		}
		for _, bi := range need[di] {
			if int(bi) >= len(d.Blocks) {
				continue
			}
			b, err := x.withoutCopies(&d.Blocks[bi], di, load)
			if err != nil {
				return err
			}
			t := blockText(b)
			words := Words(t)
			if len(words) < x.opts.NearMinWords {
				continue // only the copy made it long enough
			}
			info[loc{di, bi}] = blockInfo{Shingles(words), b.Key, b.Type, t}
		}
	}
	type match struct {
		other     loc
		sim       float64
		contained bool
	}
	best := map[loc]match{}
	for _, p := range pairs {
		a, okA := info[p[0]]
		b, okB := info[p[1]]
		if !okA || !okB {
			continue
		}
		j, c := Similarity(a.shingles, b.shingles)
		if j < x.opts.NearJaccard && c < x.opts.NearContainment {
			continue
		}
		m, ok := best[p[1]]
		if !ok || before(p[0], m.other) {
			best[p[1]] = match{other: p[0], sim: j, contained: j < x.opts.NearJaccard}
		}
	}
	for l, m := range best {
		b, o := info[l], info[m.other]
		deURL, oeURL := x.docURL(l.doc), x.docURL(m.other.doc)
		how := fmt.Sprintf("shares %.0f%% of its word sequences with", m.sim*100)
		if m.contained {
			how = "is largely contained in, or contains,"
		}
		if m.sim == 1 {
			how = "has the same text as"
		}
		where := "on " + oeURL + "#" + o.key
		if oeURL == deURL {
			where = "on the same page"
		}
		x.findings = append(x.findings, umzug.Finding{
			Rule: umzug.RuleDuplicateContent, Severity: umzug.SeverityWarning, URL: deURL, BlockKey: b.key,
			Message:  fmt.Sprintf("block %s (%s) %s block %s (%s) %s: merge them or keep one", b.key, b.typ, how, o.key, o.typ, where),
			Evidence: textutil.Truncate(strings.TrimSpace(b.text), 160),
		})
	}
	x.Stats.NearDuplicates = len(x.findings)
	slices.SortFunc(x.findings, func(a, b umzug.Finding) int {
		if c := strings.Compare(a.URL, b.URL); c != 0 {
			return c
		}
		return strings.Compare(a.BlockKey, b.BlockKey)
	})
	return nil
}

// SnippetID is the id of the snippet with the given block fingerprint.
func (x *Index) SnippetID(fp uint64) string {
	return uuid.NewSHA1(x.ns, []byte("snippet:"+strconv.FormatUint(fp, 16))).String()
}

// AssetID is the id of the asset at the canonical URL u.
func (x *Index) AssetID(u string) string {
	return uuid.NewSHA1(x.ns, []byte("asset:"+u)).String()
}

// internal reports whether u is on the migrated site.
func (x *Index) internal(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host == x.siteHost
}

// resolve finds the document an internal URL points to: by URL without
// fragment, with or without a trailing slash, or by TYPO3's
// index.php?id=N.
func (x *Index) resolve(raw string) (int32, bool) {
	if raw == "" {
		return 0, false
	}
	if i, ok := x.lookupURL(raw); ok {
		return i, true
	}
	u, err := url.Parse(raw)
	if err != nil || !x.internal(u) {
		return 0, false
	}
	u.Fragment, u.RawFragment = "", ""
	s := u.String()
	if i, ok := x.lookupURL(s); ok {
		return i, true
	}
	if strings.HasSuffix(s, "/") {
		if i, ok := x.lookupURL(strings.TrimSuffix(s, "/")); ok {
			return i, true
		}
	} else if u.RawQuery == "" {
		if i, ok := x.lookupURL(s + "/"); ok {
			return i, true
		}
	}
	q := u.Query()
	if id := q.Get("id"); id != "" && (u.Path == "/" || strings.HasSuffix(u.Path, "/index.php")) {
		if n, err := strconv.Atoi(id); err == nil {
			if i, ok := x.pageUIDDoc(int32(n)); ok {
				return i, true
			}
		}
	}
	return 0, false
}

// isAssetURL reports whether an internal URL names a file rather than a
// page: a path under /fileadmin/ or /uploads/, or with the extension of
// a file (umzug.FileType).
func isAssetURL(u *url.URL) bool {
	p := u.Path
	if strings.HasPrefix(p, "/fileadmin/") || strings.HasPrefix(p, "/uploads/") {
		return !strings.HasSuffix(p, "/")
	}
	return umzug.IsFileExt(strings.ToLower(path.Ext(p)))
}

// ProposeAssetPath proposes the path of an asset in the new site:
// "/media/" and the slugged directories and file name of its old path,
// "fileadmin/" and TYPO3's "_processed_" folder left out, the extension
// kept in lower case: /fileadmin/user_upload/Presse/PM 42.PDF becomes
// /media/user-upload/presse/pm-42.pdf.
func ProposeAssetPath(oldPath string) string {
	p := strings.TrimPrefix(oldPath, "/fileadmin/")
	segs := strings.Split(strings.Trim(p, "/"), "/")
	var out []string
	for k, s := range segs {
		if uq, err := url.PathUnescape(s); err == nil {
			s = uq
		}
		if k == len(segs)-1 {
			ext := strings.ToLower(path.Ext(s))
			stem := Slug(strings.TrimSuffix(s, path.Ext(s)), 80)
			if stem == "" {
				stem = "file"
			}
			if Slug(ext, 0) == "" {
				ext = ""
			} else {
				ext = "." + Slug(ext, 10)
			}
			out = append(out, stem+ext)
			continue
		}
		if s == "_processed_" {
			continue
		}
		if sl := Slug(s, 80); sl != "" {
			out = append(out, sl)
		}
	}
	return "/media/" + strings.Join(out, "/")
}

// translatedRootPath returns, for a translation of the start page that
// TYPO3 serves under its language parameter ("index.php?id=1&L=1",
// "/?L=1", whose proposed path is "/en/<its title>" as the URL names no
// path), the language's start path "/en": its original without L is the
// document at "/". "" for any other document.
func (x *Index) translatedRootPath(i int32) string {
	p := x.docPath(i)
	lang, rest, ok := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if !ok || rest == "" || lang == "" {
		return ""
	}
	raw := x.docURL(i)
	if !strings.Contains(raw, "L=") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return ""
	}
	q := u.Query()
	if l := q.Get("L"); l == "" || l == "0" {
		return ""
	}
	q.Del("L")
	q.Del("cHash")
	u.RawQuery = q.Encode()
	if j, ok := x.resolve(u.String()); ok && j != i && x.docPath(j) == "/" {
		return "/" + lang
	}
	return ""
}

// queryVariant is 1 for a URL whose query holds a parameter other than
// TYPO3's page id and language (id, L): a variant of the page its path
// names; 0 for the page's own URL.
func queryVariant(u string) int {
	_, q, ok := strings.Cut(u, "?")
	if !ok {
		return 0
	}
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	for part := range strings.SplitSeq(q, "&") {
		k, _, _ := strings.Cut(part, "=")
		if k != "" && k != "id" && k != "L" {
			return 1
		}
	}
	return 0
}
