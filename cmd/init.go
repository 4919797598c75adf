package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// InitOptions are the inputs of umzug init.
type InitOptions struct {
	URL   string
	Out   string
	Force bool
}

// NewCmdInit builds umzug init.
func NewCmdInit(ios *IOStreams, runF func(context.Context, *InitOptions) error) *cobra.Command {
	opts := &InitOptions{}
	cmd := &cobra.Command{
		Use:   "init URL [--out umzug.yaml]",
		Short: "Write a commented settings file (umzug.yaml) for a site",
		Long: `init writes a settings file for the site at URL: its start URL, the export
and archive directories, and every flag of crawl, migrate and audit with its
default and meaning, commented out. Edit it, then run

  umzug migrate --config umzug.yaml
  umzug audit --config umzug.yaml --format html --out audit.html

Flags on the command line win over the file, UMZUG_* environment variables
too. The audit rules (disable, severity, rules) live under audit:.`,
		Example: `  umzug init https://www.example.de/
  umzug init https://www.example.de/ --out example.yaml --force`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.URL = args[0]
			u, err := url.Parse(opts.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageErr(fmt.Errorf("%q: not an absolute http(s) URL", opts.URL))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return initRun(ios, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "umzug.yaml", `file to write ("-": stdout)`)
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite an existing file")
	return cmd
}

func initRun(ios *IOStreams, opts *InitOptions) error {
	text := settingsTemplate(opts.URL)
	if opts.Out == "-" {
		_, err := fmt.Fprint(ios.Out, text)
		return err
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if opts.Force {
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(opts.Out, flag, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s exists: give --force to overwrite it, or --out another file", opts.Out)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", opts.Out, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", opts.Out, err)
	}
	fmt.Fprintf(ios.ErrOut, "Wrote %s. Next: umzug migrate --config %s\n", opts.Out, shellQuote(opts.Out))
	return nil
}

// settingsTemplate is the settings file init writes: made from the
// commands' own flags, so it names every flag with its current default
// and help text.
func settingsTemplate(site string) string {
	flags := commandFlags()
	shared := sharedCrawlFlags()
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# umzug settings for %s\n", site)
	w("#\n# Use: umzug migrate --config umzug.yaml (or set UMZUG_CONFIG). Keys are the\n")
	w("# flags' names; a flag on the command line wins, so does its UMZUG_* variable.\n")
	w("# Commented lines show the defaults. umzug help <command> explains the flags.\n\n")
	w("# start URLs of crawl, migrate and audit when the command line names none\n")
	w("urls: [%s]\n\n", yamlScalar(site))
	for _, k := range siteKeys {
		var f *pflag.Flag
		for _, c := range []string{"migrate", "audit", "crawl"} {
			if f = flags[c].Lookup(k); f != nil {
				break
			}
		}
		w("%s\n", flagLine("", f, f.Name == "archive"))
	}
	w("\n# crawl flags: umzug crawl, and the crawling of migrate and audit\ncrawl:\n")
	flags["crawl"].VisitAll(func(f *pflag.Flag) {
		if slices.Contains(notSettings, f.Name) || slices.Contains(siteKeys, f.Name) {
			return
		}
		if m := flags["migrate"].Lookup(f.Name); m != nil && m.DefValue != f.DefValue {
			// The commands differ: no single default to show.
			w("  # %s:%s  # %s (default: %s for crawl, %s for migrate and audit)\n", f.Name, strings.Repeat(" ", max(0, 36-len(f.Name))), f.Usage, f.DefValue, m.DefValue)
			return
		}
		w("%s\n", flagLine("  ", f, false))
	})
	own := func(f *pflag.Flag) bool {
		return !slices.Contains(notSettings, f.Name) && !slices.Contains(siteKeys, f.Name) && !slices.Contains(shared, f.Name)
	}
	w("\n# umzug migrate (crawl flags set here win over crawl:)\nmigrate:\n")
	flags["migrate"].VisitAll(func(f *pflag.Flag) {
		if own(f) {
			w("%s\n", flagLine("  ", f, f.Name == "out"))
		}
	})
	w("\n# umzug audit, and the audit rules (migrate applies the rules too)\naudit:\n")
	flags["audit"].VisitAll(func(f *pflag.Flag) {
		if own(f) {
			w("%s\n", flagLine("  ", f, false))
		}
	})
	w(`  # disable: [missing-alt]            # built-in rules to switch off
  # severity: {empty-element: info}   # another severity for a rule
  # rules:                            # rules of your own
  #   - id: old-ministry-name
  #     message: the ministry's name before 2020
  #     severity: warning             # info, warning or error
  #     phrases: ["Ministerium für Infrastruktur und Landwirtschaft"]
  #     regexps: ['\bTMIL\b']
  #     scope: [text, alt, title]
  #     urls: ['/presse/']
`)
	return b.String()
}

// flagLine is one setting: "key: default  # usage", commented out unless
// set, which writes the values a new project starts with.
func flagLine(indent string, f *pflag.Flag, set bool) string {
	val := f.DefValue
	switch {
	case strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice"):
		val = "[]"
	case f.Value.Type() == "string":
		val = yamlScalar(val)
	}
	if set {
		switch f.Name {
		case "out":
			val = "export"
		case "archive":
			val = "archive"
		}
	}
	prefix := indent + "# "
	if set {
		prefix = indent
	}
	line := prefix + f.Name + ": " + val
	usage := strings.ReplaceAll(f.Usage, "\n", " ")
	if pad := 40 - len(line); pad > 0 {
		line += strings.Repeat(" ", pad)
	}
	return line + "  # " + usage
}

// yamlScalar writes s as a YAML scalar, quoted when it must be.
func yamlScalar(s string) string {
	if s == "" {
		return `""`
	}
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSpace(string(b))
}
