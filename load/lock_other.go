//go:build !unix

package load

import (
	"fmt"
	"os"
)

// lockFile creates the lock file; without flock, nothing stops a second
// load from the same export.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock: %w", err)
	}
	return f, nil
}
