#!/usr/bin/env bash
# Checks that a change leaves the export byte-identical: builds umzug at
# BASE (a git revision, default main) and from the work tree, runs both on
# the same inputs and compares every file of the exports (documents,
# snippets, assets, redirects, findings, inventory, failures, schemas and
# the manifest but its times and run id).
#
#   bash bench/identical.sh                 # BASE=main, a 2,000-page synthetic site
#   BASE=6bbe992 SIZE=5000 bash bench/identical.sh
#   BASE_BIN=/path/umzug NEW_BIN=/path/umzug bash bench/identical.sh
#
# The inputs:
#   synthetic  the synthetic TYPO3-like site of SIZE pages (fixtures/generate.go),
#              crawled once (by the new build) into an archive, exported
#              offline by both: umzug migrate --archive A --out E
#   dedup      the documents of that archive (umzug extract --archive A),
#              decorated with shared blocks, chrome and near duplicates
#              (cmd's TestDecorateSyntheticDocuments), through umzug load
#   demo       the ministry fixture site of umzug migrate --demo (snippets,
#              findings, assets, redirects), crawled once into an archive
#              and exported offline by both
# Exit status 0 when every export is identical, 1 when one differs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
BASE=${BASE:-main}
SIZE=${SIZE:-2000}
PORT=${PORT:-8279}
base="http://127.0.0.1:$PORT"
tmp=$(mktemp -d /tmp/umzug-identical.XXXXXX)
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ -z "${BASE_BIN:-}" ]; then
	mkdir -p "$tmp/base-src"
	git archive "$BASE" | tar -x -C "$tmp/base-src"
	(cd "$tmp/base-src" && go build -o "$tmp/umzug-base" ./cmd/umzug)
	BASE_BIN="$tmp/umzug-base"
fi
if [ -z "${NEW_BIN:-}" ]; then
	go build -o "$tmp/umzug-new" ./cmd/umzug
	NEW_BIN="$tmp/umzug-new"
fi
go build -o "$tmp/synthsite" ./bench/synthsite
echo "# base: $BASE_BIN ($BASE), new: $NEW_BIN ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo +changes))"

# same DIR_A DIR_B: every file equal, the manifest without its times.
failed=0
same() {
	local a=$1 b=$2 name=$3 f
	local diffs=0
	for f in $( (cd "$a" && find . -type f; cd "$b" && find . -type f) | sort -u); do
		if [ "$f" = ./manifest.json ]; then
			if ! cmp -s <(grep -v -E '"(runId|startedAt|finishedAt)":' "$a/$f") <(grep -v -E '"(runId|startedAt|finishedAt)":' "$b/$f"); then
				echo "  $name: manifest.json differs (beyond its times):"
				diff <(grep -v -E '"(runId|startedAt|finishedAt)":' "$a/$f") <(grep -v -E '"(runId|startedAt|finishedAt)":' "$b/$f") | head -n 20 | sed 's/^/    /'
				diffs=$((diffs + 1))
			fi
		elif ! cmp -s "$a/$f" "$b/$f"; then
			echo "  $name: $f differs"
			diffs=$((diffs + 1))
		fi
	done
	local docs
	docs=$(wc -l < "$a/documents.ndjson")
	if [ "$diffs" -eq 0 ]; then
		echo "$name: identical ($(find "$a" -type f | wc -l) files, $docs documents, $(wc -l < "$a/snippets.ndjson") snippets, $(wc -l < "$a/findings.ndjson") findings)"
	else
		echo "$name: DIFFERENT ($diffs files)"
		failed=1
	fi
}

# run OUT BIN ARGS...: an export; exit 4 (partial) is a result too.
run() {
	local out=$1 bin=$2
	shift 2
	rm -rf "$out"
	"$bin" "$@" --out "$out" --quiet > "$tmp/stdout" 2> "$tmp/stderr" || {
		rc=$?
		[ "$rc" -eq 4 ] || { echo "bench: $bin $* failed (exit $rc)" >&2; tail -n 20 "$tmp/stderr" >&2; exit 1; }
	}
}

"$tmp/synthsite" -write "$tmp/site" -n "$SIZE" -base "$base"
"$tmp/synthsite" -serve "$tmp/site" -addr "127.0.0.1:$PORT" &
server_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "$base/robots.txt" 2>/dev/null && break; sleep 0.1; done
"$NEW_BIN" crawl "$base/" --archive "$tmp/archive" --concurrency 16 --quiet
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
rm -rf "$tmp/site"

run "$tmp/a-synth" "$BASE_BIN" migrate --archive "$tmp/archive"
run "$tmp/b-synth" "$NEW_BIN" migrate --archive "$tmp/archive"
same "$tmp/a-synth" "$tmp/b-synth" "synthetic ($SIZE pages, offline migrate)"
rm -rf "$tmp/a-synth" "$tmp/b-synth"

"$NEW_BIN" extract --archive "$tmp/archive" --out "$tmp/docs.ndjson" 2> /dev/null
(cd cmd && UMZUG_SYNTH_IN="$tmp/docs.ndjson" UMZUG_SYNTH_OUT="$tmp/dedup.ndjson" go test -run TestDecorateSyntheticDocuments -count=1 . > /dev/null)
run "$tmp/a-dedup" "$BASE_BIN" load "$tmp/dedup.ndjson"
run "$tmp/b-dedup" "$NEW_BIN" load "$tmp/dedup.ndjson"
same "$tmp/a-dedup" "$tmp/b-dedup" "dedup (umzug load of the decorated documents)"
rm -rf "$tmp/a-dedup" "$tmp/b-dedup"

# The demo crawled once into an archive (a live crawl stamps fetchedAt),
# then exported offline by both.
run "$tmp/crawl-demo" "$NEW_BIN" migrate --demo --archive "$tmp/demo-archive"
run "$tmp/a-demo" "$BASE_BIN" migrate --archive "$tmp/demo-archive"
run "$tmp/b-demo" "$NEW_BIN" migrate --archive "$tmp/demo-archive"
same "$tmp/a-demo" "$tmp/b-demo" "demo (the ministry site of umzug migrate --demo, offline)"

exit "$failed"
