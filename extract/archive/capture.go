package archive

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/umzug/umzug"
)

// Capture is everything one fetch adds to the archive, written and
// committed together: the request and response records of each exchange
// (or, when no response came, a metadata record with the error), an index
// row, the frontier rows of the links found and the URL's aliases.
type Capture struct {
	// Snapshot is what the crawl delivers once the capture is committed;
	// Commit fills its ArchiveRef.
	Snapshot *umzug.Snapshot
	// URL is the frontier entry that was fetched.
	URL FrontierRow
	// Exchanges are the redirect hops, then the final response; none when
	// no response came (Err says why).
	Exchanges []Exchange
	// Kind is page, asset, redirect, error, failed or unchanged.
	Kind string
	// Body is the content-decoded body of the final response (for its
	// length); Previous, for an unchanged capture, the earlier capture
	// that holds it.
	Body     []byte
	Previous Previous
	Attempts int
	Err      string // failed: why
	Frontier []FrontierRow
	Aliases  []Alias

	members [][]byte // the records as gzip members, made by Prepare
	row     *captureRow
}

// Exchange is one request and its response, as the transport saw them.
type Exchange struct {
	Request   *http.Request
	Proto     string
	Status    int
	Header    http.Header
	Raw       []byte // the payload as received, content coding included
	Started   time.Time
	FetchedAt time.Time
	IP        string
	Truncated string // WARC-Truncated reason, "" when whole
}

// Alias is a URL recorded as another name of a URL: a variant of it, a
// redirect to it, a page of the same content.
type Alias struct{ Alias, URL, Reason string }

// Prepare turns a capture into WARC records (gzip members) and its index
// row, ready for Commit. It only reads the archive's settings, so the
// fetching goroutines may run it in parallel. An error (only of a broken
// compressor) leaves the record out.
func (a *Archive) Prepare(c *Capture) error {
	var recs []*warcRecord
	if c.Kind == "failed" {
		recs = a.failureRecords(c)
	} else {
		recs = a.exchangeRecords(c)
	}
	var first error
	for _, r := range recs {
		m, err := r.gzipMember(gzipLevel)
		if err != nil {
			first = cmp.Or(first, fmt.Errorf("serialising WARC record of %s: %w", c.URL.URL, err))
			continue
		}
		c.members = append(c.members, m)
	}
	return first
}

// failureRecords is the metadata record of a URL that got no response.
func (a *Archive) failureRecords(c *Capture) []*warcRecord {
	s := c.Snapshot
	rec := &warcRecord{typ: "metadata", id: newRecordID(), fields: []warcField{
		{"WARC-Target-URI", c.URL.URL}, {"WARC-Date", warcDate(s.FetchedAt)}, {"Content-Type", "application/warc-fields"},
	}}
	rec.block = []byte(fmt.Sprintf("fetch-error: %s\r\nattempts: %d\r\n", oneLine(c.Err), c.Attempts))
	rec.fields = append(rec.fields, warcField{"WARC-Block-Digest", warcDigest(rec.block)})
	c.row = &captureRow{url: c.URL.URL, finalURL: c.URL.URL, kind: "failed", record: 0, fetchedAt: s.FetchedAt,
		attempts: c.Attempts, depth: c.URL.Depth, linkedFrom: c.URL.From, errMsg: c.Err}
	return []*warcRecord{rec}
}

func oneLine(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }

// exchangeRecords are the request and response (or revisit) records of
// the exchanges of a fetch.
func (a *Archive) exchangeRecords(c *Capture) []*warcRecord {
	var recs []*warcRecord
	recIdx := -1
	s, prev := c.Snapshot, c.Previous
	for i, ex := range c.Exchanges {
		respID := newRecordID()
		reqRec := &warcRecord{typ: "request", id: newRecordID(), fields: []warcField{
			{"WARC-Target-URI", ex.Request.URL.String()},
			{"WARC-Date", warcDate(ex.Started)},
			{"WARC-Concurrent-To", respID},
			{"Content-Type", "application/http;msgtype=request"},
		}}
		reqRec.block = httpRequestBlock(ex.Request, a.sensitive)
		reqRec.fields = append(reqRec.fields, warcField{"WARC-Block-Digest", warcDigest(reqRec.block)})
		head := httpResponseHead(ex.Proto, ex.Status, ex.Header)
		block := make([]byte, 0, len(head)+len(ex.Raw))
		block = append(append(block, head...), ex.Raw...)
		fields := []warcField{
			{"WARC-Target-URI", ex.Request.URL.String()},
			{"WARC-Date", warcDate(ex.FetchedAt)},
		}
		if ex.IP != "" {
			fields = append(fields, warcField{"WARC-IP-Address", ex.IP})
		}
		typ := "response"
		if i == len(c.Exchanges)-1 && c.Kind == "unchanged" {
			typ = "revisit"
			block = head
			fields = append(fields,
				warcField{"WARC-Profile", revisitNotModify},
				warcField{"WARC-Refers-To-Target-URI", c.URL.URL},
				warcField{"WARC-Refers-To-Date", prev.fetchedAtWARC()},
			)
		} else {
			fields = append(fields, warcField{"WARC-Payload-Digest", warcDigest(ex.Raw)})
			if ex.Truncated != "" {
				fields = append(fields, warcField{"WARC-Truncated", ex.Truncated})
			}
		}
		fields = append(fields,
			warcField{"Content-Type", "application/http;msgtype=response"},
			warcField{"WARC-Block-Digest", warcDigest(block)})
		respRec := &warcRecord{typ: typ, id: respID, fields: fields, block: block}
		recs = append(recs, reqRec, respRec)
		recIdx = len(recs) - 1
	}
	final := c.Exchanges[len(c.Exchanges)-1]
	row := &captureRow{
		url: c.URL.URL, finalURL: s.FinalURL, redirects: s.Redirects, status: final.Status, kind: c.Kind,
		contentType: s.ContentType, etag: final.Header.Get("ETag"), lastModified: final.Header.Get("Last-Modified"),
		sha: s.RawSHA256, length: len(c.Body), record: recIdx,
		fetchedAt: s.FetchedAt, attempts: c.Attempts, depth: c.URL.Depth, linkedFrom: c.URL.From, warnings: s.Warnings,
	}
	if c.Kind == "unchanged" {
		row.payloadFile, row.payloadOffset = prev.payloadFile, prev.payloadOffset
		row.etag = firstNonEmpty(row.etag, prev.ETag)
		row.lastModified = firstNonEmpty(row.lastModified, prev.LastModified)
	}
	c.row = row
	return recs
}

func (p Previous) fetchedAtWARC() string {
	t, err := time.Parse(time.RFC3339Nano, p.fetchedAt)
	if err != nil {
		return p.fetchedAt
	}
	return warcDate(t)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
