#!/usr/bin/env bash
# Run every fuzz target for SECS seconds (default 600) on one core. Each target's corpus grows in
# $FUZZ_WORK/<target> (seeded from the small committed fuzz/corpus/<target>) and is kept between
# runs; it is not committed (tens of MB). Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Usage: fuzz/run.sh [SECS] [target...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(decode clean extract sections query)
work=${FUZZ_WORK:-target/fuzz-work}
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp -n corpus/"$t"/* "$work/$t"/ 2>/dev/null || true
  # -len_control=20 lets inputs grow past a few hundred bytes within minutes.
  cargo +nightly fuzz run -O "$t" "$work/$t" -- \
    -max_total_time="$secs" -max_len=4096 -len_control=20 -print_final_stats=1 \
    2>&1 | tail -n 25 >"$work/$t.log"
  echo "$t: $(grep -E 'stat::number_of_executed_units|cov:' "$work/$t.log" | tail -n 2 | tr '\n' ' ')"
done
