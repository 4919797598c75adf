package pipeline

import (
	"bytes"
	"cmp"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	xhtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
)

// memSpan is the memory of a slice's backing array, a map or a pointed-to
// value of a document.
type memSpan struct {
	lo, hi uintptr
	doc    int
	path   string
}

// docMemory appends the memory that d's slices, maps and pointers hold
// (strings are immutable and may be shared).
func docMemory(v reflect.Value, path string, doc int, out []memSpan) []memSpan {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return out
		}
		if sz := v.Type().Elem().Size(); sz > 0 {
			out = append(out, memSpan{v.Pointer(), v.Pointer() + sz, doc, path})
		}
		return docMemory(v.Elem(), path, doc, out)
	case reflect.Struct:
		for i := range v.NumField() {
			out = docMemory(v.Field(i), path+"."+v.Type().Field(i).Name, doc, out)
		}
	case reflect.Slice:
		if sz := v.Type().Elem().Size(); v.Cap() > 0 && sz > 0 {
			out = append(out, memSpan{v.Pointer(), v.Pointer() + uintptr(v.Cap())*sz, doc, path})
		}
		for i := range v.Len() {
			out = docMemory(v.Index(i), path+"[]", doc, out)
		}
	case reflect.Map:
		if !v.IsNil() {
			out = append(out, memSpan{v.Pointer(), v.Pointer() + 1, doc, path})
			for it := v.MapRange(); it.Next(); {
				out = docMemory(it.Value(), path+"{}", doc, out)
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			out = docMemory(v.Elem(), path, doc, out)
		}
	}
	return out
}

// Work normalizes an extracted document in place (Export.normalize with
// inPlace): that is right only when no two parts of a document, and no
// two documents, share memory, else a part would be changed twice, or a
// page's changes would show in another's document. The extractor's
// documents of the ministry site and of synthetic pages share none, and
// normalized in place they give what a copy gives.
func TestExtractedDocumentsShareNoMemory(t *testing.T) {
	p := xhtml.NewParser()
	var docs []umzug.Document
	err := fs.WalkDir(fixtures.Ministry, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		body, err := fs.ReadFile(fixtures.Ministry, path)
		if err != nil {
			return err
		}
		if d, err := p.ParseHTML(bytes.NewReader(body), "https://www.example.de/"+path); err == nil {
			docs = append(docs, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 30 {
		t.Fatalf("%d documents of the ministry site", len(docs))
	}
	docs = append(docs, syntheticDocuments(t, 30)...)
	var spans []memSpan
	for i := range docs {
		spans = docMemory(reflect.ValueOf(&docs[i]).Elem(), "", i, spans)
	}
	slices.SortFunc(spans, func(a, b memSpan) int { return cmp.Compare(a.lo, b.lo) })
	for i := 1; i < len(spans); i++ {
		if a, b := spans[i-1], spans[i]; b.lo < a.hi {
			t.Errorf("document %d (%s) %s shares memory with document %d (%s) %s", a.doc, docs[a.doc].URL, a.path, b.doc, docs[b.doc].URL, b.path)
		}
	}

	exp := testExport(t)
	for i := range docs {
		copied := exp.normalize(docs[i], false)
		inPlace := exp.normalize(docs[i], true)
		if !copied.ok || !inPlace.ok || !bytes.Equal(copied.rec, inPlace.rec) || !bytes.Equal(copied.extra, inPlace.extra) {
			t.Errorf("%s: normalized in place differs from normalized as a copy", docs[i].URL)
		}
	}
}
