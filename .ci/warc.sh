#!/usr/bin/env bash
# The WARC archive read back by an independent reader: installs warcio.js
# (npm ci from .ci/warcio/package-lock.json; idempotent), runs the archive
# tests with UMZUG_WARCIO_CHECK set so that they read their archives with
# it too, and checks the archive of a demo migration. The reader checks
# record types, target URIs, payload digests and request/response pairs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
. .ci/lib.sh

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	apt_install nodejs npm
fi
(cd .ci/warcio && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

echo "== WARC read back with warcio.js"
out=$(UMZUG_WARCIO_CHECK="$PWD/.ci/warcio/check.mjs" go test -count=1 -v \
	-run '^(TestCrawlSurvivesFaultsIntoArchive|TestRecrawlIsConditionalAndDiffFindsChanges)$' ./extract/crawl)
echo "$out" | grep -E '^(---|ok|FAIL|PASS)|warc check'
# The tests must have run and called warcio.js (a renamed test or package
# would otherwise pass as "no tests to run").
if ! echo "$out" | grep -q 'warc check'; then
	echo "warc.sh: the crawl tests did not run warcio.js"; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/umzug migrate --demo --out "$tmp/export" --archive "$tmp/archive" --quiet
node .ci/warcio/check.mjs "$tmp/archive" 50
