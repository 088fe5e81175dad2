#!/usr/bin/env bash
# Runs every native Go fuzz target of the repository, one at a time, for
# $FUZZTIME each (default 10s), and fails if any of them finds something (the
# failing input is then in <package>/testdata/fuzz/<Target>/, keep it there as
# a regression) or if a package does not build.
# Usage: FUZZTIME=60s bash scripts/fuzz-all.sh [package pattern ...]   (default ./...)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-10s}"
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=(./...)

# go test -list prints each package's matching names, then "ok  <pkg> <time>".
listing=$(go test -run '^$' -list '^Fuzz' "${patterns[@]}" 2>&1) || {
  echo "fuzz-all: listing fuzz targets failed:" >&2
  echo "$listing" >&2
  exit 1
}
targets=()
names=()
while IFS= read -r line; do
  case "$line" in
    Fuzz*) names+=("$line") ;;
    ok*)
      pkg=$(awk '{print $2}' <<<"$line")
      for n in "${names[@]}"; do targets+=("$pkg $n"); done
      names=()
      ;;
    *) names=() ;;
  esac
done <<<"$listing"

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz-all: no fuzz target found in ${patterns[*]}" >&2
  exit 1
fi

# Go 1.26's fuzz coordinator can end a run that found nothing with a bare
# "context deadline exceeded" at the -fuzztime boundary (golang/go#75804, fixed
# in Go 1.27): such a run counts as passed when it wrote no new failing input.
# Any other failure, or any new input under testdata/fuzz/<Target>/, fails.
corpus_files() { if [ -d "$1" ]; then find "$1" -type f | sort; fi; }

echo "fuzz-all: ${#targets[@]} fuzz targets, $fuzztime each"
failed=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "== $name ($pkg)"
  dir="$(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$name"
  before=$(corpus_files "$dir")
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" 2>&1 | tee "$log"; then
    if [ "$before" = "$(corpus_files "$dir")" ] && grep -q '^    context deadline exceeded$' "$log" \
      && [ "$(grep -c -- '^--- FAIL' "$log")" = 1 ]; then
      echo "fuzz-all: $name ended on Go's fuzztime deadline race (golang/go#75804) with no new input: counted as passed"
    else
      failed+=("$name ($pkg)")
    fi
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz-all: ${#failed[@]} of ${#targets[@]} fuzz targets failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz-all: ${#targets[@]} fuzz targets passed"
