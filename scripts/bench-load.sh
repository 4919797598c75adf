#!/usr/bin/env bash
# Transform and load of N synthetic pages (default 100000): wall time and
# peak RSS of `umzug load` measured with /usr/bin/time -v.
#   scripts/bench-load.sh [N]      BENCH_DIR=/path keeps the generated documents
# The documents are extracted in-process from fixtures.SyntheticPage (the
# ministry's markup) once and kept in $BENCH_DIR/docs-N.ndjson.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
n=${1:-100000}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
docs="$work/docs-$n.ndjson"
if [ ! -s "$docs" ]; then
	echo "== extracting $n synthetic pages to $docs"
	(cd cmd && UMZUG_SYNTH_PAGES=$n UMZUG_SYNTH_OUT="$docs" go test -run TestWriteSyntheticDocuments -count=1 -timeout 6h .)
fi
go build -o "$work/umzug" ./cmd/umzug
rm -rf "$work/export"
echo "== umzug load ($(du -h "$docs" | cut -f1) of documents)"
TMPDIR="$work" /usr/bin/time -v "$work/umzug" load "$docs" --out "$work/export" --log-level error 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
grep -E '^Export|^Rejected' "$work/time.txt" || true
grep -E 'Elapsed \(wall|Maximum resident|User time|System time' "$work/time.txt"
du -sh "$work/export"
