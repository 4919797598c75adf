package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/umzug/umzug"
)

// Exit codes: the one place they are decided (see Execute and exitCode;
// README, "Exit codes").
const (
	// ExitOK: the run did what was asked.
	ExitOK = 0
	// ExitError: an error (I/O, internal, bad configuration); the message
	// names the file or URL.
	ExitError = 1
	// ExitUsage: the command was called wrongly.
	ExitUsage = 2
	// ExitFindings: audit findings at or above --fail-on.
	ExitFindings = 3
	// ExitPartial: the run finished, but some URLs or records failed or
	// were dropped; the summary and the manifest say which, by reason.
	ExitPartial = 4
	// ExitFailed: nothing usable: the start URLs were unreachable,
	// nothing was fetched or exported, or the crawl run failed.
	ExitFailed = 5
	// ExitInterrupted: Ctrl-C or SIGTERM; what was written is marked
	// interrupted, never complete.
	ExitInterrupted = 130
)

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

// runError is the outcome of a run that did not do all that was asked:
// status is umzug.StatusPartial, StatusFailed or StatusInterrupted. The
// summary on stderr already said what failed; msg is the last line.
type runError struct {
	status string
	msg    string
}

func (e runError) Error() string { return e.msg }

// runStatusErr returns the error for a run that ended with status, nil
// for a complete run. what says what the run wrote ("the export", "the
// report").
func runStatusErr(status, msg string) error {
	if status == umzug.StatusComplete || status == "" {
		return nil
	}
	return runError{status: status, msg: msg}
}

// exitCode maps the error of a command to the process's exit code. When
// several outcomes apply, the commands return the strongest: interrupted,
// then failed, then partial, then findings.
func exitCode(err error) int {
	var (
		ee exitError
		re runError
		ue usageError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue) || isCobraUsage(err):
		return ExitUsage
	case errors.As(err, &re):
		switch re.status {
		case umzug.StatusInterrupted:
			return ExitInterrupted
		case umzug.StatusFailed:
			return ExitFailed
		case umzug.StatusPartial:
			return ExitPartial
		}
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	}
	return ExitError
}

// Execute runs root with args and maps its error to an exit code, printing
// the error to ErrOut.
func Execute(ctx context.Context, root *cobra.Command, args []string, ios *IOStreams) int {
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCode(err)
	var (
		ee exitError
		re runError
	)
	switch {
	case err == nil:
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(ios.ErrOut, ios.redact(ee.msg))
		}
	case errors.As(err, &re):
		fmt.Fprintf(ios.ErrOut, "umzug: %s (exit %d)\n", ios.redact(re.msg), code)
	case code == ExitInterrupted:
		fmt.Fprintln(ios.ErrOut, "umzug: interrupted")
	default:
		fmt.Fprintln(ios.ErrOut, "umzug:", ios.redact(err.Error()))
		if code == ExitUsage {
			fmt.Fprintln(ios.ErrOut, "Run 'umzug help' for usage.")
		}
	}
	return code
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
