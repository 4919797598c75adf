package transform

import (
	"reflect"

	"github.com/umzug/umzug"
)

// cloneDocument returns a deep copy of d: no slice, map or pointer of the
// copy is shared with d, so Normalize can rewrite the copy in place and
// the caller's document stays as it was. Unexported struct fields (the
// location of a time.Time) are copied as they are: they are immutable.
func cloneDocument(d umzug.Document) umzug.Document {
	var out umzug.Document
	deepCopy(reflect.ValueOf(&out).Elem(), reflect.ValueOf(d))
	return out
}

func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		deepCopy(v, src.Elem())
		dst.Set(v)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(it.Value().Type()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Struct:
		dst.Set(src) // unexported fields as they are
		t := src.Type()
		for i := 0; i < src.NumField(); i++ {
			if t.Field(i).IsExported() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// safeFileNames reduces every FileName of d (download items, press
// release attachments, assets) to a safe base name (umzug.SafeFileName).
func safeFileNames(d *umzug.Document) {
	walkFileNames(reflect.ValueOf(d).Elem())
}

func walkFileNames(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkFileNames(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			sf := t.Field(i)
			switch {
			case !sf.IsExported() || sf.Name == "Provenance":
			case sf.Name == "FileName" && sf.Type.Kind() == reflect.String:
				if f := v.Field(i); f.CanSet() && f.String() != "" {
					f.SetString(umzug.SafeFileName(f.String()))
				}
			default:
				walkFileNames(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String || v.Type() == portableTextType {
			return
		}
		for i := 0; i < v.Len(); i++ {
			walkFileNames(v.Index(i))
		}
	}
}
