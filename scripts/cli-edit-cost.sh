#!/usr/bin/env bash
# What one edit from the CLI costs: `duban assign` (a whole process: start, open, resolve
# the unit, one durable transaction) against the floor, the sqlite3 shell running one
# UPDATE transaction with duban's journal and sync settings (WAL, synchronous=FULL) on a
# copy of the same tracker. Runs interleaved (duban, sqlite3, duban, ...); prints medians.
# Usage: scripts/cli-edit-cost.sh [RUNS] [SIZES]      e.g. scripts/cli-edit-cost.sh 21 "24x31 10000x300"
#        BIN=folder uses the duban and duban-bench there (e.g. an older build) instead of
#        building this checkout's release build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
sizes=${2:-"24x31 10000x300 100000x1000"}
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)"; exit 2; }
if [[ -z ${BIN:-} ]]; then
  swift build -c release --product duban >/dev/null
  swift build -c release --product duban-bench >/dev/null
fi
bin=${BIN:-.build/release}
duban=$bin/duban
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

us() { echo $(( ($2 - $1) / 1000 )); }   # µs between two `date +%s%N` readings
median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'; }

printf '%-16s %12s %12s %8s\n' "tasks x units" "duban (ms)" "sqlite3 (ms)" "ratio"
for size in $sizes; do
  tasks=${size%x*}; units=${size#*x}
  "$bin/duban-bench" generate --tasks "$tasks" --units "$units" -o "$dir/t.csv"
  "$bin/duban" init --from "$dir/t.csv" --file "$dir/t.sqlite" >/dev/null 2>&1
  cp "$dir/t.sqlite" "$dir/raw.sqlite"
  # A unit without a role on task 1: given one and taken it again, turn by turn.
  unit=$(sqlite3 "$dir/t.sqlite" "SELECT name FROM units WHERE name NOT IN (SELECT unit FROM assignments WHERE task = 1) ORDER BY position LIMIT 1")
  lead=$(sqlite3 "$dir/raw.sqlite" "SELECT unit FROM assignments WHERE task = 1 AND role = 'lead' LIMIT 1")
  : >"$dir/d"; : >"$dir/s"
  for i in $(seq "$runs"); do
    if (( i % 2 )); then role=cooperating; raw=cooperating; else role=none; raw=lead; fi
    t0=$(date +%s%N)
    "$duban" assign 1 "$unit" --role "$role" --file "$dir/t.sqlite" >/dev/null
    t1=$(date +%s%N)
    sqlite3 "$dir/raw.sqlite" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; BEGIN IMMEDIATE;
      UPDATE assignments SET role = '$raw' WHERE task = 1 AND unit = '$lead'; COMMIT;" >/dev/null
    t2=$(date +%s%N)
    us "$t0" "$t1" >>"$dir/d"; us "$t1" "$t2" >>"$dir/s"
  done
  d=$(median <"$dir/d"); s=$(median <"$dir/s")
  printf '%-16s %12s %12s %8s\n' "$tasks x $units" "$d" "$s" "$(awk "BEGIN {printf \"%.1f\", $d/$s}")"
  rm -f "$dir"/t.sqlite* "$dir"/raw.sqlite*
done
