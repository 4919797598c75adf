package crawl

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// Credentials are a user name and password for HTTP basic auth.
type Credentials struct {
	User, Password string
}

// Auth is what a password-protected staging site needs: extra request
// headers (an access token, a cookie) and basic auth per host. It is sent
// only to the hosts it names, never to other hosts (redirect targets,
// external links), and never written anywhere: WARC request records show
// the headers it adds as "[redacted]".
type Auth struct {
	// Hosts are the hosts (lower-case host[:port], as in canonical URLs)
	// that get Header.
	Hosts []string
	// Header is added to every request to one of Hosts.
	Header http.Header
	// Basic maps a host (lower-case host[:port]) to its basic auth.
	Basic map[string]Credentials

	// connect, when set, maps a request's named origin to the origin
	// contacted (see Via): the credentials are those of the host
	// contacted.
	connect *connector
}

// Via returns a for requests whose URLs name the origins of o while the
// origins o maps them to answer (CrawlOptions.ConnectTo,
// ConnectTransport): such a request carries the credentials of the host
// actually contacted, the mirror, never those of the named host.
func (a *Auth) Via(o Origins) (*Auth, error) {
	if a.Empty() || len(o) == 0 {
		return a, nil
	}
	c, err := newConnector(o)
	if err != nil || c == nil {
		return a, err
	}
	b := *a
	b.connect = c
	return &b, nil
}

// contactedHost is the host a request for u goes to, as canonical URLs
// write it.
func (a *Auth) contactedHost(u *url.URL) string {
	if a.connect != nil {
		if t, ok := a.connect.to[originKey(u)]; ok {
			return canonicalHost(t)
		}
	}
	return canonicalHost(u)
}

// Empty reports whether a adds nothing to requests.
func (a *Auth) Empty() bool {
	return a == nil || len(a.Header) == 0 && len(a.Basic) == 0
}

// Apply adds the headers and the basic auth for the host req goes to
// (req's host, or the origin it connects to, see Via). A request to any
// other host is left alone.
func (a *Auth) Apply(req *http.Request) {
	if a.Empty() || req.URL == nil {
		return
	}
	host := a.contactedHost(req.URL)
	for _, h := range a.Hosts {
		if h == host {
			for k, vs := range a.Header {
				req.Header[k] = append([]string(nil), vs...)
			}
			break
		}
	}
	if c, ok := a.Basic[host]; ok {
		req.SetBasicAuth(c.User, c.Password)
	}
}

// Reapply is Apply for a redirected request, which net/http gives the
// headers of the first: what Auth added is removed first, so a redirect
// to another host carries none of it.
func (a *Auth) Reapply(req *http.Request) {
	if a.Empty() {
		return
	}
	for k := range a.Header {
		req.Header.Del(k)
	}
	req.Header.Del("Authorization")
	a.Apply(req)
}

// Secrets returns every value that must never be written: header values,
// passwords and the basic auth tokens made of them.
func (a *Auth) Secrets() []string {
	if a == nil {
		return nil
	}
	var out []string
	for _, vs := range a.Header {
		out = append(out, vs...)
	}
	for _, c := range a.Basic {
		if c.Password != "" {
			out = append(out, c.Password)
		}
		out = append(out, base64.StdEncoding.EncodeToString([]byte(c.User+":"+c.Password)))
	}
	return out
}

// sensitive reports a request header whose value the archive must not
// keep: credentials, cookies and the headers Auth adds.
func (a *Auth) sensitive(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	if a != nil {
		for k := range a.Header {
			if strings.EqualFold(k, name) {
				return true
			}
		}
	}
	return false
}

// canonicalHost is u's host as canonical URLs write it: lower-case, no
// default port.
func canonicalHost(u *url.URL) string {
	host := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	case u.Scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	}
	return host
}

// SplitUserinfo returns raw without its user info and the credentials it
// held (ok false when it had none). A start URL may carry them
// ("https://user:pass@staging.example/"); umzug uses them as basic auth
// for that host and writes the URL without them.
func SplitUserinfo(raw string) (string, Credentials, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.User == nil {
		return raw, Credentials{}, false
	}
	pass, _ := u.User.Password()
	c := Credentials{User: u.User.Username(), Password: pass}
	u.User = nil
	return u.String(), c, c.User != "" || c.Password != ""
}
