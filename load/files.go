package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/umzug/umzug"
)

// FilesDir is the directory of the export that holds the files themselves
// (images, PDFs, …) under content-addressed names.
const FilesDir = "files"

// FileSource gives the bytes of a file of the old site: the crawl archive,
// or the old site itself over HTTP. OpenFile returns the body and its
// media type (as the server declared it; "" when unknown). An error names
// the reason the file could not be had; it is reported, never fatal.
type FileSource interface {
	OpenFile(ctx context.Context, url string) (io.ReadCloser, string, error)
}

// Sources tries each source in turn and returns the first file found; the
// error, when none has it, joins every source's reason.
type Sources []FileSource

// OpenFile implements FileSource.
func (s Sources) OpenFile(ctx context.Context, url string) (io.ReadCloser, string, error) {
	var errs []error
	for _, src := range s {
		if src == nil {
			continue
		}
		rc, mt, err := src.OpenFile(ctx, url)
		if err == nil {
			return rc, mt, nil
		}
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, "", errors.New("no file source")
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return nil, "", errors.New(strings.Join(msgs, "; "))
}

// StoredFile is a file written into the export.
type StoredFile struct {
	// Path is relative to the export directory, with forward slashes:
	// files/ab/abcdef…-name.ext.
	Path      string
	SHA256    string // hex
	Size      int64
	MediaType string
}

// FileStore writes the files of an export under content-addressed names,
// files/<first two hex digits>/<sha256>-<safe base name>, so the same
// bytes under the same name are stored once and a name never collides.
// Every file is written to a temporary name, synced and renamed. It is
// safe for concurrent use.
type FileStore struct {
	dir     string
	maxSize int64

	mu    sync.Mutex
	byURL map[string]StoredFile
}

// NewFileStore prepares the files directory of the export in dir. Files
// larger than maxSize bytes (0: no limit) are refused.
func NewFileStore(dir string, maxSize int64) (*FileStore, error) {
	if err := os.MkdirAll(filepath.Join(dir, FilesDir), 0o755); err != nil {
		return nil, fmt.Errorf("creating files directory: %w", err)
	}
	return &FileStore{dir: dir, maxSize: maxSize, byURL: map[string]StoredFile{}}, nil
}

// Lookup returns the file stored for url.
func (s *FileStore) Lookup(url string) (StoredFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.byURL[url]
	return f, ok
}

// Put stores the body of the file at url, named after name (a file name
// or a URL; only its base name counts), and remembers it under url.
func (s *FileStore) Put(url, name, mediaType string, r io.Reader) (StoredFile, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, FilesDir), ".tmp-*")
	if err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	h := sha256.New()
	var src io.Reader = r
	if s.maxSize > 0 {
		src = io.LimitReader(r, s.maxSize+1)
	}
	n, err := io.Copy(io.MultiWriter(tmp, h), src)
	if err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	if s.maxSize > 0 && n > s.maxSize {
		return StoredFile{}, fmt.Errorf("storing %s: larger than %d bytes", url, s.maxSize)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	base := SafeFileName(name)
	if base == "" {
		base = SafeFileName(url)
	}
	if base == "" {
		base = "file" + extensionFor(mediaType)
	}
	rel := path.Join(FilesDir, sum[:2], sum+"-"+base)
	final := filepath.Join(s.dir, filepath.FromSlash(rel))
	f := StoredFile{Path: rel, SHA256: sum, Size: n, MediaType: cleanMediaType(mediaType, base)}
	if fi, err := os.Stat(final); err == nil && fi.Size() == n {
		s.remember(url, f) // the same bytes under the same name: stored before
		return f, nil
	}
	if err := tmp.Sync(); err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return StoredFile{}, fmt.Errorf("storing %s: %w", url, err)
	}
	s.remember(url, f)
	return f, nil
}

func (s *FileStore) remember(url string, f StoredFile) {
	s.mu.Lock()
	s.byURL[url] = f
	s.mu.Unlock()
}

// Fill makes sure the file of asset a is in the store, fetching it from
// src when nothing stored it yet (src may be nil), and records in a its
// export path (a.File), SHA-256, size and media type. It returns an error
// naming the reason when the file could not be had; a is unchanged then.
func (s *FileStore) Fill(ctx context.Context, a *umzug.Asset, src FileSource) error {
	f, ok := s.Lookup(a.URL)
	if !ok {
		if src == nil {
			return errors.New("not fetched (no file source)")
		}
		rc, mt, err := src.OpenFile(ctx, a.URL)
		if err != nil {
			return err
		}
		name := a.FileName
		if name == "" {
			name = a.URL
		}
		f, err = s.Put(a.URL, name, mt, rc)
		_ = rc.Close()
		if err != nil {
			return err
		}
	}
	a.File = f.Path
	a.SHA256 = f.SHA256
	a.Size = f.Size
	if f.MediaType != "" {
		a.MimeType = f.MediaType
	}
	return nil
}

// Prune removes every stored file that keep does not list (paths as in
// StoredFile.Path), and the temporary files of an interrupted run: files
// a crawl delivered that no asset refers to.
func (s *FileStore) Prune(keep map[string]bool) (int, error) {
	root := filepath.Join(s.dir, FilesDir)
	removed := 0
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(s.dir, p)
		if err != nil {
			return err
		}
		if keep[filepath.ToSlash(rel)] {
			return nil
		}
		if err := os.Remove(p); err != nil {
			return err
		}
		removed++
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("pruning %s: %w", root, err)
	}
	// Empty fan-out directories go too.
	if ents, err := os.ReadDir(root); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				_ = os.Remove(filepath.Join(root, e.Name())) // fails when not empty
			}
		}
	}
	return removed, nil
}

// SafeFileName turns a file name or URL into a base name that is safe on
// every file system and in a URL: the last path segment (slashes and
// backslashes both separate), query and fragment dropped, NFC, letters,
// digits, '.', '-' and '_' kept, other runs of characters become one '-',
// no leading dots (no hidden files, no "." or ".."), at most 100 bytes
// with the extension kept. It returns "" when nothing usable is left.
func SafeFileName(name string) string {
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.TrimRight(name, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if strings.Contains(name, "%") {
		if u, err := pathUnescape(name); err == nil {
			name = u
		}
		name = strings.ReplaceAll(name, `\`, "-")
		name = strings.ReplaceAll(name, "/", "-")
	}
	name = norm.NFC.String(name)
	var sb strings.Builder
	dash := false
	for _, r := range name {
		last := byte('-')
		if sb.Len() > 0 {
			last = sb.String()[sb.Len()-1]
		}
		if r == '.' && (last == '-' || last == '.') {
			r = '-' // no "..", no dot after a dash or at the start
		}
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_') {
			sb.WriteRune(r)
			dash = false
			continue
		}
		if t, found := translit[r]; found {
			sb.WriteString(t)
			dash = false
			continue
		}
		if !dash {
			sb.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(sb.String(), "-.")
	if len(out) > 100 {
		ext := path.Ext(out)
		if len(ext) > 12 {
			ext = ""
		}
		out = strings.TrimRight(out[:100-len(ext)], "-.") + ext
	}
	return out
}

var translit = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue", 'ß': "ss",
	'é': "e", 'è': "e", 'ê': "e", 'á': "a", 'à': "a", 'â': "a", 'ó': "o", 'ò': "o", 'ô': "o",
	'í': "i", 'ì': "i", 'î': "i", 'ú': "u", 'ù': "u", 'û': "u", 'ç': "c", 'ñ': "n",
}

func pathUnescape(s string) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) {
				return "", errors.New("bad escape")
			}
			var b byte
			for _, c := range []byte(s[i+1 : i+3]) {
				b <<= 4
				switch {
				case c >= '0' && c <= '9':
					b |= c - '0'
				case c >= 'a' && c <= 'f':
					b |= c - 'a' + 10
				case c >= 'A' && c <= 'F':
					b |= c - 'A' + 10
				default:
					return "", errors.New("bad escape")
				}
			}
			sb.WriteByte(b)
			i += 2
			continue
		}
		sb.WriteByte(s[i])
	}
	return sb.String(), nil
}

// cleanMediaType returns the media type without parameters; when the
// server gave none (or a generic one) it is guessed from the extension.
func cleanMediaType(mt, name string) string {
	if m, _, err := mime.ParseMediaType(mt); err == nil {
		mt = m
	} else {
		mt = ""
	}
	if mt == "" || mt == "application/octet-stream" {
		if g := mime.TypeByExtension(strings.ToLower(path.Ext(name))); g != "" {
			if m, _, err := mime.ParseMediaType(g); err == nil {
				return m
			}
		}
	}
	return mt
}

func extensionFor(mt string) string {
	if exts, err := mime.ExtensionsByType(mt); err == nil && len(exts) > 0 {
		return exts[0]
	}
	return ""
}

// RuleMissingFile is the finding of an asset whose file could not be put
// into the export (gone on the old site, disallowed, too large, …).
const RuleMissingFile = "missing-file"

// MissingFileFinding is the finding for asset a whose file could not be
// had, for the reason given.
func MissingFileFinding(a *umzug.Asset, reason error) umzug.Finding {
	f := umzug.Finding{
		Rule: RuleMissingFile, Severity: umzug.SeverityWarning, URL: a.URL,
		Message:  fmt.Sprintf("the %s is not in the export: %v", kindOr(a.Kind, "file"), reason),
		Evidence: a.FileName,
	}
	// What is missing is the file at the URL, whatever the reason and
	// the name.
	f.Fingerprint = umzug.FindingFingerprint(f, a.URL)
	return f
}

func kindOr(k, def string) string {
	if k == "" {
		return def
	}
	return k
}

// fillWorkers is how many files WriteAssetFiles fetches at a time; the
// source limits each host further.
const fillWorkers = 8

// WriteAssetFiles writes assets.ndjson from the spooled asset records, in
// id order, after putting every asset's file into the export (Fill, with
// src for what the crawl did not deliver). An asset whose file cannot be
// had is written without it and reported to missing. Files in the store
// that no asset refers to are removed at the end.
func WriteAssetFiles(ctx context.Context, exp *Exporter, assets *Spool, store *FileStore, src FileSource, missing func(*umzug.Asset, error)) error {
	w, err := exp.Create("assets.ndjson", "asset")
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	ords := assets.Sorted()
	files := 0
	for start := 0; start < len(ords); start += 64 {
		chunk := ords[start:min(start+64, len(ords))]
		recs := make([]umzug.Asset, len(chunk))
		errs := make([]error, len(chunk))
		for i, ord := range chunk {
			if err := assets.Read(ord, &recs[i]); err != nil {
				w.Abort()
				return err
			}
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, fillWorkers)
		for i := range recs {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				errs[i] = store.Fill(ctx, &recs[i], src)
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			w.Abort()
			return err
		}
		for i := range recs {
			if errs[i] != nil {
				missing(&recs[i], errs[i])
			} else {
				keep[recs[i].File] = true
				files++
			}
			if err := w.Write(&recs[i]); err != nil {
				w.Abort()
				return fmt.Errorf("asset %s: %w", recs[i].URL, err)
			}
		}
	}
	if err := w.Commit(); err != nil {
		return err
	}
	exp.Count("files", files)
	if _, err := store.Prune(keep); err != nil {
		return err
	}
	return nil
}

// CopyFiles puts the files of the export in src into the export in dst,
// so that the file fields of asset records copied from src stay true:
// hard links where the file system allows, else copies (written to a
// temporary file and renamed). A name dst already holds with the same size
// is kept: names are content-addressed. It returns the number of files.
func CopyFiles(src, dst string) (int, error) {
	root := filepath.Join(src, FilesDir)
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	n := 0
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(e.Name(), ".tmp-") {
			return nil
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if st, err := os.Stat(to); err == nil && st.Size() == fi.Size() {
			n++
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if os.Link(p, to) != nil {
			if err := copyFile(p, to); err != nil {
				return err
			}
		}
		n++
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("copying the files of %s: %w", src, err)
	}
	return n, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(to), ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	if _, err := io.Copy(tmp, in); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), to)
}
