#!/usr/bin/env bash
# hardmax sentiment train as CI affords it (issues 9 and 15): the paper's preset (its text pipeline with
# WordNet lemmas, pooled vocabulary and 70/30 split, learnt padding, raw alpha, BCE on the sigmoid) on
# 2,000 training and 2,000 test reviews, d = 2, 3 epochs, must pass 60% test accuracy, with its hardmax
# (double and certified) evaluation; --resume reaches the uninterrupted run's checkpoint bit for bit and
# refuses another choice; export writes the run's own ids; eval, leaders and plot on the trained run;
# the suite's own choices on the official split; bad data, a missing WordNet database and missing or
# broken runs are refused naming file and line. The smoke run uses learning rate 0.05 (the paper's
# 0.001 needs more than the 96 steps 3 epochs of 2,000 reviews give).
#   tests/cli/sentiment_test.sh PATH/TO/hardmax SHARED_DATA_DIR
set -u
hardmax="$1"
data="$2"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"
smoke=(sentiment train --preset paper --data "$data/imdb" --stop-words "$data/stopwords-en.txt" --train-limit 2000
       --test-limit 2000 --dim 2 --seed 7 --threads 2 --learning-rate 0.05)

"$hardmax" "${smoke[@]}" --epochs 3 --certified --out "$work/full" >"$work/full.log" 2>&1 && ok || { bad "smoke run"; cat "$work/full.log"; }
cat "$work/full.log" | grep '^epoch'
/usr/bin/python3 - "$work/full/epochs.csv" <<'PY' && ok || bad "epochs.csv: accuracy or columns"
import csv, sys
rows = [r for r in csv.DictReader(l for l in open(sys.argv[1]) if not l.startswith('#'))]
assert len(rows) == 3, rows
last = rows[-1]
assert float(last['test_accuracy']) > 0.60, last
assert 0 < float(last['hardmax_double_test_accuracy']) <= 1 and last['hardmax_certified_test_accuracy'], last
assert float(last['alpha_min_in_epoch']) <= float(last['alpha']) and int(last['alpha_nonpositive_steps']) >= 0, last
assert 0.5 < float(last['test_accuracy_batch_mean']) <= 1 and 0 < float(last['train_accuracy_batch_mean']) <= 1, last
PY
/usr/bin/python3 - "$work/full/setup.json" <<'PY' && ok || bad "setup.json of a paper-preset run"
import json, sys
s = json.load(open(sys.argv[1]))
assert s['partition'] == 'pooled' and s['partition_seed'] == 7 and s['vocabulary'] == 'all', s
assert s['text'] == {'cleaning': 'paper', 'case': 'keep', 'lemmas': 'wordnet', 'wordnet': '/usr/share/wordnet'}, s
assert s['train_limit'] == 2000 and len(s['encoded_digest']) == 16, s
PY
head -3 "$work/full/vocabulary.txt" | tail -2 | grep -q '^[A-Z]' && ok || bad "case kept: capitalised words among the most frequent"
[ -f "$work/full/vocabulary.txt" ] && [ -f "$work/full/checkpoint.bin" ] && ok || bad "vocabulary and checkpoint beside the model"

# Interrupted after 2 epochs, resumed to 3: the same parameters, bit for bit.
"$hardmax" "${smoke[@]}" --epochs 2 --out "$work/resumed" >/dev/null 2>&1 && ok || bad "2-epoch run"
"$hardmax" "${smoke[@]}" --epochs 3 --out "$work/resumed" --resume >/dev/null 2>&1 && ok || bad "--resume"
cmp -s "$work/full/checkpoint.bin" "$work/resumed/checkpoint.bin" && ok || bad "resumed checkpoint differs from the uninterrupted run's"
"$hardmax" "${smoke[@]}" --epochs 3 --out "$work/resumed" >/dev/null 2>"$work/err"; [ $? -eq 2 ] && grep -q "pass --resume" "$work/err" && ok || bad "existing checkpoint overwritten without --resume"
"$hardmax" "${smoke[@]}" --epochs 4 --out "$work/resumed" --resume --padding zero >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q "trained with --padding learnt, not zero" "$work/err" && ok || { bad "resume with another padding"; cat "$work/err"; }
# --init with --resume would be ignored (the checkpoint's weights win): refused, the checkpoint untouched.
cp "$work/resumed/checkpoint.bin" "$work/before-init"
"$hardmax" "${smoke[@]}" --epochs 4 --out "$work/resumed" --resume --init "$work/resumed" >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q -E -- "--(init excludes --resume|resume excludes --init)" "$work/err" && cmp -s "$work/before-init" "$work/resumed/checkpoint.bin" \
  && ok || { bad "--resume with --init accepted"; cat "$work/err"; }
# A directory another process holds (flock(1) on it, as a second trainer would) is refused, untouched.
flock "$work/resumed" "$hardmax" "${smoke[@]}" --epochs 4 --out "$work/resumed" --resume >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q "another process is writing this directory" "$work/err" && cmp -s "$work/before-init" "$work/resumed/checkpoint.bin" \
  && ok || { bad "a locked run directory was trained into"; cat "$work/err"; }

# export: the run's own ids as NumPy arrays, with the digest training recorded.
"$hardmax" sentiment export --run "$work/full" --data "$data/imdb" --stop-words "$data/stopwords-en.txt" --threads 2 \
  --out "$work/export" >"$work/export.log" 2>&1 && ok || { bad "export"; cat "$work/export.log"; }
/usr/bin/python3 - "$work/export" "$work/full/setup.json" <<'PY' && ok || bad "exported arrays"
import json, sys, numpy as np
d, setup = sys.argv[1], json.load(open(sys.argv[2]))
e = json.load(open(f"{d}/export.json"))
assert e['encoded_digest'] == setup['encoded_digest'] and e['run'].endswith('full'), (e, setup)
ids, labels = np.load(f"{d}/train-ids.npy"), np.load(f"{d}/train-labels.npy")
assert ids.shape == (2000, 128) and ids.dtype == np.int32 and labels.shape == (2000,), (ids.shape, labels.shape)
assert set(np.unique(labels)) == {0, 1} and ids.min() >= 0 and ids.max() < e['vocabulary_size'], e
assert np.load(f"{d}/test-ids.npy").shape == (2000, 128)
assert open(f"{d}/vocabulary.txt").read() == open(sys.argv[2].replace('setup.json', 'vocabulary.txt')).read()
PY

# A missing WordNet database stops the run before any output, naming the path.
"$hardmax" "${smoke[@]}" --epochs 1 --wordnet "$work/no-wordnet" --out "$work/nowordnet" >/dev/null 2>"$work/err"
[ $? -eq 2 ] && grep -q "no-wordnet/index.noun" "$work/err" && ok || { bad "missing WordNet database"; cat "$work/err"; }
[ ! -e "$work/nowordnet/checkpoint.bin" ] && ok || bad "a refused run left a checkpoint"

# The text pipeline on given text, per choice.
[ "$(echo 'The mice<br />were GREAT, geese! I cannot lie' | "$hardmax" sentiment tokens --preset paper --stop-words "$data/stopwords-en.txt")" = "The micewere GREAT goose I lie" ] && ok || bad "tokens --preset paper: the tag joins its neighbours"
[ "$(echo 'The mice<br />were GREAT, geese! I cannot lie' | "$hardmax" sentiment tokens --stop-words "$data/stopwords-en.txt")" = "mice great gees cannot lie" ] && ok || bad "tokens (suite)"

# eval, leaders and plot on the trained run (issue 9). eval on the same 2,000 test reviews must give
# the accuracies training recorded for the last epoch.
analysis=(--data "$data/imdb" --stop-words "$data/stopwords-en.txt" --threads 2)
"$hardmax" sentiment eval --out "$work/full" "${analysis[@]}" --limit 2000 >"$work/eval.log" 2>&1 && ok || { bad "eval"; cat "$work/eval.log"; }
/usr/bin/python3 - "$work/full/eval-test.json" "$work/full/epochs.csv" <<'PY' && ok || bad "eval-test.json disagrees with epochs.csv"
import csv, json, sys
e = json.load(open(sys.argv[1]))
last = [r for r in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith('#'))][-1]
assert e['reviews'] == 2000 and e['epochs_completed'] == 3 and e['dimension'] == 2, e
assert f"{e['softmax']['accuracy']:.6f}" == last['test_accuracy'], (e['softmax'], last)
assert f"{e['hardmax_double']['accuracy']:.6f}" == last['hardmax_double_test_accuracy'], (e['hardmax_double'], last)
assert f"{e['hardmax_certified']['accuracy']:.6f}" == last['hardmax_certified_test_accuracy'], (e['hardmax_certified'], last)
assert 0 <= e['double_certified_disagreements'] <= 2000
assert 'sentiment eval' in e['provenance']['command'] and 'source_revision' in e['provenance']
PY
"$hardmax" sentiment leaders --out "$work/full" "${analysis[@]}" --limit 500 >"$work/leaders.log" 2>&1 && ok || { bad "leaders"; cat "$work/leaders.log"; }
grep -E 'per review|reviews correct|expected rating' "$work/leaders.log"
/usr/bin/python3 - "$work/full/leaders-test.json" "$work/full/leader-words-test.csv" <<'PY' && ok || bad "leaders-test.json"
import csv, json, sys
d = json.load(open(sys.argv[1]))
t = d['leader_table']
assert d['reviews'] == 500 and t['min'] <= t['mean'] <= t['max'] and t['min'] >= 1 and t['std'] >= 0, t
assert 0 < t['fraction_from_layer_0'] <= 1, t
assert t['reviews_losing_a_leader'] == 0, t  # L2 on real reviews, attention sets decided exactly
h = d['histogram']
assert h['confidence'] == 0.95 and h['min_decoder_output'] == 2 and len(h['top']) <= 15, h
counts = [w['reviews'] for w in h['top']]
assert counts == sorted(counts, reverse=True) and all(c <= h['confident_reviews'] for c in counts), h
r = d['expected_ratings']
assert r['rated_tokens'] > 10000 and r['vocabulary_words']['rated'] > 1000, r
words = list(csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith('#')))
assert sum(int(w['reviews']) for w in words) == h['counted_leaders'], (len(words), h['counted_leaders'])
PY
"$hardmax" sentiment plot --out "$work/full" "${analysis[@]}" --limit 200 --review 3 >"$work/plot.log" 2>&1 && ok || { bad "plot"; cat "$work/plot.log"; }
[ -s "$work/full/review-test-3.csv" ] && [ -s "$work/full/review-test-3.png" ] && ok || bad "plot: CSV and PNG"
grep -c ',0,[^,]*,[^,]*,1,' "$work/full/review-test-3.csv" | grep -qv '^0$' && ok || bad "plot: no leader flagged at layer 0"

# SIGINT during the leader census (all 25,000 test reviews): exit 130, nothing written.
mkdir -p "$work/interrupted" && cp "$work/full/checkpoint.bin" "$work/full/vocabulary.txt" "$work/full/setup.json" "$work/interrupted/"
"$hardmax" sentiment leaders --out "$work/interrupted" "${analysis[@]}" >/dev/null 2>"$work/err" &
pid=$!
for _ in $(seq 600); do grep -q "^M4 (certified)" "$work/err" && break; sleep 0.1; done
sleep 0.5
kill -s INT "$pid"
wait "$pid"
[ $? -eq 130 ] && grep -q "stopped cleanly" "$work/err" && ok || { bad "leaders after SIGINT"; cat "$work/err"; }
[ "$(ls -a "$work/interrupted" | grep -c -v -e '^\.\.\?$' -e checkpoint.bin -e vocabulary.txt -e setup.json)" -eq 0 ] && ok || bad "interrupted leaders left a file"

# The suite's own choices on the pooled split: eval finds the run's own test set and pipeline.
"$hardmax" sentiment train --data "$data/imdb" --stop-words "$data/stopwords-en.txt" --partition pooled --train-limit 1000 \
  --test-limit 400 --epochs 1 --seed 5 --threads 2 --out "$work/pooled" >/dev/null 2>&1 && ok || bad "pooled training"
/usr/bin/python3 -c "import json,sys; s=json.load(open(sys.argv[1])); assert s['partition']=='pooled' and s['partition_seed']==5 and s['text']['lemmas']=='snowball', s" \
  "$work/pooled/setup.json" && ok || bad "setup.json of a pooled run"
"$hardmax" sentiment eval --out "$work/pooled" "${analysis[@]}" --limit 400 --double-only >/dev/null 2>&1 && ok || bad "eval of a pooled run"
/usr/bin/python3 - "$work/pooled/eval-test.json" "$work/pooled/epochs.csv" <<'PY' && ok || bad "pooled eval differs from training's test accuracy"
import csv, json, sys
e = json.load(open(sys.argv[1]))
last = [r for r in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith('#'))][-1]
assert e['partition'] == 'pooled' and f"{e['softmax']['accuracy']:.6f}" == last['test_accuracy'], (e, last)
PY
"$hardmax" sentiment train --data "$data/imdb" --stop-words "$data/stopwords-en.txt" --partition official --train-limit 1000 \
  --test-limit 400 --epochs 2 --out "$work/pooled" --resume 2>"$work/err"
[ $? -eq 2 ] && grep -q "setup.json.*--partition" "$work/err" && ok || { bad "resume with another partition"; cat "$work/err"; }

# Analysis commands refuse what is not a trained run, naming the file.
"$hardmax" sentiment eval --out "$work/nothing" "${analysis[@]}" --limit 10 2>"$work/err"
[ $? -eq 2 ] && grep -q "nothing/checkpoint.bin" "$work/err" && ok || { bad "eval without a run"; cat "$work/err"; }
mkdir -p "$work/broken" && cp "$work/full/vocabulary.txt" "$work/broken/"
head -c 300 "$work/full/checkpoint.bin" >"$work/broken/checkpoint.bin"
"$hardmax" sentiment leaders --out "$work/broken" "${analysis[@]}" --limit 10 2>"$work/err"
[ $? -eq 2 ] && grep -q "broken/checkpoint.bin" "$work/err" && ok || { bad "truncated checkpoint"; cat "$work/err"; }
"$hardmax" sentiment plot --out "$work/full" "${analysis[@]}" --limit 10 --review 10 2>"$work/err"
[ $? -eq 2 ] && grep -q "past the last of 10" "$work/err" && ok || { bad "plot --review past the end"; cat "$work/err"; }
ls "$work/broken" | grep -q json && bad "a refused run left output" || ok

# A malformed row is reported with file and line, never skipped.
mkdir -p "$work/bad"
printf 'review,sentiment\n"good film",positive\n"bad film",neutral\n' >"$work/bad/train.csv"
cp "$work/bad/train.csv" "$work/bad/test.csv"
"$hardmax" sentiment train --data "$work/bad" --stop-words "$data/stopwords-en.txt" --epochs 1 --out "$work/bad-out" 2>"$work/err"
[ $? -eq 2 ] && grep -q "train.csv:3" "$work/err" && ok || { bad "bad label not reported with file:line"; cat "$work/err"; }

finish sentiment
