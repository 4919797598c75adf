package load

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestFailureReasonsDocumented: every Reason* constant of the root package
// (the values of Failure.reason) is explained in the schema's description,
// so a reason added to a stage cannot reach failures.ndjson undocumented.
func TestFailureReasonsDocumented(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../failure.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, d := range failureReasonDocs {
		documented[d.reason] = true
	}
	found := 0
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			if !strings.HasPrefix(name.Name, "Reason") || i >= len(vs.Values) {
				continue
			}
			lit, ok := vs.Values[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			v, _ := strconv.Unquote(lit.Value)
			found++
			if !documented[v] {
				t.Errorf("umzug.%s = %q is not in failureReasonDocs (load/schemadoc.go)", name.Name, v)
			}
		}
		return true
	})
	if found == 0 {
		t.Fatal("no Reason* constants found in failure.go")
	}
}
