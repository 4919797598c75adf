package transform

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"slices"
	"sync"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/docjson"
)

// HashedLine sets d's ContentHash and returns d encoded as one line of
// JSON without HTML escaping, ending in a newline: the bytes of
// load.MarshalLine(d) after ContentHash(*d), from one encoding of the
// document instead of two. The document is encoded without its
// provenance and hash; the hash is that of this encoding with <, > and &
// escaped as encoding/json's default escapes them (HTML escaping changes
// nothing else), and the line is this encoding with the provenance and
// the hash put in their places.
func HashedLine(d *umzug.Document) ([]byte, error) {
	return AppendHashedLine(nil, d)
}

// AppendHashedLine is HashedLine that makes the line in dst's memory
// when it has room (dst's content does not matter): a caller that is done
// with a line hands it back for the next.
func AppendHashedLine(dst []byte, d *umzug.Document) ([]byte, error) {
	c := *d
	c.Provenance, c.ContentHash = umzug.Provenance{}, ""
	buf := jsonBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledJSON {
			jsonBufs.Put(buf)
		}
	}()
	bare, at := docjson.AppendDocumentProv(buf.AvailableBuffer(), &c, false)
	if cap(bare) > buf.Cap() {
		buf = bytes.NewBuffer(bare[:0]) // the grown one goes to the pool
	}
	// The encoder says where the empty provenance stands. Should it not
	// stand there, the slow way.
	if at < 0 || !bytes.HasPrefix(bare[at:], emptyProvenance) {
		d.ContentHash = ContentHash(*d)
		return marshalLineNoEscape(d)
	}
	h := sha256Pool.Get().(hash.Hash)
	h.Reset()
	writeHTMLEscaped(h, bare)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	sha256Pool.Put(h)
	d.ContentHash = "sha256:" + hex.EncodeToString(sum[:])

	// The provenance is encoded after the document in the same buffer.
	withProv := docjson.AppendProvenance(bare, &d.Provenance, false)
	prov := withProv[len(bare):]
	if cap(withProv) > buf.Cap() {
		buf = bytes.NewBuffer(withProv[:0])
	}
	rest := bare[at+len(emptyProvenance):]
	line := slices.Grow(dst[:0], len(bare)-len(emptyProvenance)+len(`,"provenance":`)+len(prov)+len(`,"contentHash":""`)+len(d.ContentHash)+1)
	line = append(line, bare[:at]...)
	line = append(line, `,"provenance":`...)
	line = append(line, prov...)
	line = append(line, `,"contentHash":"`...)
	line = append(line, d.ContentHash...)
	line = append(line, '"')
	line = append(line, rest...)
	return append(line, '\n'), nil
}

// emptyProvenance is how the zero Provenance stands in a document's JSON.
var emptyProvenance = func() []byte {
	b, err := marshalNoEscape(&umzug.Provenance{})
	if err != nil {
		panic(err)
	}
	return append([]byte(`,"provenance":`), b...)
}()

var sha256Pool = sync.Pool{New: func() any { return sha256.New() }}

// writeHTMLEscaped writes b to w with <, > and & as encoding/json's HTML
// escaping writes them inside strings (they stand nowhere else in JSON).
// The next of each of the three is found with bytes.IndexByte (a
// document's JSON holds few of them, mostly "&" in URLs), and found again
// only once it is passed.
func writeHTMLEscaped(w hash.Hash, b []byte) {
	next := func(c byte, from int) int {
		if j := bytes.IndexByte(b[from:], c); j >= 0 {
			return from + j
		}
		return len(b)
	}
	lt, gt, amp := next('<', 0), next('>', 0), next('&', 0)
	start := 0
	for {
		i := min(lt, gt, amp)
		if i == len(b) {
			break
		}
		w.Write(b[start:i])
		switch i {
		case lt:
			w.Write(escLT)
			lt = next('<', i+1)
		case gt:
			w.Write(escGT)
			gt = next('>', i+1)
		default:
			w.Write(escAmp)
			amp = next('&', i+1)
		}
		start = i + 1
	}
	w.Write(b[start:])
}

var escLT, escGT, escAmp = []byte(`\u003c`), []byte(`\u003e`), []byte(`\u0026`)

// marshalNoEscape is json.Marshal without HTML escaping.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	return b[:len(b)-1], nil
}

// marshalLineNoEscape is load.MarshalLine.
func marshalLineNoEscape(v any) ([]byte, error) {
	b, err := marshalNoEscape(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
