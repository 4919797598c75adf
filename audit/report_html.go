package audit

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/umzug/umzug"
)

//go:embed report.html.tmpl
var htmlTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pageLink": func(f umzug.Finding) string {
		// Broken targets are not pages to look at: link the first page
		// that links there instead.
		if (f.Rule == umzug.RuleBrokenLink || f.Rule == umzug.RuleBrokenImage) && len(f.LinkedFrom) > 0 {
			return f.LinkedFrom[0]
		}
		if f.BlockKey != "" && !strings.Contains(f.URL, "#") {
			return f.URL + "#" + f.BlockKey
		}
		return f.URL
	},
	"pages": func(f umzug.Finding) string {
		ps := []string{f.URL}
		ps = append(ps, f.LinkedFrom...)
		return strings.Join(ps, " ")
	},
	"oneLine": oneLine,
}).Parse(htmlTemplate))

type htmlData struct {
	Report
	Counts   []ruleCount
	Severity map[string]int
	AllPages []string
	Title    string
}

// WriteHTML writes one self-contained HTML page: no external assets, so it
// works offline and as a mail attachment. Findings can be filtered by
// rule, severity and page (and a free text search); each links to the
// live page, at the element when its key is known. Without JavaScript it
// shows every finding.
func WriteHTML(w io.Writer, r Report) error {
	d := htmlData{Report: r, Counts: countByRule(r.Findings), Severity: map[string]int{}}
	for s, n := range CountBySeverity(r.Findings) {
		d.Severity[string(s)] = n
	}
	d.Title = "umzug audit"
	if r.Site != "" {
		d.Title += ": " + r.Site
	}
	seen := map[string]bool{}
	for _, f := range r.Findings {
		ps := []string{f.URL}
		if f.Rule == umzug.RuleBrokenLink || f.Rule == umzug.RuleBrokenImage {
			ps = f.LinkedFrom
		}
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				d.AllPages = append(d.AllPages, p)
			}
		}
	}
	slices.Sort(d.AllPages)
	if err := reportTmpl.Execute(w, d); err != nil {
		return fmt.Errorf("writing html report: %w", err)
	}
	return nil
}
