//go:build unix

package load

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes an exclusive, non-blocking flock on path: one load into
// a site from one export at a time. The kernel drops the lock when the
// process dies, so a killed load never leaves it locked.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.New("another umzug process is loading this export (its state file is locked)")
		}
		return nil, fmt.Errorf("locking: %w", err)
	}
	return f, nil
}
