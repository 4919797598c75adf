package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/internal/testkit"
)

// FuzzDecodeHTML: whatever the bytes and the declared charset, the
// result is valid UTF-8, a page in ASCII comes out unchanged, and a
// declared charset that is replaced says so in a warning.
func FuzzDecodeHTML(f *testing.F) {
	for _, ct := range []string{"", "text/html", "text/html; charset=utf-8", "text/html; charset=utf-16", "text/html; charset=ISO-8859-1", "text/html; charset=shift_jis", "text/html; charset=x-bogus"} {
		f.Add([]byte("<!DOCTYPE html><html><head><title>Gr\xfc\xdfe</title></head><body><p>\x84Br\xfccke\x93</p></body></html>"), ct)
		f.Add([]byte("<p>Hallo</p>"), ct)
	}
	for _, dir := range testkit.RealPageDirs() {
		names, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		for i, n := range names {
			if i%10 != 0 {
				continue // a sample: the bytes of real pages, declared and not
			}
			if b, err := os.ReadFile(n); err == nil {
				f.Add(b, "")
				f.Add(b, "text/html; charset=utf-16")
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte, contentType string) {
		out, name, warns := extract.DecodeHTML(in, contentType)
		if !utf8.Valid(out) {
			t.Fatalf("DecodeHTML(%q) = invalid UTF-8 (from %s)", contentType, name)
		}
		ascii := true
		for _, c := range in {
			ascii = ascii && c < 0x80 && c != 0
		}
		if ascii && !strings.Contains(strings.ToLower(contentType), "utf-16") && !bytes.Equal(out, in) && len(warns) == 0 {
			t.Fatalf("ASCII input changed without a warning: %q -> %q (%s)", in, out, name)
		}
	})
}
