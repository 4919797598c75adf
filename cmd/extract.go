package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug/extract"
)

// ExtractOptions are the inputs of umzug extract.
type ExtractOptions struct {
	Global   *GlobalOptions
	Files    []string
	BaseURL  string
	Out      string
	Profiles []string
}

// NewCmdExtract builds umzug extract.
func NewCmdExtract(ios *IOStreams, g *GlobalOptions, runF func(context.Context, *ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{Global: g}
	cmd := &cobra.Command{
		Use:   "extract FILE.html... [--out FILE]",
		Short: "Extract documents from saved HTML pages, as NDJSON",
		Long: `extract parses saved HTML pages (UTF-8 or with a declared charset) and prints
one document per page as a line of JSON: title, dates, kind and typed blocks.
A page that cannot be read or parsed is reported on stderr and skipped.`,
		Example: `  umzug extract page.html | jq .blocks[].type
  umzug extract saved/*.html --base-url https://www.example.de/ --out docs.ndjson
  umzug extract page.html --profile mysite.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return extractRun(cmd.Context(), ios, opts)
		},
	}
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", "URL the pages were served at, to make links absolute (default: the file's file:// URL)")
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write to FILE instead of stdout")
	cmd.Flags().StringArrayVar(&opts.Profiles, "profile", nil, "site profile (YAML) to try before the built-in ones (repeatable)")
	return cmd
}

func extractRun(ctx context.Context, ios *IOStreams, opts *ExtractOptions) error {
	log, err := opts.Global.Logger(ios.ErrOut)
	if err != nil {
		return err
	}
	parser, err := newParser(opts.Profiles)
	if err != nil {
		return err
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
	failed := 0
	for _, name := range opts.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := extractFile(parser, name, opts.BaseURL)
		if err != nil {
			failed++
			log.Error("not extracted", "file", name, "err", err)
			continue
		}
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", opts.Out, err)
		}
	}
	if failed == len(opts.Files) {
		return errors.New("no page could be extracted")
	}
	return nil
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

func extractFile(parser *extract.Parser, name, baseURL string) (any, error) {
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
	return parser.ParseHTML(bytes.NewReader(body), baseURL)
}
