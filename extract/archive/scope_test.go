package archive

import (
	"context"
	"testing"

	"github.com/umzug/umzug"
)

// The diff's progress bar counts the pages ScopeChanges compares: a
// changed PDF and a page that turned from HTML into XHTML are not (the
// bar counted every changed URL and stopped short of its end).
func TestToScopeCountsComparedPages(t *testing.T) {
	html := diffCapture{contentType: "text/html"}
	d := ArchiveDiff{Changes: []URLChange{
		{Change: "changed", URL: "https://land.example/a/", from: html, to: html},
		{Change: "changed", URL: "https://land.example/b.pdf", from: diffCapture{contentType: "application/pdf"}, to: diffCapture{contentType: "application/pdf"}},
		{Change: "changed", URL: "https://land.example/c/", from: html, to: diffCapture{contentType: "application/xhtml+xml"}},
		{Change: "added", URL: "https://land.example/d/", to: html},
	}}
	if got := d.ToScope(); got != 1 {
		t.Errorf("ToScope = %d; want 1", got)
	}
	// ScopeChanges tries the same pages (their records are missing here).
	failed, err := d.ScopeChanges(context.Background(), t.TempDir(), func(from, to *umzug.Snapshot) (bool, error) { return true, nil })
	if err != nil || failed != d.ToScope() {
		t.Errorf("ScopeChanges tried %d pages (%v); ToScope says %d", failed, err, d.ToScope())
	}
}
