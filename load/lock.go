package load

import (
	"errors"
	"fmt"

	"github.com/gofrs/flock"
)

// lockFile takes an exclusive, non-blocking lock on path, on every
// platform (flock on Unix, LockFileEx on Windows, as the crawl archive's
// lock): one load into a site from one export at a time. The operating
// system drops the lock when the process dies, so a killed load never
// leaves it locked.
func lockFile(path string) (*flock.Flock, error) {
	l := flock.New(path)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	if !ok {
		return nil, errors.New("another umzug process is loading this export (its state file is locked)")
	}
	return l, nil
}
