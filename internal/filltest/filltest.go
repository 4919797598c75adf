// Package filltest fills values of the domain types for tests of code
// that must handle every field: each exported field is set, through
// reflection, to a value no other field has. It is for tests only.
package filltest

import (
	"reflect"
	"strconv"
)

// Fill sets every exported field reachable from v (a pointer): strings to
// distinct values ("s1", "s2", …), numbers to distinct numbers, bools to
// true, pointers to new values, slices to n elements (n = 0 gives empty,
// non-nil slices) and maps to one entry.
func Fill(v any, n int) {
	c := 0
	fill(reflect.ValueOf(v).Elem(), n, &c)
}

func fill(v reflect.Value, n int, c *int) {
	*c++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strconv.Itoa(*c))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*c))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*c))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*c))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n, c)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), n, c)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		e := reflect.New(v.Type().Elem()).Elem()
		fill(k, n, c)
		fill(e, n, c)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				fill(v.Field(i), n, c)
			}
		}
	}
}

// Strings calls f for every settable string reachable from v (a
// pointer), with the path of Go field names that leads to it ("Blocks.
// Teaser.Items.Link.Href") and its JSON name. Fields named in skip (by Go
// field name, anywhere) are not entered.
func Strings(v any, skip map[string]bool, f func(s *string, path, jsonName string)) {
	strs(reflect.ValueOf(v), "", "", skip, f)
}

func strs(v reflect.Value, path, jsonName string, skip map[string]bool, f func(*string, string, string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			strs(v.Elem(), path, jsonName, skip, f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			strs(v.Index(i), path, jsonName, skip, f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() || skip[sf.Name] {
				continue
			}
			p := sf.Name
			if path != "" {
				p = path + "." + sf.Name
			}
			name := sf.Tag.Get("json")
			if j := indexByte(name, ','); j >= 0 {
				name = name[:j]
			}
			strs(v.Field(i), p, name, skip, f)
		}
	case reflect.String:
		if v.CanAddr() && v.Type() == reflect.TypeFor[string]() { // not enumerations such as BlockType
			f(v.Addr().Interface().(*string), path, jsonName)
		}
	}
}

func indexByte(s string, b byte) int {
	for i := range len(s) {
		if s[i] == b {
			return i
		}
	}
	return -1
}
