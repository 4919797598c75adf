package wordpress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/load"
)

// fakeWP is the part of WordPress's REST API a load uses: the discovery,
// users/me, the posts schema (with or without umzug's meta), categories
// and tags (stored with their names entity-encoded, searched by parts of
// names and slugs, term_exists on a second create of a name), posts and
// pages.
type fakeWP struct {
	srv *httptest.Server
	// meta: the posts schema has umzug's meta; metaTerms: with
	// umzug_categories and umzug_tags.
	meta, metaTerms bool
	// hidden terms are not found by a search (WordPress's search does not
	// find a name it stores as "a &amp; b" by "a & b").
	hidden map[string]bool
	// refused names are refused on create (WordPress's answer to a name
	// that is empty once it strips tags).
	refused map[string]bool

	mu        sync.Mutex
	next      int
	terms     map[string][]fakeTerm // taxonomy -> terms
	items     map[int]map[string]any
	termPosts map[string]int // "taxonomy/name" -> POSTs
	creates   int
	updates   int
}

type fakeTerm struct {
	ID     int    `json:"id"`
	Name   string `json:"name"`
	Slug   string `json:"slug"`
	Parent int    `json:"parent"`
}

func newFakeWP(t *testing.T) *fakeWP {
	f := &fakeWP{meta: true, metaTerms: true, next: 100, terms: map[string][]fakeTerm{}, items: map[int]map[string]any{}, termPosts: map[string]int{}, hidden: map[string]bool{}, refused: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeWP) addTerm(taxonomy, name string, parent int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next++
	f.terms[taxonomy] = append(f.terms[taxonomy], fakeTerm{ID: f.next, Name: html.EscapeString(name), Slug: slugify(name), Parent: parent})
	return f.next
}

func (f *fakeWP) serve(w http.ResponseWriter, r *http.Request) {
	route := strings.TrimPrefix(r.URL.Path, "/wp-json")
	w.Header().Set("Content-Type", "application/json")
	reply := func(status int, v any) {
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	switch {
	case r.Method == http.MethodHead && r.URL.Path == "/":
		w.Header().Set("Link", "<"+f.srv.URL+`/wp-json/>; rel="https://api.w.org/"`)
	case route == "/wp/v2/users/me":
		reply(200, map[string]any{"id": 1})
	case r.Method == http.MethodOptions && route == "/wp/v2/posts":
		props := map[string]any{}
		if f.meta {
			props["umzug_number"] = map[string]any{"type": "string"}
		}
		if f.metaTerms {
			props["umzug_categories"] = map[string]any{"type": "array"}
		}
		reply(200, map[string]any{"schema": map[string]any{"properties": map[string]any{"meta": map[string]any{"properties": props}}}})
	case route == "/wp/v2/categories" || route == "/wp/v2/tags":
		tax := strings.TrimPrefix(route, "/wp/v2/")
		if r.Method == http.MethodPost {
			f.createTerm(tax, r, reply)
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		q := r.URL.Query()
		out := []fakeTerm{}
		for _, t := range f.terms[tax] {
			s := strings.ToLower(q.Get("search"))
			switch {
			case q.Has("slug") && t.Slug != q.Get("slug"):
			case q.Has("search") && (f.hidden[html.UnescapeString(t.Name)] || !strings.Contains(strings.ToLower(t.Name), s) && !strings.Contains(t.Slug, s)):
			default:
				out = append(out, t)
			}
		}
		reply(200, out)
	case route == "/wp/v2/posts" || route == "/wp/v2/pages":
		if r.Method == http.MethodGet {
			reply(200, []any{}) // Find: nothing
			return
		}
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.next++
		id := f.next
		body["type"] = strings.TrimSuffix(strings.TrimPrefix(route, "/wp/v2/"), "s")
		f.items[id] = body
		f.creates++
		f.mu.Unlock()
		reply(201, map[string]any{"id": id, "link": fmt.Sprintf("%s/?p=%d", f.srv.URL, id)})
	case strings.HasPrefix(route, "/wp/v2/posts/") || strings.HasPrefix(route, "/wp/v2/pages/"):
		id, _ := strconv.Atoi(route[strings.LastIndexByte(route, '/')+1:])
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		body["type"] = f.items[id]["type"]
		f.items[id] = body
		f.updates++
		f.mu.Unlock()
		reply(200, map[string]any{"id": id, "link": fmt.Sprintf("%s/?p=%d", f.srv.URL, id)})
	default:
		reply(404, map[string]any{"code": "rest_no_route", "message": "No route was found matching the URL and request method."})
	}
}

// createTerm creates a term, slowly (so that concurrent creates of one
// name would overlap), and answers term_exists for a name it has, as
// WordPress does, with the existing term's id in the data.
func (f *fakeWP) createTerm(tax string, r *http.Request, reply func(int, any)) {
	var body struct {
		Name string `json:"name"`
	}
	_ = json.NewDecoder(r.Body).Decode(&body)
	f.mu.Lock()
	f.termPosts[tax+"/"+strings.ToLower(body.Name)]++
	f.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	f.mu.Lock()
	if f.refused[body.Name] {
		f.mu.Unlock()
		reply(400, map[string]any{"code": "empty_term_name", "message": "A name is required for this term.", "data": map[string]any{"status": 400}})
		return
	}
	for _, t := range f.terms[tax] {
		if strings.EqualFold(html.UnescapeString(t.Name), body.Name) && t.Parent == 0 {
			f.mu.Unlock()
			reply(400, map[string]any{"code": "term_exists", "message": "A term with the name provided already exists with this parent.",
				"data": map[string]any{"status": 400, "term_id": t.ID}})
			return
		}
	}
	f.mu.Unlock()
	id := f.addTerm(tax, body.Name, 0)
	reply(201, map[string]any{"id": id, "name": html.EscapeString(body.Name)})
}

func (f *fakeWP) item(t *testing.T, title string) map[string]any {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, it := range f.items {
		if it["title"] == title {
			return it
		}
	}
	t.Fatalf("no item %q in WordPress", title)
	return nil
}

// ids reads a JSON array of numbers.
func ids(v any) []int {
	var out []int
	list, _ := v.([]any)
	for _, x := range list {
		n, _ := x.(float64)
		out = append(out, int(n))
	}
	return out
}

// termExport writes an export of three press releases and a page with
// categories and tags.
func termExport(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	site := "https://alt.example/"
	var sb strings.Builder
	for _, d := range []umzug.Document{
		{ID: "p1", Kind: umzug.KindPressRelease, URL: site + "p1", Path: "/presse/p1", Title: "Radwege",
			Categories: []string{"Verkehr & Mobilität", "Pressemitteilungen"}, Tags: []string{"Radverkehr", "Förderung"}},
		{ID: "p2", Kind: umzug.KindPressRelease, URL: site + "p2", Path: "/presse/p2", Title: "Busse",
			Categories: []string{"verkehr & mobilität", "Umwelt"}, Tags: []string{"Förderung", "ÖPNV"}},
		{ID: "p3", Kind: umzug.KindPressRelease, URL: site + "p3", Path: "/presse/p3", Title: "Bäume",
			Categories: []string{"Umwelt"}, Tags: []string{"förderung"}},
		{ID: "p4", Kind: umzug.KindPressRelease, URL: site + "p4", Path: "/presse/p4", Title: "Ohne"},
		{ID: "g1", Kind: umzug.KindPage, URL: site + "radverkehr", Path: "/radverkehr", Title: "Radverkehr",
			Categories: []string{"Mobilität"}, Tags: []string{"Radwege"}},
	} {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(dir, "documents.ndjson"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"schemaVersion":"1","source":"`+site+`","status":"complete"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func newTestTarget(t *testing.T, f *fakeWP, log *slog.Logger) *Target {
	t.Helper()
	tg, err := New(Options{URL: f.srv.URL, User: "umzug", Password: "x", Retries: -1, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestLoadCategoriesAndTags: a post gets the press category and the
// WordPress category of each of its categories, and a tag for each tag,
// in the document's order; a term is looked up by name (without case,
// entities decoded; a top-level category before one of that name under
// another) and created when missing, once, though four posts are loaded
// at a time; a page keeps its terms in the meta. A second load sends
// nothing and creates no term.
func TestLoadCategoriesAndTags(t *testing.T) {
	dir := termExport(t)
	f := newFakeWP(t)
	press := f.addTerm(taxCategories, "Pressemitteilungen", 0)
	parent := f.addTerm(taxCategories, "Themen", 0)
	f.addTerm(taxCategories, "Umwelt", parent) // the same name under another category
	umwelt := f.addTerm(taxCategories, "Umwelt", 0)
	f.addTerm(taxCategories, "Umweltschutz", 0) // found by the search, another name
	foerderung := f.addTerm(taxTags, "Förderung", 0)

	tg := newTestTarget(t, f, nil)
	st, err := load.Load(t.Context(), dir, tg, load.LoadOptions{Concurrency: 4, AllowPartial: true})
	if err != nil {
		t.Fatalf("Load: %v (%v)", err, st.Errors)
	}
	if c, g := tg.NewTerms(); c != 1 || g != 2 {
		t.Errorf("NewTerms() = %d, %d; want 1 category, 2 tags", c, g)
	}
	f.mu.Lock()
	for k, n := range f.termPosts {
		if n != 1 {
			t.Errorf("%s created %d times; want once", k, n)
		}
	}
	created := map[string]int{}
	for _, tax := range []string{taxCategories, taxTags} {
		for _, tm := range f.terms[tax] {
			created[tax+"/"+strings.ToLower(html.UnescapeString(tm.Name))] = tm.ID
		}
	}
	if f.termPosts["categories/umwelt"]+f.termPosts["tags/förderung"]+f.termPosts["categories/pressemitteilungen"] != 0 {
		t.Errorf("terms WordPress has were created again: %v", f.termPosts)
	}
	if got := len(f.terms[taxCategories]) + len(f.terms[taxTags]); got != 9 {
		t.Errorf("%d terms in WordPress; want 9 (6 before, Verkehr & Mobilität, Radverkehr, ÖPNV)", got)
	}
	f.mu.Unlock()
	verkehr, rad, oepnv := created["categories/verkehr & mobilität"], created["tags/radverkehr"], created["tags/öpnv"]
	for _, tt := range []struct {
		title      string
		categories []int
		tags       []int
	}{
		{"Radwege", []int{press, verkehr}, []int{rad, foerderung}},
		{"Busse", []int{press, verkehr, umwelt}, []int{foerderung, oepnv}},
		{"Bäume", []int{press, umwelt}, []int{foerderung}},
		{"Ohne", []int{press}, []int{}},
	} {
		it := f.item(t, tt.title)
		if c, g := ids(it["categories"]), ids(it["tags"]); !slices.Equal(c, tt.categories) || !slices.Equal(g, tt.tags) || it["tags"] == nil {
			t.Errorf("post %q: categories %v, tags %v; want %v, %v", tt.title, c, it["tags"], tt.categories, tt.tags)
		}
	}
	page := f.item(t, "Radverkehr")
	meta, _ := page["meta"].(map[string]any)
	if page["categories"] != nil || page["tags"] != nil || fmt.Sprint(meta["umzug_categories"], meta["umzug_tags"]) != "[Mobilität] [Radwege]" {
		t.Errorf("page: categories %v, tags %v, meta %v; want no terms, the meta umzug_categories [Mobilität] and umzug_tags [Radwege]", page["categories"], page["tags"], meta)
	}
	if st.Warnings != 0 {
		t.Errorf("%d warnings; want none", st.Warnings)
	}

	// Again, and a dry run: nothing created or updated, no term created.
	termPosts := func() int {
		f.mu.Lock()
		defer f.mu.Unlock()
		n := 0
		for _, c := range f.termPosts {
			n += c
		}
		return n
	}
	creates, updates, posts := f.creates, f.updates, termPosts()
	for _, dry := range []bool{false, true} {
		tg := newTestTarget(t, f, nil)
		st, err = load.Load(t.Context(), dir, tg, load.LoadOptions{Concurrency: 4, AllowPartial: true, DryRun: dry})
		if err != nil {
			t.Fatal(err)
		}
		if c, g := tg.NewTerms(); c+g != 0 {
			t.Errorf("load again (dry run %v): NewTerms() = %d, %d; want none", dry, c, g)
		}
		if f.creates != creates || f.updates != updates || termPosts() != posts || st.Unchanged[load.KindDocument] != 5 {
			t.Errorf("load again (dry run %v): %d creates, %d updates, %d terms posted, %d documents unchanged; want nothing sent, 5 unchanged",
				dry, f.creates-creates, f.updates-updates, termPosts()-posts, st.Unchanged[load.KindDocument])
		}
	}
}

// TestDryRunCreatesNoTerms: a dry run into an empty site looks the terms
// up and creates none (and no category for press releases).
func TestDryRunCreatesNoTerms(t *testing.T) {
	f := newFakeWP(t)
	var log bytes.Buffer
	tg := newTestTarget(t, f, slog.New(slog.NewTextHandler(&log, nil)))
	st, err := load.Load(t.Context(), termExport(t), tg, load.LoadOptions{Concurrency: 4, AllowPartial: true, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	// Verkehr & Mobilität, Pressemitteilungen, Umwelt; Radverkehr, Förderung, ÖPNV.
	if c, g := tg.NewTerms(); c != 3 || g != 3 {
		t.Errorf("dry run: NewTerms() = %d, %d; want 3 categories, 3 tags to create", c, g)
	}
	if len(f.termPosts) != 0 || f.creates != 0 || len(f.terms[taxCategories]) != 0 || st.Created[load.KindDocument] != 5 || st.Warnings != 0 {
		t.Errorf("dry run: terms created %v, %d items created, %d documents to create, %d warnings; want nothing created, 5 to create, no warnings",
			f.termPosts, f.creates, st.Created[load.KindDocument], st.Warnings)
	}
	if !strings.Contains(strings.ToLower(log.String()), `msg="category not in wordpress yet; the load creates it" name="verkehr & mobilität"`) {
		t.Errorf("the dry run's log does not say that the category is created:\n%s", log.String())
	}
	// The real run on the same empty site creates what the dry run
	// counted, the press category too.
	real := newTestTarget(t, f, nil)
	if _, err := load.Load(t.Context(), termExport(t), real, load.LoadOptions{Concurrency: 4, AllowPartial: true}); err != nil {
		t.Fatal(err)
	}
	if c, g := real.NewTerms(); c != 3 || g != 3 {
		t.Errorf("the real run: NewTerms() = %d, %d; want 3 categories, 3 tags created, as the dry run said", c, g)
	}
}

// TestTermExistsTakesTheExistingTerm: a term the search does not find
// but WordPress has (term_exists) is the existing one.
func TestTermExistsTakesTheExistingTerm(t *testing.T) {
	f := newFakeWP(t)
	f.addTerm(taxCategories, "Pressemitteilungen", 0)
	umwelt := f.addTerm(taxCategories, "Umwelt", 0)
	f.hidden["Umwelt"] = true
	tg := newTestTarget(t, f, nil)
	if _, err := load.Load(t.Context(), termExport(t), tg, load.LoadOptions{Concurrency: 4, AllowPartial: true}); err != nil {
		t.Fatal(err)
	}
	if c := ids(f.item(t, "Bäume")["categories"]); len(c) != 2 || c[1] != umwelt {
		t.Errorf("categories %v; want [press %d]", c, umwelt)
	}
	if n := len(f.terms[taxCategories]); n != 3 {
		t.Errorf("%d categories; want 3 (Umwelt not created again)", n)
	}
	if c, _ := tg.NewTerms(); c != 1 {
		t.Errorf("NewTerms() = %d categories; want 1 (Verkehr & Mobilität; Umwelt was there)", c)
	}
}

// TestRefusedTermSkipped: a term WordPress refuses to create does not
// keep its post out: the post goes in without it, and the load reports
// it as a warning.
func TestRefusedTermSkipped(t *testing.T) {
	f := newFakeWP(t)
	f.refused["ÖPNV"] = true
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	st, err := load.Load(t.Context(), termExport(t), newTestTarget(t, f, logger), load.LoadOptions{Concurrency: 2, AllowPartial: true, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	if n := st.Failed[load.KindDocument]; n != 0 {
		t.Fatalf("%d documents failed; want 0:\n%s", n, log.String())
	}
	if tags := ids(f.item(t, "Busse")["tags"]); len(tags) != 1 {
		t.Errorf("tags %v; want Förderung only", tags)
	}
	if !strings.Contains(log.String(), `not in WordPress, not assigned: tag \"ÖPNV\"`) {
		t.Errorf("no warning naming the refused tag:\n%s", log.String())
	}
}

// TestPageTermsWithoutMeta: a page's terms that no meta can hold are
// reported as a warning, not dropped silently.
func TestPageTermsWithoutMeta(t *testing.T) {
	for _, meta := range []bool{false, true} {
		f := newFakeWP(t)
		f.meta, f.metaTerms = meta, false // no mu-plugin, or one older than umzug_categories
		var log bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&log, nil))
		st, err := load.Load(t.Context(), termExport(t), newTestTarget(t, f, logger), load.LoadOptions{Concurrency: 2, AllowPartial: true, Logger: logger})
		if err != nil {
			t.Fatal(err)
		}
		if st.Warnings != 1 || !strings.Contains(log.String(), "WordPress pages have no categories or tags; not loaded: categories Mobilität; tags Radwege") {
			t.Errorf("meta %v: %d warnings; want 1 naming the page's terms:\n%s", meta, st.Warnings, log.String())
		}
		if m, _ := f.item(t, "Radverkehr")["meta"].(map[string]any); m["umzug_categories"] != nil {
			t.Errorf("meta %v: page meta %v; want no umzug_categories", meta, m)
		}
	}
}

func TestSearchWord(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Umwelt", "Umwelt"},
		{"Verkehr & Mobilität", "Mobilität"},
		{"Bau & Verkehr", "Verkehr"},
		{"&", "&"},
	} {
		if got := searchWord(tt.in); got != tt.want {
			t.Errorf("searchWord(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
