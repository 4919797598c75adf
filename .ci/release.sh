#!/usr/bin/env bash
# The release script builds an archive for this machine whose binary
# reports the version it was given, with a matching SHA256SUMS. (The other
# targets cross-compile the same way: make release.)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
echo "== release archive"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
target="$(go env GOOS)/$(go env GOARCH)"
VERSION=0.0.0-ci TARGETS="$target" OUT="$out" scripts/release.sh >/dev/null
name="umzug_0.0.0-ci_$(go env GOOS)_$(go env GOARCH)"
tar -xzf "$out/$name.tar.gz" -C "$out"
got=$("$out/$name/umzug" version)
case "$got" in
"umzug 0.0.0-ci "*) echo "$name: $got" ;;
*) echo "release binary reports: $got; want version 0.0.0-ci" >&2; exit 1 ;;
esac
(cd "$out" && sha256sum --quiet -c SHA256SUMS)
