package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/umzug/umzug"
)

// cp1252Text is German text with typographic quotes and a dash as a
// legacy page stores it in windows-1252: 0x84 „, 0x93 “, 0x96 –, 0xE4 ä,
// 0xDF ß, 0xFC ü. None of it is valid UTF-8.
const (
	cp1252Text = "Gr\xfc\xdfe aus Th\xfcringen: \x84Neue Br\xfccke\x93 \x96 ab M\xe4rz."
	utf8Text   = "Grüße aus Thüringen: „Neue Brücke“ – ab März."
)

func page1252(head string) []byte {
	return []byte("<!DOCTYPE html><html><head>" + head + "<title>Stra\xdfenbau</title></head><body><p>" + cp1252Text + "</p></body></html>")
}

func pageUTF8(head string) string {
	return "<!DOCTYPE html><html><head>" + head + "<title>Straßenbau</title></head><body><p>" + utf8Text + "</p></body></html>"
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xffff {
			panic("test text outside the BMP")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func warningCodes(ws []umzug.Warning) []string {
	var codes []string
	for _, w := range ws {
		codes = append(codes, w.Code)
	}
	return codes
}

func TestDecodeHTML(t *testing.T) {
	if utf8.ValidString(cp1252Text) {
		t.Fatal("test input cp1252Text is valid UTF-8; it must not be")
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
		wantCharset string
		wantWarn    []string
	}{
		{"no declaration", page1252(""), "", pageUTF8(""), "windows-1252", nil},
		{"no declaration, header without charset", page1252(""), "text/html", pageUTF8(""), "windows-1252", nil},
		{"meta charset windows-1252", page1252(`<meta charset="windows-1252">`), "",
			pageUTF8(`<meta charset="windows-1252">`), "windows-1252", nil},
		{"http-equiv iso-8859-1", page1252(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`), "",
			pageUTF8(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`), "windows-1252", nil},
		{"header iso-8859-1", page1252(""), "text/html; charset=ISO-8859-1", pageUTF8(""), "windows-1252", nil},
		{"header utf-8 contradicted by the bytes", page1252(""), "text/html; charset=utf-8", pageUTF8(""), "windows-1252", []string{"charset-mismatch"}},
		{"header utf-8 contradicted, meta windows-1252", page1252(`<meta charset="windows-1252">`), "text/html; charset=UTF-8",
			pageUTF8(`<meta charset="windows-1252">`), "windows-1252", []string{"charset-mismatch"}},
		{"valid utf-8 without declaration", []byte(pageUTF8("")), "", pageUTF8(""), "utf-8", nil},
		{"valid utf-8 with header", []byte(pageUTF8("")), "text/html; charset=utf-8", pageUTF8(""), "utf-8", nil},
		{"valid utf-8 with meta", []byte(pageUTF8(`<meta charset="utf-8">`)), "", pageUTF8(`<meta charset="utf-8">`), "utf-8", nil},
		{"ascii only", []byte("<p>Hallo</p>"), "", "<p>Hallo</p>", "", nil},
		// A header that lies: utf-16 over ASCII bytes would turn every two
		// bytes into one CJK character.
		{"header utf-16 over ascii", []byte(pageUTF8("")), "text/html; charset=utf-16", pageUTF8(""), "utf-8", []string{"charset-mismatch"}},
		{"header utf-16 over windows-1252", page1252(""), "text/html; charset=UTF-16BE", pageUTF8(""), "windows-1252", []string{"charset-mismatch"}},
		// The meta declaration is the next guess, but iso-8859-15 has no
		// „ “ –: windows-1252 decodes the page.
		{"header utf-16 over windows-1252 with a wrong meta", page1252(`<meta charset="iso-8859-15">`), "text/html; charset=utf-16",
			pageUTF8(`<meta charset="iso-8859-15">`), "windows-1252", []string{"charset-mismatch"}},
		{"header utf-16 over latin-9 with its meta", []byte("<html><head><meta charset=\"iso-8859-15\"><title>Preis</title></head><body><p>5 \xa4 f\xfcr Stra\xdfen</p></body></html>"),
			"text/html; charset=utf-16", "<html><head><meta charset=\"iso-8859-15\"><title>Preis</title></head><body><p>5 € für Straßen</p></body></html>", "iso-8859-15", []string{"charset-mismatch"}},
		{"real utf-16le with bom", utf16le("\ufeff" + pageUTF8("")), "", pageUTF8(""), "utf-16le", nil},
		{"real utf-16le declared", utf16le(pageUTF8("")), "text/html; charset=utf-16le", pageUTF8(""), "utf-16le", nil},
		{"header iso-8859-1 over utf-8", []byte(pageUTF8("")), "text/html; charset=iso-8859-1", pageUTF8(""), "utf-8", []string{"charset-mismatch"}},
		{"meta shift_jis over utf-8", []byte(pageUTF8(`<meta charset="shift_jis">`)), "", pageUTF8(`<meta charset="shift_jis">`), "utf-8", []string{"charset-mismatch"}},
		// A UTF-8 page with a stray windows-1252 byte (a legacy comment in
		// the template): the UTF-8 stays, the byte is read as windows-1252.
		{"utf-8 with a stray windows-1252 byte", []byte(strings.Replace(pageUTF8(`<meta charset="utf-8">`), "</body>", "<!-- M\xe4scot --></body>", 1)), "",
			strings.Replace(pageUTF8(`<meta charset="utf-8">`), "</body>", "<!-- Mäscot --></body>", 1), "utf-8", []string{"charset-mismatch"}},
	}
	for _, tt := range tests {
		got, cs, warns := DecodeHTML(tt.body, tt.contentType)
		if string(got) != tt.want {
			t.Errorf("%s: DecodeHTML(…, %q) =\n%q\nwant\n%q", tt.name, tt.contentType, got, tt.want)
		}
		if !utf8.Valid(got) {
			t.Errorf("%s: DecodeHTML output is not valid UTF-8", tt.name)
		}
		if tt.wantCharset != "" && cs != tt.wantCharset {
			t.Errorf("%s: DecodeHTML charset = %q; want %q", tt.name, cs, tt.wantCharset)
		}
		if codes := warningCodes(warns); strings.Join(codes, ",") != strings.Join(tt.wantWarn, ",") {
			t.Errorf("%s: DecodeHTML warnings = %v; want %v", tt.name, codes, tt.wantWarn)
		}
		for _, w := range warns {
			if w.Message == "" {
				t.Errorf("%s: warning %s without message", tt.name, w.Code)
			}
		}
	}
}

// TestDecodeHTMLSingleBytes checks each legacy byte on its own, so a
// decoder that maps 0x80–0x9F as ISO-8859-1 control characters (what
// ISO-8859-1 literally says, and what browsers do not do) is caught.
func TestDecodeHTMLSingleBytes(t *testing.T) {
	tests := []struct {
		b    byte
		want string
	}{
		{0xE4, "ä"}, {0xF6, "ö"}, {0xFC, "ü"}, {0xC4, "Ä"}, {0xD6, "Ö"}, {0xDC, "Ü"}, {0xDF, "ß"},
		{0x84, "„"}, {0x93, "“"}, {0x94, "”"}, {0x96, "–"}, {0x97, "—"}, {0x80, "€"}, {0x85, "…"},
		{0xA7, "§"}, {0xB0, "°"}, {0xA0, "\u00a0"},
	}
	for _, ct := range []string{"", "text/html; charset=iso-8859-1", "text/html; charset=windows-1252"} {
		for _, tt := range tests {
			in := []byte{'<', 'p', '>', 'x', tt.b, 'x', '<', '/', 'p', '>'}
			got, _, _ := DecodeHTML(in, ct)
			if want := "<p>x" + tt.want + "x</p>"; string(got) != want {
				t.Errorf("DecodeHTML(%q, %q) = %q; want %q", in, ct, got, want)
			}
		}
	}
}

func TestDecodeHTMLBOM(t *testing.T) {
	body := append([]byte("\xef\xbb\xbf"), pageUTF8("")...)
	got, cs, warns := DecodeHTML(body, "")
	if cs != "utf-8" {
		t.Errorf("DecodeHTML(UTF-8 BOM + page) charset = %q; want utf-8", cs)
	}
	if len(warns) != 0 {
		t.Errorf("DecodeHTML(UTF-8 BOM + page) warnings = %v; want none", warningCodes(warns))
	}
	// The content is unchanged; the BOM may be kept or stripped.
	if s := strings.TrimPrefix(string(got), "\ufeff"); s != pageUTF8("") {
		t.Errorf("DecodeHTML(UTF-8 BOM + page) = %q; want %q", got, pageUTF8(""))
	}

	// The BOM wins over a header that says otherwise.
	got, cs, _ = DecodeHTML(body, "text/html; charset=iso-8859-1")
	if s := strings.TrimPrefix(string(got), "\ufeff"); s != pageUTF8("") || cs != "utf-8" {
		t.Errorf("DecodeHTML(UTF-8 BOM + page, iso-8859-1 header) = %q, %q; want the UTF-8 page, utf-8", got, cs)
	}
}

// TestDecodeHTMLBOMStripped: the byte order mark is an encoding
// signature, not content (WHATWG "decode" removes it); left in, it ends up
// as U+FEFF text before <!DOCTYPE> for whatever reads the body next.
func TestDecodeHTMLBOMStripped(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"utf-8", append([]byte("\xef\xbb\xbf"), pageUTF8("")...), pageUTF8("")},
		{"utf-16le", []byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 0xe4, 0, '<', 0, '/', 0, 'p', 0, '>', 0}, "<p>ä</p>"},
		{"utf-16be", []byte{0xfe, 0xff, 0, '<', 0, 'p', 0, '>', 0, 0xe4, 0, '<', 0, '/', 0, 'p', 0, '>'}, "<p>ä</p>"},
	}
	for _, tt := range tests {
		if got, _, _ := DecodeHTML(tt.body, ""); string(got) != tt.want {
			t.Errorf("DecodeHTML(%s BOM + page) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestDecodeHTMLMetaUTF8Mismatch: a <meta charset="utf-8"> is a
// declaration as much as the header is; when the bytes contradict it the
// doc comment promises a warning.
func TestDecodeHTMLMetaUTF8Mismatch(t *testing.T) {
	got, cs, warns := DecodeHTML(page1252(`<meta charset="utf-8">`), "")
	if want := pageUTF8(`<meta charset="utf-8">`); string(got) != want || cs != "windows-1252" {
		t.Errorf("DecodeHTML(cp1252 page with meta utf-8) = %q, %q; want %q, windows-1252", got, cs, want)
	}
	if codes := warningCodes(warns); len(codes) != 1 || codes[0] != "charset-mismatch" {
		t.Errorf("DecodeHTML(cp1252 page with meta utf-8) warnings = %v; want [charset-mismatch]", codes)
	}
}
