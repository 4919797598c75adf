package archive

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWARCFilesReadAsReadWARCAt: records read through warcFiles (files
// kept open, ReadAt) are those readWARCAt reads, over more files than it
// keeps open and in an order that jumps between them; a missing file and
// a negative offset give readWARCAt's errors.
func TestWARCFilesReadAsReadWARCAt(t *testing.T) {
	dir := t.TempDir()
	type at struct {
		name string
		off  int64
	}
	var recs []at
	for f := range maxOpenWARCs + 3 {
		name := filepath.Join(dir, fmt.Sprintf("f%02d.warc.gz", f))
		var file bytes.Buffer
		for i := range 3 {
			r := &warcRecord{typ: "resource", id: newRecordID(), block: bytes.Repeat([]byte(fmt.Sprintf("file %d record %d ", f, i)), 500+i)}
			m, err := r.gzipMember(5)
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, at{name, int64(file.Len())})
			file.Write(m)
		}
		if err := os.WriteFile(name, file.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var files warcFiles
	defer files.close()
	for k := range 3 * len(recs) {
		r := recs[(k*7)%len(recs)]
		h1, b1, err1 := files.read(r.name, r.off)
		h2, b2, err2 := readWARCAt(r.name, r.off)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s#%d: %v, %v", r.name, r.off, err1, err2)
		}
		if !bytes.Equal(b1, b2) || h1.get("WARC-Record-ID") != h2.get("WARC-Record-ID") {
			t.Fatalf("%s#%d: kept open %q, opened %q", r.name, r.off, b1[:40], b2[:40])
		}
		if len(files.open) > maxOpenWARCs {
			t.Fatalf("%d files open", len(files.open))
		}
	}
	for _, c := range []at{{filepath.Join(dir, "missing.warc.gz"), 0}, {recs[0].name, -1}} {
		_, _, err1 := files.read(c.name, c.off)
		_, _, err2 := readWARCAt(c.name, c.off)
		if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
			t.Fatalf("%s#%d: kept open %v, opened %v", c.name, c.off, err1, err2)
		}
	}
}
