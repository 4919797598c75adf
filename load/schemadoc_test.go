package load_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/umzug/umzug/load"
)

// TestSchemaDocumented: the schemas are the export's reference, so every
// type and every property has a description, every property has
// examples, and every example is valid where it stands.
func TestSchemaDocumented(t *testing.T) {
	for _, rt := range []load.RichText{load.RichTextPortable, load.RichTextHTML, load.RichTextMarkdown} {
		c := jsv.NewCompiler()
		c.DefaultDraft(jsv.Draft2020)
		schemas := map[string]map[string]any{}
		for _, kind := range load.RecordKinds {
			b, err := load.Schema(kind, rt)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := jsv.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			id := doc.(map[string]any)["$id"].(string)
			if err := c.AddResource(id, doc); err != nil {
				t.Fatal(err)
			}
			schemas[id] = doc.(map[string]any)
		}
		props, examples := 0, 0
		for id, s := range schemas {
			defs, _ := s["$defs"].(map[string]any)
			for name, d := range defs {
				def := d.(map[string]any)
				if desc, _ := def["description"].(string); desc == "" {
					t.Errorf("%s (%s): type %s has no description", id, rt, name)
				}
				pp, _ := def["properties"].(map[string]any)
				for prop, ps := range pp {
					props++
					p := ps.(map[string]any)
					where := fmt.Sprintf("%s (%s): %s.%s", id, rt, name, prop)
					if desc, _ := p["description"].(string); desc == "" {
						t.Errorf("%s has no description", where)
					}
					ex, _ := p["examples"].([]any)
					if len(ex) == 0 {
						t.Errorf("%s has no examples", where)
						continue
					}
					sch, err := c.Compile(id + "#/$defs/" + name + "/properties/" + prop)
					if err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					for _, e := range ex {
						examples++
						if err := sch.Validate(e); err != nil {
							b, _ := json.Marshal(e)
							t.Errorf("%s: example %s does not validate: %v", where, b, err)
						}
					}
				}
			}
		}
		if props < 200 || examples < props {
			t.Errorf("%s: %d properties, %d examples checked; want every property of every record", rt, props, examples)
		}
	}
}
