package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/umzug/umzug"
)

// TestFilesThatAreNoPage: an empty file, a binary file and text without
// markup are refused with the file's name and the reason, and counted as
// unreadable input; a page in Latin-1 without a declared charset and a
// fragment of markup are read.
func TestFilesThatAreNoPage(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	for name, c := range map[string]struct {
		body   []byte
		reason string
	}{
		"empty.html":  {[]byte(" \n\t"), "empty"},
		"image.html":  {png, "image/png"},
		"binary.html": {[]byte("\x00\x01\x02\x03 not text \x00"), "application/octet-stream"},
		"data.json":   {[]byte(`{"title": "Pressemitteilung", "n": [1, 2]}`), "without any markup"},
		"list.csv":    {[]byte("a;b\n1;2\n"), "without any markup"},
	} {
		p := write(name, c.body)
		_, err := ReadHTMLFile(p)
		var ne *NotHTMLError
		if !errors.As(err, &ne) || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%s: error %v, want a NotHTMLError naming the file and %q", name, err, c.reason)
		}
		if got := FileReason(err); got != umzug.ReasonInputUnreadable {
			t.Errorf("%s: reason %q", name, got)
		}
		if _, err := SnapshotFromFile(p, ""); err == nil {
			t.Errorf("%s: SnapshotFromFile read it", name)
		}
	}
	for name, body := range map[string][]byte{
		"latin1.html":   []byte("<p>Caf\xe9 au lait: ein Text in Latin-1 ohne Angabe des Zeichensatzes.</p>"),
		"fragment.html": []byte("\n  <div><h1>Titel</h1><p>Text</p></div>"),
		"xhtml.html":    []byte(`<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`),
		"utf16.html":    utf16le("<html><body><p>Grüße aus dem Amt</p></body></html>"),
	} {
		if _, err := ReadHTMLFile(write(name, body)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// utf16le is s in UTF-16LE with its byte order mark.
func utf16le(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
