package transform

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"sync"

	"github.com/umzug/umzug/internal/docjson"
)

// jsonBufs holds the buffers documents and blocks are encoded into for
// hashing, so that hashing allocates no copy of the encoding.
var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledJSON is the largest buffer kept for reuse: a rare huge
// document does not stay in the pool.
const maxPooledJSON = 4 << 20

// sha256JSON is sha256.Sum256 of json.Marshal(v): the same bytes (an
// Encoder with its defaults encodes as Marshal does, HTML escaped, plus a
// newline that is not hashed), without the copy Marshal returns.
func sha256JSON(v any) ([sha256.Size]byte, error) {
	sum, _, err := sha256JSONReplaced(v)
	return sum, err
}

// sha256JSONReplaced is sha256JSON that also reports whether the
// encoding holds \ufffd, the escape encoding/json writes for invalid
// UTF-8 in a string (and, rarely, text that merely looks like it): such a
// value is not encoded the same once decoded, where the string holds a
// real U+FFFD.
func sha256JSONReplaced(v any) (sum [sha256.Size]byte, replaced bool, err error) {
	buf := jsonBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledJSON {
			jsonBufs.Put(buf)
		}
	}()
	// Blocks, headers and documents: the same bytes as encoding/json's
	// (internal/docjson), in a third of the time.
	if b, ok := docjson.Append(buf.AvailableBuffer(), v, true); ok {
		if cap(b) > buf.Cap() {
			buf = bytes.NewBuffer(b[:0]) // the grown one goes to the pool
		}
		return sha256.Sum256(b), bytes.Contains(b, []byte(`\ufffd`)), nil
	}
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return sum, false, err
	}
	b := buf.Bytes()
	return sha256.Sum256(b[:len(b)-1]), bytes.Contains(b, []byte(`\ufffd`)), nil
}
