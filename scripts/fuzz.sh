#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with clang (ASan + UBSan) in
# build-fuzz/ and runs each for SECONDS (default 60) from a copy of its seed
# corpus. A crash leaves its input in build-fuzz/artifacts/ and fails.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/deps.sh clang libclang-rt-dev
export CC=clang CXX=clang++
if [[ ! -f build-fuzz/CMakeCache.txt ]]; then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTERDICT_FUZZ=ON \
    -DINTERDICT_BUILD_TESTS=ON -DINTERDICT_BUILD_BENCHMARKS=OFF -DINTERDICT_BUILD_EXAMPLES=OFF >/dev/null
fi
cmake --build build-fuzz -j "${JOBS:-2}" --target policy_fuzzer transaction_fuzzer list_fuzzer 2>&1 |
  { grep -v -E '^\[ *[0-9]+%\] (Building|Linking|Built)|^gmake|^make\[' || true; }
mkdir -p build-fuzz/artifacts
for fuzzer in policy transaction list; do
  work=$(mktemp -d)
  cp tests/fuzz/corpus/$fuzzer/* "$work/"
  echo "== ${fuzzer}_fuzzer for ${seconds}s"
  log=build-fuzz/${fuzzer}_fuzzer.log
  status=0
  build-fuzz/bin/${fuzzer}_fuzzer "$work" -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" "$log" || true
  rm -rf "$work"
  if [[ $status -ne 0 ]]; then
    tail -n 40 "$log" >&2
    echo "${fuzzer}_fuzzer failed; the input is in build-fuzz/artifacts/" >&2
    exit 1
  fi
done
