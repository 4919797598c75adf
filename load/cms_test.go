package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/umzug/umzug"
)

// memTarget is a CMS in memory: it stores what it is sent and counts
// creates and updates. Build writes the links it can resolve into the
// payload, so tests see the second pass at work.
type memTarget struct {
	mu       sync.Mutex
	items    map[string]memItem // remote id -> item
	next     int
	creates  int
	updates  int
	failID   string // Create of this record fails
	loseNext bool   // the next Create succeeds in the CMS but the answer is lost
}

type memItem struct {
	kind   RecordKind
	slug   string
	body   string
	parent string
}

func newMemTarget() *memTarget { return &memTarget{items: map[string]memItem{}} }

func (m *memTarget) Name() string                     { return "mem" }
func (m *memTarget) Site() string                     { return "mem://site" }
func (m *memTarget) Open(context.Context, bool) error { return nil }

func (m *memTarget) Build(rec *Record, links Links) (Payload, error) {
	p := Payload{Slug: rec.ID}
	var sb strings.Builder
	sb.WriteString(string(rec.Kind) + ":" + rec.ID)
	if rec.Parent != "" {
		if r, ok := links.Remote(KindDocument, rec.Parent); ok {
			sb.WriteString(" parent=" + r.ID)
		} else {
			p.Unresolved++
		}
	}
	if rec.Document != nil {
		for _, b := range rec.Document.Blocks {
			if b.Text == nil {
				continue
			}
			for _, pb := range b.Text.Body {
				for _, md := range pb.MarkDefs {
					u, ok := links.URL(md.Href)
					if !ok {
						p.Unresolved++
					}
					sb.WriteString(" link=" + u)
				}
			}
		}
	}
	if rec.Asset != nil {
		b, err := os.ReadFile(rec.FilePath)
		if err != nil {
			return p, err
		}
		sb.WriteString(" file=" + string(b))
	}
	p.Body = []byte(sb.String())
	return p, nil
}

func (m *memTarget) Create(_ context.Context, rec *Record, p Payload) (Remote, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if rec.ID == m.failID {
		return Remote{}, errors.New("HTTP 500: rest_error: broken")
	}
	m.next++
	id := fmt.Sprint(m.next)
	m.items[id] = memItem{kind: rec.Kind, slug: p.Slug, body: string(p.Body), parent: rec.Parent}
	m.creates++
	if m.loseNext {
		m.loseNext = false
		return Remote{}, errors.New("connection reset")
	}
	return Remote{ID: id, Link: "https://new.example/" + rec.ID + "/"}, nil
}

func (m *memTarget) Update(_ context.Context, rec *Record, p Payload, r Remote) (Remote, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	it, ok := m.items[r.ID]
	if !ok {
		return Remote{}, ErrRemoteGone
	}
	it.body = string(p.Body)
	m.items[r.ID] = it
	m.updates++
	return Remote{ID: r.ID, Link: "https://new.example/" + rec.ID + "/"}, nil
}

func (m *memTarget) Find(_ context.Context, rec *Record, p Payload) (Remote, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, it := range m.items {
		if it.kind == rec.Kind && it.slug == p.Slug {
			return Remote{ID: id, Link: "https://new.example/" + rec.ID + "/"}, true, nil
		}
	}
	return Remote{}, false, nil
}

// testExport writes a small export: a home page, /a, /a/b/c (whose
// parent /a/b was not exported), a press release linking to /a/b/c, one
// snippet and one asset with its file.
func testExport(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	site := "https://old.example/"
	write := func(name string, lines ...any) {
		var sb strings.Builder
		for _, l := range lines {
			b, err := json.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			sb.Write(b)
			sb.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(href string) umzug.Block {
		return umzug.Block{Key: "c1", Type: umzug.BlockText, Text: &umzug.Text{Body: umzug.PortableText{{Type: "block", Key: "b0", Style: "normal",
			Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: "x", Marks: []string{"l0"}}},
			MarkDefs: []umzug.MarkDef{{Type: "link", Key: "l0", Href: href}}}}}}
	}
	write("documents.ndjson",
		umzug.Document{ID: "d1-press", Kind: umzug.KindPressRelease, URL: site + "presse/pm1/", Path: "/presse/2024/01/pm1", Title: "PM", Blocks: []umzug.Block{link(site + "a/b/c/")}},
		umzug.Document{ID: "d2-home", Kind: umzug.KindPage, URL: site, Path: "/", Title: "Home"},
		umzug.Document{ID: "d3-abc", Kind: umzug.KindPage, URL: site + "a/b/c/", Path: "/a/b/c", Title: "C", Blocks: []umzug.Block{link(site + "fileadmin/f.pdf")}},
		umzug.Document{ID: "d4-a", Kind: umzug.KindPage, URL: site + "a/", Path: "/a", Title: "A", Blocks: []umzug.Block{link(site + "index.php?id=9")}},
	)
	write("snippets.ndjson", umzug.Snippet{ID: "s1", Block: umzug.Block{Key: "c9", Type: umzug.BlockDivider, Divider: &umzug.Divider{}}, Documents: 2, Refs: 2})
	if err := os.MkdirAll(filepath.Join(dir, "files", "ab"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "files", "ab", "abc-f.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("assets.ndjson",
		umzug.Asset{ID: "a1", URL: site + "fileadmin/f.pdf", File: "files/ab/abc-f.pdf", SHA256: "abc", Path: "/media/f.pdf"},
		umzug.Asset{ID: "a2", URL: site + "fileadmin/gone.pdf", Path: "/media/gone.pdf"},
	)
	if err := os.WriteFile(filepath.Join(dir, "redirects.csv"), []byte("old_url,new_path,status\n"+
		site+"index.php?id=9,/a/b/c,301\n"+site+"a/,/a,301\n"+site+"alt/,,410\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"schemaVersion":"1","source":"`+site+`","counts":{},"files":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadCreatesOnceResolvesLinksAndResumes(t *testing.T) {
	dir := testExport(t)
	m := newMemTarget()
	var actions []string
	o := LoadOptions{Concurrency: 3, OnAction: func(a string, rec *Record, _ Remote) { actions = append(actions, a+" "+rec.ID) }}
	st, err := Load(t.Context(), dir, m, o)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := st.Created[KindDocument] + st.Created[KindFile] + st.Created[KindSnippet]; got != 6 || m.creates != 6 {
		t.Fatalf("created %d (target %d); want 6: %v", got, m.creates, actions)
	}
	if st.FilesMissing != 1 {
		t.Errorf("FilesMissing = %d; want 1", st.FilesMissing)
	}
	// C hangs under A (its parent /a/b was not exported) and was created
	// after it; the press release's link to C, created after it in the
	// first pass, points to C after the second.
	byID := map[string]memItem{}
	for _, it := range m.items {
		byID[strings.Fields(it.body)[0]] = it
	}
	var aRemote string
	for id, it := range m.items {
		if strings.HasPrefix(it.body, "document:d4-a") {
			aRemote = id
		}
	}
	if c := byID["document:d3-abc"]; !strings.Contains(c.body, "parent="+aRemote) || c.parent != "d4-a" {
		t.Errorf("page C = %+v; want parent A (%s)", c, aRemote)
	}
	if pm := byID["document:d1-press"]; !strings.Contains(pm.body, "link=https://new.example/d3-abc/") {
		t.Errorf("press release = %q; want its link to point to C's new URL", pm.body)
	}
	if a := byID["document:d4-a"]; !strings.Contains(a.body, "link=https://new.example/d3-abc/") {
		t.Errorf("page A = %q; want index.php?id=9 resolved through the redirect map to C", a.body)
	}
	if c := byID["document:d3-abc"]; !strings.Contains(c.body, "link=https://new.example/a1/") {
		t.Errorf("page C = %q; want the link to the file to point to the media item", c.body)
	}
	if st.Unresolved != 0 {
		t.Errorf("Unresolved = %d; want 0", st.Unresolved)
	}

	// Again: nothing sent.
	creates, updates := m.creates, m.updates
	st, err = Load(t.Context(), dir, m, o)
	if err != nil {
		t.Fatal(err)
	}
	if m.creates != creates || m.updates != updates || st.Unchanged[KindDocument] != 4 {
		t.Errorf("second run: %d creates, %d updates, %d documents unchanged; want nothing sent", m.creates-creates, m.updates-updates, st.Unchanged[KindDocument])
	}

	// Redirect files for the target.
	csv, err := os.ReadFile(filepath.Join(dir, "redirects.mem.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/index.php?id=9,/d3-abc/,0,301", "/a/,/d4-a/,0,301", "/alt/,,0,410"} {
		if !strings.Contains(string(csv), want+"\n") {
			t.Errorf("redirects.mem.csv lacks %q:\n%s", want, csv)
		}
	}
	ht, _ := os.ReadFile(filepath.Join(dir, "redirects.mem.htaccess"))
	for _, want := range []string{"RewriteCond %{QUERY_STRING} ^id=9$\nRewriteRule ^index\\.php$ /d3-abc/? [R=301,L,NE]", "RewriteRule ^alt/$ - [G,L]"} {
		if !strings.Contains(string(ht), want) {
			t.Errorf("htaccess lacks %q:\n%s", want, ht)
		}
	}
}

func TestLoadLostAnswerCreatesNoDuplicate(t *testing.T) {
	dir := testExport(t)
	m := newMemTarget()
	m.loseNext = true // the first create reaches the CMS, its answer does not reach us
	_, err := Load(t.Context(), dir, m, LoadOptions{Concurrency: 1})
	if !errors.Is(err, ErrPartial) {
		t.Fatalf("Load = %v; want ErrPartial", err)
	}
	if _, err := Load(t.Context(), dir, m, LoadOptions{Concurrency: 1}); err != nil {
		t.Fatalf("second Load: %v", err)
	}
	if len(m.items) != 6 {
		t.Errorf("the CMS holds %d items; want 6 (no duplicate of the lost one)", len(m.items))
	}
}

func TestLoadOneFailureDoesNotStopTheRest(t *testing.T) {
	dir := testExport(t)
	m := newMemTarget()
	m.failID = "d4-a"
	st, err := Load(t.Context(), dir, m, LoadOptions{Concurrency: 2})
	if !errors.Is(err, ErrPartial) || len(st.Errors) != 1 || st.Errors[0].ID != "d4-a" {
		t.Fatalf("Load = %v, errors %v; want one failure of d4-a", err, st.Errors)
	}
	if m.creates != 5 || !strings.Contains(st.Errors[0].Error(), "rest_error: broken") {
		t.Errorf("creates %d, error %v; want the other 5 created and the CMS's message kept", m.creates, st.Errors[0])
	}
	// C could not hang under A: it is created at the top and says so.
	if st.Unresolved == 0 {
		t.Error("Unresolved = 0; want C's missing parent counted")
	}
	m.failID = ""
	if _, err := Load(t.Context(), dir, m, LoadOptions{}); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if m.creates != 6 {
		t.Errorf("after the retry %d creates; want 6", m.creates)
	}
}

func TestLoadDryRunSendsNothing(t *testing.T) {
	dir := testExport(t)
	m := newMemTarget()
	var actions []string
	st, err := Load(t.Context(), dir, m, LoadOptions{DryRun: true, OnAction: func(a string, rec *Record, _ Remote) { actions = append(actions, a) }})
	if err != nil {
		t.Fatal(err)
	}
	if m.creates != 0 || len(actions) != 6 || st.Created[KindDocument] != 4 {
		t.Errorf("dry run: %d creates sent, actions %v", m.creates, actions)
	}
	if _, err := os.Stat(filepath.Join(dir, StateFileFor(m))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("dry run wrote the state file (%v)", err)
	}
}

func TestLoadStateIgnoresTornLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "state.ndjson")
	if err := os.WriteFile(p, []byte(`{"site":"s","kind":"document","id":"x","remote":"7","hash":"h","at":"t"}`+"\n"+`{"site":"s","kind":"docu`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := openLoadState(p, "s", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if e, ok := s.get(KindDocument, "x"); !ok || e.Remote != "7" {
		t.Errorf("get = %+v, %v", e, ok)
	}
	b, _ := os.ReadFile(p)
	if strings.Count(string(b), "\n") != 1 || strings.Contains(string(b), "docu`") {
		t.Errorf("state after compaction:\n%s", b)
	}
}

func TestLoadStateIsLocked(t *testing.T) {
	p := filepath.Join(t.TempDir(), "state.ndjson")
	s, err := openLoadState(p, "s", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openLoadState(p, "s", false, nil); err == nil {
		t.Error("a second load of the same export was not refused")
	}
	s.close()
	s2, err := openLoadState(p, "s", false, nil)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	s2.close()
}

// prepTarget is a memTarget that is a Preparer: it records with which
// readOnly every document was prepared, and Build fails a document that
// was not prepared first.
type prepTarget struct {
	*memTarget
	prepared sync.Map // record id -> readOnly
}

func (p *prepTarget) Prepare(_ context.Context, rec *Record, readOnly bool) error {
	if rec.Document == nil {
		return fmt.Errorf("%s: prepared without its document", rec.ID)
	}
	p.prepared.Store(rec.ID, readOnly)
	return nil
}

func (p *prepTarget) Build(rec *Record, links Links) (Payload, error) {
	if _, ok := p.prepared.Load(rec.ID); rec.Kind == KindDocument && !ok {
		return Payload{}, fmt.Errorf("%s: built before it was prepared", rec.ID)
	}
	return p.memTarget.Build(rec, links)
}

// TestLoadPreparesDocumentsBeforeBuilding: a Preparer's Prepare runs for
// every document before its Build, read-only in a dry run; its error
// fails the record and the others go on.
func TestLoadPreparesDocumentsBeforeBuilding(t *testing.T) {
	for _, dry := range []bool{true, false} {
		dir := testExport(t)
		p := &prepTarget{memTarget: newMemTarget()}
		st, err := Load(t.Context(), dir, p, LoadOptions{Concurrency: 3, DryRun: dry})
		if err != nil {
			t.Fatalf("Load (dry run %v): %v", dry, err)
		}
		n := 0
		p.prepared.Range(func(id, readOnly any) bool {
			n++
			if readOnly != dry {
				t.Errorf("dry run %v: %s prepared with readOnly %v", dry, id, readOnly)
			}
			return true
		})
		if n != 4 || len(st.Errors) != 0 {
			t.Errorf("dry run %v: %d documents prepared, errors %v; want 4, none", dry, n, st.Errors)
		}
	}
}

// failPrep fails the preparation of one record.
type failPrep struct{ *memTarget }

func (f failPrep) Prepare(_ context.Context, rec *Record, _ bool) error {
	if rec.ID == "d1-press" {
		return errors.New(`creating category "Umwelt": HTTP 403: rest_cannot_create`)
	}
	return nil
}

func TestLoadPrepareErrorFailsTheRecord(t *testing.T) {
	dir := testExport(t)
	f := failPrep{newMemTarget()}
	st, err := Load(t.Context(), dir, f, LoadOptions{Concurrency: 2})
	if !errors.Is(err, ErrPartial) || len(st.Errors) != 1 || st.Errors[0].ID != "d1-press" || st.Created[KindDocument] != 3 {
		t.Errorf("Load = %v, errors %v, %d documents created; want the press release failed, the 3 pages created", err, st.Errors, st.Created[KindDocument])
	}
}
