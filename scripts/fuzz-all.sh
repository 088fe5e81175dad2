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

echo "fuzz-all: ${#targets[@]} fuzz targets, $fuzztime each"
failed=()
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "== $name ($pkg)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"; then
    failed+=("$name ($pkg)")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz-all: ${#failed[@]} of ${#targets[@]} fuzz targets failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz-all: ${#targets[@]} fuzz targets passed"
