#!/bin/sh
# Fuzzes the table importer, the sanitizer, the text decoder (encodings) or the .xlsx reader
# with libFuzzer (+ AddressSanitizer).
#   scripts/fuzz.sh [importer|sanitizer|decoder|xlsx] [seconds]
# New interesting inputs go to the corpus in Tests/DubanCoreTests/FuzzCorpus/<target>/
# (commit the small ones that found bugs: FuzzCorpusTests replays them); crashes are
# written to .build-fuzz/artifacts/. Replay files without libFuzzer:
#   DUBAN_FUZZ_TARGET=importer swift run duban-fuzz FILE|DIR...
set -eu
target=${1:-importer}
seconds=${2:-60}
case $target in importer|sanitizer|decoder|xlsx) ;; *) echo "usage: $0 [importer|sanitizer|decoder|xlsx] [seconds]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
swift build -c release --product duban-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    --scratch-path .build-fuzz
bin=$(swift build -c release --product duban-fuzz --scratch-path .build-fuzz --show-bin-path)/duban-fuzz
corpus=Tests/DubanCoreTests/FuzzCorpus/$target
work=.build-fuzz/corpus/$target
mkdir -p "$work" .build-fuzz/artifacts
LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
DUBAN_FUZZ_TARGET=$target "$bin" "$work" "$corpus" \
    -max_total_time="$seconds" -max_len="${DUBAN_FUZZ_MAX_LEN:-20000}" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/artifacts/"$target"- -print_final_stats=1
