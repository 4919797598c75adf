package umzug

import (
	"regexp"
	"slices"
	"strings"
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

// TestGroupTemplateFindings: a finding in the same template element with
// the same evidence on five or more pages is reported once, with the
// other pages in AlsoOn and a fingerprint without the URL; fewer pages,
// findings in content blocks and broken links stay one per page.
func TestGroupTemplateFindings(t *testing.T) {
	var fs []Finding
	footer := func(page string) Finding {
		return Finding{Rule: RulePlaceholderText, Severity: SeverityWarning, URL: "https://amt.example/" + page, Message: "dummy name or address",
			Evidence: "Uferstraße 12, 65999 Musterstadt", Selector: "#footer > p:nth-of-type(1)"}
	}
	for _, p := range []string{"f", "b", "e", "a", "d", "c"} {
		fs = append(fs, footer(p))
	}
	for _, p := range []string{"a", "b", "c", "d"} {
		f := footer(p)
		f.Selector = "#sidebar > p" // on four pages only
		fs = append(fs, f)
	}
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		f := footer(p)
		f.BlockKey = "c12" // in the content: each page's own
		fs = append(fs, f)
	}
	got := GroupTemplateFindings(slices.Clone(fs))
	if len(got) != 1+4+5 {
		t.Fatalf("%d findings; want 10: %+v", len(got), got)
	}
	g := got[0]
	if g.URL != "https://amt.example/a" || len(g.AlsoOn) != 5 || g.AlsoOn[0] != "https://amt.example/b" || g.AlsoOn[4] != "https://amt.example/f" {
		t.Errorf("grouped finding on %s, also on %q", g.URL, g.AlsoOn)
	}
	if !strings.Contains(g.Message, "page template of 6 pages") {
		t.Errorf("message %q does not say it is the template's", g.Message)
	}
	other := footer("z")
	other.URL = "https://amt.example/zz"
	if again := GroupTemplateFindings(append(slices.Clone(fs), other)); again[0].Fingerprint != g.Fingerprint || len(again[0].AlsoOn) != 6 {
		t.Errorf("the fingerprint changes with the pages: %s, then %s", g.Fingerprint, again[0].Fingerprint)
	}
	for _, f := range got[1:] {
		if len(f.AlsoOn) > 0 {
			t.Errorf("grouped: %+v", f)
		}
	}
	// Whatever order the pages came in (the crawl's), the group is the
	// finding of the first page by URL, with its evidence as printed.
	loud := slices.Clone(fs)
	loud[0].Evidence = "Uferstraße 12, 65999 MUSTERSTADT" // page f: the same folded
	reversed := slices.Clone(loud)
	slices.Reverse(reversed)
	for _, in := range [][]Finding{loud, reversed} {
		g := GroupTemplateFindings(slices.Clone(in))
		i := slices.IndexFunc(g, func(f Finding) bool { return len(f.AlsoOn) > 0 })
		if i < 0 || g[i].URL != "https://amt.example/a" || g[i].Evidence != "Uferstraße 12, 65999 Musterstadt" {
			t.Errorf("the group depends on the order of the findings: %+v", g)
		}
	}
}
