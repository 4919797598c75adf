package html

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/umzug/umzug"
)

// Profile maps the markup of one CMS (or one site) to umzug's document
// model with CSS selectors. Built-in profiles cover Government Site
// Builder and SixCMS; TYPO3 is handled by the built-in extractor, which a
// profile can still refine. See the README for the format.
type Profile struct {
	Name   string `yaml:"name"`
	Detect struct {
		// Generator holds substrings of <meta name="generator">.
		Generator []string `yaml:"generator"`
		// Selectors: the profile applies when one of them matches.
		Selectors []string `yaml:"selectors"`
		// URL holds regular expressions on the page URL.
		URL []string `yaml:"url"`
	} `yaml:"detect"`
	// Content lists selectors of the content area; the first that matches
	// wins (all its matches, in document order).
	Content []string `yaml:"content"`
	// Remove lists selectors of chrome inside the content area.
	Remove    []string `yaml:"remove"`
	Title     []string `yaml:"title"`
	Date      []string `yaml:"date"` // a datetime/content attribute or the German date in the text
	Modified  []string `yaml:"modified"`
	Lead      []string `yaml:"lead"`
	Kicker    []string `yaml:"kicker"`
	Subtitle  []string `yaml:"subtitle"`
	Publisher []string `yaml:"publisher"`
	// PressRelease makes a page a press release when its URL matches one
	// of the regexps or one of the selectors matches.
	PressRelease struct {
		URL       []string `yaml:"url"`
		Selectors []string `yaml:"selectors"`
	} `yaml:"pressRelease"`
	// Blocks types elements by selector.
	Blocks []BlockRule `yaml:"blocks"`

	urlRe, prURLRe []*regexp.Regexp
	detectSel      []goquery.Matcher
	detectElem     []bool // detectSel[i] matches elements only (indexPage skips other nodes)
}

// BlockRule types the elements a selector matches.
type BlockRule struct {
	Selector string          `yaml:"selector"`
	Type     umzug.BlockType `yaml:"type"`
}

// ParseProfile reads and checks a YAML profile.
func ParseProfile(r io.Reader) (*Profile, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	p := &Profile{}
	if err := dec.Decode(p); err != nil {
		return nil, fmt.Errorf("reading profile: %w", err)
	}
	if err := p.compile(); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadProfile reads a YAML profile file.
func LoadProfile(path string) (*Profile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := ParseProfile(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

func (p *Profile) compile() error {
	if p.Name == "" {
		return fmt.Errorf("profile: name is required")
	}
	if len(p.Detect.Generator)+len(p.Detect.Selectors)+len(p.Detect.URL) == 0 {
		return fmt.Errorf("profile %s: detect needs a generator, selector or url", p.Name)
	}
	sels := map[string][]string{"detect.selectors": p.Detect.Selectors, "content": p.Content, "remove": p.Remove,
		"title": p.Title, "date": p.Date, "modified": p.Modified, "lead": p.Lead, "kicker": p.Kicker,
		"subtitle": p.Subtitle, "publisher": p.Publisher, "pressRelease.selectors": p.PressRelease.Selectors}
	for _, s := range p.Detect.Selectors {
		if m, err := compileGated(s); err == nil {
			p.detectSel = append(p.detectSel, m)
			// Without a pseudo-class every part of a selector is a tag,
			// class, id or attribute test, which only elements pass; a
			// text node can match :contains() and the like.
			p.detectElem = append(p.detectElem, !strings.Contains(s, ":"))
		}
	}
	for field, list := range sels {
		for _, s := range list {
			if err := checkSelector(s); err != nil {
				return fmt.Errorf("profile %s: %s: %w", p.Name, field, err)
			}
		}
	}
	for _, list := range []struct {
		in  []string
		out *[]*regexp.Regexp
	}{{p.Detect.URL, &p.urlRe}, {p.PressRelease.URL, &p.prURLRe}} {
		for _, s := range list.in {
			re, err := regexp.Compile(s)
			if err != nil {
				return fmt.Errorf("profile %s: url %q: %w", p.Name, s, err)
			}
			*list.out = append(*list.out, re)
		}
	}
	for _, r := range p.Blocks {
		if err := checkSelector(r.Selector); err != nil {
			return fmt.Errorf("profile %s: blocks: %w", p.Name, err)
		}
		ok := false
		for _, t := range umzug.BlockTypes {
			ok = ok || t == r.Type
		}
		if !ok || r.Type == umzug.BlockRef {
			return fmt.Errorf("profile %s: blocks: selector %q: unknown type %q", p.Name, r.Selector, r.Type)
		}
	}
	return nil
}

// checkSelector compiles a selector the way goquery does, so a profile
// with a bad selector fails when loaded, not on the first page.
func checkSelector(s string) error {
	m, err := compileGated(s)
	if err != nil {
		return fmt.Errorf("selector %q: %w", s, err)
	}
	profileSels.Store(s, m) // compiled once (cache.go)
	return nil
}

// matches reports whether the profile applies to a page whose meta tags
// are meta, served at pageURL; selMatch tells whether one of its detect
// selectors matches an element of the page (pageIndex.detect).
func (p *Profile) matches(meta metaTags, pageURL string, selMatch bool) bool {
	return p.generatorMatches(meta.name("generator")) || selMatch || p.urlMatches(pageURL)
}

// generatorMatches reports whether the page's generator (the content of
// its <meta name=generator>) names the profile's CMS.
func (p *Profile) generatorMatches(gen string) bool {
	gen = strings.ToLower(gen)
	for _, g := range p.Detect.Generator {
		if gen != "" && strings.Contains(gen, strings.ToLower(g)) {
			return true
		}
	}
	return false
}

// urlMatches reports whether one of the profile's URL regexps matches.
func (p *Profile) urlMatches(pageURL string) bool {
	for _, re := range p.urlRe {
		if re.MatchString(pageURL) {
			return true
		}
	}
	return false
}

//go:embed profiles/*.yaml
var builtinFS embed.FS

// BuiltinProfiles returns the profiles shipped with umzug.
var BuiltinProfiles = sync.OnceValue(func() []*Profile {
	entries, err := builtinFS.ReadDir("profiles")
	if err != nil {
		panic(err)
	}
	var out []*Profile
	for _, e := range entries {
		b, err := builtinFS.ReadFile("profiles/" + e.Name())
		if err != nil {
			panic(err)
		}
		p, err := ParseProfile(bytes.NewReader(b))
		if err != nil {
			panic(fmt.Sprintf("built-in profile %s: %v", e.Name(), err)) // caught by tests
		}
		out = append(out, p)
	}
	return out
})

// firstMatches finds the first node each selector matches below root,
// in document order (doc.FindMatcher(profileSelFirst(s)).First() for
// each), in one walk over the page that ends when all are found.
func firstMatches(root *html.Node, lists ...[]string) map[string]*html.Node {
	found := map[string]*html.Node{}
	var sels []string
	var ms []goquery.Matcher
	var elemOnly []bool // a selector without a pseudo-class matches elements only (as for detect)
	for _, l := range lists {
		for _, s := range l {
			if _, dup := found[s]; !dup {
				found[s] = nil
				sels = append(sels, s)
				ms = append(ms, profileSel(s))
				elemOnly = append(elemOnly, !strings.Contains(s, ":"))
			}
		}
	}
	left := len(sels)
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		elem := n.Type == html.ElementNode
		for i, m := range ms {
			if m != nil && (elem || !elemOnly[i]) && m.Match(n) {
				found[sels[i]] = n
				ms[i] = nil
				left--
			}
		}
		for c := n.FirstChild; c != nil && left > 0; c = c.NextSibling {
			visit(c)
		}
	}
	for c := root.FirstChild; c != nil && left > 0; c = c.NextSibling {
		if c.Type == html.ElementNode {
			visit(c)
		}
	}
	return found
}

// firstMatchText returns the text of the first element any selector
// matches (found: firstMatches), and that element.
func firstMatchText(found map[string]*html.Node, sels []string) (string, *goquery.Selection) {
	for _, s := range sels {
		if n := found[s]; n != nil {
			m := goquery.NewDocumentFromNode(n).Selection
			if t := text(m); t != "" {
				return t, m
			}
		}
	}
	return "", nil
}

func dateFrom(found map[string]*html.Node, sels []string) string {
	for _, s := range sels {
		n := found[s]
		if n == nil {
			continue
		}
		m := goquery.NewDocumentFromNode(n).Selection
		if d := isoDate(m.AttrOr("datetime", m.AttrOr("content", "")), text(m)); d != "" {
			return d
		}
	}
	return ""
}
