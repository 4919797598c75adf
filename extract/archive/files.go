package archive

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/umzug/umzug/extract"
)

// Files reads files from a crawl archive: the latest successful
// capture of a URL in any run. It implements load's FileSource; the
// archive is opened on first use (a crawl may still be about to create
// it), Close releases it.
type Files struct {
	dir string
	// mapURL turns the URL the export names into the canonical URL the
	// archive holds; nil keeps it.
	mapURL func(string) string

	once    sync.Once
	db      *sql.DB
	openErr error
}

// OpenFiles returns a file source on the archive at dir.
func OpenFiles(dir string, mapURL func(string) string) *Files {
	return &Files{dir: dir, mapURL: mapURL}
}

// Close closes the archive's index.
func (a *Files) Close() error {
	a.once.Do(func() { a.openErr = errors.New("closed") })
	if a.db != nil {
		return a.db.Close()
	}
	return nil
}

// OpenFile returns the body of the latest 2xx capture of raw.
func (a *Files) OpenFile(ctx context.Context, raw string) (io.ReadCloser, string, error) {
	target := raw
	if a.mapURL != nil {
		target = a.mapURL(raw)
	}
	if c, err := extract.Canonicalize(target); err == nil {
		target = c
	}
	a.once.Do(func() { a.db, a.openErr = openExistingDB(a.dir) })
	if a.openErr != nil {
		return nil, "", a.openErr
	}
	var pfile, ct string
	var poff, length int64
	err := a.db.QueryRowContext(ctx, `SELECT payload_file, payload_offset, IFNULL(content_type,''), IFNULL(length,0) FROM captures
WHERE (url = ? OR final_url = ?) AND status BETWEEN 200 AND 299 AND payload_file IS NOT NULL AND payload_file != ''
ORDER BY id DESC LIMIT 1`, target, target).Scan(&pfile, &poff, &ct, &length)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", fmt.Errorf("archive %s: no capture of %s", a.dir, raw)
	}
	if err != nil {
		return nil, "", fmt.Errorf("archive %s: %w", a.dir, err)
	}
	_, ar, err := readPayload(a.dir, pfile, poff, max(length, 1)<<1)
	if err != nil {
		return nil, "", fmt.Errorf("archive %s: %w", a.dir, err)
	}
	return io.NopCloser(bytes.NewReader(ar.body)), ct, nil
}
