package load

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// ExternalSort sorts records by a key of fixed length with bounded
// memory: it holds up to its budget of records, then sorts them and
// writes them to a temporary file as a sorted run; reading merges the
// runs. Records with equal keys come back in the order they were added.
// A run that holds fewer records than the budget never touches the disk.
// It is not safe for concurrent use.
type ExternalSort struct {
	what    string // what the records are, for errors
	dir     string
	keyLen  int
	budget  int
	buf     []byte // records: key, uvarint length of the payload, payload
	offs    []int  // where the records of buf start
	sorted  bool   // offs is in key order (reading without runs)
	f       *os.File
	w       *bufio.Writer
	size    int64     // bytes written to f
	runs    []sortRun // sorted runs in f, in the order written
	spilled int       // records in runs
	err     error     // the first failure: every later call returns it
	reads   bool      // read once: no more Add
	// create makes the temporary file (os.CreateTemp; tests make it fail).
	create func(dir, pattern string) (*os.File, error)
}

type sortRun struct{ off, n int64 }

// NewExternalSort returns a sort of records with keys of keyLen bytes
// that holds up to budget bytes of records in memory (0: 4 MiB) and
// spills the rest to a temporary file in dir ("" for the system's
// temporary directory). what names the records in errors. Close removes
// the file.
func NewExternalSort(what, dir string, keyLen, budget int) *ExternalSort {
	if budget <= 0 {
		budget = 4 << 20
	}
	return &ExternalSort{what: what, dir: dir, keyLen: keyLen, budget: budget, create: os.CreateTemp}
}

// Add adds a record. key must have the sort's key length; payload is
// copied.
func (s *ExternalSort) Add(key, payload []byte) error {
	if s.err != nil {
		return s.err
	}
	if len(key) != s.keyLen {
		panic(fmt.Sprintf("load: ExternalSort key of %d bytes, want %d", len(key), s.keyLen))
	}
	if s.reads {
		panic("load: ExternalSort.Add after Reader")
	}
	s.offs = append(s.offs, len(s.buf))
	s.buf = append(s.buf, key...)
	s.buf = binary.AppendUvarint(s.buf, uint64(len(payload)))
	s.buf = append(s.buf, payload...)
	if len(s.buf) >= s.budget {
		return s.spill()
	}
	return nil
}

// Len is the number of records added.
func (s *ExternalSort) Len() int {
	n := len(s.offs)
	return n + s.spilled
}

// record returns the record of buf that starts at o.
func (s *ExternalSort) record(o int) []byte {
	n, k := binary.Uvarint(s.buf[o+s.keyLen:])
	return s.buf[o : o+s.keyLen+k+int(n)]
}

func (s *ExternalSort) sortBuffer() {
	if s.sorted {
		return
	}
	k := s.keyLen
	slices.SortStableFunc(s.offs, func(a, b int) int { return bytes.Compare(s.buf[a:a+k], s.buf[b:b+k]) })
	s.sorted = true
}

// fail records the first failure with what and the file (the error of
// the file names it).
func (s *ExternalSort) fail(err error) error {
	s.err = fmt.Errorf("%s: %w", s.what, err)
	return s.err
}

// spill writes the records held in memory to the file as one sorted run.
func (s *ExternalSort) spill() error {
	if len(s.offs) == 0 {
		return nil
	}
	if s.f == nil {
		f, err := s.create(s.dir, ".umzug-sort-*")
		if err != nil {
			return s.fail(err)
		}
		unlinkOpen(f)
		s.f, s.w = f, bufio.NewWriterSize(f, 256<<10)
	}
	s.sortBuffer()
	start := s.size
	for _, o := range s.offs {
		rec := s.record(o)
		if _, err := s.w.Write(rec); err != nil {
			return s.fail(err)
		}
		s.size += int64(len(rec))
	}
	if err := s.w.Flush(); err != nil {
		return s.fail(err)
	}
	s.runs = append(s.runs, sortRun{off: start, n: s.size - start})
	s.spilled += len(s.offs)
	s.buf, s.offs, s.sorted = s.buf[:0], s.offs[:0], false
	if len(s.runs) >= maxRuns {
		return s.compact()
	}
	return nil
}

// maxRuns is the number of runs merged at once: reading holds a buffer
// of readBuf bytes per run.
const (
	maxRuns = 64
	readBuf = 32 << 10
)

// compact merges the runs into one, in a new file (the old one goes).
func (s *ExternalSort) compact() error {
	r, err := s.merge()
	if err != nil {
		return err
	}
	g, err := s.create(s.dir, ".umzug-sort-*")
	if err != nil {
		return s.fail(err)
	}
	unlinkOpen(g)
	w := bufio.NewWriterSize(g, 256<<10)
	var size int64
	var hdr []byte
	for {
		key, payload, ok, err := r.Next()
		if err != nil {
			closeTemp(g)
			return err
		}
		if !ok {
			break
		}
		hdr = binary.AppendUvarint(append(hdr[:0], key...), uint64(len(payload)))
		if _, err := w.Write(hdr); err != nil {
			closeTemp(g)
			return s.fail(err)
		}
		if _, err := w.Write(payload); err != nil {
			closeTemp(g)
			return s.fail(err)
		}
		size += int64(len(hdr) + len(payload))
	}
	if err := w.Flush(); err != nil {
		closeTemp(g)
		return s.fail(err)
	}
	if err := closeTemp(s.f); err != nil {
		closeTemp(g)
		return s.fail(err)
	}
	s.f, s.w, s.size, s.runs = g, w, size, []sortRun{{off: 0, n: size}}
	return nil
}

// Reader returns the records in key order. After the first call, Add
// must not be called; Reader may be called again to read them again.
func (s *ExternalSort) Reader() (*SortReader, error) {
	if s.err != nil {
		return nil, s.err
	}
	s.reads = true
	if len(s.runs) > 0 {
		// The rest joins the runs on disk: the merge reads files only.
		if err := s.spill(); err != nil {
			return nil, err
		}
		s.buf, s.offs = nil, nil
	} else {
		s.sortBuffer()
	}
	if len(s.runs) == 0 {
		return &SortReader{s: s}, nil
	}
	return s.merge()
}

// merge returns a reader that merges the runs.
func (s *ExternalSort) merge() (*SortReader, error) {
	r := &SortReader{s: s, merging: true}
	for i, run := range s.runs {
		src := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(s.f, run.off, run.n), readBuf), run: i}
		if err := r.advance(src); err != nil {
			return nil, err
		}
		if src.key != nil {
			r.h = append(r.h, src)
		}
	}
	heap.Init(&r.h)
	return r, nil
}

// Close removes the file.
func (s *ExternalSort) Close() error {
	s.buf, s.offs = nil, nil
	if s.f == nil {
		return nil
	}
	return closeTemp(s.f)
}

// SortReader hands back the records of an ExternalSort in key order.
type SortReader struct {
	s       *ExternalSort
	next    int  // records of memory: the next one (no runs)
	merging bool // the records are in runs on disk, merged through h
	h       runHeap
}

// Next returns the next record, or ok false at the end or on a failure
// (see Err). key and payload are valid until the next call.
func (r *SortReader) Next() (key, payload []byte, ok bool, err error) {
	s := r.s
	if !r.merging {
		if r.next >= len(s.offs) {
			return nil, nil, false, nil
		}
		rec := s.record(s.offs[r.next])
		r.next++
		_, k := binary.Uvarint(rec[s.keyLen:])
		return rec[:s.keyLen], rec[s.keyLen+k:], true, nil
	}
	if len(r.h) == 0 {
		return nil, nil, false, nil
	}
	top := r.h[0]
	key, payload = top.key, top.payload
	// The next record of this run goes into fresh buffers: the caller
	// keeps key and payload until its next call.
	if err := r.advance(top); err != nil {
		return nil, nil, false, err
	}
	if top.key == nil {
		heap.Pop(&r.h)
	} else {
		heap.Fix(&r.h, 0)
	}
	return key, payload, true, nil
}

// advance reads the next record of a run; src.key is nil at its end.
func (r *SortReader) advance(src *runReader) error {
	s := r.s
	key := make([]byte, s.keyLen)
	if _, err := io.ReadFull(src.r, key); err != nil {
		if errors.Is(err, io.EOF) {
			src.key, src.payload = nil, nil
			return nil
		}
		return r.readErr(err)
	}
	n, err := binary.ReadUvarint(src.r)
	if err != nil {
		return r.readErr(err)
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(src.r, payload); err != nil {
		return r.readErr(err)
	}
	src.key, src.payload = key, payload
	return nil
}

func (r *SortReader) readErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.ErrUnexpectedEOF
	}
	r.s.err = fmt.Errorf("%s: reading %s: %w", r.s.what, r.s.f.Name(), err)
	return r.s.err
}

// runReader is the position in one sorted run.
type runReader struct {
	r            *bufio.Reader
	run          int
	key, payload []byte
}

// runHeap orders the runs by their next key, equal keys by run (the
// order the records were added in).
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].run < h[j].run
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
