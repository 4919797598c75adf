// Package testkit holds what tests of several packages share: where the
// real third-party pages are (they are read, never copied into the
// repository) and a reader of NDJSON files. It is for tests only.
package testkit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/umzug/umzug/fixtures"
)

// repoRoot is the repository's root, found from this file's place in it
// (tests run in their package's directory, at any depth).
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// CorpusDir is the directory of the real-page corpus: $UMZUG_CORPUS, or
// ../shared/corpus/real beside the repository.
func CorpusDir() string {
	if d := os.Getenv("UMZUG_CORPUS"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), "..", "shared", "corpus", "real")
}

// EvalDir is the directory of the evaluation pages and their gold
// segments: $UMZUG_EVAL, or ../shared/eval/trafilatura-de-dev beside the
// repository.
func EvalDir() string {
	if d := os.Getenv("UMZUG_EVAL"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), "..", "shared", "eval", "trafilatura-de-dev")
}

// RealPageDirs are the directories of real pages that exist: the corpus
// and the evaluation pages.
func RealPageDirs() []string {
	var out []string
	for _, d := range []string{CorpusDir(), filepath.Join(EvalDir(), "pages")} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, d)
		}
	}
	return out
}

// EachRealPage calls fn with the path and bytes of every page of the
// real-page directories (RealPageDirs), failing the test when one cannot
// be read.
func EachRealPage(t testing.TB, fn func(path string, body []byte)) {
	t.Helper()
	for _, dir := range RealPageDirs() {
		files, err := filepath.Glob(filepath.Join(dir, "*.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			fn(f, body)
		}
	}
}

// ReadNDJSON reads a file of one JSON value per line into values of T,
// failing the test on any error.
func ReadNDJSON[T any](t testing.TB, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []T
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(l, &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}

// MinistryPages is the fixture author's list of the ministry site's
// pages with their expected extraction, failing the test when it cannot
// be read.
func MinistryPages(t testing.TB) []fixtures.PageTruth {
	t.Helper()
	pages, err := fixtures.MinistryPages()
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// EncodingJSON is what encoding/json's Encoder writes for v, with or
// without HTML escaping, without its newline: the bytes the export's own
// encoders (internal/docjson) must write.
func EncodingJSON(t testing.TB, v any, escapeHTML bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
