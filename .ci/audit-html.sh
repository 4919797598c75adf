#!/usr/bin/env bash
# Renders the demo site's audit report in headless Chromium (Debian's
# package) and checks it: no console errors, no network requests, the
# rule, severity and page filters work. Installs what it needs; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== audit html report in headless chromium"
export PATH="/usr/local/go/bin:$PATH"
. .ci/lib.sh

if ! command -v chromium >/dev/null 2>&1; then
	apt_install chromium
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	apt_install nodejs npm
fi
(cd audit/testdata/browser && npm ci --no-audit --no-fund --silent)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/umzug audit --demo --quiet --format html --out "$tmp/report.html"
CHROMIUM="$(command -v chromium)" node audit/testdata/browser/check-report.mjs "$tmp/report.html"
