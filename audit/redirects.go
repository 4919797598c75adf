package audit

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/textutil"
)

// Redirects finds redirect loops and chains on the old site:
//
//   - redirect-loop (error): a redirect that leads back to a URL it came
//     from, within one fetch (a → b → a) or across redirect stubs whose
//     targets were fetched on their own, and a fetch that gave up after
//     too many redirects. Visitors of such a URL never see a page.
//   - redirect-chain (warning): a URL that reaches its page only after
//     two or more redirects. The new site's redirect map points every old
//     URL at its page directly; the chain is worth knowing about before
//     the move (and its first hops were often mistakes).
//
// Page is called for every fetched snapshot, Findings once at the end
// (loops across stubs are known only when every stub is).
type Redirects struct {
	a *Auditor

	mu       sync.Mutex
	stubs    map[string]stub // URL answered with a redirect whose target was fetched on its own
	findings []umzug.Finding
}

type stub struct {
	target     string
	status     int
	linkedFrom string
}

// NewRedirects returns the redirect rules, reporting with a's
// configuration (disabled rules, severities, URL mapping).
func NewRedirects(a *Auditor) *Redirects {
	return &Redirects{a: a, stubs: map[string]stub{}}
}

// Page records the redirects of one snapshot.
func (r *Redirects) Page(s *umzug.Snapshot) {
	if r == nil {
		return
	}
	var out []umzug.Finding
	linked := func(f umzug.Finding) umzug.Finding {
		if s.LinkedFrom != "" {
			f.LinkedFrom = []string{s.LinkedFrom}
		}
		return f
	}
	if msg := fetchFailed(s); msg != "" && strings.Contains(msg, "redirects") {
		out = append(out, linked(umzug.Finding{Rule: umzug.RuleRedirectLoop, Severity: umzug.SeverityError, URL: s.URL,
			Message: "redirects without end: " + msg}))
	}
	hops := make([]string, 0, len(s.Redirects)+1)
	for _, h := range s.Redirects {
		hops = append(hops, r.canon(h.URL))
	}
	final := r.canon(s.FinalURL)
	stubbed := s.Status >= 300 && s.Status < 400 && s.Status != 304 && final != ""
	switch {
	case stubbed && (final == r.canon(s.URL) || slices.Contains(hops, final)):
		out = append(out, linked(umzug.Finding{Rule: umzug.RuleRedirectLoop, Severity: umzug.SeverityError, URL: s.URL,
			Message:  "redirect loop: the URL redirects back to itself",
			Evidence: r.chainText(append(append(hops, "…"), final), statuses(s))}))
	case stubbed:
		r.mu.Lock()
		r.stubs[r.canon(s.URL)] = stub{target: final, status: s.Status, linkedFrom: s.LinkedFrom}
		r.mu.Unlock()
	case len(s.Redirects) >= 2 && s.Status < 300:
		out = append(out, linked(umzug.Finding{Rule: umzug.RuleRedirectChain, Severity: umzug.SeverityWarning, URL: s.URL,
			Message:  fmt.Sprintf("%d redirects before the page", len(s.Redirects)),
			Evidence: r.chainText(append(hops, final), statuses(s))}))
	}
	if len(out) == 0 {
		return
	}
	out = r.a.finish(out)
	r.mu.Lock()
	r.findings = append(r.findings, out...)
	r.mu.Unlock()
}

// Findings returns the findings of every page seen, with the loops and
// chains made of redirect stubs.
func (r *Redirects) Findings() []umzug.Finding {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.findings)
	var more []umzug.Finding
	froms := make([]string, 0, len(r.stubs))
	for u := range r.stubs {
		froms = append(froms, u)
	}
	slices.Sort(froms)
	for _, from := range froms {
		path := []string{from}
		seen := map[string]bool{from: true}
		loop := false
		for cur := from; ; {
			st, ok := r.stubs[cur]
			if !ok {
				break
			}
			path = append(path, st.target)
			if seen[st.target] {
				loop = true
				break
			}
			seen[st.target] = true
			cur = st.target
			if len(path) > 50 {
				break
			}
		}
		first := r.stubs[from]
		var lf []string
		if first.linkedFrom != "" {
			lf = []string{first.linkedFrom}
		}
		switch {
		case loop:
			more = append(more, umzug.Finding{Rule: umzug.RuleRedirectLoop, Severity: umzug.SeverityError, URL: from,
				Message: "redirect loop: following the redirects comes back to a URL already passed", Evidence: r.chainText(path, nil), LinkedFrom: lf})
		case len(path) >= 3:
			more = append(more, umzug.Finding{Rule: umzug.RuleRedirectChain, Severity: umzug.SeverityWarning, URL: from,
				Message: fmt.Sprintf("%d redirects before the page", len(path)-1), Evidence: r.chainText(path, nil), LinkedFrom: lf})
		}
	}
	return append(out, r.a.finish(more)...)
}

func (r *Redirects) canon(u string) string {
	if u == "" {
		return ""
	}
	return r.a.canon(u)
}

func statuses(s *umzug.Snapshot) []int {
	out := make([]int, len(s.Redirects))
	for i, h := range s.Redirects {
		out[i] = h.Status
	}
	return out
}

// chainText writes a chain as "a →301 b →302 c" (statuses when known),
// each URL mapped as findings show it and shortened.
func (r *Redirects) chainText(urls []string, status []int) string {
	var b strings.Builder
	for i, u := range urls {
		if i > 0 {
			b.WriteString(" →")
			if i-1 < len(status) {
				fmt.Fprint(&b, status[i-1])
			}
			b.WriteString(" ")
		}
		b.WriteString(textutil.Truncate(r.a.mapURL(u), 160))
	}
	return textutil.Truncate(b.String(), 1000)
}
