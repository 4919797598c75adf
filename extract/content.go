package extract

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
)

// DecodeContent undoes a gzip or deflate content-coding, producing at
// most limit bytes: a small body that inflates past the cap (a
// decompression bomb) is cut there and reported in the warning returned.
func DecodeContent(enc string, raw []byte, limit int64) ([]byte, string) {
	var zr io.Reader
	switch enc {
	case "gzip", "x-gzip":
		gr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Sprintf("content-encoding %s: %v", enc, err)
		}
		zr = gr
	case "deflate":
		zr = flate.NewReader(bytes.NewReader(raw))
	default:
		return nil, fmt.Sprintf("content-encoding %q not supported; body kept as sent", enc)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if int64(len(out)) > limit {
		return out[:limit], fmt.Sprintf("decompressed body exceeds %d bytes (from %d bytes sent): cut as a possible decompression bomb", limit, len(raw))
	}
	if err != nil {
		return out, fmt.Sprintf("content-encoding %s: %v", enc, err)
	}
	return out, ""
}
