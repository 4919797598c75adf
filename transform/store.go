package transform

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// recStore holds the Index's variable-length records (a document's URL,
// path, aliases, publication date and sentence sketch) outside the heap:
// an append-only temporary file, made when more than storeBuf bytes were
// added, and read back at the offsets Append returned. What was not
// written yet is read from memory. So the Index keeps fixed-size entries
// per document, whatever the length of its URLs. It is not safe for
// concurrent use.
type recStore struct {
	dir  string
	f    *os.File
	base int64  // offset of buf[0]: the bytes before are in f
	buf  []byte // not written yet
	err  error  // the first failure: every later call returns it
	// flushAt is the number of bytes held before writing (0: storeBuf;
	// tests make it small).
	flushAt int
	// create makes the temporary file (os.CreateTemp; tests make it fail).
	create func(dir, pattern string) (*os.File, error)
	// cache holds blocks of the file read before (made on the first
	// read from the file): a record read again, or one near it, costs
	// no system call. The file's bytes never change once written.
	cache *blockCache
}

// blockCache is a direct-mapped cache of cacheBlocks blocks of
// cacheBlock bytes of a recStore's file: storeCache bytes in all.
type blockCache struct {
	tags [cacheBlocks]int64 // block number + 1 in each slot, 0: empty
	data [cacheBlocks][cacheBlock]byte
}

const (
	cacheBlock  = 4 << 10
	cacheBlocks = 1 << 10
)

// storeBuf is the number of bytes a recStore holds before it writes them.
const storeBuf = 256 << 10

// recRef locates a record: its offset (40 bits) and length (24 bits).
type recRef uint64

const maxRecLen = 1<<24 - 1

func (r recRef) off() int64 { return int64(r >> 24) }
func (r recRef) len() int   { return int(r & maxRecLen) }

// Append adds a record and returns where it is.
func (s *recStore) Append(rec []byte) (recRef, error) {
	if s.err != nil {
		return 0, s.err
	}
	if len(rec) > maxRecLen {
		return 0, s.fail(fmt.Errorf("record of %d bytes", len(rec)))
	}
	off := s.base + int64(len(s.buf))
	if off >= 1<<40 {
		return 0, s.fail(errors.New("more than 1 TiB of records"))
	}
	s.buf = append(s.buf, rec...)
	if len(s.buf) >= cmp.Or(s.flushAt, storeBuf) {
		if err := s.flush(); err != nil {
			return 0, err
		}
	}
	return recRef(uint64(off)<<24 | uint64(len(rec))), nil
}

// flush writes what is held in memory to the file.
func (s *recStore) flush() error {
	if s.f == nil {
		create := s.create
		if create == nil {
			create = os.CreateTemp
		}
		f, err := create(s.dir, ".umzug-index-*")
		if err != nil {
			return s.fail(err)
		}
		if runtime.GOOS != "windows" {
			_ = os.Remove(f.Name()) // unlinked while open
		}
		s.f = f
	}
	if _, err := s.f.WriteAt(s.buf, s.base); err != nil {
		return s.fail(err)
	}
	s.base += int64(len(s.buf))
	s.buf = s.buf[:0]
	return nil
}

// Read returns the record at r in dst (reused when large enough).
func (s *recStore) Read(r recRef, dst []byte) ([]byte, error) {
	if s.err != nil {
		return nil, s.err
	}
	off, n := r.off(), r.len()
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	dst = dst[:n]
	if off >= s.base {
		copy(dst, s.buf[off-s.base:])
		return dst, nil
	}
	if off+int64(n) > s.base {
		return nil, s.fail(fmt.Errorf("record at %d runs past the written file", off))
	}
	blk := off / cacheBlock
	if end := (blk + 1) * cacheBlock; off+int64(n) <= end && end <= s.base {
		// Within one block that is written whole: read through the cache.
		if s.cache == nil {
			s.cache = new(blockCache)
		}
		slot := blk % cacheBlocks
		data := &s.cache.data[slot]
		if s.cache.tags[slot] != blk+1 {
			s.cache.tags[slot] = 0
			if _, err := s.f.ReadAt(data[:], blk*cacheBlock); err != nil {
				return nil, s.fail(err)
			}
			s.cache.tags[slot] = blk + 1
		}
		copy(dst, data[off-blk*cacheBlock:])
		return dst, nil
	}
	if _, err := s.f.ReadAt(dst, off); err != nil {
		return nil, s.fail(err)
	}
	return dst, nil
}

func (s *recStore) fail(err error) error {
	if s.err == nil {
		name := "index records"
		if s.f != nil {
			name += " " + s.f.Name()
		}
		s.err = fmt.Errorf("%s: %w", name, err)
	}
	return s.err
}

// Close removes the file.
func (s *recStore) Close() error {
	s.buf, s.cache = nil, nil
	if s.f == nil {
		return nil
	}
	f := s.f
	s.f = nil
	err := f.Close()
	if rerr := os.Remove(f.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	if s.err == nil {
		s.err = errors.New("index closed")
	}
	return err
}

// urlKey is an entry of Index.byURL: where the URL is in the store, and
// its document.
type urlKey struct {
	url recRef
	doc int32
}

// fail records the first failure of the store; Finalize and Rewrite
// return it.
func (x *Index) fail(err error) {
	if x.err == nil {
		x.err = err
	}
}

// appendRec stores a record (0 when the store failed: see x.err).
func (x *Index) appendRec(rec []byte) recRef {
	r, err := x.store.Append(rec)
	if err != nil {
		x.fail(err)
	}
	return r
}

// readRec reads a record into the Index's scratch buffer: valid until
// the next read.
func (x *Index) readRec(r recRef) []byte {
	b, err := x.store.Read(r, x.scratch[:0])
	if err != nil {
		x.fail(err)
		return nil
	}
	x.scratch = b
	return b
}

// recIs reports whether the record at r is s.
func (x *Index) recIs(r recRef, s string) bool {
	return r.len() == len(s) && string(x.readRec(r)) == s
}

// lookupURL returns the document that claimed the URL u.
func (x *Index) lookupURL(u string) (int32, bool) {
	k, ok := x.byURL[pathHash(u)]
	if !ok {
		return 0, false // byURLMore holds only URLs whose hash is in byURL
	}
	if x.recIs(k.url, u) {
		return k.doc, true
	}
	i, ok := x.byURLMore[u]
	return i, ok
}

// claimURL makes u find document i unless another document claimed it
// first, and returns where u is in the store.
func (x *Index) claimURL(u string, i int32) recRef {
	h := pathHash(u)
	k, ok := x.byURL[h]
	if !ok {
		r := x.appendRec([]byte(u))
		x.byURL[h] = urlKey{url: r, doc: i}
		return r
	}
	if x.recIs(k.url, u) {
		return k.url
	}
	if x.byURLMore == nil {
		x.byURLMore = map[string]int32{}
	}
	if _, taken := x.byURLMore[u]; !taken {
		x.byURLMore[u] = i
	}
	return x.appendRec([]byte(u))
}

// docURL, docPath and docAliases return the URL, path (proposed, or
// unique after Finalize) and aliases of document i.
func (x *Index) docURL(i int32) string  { return string(x.readRec(x.doc(i).url)) }
func (x *Index) docPath(i int32) string { return string(x.readRec(x.doc(i).path)) }
func (x *Index) docAliases(i int32) []string {
	r := x.doc(i).aliases
	if r == 0 {
		return nil
	}
	out, ok := decodeStrings(x.readRec(r))
	if !ok {
		x.fail(fmt.Errorf("index records: aliases of document %d do not decode", i))
	}
	return out
}

// docInfo returns the publication date of a press release and the
// sentence sketch of document i.
func (x *Index) docInfo(i int32) (published string, sketch []uint32) {
	b := x.readRec(x.doc(i).info)
	published, sketch, ok := decodeInfo(b)
	if !ok && x.err == nil {
		x.fail(fmt.Errorf("index records: sketch of document %d does not decode", i))
	}
	return published, sketch
}

// encodeInfo appends the record of a document's date and sketch to dst:
// the date's length and bytes, the number of sentence hashes and each as
// 4 bytes.
func encodeInfo(dst []byte, published string, sketch []uint32) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(published)))
	dst = append(dst, published...)
	dst = binary.AppendUvarint(dst, uint64(len(sketch)))
	for _, h := range sketch {
		dst = binary.LittleEndian.AppendUint32(dst, h)
	}
	return dst
}

func decodeInfo(b []byte) (string, []uint32, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, false
	}
	published := string(b[k : k+int(n)])
	b = b[k+int(n):]
	n, k = binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) != 4*n {
		return "", nil, false
	}
	b = b[k:]
	var sketch []uint32
	if n > 0 {
		sketch = make([]uint32, n)
		for j := range sketch {
			sketch[j] = binary.LittleEndian.Uint32(b[4*j:])
		}
	}
	return published, sketch, true
}

// encodeStrings appends a list of strings to dst: their number, then the
// length and bytes of each.
func encodeStrings(dst []byte, ss []string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ss)))
	for _, s := range ss {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	return dst
}

func decodeStrings(b []byte) ([]string, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, false
	}
	b = b[k:]
	out := make([]string, 0, n)
	for range n {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l {
			return nil, false
		}
		out = append(out, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	return out, len(b) == 0
}

// pageUIDDoc returns the document with the TYPO3 page uid (after
// Finalize), when one document has it. Several documents share a uid
// when it is a plugin's page (every press release shown by the news
// detail page carries the detail page's uid), a list's further pages or
// a translation: index.php?id=<uid> then names none of them.
func (x *Index) pageUIDDoc(uid int32) (int32, bool) {
	k, ok := slices.BinarySearchFunc(x.byPageUID, uid, func(i, uid int32) int { return cmp.Compare(x.doc(i).pageUID, uid) })
	if !ok || k+1 < len(x.byPageUID) && x.doc(x.byPageUID[k+1]).pageUID == uid {
		return 0, false
	}
	return x.byPageUID[k], true
}

// isTarget reports whether h is the pathHash of a document's or an
// asset's new path.
func (x *Index) isTarget(h uint64) bool {
	if _, ok := slices.BinarySearch(x.docTargets, h); ok {
		return true
	}
	return x.targets[h]
}

// pathSet hands out unique paths, as PathAllocator does, with the paths
// in the Index's store: by pathHash in memory, the string checked in the
// store on a hit.
type pathSet struct {
	used map[uint64]recRef
	more map[string]struct{} // paths whose hash another path holds in used
	next map[string]int      // next suffix number to try for a path
}

func (s *pathSet) has(x *Index, p string) bool {
	r, ok := s.used[pathHash(p)]
	if !ok {
		return false
	}
	if x.recIs(r, p) {
		return true
	}
	_, ok = s.more[p]
	return ok
}

// add records p as handed out; r is where p is in the store (0: not
// stored yet). It returns where p is.
func (s *pathSet) add(x *Index, p string, r recRef) recRef {
	if r == 0 {
		r = x.appendRec([]byte(p))
	}
	h := pathHash(p)
	if s.used == nil {
		s.used = map[uint64]recRef{}
	}
	if _, ok := s.used[h]; !ok {
		s.used[h] = r
		return r
	}
	if s.more == nil {
		s.more = map[string]struct{}{}
	}
	s.more[p] = struct{}{}
	return r
}

// unique is PathAllocator.Unique: p (stored at r, or 0) if it was not
// handed out yet, else p with the smallest suffix "-N" (N ≥ 2) not
// handed out yet; and where the path returned is in the store.
func (s *pathSet) unique(x *Index, p string, r recRef) (string, recRef) {
	if !s.has(x, p) {
		return p, s.add(x, p, r)
	}
	stem, slash := p, ""
	if len(p) > 1 && strings.HasSuffix(p, "/") {
		stem, slash = p[:len(p)-1], "/"
	}
	if s.next == nil {
		s.next = map[string]int{}
	}
	n := max(s.next[p], 2)
	for {
		q := stem + "-" + strconv.Itoa(n) + slash
		n++
		if !s.has(x, q) {
			s.next[p] = n
			return q, s.add(x, q, 0)
		}
	}
}

// docList holds the documents' entries in chunks of docChunk, so it grows
// without copying: a slice that grows by copying holds its old and its
// new array at once when it grows (at 100,000 documents, 5.6 MB of
// entries and 7 MB of their copy).
type docList struct {
	chunks [][]docEntry
	n      int
}

// docChunk is the number of entries of a chunk (224 KiB).
const docChunk = 1 << 12

func (l *docList) len() int { return l.n }

func (l *docList) add(e docEntry) {
	if l.n%docChunk == 0 {
		// The first chunk starts small and grows by copying (a small
		// site does not hold a whole chunk); the others are made whole.
		n := docChunk
		if l.n == 0 {
			n = 64
		}
		l.chunks = append(l.chunks, make([]docEntry, 0, n))
	}
	c := &l.chunks[len(l.chunks)-1]
	if len(*c) == cap(*c) {
		*c = append(make([]docEntry, 0, min(docChunk, 2*cap(*c))), *c...)
	}
	*c = append(*c, e)
	l.n++
}

// doc returns the entry of document i.
func (x *Index) doc(i int32) *docEntry { return &x.docs.chunks[i/docChunk][i%docChunk] }
