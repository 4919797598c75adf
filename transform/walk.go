package transform

import (
	"reflect"

	"github.com/umzug/umzug"
)

// urlFields are the names of string fields that hold URLs in the domain
// types; every other string field holds text.
var urlFields = map[string]bool{
	"URL": true, "Href": true, "Src": true, "Link": true, "Action": true,
	"SourceURL": true, "FinalURL": true, "AliasURLs": true, "Original": true,
}

// skipFields hold identifiers, codes and hashes that are neither text nor
// URLs to rewrite.
var skipFields = map[string]bool{
	"ID": true, "Key": true, "Type": true, "Kind": true, "Style": true, "ListItem": true,
	"ContentHash": true, "RawSHA256": true, "Code": true, "BlockKey": true, "Selector": true,
	"CSSClasses": true, "CType": true, "Document": true, "Snippet": true, "Marks": true,
	"Provenance": true, "Layout": true, "Variant": true, "Position": true, "Section": true,
	"Target": true, "Provider": true, "Format": true, "Method": true, "MimeType": true,
}

// walkStrings calls f for every string in v (a pointer) that is text or a
// URL, telling which. Provenance is left alone: it records the old site
// as fetched.
func walkStrings(v any, f func(s *string, isURL bool)) {
	walkValue(reflect.ValueOf(v), false, f)
}

func walkValue(v reflect.Value, isURL bool, f func(*string, bool)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkValue(v.Elem(), isURL, f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() || skipFields[sf.Name] {
				continue
			}
			walkValue(v.Field(i), urlFields[sf.Name], f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkValue(v.Index(i), isURL, f)
		}
	case reflect.String:
		if v.CanSet() {
			s := v.String()
			f(&s, isURL)
			v.SetString(s)
		}
	}
}

func mapURLs(d *umzug.Document, m func(string) string) {
	walkStrings(d, func(s *string, isURL bool) {
		if isURL {
			*s = m(*s)
		}
	})
}

func mapTexts(d *umzug.Document, m func(string) string) {
	walkStrings(d, func(s *string, isURL bool) {
		if !isURL {
			*s = m(*s)
		}
	})
}

func visitBlockStrings(b *umzug.Block, f func(s *string, isURL bool)) {
	walkStrings(b, f)
}
