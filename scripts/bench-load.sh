#!/usr/bin/env bash
# Transform and load of N synthetic pages (default 100000): wall time and
# peak RSS of `umzug load`, measured with /usr/bin/time -v, on
#   plain: the documents extracted from fixtures.SyntheticPage (the ministry's
#          markup), extracted in-process once and kept in $BENCH_DIR;
#   dedup: the same with a sidebar block on 9 of 10 pages (chrome), a contact
#          box on every 5th (snippet) and a near-duplicate paragraph on every
#          50th (see decorateSynthetic in cmd/synthetic_test.go).
#   scripts/bench-load.sh [N]      BENCH_DIR=/path keeps the generated documents
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
n=${1:-100000}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
docs="$work/docs-$n.ndjson"
dup="$work/docs-$n-dedup.ndjson"
if [ ! -s "$docs" ]; then
	echo "== extracting $n synthetic pages to $docs"
	(cd cmd && UMZUG_SYNTH_PAGES=$n UMZUG_SYNTH_OUT="$docs" go test -run TestWriteSyntheticDocuments -count=1 -timeout 6h .)
fi
if [ ! -s "$dup" ]; then
	(cd cmd && UMZUG_SYNTH_IN="$docs" UMZUG_SYNTH_OUT="$dup" go test -run TestDecorateSyntheticDocuments -count=1 -timeout 1h .)
fi
go build -o "$work/umzug" ./cmd/umzug
for input in "$docs" "$dup"; do
	rm -rf "$work/export"
	echo "== umzug load $(basename "$input") ($(du -h "$input" | cut -f1))"
	TMPDIR="$work" /usr/bin/time -v "$work/umzug" load "$input" --out "$work/export" --log-level error 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
	grep -E '^Export|^Rejected' "$work/time.txt" || true
	grep -E 'Elapsed \(wall|Maximum resident|User time|System time' "$work/time.txt"
	grep -o '"stats": {[^}]*}' -z "$work/export/manifest.json" | tr -d '\0' | tr -s ' \n' ' '; echo
done
rm -rf "$work/export"
