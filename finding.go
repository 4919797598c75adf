package umzug

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
