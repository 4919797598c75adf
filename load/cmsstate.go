package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/umzug/umzug/internal/fsutil"
)

// stateEntry is one line of a load state file: a record of the export
// and what it became in the CMS of Site. A Pending line is written before
// a record is created, so a run killed during the request knows to look
// for the copy before creating another.
type stateEntry struct {
	Site       string     `json:"site"`
	Kind       RecordKind `json:"kind"`
	ID         string     `json:"id"`
	Remote     string     `json:"remote,omitempty"`
	Link       string     `json:"link,omitempty"`
	Hash       string     `json:"hash,omitempty"`
	FileSHA256 string     `json:"fileSha256,omitempty"`
	Slug       string     `json:"slug,omitempty"`
	Pending    bool       `json:"pending,omitempty"`
	At         string     `json:"at"`
}

// loadState is the state file of one target: an append-only journal of
// complete lines, each synced before the record counts as done (a line
// cut short by a crash is ignored when read), rewritten compactly through
// a temporary file and a rename at the end of a run. Entries of other
// sites are kept as they are.
type loadState struct {
	path   string
	site   string
	dryRun bool
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]stateEntry
	others  [][]byte // lines of other sites
	f       *os.File
	lock    *flock.Flock
}

func openLoadState(path, site string, dryRun bool, now func() time.Time) (*loadState, error) {
	s := &loadState{path: path, site: site, dryRun: dryRun, now: now, entries: map[string]stateEntry{}}
	if !dryRun {
		// Two loads at once would both create what neither has recorded.
		lock, err := lockFile(path + ".lock")
		if err != nil {
			return nil, err
		}
		s.lock = lock
	}
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("reading load state: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e stateEntry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.ID == "" {
			continue // torn by a crash
		}
		if e.Site != site {
			s.others = append(s.others, append([]byte(nil), sc.Bytes()...))
			continue
		}
		k := string(e.Kind) + "/" + e.ID
		if e.Pending {
			// Keep what the CMS confirmed before; remember the attempt.
			prev := s.entries[k]
			prev.Kind, prev.ID, prev.Site, prev.Pending, prev.Slug = e.Kind, e.ID, e.Site, true, e.Slug
			s.entries[k] = prev
			continue
		}
		s.entries[k] = e
	}
	if dryRun {
		return s, nil
	}
	if err := s.compact(); err != nil { // also drops a torn last line
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *loadState) get(kind RecordKind, id string) (stateEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[string(kind)+"/"+id]
	return e, ok
}

// put records e and syncs it to disk before returning.
func (s *loadState) put(e stateEntry) error {
	e.Site = s.site
	e.At = s.now().UTC().Format(time.RFC3339)
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := string(e.Kind) + "/" + e.ID
	if e.Pending {
		prev := s.entries[k]
		prev.Kind, prev.ID, prev.Site, prev.Pending, prev.Slug = e.Kind, e.ID, e.Site, true, e.Slug
		s.entries[k] = prev
	} else {
		s.entries[k] = e
	}
	if s.dryRun {
		return nil
	}
	if _, err := s.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("writing load state: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("syncing load state: %w", err)
	}
	return nil
}

// compact rewrites the file with one line per record (atomically: a
// temporary file, synced and renamed) and reopens it for appending.
func (s *loadState) compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		_ = s.f.Close()
		s.f = nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing load state: %w", err)
	}
	w := bufio.NewWriter(tmp)
	for _, l := range s.others {
		w.Write(l)
		w.WriteByte('\n')
	}
	for _, k := range sortedKeys(s.entries) {
		line, _ := json.Marshal(s.entries[k])
		w.Write(line)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing load state: %w", err)
	}
	// The state is rewritten whole: a failed directory sync leaves at
	// worst the previous state, which the next run reads.
	_ = fsutil.SyncDir(filepath.Dir(s.path))
	s.f, err = os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("opening load state: %w", err)
	}
	return nil
}

func (s *loadState) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		_ = s.f.Close()
	}
	if s.lock != nil {
		_ = s.lock.Unlock()
	}
}

// writeTargetRedirects writes, next to the export's redirects.csv and
// nginx map, the redirects from every old URL to where its document or
// file now is in the target: redirects.<name>.csv in the import format of
// WordPress's Redirection plugin (source,target,regex,code; paths of the
// old site's host) and redirects.<name>.htaccess (mod_rewrite rules for
// Apache, to put before the CMS's own rules). Old URLs whose target is not
// in the CMS keep the export's redirect (its new path); 410s stay 410s. A
// redirect to the very same path is left out.
func writeTargetRedirects(dir, name string, ex *exportIndex, l *loader) (int, error) {
	type row struct {
		from *url.URL
		to   string
		code int
	}
	var rows []row
	seen := map[string]bool{}
	add := func(old, to string, code int) {
		u, err := url.Parse(old)
		if err != nil || !strings.EqualFold(u.Host, ex.site.Host) {
			return
		}
		if u.Path == "" {
			u.Path = "/"
		}
		if u.Path == "/" && u.RawQuery == "" {
			return // the new site's own front page
		}
		if to != "" && to == u.RequestURI() {
			return
		}
		k := u.RequestURI()
		if seen[k] {
			return
		}
		seen[k] = true
		rows = append(rows, row{from: u, to: to, code: code})
	}
	for _, old := range ex.redirectSeq {
		to := ex.redirects[old]
		// The redirects are served by the new site itself: its paths.
		if id, ok := ex.docByPath[to]; ok {
			if r, ok := l.Remote(KindDocument, id); ok {
				to = sitePath(r.Link)
			}
		} else if id, ok := ex.assetByPath[to]; ok {
			if r, ok := l.Remote(KindFile, id); ok {
				to = sitePath(r.Link)
			}
		}
		add(old, to, 301)
	}
	for _, g := range ex.gone {
		add(g, "", 410)
	}

	var csvBuf bytes.Buffer
	cw := csv.NewWriter(&csvBuf)
	_ = cw.Write([]string{"source", "target", "regex", "code"})
	var ht strings.Builder
	ht.WriteString("# umzug: redirects from " + ex.site.String() + " to " + l.t.Site() + " (generated; do not edit)\n")
	ht.WriteString("# Put these lines into the site's .htaccess before the \"# BEGIN WordPress\" block.\n")
	ht.WriteString("<IfModule mod_rewrite.c>\nRewriteEngine On\n")
	for _, r := range rows {
		code := fmt.Sprint(r.code)
		_ = cw.Write([]string{r.from.RequestURI(), r.to, "0", code})
		pattern := "^" + regexp.QuoteMeta(strings.TrimPrefix(r.from.EscapedPath(), "/")) + "$"
		if r.from.RawQuery != "" {
			ht.WriteString("RewriteCond %{QUERY_STRING} ^" + regexp.QuoteMeta(r.from.RawQuery) + "$\n")
		}
		if r.code == 410 {
			ht.WriteString("RewriteRule " + pattern + " - [G,L]\n")
			continue
		}
		target := strings.ReplaceAll(r.to, " ", "%20")
		if r.from.RawQuery != "" && !strings.Contains(target, "?") {
			target += "?" // drop the old query string
		}
		ht.WriteString("RewriteRule " + pattern + " " + target + " [R=301,L,NE]\n")
	}
	ht.WriteString("</IfModule>\n")
	cw.Flush()
	for _, f := range []struct {
		name string
		data []byte
	}{{"redirects." + name + ".csv", csvBuf.Bytes()}, {"redirects." + name + ".htaccess", []byte(ht.String())}} {
		a, err := createAtomic(filepath.Join(dir, f.name))
		if err != nil {
			return 0, err
		}
		if _, err := a.Write(f.data); err != nil {
			a.Abort()
			return 0, err
		}
		if err := a.Commit(); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

// sitePath is the path and query of an absolute URL.
func sitePath(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.RequestURI()
	}
	return raw
}
