#!/usr/bin/env bash
# Runs every test of scapi-conformance on this machine, browser tests included,
# installing what is missing first (Go modules, Debian's Chromium).
# Usage: bash scripts/test-all.sh        (FUZZTIME=10s by default per fuzz target)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null; then
  echo "test-all: Go 1.26 is required (https://go.dev/dl); not found on PATH" >&2
  exit 2
fi
if [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null; then
  echo "test-all: installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export SCAPI_REQUIRE_BROWSER=1   # browser tests fail instead of skipping when Chromium is missing

echo "== go mod download"; go mod download
echo "== gofmt"; unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi
echo "== go vet"; go vet ./...
echo "== go test"; go test -count=1 -timeout 20m ./...
echo "== the suite against the reference over the browser driver"
go build -o /tmp/scapi-conformance-ci ./cmd/scapi-conformance
/tmp/scapi-conformance-ci run --driver browser
echo "== selftest: the reference passes, every mutant is caught"
/tmp/scapi-conformance-ci selftest
echo "== selftest --fixed: the reference configured once passes under every option set, every security mutant is caught"
/tmp/scapi-conformance-ci selftest --fixed --security --json /tmp/scapi-conformance-ci-fixed.json
if [ -f scripts/fuzz-all.sh ]; then
  echo "== fuzz targets (bounded)"; FUZZTIME="${FUZZTIME:-10s}" bash scripts/fuzz-all.sh
fi
echo "test-all: everything passed"
