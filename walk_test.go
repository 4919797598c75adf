package umzug

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug/internal/filltest"
)

// notWalked are the string fields (by Go field name) the typed walk
// leaves alone: ids, keys, types, enumerations, selectors, hashes, new
// paths and file references of the export. A new string field must be
// walked (walk.go) or named here.
var notWalked = map[string]bool{
	"ID": true, "Key": true, "Type": true, "Kind": true, "Style": true, "ListItem": true, "Marks": true,
	"CType": true, "Selector": true, "CSSClasses": true, "Section": true, "Layout": true, "Variant": true,
	"Position": true, "Target": true, "Provider": true, "Format": true, "Method": true, "MimeType": true,
	"Document": true, "Snippet": true, "Asset": true, "Path": true, "Code": true, "BlockKey": true,
	"ContentHash": true, "SHA256": true, "File": true,
}

// isURLName reports whether a JSON property name names a URL: the rule
// the typed walk follows.
func isURLName(json string) bool {
	j := strings.ToLower(json)
	for _, suf := range []string{"url", "urls", "href", "src", "action"} {
		if strings.HasSuffix(j, suf) {
			return true
		}
	}
	return j == "link" || j == "original"
}

func filledDocument(n int) Document {
	var d Document
	filltest.Fill(&d, n)
	return d
}

// TestStringsCoverEveryField enumerates, by reflection, every string field
// a document can hold (provenance aside) and checks the typed walk: each
// field whose JSON name says URL (…url, …href, …src, action, link,
// original) is walked as a URL, every other walked field as text, and
// every field not walked is named in notWalked. It fails when a field is
// added to a domain type and not to walk.go.
func TestStringsCoverEveryField(t *testing.T) {
	d := filledDocument(2)
	walked := map[*string]bool{}
	d.Strings(func(s *string, isURL bool) {
		if _, dup := walked[s]; dup {
			t.Errorf("string %q walked twice", *s)
		}
		walked[s] = isURL
	})
	fields := 0
	filltest.Strings(&d, map[string]bool{"Provenance": true}, func(s *string, path, json string) {
		fields++
		name := path[strings.LastIndexByte(path, '.')+1:]
		isURL, ok := walked[s]
		switch {
		case !ok && !notWalked[name]:
			t.Errorf("%s (json %q) is not walked: add it to Document.Strings (walk.go) or, if it is an identifier, to notWalked", path, json)
		case ok && notWalked[name]:
			t.Errorf("%s is walked but listed in notWalked", path)
		case ok && isURL != isURLName(json):
			t.Errorf("%s (json %q) walked with isURL=%v; its name says %v", path, json, isURL, isURLName(json))
		}
		delete(walked, s)
	})
	if fields < 100 {
		t.Fatalf("only %d string fields found: the filler does not reach the blocks", fields)
	}
	for s := range walked {
		t.Errorf("walked %q, which is no string field of the document (provenance?)", *s)
	}
	var urls []string
	d.URLs(func(s *string) { urls = append(urls, *s) })
	if len(urls) == 0 || !slices.Contains(urls, d.URL) || slices.Contains(urls, d.Title) {
		t.Errorf("URLs: %q", urls)
	}
}

// refWalk is the reflective walk the typed one replaced (transform/walk.go
// until it was replaced), kept to prove the typed walk visits the same
// strings in the same order.
func refWalk(v reflect.Value, isURL bool, f func(*string, bool)) {
	urlFields := map[string]bool{"URL": true, "Href": true, "Src": true, "Link": true, "Action": true,
		"SourceURL": true, "FinalURL": true, "AliasURLs": true, "Original": true}
	skip := map[string]bool{"ID": true, "Key": true, "Type": true, "Kind": true, "Style": true, "ListItem": true,
		"ContentHash": true, "RawSHA256": true, "Code": true, "BlockKey": true, "Selector": true,
		"CSSClasses": true, "CType": true, "Document": true, "Snippet": true, "Marks": true,
		"Provenance": true, "Layout": true, "Variant": true, "Position": true, "Section": true,
		"Target": true, "Provider": true, "Format": true, "Method": true, "MimeType": true,
		"Path": true, "Asset": true,
		// identifiers the reflective walk took for text (cleaning left
		// them unchanged): the asset's hash and its file in the export
		"SHA256": true, "File": true}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			refWalk(v.Elem(), isURL, f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if sf := t.Field(i); sf.IsExported() && !skip[sf.Name] {
				refWalk(v.Field(i), urlFields[sf.Name], f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			refWalk(v.Index(i), isURL, f)
		}
	case reflect.String:
		if v.CanAddr() {
			f(v.Addr().Interface().(*string), isURL)
		}
	}
}

type visit struct {
	s     *string
	isURL bool
}

func TestStringsAsBefore(t *testing.T) {
	d := filledDocument(2)
	var got, want []visit
	d.Strings(func(s *string, isURL bool) { got = append(got, visit{s, isURL}) })
	refWalk(reflect.ValueOf(&d), false, func(s *string, isURL bool) { want = append(want, visit{s, isURL}) })
	if !slices.Equal(got, want) {
		show := func(vs []visit) (out []string) {
			for _, v := range vs {
				out = append(out, *v.s+map[bool]string{true: "(url)"}[v.isURL])
			}
			return out
		}
		t.Errorf("typed walk:\n%q\nreflective walk:\n%q", show(got), show(want))
	}
}

func TestRichTextsCoverEveryField(t *testing.T) {
	d := filledDocument(2)
	var want []*PortableText
	var find func(v reflect.Value)
	find = func(v reflect.Value) {
		if v.Type() == reflect.TypeFor[PortableText]() {
			want = append(want, v.Addr().Interface().(*PortableText))
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				find(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				find(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					find(v.Field(i))
				}
			}
		}
	}
	find(reflect.ValueOf(&d).Elem())
	var got []*PortableText
	d.RichTexts(func(pt *PortableText) { got = append(got, pt) })
	if len(want) < 10 || !slices.Equal(got, want) {
		t.Errorf("RichTexts visits %d rich texts; the document has %d (in field order)", len(got), len(want))
	}
}

func TestFileNamesCoverEveryField(t *testing.T) {
	d := filledDocument(2)
	var want []*string
	filltest.Strings(&d, map[string]bool{"Provenance": true}, func(s *string, path, _ string) {
		if strings.HasSuffix(path, ".FileName") {
			want = append(want, s)
		}
	})
	var got []*string
	d.FileNames(func(s *string) { got = append(got, s) })
	slices.SortFunc(got, func(a, b *string) int { return strings.Compare(*a, *b) })
	slices.SortFunc(want, func(a, b *string) int { return strings.Compare(*a, *b) })
	if len(want) < 3 || !slices.Equal(got, want) {
		t.Errorf("FileNames visits %d file names; the document has %d", len(got), len(want))
	}
}

// shared reports the pointers and slice arrays a and b (of one type)
// share, by path.
func shared(a, b reflect.Value, path string, out *[]string) {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() || a.Type().Elem().Size() == 0 {
			return // zero-size values (Divider) all live at one address
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, path)
			return
		}
		shared(a.Elem(), b.Elem(), path, out)
	case reflect.Slice:
		if a.Len() > 0 && b.Len() > 0 && a.Pointer() == b.Pointer() {
			*out = append(*out, path)
			return
		}
		for i := range min(a.Len(), b.Len()) {
			shared(a.Index(i), b.Index(i), path, out)
		}
	case reflect.Map:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			*out = append(*out, path)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if f := a.Type().Field(i); f.IsExported() {
				shared(a.Field(i), b.Field(i), path+"."+f.Name, out)
			}
		}
	}
}

// TestClone: a copy of a document with every field set is equal to it and
// shares no pointer or slice with it; empty slices stay empty, not nil.
func TestClone(t *testing.T) {
	for _, n := range []int{2, 0} {
		d := filledDocument(n)
		c := d.Clone()
		if !reflect.DeepEqual(c, d) {
			t.Errorf("n=%d: the copy differs from the document", n)
		}
		var s []string
		shared(reflect.ValueOf(d), reflect.ValueOf(c), "Document", &s)
		if len(s) > 0 {
			t.Errorf("n=%d: the copy shares %v with the document: deep-copy them in Clone (walk.go)", n, s)
		}
	}
	d := filledDocument(1)
	before := filledDocument(1)
	c := d.Clone()
	c.Strings(func(s *string, _ bool) { *s = "changed" })
	c.Blocks[0].Source.CSSClasses[0] = "changed"
	if !reflect.DeepEqual(d, before) {
		t.Error("changing the copy changed the document")
	}
}
