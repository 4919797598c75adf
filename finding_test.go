package umzug

import (
	"regexp"
	"slices"
	"testing"
)

func TestFindingFingerprint(t *testing.T) {
	base := Finding{Rule: RulePlaceholderText, URL: "https://a.example/s/", BlockKey: "c1", Selector: "#c1 > p", Evidence: "Lorem ipsum"}
	fp := FindingFingerprint(base, "")
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(fp) {
		t.Fatalf("fingerprint %q: want 16 hex digits", fp)
	}
	same := []Finding{
		{Rule: base.Rule, URL: base.URL + "#c1", BlockKey: "c1", Evidence: "Lorem ipsum"},                 // fragment ignored
		{Rule: base.Rule, URL: base.URL, BlockKey: "c1", Selector: "#other", Evidence: "Lorem ipsum"},     // the block key wins over the selector
		{Rule: base.Rule, URL: base.URL, BlockKey: "c1", Evidence: " LOREM\u00a0 ip\u00adsum "},           // case and white space folded
		{Rule: base.Rule, URL: base.URL, BlockKey: "c1", Evidence: "Lorem ipsum", Message: "other words"}, // messages may change
	}
	for _, f := range same {
		if got := FindingFingerprint(f, ""); got != fp {
			t.Errorf("FindingFingerprint(%+v) = %s; want %s as for %+v", f, got, fp, base)
		}
	}
	other := []Finding{
		{Rule: RulePlaceholderAlt, URL: base.URL, BlockKey: "c1", Evidence: "Lorem ipsum"},
		{Rule: base.Rule, URL: base.URL + "x/", BlockKey: "c1", Evidence: "Lorem ipsum"},
		{Rule: base.Rule, URL: base.URL, BlockKey: "c2", Evidence: "Lorem ipsum"},
		{Rule: base.Rule, URL: base.URL, Selector: "#c1 > p", Evidence: "Lorem ipsum"},
		{Rule: base.Rule, URL: base.URL, BlockKey: "c1", Evidence: "Dolor sit"},
	}
	for _, f := range other {
		if got := FindingFingerprint(f, ""); got == fp {
			t.Errorf("FindingFingerprint(%+v) = %s, the same as for %+v", f, got, base)
		}
	}
	if FindingFingerprint(base, "Lorem ipsum") != fp || FindingFingerprint(base, "matched") == fp {
		t.Error("detail does not stand for the evidence")
	}
}

func TestSortFindings(t *testing.T) {
	fs := []Finding{
		{Rule: "b", Severity: SeverityWarning, URL: "u1"},
		{Rule: "a", Severity: SeverityInfo, URL: "u1"},
		{Rule: "b", Severity: SeverityError, URL: "u2", BlockKey: "c2"},
		{Rule: "b", Severity: SeverityError, URL: "u2", BlockKey: "c1"},
		{Rule: "a", Severity: SeverityError, URL: "u3"},
		{Rule: "a", Severity: SeverityWarning, URL: "u1", Selector: "#x", Fingerprint: "2"},
		{Rule: "a", Severity: SeverityWarning, URL: "u1", Selector: "#x", Fingerprint: "1"},
	}
	SortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, string(f.Severity)+" "+f.Rule+" "+f.URL+" "+f.BlockKey+f.Selector+" "+f.Fingerprint)
	}
	want := []string{
		"error a u3  ", "error b u2 c1 ", "error b u2 c2 ",
		"warning a u1 #x 1", "warning a u1 #x 2", "warning b u1  ",
		"info a u1  ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%q\nwant\n%q", got, want)
	}
}
