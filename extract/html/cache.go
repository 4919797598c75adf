package html

import (
	"regexp"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Verdicts on class and id names are pure functions of the name (the
// vocabulary is fixed when the program starts), and templates repeat the
// same class strings on every page of a site. A Parser keeps them in a
// bounded cache shared by all pages it extracts (and all goroutines
// using it); each page also keeps its own map in front of it, so the
// shared one is only asked once per distinct string per page.

// verdictCacheMax bounds the entries of a Parser's verdict cache; when it
// is full it is emptied and fills again with what pages use now (a crawl
// goes site by site). Names longer than verdictKeyMax bytes are not
// stored: they are rare and would make the bound one of memory too. At
// most about verdictCacheMax × verdictKeyMax bytes (4 MB) are held; names
// are short, so in practice a tenth of it.
const (
	verdictCacheMax = 16384
	verdictKeyMax   = 256
)

// verdictCache is the Parser's cache of name and class verdicts, safe for
// concurrent use. A nil *verdictCache caches nothing.
type verdictCache struct {
	mu      sync.RWMutex
	names   map[string]string // nameReason of a class or id word
	classes map[string]string // classReason of a whole class attribute
	matches map[matchKey]bool // a regexp's verdict on a class string (dates)

	// free holds pages' own maps (boilerCache) that extraction is done
	// with, handed to the next page with what they hold: a page asks
	// the shared maps (under the lock, and large) only about names the
	// pages before it on this goroutine did not meet.
	freeMu sync.Mutex
	free   []boilerCache
	// freeW holds pages' weights maps (analysis.w), emptied, for the
	// next pages: a page's map has an entry per element, and making it
	// anew for every page was a tenth of the bytes extraction allocates.
	freeW []map[*html.Node]weights
}

// weightsMap returns an empty weights map for a page of about n
// elements: one a page before released (releaseWeights), else a new one.
func (v *verdictCache) weightsMap(n int) map[*html.Node]weights {
	if v != nil {
		v.freeMu.Lock()
		if k := len(v.freeW); k > 0 {
			m := v.freeW[k-1]
			v.freeW[k-1] = nil
			v.freeW = v.freeW[:k-1]
			v.freeMu.Unlock()
			return m
		}
		v.freeMu.Unlock()
	}
	return make(map[*html.Node]weights, n)
}

// releaseWeights empties m, a page's weights map that extraction is done
// with, and keeps it for the next page (weightsMap). A map of a page of
// more than weightsMapMax elements is left to the collector: emptying
// it would cost every later page its size.
func (v *verdictCache) releaseWeights(m map[*html.Node]weights) {
	if v == nil || m == nil || len(m) > weightsMapMax {
		return
	}
	clear(m)
	v.freeMu.Lock()
	if len(v.freeW) < localCachesMax {
		v.freeW = append(v.freeW, m)
	}
	v.freeMu.Unlock()
}

// weightsMapMax bounds the weights maps kept for later pages (entries).
const weightsMapMax = 16384

// Bounds of the pages' own maps kept for later pages: at most
// localCachesMax of them, each emptied when it holds more than
// localCacheMax names and class strings.
const (
	localCachesMax = 8
	localCacheMax  = 4096
)

func newVerdictCache() *verdictCache {
	return &verdictCache{names: map[string]string{}, classes: map[string]string{}, matches: map[matchKey]bool{}}
}

func (v *verdictCache) get(m func(*verdictCache) map[string]string, k string) (string, bool) {
	if v == nil || len(k) > verdictKeyMax {
		return "", false
	}
	v.mu.RLock()
	r, ok := m(v)[k]
	v.mu.RUnlock()
	return r, ok
}

func (v *verdictCache) put(m func(*verdictCache) map[string]string, k, r string) {
	if v == nil || len(k) > verdictKeyMax {
		return
	}
	v.mu.Lock()
	if v.full() {
		v.reset()
	}
	m(v)[k] = r
	v.mu.Unlock()
}

func (v *verdictCache) full() bool {
	return len(v.names)+len(v.classes)+len(v.matches) >= verdictCacheMax
}

func (v *verdictCache) reset() {
	clear(v.names)
	clear(v.classes)
	clear(v.matches)
}

func (v *verdictCache) getMatch(k matchKey) (bool, bool) {
	if v == nil || len(k.s) > verdictKeyMax {
		return false, false
	}
	v.mu.RLock()
	r, ok := v.matches[k]
	v.mu.RUnlock()
	return r, ok
}

func (v *verdictCache) putMatch(k matchKey, r bool) {
	if v == nil || len(k.s) > verdictKeyMax {
		return
	}
	v.mu.Lock()
	if v.full() {
		v.reset()
	}
	v.matches[k] = r
	v.mu.Unlock()
}

func namesOf(v *verdictCache) map[string]string   { return v.names }
func classesOf(v *verdictCache) map[string]string { return v.classes }

// boilerCache memoizes nameReason and classReason for one page, in front
// of the Parser's shared cache.
type boilerCache struct {
	names   map[string]string
	classes map[string]string
	shared  *verdictCache
	last    *lastClass // elementReason asks up to three times about one class attribute
}

type lastClass struct {
	k, r string
	ok   bool
}

func newBoilerCache(shared *verdictCache) boilerCache {
	if shared != nil {
		shared.freeMu.Lock()
		if k := len(shared.free); k > 0 {
			c := shared.free[k-1]
			shared.free = shared.free[:k-1]
			shared.freeMu.Unlock()
			return c
		}
		shared.freeMu.Unlock()
	}
	return boilerCache{names: make(map[string]string, 64), classes: make(map[string]string, 64), shared: shared, last: &lastClass{}}
}

// release hands c's maps to the next page of its Parser (newBoilerCache);
// c is not used after. What they hold stays true: the verdicts are
// functions of the names alone.
func (c boilerCache) release() {
	v := c.shared
	if v == nil || c.names == nil {
		return
	}
	if len(c.names)+len(c.classes) > localCacheMax {
		clear(c.names)
		clear(c.classes)
	}
	v.freeMu.Lock()
	if len(v.free) < localCachesMax {
		v.free = append(v.free, c)
	}
	v.freeMu.Unlock()
}

func (c boilerCache) getName(k string) (string, bool) {
	if r, ok := c.names[k]; ok {
		return r, true
	}
	if r, ok := c.shared.get(namesOf, k); ok {
		c.names[k] = r
		return r, true
	}
	return "", false
}

func (c boilerCache) putName(k, r string) {
	c.names[k] = r
	c.shared.put(namesOf, k, r)
}

func (c boilerCache) getClass(k string) (string, bool) {
	if l := c.last; l != nil && l.ok && l.k == k {
		return l.r, true
	}
	r, ok := c.classes[k]
	if !ok {
		if r, ok = c.shared.get(classesOf, k); ok {
			c.classes[k] = r
		}
	}
	if ok && c.last != nil {
		*c.last = lastClass{k, r, true}
	}
	return r, ok
}

func (c boilerCache) putClass(k, r string) {
	c.classes[k] = r
	c.shared.put(classesOf, k, r)
	if c.last != nil {
		*c.last = lastClass{k, r, true}
	}
}

// matchKey is a regexp of this package and a string it was asked about.
type matchKey struct {
	re *regexp.Regexp
	s  string
}

// matchCache memoizes regexp verdicts on class strings, which repeat
// across the elements of a page (the date classes), for one page in
// front of the Parser's shared cache.
type matchCache struct {
	local  map[matchKey]bool
	shared *verdictCache
}

func newMatchCache(shared *verdictCache) matchCache {
	return matchCache{local: map[matchKey]bool{}, shared: shared}
}

func (c matchCache) match(re *regexp.Regexp, s string) bool {
	k := matchKey{re, s}
	if v, ok := c.local[k]; ok {
		return v
	}
	v, ok := c.shared.getMatch(k)
	if !ok {
		v = re.MatchString(s)
		c.shared.putMatch(k, v)
	}
	c.local[k] = v
	return v
}

// profileSels holds the compiled selectors of the profiles loaded, put
// there when a profile is read (checkSelector compiles each to check it):
// goquery's Find(string) compiled them again on every page. It only holds
// selectors of profiles this process loaded.
var profileSels sync.Map // string -> goquery.Matcher

// profileSel returns the compiled matcher of a profile's selector; one
// not seen at load time is compiled here (and not kept). As with goquery,
// a selector that does not compile matches nothing.
func profileSel(s string) goquery.Matcher {
	if m, ok := profileSels.Load(s); ok {
		return m.(goquery.Matcher)
	}
	if m, err := compileGated(s); err == nil {
		return m
	}
	return noMatch{}
}

// profileSelFirst is profileSel for a Find that is only tested for
// matches or cut to its first element (see cssFirst).
func profileSelFirst(s string) goquery.Matcher { return firstMatcher{profileSel(s)} }
