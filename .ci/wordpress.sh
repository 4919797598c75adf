#!/usr/bin/env bash
# End to end into a real WordPress (Debian's 6.1 with MariaDB and PHP's
# built-in server on 127.0.0.1, see wordpress-site.sh):
#   1. migrate the demo site with --assets (files into the export);
#   2. load it with `umzug load --to wordpress` and read it back through
#      the REST API (check-wordpress.mjs): every document with title, date,
#      parent and blocks, every file in the media library, every snippet a
#      reusable block, no link to the old host, 0 invalid blocks by the
#      block editor's own validation, press releases in their categories
#      and with their tags (each term once), pages' terms in their meta;
#   3. load again: nothing created or updated; --dry-run agrees;
#   4. render an imported page in headless Chromium, keep a screenshot in
#      .ci/artifacts/;
#   5. on a fresh site, kill -9 a load halfway and run it again: no
#      duplicates, everything there.
# Prints the figures and writes them to .ci/artifacts/wordpress.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
echo "== WordPress end to end"
source .ci/wordpress-site.sh
wp_install_packages
(cd .ci/wordpress && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

tmp=$(mktemp -d)
mkdir -p .ci/artifacts
cleanup() {
	local rc=$?
	wp_stop
	rm -rf "$tmp"
	exit "$rc"
}
trap cleanup EXIT
go build -o "$tmp/umzug" ./cmd/umzug
umzug="$tmp/umzug"

"$umzug" migrate --demo --assets --out "$tmp/export" 2>"$tmp/migrate.log" || { cat "$tmp/migrate.log"; exit 1; }
grep -E '^(Documents|Assets|Files):' "$tmp/migrate.log"
cp -r "$tmp/export" "$tmp/export-resume"

port=$(free_port)
wp_start "$tmp/wp" "$port"
UMZUG_WP_PASSWORD=$(wp_new_site)
export UMZUG_WP_PASSWORD
load() { "$umzug" load "$1" --to wordpress --url "$WP_URL" --user umzug --concurrency 4 "${@:2}"; }

echo "-- first load"
load "$tmp/export" >"$tmp/load1.out" 2>"$tmp/load1.err" || { cat "$tmp/load1.err"; exit 1; }
grep -v ' level=' "$tmp/load1.err"
rate=$(sed -n 's/.*(documents \([0-9.]*\)\/s.*/\1/p' "$tmp/load1.err")

echo "-- read back and validate"
(cd .ci/wordpress && node check-wordpress.mjs "$WP_URL" umzug "$tmp/export") >"$tmp/check.json" || { cat "$tmp/check.json"; exit 1; }

echo "-- second load"
load "$tmp/export" >"$tmp/load2.out" 2>"$tmp/load2.err" || { cat "$tmp/load2.err"; exit 1; }
second_created=$(grep -c '^create' "$tmp/load2.out" || true)
second_updated=$(grep -c '^update' "$tmp/load2.out" || true)
load "$tmp/export" --dry-run >"$tmp/dry.out" 2>"$tmp/dry.err"
dry_changes=$(grep -cv '^unchanged' "$tmp/dry.out" || true)
echo "second load: $second_created created, $second_updated updated; dry run: $dry_changes changes"
if [ "$second_created" != 0 ] || [ "$second_updated" != 0 ] || [ "$dry_changes" != 0 ]; then
	grep -v '^unchanged' "$tmp/load2.out" "$tmp/dry.out" | head; exit 1
fi

echo "-- render a page in headless Chromium"
# The topic page on broadband: text, text & media with an image, a table, teasers, the contact snippet.
read -r page_id page_title < <(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if d["path"] == "/themen/breitband": print(d["id"], d["title"])' "$tmp/export/documents.ndjson")
page_url=$(awk -F'\t' -v id="$page_id" '$3 == id {print $4}' "$tmp/load1.out")
CHROMIUM="$(command -v chromium)" node .ci/wordpress/render-page.mjs "$page_url" "$page_title" .ci/artifacts/wordpress-page.png

echo "-- kill -9 halfway, then resume"
UMZUG_WP_PASSWORD=$(wp_new_site)
# umzug itself in the background (not a function: that would be a subshell, and kill -9 would
# leave umzug running).
"$umzug" load "$tmp/export-resume" --to wordpress --url "$WP_URL" --user umzug --concurrency 4 >"$tmp/killed.out" 2>"$tmp/killed.err" &
pid=$!
for _ in $(seq 1 600); do
	n=$(grep -c '"kind":"document".*"remote"' "$tmp/export-resume/.umzug-load-wordpress.ndjson" 2>/dev/null || true)
	[ "${n:-0}" -ge 20 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null || { echo "the load finished before it could be killed"; exit 1; }
wait "$pid" 2>/dev/null || true
echo "killed after $n documents"
load "$tmp/export-resume" >"$tmp/resume.out" 2>"$tmp/resume.err" || { cat "$tmp/resume.err"; exit 1; }
grep -v ' level=' "$tmp/resume.err"
(cd .ci/wordpress && node check-wordpress.mjs "$WP_URL" umzug "$tmp/export-resume") >"$tmp/check-resume.json" || { cat "$tmp/check-resume.json"; exit 1; }

python3 - "$tmp/check.json" "$tmp/check-resume.json" "$second_created" "$second_updated" "$rate" <<'EOF' | tee .ci/artifacts/wordpress.json
import json, sys
c, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(json.dumps({
    "documents": c["counts"]["documents"], "files": c["counts"]["media"], "snippets": c["counts"]["reusableBlocks"],
    "blocks": c["blocks"], "invalidBlocks": c["invalidBlocks"], "postsNotByteExact": c["postsNotByteExact"],
    "linksToOldHost": c["oldHostLinks"], "terms": c["terms"], "secondRunCreated": int(sys.argv[3]), "secondRunUpdated": int(sys.argv[4]),
    "resumeDuplicates": r["counts"]["duplicates"], "documentsPerSecond": float(sys.argv[5] or 0),
}, indent=2))
EOF
