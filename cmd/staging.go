package cmd

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/umzug/umzug/extract"
	"github.com/umzug/umzug/extract/crawl"
)

// Environment variables with the basic auth of a password-protected
// staging site (README, "Staging sites").
const (
	envAuthUser     = "UMZUG_AUTH_USER"
	envAuthPassword = "UMZUG_AUTH_PASSWORD"
	envNetrc        = "UMZUG_NETRC_FILE"
)

// staging turns the staging options into the crawl's credentials:
// --header values for every host of the site, basic auth from user info
// in a start URL (for that host), else $UMZUG_AUTH_USER and
// $UMZUG_AUTH_PASSWORD, else a matching machine of --netrc-file. It
// returns the start URLs canonical and without user info (the form
// umzug writes them in) and the site's hosts. Every secret is
// registered with g, so no log line shows it.
func (f *CrawlFlags) staging(seeds []string, g *GlobalOptions) ([]string, *crawl.Auth, error) {
	auth := &crawl.Auth{Basic: map[string]crawl.Credentials{}}
	clean := make([]string, len(seeds))
	seen := map[string]bool{}
	var seedHosts []string
	for i, s := range seeds {
		bare, cred, hasCred := crawl.SplitUserinfo(s)
		if hasCred {
			g.addSecrets(cred.Password)
		}
		cu, err := extract.Canonicalize(bare)
		if err != nil {
			return nil, nil, usageErr(fmt.Errorf("start URL %q: %w", bare, err))
		}
		clean[i] = cu
		u, _ := url.Parse(cu)
		if hasCred {
			auth.Basic[u.Host] = cred
		}
		if !seen[u.Host] {
			seen[u.Host] = true
			seedHosts = append(seedHosts, u.Host)
		}
	}
	auth.Hosts = append(auth.Hosts, seedHosts...)
	for _, h := range f.AllowHosts {
		if ch := extract.CanonicalHostName(h); !seen[ch] {
			seen[ch] = true
			auth.Hosts = append(auth.Hosts, ch)
		}
	}
	for _, h := range f.Headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") || strings.ContainsAny(value, "\r\n") {
			return nil, nil, usageErr(fmt.Errorf("--header %q: want 'Name: value'", redactHeaderArg(h)))
		}
		if auth.Header == nil {
			auth.Header = http.Header{}
		}
		auth.Header.Add(name, value)
		g.addSecrets(value)
	}
	user, pass := os.Getenv(envAuthUser), os.Getenv(envAuthPassword)
	var machines map[string]crawl.Credentials
	if f.NetrcFile != "" {
		m, err := readNetrc(f.NetrcFile)
		if err != nil {
			return nil, nil, usageErr(fmt.Errorf("--netrc-file: %w", err))
		}
		machines = m
	}
	for _, h := range auth.Hosts {
		if _, ok := auth.Basic[h]; ok {
			continue
		}
		switch {
		case user != "" || pass != "":
			auth.Basic[h] = crawl.Credentials{User: user, Password: pass}
		case machines != nil:
			name := h
			if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
				name = h[:i]
			}
			if c, ok := machines[name]; ok {
				auth.Basic[h] = c
			} else if c, ok := machines[""]; ok {
				auth.Basic[h] = c
			}
		}
	}
	g.addSecrets(auth.Secrets()...)
	return clean, auth, nil
}

// redactHeaderArg shows a malformed --header argument without its value.
func redactHeaderArg(h string) string {
	if name, _, ok := strings.Cut(h, ":"); ok {
		return name + ": [redacted]"
	}
	if len(h) > 20 {
		return h[:8] + "…"
	}
	return h
}

// readNetrc reads a netrc file (the format curl and wget read): machine
// entries with login and password, and a default entry (returned under
// ""). macdef definitions are skipped.
func readNetrc(path string) (map[string]crawl.Credentials, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseNetrc(f)
}

func parseNetrc(r io.Reader) (map[string]crawl.Credentials, error) {
	out := map[string]crawl.Credentials{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var toks []string
	inMacro := false
	for sc.Scan() {
		line := sc.Text()
		if inMacro {
			if strings.TrimSpace(line) == "" {
				inMacro = false
			}
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		fields := strings.Fields(line)
		for i := 0; i < len(fields); i++ {
			if fields[i] == "macdef" {
				inMacro = true
				break
			}
			toks = append(toks, fields[i])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	machine, inEntry := "", false
	var cur crawl.Credentials
	flush := func() {
		if inEntry {
			if _, dup := out[machine]; !dup {
				out[machine] = cur
			}
		}
		cur, inEntry = crawl.Credentials{}, false
	}
	for i := 0; i < len(toks); i++ {
		if !inEntry && toks[i] != "machine" && toks[i] != "default" {
			return nil, fmt.Errorf("netrc: %q outside a machine or default entry", toks[i])
		}
		next := func() (string, error) {
			if i+1 >= len(toks) {
				return "", fmt.Errorf("%q without a value", toks[i])
			}
			i++
			return toks[i], nil
		}
		switch toks[i] {
		case "machine":
			flush()
			v, err := next()
			if err != nil {
				return nil, err
			}
			machine, inEntry = strings.ToLower(extract.CanonicalHostName(v)), true
		case "default":
			flush()
			machine, inEntry = "", true
		case "login":
			v, err := next()
			if err != nil {
				return nil, err
			}
			cur.User = v
		case "password":
			v, err := next()
			if err != nil {
				return nil, err
			}
			cur.Password = v
		case "account":
			if _, err := next(); err != nil {
				return nil, err
			}
		}
	}
	flush()
	return out, nil
}
