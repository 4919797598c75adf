package load

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestDropReasonsDocumented: every Drop* constant of the root package (the
// values of Dropped.reason) is explained in the schema's description, so a
// reason added to extraction cannot reach the export undocumented.
func TestDropReasonsDocumented(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../document.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, d := range dropReasonDocs {
		documented[d.reason] = true
	}
	found := 0
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			if !strings.HasPrefix(name.Name, "Drop") || i >= len(vs.Values) {
				continue
			}
			lit, ok := vs.Values[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			v, _ := strconv.Unquote(lit.Value)
			found++
			if !documented[v] {
				t.Errorf("umzug.%s = %q is not in dropReasonDocs (load/schemadoc.go)", name.Name, v)
			}
		}
		return true
	})
	if found == 0 {
		t.Fatal("no Drop* constants found in document.go")
	}
	if found != len(dropReasonDocs) {
		t.Errorf("document.go has %d Drop* constants, dropReasonDocs %d", found, len(dropReasonDocs))
	}
}
