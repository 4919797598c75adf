// Package docjson encodes the export's records (documents, blocks,
// snippets, assets, redirects) as JSON, byte for byte as encoding/json
// (v1) encodes them, in a third to a quarter of its time, and holds the
// binary form the export's spool keeps documents in between its two
// passes (spool.go). Its encoders are generated from the types
// (encode_gen.go and spool_gen.go, by TestGenerated), so there is no
// reflection per value; its string escaping is encoding/json's. The
// bytes must not change: content hashes of documents and block
// fingerprints are sha256 of encoding/json's encoding, and re-crawls
// compare them. TestAsEncodingJSON compares both on random values of
// every type (invalid UTF-8, HTML and JavaScript line separators, control
// characters, nil and empty slices); pipeline's
// TestExportEncodingAsEncodingJSONOnRealPages on every document the
// extractor makes of the real pages.
package docjson

import (
	"unicode/utf8"

	"github.com/umzug/umzug"
)

// encoder appends JSON to b; html escapes <, > and & in strings as
// encoding/json does by default (json.Marshal; Encoder.SetEscapeHTML).
type encoder struct {
	b    []byte
	html bool
	// provAt is where the provenance field of the last document begins
	// (its comma).
	provAt int
}

// close ends an object whose fields were each written with a comma in
// front (start is where the first would stand): the first comma becomes
// the opening brace, and an object without fields is {}.
func (e *encoder) close(start int) {
	if len(e.b) == start {
		e.b = append(e.b, "{}"...)
		return
	}
	e.b[start] = '{'
	e.b = append(e.b, '}')
}

// AppendDocument appends json.Marshal(d) to dst, with escapeHTML as
// json.Encoder's SetEscapeHTML (json.Marshal: true). No newline.
func AppendDocument(dst []byte, d *umzug.Document, escapeHTML bool) []byte {
	e := encoder{b: dst, html: escapeHTML}
	e.encDocument(d)
	return e.b
}

// AppendDocumentProv is AppendDocument that also returns where in the
// result the document's provenance field begins: the comma before
// "provenance".
func AppendDocumentProv(dst []byte, d *umzug.Document, escapeHTML bool) ([]byte, int) {
	e := encoder{b: dst, html: escapeHTML}
	e.encDocument(d)
	return e.b, e.provAt
}

// AppendBlock is AppendDocument for a block.
func AppendBlock(dst []byte, b *umzug.Block, escapeHTML bool) []byte {
	e := encoder{b: dst, html: escapeHTML}
	e.encBlock(b)
	return e.b
}

// AppendHeader is AppendDocument for a block's header.
func AppendHeader(dst []byte, h *umzug.Header, escapeHTML bool) []byte {
	e := encoder{b: dst, html: escapeHTML}
	e.encHeader(h)
	return e.b
}

// AppendProvenance is AppendDocument for a document's provenance.
func AppendProvenance(dst []byte, p *umzug.Provenance, escapeHTML bool) []byte {
	e := encoder{b: dst, html: escapeHTML}
	e.encProvenance(p)
	return e.b
}

// Append appends the JSON of v when docjson encodes its type (a pointer
// to a Document, Block, Header, Provenance, Snippet, Asset or Redirect;
// a nil one is null, as encoding/json has it) and reports whether it did.
func Append(dst []byte, v any, escapeHTML bool) ([]byte, bool) {
	e := encoder{b: dst, html: escapeHTML}
	null := false
	switch v := v.(type) {
	case *umzug.Document:
		if null = v == nil; !null {
			e.encDocument(v)
		}
	case *umzug.Block:
		if null = v == nil; !null {
			e.encBlock(v)
		}
	case *umzug.Header:
		if null = v == nil; !null {
			e.encHeader(v)
		}
	case *umzug.Provenance:
		if null = v == nil; !null {
			e.encProvenance(v)
		}
	case *umzug.Snippet:
		if null = v == nil; !null {
			e.encSnippet(v)
		}
	case *umzug.Asset:
		if null = v == nil; !null {
			e.encAsset(v)
		}
	case *umzug.Redirect:
		if null = v == nil; !null {
			e.encRedirect(v)
		}
	default:
		return dst, false
	}
	if null {
		e.b = append(e.b, "null"...)
	}
	return e.b, true
}

// str appends s as a JSON string: encoding/json's appendString (Go
// 1.26, src/encoding/json/encode.go; BSD license, the Go Authors), which
// it mirrors byte for byte, with runs of ASCII that need no escape
// skipped eight bytes at a time.
func (e *encoder) str(s string) {
	set := &safeSet
	if e.html {
		set = &htmlSafeSet
	}
	dst := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are ASCII that stands as it
		// is: no byte >= 0x80 or < 0x20, none of '"' and '\\' (nor <, >
		// and & when escaping HTML). Each test is exact on whether some
		// byte matches (a borrow only marks bytes above one that does).
		for i+8 <= len(s) {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			bad := x | (x - lsb*0x20) | hasZero(x^(lsb*'"')) | hasZero(x^(lsb*'\\'))
			if e.html {
				bad |= hasZero(x^(lsb*'<')) | hasZero(x^(lsb*'>')) | hasZero(x^(lsb*'&'))
			}
			if bad&msb != 0 {
				break
			}
			i += 8
		}
		// Then byte by byte up to the end of the word that was not.
		for end := min(i+8, len(s)); i < end; {
			if b := s[i]; b < utf8.RuneSelf {
				if set[b] {
					i++
					continue
				}
				dst = append(dst, s[start:i]...)
				switch b {
				case '\\', '"':
					dst = append(dst, '\\', b)
				case '\b':
					dst = append(dst, '\\', 'b')
				case '\f':
					dst = append(dst, '\\', 'f')
				case '\n':
					dst = append(dst, '\\', 'n')
				case '\r':
					dst = append(dst, '\\', 'r')
				case '\t':
					dst = append(dst, '\\', 't')
				default:
					// Bytes < 0x20 but the above, and <, > and & when
					// escaping HTML.
					dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
				}
				i++
				start = i
				continue
			}
			if b := s[i]; b >= 0xc2 && b <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
				i += 2 // a valid two-byte rune (umlauts, ß): as it is
				continue
			}
			c, size := utf8.DecodeRuneInString(s[i:])
			if c == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
				i += size
				start = i
				continue
			}
			// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR:
			// encoding/json escapes them always.
			if c == '\u2028' || c == '\u2029' {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
				i += size
				start = i
				continue
			}
			i += size
		}
	}
	dst = append(dst, s[start:]...)
	e.b = append(dst, '"')
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// hasZero has the high bit of a byte set where a byte of x is zero (and
// maybe above it); no high bit when none is.
func hasZero(x uint64) uint64 { return (x - lsb) &^ x }

const hex = "0123456789abcdef"

// safeSet holds the ASCII characters that stand in a JSON string as they
// are: all but the control characters, '"' and '\\'. htmlSafeSet is
// safeSet without <, > and &.
var safeSet, htmlSafeSet = func() (s, h [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		s[c] = c >= 0x20 && c != '"' && c != '\\'
		h[c] = s[c] && c != '<' && c != '>' && c != '&'
	}
	return s, h
}()

// PageHead is the part of a document that, with its blocks, makes it the
// page it is (transform's samePageHash): encoding/json writes its fields
// under their Go names.
type PageHead struct {
	Kind         umzug.Kind
	Title        string
	Lang         string
	Summary      string
	Dates        umzug.Dates
	PressRelease *umzug.PressRelease
}

// AppendPageHead appends the JSON of h to dst as encoding/json writes it
// with HTML escaped (Append for a PageHead, which is not a type of the
// package umzug).
func AppendPageHead(dst []byte, h *PageHead) []byte {
	e := encoder{b: dst, html: true}
	e.b = append(e.b, `{"Kind":`...)
	e.str(string(h.Kind))
	e.b = append(e.b, `,"Title":`...)
	e.str(h.Title)
	e.b = append(e.b, `,"Lang":`...)
	e.str(h.Lang)
	e.b = append(e.b, `,"Summary":`...)
	e.str(h.Summary)
	e.b = append(e.b, `,"Dates":`...)
	e.encDates(&h.Dates)
	e.b = append(e.b, `,"PressRelease":`...)
	if h.PressRelease == nil {
		e.b = append(e.b, "null"...)
	} else {
		e.encPressRelease(h.PressRelease)
	}
	e.b = append(e.b, '}')
	return e.b
}
