package audit

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
)

func sampleFindings() []umzug.Finding {
	fs := []umzug.Finding{
		{Rule: "placeholder-text", Severity: "warning", URL: "https://a.example/s/", Message: "Lorem ipsum dummy text", Evidence: "=Lorem ipsum; \"quoted\"", Selector: "#c1 > p", BlockKey: "c1"},
		{Rule: "broken-element", Severity: "error", URL: "https://a.example/s/", Message: "CMS error", Evidence: "ERROR: Content Element … <b>", BlockKey: "c2", Selector: "#c2"},
		{Rule: "broken-link", Severity: "error", URL: "https://a.example/weg/", Message: "HTTP 404, linked from 2 pages", Evidence: `<a href="/weg/">Weg</a>`, LinkedFrom: []string{"https://a.example/a/", "https://a.example/b/"}},
		{Rule: "missing-alt", Severity: "warning", URL: "https://a.example/b/", Message: "image without alt attribute", Evidence: "<img src=\"/x.jpg\">\x01", Selector: "#logo > img"},
	}
	for i := range fs {
		fs[i].Fingerprint = umzug.FindingFingerprint(fs[i], "")
	}
	umzug.SortFindings(fs)
	return fs
}

func sampleReport() Report {
	return Report{Site: "https://a.example/", Pages: 3, GeneratedAt: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
		Findings: sampleFindings(), Rules: BuiltinRules}
}

func TestSortErrorsFirst(t *testing.T) {
	fs := sampleFindings()
	if fs[0].Severity != "error" || fs[len(fs)-1].Severity != "warning" || fs[0].Rule != "broken-element" {
		t.Errorf("order: %v", dump(fs))
	}
}

func TestNDJSONRoundTripAndBaseline(t *testing.T) {
	var b bytes.Buffer
	if err := WriteNDJSON(&b, sampleFindings()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `\u003c`) {
		t.Errorf("NDJSON escapes HTML: %s", b.String())
	}
	back, err := ReadNDJSON(&b)
	if err != nil || len(back) != 4 {
		t.Fatalf("ReadNDJSON: %d findings, %v", len(back), err)
	}
	cur := append(sampleFindings()[1:], umzug.Finding{Rule: "placeholder-alt", Severity: "warning", URL: "https://a.example/n/", Evidence: "alt=\"Bild\""})
	fresh, known, fixed := Since(cur, back)
	if len(fresh) != 1 || fresh[0].Rule != "placeholder-alt" || known != 3 || fixed != 1 {
		t.Errorf("Since: fresh %v, known %d, fixed %d; want the new placeholder-alt, 3 known, 1 fixed", dump(fresh), known, fixed)
	}
	if _, err := ReadNDJSON(strings.NewReader("{\"rule\":\"x\",\"url\":\"u\"}\nnot json\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: err %v; want one naming line 2", err)
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sampleFindings(), CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 5 || rows[0][0] != "severity" || len(rows[1]) != len(csvHeader) {
		t.Fatalf("plain CSV: %d rows, %v", len(rows), err)
	}
	b.Reset()
	if err := WriteCSV(&b, sampleFindings(), CSVOptions{Excel: true}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\ufeffseverity;rule;") || !strings.Contains(out, "\r\n") {
		t.Errorf("Excel CSV must start with a BOM and use ';' and CRLF: %q", out[:min(len(out), 60)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	r.Comma = ';'
	rows, err = r.ReadAll()
	if err != nil || len(rows) != 5 {
		t.Fatalf("Excel CSV: %d rows, %v", len(rows), err)
	}
	for _, row := range rows[1:] {
		if row[6] != "" && strings.HasPrefix(row[6], "=") {
			t.Errorf("cell %q would be a formula in Excel", row[6])
		}
	}
}

func TestJUnit(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("JUnit output is not XML: %v\n%s", err, b.String())
	}
	if got.Failures != 4 || len(got.Suites) != len(BuiltinRules) || got.Tests != 4+len(BuiltinRules)-4 {
		t.Errorf("tests %d, failures %d, suites %d", got.Tests, got.Failures, len(got.Suites))
	}
	for _, s := range got.Suites {
		if s.Name == "broken-link" && (s.Failures != 1 || !strings.Contains(s.Cases[0].Failure.Text, "https://a.example/b/")) {
			t.Errorf("broken-link suite %+v lacks the linking pages", s)
		}
	}
}

func TestTextAndSummary(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Audit: 4 findings on 3 pages (2 errors, 2 warnings, 0 info)",
		"  broken-element     error       1 on 1 page\n",
		"  broken-link        error       1 on 2 pages\n",
		"linked from https://a.example/a/, https://a.example/b/",
		"[c1]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

func TestHTMLIsSelfContainedAndFilterable(t *testing.T) {
	var b bytes.Buffer
	r := sampleReport()
	r.Findings = append(r.Findings, umzug.Finding{Rule: "placeholder-text", Severity: "warning", URL: "javascript:alert(1)", Message: "</script><script>alert(1)</script>"})
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// No external assets: no src= or stylesheet href= at all; links only
	// to the audited pages.
	if m := regexp.MustCompile(`(?i)<(script|img|link|iframe)[^>]+(src|href)=`).FindString(out); m != "" {
		t.Errorf("HTML report loads an asset: %s", m)
	}
	if strings.Contains(out, "<script>alert(1)") || strings.Contains(out, `href="javascript:`) {
		t.Errorf("page text is not escaped")
	}
	if n := strings.Count(out, `<tr class="finding"`); n != 5 {
		t.Errorf("%d finding rows; want 5", n)
	}
	for _, want := range []string{`id="f-rule"`, `id="f-severity"`, `id="f-page"`, `data-rule="broken-link"`,
		`href="https://a.example/s/#c1"`, `<option value="https://a.example/b/">`, `Content-Security-Policy`} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %s", want)
		}
	}
}

func TestConfig(t *testing.T) {
	good := `
audit:
  disable: [missing-alt]
  severity: {empty-element: info, old-name: error}
  rules:
    - id: old-name
      message: the ministry's old name
      phrases: ["Ministerium für Infrastruktur und Landwirtschaft"]
      regexps: ['\bTMIL\b']
      scope: [text, alt, title]
      urls: ['/presse/']
`
	c, err := ParseConfig(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Config: c})
	if err != nil {
		t.Fatal(err)
	}
	body := pageHTML(`<div id="c1"><p>Das Thüringer Ministerium für Infrastruktur
 und Landwirtschaft (TMIL) lädt ein.</p><img src="/a.jpg" alt="Logo TMIL"><img src="/b.jpg"></div>`)
	fs := a.Page(snap("https://a.example/presse/x/", 200, body), nil)
	n := 0
	for _, f := range fs {
		switch f.Rule {
		case "old-name":
			n++
			if f.Severity != "error" {
				t.Errorf("severity override not applied: %+v", f)
			}
		case umzug.RuleMissingAlt:
			t.Errorf("missing-alt is disabled: %+v", f)
		}
	}
	if n != 2 {
		t.Errorf("user rule: %d findings; want one in the text, one in the alt:%s", n, dump(fs))
	}
	if fs := a.Page(snap("https://a.example/themen/x/", 200, body), nil); len(fs) != 0 {
		t.Errorf("user rule outside its urls scope:%s", dump(fs))
	}

	bad := []struct{ yaml, want string }{
		{"rules:\n  - id: x\n    phrase: [a]\n", "field phrase not found"},
		{"rules:\n  - id: placeholder-text\n    phrases: [a]\n", "taken by a built-in"},
		{"rules:\n  - id: x\n    regexps: ['(']\n", "rules[0] (x)"},
		{"rules:\n  - id: x\n", "give phrases or regexps"},
		{"rules:\n  - id: x\n    phrases: [a]\n    severity: fatal\n", `severity "fatal"`},
		{"rules:\n  - id: x\n    phrases: [a]\n    scope: [css]\n", `scope "css"`},
		{"disable: [missing-alts]\n", `unknown rule "missing-alts"`},
		{"severity: {nope: info}\n", `unknown rule "nope"`},
		{"rules: [\n", "parsing audit config"},
	}
	for _, tt := range bad {
		if _, err := ParseConfig(strings.NewReader(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseConfig(%q) = %v; want an error with %q", tt.yaml, err, tt.want)
		}
	}
}
