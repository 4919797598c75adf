package html

import "sync"

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
// most about verdictCacheMax × verdictKeyMax bytes (~2.5 MB) are held.
const (
	verdictCacheMax = 8192
	verdictKeyMax   = 256
)

// verdictCache is the Parser's cache of name and class verdicts, safe for
// concurrent use. A nil *verdictCache caches nothing.
type verdictCache struct {
	mu      sync.RWMutex
	names   map[string]string // nameReason of a class or id word
	classes map[string]string // classReason of a whole class attribute
}

func newVerdictCache() *verdictCache {
	return &verdictCache{names: map[string]string{}, classes: map[string]string{}}
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
	if len(v.names)+len(v.classes) >= verdictCacheMax {
		clear(v.names)
		clear(v.classes)
	}
	m(v)[k] = r
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
}

func newBoilerCache(shared *verdictCache) boilerCache {
	return boilerCache{names: map[string]string{}, classes: map[string]string{}, shared: shared}
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
	if r, ok := c.classes[k]; ok {
		return r, true
	}
	if r, ok := c.shared.get(classesOf, k); ok {
		c.classes[k] = r
		return r, true
	}
	return "", false
}

func (c boilerCache) putClass(k, r string) {
	c.classes[k] = r
	c.shared.put(classesOf, k, r)
}
