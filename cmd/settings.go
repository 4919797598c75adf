package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/umzug/umzug/audit"
)

// A settings file (umzug.yaml, see umzug init) holds the flags of crawl,
// migrate and audit, so that a site's dozen flags are written once:
//
//	urls: [https://www.example.de/]   # start URLs when the command line has none
//	public-url: https://www.example.de
//	profile: [stadtcms.yaml]
//	crawl:                            # crawl flags, for crawl, migrate and audit
//	  concurrency: 2
//	  delay: 500ms
//	  exclude: ['\?tx_kesearch']
//	migrate:                          # migrate's flags (crawl flags here win over crawl:)
//	  out: export
//	  archive: archive
//	audit:                            # audit's flags, and its rules
//	  fail-on: error
//	  disable: [missing-alt]
//	  rules: [...]
//
// Keys are the flags' names. Precedence: a flag on the command line, then
// its environment variable, then the file, then the default. Unknown keys
// and values a flag does not take are errors naming the file and the key.
// An audit rule file of the old form (disable, severity and rules at the
// top level) is a settings file too.

// settingsEnv are the flags whose environment variable wins over the file.
var settingsEnv = map[string]string{
	"user-agent": "UMZUG_USER_AGENT",
	"log-level":  "UMZUG_LOG_LEVEL",
	"log-format": "UMZUG_LOG_FORMAT",
}

// notSettings are flags that do not belong in a settings file.
var notSettings = []string{"config", "help", "demo", "demo-change"}

// siteKeys are the top-level keys besides the sections: flags that
// several commands share. A top-level archive is for crawl and migrate
// only: audit --archive audits an archive offline instead of crawling.
var siteKeys = []string{"public-url", "archive", "profile", "log-level", "log-format", "quiet"}

// auditRuleKeys are the keys of the audit rules (audit.Config).
var auditRuleKeys = []string{"disable", "severity", "rules"}

// settings is a parsed settings file.
type settings struct {
	path     string
	urls     []string
	site     map[string]*yaml.Node
	sections map[string]map[string]*yaml.Node // crawl, migrate, audit
	audit    *audit.Config                    // rules; nil when the file has none
}

// readSettings reads and checks a settings file: every key must be a
// flag of its section's command (or an audit rule key), the audit rules
// must be valid. It does not apply anything.
func readSettings(path string) (*settings, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	st := &settings{path: path, site: map[string]*yaml.Node{}, sections: map[string]map[string]*yaml.Node{}}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(root.Content) == 0 {
		return st, nil // empty file
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: want a mapping of settings at the top", path)
	}
	flags := commandFlags()
	legacy := map[string]*yaml.Node{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i].Value, top.Content[i+1]
		switch {
		case key == "urls":
			if st.urls, err = stringList(val); err != nil {
				return nil, fmt.Errorf("%s: urls: %w", path, err)
			}
		case key == "crawl" || key == "migrate" || key == "audit":
			if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				continue // a section with every setting commented out
			}
			if val.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s: %s: want a mapping of settings", path, key)
			}
			sec := map[string]*yaml.Node{}
			for j := 0; j+1 < len(val.Content); j += 2 {
				k := val.Content[j].Value
				ok := flags[key].Lookup(k) != nil && !slices.Contains(notSettings, k)
				if key == "audit" && slices.Contains(auditRuleKeys, k) {
					ok = true
				}
				if !ok {
					return nil, fmt.Errorf("%s: %s.%s: unknown setting%s", path, key, k, suggest(k, flagNames(flags[key], key == "audit")))
				}
				sec[k] = val.Content[j+1]
			}
			st.sections[key] = sec
		case slices.Contains(siteKeys, key):
			st.site[key] = val
		case slices.Contains(auditRuleKeys, key):
			legacy[key] = val
		default:
			return nil, fmt.Errorf("%s: %s: unknown setting%s", path, key, suggest(key, append([]string{"urls", "crawl", "migrate", "audit"}, append(siteKeys, auditRuleKeys...)...)))
		}
	}
	rules := legacy
	if sec := st.sections["audit"]; sec != nil {
		for _, k := range auditRuleKeys {
			if n, ok := sec[k]; ok {
				if _, dup := legacy[k]; dup {
					return nil, fmt.Errorf("%s: %s stands at the top and under audit: give the audit rules in one place", path, k)
				}
				rules[k] = n
				delete(sec, k)
			}
		}
	}
	if len(rules) > 0 {
		if st.audit, err = auditRules(rules); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	// A value the flag does not take is an error now, not when the
	// command that uses it runs.
	for name, sec := range st.sections {
		for k, n := range sec {
			if err := setFlag(flags[name].Lookup(k), n); err != nil {
				return nil, fmt.Errorf("%s: %s.%s: %w", path, name, k, err)
			}
		}
	}
	for k, n := range st.site {
		for _, fs := range flags {
			if f := fs.Lookup(k); f != nil {
				if err := setFlag(f, n); err != nil {
					return nil, fmt.Errorf("%s: %s: %w", path, k, err)
				}
				break
			}
		}
	}
	return st, nil
}

// apply sets the flags of cmd (crawl, migrate or audit) that the command
// line and the environment left unset: the top-level settings, then the
// crawl section (for migrate and audit only the crawl flags), then the
// command's own section.
func (st *settings) apply(cmd *cobra.Command, command string) error {
	lookup := func(name string) *pflag.Flag {
		if f := cmd.Flags().Lookup(name); f != nil {
			return f
		}
		return cmd.InheritedFlags().Lookup(name)
	}
	set := func(where, name string, n *yaml.Node) error {
		f := lookup(name)
		if f == nil || f.Changed {
			return nil
		}
		if env := settingsEnv[name]; env != "" && os.Getenv(env) != "" {
			return nil
		}
		if err := setFlag(f, n); err != nil {
			return fmt.Errorf("%s: %s%s: %w", st.path, where, name, err)
		}
		return nil
	}
	for _, k := range sortedKeys(st.site) {
		if k == "archive" && command == "audit" {
			continue
		}
		if err := set("", k, st.site[k]); err != nil {
			return err
		}
	}
	shared := sharedCrawlFlags()
	for _, k := range sortedKeys(st.sections["crawl"]) {
		if command != "crawl" && !slices.Contains(shared, k) {
			continue
		}
		if err := set("crawl.", k, st.sections["crawl"][k]); err != nil {
			return err
		}
	}
	if command != "crawl" {
		for _, k := range sortedKeys(st.sections[command]) {
			if err := set(command+".", k, st.sections[command][k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// startURLs returns the file's start URLs for a command line without
// any: not with --demo, and not when --archive on the command line asks
// for an offline export or audit of an archive.
func (st *settings) startURLs(cmd *cobra.Command, args []string) []string {
	if st == nil || len(args) > 0 {
		return args
	}
	for _, f := range []string{"demo", "demo-change", "archive"} {
		if fl := cmd.Flags().Lookup(f); fl != nil && fl.Changed {
			return args
		}
	}
	if cmd.Name() == "audit" && st.sections["audit"]["archive"] != nil {
		return args // audit.archive: audit that archive offline
	}
	return st.urls
}

// applySettings reads the settings file given with --config (or
// UMZUG_CONFIG) and applies it to cmd; nil without one.
func applySettings(cmd *cobra.Command, path, command string) (*settings, error) {
	if path == "" {
		return nil, nil
	}
	st, err := readSettings(path)
	if err != nil {
		return nil, err
	}
	return st, st.apply(cmd, command)
}

// auditRules decodes the audit rule keys (disable, severity, rules) and
// checks them; unknown keys of a rule are errors with their line.
func auditRules(nodes map[string]*yaml.Node) (*audit.Config, error) {
	c := &audit.Config{}
	known := map[string]bool{}
	t := reflect.TypeFor[audit.RuleConfig]()
	for i := range t.NumField() {
		known[strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]] = true
	}
	if n := nodes["rules"]; n != nil && n.Kind == yaml.SequenceNode {
		for i, r := range n.Content {
			if r.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("line %d: rules[%d]: want a mapping", r.Line, i)
			}
			for j := 0; j+1 < len(r.Content); j += 2 {
				if k := r.Content[j]; !known[k.Value] {
					return nil, fmt.Errorf("line %d: rules[%d]: %s: unknown key%s", k.Line, i, k.Value, suggest(k.Value, sortedBoolKeys(known)))
				}
			}
		}
	}
	for key, dst := range map[string]any{"disable": &c.Disable, "severity": &c.Severity, "rules": &c.Rules} {
		if n := nodes[key]; n != nil {
			if err := n.Decode(dst); err != nil {
				return nil, fmt.Errorf("line %d: %s: %w", n.Line, key, err)
			}
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func sortedBoolKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// setFlag sets f from a YAML scalar, or from each item of a sequence for
// a repeatable flag.
func setFlag(f *pflag.Flag, n *yaml.Node) error {
	if f == nil {
		return errors.New("not a flag")
	}
	repeatable := strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice")
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return f.Value.Set(n.Value)
	case yaml.SequenceNode:
		if !repeatable {
			return fmt.Errorf("takes one value, not a list")
		}
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				return fmt.Errorf("want a list of values")
			}
			if err := f.Value.Set(item.Value); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("want a value or a list of values")
}

func stringList(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		var out []string
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				return nil, errors.New("want a list of URLs")
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, errors.New("want a URL or a list of URLs")
}

// commandFlags returns the flags of crawl, migrate and audit (with the
// global ones), on fresh commands: reading a file never touches the
// command being run.
func commandFlags() map[string]*pflag.FlagSet {
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}
	out := map[string]*pflag.FlagSet{}
	root := NewRootCmd(ios)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "crawl", "migrate", "audit":
			fs := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
			fs.AddFlagSet(c.Flags())
			fs.AddFlagSet(root.PersistentFlags())
			out[c.Name()] = fs
		}
	}
	return out
}

// sharedCrawlFlags are the flags every crawling command has.
func sharedCrawlFlags() []string {
	c := &cobra.Command{}
	var f CrawlFlags
	f.register(c, false)
	var names []string
	c.Flags().VisitAll(func(fl *pflag.Flag) { names = append(names, fl.Name) })
	return names
}

func flagNames(fs *pflag.FlagSet, rules bool) []string {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if !slices.Contains(notSettings, f.Name) {
			names = append(names, f.Name)
		}
	})
	if rules {
		names = append(names, auditRuleKeys...)
	}
	return names
}

// suggest names the known key closest to k, when one is close.
func suggest(k string, known []string) string {
	best, dist := "", 3
	for _, c := range known {
		if d := editDistance(k, c); d < dist {
			best, dist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func sortedKeys(m map[string]*yaml.Node) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
