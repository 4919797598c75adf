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
	"Path": true, "Asset": true,
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

var portableTextType = reflect.TypeFor[umzug.PortableText]()

// walkPortableText calls f for every Portable Text value in v (a pointer).
func walkPortableText(v any, f func(pt *umzug.PortableText)) {
	walkPT(reflect.ValueOf(v), f)
}

func walkPT(v reflect.Value, f func(*umzug.PortableText)) {
	if v.Type() == portableTextType {
		if v.CanAddr() {
			f(v.Addr().Interface().(*umzug.PortableText))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkPT(v.Elem(), f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() && t.Field(i).Name != "Provenance" {
				walkPT(v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkPT(v.Index(i), f)
		}
	}
}

// minRepeatedParagraph is the length in bytes from which a paragraph that
// repeats the one right before it is taken for a copy-and-paste slip;
// shorter ones ("–", "Ja") may repeat on purpose.
const minRepeatedParagraph = 40

// dropRepeatedParagraphs removes a paragraph that repeats the paragraph
// right before it in the same rich text (same style, list item and text),
// and returns how many it removed.
func dropRepeatedParagraphs(d *umzug.Document) int {
	n := 0
	walkPortableText(d, func(pt *umzug.PortableText) {
		if len(*pt) < 2 {
			return
		}
		kept := (*pt)[:1]
		for _, b := range (*pt)[1:] {
			prev := kept[len(kept)-1]
			if txt := b.PlainText(); len(txt) >= minRepeatedParagraph && b.Style == prev.Style && b.ListItem == prev.ListItem && b.Level == prev.Level && txt == prev.PlainText() {
				n++
				continue
			}
			kept = append(kept, b)
		}
		*pt = kept
	})
	return n
}
