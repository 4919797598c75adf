package archive

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/textproto"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/umzug/umzug/internal/textutil"
)

// WARC 1.1 (ISO 28500:2017) records, each written as its own gzip member so
// that a record can be read from its offset alone and a crash leaves at
// most one incomplete member at the end of a file.

const (
	warcVersion      = "WARC/1.1"
	warcConformsTo   = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
	revisitNotModify = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
)

// warcField is one named field of a WARC record header; order is kept.
type warcField struct{ name, value string }

// warcRecord is a record before serialisation.
type warcRecord struct {
	typ    string // warcinfo, request, response, revisit, metadata
	id     string // <urn:uuid:…>
	fields []warcField
	block  []byte
}

// newRecordID returns a fresh "<urn:uuid:…>" (random, version 4).
func newRecordID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// warcDigest is the labelled SHA-256 digest in base32, the form WARC tools
// expect ("sha256:…").
func warcDigest(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + base32.StdEncoding.EncodeToString(sum[:])
}

func warcDate(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

// gzipMember serialises r as one gzip member.
func (r *warcRecord) gzipMember(level int) ([]byte, error) {
	var head bytes.Buffer
	head.WriteString(warcVersion + "\r\n")
	head.WriteString("WARC-Type: " + r.typ + "\r\n")
	head.WriteString("WARC-Record-ID: " + r.id + "\r\n")
	for _, f := range r.fields {
		head.WriteString(f.name + ": " + f.value + "\r\n")
	}
	head.WriteString("Content-Length: " + strconv.Itoa(len(r.block)) + "\r\n\r\n")
	var out bytes.Buffer
	out.Grow(len(r.block)/3 + 512)
	zw, err := getGzipWriter(&out, level)
	if err != nil {
		return nil, err
	}
	defer gzipWriters.Put(zw)
	for _, p := range [][]byte{head.Bytes(), r.block, []byte("\r\n\r\n")} {
		if _, err := zw.Write(p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gzipWriters are reused: a flate compressor allocates about 1 MB.
var gzipWriters sync.Pool

func getGzipWriter(w io.Writer, level int) (*gzip.Writer, error) {
	if zw, ok := gzipWriters.Get().(*gzip.Writer); ok {
		zw.Reset(w)
		return zw, nil
	}
	return gzip.NewWriterLevel(w, level)
}

// httpRequestBlock is the request as sent: request line and header, the
// values of sensitive headers (credentials, cookies) replaced by
// "[redacted]" so that no archive holds a secret.
func httpRequestBlock(req *http.Request, sensitive func(string) bool) []byte {
	var b bytes.Buffer
	uri := req.URL.RequestURI()
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", req.Method, uri)
	fmt.Fprintf(&b, "Host: %s\r\n", req.URL.Host)
	h := req.Header
	if sensitive != nil {
		h = redactHeader(h, sensitive)
	}
	writeHeader(&b, h)
	b.WriteString("\r\n")
	return b.Bytes()
}

// redacted replaces the value of a sensitive header.
const redacted = "[redacted]"

// redactHeader returns h with the values of sensitive headers replaced.
// A Set-Cookie keeps its cookie's name and attributes.
func redactHeader(h http.Header, sensitive func(string) bool) http.Header {
	var out http.Header
	for k, vs := range h {
		if !sensitive(k) {
			continue
		}
		if out == nil {
			out = h.Clone()
		}
		red := make([]string, len(vs))
		for i, v := range vs {
			red[i] = redacted
			if http.CanonicalHeaderKey(k) == "Set-Cookie" {
				name, rest, _ := strings.Cut(v, "=")
				_, attrs, hasAttrs := strings.Cut(rest, ";")
				red[i] = strings.TrimSpace(name) + "=" + redacted
				if hasAttrs {
					red[i] += ";" + attrs
				}
			}
		}
		out[k] = red
	}
	if out == nil {
		return h
	}
	return out
}

// httpResponseHead is the status line and header of a response. The
// Transfer-Encoding is gone (Go's client removed the chunking; the payload
// that follows is the entity body as sent, content-coding included).
func httpResponseHead(proto string, status int, header http.Header) []byte {
	var b bytes.Buffer
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(&b, "%s %d %s\r\n", proto, status, http.StatusText(status))
	writeHeader(&b, redactHeader(header, func(k string) bool { return http.CanonicalHeaderKey(k) == "Set-Cookie" }))
	b.WriteString("\r\n")
	return b.Bytes()
}

func writeHeader(b *bytes.Buffer, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if strings.EqualFold(k, "Transfer-Encoding") {
			continue
		}
		for _, v := range h[k] {
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
}

// warcHeader is a parsed WARC record header.
type warcHeader struct {
	Version string
	Fields  textproto.MIMEHeader
	Length  int64
}

func (h *warcHeader) get(name string) string { return h.Fields.Get(name) }

// readWARCRecord reads the record that starts at the current position of
// br, which must be at the start of a gzip member. It returns the header
// and the block, and checks the record's end and its block digest.
func readWARCRecord(br *bufio.Reader, zr *gzip.Reader, maxBlock int64) (*warcHeader, []byte, error) {
	if err := zr.Reset(br); err != nil {
		return nil, nil, err
	}
	zr.Multistream(false)
	tp := textproto.NewReader(bufio.NewReader(zr))
	line, err := tp.ReadLine()
	if err != nil {
		return nil, nil, fmt.Errorf("reading record version: %w", err)
	}
	if !strings.HasPrefix(line, "WARC/1.") {
		return nil, nil, fmt.Errorf("not a WARC record: starts with %q", textutil.Truncate(line, 40))
	}
	fields, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, nil, fmt.Errorf("reading record header: %w", err)
	}
	n, err := strconv.ParseInt(fields.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return nil, nil, fmt.Errorf("record %s: bad Content-Length %q", fields.Get("WARC-Record-ID"), fields.Get("Content-Length"))
	}
	if maxBlock > 0 && n > maxBlock {
		return nil, nil, fmt.Errorf("record %s: block of %d bytes exceeds %d", fields.Get("WARC-Record-ID"), n, maxBlock)
	}
	block := make([]byte, n)
	if _, err := io.ReadFull(tp.R, block); err != nil {
		return nil, nil, fmt.Errorf("record %s: block: %w", fields.Get("WARC-Record-ID"), err)
	}
	var end [4]byte
	if _, err := io.ReadFull(tp.R, end[:]); err != nil || string(end[:]) != "\r\n\r\n" {
		return nil, nil, fmt.Errorf("record %s: missing end of record", fields.Get("WARC-Record-ID"))
	}
	// Drain to the end of the gzip member so its checksum is verified.
	if _, err := io.Copy(io.Discard, tp.R); err != nil {
		return nil, nil, fmt.Errorf("record %s: %w", fields.Get("WARC-Record-ID"), err)
	}
	h := &warcHeader{Version: line, Fields: fields, Length: n}
	if d := h.get("WARC-Block-Digest"); d != "" && strings.HasPrefix(d, "sha256:") && d != warcDigest(block) {
		return h, block, fmt.Errorf("record %s: block digest mismatch", h.get("WARC-Record-ID"))
	}
	return h, block, nil
}

// readWARCAt reads the record at offset of the WARC file name.
func readWARCAt(name string, offset int64) (*warcHeader, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return readWARCFrom(f, name, offset)
}

// readWARCFrom is readWARCAt on the file name opened already as f; it
// reads with ReadAt, so f may stay open for the next record.
func readWARCFrom(f *os.File, name string, offset int64) (*warcHeader, []byte, error) {
	if offset < 0 {
		_, err := f.Seek(offset, io.SeekStart) // the error readWARCAt always gave
		return nil, nil, err
	}
	r := warcReaders.Get().(*warcReader)
	defer warcReaders.Put(r)
	r.br.Reset(io.NewSectionReader(f, offset, math.MaxInt64-offset))
	h, block, err := readWARCRecord(r.br, &r.zr, 0)
	r.br.Reset(nil)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s at %d: %w", name, offset, err)
	}
	return h, block, nil
}

// warcFiles keeps the WARC files of an archive open while its records
// are read one after the other (ReadArchiveRun), instead of an open,
// seek and close for every record. Not safe for concurrent use.
type warcFiles struct {
	open map[string]*os.File
}

// maxOpenWARCs is the most files warcFiles keeps open at once.
const maxOpenWARCs = 16

// read reads the record at offset of the WARC file name (readWARCAt).
func (w *warcFiles) read(name string, offset int64) (*warcHeader, []byte, error) {
	f, ok := w.open[name]
	if !ok {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, nil, err
		}
		if len(w.open) >= maxOpenWARCs {
			w.close()
		}
		if w.open == nil {
			w.open = map[string]*os.File{}
		}
		w.open[name] = f
	}
	return readWARCFrom(f, name, offset)
}

// close closes the files kept open.
func (w *warcFiles) close() {
	for name, f := range w.open {
		f.Close()
		delete(w.open, name)
	}
}

// warcReader is what readWARCAt reads a record with; pooled, so that the
// gzip reader's decompressor (its 32 KB window) is reset, not made anew,
// for every record read.
type warcReader struct {
	br *bufio.Reader
	zr gzip.Reader
}

var warcReaders = sync.Pool{New: func() any { return &warcReader{br: bufio.NewReader(nil)} }}

// WARCRecordInfo describes one record met by ScanWARC.
type WARCRecordInfo struct {
	Offset        int64  // of the record's gzip member in the file
	Type          string // WARC-Type
	ID            string // WARC-Record-ID
	TargetURI     string
	PayloadDigest string
}

// ScanWARC reads every record of a gzipped WARC file in order, checking
// each record's framing, gzip checksum, block digest and, for response
// records, payload digest, and calls fn for each. A torn or corrupt record
// is an error naming its offset.
func ScanWARC(name string, fn func(WARCRecordInfo) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := &countingReader{r: f}
	br := bufio.NewReader(cr)
	var zr gzip.Reader
	for {
		off := cr.n - int64(br.Buffered())
		if _, err := br.Peek(1); err == io.EOF {
			return nil
		}
		h, block, err := readWARCRecord(br, &zr, 0)
		if err != nil {
			return fmt.Errorf("%s at offset %d: %w", name, off, err)
		}
		info := WARCRecordInfo{Offset: off, Type: h.get("WARC-Type"), ID: h.get("WARC-Record-ID"),
			TargetURI: h.get("WARC-Target-URI"), PayloadDigest: h.get("WARC-Payload-Digest")}
		if info.Type == "response" && info.PayloadDigest != "" {
			_, payload, err := splitHTTPResponse(block)
			if err != nil {
				return fmt.Errorf("%s at offset %d: %w", name, off, err)
			}
			if warcDigest(payload) != info.PayloadDigest {
				return fmt.Errorf("%s at offset %d: payload digest mismatch", name, off)
			}
		}
		if err := fn(info); err != nil {
			return err
		}
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// splitHTTPResponse parses the HTTP message of a response (or revisit)
// record block into its response head and payload.
func splitHTTPResponse(block []byte) (*http.Response, []byte, error) {
	i := bytes.Index(block, []byte("\r\n\r\n"))
	if i < 0 {
		return nil, nil, errors.New("http message without end of header")
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block[:i+4])), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("parsing http response: %w", err)
	}
	resp.Body.Close()
	return resp, block[i+4:], nil
}
