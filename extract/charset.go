package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/umzug/umzug"
)

// DecodeHTML returns an HTML body as UTF-8. The encoding comes from, in
// order, a byte order mark, the charset of the Content-Type header, a
// <meta charset> or http-equiv declaration in the first 1024 bytes, and
// otherwise windows-1252 for bytes that are not valid UTF-8 (what
// browsers do for German legacy pages). A declared UTF-8 that the bytes
// contradict is decoded as windows-1252 and reported as a warning. A
// declared charset that does not decode the page (a header saying
// utf-16 over ASCII bytes: the markup turns into CJK characters, or a
// decoding full of replacement characters) is detected: the page is
// decoded with the next best guess (the meta declaration, UTF-8 when the
// bytes are valid UTF-8, else windows-1252) and a charset-mismatch warning
// names both.
func DecodeHTML(body []byte, contentType string) ([]byte, string, []umzug.Warning) {
	out, name, warns := decodeHTML(body, contentType)
	// The byte order mark is an encoding signature, not text.
	return bytes.TrimPrefix(out, []byte("\ufeff")), name, warns
}

func decodeHTML(body []byte, contentType string) ([]byte, string, []umzug.Warning) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	var warns []umzug.Warning
	if name == "utf-8" {
		if utf8.Valid(body) {
			return body, "utf-8", nil
		}
		// A UTF-8 page with a few windows-1252 bytes in it (a legacy
		// database field, a pasted comment in a template): the UTF-8
		// stays UTF-8, the stray bytes are read as windows-1252.
		if valid, stray := utf8Shares(body); valid >= 2*stray {
			return mixedUTF8(body), "utf-8", []umzug.Warning{{Code: "charset-mismatch",
				Message: fmt.Sprintf("declared utf-8 but %d bytes are not UTF-8 (beside %d UTF-8 characters); those bytes were read as windows-1252", stray, valid)}}
		}
		// DetermineEncoding says utf-8 only for a BOM, a header or a meta
		// declaration; the bytes contradict it.
		warns = append(warns, umzug.Warning{
			Code:    "charset-mismatch",
			Message: "declared utf-8 but the bytes are not valid UTF-8; decoded as windows-1252",
		})
		enc, name = charmap.Windows1252, "windows-1252"
	}
	if !certain && name == "windows-1252" && utf8.Valid(body) && len(warns) == 0 {
		// No declaration and valid UTF-8: the bytes are UTF-8.
		return body, "utf-8", nil
	}
	if len(warns) == 0 && name != "utf-16le" && name != "utf-16be" && hasNonASCII(body) && utf8.Valid(body) {
		// A legacy charset declared over bytes that are valid UTF-8 with
		// non-ASCII text: legacy text is valid UTF-8 by accident almost
		// never, a template that declares the wrong charset often.
		return body, "utf-8", []umzug.Warning{{Code: "charset-mismatch",
			Message: fmt.Sprintf("declared %s but the bytes are valid UTF-8; decoded as utf-8", name)}}
	}
	out, err := decode(enc, body)
	if err == nil && plausibleDecoding(body, out) {
		return out, name, warns
	}
	// The declared charset does not fit the bytes: the next best guess.
	why := "it turns the markup into other characters"
	if err != nil {
		why = err.Error()
	} else if badRunes(out) > 0 {
		why = fmt.Sprintf("%d bytes do not decode", badRunes(out))
	}
	for _, g := range fallbackEncodings(body, name) {
		gout, gerr := decode(g.enc, body)
		if gerr != nil || !plausibleDecoding(body, gout) {
			continue
		}
		warns = append(warns, umzug.Warning{Code: "charset-mismatch",
			Message: fmt.Sprintf("declared %s does not decode the page (%s); decoded as %s", name, why, g.name)})
		return gout, g.name, warns
	}
	warns = append(warns, umzug.Warning{Code: "charset-error", Message: fmt.Sprintf("decoding %s: %s", name, why)})
	return []byte(strings.ToValidUTF8(string(body), "\ufffd")), name, warns
}

// utf8Shares counts the non-ASCII characters that are valid UTF-8 and
// the bytes that are not.
func utf8Shares(b []byte) (valid, stray int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			stray++
			i++
			continue
		}
		valid++
		i += n
	}
	return valid, stray
}

// mixedUTF8 decodes UTF-8 bytes and reads each byte that is not UTF-8 as
// windows-1252.
func mixedUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+16)
	dec := charmap.Windows1252.NewDecoder()
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if c, err := dec.Bytes(b[i : i+1]); err == nil {
				out = append(out, c...)
			} else {
				out = append(out, "\ufffd"...)
			}
			i++
			continue
		}
		out = append(out, b[i:i+n]...)
		i += n
	}
	return out
}

type namedEncoding struct {
	enc  encoding.Encoding
	name string
}

// fallbackEncodings are the guesses for a page whose declared charset
// (declared) does not decode it: the meta declaration, UTF-8 when the
// bytes are valid UTF-8, windows-1252 (which decodes any byte).
func fallbackEncodings(body []byte, declared string) []namedEncoding {
	var out []namedEncoding
	if enc, name, _ := charset.DetermineEncoding(body, ""); name != declared && name != "utf-8" && name != "windows-1252" {
		out = append(out, namedEncoding{enc, name})
	}
	if utf8.Valid(body) {
		out = append(out, namedEncoding{encoding.Nop, "utf-8"})
	}
	return append(out, namedEncoding{charmap.Windows1252, "windows-1252"})
}

// plausibleDecoding reports whether out is a believable decoding of the
// HTML bytes raw: the markup survives (at least half as many "<" as the
// bytes hold, for a page with markup) and at most a few characters, or 1
// in 200, are replacement characters that were not in the bytes.
func plausibleDecoding(raw, out []byte) bool {
	if lt := bytes.Count(raw, []byte("<")); lt >= 4 && 2*bytes.Count(out, []byte("<")) < lt {
		return false
	}
	bad := badRunes(out) - bytes.Count(raw, []byte("\ufffd"))
	return bad <= 2 || bad*200 <= utf8.RuneCount(out)
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// badRunes counts replacement characters in a decoding.
func badRunes(b []byte) int { return bytes.Count(b, []byte("\ufffd")) }

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(b)
}
