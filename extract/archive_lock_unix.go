//go:build unix

package extract

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive, non-blocking flock on path: one crawl writes
// an archive at a time. The kernel drops the lock when the process dies,
// so a killed crawl never leaves the archive locked.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("another umzug process is writing this archive")
		}
		return nil, fmt.Errorf("locking: %w", err)
	}
	return f, nil
}
