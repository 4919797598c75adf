package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/archive"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/pipeline"
)

// ExtractOptions are the inputs of umzug extract.
type ExtractOptions struct {
	Global   *GlobalOptions
	Files    []string
	Out      string
	Profiles []string
	Archive  string // read the snapshots of this archive instead of files
	Run      int64  // with Archive: only this run
	Explain  string // explain this file or URL instead of extracting

	SavedPages // the URLs of Files

	// parser replaces the extractor (tests: one that panics).
	parser interface {
		pageParser
		ParseHTML(r io.Reader, pageURL string) (umzug.Document, error)
	}
}

// NewCmdExtract builds umzug extract.
func NewCmdExtract(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "extract FILE.html... | --archive DIR [--out FILE] | --explain FILE|URL",
		Short: "Extract documents from saved HTML pages, as NDJSON",
		Long: `extract parses saved HTML pages (charset from BOM, <meta charset>, or windows-1252) and prints
one document per page as a line of JSON: title, dates, kind and typed blocks.
A page that cannot be read or parsed is reported on stderr and skipped.

With --archive DIR it reads the pages of a crawl archive instead, offline:
the latest capture of every URL (or of --run N).

With --explain FILE|URL it prints one page's visible text run by run, each
marked KEPT (in a block), FIELD (in a document field: title, date, number,
contacts, …) or DROPPED with the reason (navigation, footer, related,
comments, share, …) and the element it came from, then the totals.`,
		Example: `  umzug extract page.html | jq .blocks[].type
  umzug extract saved/*.html --base-url https://www.example.de/ --out docs.ndjson
  umzug extract $(find mirror -name '*.html') --base-url https://www.example.de/ --root mirror
  umzug extract saved/*.html --url-map saved/url-map.txt   # lines of "FILE URL"
  umzug extract page.html --profile mysite.yaml
  umzug extract --archive archive --out docs.ndjson
  umzug extract --explain saved/pressemitteilung.html | less`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := opts.SavedPages.check(); err != nil {
				return err
			}
			if opts.Explain != "" {
				if len(args) > 0 || opts.Archive != "" {
					return usageErr(errors.New("--explain takes one file or URL, without other files or --archive"))
				}
				if isHTTPURL(opts.Explain) && opts.SavedPages != (SavedPages{}) {
					return usageErr(errors.New("--base-url, --root and --url-map give saved files their URL: --explain URL has its own"))
				}
				if runF != nil {
					return runF(cmd.Context(), opts)
				}
				parser, err := newParser(opts.Profiles)
				if err != nil {
					return err
				}
				return explainRun(cmd.Context(), ios, opts, parser, opts.Explain)
			}
			if opts.Archive == "" && len(args) == 0 {
				return usageErr(errors.New("give HTML files or --archive DIR"))
			}
			if opts.Archive != "" && len(args) > 0 {
				return usageErr(errors.New("give HTML files or --archive DIR, not both"))
			}
			for _, a := range args {
				if isHTTPURL(a) {
					return usageErr(fmt.Errorf("%s is a URL: extract reads saved files; fetch a page with umzug extract --explain URL, a site with umzug migrate URL", a))
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return extractRun(cmd.Context(), ios, opts)
		},
	}
	opts.SavedPages.register(cmd.Flags())
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE instead of stdout")
	cmd.Flags().StringArrayVar(&opts.Profiles, "profile", nil, "site profile (YAML) to try before the built-in ones (repeatable)")
	cmd.Flags().StringVar(&opts.Archive, "archive", "", "extract the pages of this crawl archive (see umzug crawl)")
	cmd.Flags().Int64Var(&opts.Run, "run", 0, "with --archive: only this run (default: the latest capture of every URL)")
	cmd.Flags().StringVar(&opts.Explain, "explain", "", "show what extraction keeps and drops of this page (`FILE or URL`), and why")
	return cmd
}

func extractRun(ctx context.Context, ios *IOStreams, opts *ExtractOptions) error {
	defer pageWorkGC()()
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	parser := opts.parser
	if parser == nil {
		p, err := newParser(opts.Profiles)
		if err != nil {
			return err
		}
		parser = p
	}
	out := ios.Out
	var f *os.File
	if opts.Out != "" {
		if f, err = os.Create(opts.Out); err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	fails, err := pipeline.NewFailureLog(log, false)
	if err != nil {
		return err
	}
	defer fails.Close()
	var docs, inputs int
	interrupted := false
	if opts.Archive != "" {
		sink := &pipeline.DocumentSink{Enc: enc, Fails: fails}
		stream := (&pipeline.Work{Log: log, Parser: parser, Fails: fails}).Process(ctx, sink)
		err = archive.ReadArchiveRun(ctx, opts.Archive, archive.ReadArchiveOptions{Run: opts.Run}, stream.Add)
		if cerr := stream.Close(); cerr != nil && err == nil {
			err = cerr
		}
		docs, inputs = sink.Docs, sink.URLs
		log.Info("extracted from archive", "archive", opts.Archive, "documents", docs, "skipped", pipeline.CountsByReason(sink.Skipped), "failed", fails.Total())
		if errors.Is(err, context.Canceled) {
			interrupted = true
		} else if err != nil {
			return err
		}
	} else {
		urls, err := opts.SavedPages.urls(opts.Files)
		if err != nil {
			return err
		}
		inputs = len(opts.Files)
		for _, name := range opts.Files {
			if ctx.Err() != nil {
				interrupted = true
				break
			}
			d, err := pipeline.ExtractFile(parser, name, urls[name], fails)
			if err != nil {
				fails.Add(umzug.Failure{URL: name, Stage: umzug.StageExtract, Reason: pipeline.FileReason(err), Message: err.Error()})
				continue
			}
			if d == nil {
				continue // a panic, recorded
			}
			if err := enc.Encode(d); err != nil {
				return fmt.Errorf("writing output: %w", err)
			}
			docs++
		}
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", opts.Out, err)
		}
	}
	what := "files"
	if opts.Archive != "" {
		what = "pages (see the log)"
	}
	writeFailureSummary(ios.ErrOut, fails, what)
	switch {
	case interrupted:
		return runError{status: umzug.StatusInterrupted, msg: fmt.Sprintf("interrupted after %d documents", docs)}
	case docs == 0:
		return runError{status: umzug.StatusFailed, msg: "failed: no page could be extracted"}
	case fails.Total() > 0:
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: %d of %d inputs failed, %d documents written", fails.Total(), inputs, docs)}
	}
	return nil
}

// newParser loads the user's profiles; a broken profile is a usage error.
func newParser(files []string) (*html.Parser, error) {
	var ps []*html.Profile
	for _, f := range files {
		p, err := html.LoadProfile(f)
		if err != nil {
			return nil, usageErr(fmt.Errorf("--profile: %w", err))
		}
		ps = append(ps, p)
	}
	return html.NewParser(ps...), nil
}
