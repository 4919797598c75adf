package pipeline

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/crawl"
)

// TestMigrateStatusNotFound: a run whose every page answered 404 (a
// wrong start URL) says so, not that the site had no page with content.
func TestMigrateStatusNotFound(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status map[int]int
		want   string
	}{
		{"start URL 404", map[int]int{404: 1}, "the start URL answered 404"},
		{"start URL 410", map[int]int{410: 1}, "the start URL answered 410"},
		{"pages without content", map[int]int{200: 2}, "no page with content"},
		{"a page without content and a 404", map[int]int{200: 1, 404: 1}, "no page with content"},
	} {
		fetched := 0
		for _, n := range tt.status {
			fetched += n
		}
		st := crawl.CrawlStats{Fetched: fetched, Status: tt.status, RunStatus: umzug.StatusComplete}
		x := &ExportSink{Snapshots: fetched, Usable: fetched}
		status, msg := migrateStatus(false, st, x, 0, 0)
		if status != umzug.StatusFailed || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: migrateStatus = %q, %q; want failed, %q", tt.name, status, msg, tt.want)
		}
	}
}
