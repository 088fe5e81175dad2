#!/bin/bash -eu
# Builds every native Go fuzz target of scapi-conformance for libFuzzer with
# the base image's native Go fuzzing support. One line per target:
#   compile_native_go_fuzzer <import path> <FuzzFunction> <fuzzer name>
# internal/fuzz/clusterfuzzlite_test.go fails when a Fuzz function of the
# repository is missing here (or a line names one that no longer exists).
# Seed corpora: Go's testdata/fuzz/<FuzzFunction> is zipped as
# <fuzzer name>_seed_corpus.zip after conversion (docs/fuzzing.md).
cd "$SRC/scapi-conformance"

compile_native_go_fuzzer scapi-conformance/contract/allowlist FuzzDecide allowlist_decide
compile_native_go_fuzzer scapi-conformance/contract/allowlist FuzzNormalizeOrigin allowlist_normalize_origin
compile_native_go_fuzzer scapi-conformance/contract/allowlist FuzzParse allowlist_parse
compile_native_go_fuzzer scapi-conformance/contract/ratelimit FuzzModel ratelimit_model
compile_native_go_fuzzer scapi-conformance/contract/ratelimit FuzzParseOptions ratelimit_parse_options
compile_native_go_fuzzer scapi-conformance/contract/userdata FuzzKeys userdata_keys
compile_native_go_fuzzer scapi-conformance/driver/internal/exchange FuzzDeliver exchange_deliver
compile_native_go_fuzzer scapi-conformance/contract/wire FuzzDecode wire_decode
compile_native_go_fuzzer scapi-conformance/contract/wire FuzzMarshal wire_marshal
compile_native_go_fuzzer scapi-conformance/fixtures/reference FuzzHandle reference_handle
compile_native_go_fuzzer scapi-conformance/fixtures/server FuzzRelayHandle server_relay_handle
compile_native_go_fuzzer scapi-conformance/schemas FuzzValidate schemas_validate

# Seed corpora from Go's format, for the targets that have one.
for line in $(grep -o '^compile_native_go_fuzzer [^ ]* [^ ]* [^ ]*' "$SRC/build.sh" | awk '{print $2":"$3":"$4}'); do
  pkg=${line%%:*}; rest=${line#*:}; fn=${rest%%:*}; name=${rest#*:}
  dir=${pkg#scapi-conformance/}/testdata/fuzz/$fn
  if [ -d "$dir" ]; then
    tmp=$(mktemp -d)
    if go run ./cmd/scapi-conformance fuzz corpus to-libfuzzer "$dir" "$tmp" >/dev/null; then
      (cd "$tmp" && zip -q "$OUT/${name}_seed_corpus.zip" ./*)
    else
      echo "build.sh: no seed corpus for $fn (its arguments do not convert)" >&2
    fi
    rm -rf "$tmp"
  fi
done
