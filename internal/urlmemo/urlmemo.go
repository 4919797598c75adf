// Package urlmemo remembers what resolving a link against a page gave,
// for the links whose result does not depend on the page's path: a
// reference that starts with a single "/" takes only the scheme, user
// and host of the page's URL (RFC 3986, 5.2.2; net/url's
// ResolveReference and extract.Resolve alike). The menus, footers and
// breadcrumbs of a site name the same such links on every page, and the
// crawl, the extraction and the audit each resolve them on every page.
package urlmemo

import (
	"net/url"
	"sync"
)

// Key names one resolution: the base's scheme, user and host and the
// reference as the caller reads it.
type Key struct {
	Scheme, Host string
	// User is the base's user information, by identity: bases without
	// one (nil) share entries, a base with one only with itself.
	User *url.Userinfo
	Ref  string
}

// KeyFor returns the key of resolving ref against base, and false when
// the result may depend on more of base than its scheme, user and host:
// ref must start with "/" followed by neither "/" nor "\" nor white space
// (which a caller may strip, making "//" of it), and base must have a
// host and no opaque part. Callers pass ref the way they read it (after
// their own trimming), and resolve it the same way every time.
func KeyFor(base *url.URL, ref string) (Key, bool) {
	if base == nil || base.Opaque != "" || base.Host == "" || !absPath(ref) {
		return Key{}, false
	}
	return Key{Scheme: base.Scheme, Host: base.Host, User: base.User, Ref: ref}, true
}

// absPath reports a reference that is an absolute path: "/" first, then
// nothing that could make it a network-path reference ("//host") once
// white space is stripped.
func absPath(ref string) bool {
	if len(ref) == 0 || ref[0] != '/' {
		return false
	}
	if len(ref) == 1 {
		return true
	}
	switch ref[1] {
	case '/', '\\', ' ', '\t', '\n', '\r', '\f', '\v':
		return false
	}
	return ref[1] < 0x80 // no Unicode white space either
}

// Memo maps keys to results. It keeps at most MaxEntries; once full it
// only answers. Safe for concurrent use; the zero Memo is empty.
type Memo[V any] struct {
	mu sync.RWMutex
	m  map[Key]V
}

// MaxEntries bounds a Memo: the shared links of a site come first (every
// page names them), so two thousand cover them.
const MaxEntries = 2048

// Load returns the result stored for k.
func (c *Memo[V]) Load(k Key) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// Store records v for k unless the memo is full.
func (c *Memo[V]) Store(k Key, v V) {
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[Key]V)
	}
	if len(c.m) < MaxEntries {
		c.m[k] = v
	}
	c.mu.Unlock()
}
