// Package fsutil holds the file-system helpers the stages and the command
// line share. It imports nothing of the module, so every stage may use it
// (boundaries_test.go).
package fsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// AtomicFile is a file written under a temporary name in the directory of
// its final path and renamed into place by Commit, so a reader finds
// either the old file (or none) or the complete new one, never a part:
// Commit syncs the file before the rename and the directory after it, so
// the new file survives a crash once Commit returned. Abort, or a failed
// Commit, removes the temporary file and leaves the old file as it was.
//
// An AtomicFile is an io.Writer; wrap it in a bufio.Writer for many small
// writes and flush that before Commit.
type AtomicFile struct {
	f     *os.File
	final string
	done  bool // committed or aborted
}

// CreateAtomic starts writing the file at path. Its mode after Commit is
// 0644.
func CreateAtomic(path string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("creating %s: %w", path, err)
	}
	return &AtomicFile{f: f, final: path}, nil
}

// Write writes to the temporary file.
func (a *AtomicFile) Write(p []byte) (int, error) {
	return a.f.Write(p)
}

// Path is the final path of the file.
func (a *AtomicFile) Path() string { return a.final }

// Commit syncs the file, gives it mode 0644, renames it into place and
// syncs the directory so the rename survives a crash. On an error the
// temporary file is removed and the final path left as it was (unless
// only the directory sync failed: then the new file is in place but may
// not survive a crash, and the error says so).
func (a *AtomicFile) Commit() error {
	if a.done {
		return fmt.Errorf("writing %s: already committed or aborted", a.final)
	}
	a.done = true
	tmp := a.f.Name()
	fail := func(op string, err error) error {
		_ = a.f.Close()
		_ = os.Remove(tmp)
		return fmt.Errorf("%s %s: %w", op, a.final, err)
	}
	if err := a.f.Chmod(0o644); err != nil {
		return fail("writing", err)
	}
	if err := a.f.Sync(); err != nil {
		return fail("syncing", err)
	}
	if err := a.f.Close(); err != nil {
		return fail("closing", err)
	}
	if err := os.Rename(tmp, a.final); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("renaming %s: %w", a.final, err)
	}
	if err := SyncDir(filepath.Dir(a.final)); err != nil {
		return fmt.Errorf("syncing the directory of %s: %w", a.final, err)
	}
	return nil
}

// Abort removes the temporary file; the final path stays as it was. It
// does nothing after Commit or a first Abort, so it can be deferred.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	_ = a.f.Close()
	_ = os.Remove(a.f.Name())
}

// SyncDir syncs a directory, so that renames and new files in it survive
// a crash. File systems that cannot sync a directory (some network and
// Windows file systems) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !isUnsupported(err) {
		return err
	}
	return nil
}

// isUnsupported reports an error of a file system that cannot sync a
// directory.
func isUnsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || runtime.GOOS == "windows"
}
