package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract"
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
		Long: `extract parses saved HTML pages (UTF-8 or with a declared charset) and prints
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
	fails, err := newFailureLog(log, false)
	if err != nil {
		return err
	}
	defer fails.close()
	var docs, inputs int
	interrupted := false
	if opts.Archive != "" {
		docs, inputs, err = extractArchive(ctx, log, parser, enc, opts, fails)
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
			d, err := extractFile(parser, name, urls[name], fails)
			if err != nil {
				fails.add(umzug.Failure{URL: name, Stage: umzug.StageExtract, Reason: extractReason(err), Message: err.Error()})
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
	fails.writeSummary(ios.ErrOut, what)
	switch {
	case interrupted:
		return runError{status: umzug.StatusInterrupted, msg: fmt.Sprintf("interrupted after %d documents", docs)}
	case docs == 0:
		return runError{status: umzug.StatusFailed, msg: "failed: no page could be extracted"}
	case fails.total() > 0:
		return runError{status: umzug.StatusPartial, msg: fmt.Sprintf("partial: %d of %d inputs failed, %d documents written", fails.total(), inputs, docs)}
	}
	return nil
}

// extractReason is the failure reason of a file that was not extracted.
func extractReason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return umzug.ReasonInputUnreadable
	}
	return umzug.ReasonExtractError
}

// newParser loads the user's profiles; a broken profile is a usage error.
func newParser(files []string) (*extract.Parser, error) {
	var ps []*extract.Profile
	for _, f := range files {
		p, err := extract.LoadProfile(f)
		if err != nil {
			return nil, usageErr(fmt.Errorf("--profile: %w", err))
		}
		ps = append(ps, p)
	}
	return extract.NewParser(ps...), nil
}

func extractFile(parser interface {
	ParseHTML(r io.Reader, pageURL string) (umzug.Document, error)
}, name, baseURL string, fails *failureLog) (doc any, err error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	body, _, _ := extract.DecodeHTML(raw, "")
	if baseURL == "" {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		baseURL = "file://" + filepath.ToSlash(abs)
	}
	defer fails.recovered(name, umzug.StageExtract, nil)
	d, err := parser.ParseHTML(bytes.NewReader(body), baseURL)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// extractArchive writes one document per content page of the archive.
// Pages that failed to be fetched, records that cannot be read and pages
// the extractor fails on are failures, named with their URL and record.
func extractArchive(ctx context.Context, log *slog.Logger, parser pageParser, enc *json.Encoder, opts *ExtractOptions, fails *failureLog) (docs, urls int, err error) {
	skipped := map[string]int{} // not content, per reason: not failures
	err = extract.ReadArchiveRun(ctx, opts.Archive, extract.ReadArchiveOptions{Run: opts.Run}, func(s *umzug.Snapshot) error {
		urls++
		if f, failed := extract.SnapshotFailure(s); failed {
			fails.add(f)
			return nil
		}
		switch {
		case !s.IsHTML():
			skipped["not html"]++
			return nil
		case s.Status < 200 || s.Status > 299:
			skipped[fmt.Sprintf("status %d", s.Status)]++
			return nil
		}
		d, panicked, err := parseSnapshot(parser, s, fails)
		switch {
		case panicked:
			return nil
		case errors.Is(err, umzug.ErrNotContent) || errors.Is(err, umzug.ErrNoMainContent):
			skipped[skipReason(err)]++
			return nil
		case err != nil:
			fails.add(umzug.Failure{URL: s.URL, Stage: umzug.StageExtract, Reason: umzug.ReasonExtractError, Message: err.Error(), Record: s.ArchiveRef})
			return nil
		}
		docs++
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	})
	log.Info("extracted from archive", "archive", opts.Archive, "documents", docs, "skipped", countsByReason(skipped), "failed", fails.total())
	return docs, urls, err
}

// parseSnapshot runs the extractor on one page; a panic is the page's
// failure.
func parseSnapshot(parser pageParser, s *umzug.Snapshot, fails *failureLog) (d umzug.Document, panicked bool, err error) {
	defer fails.recovered(s.URL, umzug.StageExtract, &panicked)
	d, err = parser.Parse(s)
	return d, false, err
}
