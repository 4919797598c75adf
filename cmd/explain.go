package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/crawl"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/pipeline"
)

// explainer is what explain needs of *html.Parser.
type explainer interface {
	Explain(r io.Reader, pageURL string) (html.Explanation, error)
}

// explainRun prints, for one saved page or URL, every run of its visible
// text marked kept, field or dropped with the reason: what extraction did,
// readable in a minute.
func explainRun(ctx context.Context, ios *IOStreams, opts *ExtractOptions, parser explainer, target string) error {
	var baseURL string
	if !isHTTPURL(target) {
		// A saved page gets its URL as extract gives it: --base-url (joined
		// below --root when given) or its line in --url-map.
		urls, err := opts.SavedPages.urls([]string{target})
		if err != nil {
			return err
		}
		baseURL = urls[target]
	}
	// The one page asked for gave nothing: exit 5, as extract does.
	body, pageURL, err := loadExplainTarget(ctx, target, baseURL)
	if err != nil {
		return runError{status: umzug.StatusFailed, msg: "failed: " + err.Error()}
	}
	ex, err := explainPage(parser, body, pageURL)
	if err != nil {
		var re runError
		if errors.As(err, &re) {
			return err
		}
		return runError{status: umzug.StatusFailed, msg: fmt.Sprintf("failed: explaining %s: %v", target, err)}
	}
	writeExplanation(ios.Out, pageURL, ex)
	return nil
}

// explainPage runs the explanation; a panic of the extractor is the
// page's failure (extract-panic, exit 5: the one page asked for gave
// nothing), not a crash.
func explainPage(parser explainer, body []byte, pageURL string) (ex html.Explanation, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = runError{status: umzug.StatusFailed, msg: fmt.Sprintf("failed: %s: %s: panic: %v", pageURL, umzug.PanicReason(umzug.StageExtract), r)}
		}
	}()
	return parser.Explain(bytes.NewReader(body), pageURL)
}

// loadExplainTarget reads a saved page, or fetches a URL once (a single
// request like a browser's; the crawler's robots.txt rules are for crawls).
func loadExplainTarget(ctx context.Context, target, baseURL string) ([]byte, string, error) {
	if isHTTPURL(target) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("User-Agent", envOr("UMZUG_USER_AGENT", crawl.DefaultUserAgent))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, "", fmt.Errorf("fetching %s: %w", target, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return nil, "", fmt.Errorf("fetching %s: status %d", target, resp.StatusCode)
		}
		raw, err := io.ReadAll(io.LimitReader(resp.Body, 20<<20))
		if err != nil {
			return nil, "", fmt.Errorf("fetching %s: %w", target, err)
		}
		if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, "", &pipeline.NotHTMLError{Name: target, Reason: "served as " + mt}
		}
		if err := pipeline.CheckHTML(target, raw); err != nil {
			return nil, "", err
		}
		body, _, _ := extract.DecodeHTML(raw, resp.Header.Get("Content-Type"))
		return body, resp.Request.URL.String(), nil
	}
	raw, err := pipeline.ReadHTMLFile(target)
	if err != nil {
		return nil, "", err
	}
	body, _, _ := extract.DecodeHTML(raw, "")
	if baseURL == "" {
		abs, err := filepath.Abs(target)
		if err != nil {
			return nil, "", err
		}
		baseURL = "file://" + filepath.ToSlash(abs)
	}
	return body, baseURL, nil
}

// isHTTPURL tells an --explain URL from a saved file's name.
func isHTTPURL(target string) bool {
	return strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://")
}

func writeExplanation(w io.Writer, pageURL string, ex html.Explanation) {
	d := ex.Document
	fmt.Fprintf(w, "%s\n", pageURL)
	fmt.Fprintf(w, "title: %s\nkind: %s, %d blocks\n", d.Title, d.Kind, len(d.Blocks))
	skipped := ex.Skipped
	if u, err := url.Parse(pageURL); err == nil && skipped == "" {
		skipped = html.ViewReason(u)
	}
	if skipped != "" {
		// migrate, audit and extract leave views and a list's later
		// pages out: say so, or the editor looks for this document in
		// the export.
		fmt.Fprintf(w, "skipped: %s: a migration leaves it out (listed as skipped in inventory.csv); below is what extraction would read\n", skipped)
	}
	fmt.Fprintf(w, "main content: %s\n\n", strings.Join(ex.Regions, ", "))
	for _, r := range ex.Runs {
		label := strings.ToUpper(r.Category)
		if r.Reason != "" {
			label += " " + r.Reason
		}
		fmt.Fprintf(w, "%-26s %-28s %s\n", label, clip(r.Selector, 28), clip(r.Text, 110))
	}
	acc := d.Provenance.Accounting
	if acc == nil {
		return
	}
	fmt.Fprintf(w, "\nvisible text: %d characters: kept %d (%s), fields %d, dropped %d\n",
		acc.VisibleChars, acc.KeptChars, percent(acc.KeptChars, acc.VisibleChars), acc.FieldChars,
		acc.VisibleChars-acc.KeptChars-acc.FieldChars)
	by := acc.DroppedChars()
	reasons := make([]string, 0, len(by))
	for r := range by {
		reasons = append(reasons, r)
	}
	// Most dropped first; ties by name, so that the output is the same
	// on every run.
	sort.Slice(reasons, func(i, j int) bool {
		if by[reasons[i]] != by[reasons[j]] {
			return by[reasons[i]] > by[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	for _, r := range reasons {
		fmt.Fprintf(w, "  dropped %-16s %7d\n", r, by[r])
	}
	for _, wn := range d.Warnings {
		fmt.Fprintf(w, "warning %s: %s\n", wn.Code, wn.Message)
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func percent(a, b int) string {
	if b == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", (a*100+b/2)/b)
}
