package wordpress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// Taxonomies of WordPress, by their REST collection.
const (
	taxCategories = "categories"
	taxTags       = "tags"
)

// terms maps the categories and tags of the run's posts to the ids of
// WordPress terms: looked up by name, created when missing, once per run.
// It holds only the terms of the documents loaded.
type terms struct {
	mu  sync.Mutex
	ids map[termKey]int // 0: not in WordPress (a dry run creates nothing)
	// locks let one lookup-or-create of a term run at a time, so two
	// posts with the same new term do not both create it; other terms
	// are looked up meanwhile.
	locks map[termKey]*sync.Mutex
	// created counts the terms created per taxonomy (in a dry run: those
	// that would be).
	created map[string]int
}

type termKey struct{ taxonomy, name string }

// key folds a name as WordPress compares term names (case-insensitively).
func key(taxonomy, name string) termKey {
	return termKey{taxonomy, strings.ToLower(strings.Join(strings.Fields(name), " "))}
}

func (c *terms) get(taxonomy, name string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.ids[key(taxonomy, name)]
	return id, ok
}

// lock locks the term's lookup-or-create and returns its unlock.
func (c *terms) lock(taxonomy, name string) func() {
	c.mu.Lock()
	if c.locks == nil {
		c.locks = map[termKey]*sync.Mutex{}
	}
	k := key(taxonomy, name)
	m := c.locks[k]
	if m == nil {
		m = &sync.Mutex{}
		c.locks[k] = m
	}
	c.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// put records the id of a term; created says it was created (or, in a
// dry run, would be).
func (c *terms) put(taxonomy, name string, id int, created bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil {
		c.ids, c.created = map[termKey]int{}, map[string]int{}
	}
	c.ids[key(taxonomy, name)] = id
	if created {
		c.created[taxonomy]++
	}
}

// NewTerms is the number of categories and tags the load created, or in
// a dry run would create.
func (t *Target) NewTerms() (categories, tags int) {
	t.terms.mu.Lock()
	defer t.terms.mu.Unlock()
	return t.terms.created[taxCategories], t.terms.created[taxTags]
}

// Prepare implements load.Preparer: the categories and tags of a post
// exist in WordPress afterwards (in a dry run: are looked up).
func (t *Target) Prepare(ctx context.Context, rec *load.Record, readOnly bool) error {
	d := rec.Document
	if rec.Kind != load.KindDocument || d == nil || d.Kind == umzug.KindPage {
		return nil
	}
	for _, tx := range []struct {
		taxonomy string
		names    []string
	}{{taxCategories, d.Categories}, {taxTags, d.Tags}} {
		for _, name := range tx.names {
			if _, err := t.term(ctx, tx.taxonomy, name, readOnly); err != nil {
				return err
			}
		}
	}
	return nil
}

// term returns the id of the term of taxonomy named name, from the cache,
// else looked up and, unless readOnly, created.
func (t *Target) term(ctx context.Context, taxonomy, name string, readOnly bool) (int, error) {
	if id, ok := t.terms.get(taxonomy, name); ok {
		return id, nil
	}
	defer t.terms.lock(taxonomy, name)()
	if id, ok := t.terms.get(taxonomy, name); ok {
		return id, nil
	}
	id, err := t.findTerm(ctx, taxonomy, name)
	if err != nil {
		return 0, err
	}
	created := id == 0
	if created && readOnly {
		t.o.Logger.Info(singular(taxonomy)+" not in WordPress yet; the load creates it", "name", name)
	}
	if created && !readOnly {
		if id, created, err = t.createTerm(ctx, taxonomy, name); err != nil {
			var we *Error
			if !errors.As(err, &we) || we.Status < 400 || we.Status >= 500 {
				return 0, err // the site or the network: the post waits for the next run
			}
			// WordPress refuses the name (empty once it strips tags, too
			// long): the post goes in without it, and its load report
			// says so (Build: "not in WordPress, not assigned").
			t.o.Logger.Warn(singular(taxonomy)+" refused by WordPress; posts go in without it", "name", name, "err", err)
			id, created = 0, false
		}
	}
	t.terms.put(taxonomy, name, id, created)
	return id, nil
}

// findTerm looks a term up by name. WordPress's search matches parts of
// names and slugs, so the answers are compared by the whole name, without
// case and with the HTML entities WordPress stores names with decoded
// (it stores "Bau &amp; Verkehr", which a search for "Bau & Verkehr"
// does not find: the search is for the longest part of the name without
// such characters). Of several terms of that name (categories under
// different parents), a top-level one, then the lowest id, is taken.
func (t *Target) findTerm(ctx context.Context, taxonomy, name string) (int, error) {
	want := key(taxonomy, name)
	best, bestTop := 0, false
	for page := 1; page <= 20; page++ {
		q := url.Values{"search": {searchWord(name)}, "per_page": {"100"}, "page": {strconv.Itoa(page)}, "orderby": {"id"}}
		b, err := t.call(ctx, http.MethodGet, "/wp/v2/"+taxonomy, q, nil)
		if err != nil {
			var we *Error
			if page > 1 && errors.As(err, &we) && we.Code == "rest_invalid_page_number" {
				break
			}
			return 0, fmt.Errorf("looking up %s %q: %w", singular(taxonomy), name, err)
		}
		var items []struct {
			ID     int    `json:"id"`
			Name   string `json:"name"`
			Parent int    `json:"parent"`
		}
		if err := json.Unmarshal(b, &items); err != nil {
			return 0, fmt.Errorf("looking up %s %q: %w", singular(taxonomy), name, err)
		}
		for _, it := range items {
			if key(taxonomy, html.UnescapeString(it.Name)) != want {
				continue
			}
			top := it.Parent == 0
			if best == 0 || top && !bestTop || top == bestTop && it.ID < best {
				best, bestTop = it.ID, top
			}
		}
		if len(items) < 100 {
			break
		}
	}
	return best, nil
}

// searchWord is what a term is searched for by: its name, or, when the
// name has a character WordPress stores as an entity, its longest part
// without one.
func searchWord(name string) string {
	parts := strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune(`&<>"'`, r) })
	best := ""
	for _, p := range parts {
		if p = strings.TrimSpace(p); len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return name
	}
	return best
}

// singular names one term of a taxonomy in messages.
func singular(taxonomy string) string {
	if taxonomy == taxCategories {
		return "category"
	}
	return "tag"
}

// createTerm creates a term. When it exists after all (created by another
// run meanwhile, or a name WordPress holds in another spelling), WordPress
// answers term_exists with the existing term's id, which is taken
// (created is false then).
func (t *Target) createTerm(ctx context.Context, taxonomy, name string) (id int, created bool, err error) {
	b, err := t.call(ctx, http.MethodPost, "/wp/v2/"+taxonomy, nil, map[string]any{"name": name})
	if err != nil {
		var we *Error
		if errors.As(err, &we) && we.Code == "term_exists" {
			var data struct {
				TermID int `json:"term_id"`
			}
			if json.Unmarshal(we.Data, &data) == nil && data.TermID != 0 {
				return data.TermID, false, nil
			}
		}
		return 0, false, fmt.Errorf("creating %s %q: %w", singular(taxonomy), name, err)
	}
	var c struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal(b, &c); err != nil || c.ID == 0 {
		return 0, false, fmt.Errorf("creating %s %q: unexpected answer %.200s", singular(taxonomy), name, b)
	}
	t.o.Logger.Info("created "+singular(taxonomy), "name", name, "id", c.ID)
	return c.ID, true, nil
}
