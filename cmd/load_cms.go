package cmd

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/load/wordpress"
)

// CMSOptions are the flags of umzug load --to CMS.
type CMSOptions struct {
	To            string
	URL           string
	User          string
	PasswordFile  string
	PressCategory string
	Status        string
	password      string
}

func (c *CMSOptions) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&c.To, "to", "", "load the export directory into this CMS: wordpress")
	fl.StringVar(&c.URL, "url", "", "with --to: the CMS site's URL")
	fl.StringVar(&c.User, "user", "", "with --to wordpress: the user of the application password")
	fl.StringVar(&c.PasswordFile, "password-file", "", "with --to: read the application password from this file (default: $UMZUG_WP_PASSWORD)")
	fl.StringVar(&c.PressCategory, "press-category", "Pressemitteilungen", "with --to wordpress: category of the press release posts (created when missing)")
	fl.StringVar(&c.Status, "status", "publish", "with --to wordpress: status of pages and posts: publish, draft, pending or private")
}

// check validates the --to flags and reads the password.
func (c *CMSOptions) check(opts *LoadOptions) error {
	if c.To != "wordpress" {
		return usageErr(fmt.Errorf("--to %q: the CMS targets are: wordpress (or use --push URL for an API of your own)", c.To))
	}
	if opts.Push != "" || opts.Out != "" {
		return usageErr(errors.New("--to loads an export directory: give it without --out or --push"))
	}
	if fi, err := os.Stat(opts.Input); err != nil || !fi.IsDir() {
		return usageErr(fmt.Errorf("--to needs an export directory (from umzug migrate), not %q", opts.Input))
	}
	if c.URL == "" || c.User == "" {
		return usageErr(errors.New("--to wordpress needs --url SITE_URL and --user NAME"))
	}
	switch c.Status {
	case "publish", "draft", "pending", "private":
	default:
		return usageErr(fmt.Errorf("--status %q: want publish, draft, pending or private", c.Status))
	}
	if opts.Concurrency < 1 {
		return usageErr(fmt.Errorf("--concurrency %d: must be at least 1", opts.Concurrency))
	}
	// The password never comes from a flag value: it would land in the
	// shell's history and in process listings.
	c.password = os.Getenv("UMZUG_WP_PASSWORD")
	if c.PasswordFile != "" {
		b, err := os.ReadFile(c.PasswordFile)
		if err != nil {
			return usageErr(fmt.Errorf("--password-file: %w", err))
		}
		c.password = strings.TrimSpace(string(b))
	}
	if c.password == "" {
		return usageErr(errors.New("no application password: set UMZUG_WP_PASSWORD or give --password-file FILE"))
	}
	// No log line shows it, nor the basic auth token made of it.
	opts.Global.addSecrets(c.password, base64.StdEncoding.EncodeToString([]byte(c.User+":"+c.password)))
	return nil
}

// loadCMSRun loads an export directory into a CMS (load --to).
func loadCMSRun(ctx context.Context, ios *IOStreams, opts *LoadOptions) error {
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	c := opts.CMS
	t, err := wordpress.New(wordpress.Options{URL: c.URL, User: c.User, Password: c.password,
		PressCategory: c.PressCategory, Status: c.Status, Retries: opts.Retries, Logger: log})
	if err != nil {
		return usageErr(err)
	}
	bar := newProgressBar(ios, opts.Global.Quiet || opts.DryRun, "loading", -1, "records")
	st, err := load.Load(ctx, opts.Input, t, load.LoadOptions{
		Concurrency: opts.Concurrency, DryRun: opts.DryRun, Logger: log, Now: ios.Now, AllowPartial: opts.AllowPartial,
		OnAction: func(action string, rec *load.Record, r load.Remote) {
			kind := string(rec.Kind)
			if rec.DocKind != "" {
				kind = string(rec.DocKind)
			}
			fmt.Fprintf(ios.Out, "%s\t%s\t%s\t%s\t%s\n", action, kind, rec.ID, r.Link, oneLineTitle(rec.Title()))
			bar.add(1)
		},
	})
	bar.finish()
	if errors.Is(err, load.ErrNotComplete) {
		return fmt.Errorf("%w; give --allow-partial to load it anyway", err)
	}
	printLoadSummary(ios, opts, t, st)
	switch {
	case errors.Is(err, load.ErrPartial):
		return runError{status: umzug.StatusPartial, msg: "partial: " + err.Error() + " (see the log above; run again to retry them)"}
	case errors.Is(err, context.Canceled):
		return runError{status: umzug.StatusInterrupted, msg: "interrupted: run the same command again to load the rest (nothing is created twice)"}
	}
	return err
}

func oneLineTitle(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func printLoadSummary(ios *IOStreams, opts *LoadOptions, t *wordpress.Target, st load.LoadStats) {
	w := opts.Global.SummaryOut(ios.ErrOut) // --quiet: warnings and errors only
	kinds := []load.RecordKind{load.KindFile, load.KindSnippet, load.KindDocument}
	line := func(label string, m map[load.RecordKind]int) string {
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%d %ss", m[k], k))
		}
		return fmt.Sprintf("%-10s %s", label, strings.Join(parts, ", "))
	}
	verb := "Loaded"
	if opts.DryRun {
		verb = "Dry run:"
		fmt.Fprintf(w, "%s nothing sent to %s; what would happen:\n", verb, t.Site())
	} else {
		docs := st.Created[load.KindDocument] + st.Updated[load.KindDocument] + st.Unchanged[load.KindDocument]
		rate := 0.0
		if s := st.DocumentsElapsed.Seconds(); s > 0 {
			rate = float64(docs) / s
		}
		fmt.Fprintf(w, "%s %s into %s in %s (documents %.1f/s, %d requests)\n", verb, opts.Input, t.Site(),
			st.Elapsed.Round(10*time.Millisecond), rate, t.Requests())
	}
	labels := []string{"created", "updated", "unchanged", "failed"}
	if opts.DryRun {
		labels = []string{"create", "update", "unchanged", "failed"}
	}
	fmt.Fprintln(w, line(labels[0], st.Created))
	fmt.Fprintln(w, line(labels[1], st.Updated))
	fmt.Fprintln(w, line(labels[2], st.Unchanged))
	fmt.Fprintln(w, line(labels[3], st.Failed))
	if st.FilesMissing > 0 {
		fmt.Fprintf(w, "Files not in the export (not uploaded): %d\n", st.FilesMissing)
	}
	if st.Unresolved > 0 || st.Warnings > 0 {
		fmt.Fprintf(w, "Links that point to no new page: %d; warnings: %d (see log)\n", st.Unresolved, st.Warnings)
	}
	if cats, tags := t.NewTerms(); cats+tags > 0 {
		verb := "created"
		if opts.DryRun {
			verb = "to create"
		}
		fmt.Fprintf(w, "Categories and tags %s: %d categories, %d tags\n", verb, cats, tags)
	}
	if !opts.DryRun {
		meta := "as visible blocks only (install the mu-plugin umzug-meta.php for post meta)"
		if t.MetaRegistered() {
			meta = "as visible blocks and post meta"
		}
		fmt.Fprintf(w, "Press release fields: %s\n", meta)
		fmt.Fprintf(w, "Redirects: %d in %s and %s; state: %s\n", st.Redirects,
			filepath.Join(opts.Input, "redirects.wordpress.csv"), filepath.Join(opts.Input, "redirects.wordpress.htaccess"),
			filepath.Join(opts.Input, load.StateFileFor(t)))
	}
	if len(st.Errors) > 0 {
		reasons := map[string]int{}
		for _, e := range st.Errors {
			reasons[string(e.Kind)]++
		}
		var ks []string
		for k := range reasons {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			fmt.Fprintf(w, "  failed %s: %d\n", k, reasons[k])
		}
	}
}
