package transform

import (
	"sync"

	"github.com/umzug/umzug"
)

// Prepared is what the Index records of a document that depends on the
// document alone: its blocks' fingerprints, the MinHash bands of its long
// blocks and its sentence sketch. Index.Prepare makes it on any goroutine
// (the export's workers), so that AddPrepared, which runs in input order
// on one goroutine, only files it.
type Prepared struct {
	distinct []uint64  // fingerprints of the distinct non-ref blocks, in order
	repeats  []uint64  // fingerprints of the blocks that repeat an earlier one of the document
	sims     []simPart // blocks of NearMinWords words or more, first occurrences only
	sketch   []uint32
	same     samePage // the directory d's URL names, and its content's hash (samepage.go)
}

// simPart is a simEntry without its document.
type simPart struct {
	bands [simBands]uint32
	fp    uint64
	block int32
}

// Prepare computes what Add records of d that depends on d alone. fps,
// when not nil, holds BlockFingerprint of each block of d (ignored for
// refs; 0: not known), as Normalizer.NormalizePrinted returns them; nil
// computes them.
// Prepare reads only the Index's options: it is safe for concurrent use,
// also with Add.
func (x *Index) Prepare(d *umzug.Document, fps []uint64) *Prepared {
	if len(fps) != len(d.Blocks) {
		fps = nil
	}
	p := &Prepared{sketch: sentenceSketch(d), same: x.prepareSamePage(d, fps)}
	var seen map[uint64]struct{}
	sc := prepareScratch.Get().(*prepareBufs)
	words, shingles := sc.words[:0], sc.shingles[:0]
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		if b.Type == umzug.BlockRef {
			continue
		}
		var fp uint64
		if fps != nil {
			fp = fps[bi]
		}
		if fp == 0 {
			fp = BlockFingerprint(b)
		}
		if seen == nil {
			seen = make(map[uint64]struct{}, len(d.Blocks))
		}
		if _, dup := seen[fp]; dup {
			p.repeats = append(p.repeats, fp)
			continue
		}
		seen[fp] = struct{}{}
		p.distinct = append(p.distinct, fp)
		words = appendBlockWords(words[:0], b)
		if len(words) >= x.opts.NearMinWords {
			// The bands depend on the set of shingles only: neither
			// sorted nor made distinct here (Shingles does both for
			// the comparison of candidates).
			shingles = appendShingles(shingles[:0], words)
			p.sims = append(p.sims, simPart{bands: Bands(shingles), fp: fp, block: int32(bi)})
		}
	}
	if cap(words) <= maxPooledWords && cap(shingles) <= maxPooledWords {
		sc.words, sc.shingles = words[:0], shingles[:0]
	}
	prepareScratch.Put(sc)
	return p
}

// prepareBufs are the word and shingle buffers of Prepare, reused from
// one document to the next (made anew they were about 400 MB of the
// allocations of a migrate of the 5,000 synthetic pages).
type prepareBufs struct{ words, shingles []uint64 }

var prepareScratch = sync.Pool{New: func() any { return new(prepareBufs) }}

// maxPooledWords is the most words a pooled buffer keeps room for: the
// buffers of a rare huge block do not stay in the pool.
const maxPooledWords = 1 << 16
