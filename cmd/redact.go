package cmd

import (
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// secretSet holds the credentials of a run (header values, passwords,
// tokens). Everything umzug writes to stderr (log lines, summaries, error
// messages) passes through redact, which replaces them; URLs lose their
// user info everywhere, by construction (extract.Canonicalize), and this
// is the second line of defence. The zero value and nil are ready to use.
type secretSet struct {
	mu     sync.RWMutex
	values []string
}

// minSecretLen: shorter values are not replaced blindly (a password
// "de" would blank out every "de"); URL user info and credential headers
// are still redacted by their syntax.
const minSecretLen = 4

func (s *secretSet) add(vs ...string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range vs {
		if len(v) >= minSecretLen && !slices.Contains(s.values, v) {
			s.values = append(s.values, v)
		}
	}
	// Longest first: a token that contains a password is replaced whole.
	slices.SortFunc(s.values, func(a, b string) int { return len(b) - len(a) })
}

var (
	// user info in a URL: "https://user:pass@host" -> "https://[redacted]@host"
	userinfoRe = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@"'<>]+@`)
	// a credential header written as text: "Authorization: Basic …"
	credHeaderRe = regexp.MustCompile(`(?i)\b(proxy-authorization|authorization|set-cookie|cookie)(["']?\s*[:=]\s*)[^\r\n"]+`)
)

// redact replaces the secrets and anything that looks like credentials
// in s.
func (s *secretSet) redact(str string) string {
	if s != nil {
		s.mu.RLock()
		for _, v := range s.values {
			if strings.Contains(str, v) {
				str = strings.ReplaceAll(str, v, "[redacted]")
			}
		}
		s.mu.RUnlock()
	}
	if strings.Contains(str, "@") {
		str = userinfoRe.ReplaceAllString(str, "${1}[redacted]@")
	}
	if strings.ContainsAny(str, ":=") {
		str = credHeaderRe.ReplaceAllString(str, "${1}${2}[redacted]")
	}
	return str
}

// maxLogURL is the longest URL a log line or summary shows whole.
const maxLogURL = 200

var urlRe = regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'<>]+`)

// shortenURLs shortens every URL in s longer than maxLogURL to its start
// and end with the number of characters left out: a 100,000-character URL
// does not flood the log (the export keeps it whole).
func shortenURLs(s string) string {
	if len(s) <= maxLogURL {
		return s
	}
	return urlRe.ReplaceAllStringFunc(s, shortenURL)
}

// shortenURL shortens one URL longer than maxLogURL.
func shortenURL(u string) string {
	if len(u) <= maxLogURL {
		return u
	}
	head, tail := u[:140], u[len(u)-40:]
	for len(head) > 0 && !isRuneStart(head[len(head)-1]) {
		head = head[:len(head)-1]
	}
	for len(tail) > 0 && !isRuneStart(tail[0]) {
		tail = tail[1:]
	}
	return fmt.Sprintf("%s…[%d chars]…%s", head, len(u)-len(head)-len(tail), tail)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// cleanLogValue is slog's ReplaceAttr for every handler umzug builds:
// secrets redacted, long URLs shortened, in messages, strings and errors.
func (s *secretSet) cleanLogValue(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(shortenURLs(s.redact(a.Value.String())))
	case slog.KindAny:
		switch v := a.Value.Any().(type) {
		case error:
			a.Value = slog.StringValue(shortenURLs(s.redact(v.Error())))
		case fmt.Stringer:
			a.Value = slog.StringValue(shortenURLs(s.redact(v.String())))
		case []string:
			out := make([]string, len(v))
			for i, x := range v {
				out[i] = shortenURLs(s.redact(x))
			}
			a.Value = slog.AnyValue(out)
		}
	}
	return a
}
