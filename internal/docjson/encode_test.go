package docjson

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/internal/filltest"
	"github.com/umzug/umzug/internal/testkit"
)

func checkSame(t *testing.T, v any, what string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		want := testkit.EncodingJSON(t, v, html)
		got, ok := Append([]byte("prefix"), v, html)
		if !ok {
			t.Fatalf("%s: Append does not encode %T", what, v)
		}
		if !bytes.HasPrefix(got, []byte("prefix")) {
			t.Fatalf("%s: Append lost what dst held", what)
		}
		if got = got[len("prefix"):]; !bytes.Equal(got, want) {
			t.Fatalf("%s (%T, escapeHTML %v):\n got %s\nwant %s", what, v, html, got, want)
		}
	}
}

// pieces are what random strings are made of: what encoding/json escapes
// (control characters, quotes, backslashes, <, > and &, U+2028 and
// U+2029, invalid UTF-8 of every kind) and what it leaves (DEL, umlauts,
// emoji, a real U+FFFD, the text of an escape).
var pieces = []string{
	"", "a", "Zuständigkeit", " ", "<p>", "</a>", "&amp;", "&", "<", ">", `"`, `\`, "/",
	"\b", "\f", "\n", "\r", "\t", "\x00", "\x01", "\x1f", "\x7f", "\u2028", "\u2029", "\u2027", "\u202a",
	"\xff", "\xfe", "\x80", "\xc3", "\xe2\x80", "\xe2\x80\xa8", "\xed\xa0\x80", "\xf0\x9f\x98", "\xf4\x90\x80\x80", "\xc0\xaf",
	"€", "😀", "\ufffd", `\ufffd`, `\u003c`, "\u00ad", "\u200b", "\ufeff", "https://www.example.de/a?b=1&c=<2>",
}

func randomString(r *rand.Rand) string {
	var sb strings.Builder
	for range r.IntN(6) {
		sb.WriteString(pieces[r.IntN(len(pieces))])
	}
	return sb.String()
}

// randomize sets every exported field reachable from v at random:
// pointers and slices nil, empty or set, numbers from the edges too.
func randomize(v reflect.Value, r *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomString(r))
	case reflect.Int, reflect.Int64:
		switch r.IntN(5) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(math.MinInt64)
		case 2:
			v.SetInt(math.MaxInt64)
		default:
			v.SetInt(r.Int64N(2000) - 1000)
		}
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		if depth > 6 || r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		randomize(p.Elem(), r, depth+1)
		v.Set(p)
	case reflect.Slice:
		switch n := r.IntN(5); {
		case n == 0 || depth > 6:
			v.SetZero() // nil
		case n == 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), n-1, n-1)
			for i := range n - 1 {
				randomize(s.Index(i), r, depth+1)
			}
			v.Set(s)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				randomize(v.Field(i), r, depth+1)
			}
		}
	default:
		panic("randomize: " + v.Kind().String())
	}
}

// TestAsEncodingJSON compares docjson with encoding/json on random
// values of every type it encodes, and on values with every field set
// (filltest), with and without HTML escaping.
func TestAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	types := []reflect.Type{
		reflect.TypeFor[umzug.Document](), reflect.TypeFor[umzug.Block](), reflect.TypeFor[umzug.Header](),
		reflect.TypeFor[umzug.Provenance](), reflect.TypeFor[umzug.Snippet](), reflect.TypeFor[umzug.Asset](),
		reflect.TypeFor[umzug.Redirect](),
	}
	for _, typ := range types {
		for i := range n {
			p := reflect.New(typ)
			randomize(p.Elem(), r, 0)
			checkSame(t, p.Interface(), typ.Name()+" #"+string(rune('0'+i%10)))
		}
		for _, k := range []int{0, 1, 2} {
			p := reflect.New(typ)
			filltest.Fill(p.Interface(), k)
			checkSame(t, p.Interface(), "filled "+typ.Name())
		}
		checkSame(t, reflect.New(typ).Interface(), "zero "+typ.Name())
		checkSame(t, reflect.Zero(reflect.PointerTo(typ)).Interface(), "nil *"+typ.Name())
	}
}

// TestEveryBlockType encodes a block of each type with its payload
// filled, so that each payload's encoder is compared.
func TestEveryBlockType(t *testing.T) {
	var full umzug.Block
	filltest.Fill(&full, 2)
	for _, p := range []func(b *umzug.Block){
		func(b *umzug.Block) { b.Heading = full.Heading },
		func(b *umzug.Block) { b.Text = full.Text },
		func(b *umzug.Block) { b.Quote = full.Quote },
		func(b *umzug.Block) { b.Table = full.Table },
		func(b *umzug.Block) { b.Accordion = full.Accordion },
		func(b *umzug.Block) { b.Tabs = full.Tabs },
		func(b *umzug.Block) { b.Teaser = full.Teaser },
		func(b *umzug.Block) { b.Gallery = full.Gallery },
		func(b *umzug.Block) { b.Image = full.Image },
		func(b *umzug.Block) { b.TextMedia = full.TextMedia },
		func(b *umzug.Block) { b.Downloads = full.Downloads },
		func(b *umzug.Block) { b.LinkList = full.LinkList },
		func(b *umzug.Block) { b.Timeline = full.Timeline },
		func(b *umzug.Block) { b.InfoBox = full.InfoBox },
		func(b *umzug.Block) { b.Video = full.Video },
		func(b *umzug.Block) { b.Form = full.Form },
		func(b *umzug.Block) { b.Divider = full.Divider },
		func(b *umzug.Block) { b.HTML = full.HTML },
		func(b *umzug.Block) { b.Ref = full.Ref },
	} {
		b := umzug.Block{Key: "k", Type: "t"}
		p(&b)
		checkSame(t, &b, "block")
	}
}

// TestAppendOtherTypes: a type docjson does not encode is not appended.
func TestAppendOtherTypes(t *testing.T) {
	for _, v := range []any{umzug.Document{}, &umzug.Media{}, "s", nil} {
		if got, ok := Append([]byte("x"), v, false); ok || string(got) != "x" {
			t.Errorf("Append(%T) = %q, %v", v, got, ok)
		}
	}
}

// FuzzString compares the string encoding with encoding/json's.
func FuzzString(f *testing.F) {
	for _, p := range pieces {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := umzug.Header{Text: s}
		checkSame(t, &h, "header")
	})
}

func BenchmarkAppendDocument(b *testing.B) {
	d := benchDocument()
	buf := make([]byte, 0, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendDocument(buf[:0], &d, false)
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkEncodingJSONDocument(b *testing.B) {
	d := benchDocument()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(&d); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// benchDocument is a document like the synthetic site's: a few dozen
// blocks of German prose with links.
func benchDocument() umzug.Document {
	r := rand.New(rand.NewPCG(3, 4))
	var d umzug.Document
	filltest.Fill(&d, 3)
	words := strings.Fields("Die Landesregierung hat am Dienstag beschlossen, dass die Förderung für Städte und Gemeinden erhöht wird; Anträge <bis> 30. Juni & online")
	text := func() string {
		var sb strings.Builder
		for i := range 40 {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[r.IntN(len(words))])
		}
		return sb.String()
	}
	d.Blocks = nil
	for i := range 30 {
		b := umzug.Block{Key: "b" + string(rune('a'+i%26)), Type: umzug.BlockText, Text: &umzug.Text{}}
		for range 3 {
			b.Text.Body = append(b.Text.Body, umzug.PTBlock{Type: "block", Key: "k1", Style: "normal",
				Children: []umzug.PTSpan{{Type: "span", Key: "s1", Text: text(), Marks: []string{}}, {Type: "span", Key: "s2", Text: "Link", Marks: []string{"m1"}}},
				MarkDefs: []umzug.MarkDef{{Type: "link", Key: "m1", Href: "https://www.example.de/themen/foerderung?id=12&L=0"}}})
		}
		d.Blocks = append(d.Blocks, b)
	}
	return d
}

// AppendPageHead writes what encoding/json writes of a PageHead, with
// HTML escaped.
func TestAppendPageHeadAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	check := func(h *PageHead) {
		t.Helper()
		want := testkit.EncodingJSON(t, h, true)
		if got := AppendPageHead([]byte("prefix"), h); !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Fatalf("AppendPageHead:\n got %s\nwant prefix%s", got, want)
		}
	}
	for range 3000 {
		var h PageHead
		randomize(reflect.ValueOf(&h).Elem(), r, 0)
		check(&h)
	}
	var full PageHead
	filltest.Fill(&full, 1)
	check(&full)
	check(&PageHead{})
}
