package umzug_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/umzug/umzug"
)

// payloadFor sets, for every block type, a fresh payload of that type on
// a block and returns the pointer it set. A type added to BlockTypes
// without an entry here fails TestBlockTypesHavePayloads.
var payloadFor = map[umzug.BlockType]func(b *umzug.Block) any{
	umzug.BlockHeading: func(b *umzug.Block) any {
		b.Heading = &umzug.Heading{Text: "Aufgaben", Level: 2}
		return b.Heading
	},
	umzug.BlockText: func(b *umzug.Block) any {
		b.Text = &umzug.Text{Body: ptPlain("Das Ministerium informiert.")}
		return b.Text
	},
	umzug.BlockQuote: func(b *umzug.Block) any {
		b.Quote = &umzug.Quote{Body: ptPlain("Wir bauen."), Attribution: "Ministerin"}
		return b.Quote
	},
	umzug.BlockTable: func(b *umzug.Block) any {
		b.Table = &umzug.Table{Rows: []umzug.TableRow{{Section: "body", Cells: []umzug.TableCell{{Text: "1"}}}}}
		return b.Table
	},
	umzug.BlockAccordion: func(b *umzug.Block) any {
		b.Accordion = &umzug.Accordion{Items: []umzug.Panel{{Title: "Frage", Body: ptPlain("Antwort")}}}
		return b.Accordion
	},
	umzug.BlockTabs: func(b *umzug.Block) any {
		b.Tabs = &umzug.Tabs{Items: []umzug.Panel{{Title: "Tab", Body: ptPlain("Inhalt")}}}
		return b.Tabs
	},
	umzug.BlockTeaser: func(b *umzug.Block) any {
		b.Teaser = &umzug.Teaser{Layout: "list", Items: []umzug.TeaserItem{{Title: "Neu"}}}
		return b.Teaser
	},
	umzug.BlockGallery: func(b *umzug.Block) any {
		b.Gallery = &umzug.Gallery{Layout: "grid", Items: []umzug.Media{{Src: "https://x.example/a.jpg"}}}
		return b.Gallery
	},
	umzug.BlockImage: func(b *umzug.Block) any {
		b.Image = &umzug.Image{Media: umzug.Media{Src: "https://x.example/a.jpg", Alt: "Brücke"}}
		return b.Image
	},
	umzug.BlockTextMedia: func(b *umzug.Block) any {
		b.TextMedia = &umzug.TextMedia{Body: ptPlain("Text"), Media: []umzug.Media{{Src: "https://x.example/a.jpg"}}}
		return b.TextMedia
	},
	umzug.BlockDownloads: func(b *umzug.Block) any {
		b.Downloads = &umzug.Downloads{Items: []umzug.File{{URL: "https://x.example/a.pdf"}}}
		return b.Downloads
	},
	umzug.BlockLinkList: func(b *umzug.Block) any {
		b.LinkList = &umzug.LinkList{Items: []umzug.Link{{Href: "https://x.example/"}}}
		return b.LinkList
	},
	umzug.BlockTimeline: func(b *umzug.Block) any {
		b.Timeline = &umzug.Timeline{Items: []umzug.TimelineItem{{Date: "2024-03-12", Title: "Start"}}}
		return b.Timeline
	},
	umzug.BlockInfoBox: func(b *umzug.Block) any {
		b.InfoBox = &umzug.InfoBox{Variant: "warning", Body: ptPlain("Achtung")}
		return b.InfoBox
	},
	umzug.BlockVideo: func(b *umzug.Block) any {
		b.Video = &umzug.Video{Src: "https://x.example/v.mp4", Provider: "file"}
		return b.Video
	},
	umzug.BlockForm: func(b *umzug.Block) any {
		b.Form = &umzug.Form{Fields: []umzug.FormField{{Name: "email", Type: "email"}}}
		return b.Form
	},
	umzug.BlockDivider: func(b *umzug.Block) any {
		b.Divider = &umzug.Divider{}
		return b.Divider
	},
	umzug.BlockHTML: func(b *umzug.Block) any {
		b.HTML = &umzug.HTML{HTML: "<p>alt</p>"}
		return b.HTML
	},
	umzug.BlockRef: func(b *umzug.Block) any {
		b.Ref = &umzug.Ref{Snippet: "0b7f1d2e-0000-5000-8000-000000000000"}
		return b.Ref
	},
}

func ptPlain(s string) umzug.PortableText {
	return umzug.PortableText{{
		Type: "block", Key: "b0", Style: "normal",
		Children: []umzug.PTSpan{{Type: "span", Key: "s0", Text: s, Marks: []string{}}},
		MarkDefs: []umzug.MarkDef{},
	}}
}

// validBlock returns a valid block of type typ and its payload pointer.
func validBlock(t *testing.T, typ umzug.BlockType) (umzug.Block, any) {
	t.Helper()
	set, ok := payloadFor[typ]
	if !ok {
		t.Fatalf("no payload for block type %q in payloadFor; add one", typ)
	}
	b := umzug.Block{Key: "c4711", Type: typ}
	p := set(&b)
	return b, p
}

func TestBlockTypesHavePayloads(t *testing.T) {
	if got := umzug.NumPayloads; got != len(umzug.BlockTypes) {
		t.Errorf("payloads() has room for %d payloads, BlockTypes lists %d types", got, len(umzug.BlockTypes))
	}
	seen := map[umzug.BlockType]bool{}
	for _, typ := range umzug.BlockTypes {
		if seen[typ] {
			t.Errorf("BlockTypes lists %q twice", typ)
		}
		seen[typ] = true
		if _, ok := payloadFor[typ]; !ok {
			t.Errorf("block type %q has no entry in payloadFor; add one so it is tested", typ)
		}
	}
	for typ := range payloadFor {
		if !seen[typ] {
			t.Errorf("payloadFor has %q, which BlockTypes does not list", typ)
		}
	}
}

func TestBlockValidateEachType(t *testing.T) {
	for _, typ := range umzug.BlockTypes {
		b, _ := validBlock(t, typ)
		if err := b.Validate(); err != nil {
			t.Errorf("Block{Type: %q} with its payload: Validate() = %v; want nil", typ, err)
		}

		// The payload sits under a JSON property named like the type.
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("json.Marshal(%q block): %v", typ, err)
		}
		var props map[string]json.RawMessage
		if err := json.Unmarshal(j, &props); err != nil {
			t.Fatal(err)
		}
		if _, ok := props[string(typ)]; !ok {
			t.Errorf("JSON of a %q block = %s; want a property %q", typ, j, typ)
		}
	}
}

func TestBlockValidateInvalid(t *testing.T) {
	withKey := func(b umzug.Block, key string) umzug.Block { b.Key = key; return b }
	text, _ := validBlock(t, umzug.BlockText)
	heading, _ := validBlock(t, umzug.BlockHeading)

	twoPayloads := text
	twoPayloads.Heading = heading.Heading

	otherType := text
	otherType.Type = umzug.BlockHeading // Text payload, heading type

	unknown := text
	unknown.Type = "carousel"

	tests := []struct {
		name string
		b    umzug.Block
	}{
		{"no key", withKey(text, "")},
		{"unknown type", unknown},
		{"empty type", umzug.Block{Key: "c1", Text: text.Text}},
		{"no payload", umzug.Block{Key: "c1", Type: umzug.BlockText}},
		{"no payload divider", umzug.Block{Key: "c1", Type: umzug.BlockDivider}},
		{"two payloads", twoPayloads},
		{"payload of another type", otherType},
	}
	for _, tt := range tests {
		err := tt.b.Validate()
		if err == nil {
			t.Errorf("%s: Validate() = nil; want an error", tt.name)
			continue
		}
		if !errors.Is(err, umzug.ErrInvalid) {
			t.Errorf("%s: Validate() = %v; want an error wrapping umzug.ErrInvalid", tt.name, err)
		}
	}

	// Every type with the payload of every other type is invalid.
	for _, typ := range umzug.BlockTypes {
		for _, other := range umzug.BlockTypes {
			if other == typ {
				continue
			}
			b, _ := validBlock(t, other)
			b.Type = typ
			if err := b.Validate(); !errors.Is(err, umzug.ErrInvalid) {
				t.Errorf("Block{Type: %q} with a %q payload: Validate() = %v; want ErrInvalid", typ, other, err)
			}
		}
	}
}

func TestBlockPayload(t *testing.T) {
	for _, typ := range umzug.BlockTypes {
		b, want := validBlock(t, typ)
		if got := b.Payload(); got != want {
			t.Errorf("Block{Type: %q}.Payload() = %#v; want the %s pointer %p", typ, got, typ, want)
		}
		// A payload of another type is not the block's payload.
		b.Type = "unknown"
		if got := b.Payload(); got != nil {
			t.Errorf("Block{Type: unknown}.Payload() = %#v; want nil", got)
		}
	}
	var empty umzug.Block
	empty.Type = umzug.BlockText
	if got := empty.Payload(); got != nil {
		t.Errorf("Block{Type: text} without payload: Payload() = %#v; want nil", got)
	}
	// Type text with a heading payload: no payload of its own.
	b, _ := validBlock(t, umzug.BlockHeading)
	b.Type = umzug.BlockText
	if got := b.Payload(); got != nil {
		t.Errorf("Block{Type: text, Heading: …}.Payload() = %#v; want nil", got)
	}
}

func TestSeverityRank(t *testing.T) {
	ordered := []umzug.Severity{"", "critical", umzug.SeverityInfo, umzug.SeverityWarning, umzug.SeverityError}
	want := []int{0, 0, 1, 2, 3}
	for i, s := range ordered {
		if got := s.Rank(); got != want[i] {
			t.Errorf("Severity(%q).Rank() = %d; want %d", s, got, want[i])
		}
	}
	// The order, not the numbers, is the contract: info < warning < error,
	// and unknown severities rank below all known ones.
	known := []umzug.Severity{umzug.SeverityInfo, umzug.SeverityWarning, umzug.SeverityError}
	if !slices.IsSortedFunc(known, func(a, b umzug.Severity) int { return a.Rank() - b.Rank() }) {
		t.Errorf("ranks of %v are not ascending", known)
	}
	for i := 1; i < len(known); i++ {
		if known[i-1].Rank() >= known[i].Rank() {
			t.Errorf("%q.Rank() = %d >= %q.Rank() = %d; want strictly less",
				known[i-1], known[i-1].Rank(), known[i], known[i].Rank())
		}
	}
	if u, lo := umzug.Severity("fatal").Rank(), umzug.SeverityInfo.Rank(); u >= lo {
		t.Errorf("Severity(%q).Rank() = %d; want below info's %d", "fatal", u, lo)
	}
}
