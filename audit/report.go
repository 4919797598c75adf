package audit

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/umzug/umzug"
)

// Report is what the writers render: the findings of one audit run and
// the facts around them.
type Report struct {
	Site        string          // the audited site (origin or file list)
	Pages       int             // pages audited
	GeneratedAt time.Time       // when the report was made
	Findings    []umzug.Finding // sorted by Sort
	Rules       []string        // the rules that ran (built-in and user)
	// Baseline is set when only findings new since a baseline are
	// reported; Fixed counts the baseline's findings that are gone.
	Baseline string
	Fixed    int
	Known    int // findings left out because the baseline had them
}

// ruleCount is one line of a summary.
type ruleCount struct {
	Rule     string
	Severity umzug.Severity // the highest of the rule's findings
	Count    int
	Pages    int
}

// countByRule groups findings by rule, rules with errors first.
func countByRule(fs []umzug.Finding) []ruleCount {
	by := map[string]*ruleCount{}
	pages := map[string]map[string]bool{}
	for _, f := range fs {
		c := by[f.Rule]
		if c == nil {
			c = &ruleCount{Rule: f.Rule}
			by[f.Rule] = c
			pages[f.Rule] = map[string]bool{}
		}
		c.Count++
		if f.Severity.Rank() > c.Severity.Rank() {
			c.Severity = f.Severity
		}
		if len(f.LinkedFrom) > 0 && (f.Rule == umzug.RuleBrokenLink || f.Rule == umzug.RuleBrokenImage) {
			for _, p := range f.LinkedFrom {
				pages[f.Rule][p] = true
			}
		} else {
			pages[f.Rule][f.URL] = true
			for _, p := range f.AlsoOn {
				pages[f.Rule][p] = true
			}
		}
	}
	var out []ruleCount
	for r, c := range by {
		c.Pages = len(pages[r])
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b ruleCount) int {
		return cmp.Or(cmp.Compare(b.Severity.Rank(), a.Severity.Rank()), cmp.Compare(b.Count, a.Count), strings.Compare(a.Rule, b.Rule))
	})
	return out
}

// CountBySeverity counts findings per severity.
func CountBySeverity(fs []umzug.Finding) map[umzug.Severity]int {
	out := map[umzug.Severity]int{}
	for _, f := range fs {
		out[f.Severity]++
	}
	return out
}

// WriteSummary writes the short summary: one line per rule with its
// count, then the totals. It is what migrate prints.
func WriteSummary(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	sev := CountBySeverity(r.Findings)
	fmt.Fprintf(bw, "Audit: %d finding%s on %d page%s (%d error%s, %d warning%s, %d info)",
		len(r.Findings), plural(len(r.Findings)), r.Pages, plural(r.Pages), sev[umzug.SeverityError], plural(sev[umzug.SeverityError]),
		sev[umzug.SeverityWarning], plural(sev[umzug.SeverityWarning]), sev[umzug.SeverityInfo])
	if r.Baseline != "" {
		fmt.Fprintf(bw, "; new since %s (%d known, %d fixed)", r.Baseline, r.Known, r.Fixed)
	}
	bw.WriteString("\n")
	for _, c := range countByRule(r.Findings) {
		fmt.Fprintf(bw, "  %-18s %-8s %4d on %d page%s\n", c.Rule, c.Severity, c.Count, c.Pages, plural(c.Pages))
	}
	return bw.Flush()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// WriteText writes the summary and then, grouped by rule, every finding
// with its page, element and evidence: the report for a terminal.
func WriteText(w io.Writer, r Report) error {
	if err := WriteSummary(w, r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for _, c := range countByRule(r.Findings) {
		fmt.Fprintf(bw, "\n%s (%s, %d)\n", c.Rule, c.Severity, c.Count)
		for _, f := range r.Findings {
			if f.Rule != c.Rule {
				continue
			}
			where := f.BlockKey
			if where == "" {
				where = f.Selector
			}
			fmt.Fprintf(bw, "  %-7s %s", f.Severity, f.URL)
			if where != "" {
				fmt.Fprintf(bw, " [%s]", where)
			}
			fmt.Fprintf(bw, "\n          %s\n", f.Message)
			if f.Evidence != "" {
				fmt.Fprintf(bw, "          %s\n", oneLine(f.Evidence))
			}
			if n := len(f.LinkedFrom); n > 0 {
				shown := f.LinkedFrom[:min(n, 3)]
				fmt.Fprintf(bw, "          linked from %s", strings.Join(shown, ", "))
				if n > 3 {
					fmt.Fprintf(bw, " and %d more", n-3)
				}
				bw.WriteString("\n")
			}
		}
	}
	return bw.Flush()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// WriteNDJSON writes one finding per line (UTF-8, no HTML escaping).
func WriteNDJSON(w io.Writer, fs []umzug.Finding) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, f := range fs {
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("writing findings: %w", err)
		}
	}
	return bw.Flush()
}

// ReadNDJSON reads findings written by WriteNDJSON (a previous run, for
// a baseline). Blank lines are skipped; a bad line is an error naming it.
func ReadNDJSON(r io.Reader) ([]umzug.Finding, error) {
	var out []umzug.Finding
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var f umzug.Finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if f.Rule == "" || f.URL == "" {
			return nil, fmt.Errorf("line %d: not a finding (no rule or url)", n)
		}
		out = append(out, f)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Since keeps the findings that are not in the baseline (by fingerprint)
// and counts the baseline's findings that are gone (fixed) and those that
// are still there (known).
func Since(current, baseline []umzug.Finding) (fresh []umzug.Finding, known, fixed int) {
	base := map[string]bool{}
	for _, f := range baseline {
		base[fingerprintOf(f)] = true
	}
	now := map[string]bool{}
	for _, f := range current {
		fp := fingerprintOf(f)
		now[fp] = true
		if base[fp] {
			known++
			continue
		}
		fresh = append(fresh, f)
	}
	for fp := range base {
		if !now[fp] {
			fixed++
		}
	}
	return fresh, known, fixed
}

func fingerprintOf(f umzug.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return umzug.FindingFingerprint(f, "")
}

// CSVOptions shape the CSV output. Excel makes the file open correctly in
// a German Excel: a UTF-8 byte order mark, ";" between fields, CRLF.
type CSVOptions struct {
	Excel bool
}

var csvHeader = []string{"severity", "rule", "url", "blockKey", "selector", "message", "evidence", "linkedFrom", "fingerprint"}

// WriteCSV writes a header and one row per finding, UTF-8.
func WriteCSV(w io.Writer, fs []umzug.Finding, o CSVOptions) error {
	if o.Excel {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if o.Excel {
		cw.Comma = ';'
		cw.UseCRLF = true
	}
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range fs {
		row := []string{string(f.Severity), f.Rule, f.URL, f.BlockKey, f.Selector, f.Message, oneLine(f.Evidence),
			strings.Join(f.LinkedFrom, " "), f.Fingerprint}
		if o.Excel {
			for i, v := range row {
				row[i] = excelSafe(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// excelSafe keeps Excel from reading a cell as a formula: page text may
// start with "=", "+", "-" or "@".
func excelSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// JUnit XML: one test suite per rule, one failing test case per finding;
// a rule without findings is one passing case, so CI shows what was
// checked.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Stamp    string      `xml:"timestamp,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the findings as JUnit XML.
func WriteJUnit(w io.Writer, r Report) error {
	rules := slices.Clone(r.Rules)
	for _, f := range r.Findings {
		if !slices.Contains(rules, f.Rule) {
			rules = append(rules, f.Rule)
		}
	}
	out := junitSuites{Name: "umzug audit " + r.Site}
	for _, rule := range rules {
		s := junitSuite{Name: rule, Time: "0"}
		if !r.GeneratedAt.IsZero() {
			s.Stamp = r.GeneratedAt.UTC().Format("2006-01-02T15:04:05")
		}
		for _, f := range r.Findings {
			if f.Rule != rule {
				continue
			}
			name := f.URL
			if f.BlockKey != "" {
				name += " " + f.BlockKey
			} else if f.Selector != "" {
				name += " " + f.Selector
			}
			text := f.Message
			if f.Evidence != "" {
				text += "\nevidence: " + oneLine(f.Evidence)
			}
			if f.Selector != "" {
				text += "\nselector: " + f.Selector
			}
			if len(f.LinkedFrom) > 0 {
				text += "\nlinked from:\n  " + strings.Join(f.LinkedFrom, "\n  ")
			}
			s.Cases = append(s.Cases, junitCase{Name: name, Classname: "umzug.audit." + rule, Time: "0",
				Failure: &junitFailure{Message: f.Message, Type: string(f.Severity), Text: xmlSafe(text)}})
			s.Failures++
		}
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: "no findings", Classname: "umzug.audit." + rule, Time: "0"}}
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing junit xml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// xmlSafe drops characters XML 1.0 cannot carry (control characters from
// broken pages), which encoding/xml would otherwise escape into invalid
// character references.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF) {
			return r
		}
		return -1
	}, s)
}
