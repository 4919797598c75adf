//go:build !unix

package extract

import (
	"fmt"
	"os"
)

// lockDir creates the lock file; without flock, nothing stops a second
// crawl on the same archive.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock: %w", err)
	}
	return f, nil
}
