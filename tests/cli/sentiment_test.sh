#!/usr/bin/env bash
# hardmax sentiment train as CI affords it (issue 9): 2,000 training and 2,000 test reviews of the
# official split, d = 2, 3 epochs, must pass 60% test accuracy, with its hardmax (double and certified)
# evaluation; --resume reaches the uninterrupted run's checkpoint bit for bit; bad data is refused
# naming file and line. The smoke run uses learning rate 0.05 (the paper's 0.001 needs more than the
# 96 steps 3 epochs of 2,000 reviews give).
#   tests/cli/sentiment_test.sh PATH/TO/hardmax SHARED_DATA_DIR
set -u
hardmax="$1"
data="$2"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
smoke=(sentiment train --data "$data/imdb" --stop-words "$data/stopwords-en.txt" --train-limit 2000 --test-limit 2000
       --dim 2 --seed 7 --threads 2 --learning-rate 0.05)

"$hardmax" "${smoke[@]}" --epochs 3 --certified --out "$work/full" >"$work/full.log" 2>&1 && ok || { bad "smoke run"; cat "$work/full.log"; }
cat "$work/full.log" | grep '^epoch'
/usr/bin/python3 - "$work/full/epochs.csv" <<'PY' && ok || bad "epochs.csv: accuracy or columns"
import csv, sys
rows = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#'))]
assert len(rows) == 3, rows
last = rows[-1]
assert float(last['test_accuracy']) > 0.60, last
assert 0 < float(last['hardmax_double_test_accuracy']) <= 1 and last['hardmax_certified_test_accuracy'], last
assert float(last['alpha']) > 0
PY
[ -f "$work/full/vocabulary.txt" ] && [ -f "$work/full/checkpoint.bin" ] && ok || bad "vocabulary and checkpoint beside the model"

# Interrupted after 2 epochs, resumed to 3: the same parameters, bit for bit.
"$hardmax" "${smoke[@]}" --epochs 2 --out "$work/resumed" >/dev/null 2>&1 && ok || bad "2-epoch run"
"$hardmax" "${smoke[@]}" --epochs 3 --out "$work/resumed" --resume >/dev/null 2>&1 && ok || bad "--resume"
cmp -s "$work/full/checkpoint.bin" "$work/resumed/checkpoint.bin" && ok || bad "resumed checkpoint differs from the uninterrupted run's"
"$hardmax" "${smoke[@]}" --epochs 3 --out "$work/resumed" >/dev/null 2>"$work/err"; [ $? -eq 2 ] && grep -q "pass --resume" "$work/err" && ok || bad "existing checkpoint overwritten without --resume"

# A malformed row is reported with file and line, never skipped.
mkdir -p "$work/bad"
printf 'review,sentiment\n"good film",positive\n"bad film",neutral\n' >"$work/bad/train.csv"
cp "$work/bad/train.csv" "$work/bad/test.csv"
"$hardmax" sentiment train --data "$work/bad" --stop-words "$data/stopwords-en.txt" --epochs 1 --out "$work/bad-out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "train.csv:3" "$work/err" && ok || { bad "bad label not reported with file:line"; cat "$work/err"; }

finish sentiment
