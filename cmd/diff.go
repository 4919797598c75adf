package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/pipeline"
)

// DiffOptions are the inputs of umzug diff.
type DiffOptions struct {
	Global  *GlobalOptions
	Archive string
	From    int64
	To      int64
	Format  string
	// Profiles are the site profiles the main content is extracted
	// with; ContentOnly leaves out pages that changed only in their
	// template; Raw compares bodies only (no extraction).
	Profiles    []string
	ContentOnly bool
	Raw         bool
}

// NewCmdDiff builds umzug diff.
func NewCmdDiff(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "diff --archive DIR [--from RUN --to RUN]",
		Short: "List URLs added, changed, removed or with a new status between two crawl runs",
		Long: `diff compares two runs of an archive (by default the last two) and prints
one line per URL that was added, changed, removed or changed status.

changed: both runs got a 2xx and the bodies differ once volatile parts are
removed (comments, nonces, form tokens, cache-busting numbers, white space);
a 304 Not Modified is unchanged. removed: now 404 or 410, or no longer
linked from the page that linked it, which the later run fetched fine.
status: any other change of status, or of a redirect's target.
A summary goes to stderr.

For each changed HTML page the main content of both bodies is extracted
(as migrate would) and compared: a page whose document is the same changed
only in its template (menu, footer, sidebar) and is marked "template only"
(scope "template" in ndjson; "content" otherwise). --content-only leaves
those out; --raw skips the comparison.

A run that failed (the site was down for most URLs) is never compared:
diff says so and exits 5, and no URL is reported removed. By default the
latest run is compared with the latest earlier run that did not fail.`,
		Example: `  umzug diff --archive archive
  umzug diff --archive archive --from 3 --to 5 --format ndjson | jq -r 'select(.change=="removed") | .url'
  umzug diff --archive archive --content-only`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Archive == "" {
				return usageErr(errors.New("--archive DIR is required"))
			}
			if (opts.From == 0) != (opts.To == 0) {
				return usageErr(errors.New("give both --from and --to, or neither"))
			}
			if opts.Raw && opts.ContentOnly {
				return usageErr(errors.New("--content-only needs the content comparison that --raw skips"))
			}
			if opts.Format != "text" && opts.Format != "ndjson" {
				return usageErr(fmt.Errorf("--format %q: want text or ndjson", opts.Format))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return diffRun(cmd.Context(), ios, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Archive, "archive", "", "archive directory written by umzug crawl")
	cmd.Flags().Int64Var(&opts.From, "from", 0, "earlier run id")
	cmd.Flags().Int64Var(&opts.To, "to", 0, "later run id")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "text or ndjson")
	cmd.Flags().StringArrayVar(&opts.Profiles, "profile", nil, "site profile (YAML) to extract the main content with (repeatable)")
	cmd.Flags().BoolVar(&opts.ContentOnly, "content-only", false, "leave out pages whose main content is unchanged (only menu, footer or sidebar changed)")
	cmd.Flags().BoolVar(&opts.Raw, "raw", false, "compare bodies only, without extracting the main content of changed pages")
	return cmd
}

func diffRun(ctx context.Context, ios *IOStreams, opts *DiffOptions) error {
	var parser *html.Parser
	if !opts.Raw {
		p, err := newParser(opts.Profiles)
		if err != nil {
			return err
		}
		parser = p
	}
	d, err := archive.DiffArchive(ctx, opts.Archive, opts.From, opts.To)
	if err != nil {
		return err
	}
	notCompared := 0
	if parser != nil && d.Failed == nil {
		if notCompared, err = scopeChanges(ctx, ios, opts, &d, parser); err != nil {
			return err
		}
	}
	if d.Failed != nil {
		var parts []string
		n := 0
		for r, c := range d.Failures {
			parts = append(parts, fmt.Sprintf("%s %d", r, c))
			n += c
		}
		sort.Strings(parts)
		why := fmt.Sprintf("%d of its %d URLs got no usable response: %s", n, d.Failed.Captures, strings.Join(parts, ", "))
		if d.Failed.Captures == 0 {
			why = "it fetched nothing: the start URLs or robots.txt did not answer"
		}
		msg := fmt.Sprintf("failed: run %d failed (%s); the site was down or unreachable, so nothing is compared and no URL is reported removed",
			d.Failed.ID, why)
		return runError{status: umzug.StatusFailed, msg: msg}
	}
	counts := map[string]int{}
	enc := json.NewEncoder(ios.Out)
	enc.SetEscapeHTML(false)
	for _, c := range d.Changes {
		counts[c.Change]++
		if c.Scope == archive.ScopeTemplate {
			counts["template"]++
			if opts.ContentOnly {
				continue
			}
		}
		if opts.Format == "ndjson" {
			if err := enc.Encode(c); err != nil {
				return fmt.Errorf("writing output: %w", err)
			}
			continue
		}
		line := fmt.Sprintf("%-8s %s", c.Change, c.URL)
		switch c.Change {
		case "added":
			line += fmt.Sprintf(" (%d)", c.ToStatus)
		case "removed":
			line += " (" + c.Reason + ")"
		case "changed":
			switch {
			case c.Scope == archive.ScopeTemplate:
				line += " (template only)"
			case c.Reason != "":
				line += " (" + c.Reason + ")"
			}
		case "status":
			line += fmt.Sprintf(" (%d -> %d", c.FromStatus, c.ToStatus)
			if c.Reason != "" {
				line += ": " + c.Reason
			}
			line += ")"
		}
		if _, err := fmt.Fprintln(ios.Out, line); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	sum := opts.Global.SummaryOut(ios.ErrOut)
	changed := fmt.Sprintf("%d changed", counts["changed"])
	if parser != nil && counts["changed"] > 0 {
		changed += fmt.Sprintf(" (%d in their content, %d only in the template", counts["changed"]-counts["template"]-notCompared, counts["template"])
		if notCompared > 0 {
			changed += fmt.Sprintf(", %d not compared", notCompared)
		}
		changed += ")"
	}
	fmt.Fprintf(sum, "Run %d (%s) -> run %d (%s): %d added, %s, %d removed, %d status changed, %d unchanged, %d not reached\n",
		d.From.ID, d.From.Status, d.To.ID, d.To.Status, counts["added"], changed, counts["removed"], counts["status"], d.Unchanged, d.NotReached)
	if opts.ContentOnly && counts["template"] > 0 {
		fmt.Fprintf(sum, "Left out (--content-only): %d pages that changed only in their template.\n", counts["template"])
	}
	if d.NotReached > 0 {
		fmt.Fprintf(sum, "Not reached: %d URLs of run %d that run %d did not fetch (still queued, disallowed now, linked from a page that failed, or files of a run that fetched none) are not reported removed.\n",
			d.NotReached, d.From.ID, d.To.ID)
	}
	if d.To.Status == umzug.StatusInterrupted || d.To.Status == "running" {
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: run %d is %s; resume it ('umzug crawl' with the same URLs) for a complete diff", d.To.ID, d.To.Status)}
	}
	if notCompared > 0 {
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: the main content of %d changed pages could not be compared (see their reason)", notCompared)}
	}
	return nil
}

// scopeChanges compares the main content of the diff's changed HTML
// pages (archive.ArchiveDiff.ScopeChanges), with a progress bar; it
// returns how many could not be compared.
func scopeChanges(ctx context.Context, ios *IOStreams, opts *DiffOptions, d *archive.ArchiveDiff, parser *html.Parser) (int, error) {
	n := d.ToScope()
	if n == 0 {
		return 0, nil
	}
	bar := newProgressBar(ios, opts.Global.Quiet, "comparing content", n, "pages")
	defer bar.finish()
	same := pipeline.SameMainContent(parser)
	return d.ScopeChanges(ctx, opts.Archive, func(from, to *umzug.Snapshot) (bool, error) {
		defer bar.add(1)
		return same(from, to)
	})
}
