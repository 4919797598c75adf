package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/umzug/umzug/internal/urlmemo"
)

// ErrNotHTTP is wrapped by the errors of Canonicalize and Resolve for a URL
// that is not an absolute http or https URL, such as "mailto:…",
// "javascript:…", "tel:…", "data:…" or a relative reference.
var ErrNotHTTP = errors.New("not an http(s) URL")

// Canonicalize returns the canonical form of an absolute http or https URL,
// the form umzug identifies pages by:
//
//   - ASCII tab and newline characters are removed and surrounding white
//     space is trimmed;
//   - scheme and host are lower-cased, the default port (:80 for http, :443
//     for https) and an empty port are removed, other ports lose leading
//     zeros;
//   - the fragment is dropped;
//   - user info ("user:password@") is dropped, so credentials never end
//     up in a URL umzug writes;
//   - internationalised host names become their punycode form (UTS #46,
//     as browsers map them): "bürgerservice.de" is "xn--brgerservice-dlb.de";
//   - percent-encoding is normalised in path and query:
//     unreserved characters (A–Z a–z 0–9 - . _ ~) are decoded, other escapes
//     get upper-case hex, and characters that may not appear unescaped
//     (space, non-ASCII bytes, "[", "]", "%" not starting an escape, …) are
//     escaped; reserved characters are never decoded, and "+" stays "+";
//   - ";jsessionid=…" path parameters are removed and dot-segments resolved;
//     an empty path becomes "/";
//   - the query is split at "&", empty parameters are dropped, tracking and
//     session parameters are removed (utm_*, fbclid, gclid, dclid, msclkid,
//     mc_cid, mc_eid, _hsenc, _hsmi, yclid, igshid, PHPSESSID, sid,
//     jsessionid, no_cache, matched case-insensitively) as is TYPO3's print
//     view "type=98" (other type values stay), and the remaining parameters
//     are sorted by key, keeping the order of repeated keys. TYPO3's "id",
//     "L" and "cHash" stay. An empty query leaves no "?".
//
// Canonicalize is idempotent. It returns an error wrapping ErrNotHTTP for any
// scheme other than http and https and for relative references, and an error
// for an http(s) URL without a host or with an invalid port.
func Canonicalize(raw string) (string, error) {
	s := CleanURLSpace(raw)
	scheme, rest, ok := cutScheme(s)
	if !ok {
		return "", fmt.Errorf("canonicalizing %q: %w", raw, ErrNotHTTP)
	}
	var defaultPort string
	switch {
	case strings.EqualFold(scheme, "http"):
		scheme, defaultPort = "http", "80"
	case strings.EqualFold(scheme, "https"):
		scheme, defaultPort = "https", "443"
	default:
		return "", fmt.Errorf("canonicalizing %q: %w", raw, ErrNotHTTP)
	}
	if !strings.HasPrefix(rest, "//") {
		return "", fmt.Errorf("canonicalizing %q: missing host", raw)
	}
	rest = rest[2:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, rest = rest[:i], rest[i:]
	} else {
		rest = ""
	}
	path, query, _ := strings.Cut(rest, "?")

	var scratch [512]byte
	b := append(scratch[:0], scheme...)
	b = append(b, "://"...)
	b, err := appendAuthority(b, authority, defaultPort)
	if err != nil {
		return "", fmt.Errorf("canonicalizing %q: %w", raw, err)
	}
	b = appendPath(b, path)
	b = appendQuery(b, query)
	if string(b) == raw {
		return raw, nil // already canonical: no allocation
	}
	return string(b), nil
}

// Resolve resolves href against base following RFC 3986, section 5.2, and
// canonicalizes the result with Canonicalize. href may be relative or
// absolute; surrounding white space is trimmed, and HTML entities must
// already be decoded by the caller. A nil base resolves nothing: href must
// then be absolute. Resolve returns an error wrapping ErrNotHTTP when the
// result is not an absolute http(s) URL, e.g. for "mailto:" or
// "javascript:" links.
func Resolve(base *url.URL, href string) (string, error) {
	ref := CleanURLSpace(href)
	if _, _, ok := cutScheme(ref); ok || base == nil {
		return Canonicalize(ref)
	}
	// A link that starts with a single "/" takes only the base's scheme,
	// user and host: the menus of a site resolve the same on every page.
	k, memo := urlmemo.KeyFor(base, ref)
	if memo {
		if u, ok := resolved.Load(k); ok {
			return u, nil
		}
	}
	u, err := resolve(base, href, ref)
	if memo && err == nil {
		resolved.Store(k, u) // an error names href as written: not kept
	}
	return u, err
}

// resolved remembers what Resolve made of absolute-path references.
var resolved urlmemo.Memo[string]

// resolve is Resolve of ref, href without its white space, relative.
func resolve(base *url.URL, href, ref string) (string, error) {
	b := base.String()
	bScheme, bRest, ok := cutScheme(b)
	if !ok {
		return "", fmt.Errorf("resolving %q against %q: %w", href, b, ErrNotHTTP)
	}
	if i := strings.IndexByte(bRest, '#'); i >= 0 {
		bRest = bRest[:i]
	}
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		ref = ref[:i]
	}
	if strings.HasPrefix(ref, "//") {
		return Canonicalize(bScheme + ":" + ref)
	}
	bAuth, bPath, bQuery := "", bRest, ""
	hasAuth := strings.HasPrefix(bRest, "//")
	if hasAuth {
		bAuth = bRest[2:]
		bPath = ""
		if i := strings.IndexAny(bAuth, "/?"); i >= 0 {
			bAuth, bPath = bAuth[:i], bAuth[i:]
		}
	}
	bPath, bQuery, hasBQuery := strings.Cut(bPath, "?")
	rPath, rQuery, hasRQuery := strings.Cut(ref, "?")

	var path, query string
	var hasQuery bool
	switch {
	case rPath == "":
		path = bPath
		query, hasQuery = bQuery, hasBQuery
		if hasRQuery {
			query, hasQuery = rQuery, true
		}
	case rPath[0] == '/':
		path, query, hasQuery = rPath, rQuery, hasRQuery
	default:
		if hasAuth && bPath == "" {
			path = "/" + rPath
		} else {
			path = bPath[:strings.LastIndexByte(bPath, '/')+1] + rPath
		}
		query, hasQuery = rQuery, hasRQuery
	}
	var sb strings.Builder
	sb.Grow(len(bScheme) + len(bAuth) + len(path) + len(query) + 5)
	sb.WriteString(bScheme)
	sb.WriteByte(':')
	if hasAuth {
		sb.WriteString("//")
		sb.WriteString(bAuth)
	}
	sb.WriteString(path)
	if hasQuery {
		sb.WriteByte('?')
		sb.WriteString(query)
	}
	return Canonicalize(sb.String())
}

// CleanURLSpace trims white space around s and removes ASCII tab and newline
// characters inside it, as browsers do.
func CleanURLSpace(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// cutScheme splits s into its RFC 3986 scheme and the rest after the ":".
// ok is false when s has no scheme, i.e. is a relative reference.
func cutScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return "", s, false
			}
		case c == ':':
			if i == 0 {
				return "", s, false
			}
			return s[:i], s[i+1:], true
		default:
			return "", s, false
		}
	}
	return "", s, false
}

// appendAuthority appends the normalised authority (host, port). User
// info is dropped: credentials never become part of a URL umzug writes.
func appendAuthority(b []byte, authority, defaultPort string) ([]byte, error) {
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	host, port := authority, ""
	if i := strings.LastIndexByte(authority, ':'); i >= 0 && !strings.Contains(authority[i:], "]") {
		host, port = authority[:i], authority[i+1:]
	}
	if host == "" {
		return nil, errors.New("missing host")
	}
	if !utf8.ValidString(host) {
		return nil, errors.New("invalid UTF-8 in host")
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte(`"<>\^{|}`+"`", c) >= 0 {
			return nil, fmt.Errorf("invalid character %q in host", c)
		}
	}
	if host[0] == '[' {
		if len(host) < 3 || host[len(host)-1] != ']' || strings.ContainsAny(host[1:len(host)-1], "[]") {
			return nil, fmt.Errorf("invalid host %q", host)
		}
	} else if strings.ContainsAny(host, "[]:") {
		return nil, fmt.Errorf("invalid host %q", host)
	}
	if host[0] != '[' && needsIDNA(host) {
		ascii, err := idnaHost(host)
		if err != nil {
			return nil, err
		}
		host = ascii
	}
	b = appendHost(b, host)
	if port != "" {
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return nil, fmt.Errorf("invalid port %q", port)
			}
		}
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("invalid port %q", port)
		}
		var pb [8]byte
		if p := strconv.AppendUint(pb[:0], n, 10); string(p) != defaultPort {
			b = append(b, ':')
			b = append(b, p...)
		}
	}
	return b, nil
}

// needsIDNA reports a host that is not plain ASCII: non-ASCII letters or
// percent escapes (of UTF-8 bytes).
func needsIDNA(host string) bool {
	for i := 0; i < len(host); i++ {
		if host[i] >= utf8.RuneSelf || host[i] == '%' {
			return true
		}
	}
	return false
}

// idnaHost maps an internationalised host name to its ASCII (punycode)
// form, as browsers do (UTS #46 lookup): "www.bürgerservice.de" and
// "www.xn--brgerservice-dlb.de" are one host.
func idnaHost(host string) (string, error) {
	if strings.IndexByte(host, '%') >= 0 {
		dec, err := url.PathUnescape(host)
		if err != nil || !utf8.ValidString(dec) {
			return host, nil // kept as written: appendHost normalises the escapes
		}
		host = dec
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		return "", fmt.Errorf("invalid internationalised host %q: %w", host, err)
	}
	return ascii, nil
}

// CanonicalHostName returns host (host or host:port, as given to
// --allow-host) as canonical URLs write it: lower-case, internationalised
// names in punycode, no port 80.
func CanonicalHostName(host string) string {
	cu, err := Canonicalize("http://" + strings.TrimSpace(host) + "/")
	if err != nil {
		return strings.ToLower(strings.TrimSpace(host))
	}
	u, err := url.Parse(cu)
	if err != nil {
		return strings.ToLower(host)
	}
	return u.Host
}

// appendHost appends host lower-cased, with the hex digits of percent
// escapes upper-cased.
func appendHost(b []byte, host string) []byte {
	for i := 0; i < len(host); i++ {
		if host[i] >= utf8.RuneSelf {
			// Internationalised host name: lower-case it rune by rune.
			host = strings.ToLower(host)
			break
		}
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		switch {
		case c == '%' && i+2 < len(host) && isHex(host[i+1]) && isHex(host[i+2]):
			b = append(b, '%', upperHex(host[i+1]), upperHex(host[i+2]))
			i += 2
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendPath appends the normalised path: jsessionid parameters removed,
// percent-encoding normalised, dot-segments resolved, "/" when empty.
func appendPath(b []byte, path string) []byte {
	var scratch [256]byte
	buf := appendEscaped(scratch[:0], path, pathChar)
	start := len(b)
	// Remove dot-segments (RFC 3986, section 5.2.4) segment by segment. The
	// path of a URL with an authority is empty or starts with "/".
	if len(buf) > 0 && buf[0] == '/' {
		buf = buf[1:]
	}
	out := b
	for {
		seg, rest, more := bytesCut(buf, '/')
		seg = dropJSessionID(seg)
		switch string(seg) {
		case ".":
			if !more {
				out = append(out, '/')
			}
		case "..":
			if i := lastSlash(out[start:]); i >= 0 {
				out = out[:start+i]
			}
			if !more {
				out = append(out, '/')
			}
		default:
			out = append(out, '/')
			out = append(out, seg...)
		}
		if !more {
			break
		}
		buf = rest
	}
	if len(out) == start {
		out = append(out, '/')
	}
	return out
}

// dropJSessionID removes ";jsessionid=…" parameters from a path segment.
func dropJSessionID(seg []byte) []byte {
	const param = ";jsessionid="
	for i := 0; i+len(param) <= len(seg); i++ {
		if seg[i] != ';' || !bytes.EqualFold(seg[i:i+len(param)], []byte(param)) {
			continue
		}
		j := i + 1
		for j < len(seg) && seg[j] != ';' {
			j++
		}
		seg = append(seg[:i], seg[j:]...)
		i--
	}
	return seg
}

// queryParam is the byte range of one normalised query parameter.
type queryParam struct{ start, eq, end int }

// appendQuery appends the normalised, filtered and sorted query with its
// "?", or nothing when no parameter is left.
func appendQuery(b []byte, query string) []byte {
	if query == "" {
		return b
	}
	var scratch [256]byte
	var paramScratch [16]queryParam
	buf := scratch[:0]
	params := paramScratch[:0]
	for query != "" {
		var p string
		p, query, _ = strings.Cut(query, "&")
		if p == "" {
			continue
		}
		start := len(buf)
		buf = appendEscaped(buf, p, queryChar)
		qp := queryParam{start: start, eq: len(buf), end: len(buf)}
		if i := bytes.IndexByte(buf[start:], '='); i >= 0 {
			qp.eq = start + i
		}
		if dropQueryParam(buf[qp.start:qp.eq], buf[qp.eq:qp.end]) {
			buf = buf[:start]
			continue
		}
		params = append(params, qp)
	}
	if len(params) == 0 {
		return b
	}
	slices.SortStableFunc(params, func(x, y queryParam) int {
		return bytes.Compare(buf[x.start:x.eq], buf[y.start:y.eq])
	})
	b = append(b, '?')
	for i, p := range params {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, buf[p.start:p.end]...)
	}
	return b
}

// dropQueryParam reports whether the query parameter key (with value, which
// is "" or starts with "=") is a tracking, session or print parameter.
func dropQueryParam(key, value []byte) bool {
	if string(key) == "type" {
		return string(value) == "=98"
	}
	if len(key) >= 4 && bytes.EqualFold(key[:4], []byte("utm_")) {
		return true
	}
	switch len(key) {
	case 3, 5, 6, 7, 8, 9, 10:
	default:
		return false
	}
	for _, k := range droppedParams {
		if bytes.EqualFold(key, []byte(k)) {
			return true
		}
	}
	return false
}

// droppedParams are the query parameters Canonicalize removes besides utm_*
// and type=98.
var droppedParams = [...]string{
	"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
	"yclid", "igshid", "PHPSESSID", "sid", "jsessionid", "no_cache",
}

// Character classes for percent-encoding normalisation: which bytes may stay
// unescaped in each URL component (RFC 3986, section 3).
const (
	unreservedChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	subDelimChars   = "!$&'()*+,;="
)

var (
	pathChar   = charClass(unreservedChars + subDelimChars + ":@/")
	queryChar  = charClass(unreservedChars + subDelimChars + ":@/?")
	unreserved = charClass(unreservedChars)
)

// charClass returns the set of the bytes in chars.
func charClass(chars string) *[256]bool {
	var c [256]bool
	for i := 0; i < len(chars); i++ {
		c[chars[i]] = true
	}
	return &c
}

// appendEscaped appends s to dst with normalised percent-encoding: escapes of
// unreserved characters are decoded, other escapes get upper-case hex, and
// bytes outside allowed, including a "%" that starts no escape, are escaped.
func appendEscaped(dst []byte, s string, allowed *[256]bool) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved[v] {
				dst = append(dst, v)
			} else {
				dst = append(dst, '%', upperHex(s[i+1]), upperHex(s[i+2]))
			}
			i += 2
			continue
		}
		if allowed[c] {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hex[c>>4], hex[c&15])
	}
	return dst
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// bytesCut slices b around the first instance of sep.
func bytesCut(b []byte, sep byte) (before, after []byte, found bool) {
	for i, c := range b {
		if c == sep {
			return b[:i], b[i+1:], true
		}
	}
	return b, nil, false
}

// lastSlash returns the index of the last "/" in b, or -1.
func lastSlash(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '/' {
			return i
		}
	}
	return -1
}
