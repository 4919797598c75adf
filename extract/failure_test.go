package extract

import (
	"testing"

	"github.com/umzug/umzug"
)

func TestFetchErrorReason(t *testing.T) {
	tests := []struct{ msg, want string }{
		{`dial tcp: lookup www.exmaple.de: no such host`, umzug.ReasonUnreachable},
		{`dial tcp 127.0.0.1:9: connect: connection refused (gave up after 4 attempts)`, umzug.ReasonUnreachable},
		{`net/http: timeout awaiting response headers (gave up after 2 attempts)`, umzug.ReasonTimeout},
		{`truncated body: read 800 bytes: context deadline exceeded`, umzug.ReasonTimeout},
		{`truncated body: read 38 bytes: unexpected EOF`, umzug.ReasonConnectionReset},
		{`read tcp: connection reset by peer`, umzug.ReasonConnectionReset},
		{`tls: failed to verify certificate: x509: certificate signed by unknown authority`, umzug.ReasonTLS},
		{`Get "/r/10/": stopped after 10 redirects`, umzug.ReasonTooManyRedirects},
		{`robots.txt answered HTTP 503: nothing on the host is fetched`, "http-503"},
		{`something else`, umzug.ReasonFetchError},
	}
	for _, tt := range tests {
		if got := FetchErrorReason(tt.msg); got != tt.want {
			t.Errorf("FetchErrorReason(%q) = %q; want %q", tt.msg, got, tt.want)
		}
	}
}

func TestSnapshotFailure(t *testing.T) {
	tests := []struct {
		s    umzug.Snapshot
		want string // reason, "" for none
	}{
		{umzug.Snapshot{Status: 200}, ""},
		{umzug.Snapshot{Status: 304}, ""},
		{umzug.Snapshot{Status: 404}, ""},
		{umzug.Snapshot{Status: 410}, ""},
		{umzug.Snapshot{Status: 302}, ""},
		{umzug.Snapshot{Status: 500}, "http-500"},
		{umzug.Snapshot{Status: 401}, "http-401"},
		{umzug.Snapshot{Status: 429, Warnings: []umzug.Warning{{Code: "fetch-warning", Message: "HTTP 429 after 4 attempts"}}}, "http-429"},
		{umzug.Snapshot{Warnings: []umzug.Warning{{Code: "fetch-failed", Message: "i/o timeout"}}}, umzug.ReasonTimeout},
		{umzug.Snapshot{ArchiveRef: "warc/a.warc.gz#12", Warnings: []umzug.Warning{{Code: "archive-error", Message: "record warc/a.warc.gz#12 unreadable: EOF"}}}, umzug.ReasonArchiveUnreadable},
	}
	for _, tt := range tests {
		tt.s.URL = "https://www.example.de/a/"
		f, failed := SnapshotFailure(&tt.s)
		if failed != (tt.want != "") || f.Reason != tt.want {
			t.Errorf("SnapshotFailure(status %d, %v) = %+v, %v; want reason %q", tt.s.Status, tt.s.Warnings, f, failed, tt.want)
			continue
		}
		if failed && (f.URL != tt.s.URL || f.Message == "" || f.Stage == "" || f.Record != tt.s.ArchiveRef) {
			t.Errorf("failure %+v lacks URL, message, stage or record", f)
		}
	}
}
