package archive

import (
	"errors"
	"fmt"

	"github.com/gofrs/flock"
)

// errLocked is returned when another process holds a lock.
var errLocked = errors.New("another umzug process is writing this archive")

// lockDir takes an exclusive, non-blocking lock on path, on every
// platform (flock on Unix, LockFileEx on Windows): one crawl writes an
// archive at a time. The operating system drops the lock when the process
// dies, so a killed crawl never leaves the archive locked.
func lockDir(path string) (*flock.Flock, error) {
	l := flock.New(path)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking: %w", err)
	}
	if !ok {
		return nil, errLocked
	}
	return l, nil
}
