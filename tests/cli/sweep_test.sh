#!/usr/bin/env bash
# hardmax sweep (and prop) as a campaign user meets them (issue 8): the summary does not depend on the number of
# processes; a killed rank loses no finished cell and --resume completes the campaign to the same
# summary; bad grids and reused output directories are refused.
#   tests/cli/sweep_test.sh PATH/TO/hardmax SOURCE_DIR HAVE_MPI(0|1)
set -u
hardmax="$1"
src="$2"
have_mpi="$3"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
small="$src/data/grids/ci-small.json"
slow="$src/data/grids/ci-slow.json"
# Open MPI refuses root unless told; CI runs as root.
mpi=(mpirun --allow-run-as-root --oversubscribe)

"$hardmax" sweep --grid "$small" --out "$work/one" 2>/dev/null && ok || bad "single-process sweep"
[ -f "$work/one/summary.csv" ] && [ -f "$work/one/summary.md" ] && ok || bad "summary files"
[ "$(ls "$work/one/cells" | wc -l)" -eq 12 ] && ok || bad "one file per cell"

# The same campaign split over two ranks gives the same summary, byte for byte.
if [ "$have_mpi" = 1 ]; then
  "${mpi[@]}" -np 2 "$hardmax" sweep --grid "$small" --out "$work/two" 2>"$work/two.err" && ok || { bad "mpirun -np 2 sweep"; cat "$work/two.err"; }
  grep -q "rank 1/2" "$work/two.err" && ok || bad "the second rank did not compute cells"
  cmp -s "$work/one/summary.csv" "$work/two/summary.csv" && ok || bad "summary.csv differs between 1 and 2 processes"
  grep -q "2 process(es)" "$work/two/summary.md" && ok || bad "summary.md does not record the process count"
  # Rank 0 decides about --out before any rank writes (a rank that looked on its own used to see the
  # other rank's first cells as an earlier sweep's, in 2 runs of 10): five fresh runs all start, and a
  # directory that does hold cells is refused by every rank.
  fresh=0
  for run in 1 2 3 4 5; do
    "${mpi[@]}" -np 2 "$hardmax" sweep --grid "$small" --out "$work/fresh$run" >/dev/null 2>"$work/fresh.err" && fresh=$((fresh + 1)) || cat "$work/fresh.err"
  done
  [ "$fresh" -eq 5 ] && ok || bad "mpirun -np 2 sweep into a new directory failed in $((5 - fresh)) of 5 runs"
  # The race made certain: rank 0 decides only after 1.5 s, long after rank 1 could have written a cell.
  HARDMAX_TEST_DIRECTORY_DELAY_MS=1500 "${mpi[@]}" -x HARDMAX_TEST_DIRECTORY_DELAY_MS -np 2 "$hardmax" sweep --grid "$small" \
    --out "$work/delayed" >/dev/null 2>"$work/delayed.err" && ok || { bad "a delayed directory decision lets another rank write first"; cat "$work/delayed.err"; }
  "${mpi[@]}" -np 2 "$hardmax" sweep --grid "$small" --out "$work/two" >/dev/null 2>"$work/again.err" && bad "a second sweep into the same --out was accepted" || ok
  [ "$(grep -c "holds cells of an earlier sweep" "$work/again.err")" -eq 2 ] && ok || bad "both ranks should refuse a directory holding cells"
  # hardmax prop too: property p runs on rank p mod N; the summary is the single process's.
  "$hardmax" prop --cases 20 --out "$work/prop-one" >/dev/null 2>&1 && ok || bad "prop on one process"
  "${mpi[@]}" -np 2 "$hardmax" prop --cases 20 --out "$work/prop-two" >/dev/null 2>&1 && ok || bad "prop under mpirun -np 2"
  /usr/bin/python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert all(a[k] == b[k] for k in ('properties', 'seed', 'cases', 'source_revision')), (a, b)" \
    "$work/prop-one/summary.json" "$work/prop-two/summary.json" && ok || bad "prop summary differs between 1 and 2 processes"
else
  echo "sweep_test: built without MPI: the mpirun comparison is skipped"
fi

# --resume recomputes only what is missing: delete two cells and the summary.
cp -r "$work/one" "$work/resumed"
rm "$work/resumed/summary.csv" "$work/resumed/cells/cell-000003.json" "$work/resumed/cells/cell-000007.json"
"$hardmax" sweep --grid "$small" --out "$work/resumed" --resume 2>"$work/resume.err" && ok || bad "--resume"
[ "$(grep -c '^\[rank' "$work/resume.err")" -eq 2 ] && ok || bad "--resume recomputed $(grep -c '^\[rank' "$work/resume.err") cells, expected 2"
cmp -s "$work/one/summary.csv" "$work/resumed/summary.csv" && ok || bad "resumed summary differs"

# Refusals: an earlier campaign's directory without --resume; a cell of another grid; a bad grid field.
"$hardmax" sweep --grid "$small" --out "$work/one" 2>"$work/err"; [ $? -eq 2 ] && grep -q "pass --resume" "$work/err" && ok || bad "reused --out accepted"
sed 's/"seed": 2026/"seed": 7/' "$small" >"$work/other-seed.json"
"$hardmax" sweep --grid "$work/other-seed.json" --out "$work/one" --resume 2>"$work/err"; [ $? -eq 2 ] && grep -q "different grid or seed" "$work/err" && ok || bad "cells of another seed accepted"
printf '{"n": [3], "alpha": ["0"]}' >"$work/bad.json"
"$hardmax" sweep --grid "$work/bad.json" --out "$work/bad" 2>"$work/err"; [ $? -eq 2 ] && grep -q "alpha\[0\]" "$work/err" && ok || bad "alpha = 0 accepted"
printf '{"n": [3], "alpha": [1e400]}' >"$work/bad.json"
"$hardmax" sweep --grid "$work/bad.json" --out "$work/bad" 2>"$work/err"; [ $? -eq 2 ] && grep -q "bad.json: cannot read the JSON" "$work/err" && ok || bad "a grid number beyond double's range is not bad input"
printf '{"n": [3], "alpha": ["1"], "generator": ["gaussian"]}' >"$work/bad.json"
"$hardmax" sweep --grid "$work/bad.json" --out "$work/bad" 2>"$work/err"; [ $? -eq 2 ] && grep -q "generator\[0\].*unknown generator" "$work/err" && ok || bad "unknown generator accepted"

# A rank killed mid-campaign: every cell file left behind is complete, and --resume (here on one
# process) finishes the campaign with the summary of an uninterrupted run.
"$hardmax" sweep --grid "$slow" --out "$work/slow-ref" 2>/dev/null && ok || bad "reference slow sweep"
if [ "$have_mpi" = 1 ]; then
  "${mpi[@]}" -np 2 "$hardmax" sweep --grid "$slow" --out "$work/slow" >/dev/null 2>&1 &
  launcher=$!
  # Kill the newest rank as soon as the first cell is on disk: the campaign is then surely mid-way.
  for _ in $(seq 600); do ls "$work/slow/cells"/*.json >/dev/null 2>&1 && break; sleep 0.05; done
  pkill -KILL -f "hardmax sweep --grid $slow --out $work/slow" -n
  wait "$launcher"
  [ $? -ne 0 ] && ok || bad "mpirun reported success although a rank was killed"
else  # without MPI the single process itself is the rank that dies
  "$hardmax" sweep --grid "$slow" --out "$work/slow" 2>/dev/null &
  for _ in $(seq 600); do ls "$work/slow/cells"/*.json >/dev/null 2>&1 && break; sleep 0.05; done
  kill -KILL $!
  wait $! 2>/dev/null
fi
for f in "$work/slow/cells"/*.json; do
  [ -e "$f" ] || continue
  /usr/bin/python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$f" && ok || bad "partial cell file $f"
done
"$hardmax" sweep --grid "$slow" --out "$work/slow" --resume 2>/dev/null && ok || bad "--resume after a killed rank"
cmp -s "$work/slow-ref/summary.csv" "$work/slow/summary.csv" && ok || bad "summary after kill + resume differs"

finish sweep
