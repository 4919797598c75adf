package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug/extract"
)

// DiffOptions are the inputs of umzug diff.
type DiffOptions struct {
	Global  *GlobalOptions
	Archive string
	From    int64
	To      int64
	Format  string
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
linked. status: any other change of status, or of a redirect's target.
A summary goes to stderr.`,
		Example: `  umzug diff --archive archive
  umzug diff --archive archive --from 3 --to 5 --format ndjson | jq -r 'select(.change=="removed") | .url'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Archive == "" {
				return usageErr(errors.New("--archive DIR is required"))
			}
			if (opts.From == 0) != (opts.To == 0) {
				return usageErr(errors.New("give both --from and --to, or neither"))
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
	return cmd
}

func diffRun(ctx context.Context, ios *IOStreams, opts *DiffOptions) error {
	d, err := extract.DiffArchive(ctx, opts.Archive, opts.From, opts.To)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	enc := json.NewEncoder(ios.Out)
	enc.SetEscapeHTML(false)
	for _, c := range d.Changes {
		counts[c.Change]++
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
	fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Run %d (%s) -> run %d (%s): %d added, %d changed, %d removed, %d status changed, %d unchanged\n",
		d.From.ID, d.From.Status, d.To.ID, d.To.Status, counts["added"], counts["changed"], counts["removed"], counts["status"], d.Unchanged)
	if d.To.Status != "complete" {
		fmt.Fprintf(ios.ErrOut, "Run %d is %s: URLs it has not reached yet show as removed.\n", d.To.ID, d.To.Status)
	}
	return nil
}
