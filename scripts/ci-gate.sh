#!/usr/bin/env bash
# ci-gate.sh — scapi-conformance as a CI gate: build the binary, run the conformance suite
# against a target (with a baseline of accepted failures when one is given), write the JUnit,
# JSON and HTML reports into one folder, and exit with the run's exit code.
#
# Usage:
#   scripts/ci-gate.sh [--out DIR] [--baseline FILE] [--bin FILE] [RUN FLAGS...]
#
#   --out DIR        folder for the reports (created if needed): junit.xml, results.json,
#                    certification.html. Default: $SCAPI_GATE_OUT, else conformance-reports.
#   --baseline FILE  YAML of accepted failures (scapi-conformance run --baseline): a new failure
#                    or an expired entry still fails. Default: $SCAPI_GATE_BASELINE, else none.
#   --bin FILE       use this scapi-conformance binary instead of building one.
#                    Default: $SCAPI_GATE_BIN, else `go build` (Go 1.26 on PATH) from this checkout.
#   RUN FLAGS        every other argument goes to `scapi-conformance run` unchanged: say what to
#                    certify, e.g. --target ws://workspace.example:8080/scapi --control URL,
#                    --profile workspace.yaml, --driver browser, --label-filter, --strict.
#                    With none of --target/--profile/--mutant the embedded reference Workspace
#                    is run (a try-out; an empty --target is refused, exit 2).
#
# Exit code: the run's — 0 conforming, 1 non-conforming (a failure the baseline does not
# accept, an expired entry), 2 usage or profile error (nothing was tested), 3 target
# unreachable, 4 incomplete (timeout, interrupt, target lost). The reports are written
# whenever the run got that far; the last line printed names them.
#
# Examples:
#   scripts/ci-gate.sh --out reports --profile ci/workspace.yaml --baseline ci/baseline.yaml
#   SCAPI_GATE_OUT=reports scripts/ci-gate.sh --target ws://127.0.0.1:8080/scapi --control http://127.0.0.1:8080/control
set -uo pipefail

out="${SCAPI_GATE_OUT:-conformance-reports}"
baseline="${SCAPI_GATE_BASELINE:-}"
bin="${SCAPI_GATE_BIN:-}"
run_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out|--baseline|--bin)
      if [ $# -lt 2 ]; then echo "ci-gate: $1 needs a value" >&2; exit 2; fi
      case "$1" in --out) out="$2" ;; --baseline) baseline="$2" ;; --bin) bin="$2" ;; esac
      shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --baseline=*) baseline="${1#*=}"; shift ;;
    --bin=*) bin="${1#*=}"; shift ;;
    *) run_flags+=("$1"); shift ;;
  esac
done
if [ -z "$out" ]; then echo "ci-gate: the output folder is empty (--out / SCAPI_GATE_OUT)" >&2; exit 2; fi
if ! mkdir -p "$out"; then echo "ci-gate: cannot create the output folder $out" >&2; exit 2; fi

if [ -z "$bin" ]; then
  if ! command -v go >/dev/null; then
    echo "ci-gate: Go is needed to build scapi-conformance (or give --bin FILE)" >&2; exit 2
  fi
  build_dir="$(mktemp -d)"
  trap 'rm -rf "$build_dir"' EXIT
  bin="$build_dir/scapi-conformance"
  echo "ci-gate: building scapi-conformance"
  if ! (cd "$(dirname "$0")/.." && go build -o "$bin" ./cmd/scapi-conformance); then
    echo "ci-gate: go build failed" >&2; exit 2
  fi
fi

args=(run --junit "$out/junit.xml" --json "$out/results.json" --html "$out/certification.html")
if [ -n "$baseline" ]; then args+=(--baseline "$baseline"); fi
args+=(${run_flags[@]+"${run_flags[@]}"})  # (an empty array under set -u in bash < 4.4)

echo "ci-gate: scapi-conformance ${args[*]}"
"$bin" "${args[@]}"
code=$?
case $code in
  0) verdict="conforming" ;;
  1) verdict="NON-CONFORMING" ;;
  2) verdict="usage or profile error: nothing was tested" ;;
  3) verdict="target unreachable" ;;
  4) verdict="INCOMPLETE" ;;
  *) verdict="unexpected exit code" ;;
esac
echo "ci-gate: exit $code ($verdict); reports in $out: junit.xml results.json certification.html"
exit $code
