package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Origins maps the origin the crawl's URLs name (the site's public
// address) to the origin that actually answers (a mirror, a staging copy,
// the demo server on a random port), like curl's --connect-to. Keys and
// values are origins: scheme://host[:port].
type Origins map[string]string

// connector rewrites requests from named origins to the origins that
// answer, and URLs of answering origins back to the named ones.
type connector struct {
	to   map[string]*url.URL // named origin -> answering origin
	back map[string]string   // answering origin -> named origin
}

func newConnector(o Origins) (*connector, error) {
	if len(o) == 0 {
		return nil, nil
	}
	c := &connector{to: map[string]*url.URL{}, back: map[string]string{}}
	for named, target := range o {
		n, err := parseOrigin(named)
		if err != nil {
			return nil, fmt.Errorf("connect-to: named origin %q: %w", named, err)
		}
		t, err := parseOrigin(target)
		if err != nil {
			return nil, fmt.Errorf("connect-to: target origin %q: %w", target, err)
		}
		nk, tk := originKey(n), originKey(t)
		if nk == tk {
			continue
		}
		c.to[nk] = t
		c.back[tk] = nk
	}
	return c, nil
}

// parseOrigin reads scheme://host[:port] (with a trailing "/" allowed;
// user info is kept for the answering side).
func parseOrigin(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSuffix(s, "/"))
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("want http(s)://host[:port]")
	}
	if u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("want an origin without path, query or fragment")
	}
	return u, nil
}

func originKey(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// named maps a URL of an answering origin to its named origin; other URLs
// are returned unchanged.
func (c *connector) named(s string) string {
	if c == nil {
		return s
	}
	for t, n := range c.back {
		if len(s) >= len(t) && strings.EqualFold(s[:len(t)], t) && (len(s) == len(t) || strings.ContainsRune("/?#", rune(s[len(t)]))) {
			return n + s[len(t):]
		}
	}
	return s
}

// ConnectTransport returns a RoundTripper that sends requests for a named
// origin of o to its answering origin through base, and reports absolute
// redirect targets on an answering origin as URLs of the named one. The
// caller keeps seeing the named URLs only. With no origins it returns base.
func ConnectTransport(base http.RoundTripper, o Origins) (http.RoundTripper, error) {
	c, err := newConnector(o)
	if err != nil || c == nil {
		return base, err
	}
	return &connectTransport{base: base, c: c}, nil
}

type connectTransport struct {
	base http.RoundTripper
	c    *connector
}

func (t *connectTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	target, ok := t.c.to[originKey(req.URL)]
	if !ok {
		return t.base.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	u := *req.URL
	u.Scheme, u.Host, u.User = target.Scheme, target.Host, target.User
	out.URL, out.Host = &u, ""
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		if named := t.c.named(loc); named != loc {
			resp.Header.Set("Location", named)
		}
	}
	resp.Request = req
	return resp, nil
}
