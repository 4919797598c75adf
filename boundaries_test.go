package umzug_test

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const modulePath = "github.com/umzug/umzug"

// stages are the pipeline packages that may import the root package (and
// small internal helpers) but never each other, cmd or fixtures.
var stages = []string{"extract", "transform", "load", "audit"}

// forbiddenForStages are the module's top-level packages a stage must not
// import: the other stages, the pipeline that strings them together, the
// command line and the fixture sites.
var forbiddenForStages = append(append([]string{}, stages...), "pipeline", "cmd", "fixtures")

// forbiddenForPipeline: the pipeline imports the stages and the root
// package, never the command line or the fixture sites.
var forbiddenForPipeline = []string{"cmd", "fixtures"}

// extractAllowed says, inside extract, which of its packages each may
// import: the base package (URLs, charsets, failure reasons) none of its
// sub-packages; the archive neither the crawl nor the HTML extraction; the
// crawl writes into an archive through its Store interface, in the
// archive's types; HTML extraction knows neither crawl nor archive.
var extractAllowed = map[string][]string{
	"extract":         {},
	"extract/archive": {"extract"},
	"extract/crawl":   {"extract", "extract/archive"},
	"extract/html":    {"extract"},
}

// extractViolation reports whether a file of the extract package pkg (as
// "extract/crawl") may not import imp.
func extractViolation(pkg, imp string) bool {
	rest, ok := strings.CutPrefix(imp, modulePath+"/")
	if !ok || rest != "extract" && !strings.HasPrefix(rest, "extract/") {
		return false
	}
	if rest == pkg || strings.HasPrefix(rest, pkg+"/internal/") {
		return false
	}
	return !slices.Contains(extractAllowed[pkg], rest)
}

// packageImports returns, for every non-test .go file in dir (and, when
// recursive, in its subdirectories but testdata), the import paths it
// declares. A missing directory yields no files.
func packageImports(t *testing.T, dir string, recursive bool) map[string][]string {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	fset := token.NewFileSet()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := e.Name()
		if e.IsDir() {
			if path == dir {
				return nil
			}
			if !recursive || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return fmt.Errorf("parsing imports: %w", err)
		}
		imps := []string{}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: bad import path %s: %w", path, imp.Path.Value, err)
			}
			imps = append(imps, p)
		}
		out[path] = imps
		return nil
	})
	if err != nil {
		t.Fatalf("scanning %s: %v", dir, err)
	}
	return out
}

// stageViolation reports whether a file of stage may not import imp, and
// which top-level package of the module imp belongs to.
func stageViolation(stage, imp string) (string, bool) {
	rest, ok := strings.CutPrefix(imp, modulePath+"/")
	if !ok {
		return "", false
	}
	top, _, _ := strings.Cut(rest, "/")
	for _, f := range forbiddenForStages {
		if top == f && top != stage {
			return top, true
		}
	}
	return "", false
}

// rootViolation reports whether the root package may not import imp: it
// imports nothing of its own module.
func rootViolation(imp string) bool {
	return imp == modulePath || strings.HasPrefix(imp, modulePath+"/")
}

// TestStageViolation checks the rule itself, so that TestBoundaries cannot
// pass by a rule that never fires.
func TestStageViolation(t *testing.T) {
	tests := []struct {
		stage, imp string
		want       bool
	}{
		{"extract", "github.com/umzug/umzug", false},
		{"extract", "github.com/umzug/umzug/transform", true},
		{"extract", "github.com/umzug/umzug/load", true},
		{"extract", "github.com/umzug/umzug/audit", true},
		{"extract", "github.com/umzug/umzug/cmd", true},
		{"extract", "github.com/umzug/umzug/fixtures", true},
		{"extract", "github.com/umzug/umzug/audit/report", true},
		{"extract", "github.com/umzug/umzug/extract/internal/x", false},
		{"extract", "github.com/umzug/umzug/internal/textutil", false},
		{"transform", "github.com/umzug/umzug/extract", true},
		{"load", "github.com/umzug/umzug/transform", true},
		{"audit", "github.com/umzug/umzug/extract", true},
		{"audit", "github.com/umzug/umzug/cmd/umzug", true},
		{"load", "github.com/umzug/umzugextra/transform", false},
		{"load", "encoding/json", false},
		{"transform", "github.com/google/uuid", false},
	}
	for _, tt := range tests {
		if _, got := stageViolation(tt.stage, tt.imp); got != tt.want {
			t.Errorf("stageViolation(%q, %q) = %v; want %v", tt.stage, tt.imp, got, tt.want)
		}
	}
	extractTests := []struct {
		pkg, imp string
		want     bool
	}{
		{"extract/crawl", "github.com/umzug/umzug/extract/archive", false},
		{"extract/crawl", "github.com/umzug/umzug/extract", false},
		{"extract/crawl", "github.com/umzug/umzug/extract/html", true},
		{"extract/archive", "github.com/umzug/umzug/extract/crawl", true},
		{"extract/html", "github.com/umzug/umzug/extract/archive", true},
		{"extract", "github.com/umzug/umzug/extract/html", true},
		{"extract/html", "github.com/umzug/umzug/extract/html/internal/x", false},
		{"extract/html", "github.com/umzug/umzug", false},
		{"extract/html", "golang.org/x/net/html", false},
	}
	for _, tt := range extractTests {
		if got := extractViolation(tt.pkg, tt.imp); got != tt.want {
			t.Errorf("extractViolation(%q, %q) = %v; want %v", tt.pkg, tt.imp, got, tt.want)
		}
	}
	rootTests := []struct {
		imp  string
		want bool
	}{
		{"github.com/umzug/umzug", true},
		{"github.com/umzug/umzug/extract", true},
		{"github.com/umzug/umzug/internal/x", true},
		{"github.com/umzug/umzugx", false},
		{"errors", false},
	}
	for _, tt := range rootTests {
		if got := rootViolation(tt.imp); got != tt.want {
			t.Errorf("rootViolation(%q) = %v; want %v", tt.imp, got, tt.want)
		}
	}
}

// TestBoundaries keeps the layering of the README's Layout section true: stages
// import the root package, never each other, the pipeline, cmd or
// fixtures; extract's packages import each other only downwards; the
// pipeline imports stages, never cmd or fixtures; the root package
// imports nothing of this module.
func TestBoundaries(t *testing.T) {
	checked := 0
	for _, stage := range stages {
		files := packageImports(t, stage, true)
		var paths []string
		for p := range files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			checked++
			for _, imp := range files[p] {
				if top, bad := stageViolation(stage, imp); bad {
					t.Errorf("%s imports %q: stage %s must not import %s", p, imp, stage, top)
				}
			}
		}
	}
	// The pipeline's stages exist today; a test that checks no file at
	// all would pass silently after a rename.
	if checked == 0 {
		t.Fatalf("no .go files found in %v; is the test run from the module root?", stages)
	}

	for pkg := range extractAllowed {
		files := packageImports(t, filepath.FromSlash(pkg), false)
		if len(files) == 0 {
			t.Errorf("no .go files in %s: update extractAllowed to the layout", pkg)
		}
		for p, imps := range files {
			for _, imp := range imps {
				if extractViolation(pkg, imp) {
					t.Errorf("%s imports %q: %s may import only %v of extract", p, imp, pkg, extractAllowed[pkg])
				}
			}
		}
	}
	pipe := packageImports(t, "pipeline", true)
	if len(pipe) == 0 {
		t.Error("no .go files in pipeline")
	}
	for p, imps := range pipe {
		for _, imp := range imps {
			rest, _ := strings.CutPrefix(imp, modulePath+"/")
			top, _, _ := strings.Cut(rest, "/")
			if strings.HasPrefix(imp, modulePath+"/") && slices.Contains(forbiddenForPipeline, top) {
				t.Errorf("%s imports %q: the pipeline must not import %s", p, imp, top)
			}
		}
	}

	root := packageImports(t, ".", false)
	if len(root) == 0 {
		t.Fatal("no .go files found in the root package")
	}
	for p, imps := range root {
		for _, imp := range imps {
			if rootViolation(imp) {
				t.Errorf("%s imports %q: the root package must import nothing of %s", p, imp, modulePath)
			}
		}
	}
}

// TestBoundariesDetectsViolation runs the import scan on a throwaway stage
// package with a forbidden import, so a broken scanner (wrong suffix
// filter, ignored files) is caught.
func TestBoundariesDetectsViolation(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.go", "package load\n\nimport (\n\t\"fmt\"\n\tx \"github.com/umzug/umzug/extract\"\n)\n")
	write("ok.go", "package load\n\nimport \"github.com/umzug/umzug\"\n")
	write("own.go", "package load\n\nimport \"github.com/umzug/umzug/load/internal/csv\"\n")
	write("bad_test.go", "package load\n\nimport \"github.com/umzug/umzug/fixtures\"\n")
	write("internal/csv/deep.go", "package csv\n\nimport \"github.com/umzug/umzug/cmd\"\n")
	write("testdata/gen.go", "package gen\n\nimport \"github.com/umzug/umzug/transform\"\n")

	files := packageImports(t, dir, true)
	if len(files) != 4 {
		t.Fatalf("packageImports(%s) found %d files %v; want 4 (tests and testdata skipped)", dir, len(files), files)
	}
	var violations []string
	for p, imps := range files {
		for _, imp := range imps {
			if _, bad := stageViolation("load", imp); bad {
				rel, _ := filepath.Rel(dir, p)
				violations = append(violations, filepath.ToSlash(rel)+" "+imp)
			}
		}
	}
	sort.Strings(violations)
	want := []string{"bad.go github.com/umzug/umzug/extract", "internal/csv/deep.go github.com/umzug/umzug/cmd"}
	if !slices.Equal(violations, want) {
		t.Errorf("violations = %q; want %q", violations, want)
	}
	if got := packageImports(t, filepath.Join(dir, "missing"), true); got != nil {
		t.Errorf("packageImports(missing dir) = %v; want nil", got)
	}
}
