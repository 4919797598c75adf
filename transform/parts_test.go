package transform

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/filltest"
)

// refParts is the reflective walk the typed one (parts.go) replaced: it
// finds the teaser and timeline items, links, mark defs, images and
// files wherever they are, parents first, in field order.
func refParts(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			refParts(v.Elem(), out)
		}
	case reflect.Struct:
		if v.CanAddr() {
			switch p := v.Addr().Interface().(type) {
			case *umzug.Source, *umzug.Header:
				return
			case *umzug.TeaserItem:
				*out = append(*out, "teaser "+p.Title)
			case *umzug.TimelineItem:
				*out = append(*out, "timeline "+p.Title)
			case *umzug.Link:
				*out = append(*out, "link "+p.Href)
			case *umzug.MarkDef:
				*out = append(*out, "link "+p.Href)
			case *umzug.Media:
				*out = append(*out, "media "+p.Src)
			case *umzug.File:
				*out = append(*out, "file "+p.URL)
			}
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				refParts(v.Field(i), out)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			refParts(v.Index(i), out)
		}
	}
}

func recordParts(out *[]string) *parts {
	return &parts{
		teaser:   func(t *umzug.TeaserItem) { *out = append(*out, "teaser "+t.Title) },
		timeline: func(t *umzug.TimelineItem) { *out = append(*out, "timeline "+t.Title) },
		link:     func(href, _, _ *string) { *out = append(*out, "link "+*href) },
		media:    func(m *umzug.Media) { *out = append(*out, "media "+m.Src) },
		file:     func(f *umzug.File) { *out = append(*out, "file "+f.URL) },
	}
}

// TestPartsCoverEveryField fills a block with every payload and a press
// release with every field, and checks that the typed walk of the second
// pass visits what the reflective walk finds, in the same order. It fails
// when a link, image or file field is added to a domain type and not to
// parts.go.
func TestPartsCoverEveryField(t *testing.T) {
	var b umzug.Block
	filltest.Fill(&b, 2)
	var got, want []string
	recordParts(&got).block(&b)
	refParts(reflect.ValueOf(&b), &want)
	if len(want) < 20 || !slices.Equal(got, want) {
		t.Errorf("block: typed walk visits\n%q\nthe reflective walk finds\n%q", got, want)
	}

	var pr umzug.PressRelease
	filltest.Fill(&pr, 2)
	got, want = nil, nil
	recordParts(&got).pressRelease(&pr)
	refParts(reflect.ValueOf(&pr), &want)
	if len(want) < 4 || !slices.Equal(got, want) {
		t.Errorf("press release: typed walk visits\n%q\nthe reflective walk finds\n%q", got, want)
	}
}

// TestPartsTeaserFirst: a teaser item is visited before its body, so a
// body the visit drops is not walked; stop ends the walk.
func TestPartsTeaserFirst(t *testing.T) {
	var b umzug.Block
	filltest.Fill(&b, 1)
	var got []string
	v := recordParts(&got)
	v.teaser = func(it *umzug.TeaserItem) { got = append(got, "teaser "+it.Title); it.Body = nil }
	v.block(&b)
	for _, it := range b.Teaser.Items {
		if it.Body != nil {
			t.Fatal("the teaser visit did not run")
		}
	}
	var all []string
	recordParts(&all).block(&b)
	if len(got) != len(all) {
		t.Errorf("with the teaser bodies dropped: %d visits; walking the result again: %d", len(got), len(all))
	}
	n := 0
	v = recordParts(&got)
	v.stop = func() bool { n++; return n > 3 }
	got = nil
	v.block(&b)
	if len(got) != 3 {
		t.Errorf("stop after 3 visits: %d visits %q", len(got), fmt.Sprint(got))
	}
}
