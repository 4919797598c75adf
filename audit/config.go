package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/umzug/umzug"
)

// Config is the audit's part of a configuration file: user rules, and
// changes to the built-in rules.
//
//	disable: [missing-alt]            # built-in rules to switch off
//	severity: {empty-element: info}   # change a rule's severity
//	rules:
//	  - id: old-ministry-name
//	    message: the ministry's name before 2020
//	    severity: warning
//	    phrases: ["Ministerium für Infrastruktur und Landwirtschaft"]
//	    regexps: ['\bTMIL\b']
//	    scope: [text, alt, title]     # where to look; default text
//	    urls: ['/presse/']            # only pages whose URL matches
type Config struct {
	Disable  []string                  `yaml:"disable"`
	Severity map[string]umzug.Severity `yaml:"severity"`
	Rules    []RuleConfig              `yaml:"rules"`
}

// RuleConfig is one user rule: phrases (matched as words, case-insensitive
// unless CaseSensitive) or regular expressions (RE2 syntax), in visible
// text, alt and/or title attributes, on all pages or those whose URL
// matches one of URLs.
type RuleConfig struct {
	ID            string         `yaml:"id"`
	Message       string         `yaml:"message"`
	Severity      umzug.Severity `yaml:"severity"`
	Phrases       []string       `yaml:"phrases"`
	Regexps       []string       `yaml:"regexps"`
	Scope         []string       `yaml:"scope"`
	URLs          []string       `yaml:"urls"`
	CaseSensitive bool           `yaml:"caseSensitive"`
}

// BuiltinRules are the ids of the rules umzug brings.
var BuiltinRules = []string{
	umzug.RuleBrokenElement, umzug.RulePlaceholderText, umzug.RulePlaceholderAlt, umzug.RuleMissingAlt,
	umzug.RuleEmptyElement, umzug.RuleBrokenLink, umzug.RuleBrokenImage, umzug.RuleServerError,
	umzug.RuleDuplicateContent, umzug.RuleMixedContent, umzug.RuleRedirectLoop, umzug.RuleRedirectChain,
}

var ruleIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ParseConfig reads a YAML configuration; unknown keys are errors, so a
// typo does not silently switch a rule off. The audit settings may stand
// at the top level or under an "audit" key (in a shared umzug config file).
func ParseConfig(r io.Reader) (*Config, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading audit config: %w", err)
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal(raw, &top); err != nil {
		return nil, fmt.Errorf("parsing audit config: %w", err)
	}
	if n, ok := top["audit"]; ok {
		b, err := yaml.Marshal(&n)
		if err != nil {
			return nil, fmt.Errorf("parsing audit config: %w", err)
		}
		raw = b
	}
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parsing audit config: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Validate checks the configuration and names the field at fault.
func (c *Config) Validate() error {
	ids := map[string]bool{}
	for _, id := range BuiltinRules {
		ids[id] = true
	}
	for _, d := range c.Disable {
		if !slices.Contains(BuiltinRules, d) {
			return fmt.Errorf("audit config: disable: unknown rule %q (built-in rules: %s)", d, strings.Join(BuiltinRules, ", "))
		}
	}
	for i, r := range c.Rules {
		at := fmt.Sprintf("audit config: rules[%d]", i)
		if r.ID != "" {
			at += " (" + r.ID + ")"
		}
		switch {
		case !ruleIDRe.MatchString(r.ID):
			return fmt.Errorf("%s: id %q: want lower-case letters, digits, '-', '.', '_'", at, r.ID)
		case ids[r.ID]:
			return fmt.Errorf("%s: id %q is taken by a built-in or earlier rule", at, r.ID)
		case len(r.Phrases) == 0 && len(r.Regexps) == 0:
			return fmt.Errorf("%s: give phrases or regexps", at)
		case r.Severity != "" && r.Severity.Rank() == 0:
			return fmt.Errorf("%s: severity %q: want info, warning or error", at, r.Severity)
		}
		ids[r.ID] = true
		for _, s := range r.Scope {
			if s != "text" && s != "alt" && s != "title" {
				return fmt.Errorf("%s: scope %q: want text, alt or title", at, s)
			}
		}
		for _, p := range r.Phrases {
			if strings.TrimSpace(p) == "" {
				return fmt.Errorf("%s: empty phrase", at)
			}
		}
		for _, x := range append(slices.Clone(r.Regexps), r.URLs...) {
			if _, err := regexp.Compile(x); err != nil {
				return fmt.Errorf("%s: %w", at, err)
			}
		}
	}
	for id, s := range c.Severity {
		if !ids[id] {
			return fmt.Errorf("audit config: severity: unknown rule %q", id)
		}
		if s.Rank() == 0 {
			return fmt.Errorf("audit config: severity of %s: %q: want info, warning or error", id, s)
		}
	}
	return nil
}

type customRule struct {
	m                matcher
	text, alt, title bool
	urls             []*regexp.Regexp
}

func (c *Config) compile() ([]customRule, error) {
	var out []customRule
	for _, r := range c.Rules {
		var alts []string
		for _, p := range r.Phrases {
			// words, with any white space between them
			q := strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
			alts = append(alts, `(?:^|\b|\W)`+q+`(?:$|\b|\W)`)
		}
		alts = append(alts, r.Regexps...)
		expr := strings.Join(alts, "|")
		if !r.CaseSensitive {
			expr = "(?i)" + expr
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("audit config: rule %s: %w", r.ID, err)
		}
		cr := customRule{m: matcher{name: "custom", rule: r.ID, severity: r.Severity,
			message: r.Message, find: reFind(re), expr: expr}}
		if cr.m.severity == "" {
			cr.m.severity = umzug.SeverityWarning
		}
		if cr.m.message == "" {
			cr.m.message = "matches user rule " + r.ID
		}
		if len(r.Scope) == 0 {
			cr.text = true
		}
		for _, s := range r.Scope {
			switch s {
			case "text":
				cr.text = true
			case "alt":
				cr.alt = true
			case "title":
				cr.title = true
			}
		}
		for _, u := range r.URLs {
			cr.urls = append(cr.urls, regexp.MustCompile(u))
		}
		out = append(out, cr)
	}
	return out, nil
}

// run reports the rule's matches on the page: texts, then title
// attributes, then alt texts (alts[i] is the cleaned alt of image i), each
// in page order. each(lo, hi, fn) visits the texts the rule may match.
func (c customRule) run(p *page, alts []string, each func(lo, hi int, fn func(i int)), hit func(m matcher, u unit, start, end int, attr string)) {
	if len(c.urls) > 0 && !slices.ContainsFunc(c.urls, func(re *regexp.Regexp) bool { return re.MatchString(p.url) }) {
		return
	}
	nu, nt := len(p.units), len(p.titles)
	if c.text {
		each(0, nu, func(i int) {
			u := p.units[i]
			if s, e, ok := c.m.find(u.text); ok {
				hit(c.m, u, s, e, "")
			}
		})
	}
	if c.title {
		each(nu, nu+nt, func(i int) {
			u := p.titles[i]
			if s, e, ok := c.m.find(u.text); ok {
				hit(c.m, u, s, e, "title")
			}
		})
	}
	if c.alt {
		each(nu+nt, nu+nt+len(alts), func(i int) {
			im := p.images[i]
			if s, e, ok := c.m.find(alts[i]); ok {
				hit(c.m, unit{text: alts[i], tag: "img", node: im.node, ctx: im.ctx}, s, e, "alt")
			}
		})
	}
}
