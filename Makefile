# Conveniences around the go tool; everything also works without make.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/umzug/umzug.Version=$(VERSION:v%=%)

.PHONY: build install test ci release clean

build:            ## bin/umzug for this machine
	go build -trimpath -ldflags "$(LDFLAGS)" -o bin/umzug ./cmd/umzug

install:          ## umzug into $(go env GOPATH)/bin
	go install -trimpath -ldflags "$(LDFLAGS)" ./cmd/umzug

test:             ## the tests with the race detector
	go test -race ./...

ci:               ## what CI runs (installs Debian packages it needs)
	bash .ci/run

release:          ## dist/: archives for Linux, macOS and Windows, SHA256SUMS
	VERSION=$(VERSION) scripts/release.sh

clean:
	rm -rf bin dist
