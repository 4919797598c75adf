package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/pb33f/ordered-map/v2"
	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/umzug/umzug"
)

// RichText is how rich text is written: Portable Text (the default),
// HTML or Markdown rendered from it.
type RichText string

// Rich text formats.
const (
	RichTextPortable RichText = "portabletext"
	RichTextHTML     RichText = "html"
	RichTextMarkdown RichText = "markdown"
)

// ParseRichText checks a --richtext value.
func ParseRichText(s string) (RichText, error) {
	switch RichText(s) {
	case RichTextPortable, RichTextHTML, RichTextMarkdown:
		return RichText(s), nil
	case "":
		return RichTextPortable, nil
	}
	return "", fmt.Errorf("rich text format %q: want portabletext, html or markdown", s)
}

// Record kinds of the export, each with a schema file schema/<kind>.schema.json.
var RecordKinds = []string{"document", "snippet", "asset", "finding", "failure", "manifest"}

// schemaDraft is the JSON Schema dialect of the generated schemas.
const schemaDraft = "https://json-schema.org/draft/2020-12/schema"

// schemaID is the $id of a record kind's schema.
func schemaID(kind string) string {
	return "urn:umzug:schema:" + umzug.SchemaVersion + ":" + kind
}

func recordType(kind string) reflect.Type {
	switch kind {
	case "document":
		return reflect.TypeFor[umzug.Document]()
	case "snippet":
		return reflect.TypeFor[umzug.Snippet]()
	case "asset":
		return reflect.TypeFor[umzug.Asset]()
	case "finding":
		return reflect.TypeFor[umzug.Finding]()
	case "failure":
		return reflect.TypeFor[umzug.Failure]()
	case "manifest":
		return reflect.TypeFor[Manifest]()
	}
	return nil
}

// Schema returns the JSON Schema (draft 2020-12) of one record kind,
// generated from the Go types: required properties are those without
// omitempty, no other properties are allowed, a block carries exactly one
// payload, the one named like its type, and enumerations (block types,
// document kinds, severities) are closed. With rt html or markdown, rich
// text is a string in that format instead of Portable Text.
func Schema(kind string, rt RichText) ([]byte, error) {
	t := recordType(kind)
	if t == nil {
		return nil, fmt.Errorf("schema: unknown record kind %q (want one of %s)", kind, strings.Join(RecordKinds, ", "))
	}
	r := &jsonschema.Reflector{
		Anonymous: true,
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[umzug.PortableText]() && rt != RichTextPortable && rt != "" {
				media := map[RichText]string{RichTextHTML: "text/html", RichTextMarkdown: "text/markdown"}[rt]
				return &jsonschema.Schema{Type: "string", ContentMediaType: media, Description: "rich text rendered as " + string(rt)}
			}
			return nil
		},
	}
	s := r.ReflectFromType(t)
	s.ID = jsonschema.ID(schemaID(kind))
	s.Version = schemaDraft
	s.Title = "umzug " + kind + " record"
	if rt != "" && rt != RichTextPortable {
		s.Title += " (rich text as " + string(rt) + ")"
	}
	refine(s)
	document(s, rt)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding %s schema: %w", kind, err)
	}
	return append(b, '\n'), nil
}

// uuidPattern matches a UUIDv5, or the empty string.
const uuidPattern = `^([0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})?$`

// requiredUUIDPattern matches a UUIDv5.
var requiredUUIDPattern = strings.ReplaceAll(uuidPattern, ")?$", ")$")

// contentHashPattern matches a SHA-256 as "sha256:" and hex, or the empty
// string.
const contentHashPattern = `^(sha256:[0-9a-f]{64})?$`

// refine adds what the Go types cannot say.
func refine(s *jsonschema.Schema) {
	defs := s.Definitions
	if b := defs["Block"]; b != nil {
		var types []any
		var exactlyOne []*jsonschema.Schema
		for _, t := range umzug.BlockTypes {
			types = append(types, string(t))
			exactlyOne = append(exactlyOne, &jsonschema.Schema{
				If:   &jsonschema.Schema{Properties: props("type", &jsonschema.Schema{Const: string(t)})},
				Then: &jsonschema.Schema{Required: []string{string(t)}},
			})
		}
		setEnum(b, "type", types)
		// Exactly one payload: one of the payload properties is present
		// (oneOf over "required"), and it is the one the type names.
		var one []*jsonschema.Schema
		for _, t := range umzug.BlockTypes {
			one = append(one, &jsonschema.Schema{Required: []string{string(t)}})
		}
		b.OneOf = one
		b.AllOf = exactlyOne
	}
	if d := defs["Document"]; d != nil {
		setEnum(d, "kind", []any{string(umzug.KindPage), string(umzug.KindPressRelease)})
	} else if s.Properties != nil {
		if _, ok := s.Properties.Get("kind"); ok && s.Properties.Len() > 10 {
			setEnum(s, "kind", []any{string(umzug.KindPage), string(umzug.KindPressRelease)})
		}
	}
	for _, name := range []string{"Finding"} {
		if f := defs[name]; f != nil {
			setEnum(f, "severity", []any{"info", "warning", "error"})
		}
	}
	if pt := defs["PTBlock"]; pt != nil {
		setConst(pt, "_type", "block")
	}
	if sp := defs["PTSpan"]; sp != nil {
		setConst(sp, "_type", "span")
	}
	if md := defs["MarkDef"]; md != nil {
		setConst(md, "_type", "link")
	}
	for _, def := range defs {
		if def.Properties == nil {
			continue
		}
		for _, name := range []string{"id", "document", "snippet", "asset"} {
			if p, ok := def.Properties.Get(name); ok && p.Type == "string" && p.Format == "" {
				p.Pattern = uuidPattern
				if name == "id" && slices.Contains(def.Required, "id") {
					p.Pattern = requiredUUIDPattern
				}
			}
		}
		if p, ok := def.Properties.Get("contentHash"); ok && p.Type == "string" {
			p.Pattern = contentHashPattern
		}
	}
}

// document adds the description of every type and property and examples
// of every property (schemadoc.go).
func document(s *jsonschema.Schema, rt RichText) {
	types, docs := schemaDocs()
	for name, def := range s.Definitions {
		if d := types[name]; d != "" {
			def.Description = d
		}
		if def.Properties == nil {
			continue
		}
		for pair := def.Properties.Oldest(); pair != nil; pair = pair.Next() {
			d, ok := docs[name+"."+pair.Key]
			if !ok {
				continue
			}
			p := pair.Value
			p.Description = d.desc
			p.Examples = nil
			for _, e := range d.ex {
				if rt != RichTextPortable && rt != "" { // rich text inside an example object
					e = bytes.ReplaceAll(e, []byte(exPT), []byte(richTextExamples[rt]))
				}
				p.Examples = append(p.Examples, e)
			}
			if p.ContentMediaType != "" { // rich text rendered as HTML or Markdown
				p.Description += " Rendered as " + string(rt) + "."
				p.Examples = []any{json.RawMessage(richTextExamples[rt])}
			}
		}
	}
}

func props(name string, s *jsonschema.Schema) *orderedmap.OrderedMap[string, *jsonschema.Schema] {
	p := jsonschema.NewProperties()
	p.Set(name, s)
	return p
}

func setEnum(s *jsonschema.Schema, prop string, values []any) {
	if s.Properties == nil {
		return
	}
	if p, ok := s.Properties.Get(prop); ok {
		p.Enum = values
	}
}

func setConst(s *jsonschema.Schema, prop string, v any) {
	if s.Properties == nil {
		return
	}
	if p, ok := s.Properties.Get(prop); ok {
		p.Const = v
	}
}

// Validator checks records against the generated schemas.
type Validator struct {
	rt      RichText
	schemas map[string]*validator.Schema
}

// NewValidator compiles the schemas of every record kind for rich text rt.
func NewValidator(rt RichText) (*Validator, error) {
	c := validator.NewCompiler()
	c.DefaultDraft(validator.Draft2020)
	v := &Validator{rt: rt, schemas: map[string]*validator.Schema{}}
	for _, kind := range RecordKinds {
		b, err := Schema(kind, rt)
		if err != nil {
			return nil, err
		}
		doc, err := validator.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("reading %s schema: %w", kind, err)
		}
		if err := c.AddResource(schemaID(kind), doc); err != nil {
			return nil, fmt.Errorf("adding %s schema: %w", kind, err)
		}
		sch, err := c.Compile(schemaID(kind))
		if err != nil {
			return nil, fmt.Errorf("compiling %s schema: %w", kind, err)
		}
		v.schemas[kind] = sch
	}
	return v, nil
}

// Validate checks one record, given as its decoded JSON (from
// validator.UnmarshalJSON or encoding/json with UseNumber).
func (v *Validator) Validate(kind string, record any) error {
	s := v.schemas[kind]
	if s == nil {
		return fmt.Errorf("validating: unknown record kind %q", kind)
	}
	if err := s.Validate(record); err != nil {
		return fmt.Errorf("%w: schema: %s", umzug.ErrInvalid, oneLine(err))
	}
	return nil
}

// ValidateJSON checks one record given as JSON text.
func (v *Validator) ValidateJSON(kind string, line []byte) error {
	rec, err := validator.UnmarshalJSON(bytes.NewReader(line))
	if err != nil {
		return fmt.Errorf("%w: not JSON: %v", umzug.ErrInvalid, err)
	}
	return v.Validate(kind, rec)
}

// oneLine flattens a validation error to its first lines.
func oneLine(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	lines = slices.DeleteFunc(lines, func(s string) bool { return s == "" })
	if len(lines) > 4 {
		lines = append(lines[:4], "…")
	}
	return strings.Join(lines, "; ")
}

// exportFileKinds are the NDJSON files of an export and their records'
// kinds.
var exportFileKinds = map[string]string{
	"documents.ndjson": "document",
	"snippets.ndjson":  "snippet",
	"assets.ndjson":    "asset",
	"findings.ndjson":  "finding",
	"failures.ndjson":  "failure",
}

// ValidateExport checks every record of the export in dir, and its
// manifest, against the JSON Schema of the export's rich text format.
// A run checks every record with the typed checks and a sample with the
// schema; tests check whole exports with this.
func ValidateExport(dir string) error {
	m, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	rt := m.RichText
	if rt == "" {
		rt = RichTextPortable
	}
	v, err := NewValidator(rt)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return err
	}
	if err := v.ValidateJSON("manifest", b); err != nil {
		return fmt.Errorf("%s/manifest.json: %w", dir, err)
	}
	var errs []error
	for _, f := range m.Files {
		kind, ok := exportFileKinds[f.Path]
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return err
		}
		for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			if err := v.ValidateJSON(kind, line); err != nil {
				errs = append(errs, fmt.Errorf("%s line %d: %w", f.Path, i+1, err))
			}
		}
	}
	return errors.Join(errs...)
}
