package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
)

// SnapshotFailure reports whether s stands for a URL the run got no usable
// response for, and why: no response after all attempts (warning
// "fetch-failed"), an archive record that cannot be read ("archive-error"),
// or a response without the page's content: 5xx, 401, 403, 407 and 429
// (after the retries). 404 and 410 are answers, not failures: the old
// site does not have the page.
func SnapshotFailure(s *umzug.Snapshot) (umzug.Failure, bool) {
	f := umzug.Failure{URL: s.URL, LinkedFrom: s.LinkedFrom, Record: s.ArchiveRef}
	for _, w := range s.Warnings {
		switch w.Code {
		case "archive-error":
			f.Reason, f.Stage, f.Message = umzug.ReasonArchiveUnreadable, umzug.StageArchive, w.Message
			return f, true
		case "fetch-failed":
			f.Reason, f.Stage, f.Message = FetchErrorReason(w.Message), umzug.StageFetch, w.Message
			return f, true
		}
	}
	if FailedStatus(s.Status) {
		f.Reason, f.Stage = fmt.Sprintf("http-%d", s.Status), umzug.StageFetch
		f.Message = fmt.Sprintf("HTTP %d", s.Status)
		for _, w := range s.Warnings {
			if w.Code == "fetch-warning" && strings.Contains(w.Message, "attempts") {
				f.Message = w.Message
			}
		}
		return f, true
	}
	return umzug.Failure{}, false
}

// FailedStatus reports an HTTP status whose response does not carry the
// page: server errors, refused access, rate limits that outlasted the
// retries.
func FailedStatus(status int) bool {
	switch {
	case status >= 500:
		return true
	case status == 401, status == 403, status == 407, status == 429:
		return true
	}
	return false
}

var httpStatusRe = regexp.MustCompile(`\bHTTP ([1-5][0-9][0-9])\b`)

// FetchErrorReason classifies the message of a fetch error into a
// failure reason (umzug.Reason*).
func FetchErrorReason(msg string) string {
	m := strings.ToLower(msg)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(m, s) {
				return true
			}
		}
		return false
	}
	if m := httpStatusRe.FindStringSubmatch(msg); m != nil {
		if st, _ := strconv.Atoi(m[1]); FailedStatus(st) {
			return "http-" + m[1]
		}
	}
	switch {
	case has("redirects"):
		return umzug.ReasonTooManyRedirects
	case has("no such host", "server misbehaving", "connection refused", "no route to host", "network is unreachable", "host is down", "lookup "):
		return umzug.ReasonUnreachable
	case has("timeout", "deadline exceeded", "timed out"):
		return umzug.ReasonTimeout
	case has("tls:", "x509:", "certificate"):
		return umzug.ReasonTLS
	case has("reset", "eof", "truncated", "broken pipe", "server closed", "connection closed"):
		return umzug.ReasonConnectionReset
	}
	return umzug.ReasonFetchError
}
