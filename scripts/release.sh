#!/usr/bin/env bash
# Builds the release archives of umzug into dist/: one per target,
# umzug_<version>_<os>_<arch>.tar.gz (.zip for Windows) with the binary and
# README.md, and SHA256SUMS. Pure Go (CGO_ENABLED=0), so it cross-compiles
# from any machine; the version is written into the binary with -ldflags.
#
#   scripts/release.sh                      # version from git describe
#   VERSION=1.2.0 scripts/release.sh
#   TARGETS="linux/amd64" scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
VERSION=${VERSION#v}
TARGETS=${TARGETS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64"}
OUT=${OUT:-dist}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in $TARGETS; do
	os=${t%/*} arch=${t#*/}
	name="umzug_${VERSION}_${os}_${arch}"
	exe=umzug
	[ "$os" = windows ] && exe=umzug.exe
	mkdir -p "$work/$name"
	echo "building $name"
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath \
		-ldflags "-s -w -X github.com/umzug/umzug.Version=$VERSION" \
		-o "$work/$name/$exe" ./cmd/umzug
	cp README.md "$work/$name/"
	if [ "$os" = windows ]; then
		rm -f "$OUT/$name.zip"
		(cd "$work" && find "$name" -exec touch -d @0 {} + && zip -qrX "$OUT/$name.zip" "$name")
	else
		tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -czf "$OUT/$name.tar.gz" "$name"
	fi
done
(cd "$OUT" && sha256sum umzug_"${VERSION}"_* >SHA256SUMS)
echo "archives in $OUT:"
ls -l "$OUT"
