package load

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/umzug/umzug/internal/docjson"
)

// Spool keeps records on disk in a temporary file and hands them back by
// ordinal or in key order, so a run over 100,000 documents holds only
// their keys and offsets in memory (a few dozen bytes each). It is not
// safe for concurrent use.
type Spool struct {
	f       *os.File
	w       *bufio.Writer
	off     int64 // bytes appended
	flushed int64 // bytes on disk
	idx     []spoolEntry
	keys    []string // by ordinal, unless noKeys
	noKeys  bool
}

type spoolEntry struct {
	off int64
	n   int32 // bytes of the line
	x   int32 // bytes of the record's extra, after the line
}

// ForgetKeys makes the spool use the keys of the records it is given from
// now on in errors only, without keeping them (16 bytes a record instead
// of the key's string besides): for records read back by ordinal alone.
// Key returns "" for them.
func (s *Spool) ForgetKeys() { s.noKeys = true }

// NewSpool creates a spool file in dir ("" for the system's temporary
// directory). Close removes it.
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, ".umzug-spool-*.ndjson")
	if err != nil {
		return nil, fmt.Errorf("creating spool: %w", err)
	}
	unlinkOpen(f)
	return &Spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Append stores v as a line of JSON under key and returns its ordinal.
func (s *Spool) Append(key string, v any) (int, error) {
	b, err := marshalLine(v)
	if err != nil {
		return 0, fmt.Errorf("spooling %s: %w", key, err)
	}
	return s.AppendRaw(key, b)
}

// AppendRaw stores one line (ending in "\n") under key.
func (s *Spool) AppendRaw(key string, line []byte) (int, error) {
	return s.AppendRawExtra(key, line, nil)
}

// AppendRawExtra stores one line under key with extra bytes of the
// caller's (what it computed of the record and needs with it later,
// ReadRawExtra).
func (s *Spool) AppendRawExtra(key string, line, extra []byte) (int, error) {
	if _, err := s.w.Write(line); err != nil {
		return 0, fmt.Errorf("spooling %s: %w", key, err)
	}
	if _, err := s.w.Write(extra); err != nil {
		return 0, fmt.Errorf("spooling %s: %w", key, err)
	}
	if !s.noKeys {
		s.keys = append(s.keys, make([]string, len(s.idx)-len(s.keys))...)
		s.keys = append(s.keys, key)
	}
	s.idx = append(s.idx, spoolEntry{off: s.off, n: int32(len(line)), x: int32(len(extra))})
	s.off += int64(len(line) + len(extra))
	return len(s.idx) - 1, nil
}

// Flush writes buffered records to the file. After Flush and until the
// next Append, ReadRaw and Read are safe for concurrent use.
func (s *Spool) Flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("writing spool: %w", err)
	}
	s.flushed = s.off
	return nil
}

// Len is the number of records.
func (s *Spool) Len() int { return len(s.idx) }

// Key returns the key of record ord.
func (s *Spool) Key(ord int) string {
	if ord < len(s.keys) {
		return s.keys[ord]
	}
	_ = s.idx[ord] // out of range panics, as it did
	return ""
}

// ReadRaw returns the line of record ord.
func (s *Spool) ReadRaw(ord int) ([]byte, error) {
	line, _, err := s.ReadRawExtra(ord)
	return line, err
}

// ReadRawExtra returns the line of record ord and its extra bytes.
func (s *Spool) ReadRawExtra(ord int) (line, extra []byte, err error) {
	return s.ReadRawExtraInto(ord, nil)
}

// RecordLen returns the bytes of record ord, its line's and its extra
// bytes (0 for no such record): what ReadRawExtraInto needs room for.
func (s *Spool) RecordLen(ord int) int {
	if ord < 0 || ord >= len(s.idx) {
		return 0
	}
	return int(s.idx[ord].n) + int(s.idx[ord].x)
}

// ReadRawExtraInto is ReadRawExtra that reads into buf's memory when it
// has room for the record (both results are then parts of it, for the
// caller to reuse once it is done with them).
func (s *Spool) ReadRawExtraInto(ord int, buf []byte) (line, extra []byte, err error) {
	if ord < 0 || ord >= len(s.idx) {
		return nil, nil, fmt.Errorf("spool record %d: out of range", ord)
	}
	e := s.idx[ord]
	end := e.off + int64(e.n) + int64(e.x)
	if end > s.flushed {
		if err := s.Flush(); err != nil {
			return nil, nil, err
		}
	}
	if n := int(e.n) + int(e.x); cap(buf) >= n {
		buf = buf[:n]
	} else {
		buf = make([]byte, n)
	}
	if _, err := s.f.ReadAt(buf, e.off); err != nil && err != io.EOF {
		return nil, nil, fmt.Errorf("reading spool record %d: %w", ord, err)
	}
	return buf[:e.n:e.n], buf[e.n:], nil
}

// Read decodes record ord into v.
func (s *Spool) Read(ord int, v any) error {
	b, err := s.ReadRaw(ord)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decoding spool record %d: %w", ord, err)
	}
	return nil
}

// Sorted returns the ordinals in key order; records with equal keys keep
// the order they were appended in.
func (s *Spool) Sorted() []int {
	out := make([]int, len(s.idx))
	for i := range out {
		out[i] = i
	}
	slices.SortStableFunc(out, func(a, b int) int { return strings.Compare(s.Key(a), s.Key(b)) })
	return out
}

// Close removes the spool file.
func (s *Spool) Close() error {
	return closeTemp(s.f)
}

// unlinkOpen removes the name of an open temporary file where the
// system allows it (not on Windows): the file lives until it is closed,
// and a process killed with kill -9 leaves nothing behind.
func unlinkOpen(f *os.File) {
	if runtime.GOOS != "windows" {
		_ = os.Remove(f.Name())
	}
}

// closeTemp closes a temporary file and removes it if its name is left.
func closeTemp(f *os.File) error {
	err := f.Close()
	if rerr := os.Remove(f.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	return err
}

// MarshalLine encodes v as one line of JSON, ending in a newline, without
// HTML escaping: the form of every NDJSON record umzug writes.
func MarshalLine(v any) ([]byte, error) { return marshalLine(v) }

func marshalLine(v any) ([]byte, error) {
	buf := lineBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledLine {
			lineBufs.Put(buf)
		}
	}()
	// The records of the export (documents, snippets, assets,
	// redirects): the same bytes as encoding/json's, in a third of the
	// time (internal/docjson).
	if b, ok := docjson.Append(buf.AvailableBuffer(), v, false); ok {
		line := make([]byte, len(b)+1)
		copy(line, b)
		line[len(b)] = '\n'
		if cap(b) > buf.Cap() {
			buf = bytes.NewBuffer(b[:0]) // the grown one goes to the pool
		}
		return line, nil
	}
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// lineBufs holds the buffers records are encoded into: a line costs one
// allocation of its own size, not the growth of a fresh buffer and a
// copy.
var lineBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledLine is the largest buffer kept for reuse.
const maxPooledLine = 4 << 20

// TempLog is an append-only temporary file of JSON lines that is read
// back once, in order: nothing of it stays in memory.
type TempLog struct {
	f *os.File
	w *bufio.Writer
	n int
}

// NewTempLog creates a temporary log in dir ("" for the system's
// temporary directory). Close removes it.
func NewTempLog(dir string) (*TempLog, error) {
	f, err := os.CreateTemp(dir, ".umzug-log-*.ndjson")
	if err != nil {
		return nil, fmt.Errorf("creating temporary log: %w", err)
	}
	unlinkOpen(f)
	return &TempLog{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

// Append writes v as one line.
func (t *TempLog) Append(v any) error {
	b, err := marshalLine(v)
	if err != nil {
		return err
	}
	if _, err := t.w.Write(b); err != nil {
		return fmt.Errorf("writing temporary log: %w", err)
	}
	t.n++
	return nil
}

// Len is the number of lines appended.
func (t *TempLog) Len() int { return t.n }

// Each calls fn with every line (without its newline), in order.
func (t *TempLog) Each(fn func(line []byte) error) error {
	if err := t.w.Flush(); err != nil {
		return fmt.Errorf("writing temporary log: %w", err)
	}
	if _, err := t.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("reading temporary log: %w", err)
	}
	sc := bufio.NewScanner(t.f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading temporary log: %w", err)
	}
	_, err := t.f.Seek(0, io.SeekEnd)
	return err
}

// Close removes the log.
func (t *TempLog) Close() error {
	return closeTemp(t.f)
}
