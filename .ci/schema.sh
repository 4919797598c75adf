#!/usr/bin/env bash
# Validates the demo export against the JSON Schema it publishes in schema/,
# with an independent validator: python3-jsonschema from Debian (installed
# when missing). Runs the export in both the default (Portable Text) and the
# html rich text form. Idempotent; needs root for apt-get on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
PY=/usr/bin/python3
. .ci/lib.sh

if ! "$PY" -c 'import jsonschema; jsonschema.Draft202012Validator' 2>/dev/null; then
	apt_install python3-jsonschema
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/umzug" ./cmd/umzug
"$out/umzug" migrate --demo --out "$out/export" -q
"$out/umzug" load "$out/export" --out "$out/export-html" --richtext html -q

"$PY" - "$out/export" "$out/export-html" <<'PY'
import json, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import jsonschema
from jsonschema import Draft202012Validator

files = [("documents.ndjson", "document"), ("snippets.ndjson", "snippet"),
         ("assets.ndjson", "asset"), ("findings.ndjson", "finding"), ("failures.ndjson", "failure"),
         ("manifest.json", "manifest")]
passed = failed = 0
for export in sys.argv[1:]:
    for name, kind in files:
        with open(f"{export}/schema/{kind}.schema.json") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        v = Draft202012Validator(schema)
        with open(f"{export}/{name}") as f:
            records = [json.load(f)] if name.endswith(".json") else [json.loads(l) for l in f if l.strip()]
        if not records and kind in ("document", "manifest"):
            print(f"{export}/{name}: no records"); failed += 1
        for i, rec in enumerate(records, 1):
            errs = sorted(v.iter_errors(rec), key=lambda e: list(e.absolute_path))
            if errs:
                failed += 1
                for e in errs[:3]:
                    print(f"{export}/{name} record {i}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
            else:
                passed += 1
    # The schema must reject what breaks the contract, too.
    with open(f"{export}/schema/document.schema.json") as f:
        v = Draft202012Validator(json.load(f))
    with open(f"{export}/documents.ndjson") as f:
        doc = json.loads(f.readline())
    bad = json.loads(json.dumps(doc)); bad["blocks"][0]["divider"] = {}
    if not list(v.iter_errors(bad)) and bad["blocks"][0]["type"] != "divider":
        print(f"{export}: a block with two payloads passed the schema"); failed += 1
    bad = json.loads(json.dumps(doc)); bad["kind"] = "news"
    if not list(v.iter_errors(bad)):
        print(f"{export}: an unknown kind passed the schema"); failed += 1
print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
