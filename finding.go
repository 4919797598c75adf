package umzug

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Severity of a finding, ordered: info < warning < error.
type Severity string

// Severities.
const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Rank orders severities; unknown severities rank lowest.
func (s Severity) Rank() int {
	switch s {
	case SeverityInfo:
		return 1
	case SeverityWarning:
		return 2
	case SeverityError:
		return 3
	}
	return 0
}

// Rule ids of the audit (see DESIGN.md); they are stable and part of the
// export contract.
const (
	RuleBrokenElement    = "broken-element"
	RulePlaceholderText  = "placeholder-text"
	RulePlaceholderAlt   = "placeholder-alt"
	RuleMissingAlt       = "missing-alt"
	RuleEmptyElement     = "empty-element"
	RuleBrokenLink       = "broken-link"
	RuleBrokenImage      = "broken-image"
	RuleServerError      = "server-error"
	RuleDuplicateContent = "duplicate-content"
	RuleMixedContent     = "mixed-content"
	RuleRedirectLoop     = "redirect-loop"
	RuleRedirectChain    = "redirect-chain"
)

// Finding is one audit result.
type Finding struct {
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	URL        string   `json:"url"`
	Message    string   `json:"message"`
	Evidence   string   `json:"evidence,omitempty"`
	Selector   string   `json:"selector,omitempty"`
	BlockKey   string   `json:"blockKey,omitempty"`
	LinkedFrom []string `json:"linkedFrom,omitempty"`
	// AlsoOn lists the other pages where the same element of the page
	// template shows the same thing (GroupTemplateFindings): one defect
	// to fix once, reported once.
	AlsoOn []string `json:"alsoOn,omitempty"`
	// Fingerprint identifies the finding across runs (rule, URL, element
	// and what was matched), so a nightly audit can report only new ones.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// FindingFingerprint identifies a finding across runs: rule, URL without
// fragment, block key (or, without one, the selector) and what was
// matched, case and white space folded (VisibleText). Evidence context and
// messages may change without making an old finding new, so a nightly
// audit with a baseline reports only new ones. detail is what was
// matched; "" uses the evidence.
func FindingFingerprint(f Finding, detail string) string {
	u := f.URL
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	where := f.BlockKey
	if where == "" {
		where = f.Selector
	}
	if detail == "" {
		detail = f.Evidence
	}
	h := sha256.Sum256([]byte(f.Rule + "\x00" + u + "\x00" + where + "\x00" + strings.ToLower(VisibleText(detail))))
	return hex.EncodeToString(h[:8])
}

// SortFindings orders findings by severity (errors first), rule, URL,
// block key, selector and fingerprint, so reports and exports are stable
// whichever stage found them.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.URL, b.URL),
			strings.Compare(a.BlockKey, b.BlockKey),
			strings.Compare(a.Selector, b.Selector),
			strings.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
}

// TemplatePages is how many pages must show the same finding in the same
// element for GroupTemplateFindings to report it once.
const TemplatePages = 5

// GroupTemplateFindings reports a defect of the page template once: the
// findings of one rule in an element outside the content blocks (no block
// key: a footer, a header, a sidebar) with the same selector and the same
// evidence on at least TemplatePages pages become one finding on the
// first of those pages (by URL), the others in AlsoOn, and the message
// says so. Its fingerprint leaves the URL out, so it stays the same as
// pages come and go. Other findings are returned as they are, in order.
func GroupTemplateFindings(fs []Finding) []Finding {
	type key struct{ rule, selector, evidence string }
	keyOf := func(f *Finding) (key, bool) {
		if f.BlockKey != "" || f.Selector == "" || len(f.LinkedFrom) > 0 {
			return key{}, false
		}
		return key{f.Rule, f.Selector, strings.ToLower(VisibleText(f.Evidence))}, true
	}
	pages := map[key][]string{}
	// rep is the finding a group is reported as: the one on the first
	// page by URL (then by message and evidence), whatever order the
	// findings came in.
	rep := map[key]Finding{}
	for i := range fs {
		if k, ok := keyOf(&fs[i]); ok {
			pages[k] = append(pages[k], fs[i].URL)
			if r, seen := rep[k]; !seen || cmp.Or(strings.Compare(fs[i].URL, r.URL), strings.Compare(fs[i].Message, r.Message), strings.Compare(fs[i].Evidence, r.Evidence)) < 0 {
				rep[k] = fs[i]
			}
		}
	}
	grouped := false
	for k, urls := range pages {
		slices.Sort(urls)
		urls = slices.Compact(urls)
		if len(urls) < TemplatePages {
			delete(pages, k)
			continue
		}
		pages[k] = urls
		grouped = true
	}
	if !grouped {
		return fs
	}
	out := fs[:0:0]
	done := map[key]bool{}
	for _, f := range fs {
		k, ok := keyOf(&f)
		urls := pages[k]
		if !ok || urls == nil {
			out = append(out, f)
			continue
		}
		if done[k] {
			continue
		}
		done[k] = true
		f = rep[k]
		f.URL, f.AlsoOn = urls[0], urls[1:]
		f.Message += fmt.Sprintf(" (the same in the page template of %d pages)", len(urls))
		f.Fingerprint = FindingFingerprint(Finding{Rule: f.Rule, Selector: f.Selector, Evidence: f.Evidence}, "")
		out = append(out, f)
	}
	return out
}
