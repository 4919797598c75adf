package crawl_test

import (
	"context"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/crawl"
)

// BenchmarkReadArchive reads back every capture of an archive of 200
// synthetic pages (about 45 KB each, gzipped records), as an offline
// migrate does: per op, the whole archive.
func BenchmarkReadArchive(b *testing.B) {
	srv, _ := syntheticSite(b, 200, 0)
	dir := b.TempDir()
	opts := crawl.CrawlOptions{Seeds: []string{srv.URL + "/"}, ArchiveDir: dir, Retries: -1, NoSitemaps: true}
	if _, err := crawl.Crawl(context.Background(), opts, func(*umzug.Snapshot) error { return nil }); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		n := 0
		if err := archive.ReadArchive(context.Background(), dir, func(s *umzug.Snapshot) error {
			n++
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if n < 200 {
			b.Fatalf("%d captures", n)
		}
	}
}
