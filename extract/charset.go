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
// contradict is decoded as windows-1252 and reported as a warning.
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
	out, err := decode(enc, body)
	if err != nil {
		warns = append(warns, umzug.Warning{Code: "charset-error", Message: fmt.Sprintf("decoding %s: %v", name, err)})
		return []byte(strings.ToValidUTF8(string(body), "\ufffd")), name, warns
	}
	return out, name, warns
}

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(b)
}
