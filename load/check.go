package load

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/umzug/umzug"
)

// typedCheck checks a Go record against the JSON Schema of its kind
// without encoding it: the same constraints, read from the generated
// schema once and bound to the Go type's fields (required properties
// present and not null, enumerations and constants, patterns, a block's
// one payload named like its type). A run checks every record this way;
// the schema validator itself checks the first records of every file and
// every record in tests (ValidateExport), and a test proves both agree.
//
// It knows the schema keywords the generator uses. A schema with any
// other keyword, or a property without a Go field (or the reverse), makes
// newTypedCheck fail, so the checks cannot fall behind the schema
// silently: NewExporter and the tests would fail first.
type typedCheck struct {
	t    reflect.Type
	root checkFunc
}

// checkFunc checks v and appends what is wrong with it to st, each under
// its JSON Pointer path.
type checkFunc func(v reflect.Value, st *checkState)

// checkState is what one check of a record carries down: the errors
// found and the path to the value checked, as segments (the path is
// joined only for an error, not for every value).
type checkState struct {
	errs []string
	path []string
}

// maxCheckErrors bounds the errors reported for one record.
const maxCheckErrors = 4

func newTypedCheck(schema []byte, t reflect.Type) (*typedCheck, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return nil, fmt.Errorf("typed check of %s: reading schema: %w", t, err)
	}
	defs, _ := root["$defs"].(map[string]any)
	c := &checkCompiler{defs: defs, done: map[checkKey]*checkFunc{}}
	f, err := c.compile(t, root, "")
	if err != nil {
		return nil, fmt.Errorf("typed check of %s: %w", t, err)
	}
	return &typedCheck{t: t, root: f}, nil
}

// accepts says whether v is a value or pointer of the checker's type.
func (tc *typedCheck) accepts(v any) bool {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t == tc.t
}

// check returns the constraints v (a value or pointer of the checker's
// type) breaks, as one error wrapping umzug.ErrInvalid, or nil.
func (tc *typedCheck) check(v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return fmt.Errorf("%w: schema: record is null", umzug.ErrInvalid)
		}
		rv = rv.Elem()
	}
	if rv.Type() != tc.t {
		return fmt.Errorf("typed check: %s given, want %s", rv.Type(), tc.t)
	}
	var st checkState
	tc.root(rv, &st)
	errs := st.errs
	if len(errs) == 0 {
		return nil
	}
	if len(errs) > maxCheckErrors {
		errs = append(errs[:maxCheckErrors], "…")
	}
	return fmt.Errorf("%w: schema: %s", umzug.ErrInvalid, strings.Join(errs, "; "))
}

type checkKey struct {
	t   reflect.Type
	def string
}

type checkCompiler struct {
	defs map[string]any
	done map[checkKey]*checkFunc // by type and definition: recursive types
}

// annotations are keywords that do not constrain a value.
var annotations = map[string]bool{"description": true, "examples": true, "title": true, "$id": true, "$schema": true, "$defs": true}

func addErr(st *checkState, format string, args ...any) {
	if len(st.errs) > maxCheckErrors {
		return
	}
	path := "/" + strings.Join(st.path, "/")
	st.errs = append(st.errs, path+": "+fmt.Sprintf(format, args...))
}

func (c *checkCompiler) compile(t reflect.Type, s map[string]any, def string) (checkFunc, error) {
	if ref, ok := s["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		d, found := c.defs[name].(map[string]any)
		if !ok || !found {
			return nil, fmt.Errorf("unresolved $ref %q", ref)
		}
		for k := range s {
			if k != "$ref" && !annotations[k] {
				return nil, fmt.Errorf("keyword %q next to $ref %q", k, ref)
			}
		}
		key := checkKey{t, name}
		if f, ok := c.done[key]; ok {
			return func(v reflect.Value, st *checkState) { (*f)(v, st) }, nil
		}
		f := new(checkFunc)
		c.done[key] = f
		g, err := c.compile(t, d, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		*f = g
		return g, nil
	}
	if t.Kind() == reflect.Pointer {
		elem, err := c.compile(t.Elem(), s, def)
		if err != nil {
			return nil, err
		}
		return func(v reflect.Value, st *checkState) {
			if v.IsNil() {
				addErr(st, "null, want %v", s["type"])
				return
			}
			elem(v.Elem(), st)
		}, nil
	}
	typ, _ := s["type"].(string)
	switch typ {
	case "string":
		return c.compileString(t, s)
	case "integer", "boolean", "number":
		want := map[string][]reflect.Kind{
			"integer": {reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64},
			"boolean": {reflect.Bool},
			"number":  {reflect.Float32, reflect.Float64},
		}[typ]
		if !slices.Contains(want, t.Kind()) {
			return nil, fmt.Errorf("schema type %s for Go type %s", typ, t)
		}
		if err := onlyKeywords(s, "type"); err != nil {
			return nil, err
		}
		return func(reflect.Value, *checkState) {}, nil
	case "array":
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return nil, fmt.Errorf("schema type array for Go type %s", t)
		}
		if err := onlyKeywords(s, "type", "items"); err != nil {
			return nil, err
		}
		items, ok := s["items"].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("array of %s without items", t)
		}
		elem, err := c.compile(t.Elem(), items, def)
		if err != nil {
			return nil, err
		}
		elem = notNull(t.Elem(), elem)
		return func(v reflect.Value, st *checkState) {
			for i := range v.Len() {
				st.path = append(st.path, strconv.Itoa(i))
				elem(v.Index(i), st)
				st.path = st.path[:len(st.path)-1]
			}
		}, nil
	case "object":
		if t.Kind() != reflect.Struct {
			return nil, fmt.Errorf("schema type object for Go type %s", t)
		}
		return c.compileStruct(t, s)
	}
	return nil, fmt.Errorf("schema type %q for Go type %s", s["type"], t)
}

// notNull wraps the check of a value that encodes as null when it is a
// nil slice, map or pointer: no property or item of the schemas may be
// null.
func notNull(t reflect.Type, f checkFunc) checkFunc {
	switch t.Kind() {
	case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Interface:
		return func(v reflect.Value, st *checkState) {
			if v.IsNil() {
				addErr(st, "null")
				return
			}
			f(v, st)
		}
	}
	return f
}

func onlyKeywords(s map[string]any, allowed ...string) error {
	for k := range s {
		if !annotations[k] && !slices.Contains(allowed, k) {
			return fmt.Errorf("schema keyword %q is not checked by the typed check", k)
		}
	}
	return nil
}

func (c *checkCompiler) compileString(t reflect.Type, s map[string]any) (checkFunc, error) {
	if t.Kind() != reflect.String {
		return nil, fmt.Errorf("schema type string for Go type %s", t)
	}
	if err := onlyKeywords(s, "type", "enum", "const", "pattern"); err != nil {
		return nil, err
	}
	var allowed []string
	if enum, ok := s["enum"].([]any); ok {
		for _, x := range enum {
			str, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("enum value %v is not a string", x)
			}
			allowed = append(allowed, str)
		}
	}
	if cv, ok := s["const"]; ok {
		str, ok := cv.(string)
		if !ok {
			return nil, fmt.Errorf("const %v is not a string", cv)
		}
		allowed = append(allowed, str)
	}
	var re *regexp.Regexp
	if pat, ok := s["pattern"].(string); ok {
		var err error
		if re, err = regexp.Compile(pat); err != nil {
			return nil, fmt.Errorf("pattern %q: %w", pat, err)
		}
	}
	var match func(string) bool
	if re != nil {
		match = re.MatchString
		if h := handMatcher(re.String()); h != nil {
			match = h
		}
	}
	_, hasEnum := s["enum"]
	_, hasConst := s["const"]
	return func(v reflect.Value, st *checkState) {
		str := v.String()
		if (hasEnum || hasConst) && !slices.Contains(allowed, str) {
			addErr(st, "%q is not one of %s", str, strings.Join(allowed, ", "))
		}
		if re != nil && !match(str) {
			addErr(st, "%q does not match %s", str, re)
		}
	}, nil
}

// handMatcher returns a matcher written by hand for the patterns refine
// puts in the schema (every document's ids and hashes are checked
// against them), nil for another pattern. Each matches what the
// expression matches (TestHandMatchers).
func handMatcher(pattern string) func(string) bool {
	switch pattern {
	case uuidPattern:
		return func(s string) bool { return s == "" || isUUIDv5(s) }
	case requiredUUIDPattern:
		return isUUIDv5
	case contentHashPattern:
		return func(s string) bool {
			return s == "" || len(s) == len("sha256:")+64 && strings.HasPrefix(s, "sha256:") && lowerHex(s[len("sha256:"):])
		}
	}
	return nil
}

// isUUIDv5 reports s as [0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}.
func isUUIDv5(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' || s[14] != '5' || !strings.ContainsRune("89ab", rune(s[19])) {
		return false
	}
	return lowerHex(s[:8]) && lowerHex(s[9:13]) && lowerHex(s[15:18]) && lowerHex(s[19:23]) && lowerHex(s[24:])
}

// lowerHex reports s made of [0-9a-f] only.
func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// jsonField is a field of a struct as encoding/json sees it (fields of
// embedded structs are the struct's own).
type jsonField struct {
	name      string
	omitEmpty bool
	index     []int
	t         reflect.Type
}

func jsonFields(t reflect.Type, index []int) ([]jsonField, error) {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		idx := append(slices.Clone(index), i)
		if f.Anonymous && name == "" {
			if f.Type.Kind() != reflect.Struct {
				return nil, fmt.Errorf("%s: embedded %s is not a struct", t, f.Type)
			}
			inner, err := jsonFields(f.Type, idx)
			if err != nil {
				return nil, err
			}
			out = append(out, inner...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		o := strings.Split(opts, ",")
		if slices.Contains(o, "omitzero") || slices.Contains(o, "string") || slices.Contains(o, "inline") {
			return nil, fmt.Errorf("%s.%s: json option %q is not known to the typed check", t, f.Name, opts)
		}
		out = append(out, jsonField{name: name, omitEmpty: slices.Contains(o, "omitempty"), index: idx, t: f.Type})
	}
	return out, nil
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func (c *checkCompiler) compileStruct(t reflect.Type, s map[string]any) (checkFunc, error) {
	if err := onlyKeywords(s, "type", "properties", "required", "additionalProperties", "oneOf", "allOf"); err != nil {
		return nil, err
	}
	if ap, ok := s["additionalProperties"]; ok && ap != false {
		return nil, fmt.Errorf("%s: additionalProperties %v is not checked by the typed check", t, ap)
	}
	fields, err := jsonFields(t, nil)
	if err != nil {
		return nil, err
	}
	props, _ := s["properties"].(map[string]any)
	byName := map[string]int{}
	for i, f := range fields {
		if _, ok := props[f.name]; !ok {
			return nil, fmt.Errorf("%s: field %q has no property in the schema", t, f.name)
		}
		byName[f.name] = i
	}
	for name := range props {
		if _, ok := byName[name]; !ok {
			return nil, fmt.Errorf("%s: property %q has no Go field", t, name)
		}
	}
	required := map[string]bool{}
	if req, ok := s["required"].([]any); ok {
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := byName[name]; !ok {
				return nil, fmt.Errorf("%s: required property %q has no Go field", t, r)
			}
			required[name] = true
		}
	}
	type fieldCheck struct {
		jsonField
		required bool
		check    checkFunc
	}
	checks := make([]fieldCheck, len(fields))
	for i, f := range fields {
		ps, ok := props[f.name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: property %q is not a schema object", t, f.name)
		}
		fc, err := c.compile(f.t, ps, "")
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.name, err)
		}
		checks[i] = fieldCheck{f, required[f.name], notNull(f.t, fc)}
	}
	// present reports the field fields[i] of v present, as encoding/json
	// writes it; the fields of oneOf and allOf are looked up by name once,
	// here, not for every record.
	present := func(v reflect.Value, i int) (reflect.Value, bool) {
		f := &fields[i]
		fv := v.FieldByIndex(f.index)
		return fv, !(f.omitEmpty && isEmpty(fv))
	}
	// oneOf: each alternative requires one property; exactly one present.
	var oneOf []string
	var oneOfFields []int
	if alts, ok := s["oneOf"].([]any); ok {
		for _, a := range alts {
			name, err := requiredOnly(a, byName)
			if err != nil {
				return nil, fmt.Errorf("%s: oneOf: %w", t, err)
			}
			oneOf = append(oneOf, name)
			oneOfFields = append(oneOfFields, byName[name])
		}
	}
	// allOf: each entry says "if property P is X, then property R is
	// present".
	type cond struct {
		prop, value, then    string
		propField, thenField int
	}
	var allOf []cond
	if all, ok := s["allOf"].([]any); ok {
		for _, a := range all {
			cd, err := ifConstThenRequired(a, byName)
			if err != nil {
				return nil, fmt.Errorf("%s: allOf: %w", t, err)
			}
			if k := fields[byName[cd[0]]].t.Kind(); k != reflect.String {
				return nil, fmt.Errorf("%s: allOf: if on %q, a %s, not a string", t, cd[0], k)
			}
			allOf = append(allOf, cond{cd[0], cd[1], cd[2], byName[cd[0]], byName[cd[2]]})
		}
	}
	return func(v reflect.Value, st *checkState) {
		for i := range checks {
			fc := &checks[i]
			fv := v.FieldByIndex(fc.index)
			if fc.omitEmpty && isEmpty(fv) {
				if fc.required {
					addErr(st, "missing property %q", fc.name)
				}
				continue
			}
			st.path = append(st.path, fc.name)
			fc.check(fv, st)
			st.path = st.path[:len(st.path)-1]
		}
		if oneOf != nil {
			set := 0
			for _, i := range oneOfFields {
				if _, ok := present(v, i); ok {
					set++
				}
			}
			if set != 1 {
				addErr(st, "%d of the properties %s present, want exactly one", set, strings.Join(oneOf, ", "))
			}
		}
		for _, cd := range allOf {
			pv, ok := present(v, cd.propField)
			if ok && pv.String() != cd.value {
				continue
			}
			if _, ok := present(v, cd.thenField); !ok {
				addErr(st, "property %q is missing (%s is %q)", cd.then, cd.prop, cd.value)
			}
		}
	}, nil
}

// requiredOnly reads {"required": [name]}.
func requiredOnly(a any, fields map[string]int) (string, error) {
	m, ok := a.(map[string]any)
	if !ok || len(m) != 1 {
		return "", fmt.Errorf("%v: want {required: [name]}", a)
	}
	req, ok := m["required"].([]any)
	if !ok || len(req) != 1 {
		return "", fmt.Errorf("%v: want {required: [name]}", a)
	}
	name, _ := req[0].(string)
	if _, ok := fields[name]; !ok {
		return "", fmt.Errorf("required %q has no Go field", req[0])
	}
	return name, nil
}

// ifConstThenRequired reads {"if": {"properties": {P: {"const": X}}},
// "then": {"required": [R]}} as [P, X, R].
func ifConstThenRequired(a any, fields map[string]int) ([3]string, error) {
	var out [3]string
	bad := fmt.Errorf("%v: want {if: {properties: {P: {const: X}}}, then: {required: [R]}}", a)
	m, ok := a.(map[string]any)
	if !ok || len(m) != 2 {
		return out, bad
	}
	ifs, ok := m["if"].(map[string]any)
	if !ok || len(ifs) != 1 {
		return out, bad
	}
	props, ok := ifs["properties"].(map[string]any)
	if !ok || len(props) != 1 {
		return out, bad
	}
	for p, ps := range props {
		pm, ok := ps.(map[string]any)
		cv, isStr := pm["const"].(string)
		if !ok || len(pm) != 1 || !isStr {
			return out, bad
		}
		if _, ok := fields[p]; !ok {
			return out, fmt.Errorf("if: property %q has no Go field", p)
		}
		out[0], out[1] = p, cv
	}
	name, err := requiredOnly(m["then"], fields)
	if err != nil {
		return out, fmt.Errorf("then: %w", err)
	}
	out[2] = name
	return out, nil
}
