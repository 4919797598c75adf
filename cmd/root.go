// Package cmd holds umzug's command line: one file per command, flags
// bound to an Options struct, the work done by the stage packages.
package cmd

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
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

	secretsOnce sync.Once
	secrets     *secretSet
}

// secretSet returns the credentials of this process's run, to redact.
func (ios *IOStreams) secretSet() *secretSet {
	ios.secretsOnce.Do(func() {
		if ios.secrets == nil {
			ios.secrets = &secretSet{}
		}
	})
	return ios.secrets
}

// redact removes credentials from a message before it is printed.
func (ios *IOStreams) redact(s string) string { return shortenURLs(ios.secretSet().redact(s)) }

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

	// secrets are redacted from every log line (shared with the
	// IOStreams by NewRootCmd).
	secrets *secretSet
}

// addSecrets registers credentials of the run: no log line shows them.
func (g *GlobalOptions) addSecrets(vs ...string) {
	if g.secrets == nil {
		g.secrets = &secretSet{}
	}
	g.secrets.add(vs...)
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
	if g.secrets == nil {
		g.secrets = &secretSet{}
	}
	hopts := &slog.HandlerOptions{Level: lvl, ReplaceAttr: g.secrets.cleanLogValue}
	switch g.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, hopts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, hopts)), nil
	}
	return nil, usageErr(fmt.Errorf("--log-format %q: want text or json", g.LogFormat))
}

// NewRootCmd builds the command tree.
func NewRootCmd(ios *IOStreams) *cobra.Command {
	g := &GlobalOptions{secrets: ios.secretSet()}
	root := &cobra.Command{
		Use:   "umzug",
		Short: "Move the content of legacy government websites into a new CMS",
		Long: `umzug crawls an old website (TYPO3 first of all), extracts its pages and
press releases as typed content blocks, and writes a normalized JSON export
that a new CMS imports.

Exit codes: 0 ok, 1 error, 2 usage, 3 audit findings at or above --fail-on,
4 partial (some URLs or records failed: the summary lists them by reason,
the export's failures.ndjson names each), 5 failed (nothing usable: the
site unreachable, nothing exported), 130 interrupted (Ctrl-C).`,
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
	go func() {
		// After the first Ctrl-C the run winds down (and marks what it
		// wrote interrupted); a second one ends the process at once.
		<-ctx.Done()
		stop()
	}()
	ios := System()
	SoftMemoryLimit()
	return Execute(ctx, NewRootCmd(ios), os.Args[1:], ios)
}
