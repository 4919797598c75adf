package umzug_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/umzug/umzug"
)

func TestSafeFileName(t *testing.T) {
	long := strings.Repeat("ä", 150) + ".pdf"
	tests := []struct{ in, want string }{
		{"glasfaser.jpg", "glasfaser.jpg"},
		{`..\..\..\evil2.pdf`, "evil2.pdf"},
		{"../../etc/passwd", "passwd"},
		{"a/b\\c.txt", "c.txt"},
		{".htaccess", "htaccess"},
		{"...", ""},
		{"", ""},
		{"bericht.pdf.", "bericht.pdf"},
		{"  leer .pdf ", "leer .pdf"},
		{"a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf"},
		{"tab\tnew\nline\x00.pdf", "tabnewline.pdf"},
		{"CON", "_CON"},
		{"con.txt", "_con.txt"},
		{"COM1.pdf", "_COM1.pdf"},
		{"console.pdf", "console.pdf"},
		{"Straße \xff.pdf", "Straße \ufffd.pdf"},
		{long, strings.Repeat("ä", 98) + ".pdf"},
	}
	for _, tt := range tests {
		got := umzug.SafeFileName(tt.in)
		if got != tt.want {
			t.Errorf("SafeFileName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSafeFileName: whatever the input, the name is valid UTF-8, at most
// 200 bytes, has no path separator, control character or leading dot,
// and SafeFileName is idempotent.
func FuzzSafeFileName(f *testing.F) {
	for _, s := range []string{"a.pdf", `..\..\x.pdf`, "../x", "CON.txt", "\x00\xff", strings.Repeat("x", 300) + ".docx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := umzug.SafeFileName(in)
		if !utf8.ValidString(got) || len(got) > 200 || strings.ContainsAny(got, `/\<>:"|?*`) || strings.HasPrefix(got, ".") {
			t.Fatalf("SafeFileName(%q) = %q: not a safe name", in, got)
		}
		for _, r := range got {
			if r < ' ' || r == 0x7f {
				t.Fatalf("SafeFileName(%q) = %q: control character", in, got)
			}
		}
		if again := umzug.SafeFileName(got); again != got {
			t.Fatalf("SafeFileName not idempotent: %q -> %q -> %q", in, got, again)
		}
	})
}
