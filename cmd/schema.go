package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug/load"
)

// SchemaOptions are the inputs of umzug schema.
type SchemaOptions struct {
	Record   string
	RichText load.RichText
}

// NewCmdSchema builds umzug schema.
func NewCmdSchema(ios *IOStreams, runF func(context.Context, *SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{}
	var richText string
	cmd := &cobra.Command{
		Use:   "schema [document|snippet|asset|finding|manifest]",
		Short: "Print the JSON Schema of the export records",
		Long: `schema prints the JSON Schema (draft 2020-12) of one record type of the
export, generated from umzug's Go types: document (the default), snippet,
asset, finding or manifest. Every record umzug writes is validated against
it; the export directory holds the same files under schema/.

With --richtext html or markdown, rich text is a string in that format, as
in an export written with the same flag.`,
		Example: `  umzug schema > document.schema.json
  umzug schema snippet --richtext html`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: load.RecordKinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Record = "document"
			if len(args) == 1 {
				opts.Record = args[0]
			}
			rt, err := richTextFlag(richText)
			if err != nil {
				return err
			}
			opts.RichText = rt
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return schemaRun(cmd.Context(), ios, opts)
		},
	}
	cmd.Flags().StringVar(&richText, "richtext", "portabletext", "rich text format of the records: portabletext, html or markdown")
	return cmd
}

func schemaRun(_ context.Context, ios *IOStreams, opts *SchemaOptions) error {
	b, err := load.Schema(opts.Record, opts.RichText)
	if err != nil {
		return usageErr(fmt.Errorf("%w", err))
	}
	if _, err := ios.Out.Write(b); err != nil {
		return fmt.Errorf("writing schema: %w", err)
	}
	return nil
}

// richTextFlag parses the --richtext flag the export commands share.
func richTextFlag(v string) (load.RichText, error) {
	rt, err := load.ParseRichText(v)
	if err != nil {
		return rt, usageErr(fmt.Errorf("--richtext: %w", err))
	}
	return rt, nil
}
