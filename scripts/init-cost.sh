#!/usr/bin/env bash
# What `duban init --from TABLE` costs against a plain SQL bulk load of the same rows: the
# whole `duban init --from plan.csv` (start, read and parse the CSV, resolve the units, write
# and fsync the file) against the sqlite3 shell running one script in one transaction on the
# same CSV: the same tables and indexes (the schema of a tracker duban made), `.import` of the
# CSV, then tasks, units and the 1.1 million assignments split out of the lists with
# json_each, and WAL switched on at the end, as duban leaves its files. SQLite's defaults
# otherwise (rollback journal, synchronous=FULL). Interleaved runs; prints medians.
# Usage: scripts/init-cost.sh [RUNS] [SIZES]      e.g. scripts/init-cost.sh 5 "10000x300 100000x1000"
#        BIN=folder uses the duban and duban-bench there instead of building the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sizes=${2:-"1000x100 10000x300 100000x1000"}
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)"; exit 2; }
if [[ -z ${BIN:-} ]]; then
  swift build -c release --product duban >/dev/null
  swift build -c release --product duban-bench >/dev/null
fi
bin=${BIN:-.build/release}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

us() { echo $(( ($2 - $1) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.0f", m/1000}'; }

# The schema of a tracker, from a tiny one duban makes.
"$bin/duban-bench" generate --tasks 3 --units 5 -o "$dir/tiny.csv"
"$bin/duban" init --from "$dir/tiny.csv" --file "$dir/tiny.sqlite" >/dev/null 2>&1
sqlite3 "$dir/tiny.sqlite" .schema | grep -v '^CREATE TABLE sqlite_sequence' >"$dir/schema.sql"

cat >"$dir/load.sql" <<EOF
BEGIN;
.read $dir/schema.sql
CREATE TEMP TABLE raw (n INTEGER, title TEXT, leads TEXT, coops TEXT);
.import --csv --skip 1 $dir/plan.csv raw
CREATE TEMP TABLE listed AS
  SELECT r.n AS task, j.value AS unit, 'lead' AS role, j.key AS k, r.rowid AS row FROM raw r,
         json_each('["' || replace(r.leads, '、', '","') || '"]') j
  UNION ALL
  SELECT r.n, j.value, 'cooperating', 1000 + j.key, r.rowid FROM raw r,
         json_each('["' || replace(r.coops, '、', '","') || '"]') j WHERE r.coops <> '';
INSERT INTO units (name, short, abbr, full_form, aliases, position)
  SELECT unit, substr(unit, 2), substr(unit, 2, 2) || (row_number() OVER (ORDER BY o)), '', '[]',
         row_number() OVER (ORDER BY o) - 1
  FROM (SELECT unit, min(row * 10000 + k) AS o FROM listed GROUP BY unit);
INSERT INTO tasks (number, title, follow_up, notes, position) SELECT n, title, NULL, '', rowid - 1 FROM raw;
INSERT INTO assignments (task, unit, role, position)
  SELECT task, unit, role, 1024 * (row_number() OVER (PARTITION BY task ORDER BY k) - 1) FROM listed ORDER BY task, unit;
COMMIT;
PRAGMA journal_mode = WAL;
EOF

printf '%-16s %14s %14s %8s\n' "tasks x units" "duban (ms)" "sqlite3 (ms)" "ratio"
for size in $sizes; do
  tasks=${size%x*}; units=${size#*x}
  "$bin/duban-bench" generate --tasks "$tasks" --units "$units" -o "$dir/plan.csv"
  : >"$dir/d"; : >"$dir/s"
  for _ in $(seq "$runs"); do
    rm -f "$dir"/t.sqlite* "$dir"/raw.sqlite*
    t0=$(date +%s%N)
    "$bin/duban" init --from "$dir/plan.csv" --file "$dir/t.sqlite" >/dev/null 2>&1
    t1=$(date +%s%N)
    sqlite3 "$dir/raw.sqlite" <"$dir/load.sql" >/dev/null
    t2=$(date +%s%N)
    us "$t0" "$t1" >>"$dir/d"; us "$t1" "$t2" >>"$dir/s"
  done
  # The floor must hold what duban's file holds.
  a=$(sqlite3 "$dir/t.sqlite" "SELECT count(*) FROM tasks; SELECT count(*) FROM assignments; SELECT count(*) FROM units" | tr '\n' ' ')
  b=$(sqlite3 "$dir/raw.sqlite" "SELECT count(*) FROM tasks; SELECT count(*) FROM assignments; SELECT count(*) FROM units" | tr '\n' ' ')
  [[ $a == "$b" ]] || echo "warning: duban's file holds $a(tasks assignments units), the floor's $b"
  d=$(median <"$dir/d"); s=$(median <"$dir/s")
  printf '%-16s %14s %14s %8s\n' "$tasks x $units" "$d" "$s" "$(awk "BEGIN {printf \"%.2f\", $d/$s}")"
done
