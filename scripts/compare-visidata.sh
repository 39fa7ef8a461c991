#!/usr/bin/env bash
# Side by side on the same generated CSV: duban (on the tracker `duban init --from` made of it),
# VisiData and sc-im. For each size and run, interleaved (duban, VisiData, sc-im, duban, ...),
# a fresh process in a fresh tmux server at 160×45; the time is from starting the pane until
# row 3 of the table is on screen (duban and sc-im: the title "第3项"; VisiData cuts titles,
# so its row " 3 │"). Prints medians and ratios (duban's time over theirs: below 1 is
# faster; issue 14's target at 100,000 × 1,000 is 0.3 of VisiData), then peak memory (VmHWM, the figure
# /usr/bin/time -v calls "Maximum resident set size") of each at the largest size, read
# 3 s after its first screen.
#
# Usage: scripts/compare-visidata.sh [RUNS] [SIZES]     e.g. scripts/compare-visidata.sh 5 "1000x100 10000x300"
#   BIN=folder   use the duban and duban-bench there instead of building the release build.
#   SCIM=path    the sc-im binary. sc-im is not a Debian package: build it from its public
#                repository (github.com/andmarti1424/sc-im) outside this checkout, never commit it:
#                  cd /tmp/sc-im/src && sed -i 's/-DMAXROWS=65536/-DMAXROWS=1048576/' Makefile && make
#                (its default row limit is 65,536; it needs bison and libncursesw/libxml2 headers).
#                Without SCIM, sc-im is left out.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sizes=${2:-"1000x100 10000x300 100000x1000"}
command -v vd >/dev/null || { echo "VisiData is not installed (apt-get install visidata)"; exit 2; }
if [[ -z ${BIN:-} ]]; then
  swift build -c release --product duban >/dev/null
  swift build -c release --product duban-bench >/dev/null
fi
bin=$(cd "${BIN:-.build/release}" && pwd)
scim=${SCIM:-}
[[ -n $scim && ! -x $scim ]] && { echo "SCIM=$scim is not an executable"; exit 2; }
dir=$(mktemp -d)
sock=duban-cmp-$$
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT

# Starts CMD in a 160×45 tmux pane; prints the ms until the pane matches the regex PATTERN.
# With MEM set, also waits 3 s more and prints the pane process's peak resident memory in MB.
first_screen() {
  local pattern=$1; shift
  tmux -L "$sock" kill-server 2>/dev/null || true
  local t0 t1; t0=$(date +%s%N)
  tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 45 "exec $*"
  until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -Eq "$pattern"; do
    (( ($(date +%s%N) - t0) > 120000000000 )) && { echo "timeout waiting for $pattern" >&2; break; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  local out=$(( (t1 - t0) / 1000000 ))
  if [[ -n ${MEM:-} ]]; then
    # duban reads the rest of a large plan after its first screen: wait until that is in.
    if [[ -n ${LOADING:-} ]]; then
      while tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "$LOADING"; do sleep 0.05; done
    fi
    sleep 3
    local pid; pid=$(tmux -L "$sock" display -p '#{pane_pid}')
    out="$out $(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
  fi
  echo "$out"
  tmux -L "$sock" kill-server 2>/dev/null || true
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk "BEGIN {printf \"%.2f\", $1/$2}"; }

duban_cmd() { echo "env LANG=C.UTF-8 $bin/duban --file $dir/t.sqlite --lang zh"; }
vd_cmd() { echo "env LANG=C.UTF-8 vd $dir/plan.csv"; }
scim_cmd() { echo "env LANG=C.UTF-8 $scim $dir/plan.csv"; }
duban_pat='第3项'; vd_pat='^ 3 +│'; scim_pat='第3项'

printf '%-16s %10s %10s %10s %14s %12s\n' "tasks x units" "duban ms" "VisiData" "sc-im" "duban/VisiData" "duban/sc-im"
last=""
for size in $sizes; do
  tasks=${size%x*}; units=${size#*x}
  "$bin/duban-bench" generate --tasks "$tasks" --units "$units" -o "$dir/plan.csv"
  rm -f "$dir"/t.sqlite*
  "$bin/duban" init --from "$dir/plan.csv" --file "$dir/t.sqlite" >/dev/null 2>&1
  : >"$dir/d"; : >"$dir/v"; : >"$dir/s"
  for _ in $(seq "$runs"); do
    first_screen "$duban_pat" "$(duban_cmd)" >>"$dir/d"
    first_screen "$vd_pat" "$(vd_cmd)" >>"$dir/v"
    [[ -n $scim ]] && first_screen "$scim_pat" "$(scim_cmd)" >>"$dir/s"
  done
  d=$(median <"$dir/d"); v=$(median <"$dir/v")
  if [[ -n $scim ]]; then s=$(median <"$dir/s"); sr=$(ratio "$d" "$s"); else s="-"; sr="-"; fi
  printf '%-16s %10s %10s %10s %14s %12s\n' "$tasks x $units" "$d" "$v" "$s" "$(ratio "$d" "$v")" "$sr"
  echo "  runs (ms): duban $(tr '\n' ' ' <"$dir/d")| VisiData $(tr '\n' ' ' <"$dir/v")| sc-im $(tr '\n' ' ' <"$dir/s")"
  last=$size
done

# Peak memory at the last size (the CSV and tracker of that size are still in $dir).
echo "peak resident memory at ${last/x/ × } (MB, 3 s after the first screen):"
m=$(MEM=1 LOADING=载入中 first_screen "$duban_pat" "$(duban_cmd)"); echo "  duban    ${m#* } (3 s after the whole plan is in)"
m=$(MEM=1 first_screen "$vd_pat" "$(vd_cmd)"); echo "  VisiData ${m#* }"
if [[ -n $scim ]]; then m=$(MEM=1 first_screen "$scim_pat" "$(scim_cmd)"); echo "  sc-im    ${m#* }"; fi
