package umzug

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
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
