package extract

import (
	"fmt"
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
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	var warns []umzug.Warning
	if name == "utf-8" {
		if utf8.Valid(body) {
			return body, "utf-8", nil
		}
		if certain || contentType != "" {
			warns = append(warns, umzug.Warning{
				Code:    "charset-mismatch",
				Message: "declared utf-8 but the bytes are not valid UTF-8; decoded as windows-1252",
			})
		}
		enc, name = charmap.Windows1252, "windows-1252"
	}
	if !certain && name == "windows-1252" && utf8.Valid(body) {
		// No declaration and valid UTF-8: the bytes are UTF-8.
		return body, "utf-8", warns
	}
	out, err := decode(enc, body)
	if err != nil {
		warns = append(warns, umzug.Warning{Code: "charset-error", Message: fmt.Sprintf("decoding %s: %v", name, err)})
		return []byte(string([]rune(string(body)))), name, warns
	}
	return out, name, warns
}

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(b)
}
