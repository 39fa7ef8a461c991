#!/usr/bin/env bash
# Time to first screen in tmux: duban on a 10,000×300 tracker vs VisiData on the same CSV.
# Usage: scripts/compare-visidata.sh [TASKS] [UNITS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-10000}; units=${2:-300}; runs=${3:-5}
command -v vd >/dev/null || { echo "VisiData is not installed (apt-get install visidata)"; exit 2; }
swift build -c release --product duban --product duban-bench >/dev/null
bin=.build/release
dir=$(mktemp -d)
trap 'tmux -L duban-cmp kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin/duban-bench" generate --tasks "$tasks" --units "$units" -o "$dir/plan.csv"
t0=$(date +%s%N)
"$bin/duban" init --from "$dir/plan.csv" --file "$dir/t.sqlite" >/dev/null
echo "duban import of the CSV: $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# Starts CMD in a 120×40 tmux pane and prints the ms until the pane shows PATTERN.
first_screen() {
  local pattern=$1; shift
  tmux -L duban-cmp kill-server 2>/dev/null || true
  local t0; t0=$(date +%s%N)
  tmux -L duban-cmp -f /dev/null new-session -d -x 120 -y 40 "$*"
  while ! tmux -L duban-cmp capture-pane -p 2>/dev/null | grep -q "$pattern"; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  tmux -L duban-cmp kill-server 2>/dev/null || true
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

d=$(for _ in $(seq "$runs"); do first_screen "第1项" "LANG=C.UTF-8 $bin/duban --file $dir/t.sqlite --lang zh"; done | median)
# VisiData shows the row count when it has loaded the whole file.
v=$(for _ in $(seq "$runs"); do first_screen "$tasks rows" "LANG=C.UTF-8 vd $dir/plan.csv"; done | median)
echo "time to first screen (median of $runs, ${tasks}×${units}): duban ${d} ms, VisiData ${v} ms, ratio VisiData/duban $(awk "BEGIN {printf \"%.2f\", $v/$d}")"
