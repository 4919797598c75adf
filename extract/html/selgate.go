package html

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// A selector matches a node only if the last compound of one of its
// group's selectors (the subject: "h1" in "#content h1") matches the node
// by itself: its tag, its classes, its id and its attribute tests. Most of
// the nodes a selector is asked about fail there, and cascadia finds that
// out through an interface call per simple selector and a closure per
// attribute. selGate is that necessary condition, read from the
// selector's text: the subject's tag, and for each class, id and
// attribute test an attribute that must be there, holding a given
// substring where the test asks for one. Pseudo-classes add conditions
// and are left to cascadia. A selector the reader does not follow
// (escapes, namespaces, pseudo-elements, a subject of pseudo-classes
// only) gets no gate: cascadia alone, as before.

// gateNeed is an attribute the subject needs: the key, with a value
// that contains sub ("" for any value).
type gateNeed struct{ key, sub string }

// gateCompound is what one selector's subject needs of a node.
type gateCompound struct {
	tag   string // "" for any element
	needs []gateNeed
}

// selGate is a necessary condition of a selector group: a node matches
// only if it is an element and one of the compounds' needs are met.
type selGate struct {
	comps []gateCompound
	// attrs: every compound needs an attribute, so an element without
	// any (most <p>, <li>, <span>) is out at once.
	attrs bool
}

func (g selGate) may(n *html.Node) bool {
	if n.Type != html.ElementNode || g.attrs && len(n.Attr) == 0 {
		return false
	}
	for i := range g.comps {
		if g.comps[i].may(n) {
			return true
		}
	}
	return false
}

func (c *gateCompound) may(n *html.Node) bool {
	if c.tag != "" && n.Data != c.tag {
		return false
	}
	for _, nd := range c.needs {
		found := false
		for _, a := range n.Attr {
			if a.Key == nd.key && strings.Contains(a.Val, nd.sub) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// gateOf reads the gate of a selector group, or reports false when some
// selector of the group has none this reader can derive.
func gateOf(group string) (selGate, bool) {
	g := selGate{attrs: true}
	for _, s := range splitTop(group, ',') {
		c, ok := subjectGate(strings.TrimSpace(s))
		if !ok {
			return selGate{}, false
		}
		g.comps = append(g.comps, c)
		g.attrs = g.attrs && len(c.needs) > 0
	}
	return g, len(g.comps) > 0
}

// eachTop calls f with the index and byte of every byte of s outside
// brackets, parentheses and quotes (and that is none of them); it
// reports whether they were all closed at the end.
func eachTop(s string, f func(i int, c byte)) (balanced bool) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0:
			f(i, c)
		}
	}
	return depth == 0 && quote == 0
}

// splitTop splits s at sep outside brackets, parentheses and quotes.
func splitTop(s string, sep byte) []string {
	var out []string
	start := 0
	eachTop(s, func(i int, c byte) {
		if c == sep {
			out = append(out, s[start:i])
			start = i + 1
		}
	})
	return append(out, s[start:])
}

// subjectGate reads the needs of the last compound of one selector.
func subjectGate(s string) (gateCompound, bool) {
	if s == "" || strings.ContainsAny(s, `\|`) && !onlyDashMatch(s) {
		return gateCompound{}, false
	}
	// The subject begins after the last combinator outside brackets,
	// parentheses and quotes.
	start := 0
	balanced := eachTop(s, func(i int, c byte) {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '>', '+', '~':
			start = i + 1
		}
	})
	if !balanced {
		return gateCompound{}, false
	}
	sub := s[start:]
	var c gateCompound
	i := 0
	if i < len(sub) && sub[i] == '*' {
		i++
	} else if id, n := ident(sub[i:]); n > 0 {
		c.tag = strings.ToLower(id) // cascadia lower-cases ASCII only; ident is ASCII
		i += n
	}
	for i < len(sub) {
		switch sub[i] {
		case '.', '#':
			id, n := ident(sub[i+1:])
			if n == 0 {
				return gateCompound{}, false
			}
			key := "class"
			if sub[i] == '#' {
				key = "id"
			}
			c.needs = append(c.needs, gateNeed{key, id})
			i += 1 + n
		case '[':
			end := closing(sub, i, '[', ']')
			if end < 0 {
				return gateCompound{}, false
			}
			nd, need, ok := attrNeed(sub[i+1 : end])
			if !ok {
				return gateCompound{}, false
			}
			if need {
				c.needs = append(c.needs, nd)
			}
			i = end + 1
		case ':':
			if i+1 < len(sub) && sub[i+1] == ':' {
				return gateCompound{}, false // a pseudo-element
			}
			_, n := ident(sub[i+1:])
			if n == 0 {
				return gateCompound{}, false
			}
			i += 1 + n
			if i < len(sub) && sub[i] == '(' {
				end := closing(sub, i, '(', ')')
				if end < 0 {
					return gateCompound{}, false
				}
				i = end + 1
			}
		default:
			return gateCompound{}, false
		}
	}
	if c.tag == "" && len(c.needs) == 0 {
		return gateCompound{}, false
	}
	return c, true
}

// onlyDashMatch reports a selector whose only '|' are in "|=" operators
// and that has no backslash.
func onlyDashMatch(s string) bool {
	if strings.Contains(s, `\`) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '|' && (i+1 >= len(s) || s[i+1] != '=') {
			return false
		}
	}
	return true
}

// ident returns the identifier at the start of s (ASCII letters, digits,
// '-' and '_') and its length; 0 when s does not start with one or it
// runs into a byte outside ASCII (left to cascadia).
func ident(s string) (string, int) {
	n := 0
	for n < len(s) {
		c := s[n]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			n++
			continue
		}
		if c >= 0x80 {
			return "", 0
		}
		break
	}
	return s[:n], n
}

// closing returns the index of the bracket that closes the one at i,
// outside quotes, or -1.
func closing(s string, i int, open, close byte) int {
	depth := 0
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == open:
			depth++
		case c == close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// attrNeed reads an attribute test (the text between its brackets):
// need is false for [k!=v], which also matches elements without k.
func attrNeed(t string) (nd gateNeed, need, ok bool) {
	t = strings.TrimSpace(t)
	key, n := ident(t)
	if n == 0 {
		return nd, false, false
	}
	nd.key = strings.ToLower(key)
	rest := strings.TrimSpace(t[n:])
	if rest == "" {
		return nd, true, true
	}
	var op string
	switch {
	case rest[0] == '=':
		op = "="
	case len(rest) >= 2 && rest[1] == '=':
		op = rest[:2]
	default:
		return nd, false, false
	}
	switch op {
	case "!=":
		return nd, false, true
	case "#=":
		return nd, true, true // a regexp: only the key
	case "=", "~=", "|=", "^=", "$=", "*=":
	default:
		return nd, false, false
	}
	val := strings.TrimSpace(rest[len(op):])
	if val == "" {
		return nd, false, false
	}
	switch val[0] {
	case '"', '\'':
		end := strings.IndexByte(val[1:], val[0])
		if end < 0 {
			return nd, false, false
		}
		v, flag := val[1:1+end], strings.TrimSpace(val[2+end:])
		switch flag {
		case "":
			nd.sub = v
		case "i", "I":
			// case-insensitive: only the key
		default:
			return nd, false, false
		}
	default:
		v, m := ident(val)
		if m == 0 {
			return nd, false, false
		}
		switch flag := strings.TrimSpace(val[m:]); flag {
		case "":
			nd.sub = v
		case "i", "I":
		default:
			return nd, false, false
		}
	}
	return nd, true, true
}

// gatedSel is a compiled selector behind its gate.
type gatedSel struct {
	sel  cascadia.Selector
	gate selGate
}

func (g gatedSel) Match(n *html.Node) bool { return g.gate.may(n) && g.sel(n) }

// MatchAll returns the nodes of n's subtree (n included) that match, in
// document order, as cascadia's MatchAll.
func (g gatedSel) MatchAll(n *html.Node) []*html.Node { return g.matchAllInto(n, nil) }

func (g gatedSel) matchAllInto(n *html.Node, out []*html.Node) []*html.Node {
	if g.Match(n) {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = g.matchAllInto(c, out)
	}
	return out
}

func (g gatedSel) Filter(ns []*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range ns {
		if g.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// compileGated compiles a selector with cascadia and puts its gate in
// front of it when the selector has one.
func compileGated(s string) (goquery.Matcher, error) {
	cs, err := cascadia.Compile(s)
	if err != nil {
		return nil, err
	}
	if g, ok := gateOf(s); ok {
		return gatedSel{cs, g}, nil
	}
	return cs, nil
}
