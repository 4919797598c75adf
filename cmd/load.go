package cmd

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
	"github.com/umzug/umzug/pipeline"
)

// LoadOptions are the inputs of umzug load.
type LoadOptions struct {
	Global      *GlobalOptions
	Input       string // FILE, "-" for stdin, or an export directory
	Out         string
	Push        string
	DryRun      bool
	Concurrency int
	Retries     int
	RichText    load.RichText
	SiteRoot    string
	Token       string
	NoAuth      bool // push without a token, on purpose
	// AllowPartial loads (pushes, rewrites) an export whose manifest
	// status is not complete.
	AllowPartial bool
	// CMS is the target CMS of --to (load_cms.go).
	CMS CMSOptions
}

// NewCmdLoad builds umzug load.
func NewCmdLoad(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *LoadOptions) error) *cobra.Command {
	opts := &LoadOptions{Global: g}
	var richText string
	cmd := &cobra.Command{
		Use:   "load [FILE|-|EXPORT-DIR] --out DIR | --push URL | EXPORT-DIR --to wordpress --url URL --user NAME",
		Short: "Write the export directory from extracted documents, or push an export to a CMS API",
		Long: `load reads documents as NDJSON (from umzug extract, one per line; "-" or no
argument reads stdin), normalizes and de-duplicates them and writes the
export directory to --out: documents, snippets, assets, redirects, findings,
schema/ and manifest.json (last).

With --push URL it sends the export to a CMS HTTP API: every asset, snippet
and document as PUT URL/<assets|snippets|documents>/<id> with the record as
JSON body, the bearer token from $UMZUG_PUSH_TOKEN (required unless
--no-auth says to push without one), retries with backoff,
--concurrency requests at a time. What the target confirmed is remembered in
the export directory (` + load.StateFile + `): a second run sends only
records whose contentHash changed. The input may then be an export directory.

--richtext html or markdown renders the Portable Text of every block.

With --to wordpress it loads an export directory into WordPress through
its REST API: files into the media library, snippets as reusable blocks,
pages in the hierarchy of their old paths, press releases as posts, every
block as block-editor markup, links to the new permalinks, and redirect
files for the Redirection plugin and Apache. The application password
comes from $UMZUG_WP_PASSWORD or --password-file, never from a flag. A
second run updates what changed and creates nothing twice; --dry-run
prints what would be created, updated or left alone.`,
		Example: `  umzug extract saved/*.html --base-url https://www.example.de/ | umzug load --out export
  umzug load docs.ndjson --out export --richtext html
  UMZUG_PUSH_TOKEN=… umzug load export --push https://cms.example.de/api/import --dry-run
  UMZUG_PUSH_TOKEN=… umzug load export --push https://cms.example.de/api/import --concurrency 8
  UMZUG_WP_PASSWORD='abcd efgh …' umzug load export --to wordpress --url https://neu.example.de --user admin
  umzug load export --to wordpress --url https://neu.example.de --user admin --password-file ~/.wp-pass --dry-run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = "-"
			if len(args) == 1 {
				opts.Input = args[0]
			}
			if opts.CMS.To != "" {
				if err := opts.CMS.check(opts); err != nil {
					return err
				}
				if runF != nil {
					return runF(cmd.Context(), opts)
				}
				return loadCMSRun(cmd.Context(), ios, opts)
			}
			if opts.Out == "" && opts.Push == "" {
				return usageErr(errors.New("give --out DIR, --push URL, --to CMS or --out with one of them"))
			}
			if opts.DryRun && opts.Push == "" {
				return usageErr(errors.New("--dry-run needs --push"))
			}
			if opts.Concurrency < 1 {
				return usageErr(fmt.Errorf("--concurrency %d: must be at least 1", opts.Concurrency))
			}
			if opts.Push != "" {
				if u, err := url.Parse(opts.Push); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return usageErr(fmt.Errorf("--push %q: not an http(s) URL", opts.Push))
				}
			}
			rt, err := richTextFlag(richText)
			if err != nil {
				return err
			}
			opts.RichText = rt
			opts.Token = os.Getenv("UMZUG_PUSH_TOKEN")
			switch {
			case opts.NoAuth && opts.Push == "":
				return usageErr(errors.New("--no-auth is for --push"))
			case opts.NoAuth:
				opts.Token = ""
			case opts.Push != "" && !opts.DryRun && opts.Token == "":
				return usageErr(errors.New("UMZUG_PUSH_TOKEN is not set: set it to the CMS's API token, or give --no-auth to push without authentication"))
			}
			g.addSecrets(opts.Token)
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return loadRun(cmd.Context(), ios, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Out, "out", "o", "", "export directory to write (created if missing)")
	fl.StringVar(&opts.Push, "push", "", "CMS API root to push the export to")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "with --push or --to: print what would be sent on stdout, send nothing")
	fl.IntVar(&opts.Concurrency, "concurrency", 4, "requests in flight when pushing")
	fl.IntVar(&opts.Retries, "retries", 5, "retries of a failed request (network errors, 408, 425, 429, 5xx)")
	fl.StringVar(&richText, "richtext", "portabletext", "rich text in the export: portabletext, html or markdown")
	fl.BoolVar(&opts.NoAuth, "no-auth", false, "push without an Authorization header, even if UMZUG_PUSH_TOKEN is set")
	fl.StringVar(&opts.SiteRoot, "site-root", "", "root URL of the migrated site, for ids (default: the origin of the first document)")
	fl.BoolVar(&opts.AllowPartial, "allow-partial", false, "load an export whose manifest status is partial or interrupted (pages are missing from it)")
	opts.CMS.register(cmd)
	return cmd
}

func loadRun(ctx context.Context, ios *IOStreams, opts *LoadOptions) error {
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	dir := opts.Out
	status, why := umzug.StatusComplete, ""
	if fi, err := os.Stat(opts.Input); err == nil && fi.IsDir() {
		m, err := load.ReadManifest(opts.Input)
		if err != nil {
			return err
		}
		if err := load.CheckComplete(opts.Input, m); err != nil {
			if !opts.AllowPartial {
				return fmt.Errorf("%w; give --allow-partial to load it anyway", err)
			}
			log.Warn("loading an export that is not complete", "export", opts.Input, "status", m.Status)
		}
		if opts.Out != "" || opts.RichText != exportRichText(opts.Input) {
			if dir == "" {
				tmp, err := os.MkdirTemp("", "umzug-export-*")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				dir = tmp
			}
			if err := copyExport(ios, opts, opts.Input, dir); err != nil {
				return err
			}
			if opts.Out != "" {
				if cm, err := load.ReadManifest(dir); err == nil {
					fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Export: %s (copied from %s: %d documents, %d snippets, %d assets; rich text %s), status %s\n",
						dir, opts.Input, cm.Counts["documents"], cm.Counts["snippets"], cm.Counts["assets"], cmp.Or(string(cm.RichText), string(load.RichTextPortable)), cmp.Or(cm.Status, umzug.StatusComplete))
				}
			}
		} else {
			dir = opts.Input
		}
	} else {
		if dir == "" {
			tmp, err := os.MkdirTemp("", "umzug-export-*")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		}
		if status, why, err = buildExport(ctx, ios, opts, dir); err != nil {
			return err
		}
		if opts.Push != "" && status != umzug.StatusComplete && !opts.AllowPartial {
			return runError{status: status, msg: why + "; nothing pushed (give --allow-partial to push it anyway)"}
		}
	}
	if opts.Push == "" {
		return runStatusErr(status, why)
	}
	started := ios.Now()
	bar := newProgressBar(ios, opts.Global.Quiet || opts.DryRun, "pushing", -1, "records")
	st, err := load.Push(ctx, dir, load.PushOptions{
		BaseURL: opts.Push, Token: opts.Token, Concurrency: opts.Concurrency, Retries: opts.Retries,
		DryRun: opts.DryRun, Logger: log, AllowPartial: opts.AllowPartial || status != umzug.StatusComplete,
		OnPlan:   func(method, u string, size int) { fmt.Fprintf(ios.Out, "%s %s %d\n", method, u, size) },
		OnRecord: func() { bar.add(1) },
	})
	bar.finish()
	took := ios.Now().Sub(started).Round(10 * time.Millisecond)
	if opts.DryRun {
		fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Dry run: %d records would be sent to %s, %d already confirmed\n", st.Planned, opts.Push, st.Skipped)
	} else {
		fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Pushed %d records to %s in %s (%d already confirmed, %d failed, %d requests)\n",
			st.Sent, opts.Push, took, st.Skipped, st.Failed, st.Requests)
	}
	switch {
	case errors.Is(err, load.ErrNotAccepted):
		return runError{status: umzug.StatusPartial, msg: "partial: " + err.Error()}
	case errors.Is(err, context.Canceled):
		return runError{status: umzug.StatusInterrupted, msg: "interrupted: run the same command again to send the rest (confirmed records are not sent again)"}
	case err != nil:
		return err
	}
	return runStatusErr(status, why)
}

// exportRichText is the rich text format an export was written with.
func exportRichText(dir string) load.RichText {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return load.RichTextPortable
	}
	var m load.Manifest
	if json.Unmarshal(b, &m) != nil || m.RichText == "" {
		return load.RichTextPortable
	}
	return m.RichText
}

// loadMemoryFloor and loadMemoryHeadroom are the soft memory limit of
// building an export (pipeline.FollowLiveHeap) unless GOMEMLIMIT sets one:
// the live heap plus 24 MiB, at least 56 MiB. The de-duplication index
// grows with the documents (about 150 bytes each, pointer-free); under
// GOGC=100 alone the heap may grow to twice the live heap, so the index
// counted twice in peak RSS (73 MB at 10,000 documents, 104 MB at
// 100,000). The floor is about what a 10,000-document run maps anyway;
// the headroom leaves the collector room for the transient work of
// decoding and validating documents (see BENCHMARKS.md).
const (
	loadMemoryFloor    = 56 << 20
	loadMemoryHeadroom = 24 << 20
)

// buildExport runs transform and load over documents read as NDJSON. It
// returns the export's status: partial when input lines or documents were
// rejected, interrupted after Ctrl-C (nothing is written then), failed
// when no document could be exported.
func buildExport(ctx context.Context, ios *IOStreams, opts *LoadOptions, dir string) (status, why string, err error) {
	if os.Getenv("GOMEMLIMIT") == "" {
		defer pipeline.FollowLiveHeap(loadMemoryFloor, loadMemoryHeadroom)()
	}
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return "", "", err
	}
	var in io.Reader = ios.In
	name := "stdin"
	if opts.Input != "-" {
		f, err := os.Open(opts.Input)
		if err != nil {
			return "", "", fmt.Errorf("reading documents: %w", err)
		}
		defer f.Close()
		in, name = f, opts.Input
	}
	fails, err := pipeline.NewFailureLog(log, true)
	if err != nil {
		return "", "", err
	}
	defer fails.Close()
	res, err := (&pipeline.Build{Log: log, Dir: dir, SiteRoot: opts.SiteRoot, RichText: opts.RichText,
		Started: ios.Now(), Now: ios.Now, Fails: fails}).Run(ctx, in, name)
	var rootErr *pipeline.SiteRootError
	if errors.As(err, &rootErr) {
		return "", "", usageErr(fmt.Errorf("--site-root: %w", rootErr.Err))
	}
	if err != nil {
		return "", "", err
	}
	man, stats := res.Manifest, res.Export.Stats
	fmt.Fprintf(opts.Global.SummaryOut(ios.ErrOut), "Export: %s (site %s: %d documents, %d snippets, %d assets, %d redirects; %d blocks in, %d out, %d refs, %d near duplicates), status %s\n",
		dir, man.Source, man.Counts["documents"], man.Counts["snippets"], man.Counts["assets"], stats["redirects"],
		stats["blocksIn"], stats["blocksOut"], stats["refs"], stats["nearDuplicates"], man.Status)
	// Every record that did not make it into the export is a failure
	// (logged as a warning, in failures.ndjson); the status says partial.
	writeFailureSummary(ios.ErrOut, fails, fmt.Sprintf("of %d input records (failures.ndjson lists them)", res.Records))
	return res.Status, res.Why, nil
}

// copyExport writes the export in src again to dst, every record
// validated again and its rich text rendered as opts.RichText.
func copyExport(ios *IOStreams, opts *LoadOptions, src, dst string) error {
	var m load.Manifest
	b, err := os.ReadFile(filepath.Join(src, "manifest.json"))
	if err != nil {
		return fmt.Errorf("reading %s: %w", src, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("reading %s/manifest.json: %w", src, err)
	}
	if from := exportRichText(src); from != load.RichTextPortable && from != opts.RichText {
		return fmt.Errorf("%s holds rich text as %s: only Portable Text can be rendered again", src, from)
	}
	if abs1, _ := filepath.Abs(src); abs1 == func() string { a, _ := filepath.Abs(dst); return a }() {
		return usageErr(errors.New("--out must differ from the export directory read"))
	}
	exp, err := load.NewExporterRichText(dst, load.Manifest{Generator: m.Generator, Source: m.Source, RunID: m.RunID, StartedAt: m.StartedAt}, opts.RichText)
	if err != nil {
		return err
	}
	if m.Status == "" {
		m.Status = umzug.StatusComplete
	}
	exp.SetStatus(m.Status, m.Failures) // a copy says what its source says
	for _, f := range []struct{ name, kind string }{
		{"documents.ndjson", "document"}, {"snippets.ndjson", "snippet"}, {"assets.ndjson", "asset"}, {"findings.ndjson", "finding"},
		{"failures.ndjson", "failure"},
	} {
		if err := copyRecords(exp, filepath.Join(src, f.name), f.name, f.kind); err != nil {
			return err
		}
	}
	for _, name := range []string{"redirects.csv", "redirects.nginx.conf", "redirects.htaccess", "redirects.apache-map.txt", "inventory.csv", "inventory-excel.csv"} {
		if err := copyText(exp, filepath.Join(src, name), name); err != nil {
			return err
		}
	}
	// The asset records name their files (migrate --assets): they come along.
	files, err := load.CopyFiles(src, dst)
	if err != nil {
		return err
	}
	if files > 0 {
		exp.Count("files", files)
	}
	if err := exp.WriteSchemas(); err != nil {
		return err
	}
	exp.SetChrome(m.Chrome)
	for _, k := range []string{"snippets", "assets"} {
		exp.Count(k, m.Counts[k])
	}
	_, err = exp.Finish(ios.Now().UTC().Format(time.RFC3339), m.Stats)
	return err
}

func copyRecords(exp *load.Exporter, path, name, kind string) error {
	in, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer in.Close()
	w, err := exp.Create(name, kind)
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(in, 1<<20)
	for n := 1; ; n++ {
		line, rerr := r.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			if err := w.WriteJSON(line); err != nil {
				w.Abort()
				return fmt.Errorf("%s line %d: %w", path, n, err)
			}
			if kind == "document" {
				var k struct{ Kind string }
				_ = json.Unmarshal(line, &k)
				exp.Count(k.Kind, 1)
				exp.Count("documents", 1)
			} else if kind == "finding" {
				exp.Count("findings", 1)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			w.Abort()
			return fmt.Errorf("reading %s: %w", path, rerr)
		}
	}
	return w.Commit()
}

func copyText(exp *load.Exporter, path, name string) error {
	in, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	defer in.Close()
	w, err := exp.CreateText(name)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		l := sc.Text()
		record := !first && !strings.HasPrefix(l, "#")
		switch {
		case strings.HasSuffix(name, ".conf"):
			record = strings.HasPrefix(l, "    \"")
		case strings.HasSuffix(name, ".htaccess"):
			record = strings.HasPrefix(l, "RewriteRule ")
		case strings.HasSuffix(name, ".txt"):
			record = !strings.HasPrefix(l, "#") && l != ""
		}
		if err := w.Line(l, record); err != nil {
			w.Abort()
			return err
		}
	}
	if err := sc.Err(); err != nil {
		w.Abort()
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return w.Commit()
}
