package transform

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"runtime"
)

// recLog is a log of records of one fixed length in a recStore: what the
// first pass gathers for Finalize (block fingerprints, near-duplicate
// entries), on disk once it outgrows the store's buffer.
type recLog struct {
	store  recStore
	recLen int
	n      int // records
}

func (l *recLog) add(rec []byte) error {
	if len(rec) != l.recLen {
		panic(fmt.Sprintf("transform: record of %d bytes in a log of %d", len(rec), l.recLen))
	}
	if _, err := l.store.Append(rec); err != nil {
		return err
	}
	l.n++
	return nil
}

// scan calls fn with every record in the order added; rec is valid
// during the call.
func (l *recLog) scan(fn func(rec []byte) error) error {
	s := &l.store
	if s.err != nil {
		return s.err
	}
	if s.f != nil && s.base > 0 {
		r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.base), 256<<10)
		rec := make([]byte, l.recLen)
		for {
			if _, err := io.ReadFull(r, rec); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return s.fail(err)
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
	}
	for o := 0; o+l.recLen <= len(s.buf); o += l.recLen {
		if err := fn(s.buf[o : o+l.recLen]); err != nil {
			return err
		}
	}
	return nil
}

func (l *recLog) close() error { return l.store.Close() }

// partitionBudget is the number of bytes of records Finalize holds at
// once (one partition) when it sorts what the first pass logged.
const partitionBudget = 4 << 20

// partitions returns the number of partitions (a power of two, at most
// 256) that keeps the n records of recLen bytes of a log within budget
// bytes each, when their keys are spread evenly (they are hashes).
func partitions(n, recLen, budget int) int {
	total := n * recLen
	if total <= budget {
		return 1
	}
	p := 1 << bits.Len(uint((total-1)/budget))
	return min(p, 256)
}

// partitioned calls fn with the records of l, in p groups (p a power of
// two) by the top bits of key(rec): first the group of the smallest
// keys. The records of a group are in the order added. With one group,
// the records are read into memory; with more, they are written to p
// temporary files in dir first, so that memory holds one group.
func partitioned(dir string, l *recLog, p int, key func(rec []byte) uint64, fn func(recs []byte) error) error {
	if p <= 1 {
		all := make([]byte, 0, l.n*l.recLen)
		if err := l.scan(func(rec []byte) error { all = append(all, rec...); return nil }); err != nil {
			return err
		}
		return fn(all)
	}
	shift := 64 - bits.TrailingZeros(uint(p))
	files := make([]*os.File, p)
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
				_ = os.Remove(f.Name())
			}
		}
	}()
	ws := make([]*bufio.Writer, p)
	for k := range files {
		f, err := os.CreateTemp(dir, ".umzug-index-part-*")
		if err != nil {
			return fmt.Errorf("index partitions: %w", err)
		}
		if runtime.GOOS != "windows" {
			_ = os.Remove(f.Name())
		}
		files[k], ws[k] = f, bufio.NewWriterSize(f, 32<<10)
	}
	sizes := make([]int64, p)
	err := l.scan(func(rec []byte) error {
		k := key(rec) >> shift
		sizes[k] += int64(len(rec))
		_, err := ws[k].Write(rec)
		return err
	})
	for _, w := range ws {
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
	}
	if err != nil {
		return fmt.Errorf("index partitions: %w", err)
	}
	var buf []byte
	for k, f := range files {
		if cap(buf) < int(sizes[k]) {
			buf = make([]byte, sizes[k])
		}
		buf = buf[:sizes[k]]
		if _, err := f.ReadAt(buf, 0); err != nil {
			return fmt.Errorf("index partitions: %w", err)
		}
		if err := fn(buf); err != nil {
			return err
		}
		f.Close()
		_ = os.Remove(f.Name())
		files[k] = nil
	}
	return nil
}

// simRecLen is the length of a simEntry's record.
const simRecLen = 4*simBands + 8 + 4 + 4

func appendSimRec(dst []byte, e simEntry) []byte {
	for _, b := range e.bands {
		dst = binary.LittleEndian.AppendUint32(dst, b)
	}
	dst = binary.LittleEndian.AppendUint64(dst, e.fp)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(e.doc))
	return binary.LittleEndian.AppendUint32(dst, uint32(e.block))
}

func simRecFP(rec []byte) uint64 { return binary.LittleEndian.Uint64(rec[4*simBands:]) }

func simRecBand(rec []byte, band int) uint32 { return binary.LittleEndian.Uint32(rec[4*band:]) }

// decodeSims appends the entries of recs to es.
func decodeSims(es []simEntry, recs []byte) []simEntry {
	for o := 0; o+simRecLen <= len(recs); o += simRecLen {
		rec := recs[o : o+simRecLen]
		var e simEntry
		for b := range e.bands {
			e.bands[b] = binary.LittleEndian.Uint32(rec[4*b:])
		}
		e.fp = simRecFP(rec)
		e.doc = int32(binary.LittleEndian.Uint32(rec[4*simBands+8:]))
		e.block = int32(binary.LittleEndian.Uint32(rec[4*simBands+12:]))
		es = append(es, e)
	}
	return es
}
