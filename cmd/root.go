// Package cmd holds umzug's command line: one file per command, flags
// bound to an Options struct, the work done by the stage packages.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes; see README.
const (
	ExitOK       = 0
	ExitError    = 1
	ExitUsage    = 2
	ExitFindings = 3
	ExitPartial  = 4 // the run finished, but some pages or records failed or were dropped
)

// IOStreams are the streams a command uses: data to Out, everything else
// (logs, progress, summaries, errors) to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY is true when ErrOut is a terminal: progress bars draw only then.
	ErrTTY bool
	// OutTTY is true when Out is a terminal: reports default to text then.
	OutTTY bool
	// Now is the clock; tests set it for exact output.
	Now func() time.Time
}

// System returns the process's streams.
func System() *IOStreams {
	ios := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())), OutTTY: term.IsTerminal(int(os.Stdout.Fd())), Now: time.Now}
	if ios.ErrTTY {
		ios.ErrOut = &ttyErr{w: os.Stderr} // log lines clear a progress bar first
	}
	return ios
}

// GlobalOptions are the flags every command has.
type GlobalOptions struct {
	Quiet     bool
	LogLevel  string
	LogFormat string
}

// Logger builds the logger the options ask for, writing to w.
func (g *GlobalOptions) Logger(w io.Writer) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(g.LogLevel)); err != nil {
		return nil, usageErr(fmt.Errorf("--log-level %q: want debug, info, warn or error", g.LogLevel))
	}
	if g.Quiet && lvl < slog.LevelWarn {
		lvl = slog.LevelWarn
	}
	hopts := &slog.HandlerOptions{Level: lvl}
	switch g.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, hopts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, hopts)), nil
	}
	return nil, usageErr(fmt.Errorf("--log-format %q: want text or json", g.LogFormat))
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErr(err error) error { return usageError{err} }

// exitError carries a specific exit code (audit findings: 3).
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// NewRootCmd builds the command tree.
func NewRootCmd(ios *IOStreams) *cobra.Command {
	g := &GlobalOptions{}
	root := &cobra.Command{
		Use:   "umzug",
		Short: "Move the content of legacy government websites into a new CMS",
		Long: `umzug crawls an old website (TYPO3 first of all), extracts its pages and
press releases as typed content blocks, and writes a normalized JSON export
that a new CMS imports.`,
		Example: `  # migrate the embedded demo site into ./export
  umzug migrate --demo --out export

  # migrate a real site
  umzug migrate https://www.example.de/ --out export`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().BoolVarP(&g.Quiet, "quiet", "q", false, "no progress bar, only warnings and errors on stderr")
	root.PersistentFlags().StringVar(&g.LogLevel, "log-level", envOr("UMZUG_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env UMZUG_LOG_LEVEL)")
	root.PersistentFlags().StringVar(&g.LogFormat, "log-format", envOr("UMZUG_LOG_FORMAT", "text"), "log format: text or json (env UMZUG_LOG_FORMAT)")
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetIn(ios.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr(err) })
	root.AddCommand(
		NewCmdMigrate(ios, g, nil),
		NewCmdCrawl(ios, g, nil),
		NewCmdDiff(ios, g, nil),
		NewCmdExtract(ios, g, nil),
		NewCmdAudit(ios, g, nil),
		NewCmdLoad(ios, g, nil),
		NewCmdSchema(ios, nil),
		NewCmdVersion(ios),
		NewCmdInit(ios, nil),
	)
	return root
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Main runs umzug with the process's arguments and returns the exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ios := System()
	SoftMemoryLimit()
	return Execute(ctx, NewRootCmd(ios), os.Args[1:], ios)
}

// Execute runs root with args and maps its error to an exit code, printing
// the error to ErrOut.
func Execute(ctx context.Context, root *cobra.Command, args []string, ios *IOStreams) int {
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(ios.ErrOut, ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(ios.ErrOut, "umzug:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintln(ios.ErrOut, "Run 'umzug help' for usage.")
		return ExitUsage
	}
	if errors.Is(err, context.Canceled) {
		return ExitError
	}
	return ExitError
}

// isCobraUsage recognises cobra's own argument errors, which it returns
// as plain errors.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}
