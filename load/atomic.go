package load

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
)

// atomicFile is a file written under a temporary name and renamed into
// place on Commit after an fsync, so readers never see it half-written.
// It counts bytes and hashes what is written.
type atomicFile struct {
	f     *os.File
	w     *bufio.Writer
	h     hash.Hash
	n     int64
	final string
}

func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", path, err)
	}
	a := &atomicFile{f: f, h: sha256.New(), final: path}
	a.w = bufio.NewWriterSize(io.MultiWriter(f, a.h), 256<<10)
	return a, nil
}

func (a *atomicFile) Write(p []byte) (int, error) {
	n, err := a.w.Write(p)
	a.n += int64(n)
	return n, err
}

// Commit flushes, syncs and renames the file into place, then syncs the
// directory so the rename survives a crash.
func (a *atomicFile) Commit() error {
	if err := a.w.Flush(); err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", a.final, err)
	}
	if err := a.f.Chmod(0o644); err != nil {
		a.Abort()
		return fmt.Errorf("writing %s: %w", a.final, err)
	}
	if err := a.f.Sync(); err != nil {
		a.Abort()
		return fmt.Errorf("syncing %s: %w", a.final, err)
	}
	if err := a.f.Close(); err != nil {
		_ = os.Remove(a.f.Name())
		return fmt.Errorf("closing %s: %w", a.final, err)
	}
	if err := os.Rename(a.f.Name(), a.final); err != nil {
		_ = os.Remove(a.f.Name())
		return fmt.Errorf("renaming %s: %w", a.final, err)
	}
	if d, err := os.Open(filepath.Dir(a.final)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// Abort removes the temporary file.
func (a *atomicFile) Abort() {
	_ = a.f.Close()
	_ = os.Remove(a.f.Name())
}

func (a *atomicFile) sum() string { return hex.EncodeToString(a.h.Sum(nil)) }
