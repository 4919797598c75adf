package load

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"github.com/umzug/umzug/internal/fsutil"
)

// atomicFile is an export file written through fsutil.AtomicFile (under a
// temporary name, synced, renamed into place, the directory synced), so
// readers never see it half-written. It buffers, counts bytes and hashes
// what is written, for the manifest.
type atomicFile struct {
	f *fsutil.AtomicFile
	w *bufio.Writer
	h hash.Hash
	n int64
}

func createAtomic(path string) (*atomicFile, error) {
	f, err := fsutil.CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	a := &atomicFile{f: f, h: sha256.New()}
	a.w = bufio.NewWriterSize(io.MultiWriter(f, a.h), 256<<10)
	return a, nil
}

func (a *atomicFile) Write(p []byte) (int, error) {
	n, err := a.w.Write(p)
	a.n += int64(n)
	return n, err
}

// Commit flushes and commits the file (fsutil.AtomicFile.Commit).
func (a *atomicFile) Commit() error {
	if err := a.flush(); err != nil {
		return err
	}
	return a.f.Commit()
}

// flush writes what is buffered: the byte count and the hash are final
// after it. On an error the file is aborted.
func (a *atomicFile) flush() error {
	if err := a.w.Flush(); err != nil {
		a.f.Abort()
		return fmt.Errorf("writing %s: %w", a.f.Path(), err)
	}
	return nil
}

// Abort removes the temporary file.
func (a *atomicFile) Abort() { a.f.Abort() }

func (a *atomicFile) sum() string { return hex.EncodeToString(a.h.Sum(nil)) }
