#!/usr/bin/env bash
# The hardmax command line as a user meets it: exit codes, error messages naming file, field and
# reason, and no partial output file after any error.
#   tests/cli/cli_test.sh PATH/TO/hardmax SOURCE_DIR
set -u
hardmax="$1"
src="$2"
source "$(dirname "${BASH_SOURCE[0]}")/harness.sh"


# expect CODE PATTERN -- ARGS...: runs hardmax ARGS, checks the exit code and that stderr matches PATTERN.
expect() {
  local code="$1" pattern="$2"
  shift 3
  "$hardmax" "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" -ne "$code" ]; then bad "hardmax $* exited $got, expected $code"; cat "$work/stderr"; return; fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$work/stderr"; then
    bad "hardmax $*: stderr does not match '$pattern':"; cat "$work/stderr"; return
  fi
  ok
}

# no_output_left FILE: neither FILE nor any temporary beside it exists.
no_output_left() {
  if [ -e "$1" ] || ls -a "$(dirname "$1")" | grep -q '\.tmp\.'; then bad "partial output left at $1"; else ok; fi
}

c1="$src/data/configs/figure2-1-emerging-leader.json"

# Success: JSON and CSV are written, the summary states the THEORY.md facts for configuration 1.
expect 0 "" -- simulate --config "$c1" --out "$work/c1.json"
grep -q "layers 1-30: {0, 1, 2}" "$work/stdout" && ok || bad "leaders summary for configuration 1"
grep -q "(-1/18, 5/36)  tokens {1}" "$work/stdout" && ok || bad "cluster (-1/18, 5/36) for configuration 1"
/usr/bin/python3 - "$work/c1.json" <<'PY' && ok || bad "trajectory JSON schema"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["engine"] == "exact" and doc["alpha"] == "1/2"
layers = doc["layers"]
assert [l["layer"] for l in layers] == list(range(31))
assert layers[0]["tokens"][0] == ["1", "1/3"] and layers[0]["leaders"] == [0, 2]
assert layers[1]["leaders"] == [0, 1, 2] and layers[1]["tokens"][1] == ["-1/18", "5/36"]
assert layers[0]["attention"][1] == [3]
assert "command" in doc and "hardmax_version" in doc
PY
expect 0 "" -- simulate --config "$c1" --engine double --layers 3 --format csv --out "$work/c1.csv" --quiet
[ "$(wc -l <"$work/c1.csv")" -eq $((1 + 4 * 8)) ] && ok || bad "CSV has one row per (layer, token)"
head -1 "$work/c1.csv" | grep -qx "layer,token,z1,z2,attention,leader" && ok || bad "CSV header"
expect 0 "" -- simulate --config "$c1" --engine double --attention pairs --layers 3 --format csv --out "$work/c1-pairs.csv" --quiet
expect 0 "" -- simulate --config "$c1" --engine mpfr:53 --layers 3 --format csv --out "$work/c1-mpfr.csv" --quiet
cmp -s "$work/c1-pairs.csv" "$work/c1-mpfr.csv" && ok || bad "mpfr:53 and double (all pairs) CSV differ"

# Usage and input errors: exit 2, a message naming the file and field, no output file.
expect 2 "unknown engine 'quad'" -- simulate --config "$c1" --engine quad --out "$work/e1.json"
no_output_left "$work/e1.json"
expect 2 "MPFR precision" -- simulate --config "$c1" --engine mpfr:1 --out "$work/e2.json"
no_output_left "$work/e2.json"
expect 2 "MPFR precision" -- simulate --config "$c1" --engine mpfr:x --out "$work/e2.json"
expect 2 "missing.json.*cannot open" -- simulate --config "$work/missing.json" --out "$work/e3.json"
no_output_left "$work/e3.json"
printf '{"alpha": "1", "tokens": [["1", "2"], ["3"]]}' >"$work/ragged.json"
expect 2 "ragged.json: field 'tokens\[1\]': has 1 entries, expected 2" -- simulate --config "$work/ragged.json" --layers 1 --out "$work/e4.json"
no_output_left "$work/e4.json"
printf '{"alpha": "1", "A": [["1","2"],["2","1"]], "tokens": [["1", "2"]]}' >"$work/indefinite.json"
expect 2 "field 'A'.*positive definite" -- simulate --config "$work/indefinite.json" --layers 1 --out "$work/e5.json"
printf '{"alpha": "1", "tokens": [["1"]], "layres": 3}' >"$work/typo.json"
expect 2 "field 'layres': unknown key" -- simulate --config "$work/typo.json" --layers 1
printf '{"alpha": "1", "tokens": [["1"]]' >"$work/truncated.json"
expect 2 "truncated.json: not valid JSON" -- simulate --config "$work/truncated.json" --layers 1
printf '{"alpha": "1", "tokens": [["1"]]}' >"$work/nolayers.json"
expect 2 "no depth given" -- simulate --config "$work/nolayers.json"
printf '{"alpha": "1", "tau": "1/10", "tokens": [["1"]]}' >"$work/softmax.json"
expect 2 "field 'tau'.*exact engine" -- simulate --config "$work/softmax.json" --layers 1
expect 0 "" -- simulate --config "$work/softmax.json" --layers 1 --engine double --quiet
printf '{"alpha": "1", "tokens": [["1e400"]]}' >"$work/huge.json"
expect 2 "tokens\[0\]\[0\].*out of the engine's range" -- simulate --config "$work/huge.json" --layers 1 --engine double
expect 0 "" -- simulate --config "$work/huge.json" --layers 1 --engine exact --quiet
expect 2 "tie-tolerance applies to the double and mpfr engines only" -- simulate --config "$c1" --tie-tolerance 1e-9
expect 2 "certified engine decides ties exactly" -- simulate --config "$c1" --engine certified --tie-tolerance 1e-9
expect 2 "nonexistent-dir/out.json" -- simulate --config "$c1" --out /nonexistent-dir/out.json
expect 2 "is a directory" -- simulate --config "$c1" --out "$work"
expect 2 "" -- simulate --config "$c1" --format xml --out "$work/e6.json"
no_output_left "$work/e6.json"
expect 2 "" -- simulate --engine exact
expect 2 "" -- frobnicate
expect 0 "" -- --help
expect 0 "" -- simulate --help
grep -q -- "--tie-tolerance" "$work/stdout" && ok || bad "simulate --help lists --tie-tolerance"
expect 0 "" -- --version

# hardmax limit (L6): configuration 1 has K* = 1 and the clusters of THEORY.md.
expect 0 "" -- limit --config "$c1" --json --out "$work/limit.json"
/usr/bin/python3 - "$work/limit.json" <<'PY' && ok || bad "limit JSON for configuration 1"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["certified"] is True and doc["K"] == 1
assert doc["limit"][1] == ["-1/18", "5/36"]
points = sorted(tuple(c["point"]) for c in doc["clusters"])
assert points == sorted([("1", "1/3"), ("-1/18", "5/36"), ("-1", "-1")]), points
assert all(c["leader"] for c in doc["clusters"])
assert doc["certificate"]["kind"] == "straight-line" and doc["certificate"]["layers_checked_exactly"] == 1
assert doc["equilibrium"]["holds"] and doc["l5"]["holds"]
assert [w["weight"] for w in doc["absorption"][1]["weights"]] == ["1"]
PY
expect 1 "" -- limit --config "$c1" --max-layers 0 --findings "$work/findings"
grep -q "NOT certified" "$work/stdout" && grep -q "(a') token 1 attends to token 3" "$work/stdout" && grep -q "pattern changes at layer 1" "$work/stdout" && ok || bad "limit without certificate names the failing condition"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert 'still changing' in d['description'], d['description']" "$work/findings/figure2-1-emerging-leader-uncertified.json" && ok || bad "limit --findings writes the configuration, saying the pattern was changing"

# The general certificate (THEORY.md L6): token 0 attends to all five tokens for ever while -1 and 1
# slide to -2 and 2; the pattern is constant from layer 0 and (a') never holds.
printf '{"A":[["1/8"]],"alpha":"1","d":1,"tokens":[["0"],["-1"],["1"],["-2"],["2"]]}' >"$work/centre.json"
expect 0 "" -- limit --config "$work/centre.json" --json
/usr/bin/python3 - "$work/stdout" <<'PY' && ok || bad "limit: the general certificate on the symmetric centre"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["certified"] and doc["K"] == 0, doc
c = doc["certificate"]
assert c["kind"] == "general" and c["layers_checked_exactly"] >= 2
assert c["counts"]["ties"] == 4 and c["counts"]["leading_term_decisions"] == 2 and c["counts"]["strict_by_tail_bound"] == 6
assert c["tail_bound"]["contracting_power"] == 1 and c["tail_bound"]["contraction"] == "4/5"
assert doc["limit"] == [["0"], ["-2"], ["2"], ["-2"], ["2"]]
assert doc["absorption"][0]["weights"] == [{"leader": 3, "weight": "1/2"}, {"leader": 4, "weight": "1/2"}]
centre = [k for k in doc["clusters"] if k["members"] == [0]][0]
assert not centre["leader"] and centre["whole_polytope"] and centre["polytope_face"] == [3, 4]
PY
expect 0 "" -- limit --config "$work/centre.json"
grep -q "certified at K\* = 0 (L6, general certificate)" "$work/stdout" && grep -q "leading term: token 1 over token 3" "$work/stdout" && ok || bad "limit text names the general certificate and its leading terms"
expect 0 "" -- check --config "$work/centre.json" --layers 5
[ "$(grep -cE '^L[1-6] +holds' "$work/stdout")" -eq 6 ] && ok || bad "check: six claims hold on the symmetric centre"
expect 1 "" -- limit --config "$work/centre.json" --max-lookahead 1
grep -q "undecided at layer" "$work/stdout" && grep -q "raise --max-lookahead" "$work/stdout" && grep -q "stayed constant" "$work/stdout" && ok || bad "limit: a lookahead too small is undecided, the pattern constant"
expect 5 "a coordinate needs [0-9]+ bits, more than --max-bits 3; the exact limit search stops" -- limit --config "$work/centre.json" --max-bits 3 --out "$work/centre-limit.json"
no_output_left "$work/centre-limit.json"
expect 2 "field 'tau'" -- limit --config "$work/softmax.json"

# hardmax check: every claim on configuration 1 (exact); on configuration 4, L5 holds as restated and
# D4 at the limit is information; a precision finding in double when alpha = 1/3 is not representable.
expect 0 "" -- check --config "$c1"
[ "$(grep -cE '^L[1-6] +holds' "$work/stdout")" -eq 6 ] && ok || bad "check: six claims hold on configuration 1"
expect 0 "" -- check --config "$src/data/configs/figure2-4-non-leader-clusters.json"
grep -qE '^L5 +holds' "$work/stdout" && grep -q "D4 (information, not a condition of L5): Z\* is not a clustered equilibrium" "$work/stdout" && grep -q "whose mean is (-1, 1/4)" "$work/stdout" && ok || bad "check: L5 holds on configuration 4, D4 reported as information"
sed 's#"alpha": "1/2"#"alpha": "1/3"#' "$c1" >"$work/third.json"
expect 4 "" -- check --config "$work/third.json" --engine double --layers 10
grep -qE '^L3 +precision finding' "$work/stdout" && ok || bad "check classifies a double-only failure as a precision finding"
expect 0 "" -- check --config "$work/third.json" --layers 10 --json
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['all_hold'] and len(d['claims']) == 6" "$work/stdout" && ok || bad "check --json"
expect 2 "unknown engine" -- check --config "$c1" --engine fast

# hardmax prop: a short campaign writes its summary.
expect 0 "" -- prop --cases 5 --property L2 --property L3 --max-layers 5 --out "$work/prop"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [p['property'] for p in d['properties']] == ['L2','L3'] and all(p['passed'] for p in d['properties']) and d['seed'] == 20261130" "$work/prop/summary.json" && ok || bad "prop summary"
expect 2 "no property named 'L9'" -- prop --property L9

# The certified engine: exact decisions counted and recorded; M4 only.
c4="$src/data/configs/figure2-4-non-leader-clusters.json"
expect 0 "" -- simulate --config "$c4" --engine certified --out "$work/c4cert.json"
grep -q "62 decided exactly" "$work/stdout" && ok || bad "certified engine reports its exact decisions on configuration 4"
/usr/bin/python3 - "$work/c4cert.json" <<'PY' && ok || bad "certified JSON has the certification record"
import json, sys
doc = json.load(open(sys.argv[1]))
c = doc["certification"]
assert c["decided_exactly"] == 62 and c["certified_in_double"] == 248 and len(c["error_bound"]) == 31
assert doc["layers"][30]["attention"][4] == [2, 3]
PY
expect 2 "softmax variant \(M5\) has no certificate" -- simulate --config "$work/softmax.json" --layers 1 --engine certified
# Its positions are doubles, so L3 is a precision finding; its leaders are exact, so L1 and L2 hold.
expect 4 "" -- check --config "$c1" --engine certified
grep -qE '^L1 +holds' "$work/stdout" && grep -qE '^L2 +holds' "$work/stdout" && grep -qE '^L3 +precision finding' "$work/stdout" && ok || bad "check --engine certified"

# hardmax compare: on the committed near-tie, double and mpfr:53 send token 2 to another cluster;
# certified and exact agree. With plots, the report embeds them.
nt="$src/data/configs/near-tie-1.json"
expect 0 "" -- compare --config "$nt" --engines double,mpfr:53,certified,exact --out "$work/cmp"
for f in report.md report.html summary.csv deviation.csv panels.csv deviation-near-tie-1.png panels-near-tie-1.png; do
  [ -s "$work/cmp/$f" ] && ok || bad "compare wrote no $f"
done
/usr/bin/python3 - "$work/cmp/summary.csv" <<'PY' && ok || bad "compare summary for the near-tie"
import csv, sys
rows = {r["engine"]: r for r in csv.DictReader(open(sys.argv[1]))}
assert rows["double"]["clusters_agree"] == "false" and rows["double"]["first_divergent_layer"] == "0"
assert rows["mpfr:53"]["clusters_agree"] == "false"
for e in ("certified", "exact"):
    assert rows[e]["clusters_agree"] == "true" and rows[e]["first_divergent_layer"] == "" and rows[e]["decisions_differing"] == "0"
PY
grep -q '<img' "$work/cmp/report.html" && ok || bad "report.html embeds the plots"
expect 2 "unknown engine 'fast'" -- compare --config "$nt" --engines double,fast --out "$work/cmp2"
[ ! -e "$work/cmp2" ] && ok || bad "compare with a bad engine created its output directory"
expect 2 "ragged.json" -- compare --config "$nt" --config "$work/ragged.json" --layers 2 --out "$work/cmp3"
[ ! -e "$work/cmp3" ] && ok || bad "compare with a bad input created its output directory"

# The planar hull path: automatic for the exact engine, same trajectory as all pairs.
expect 0 "" -- simulate --config "$c1" --quiet --out "$work/hull.json"
expect 0 "" -- simulate --config "$c1" --attention pairs --quiet --out "$work/pairs.json"
/usr/bin/python3 -c "
import json, sys
h, p = (json.load(open(f)) for f in sys.argv[1:3])
assert h['attention_path'] == 'convex hull' and p['attention_path'] == 'all pairs'
assert h['layers'] == p['layers']" "$work/hull.json" "$work/pairs.json" && ok || bad "hull and pairs trajectories differ"
expect 2 "attention hull needs d = 2" -- simulate --config "$c1" --attention hull --engine certified
# In the plane double takes the hull too (auto), and says so; all pairs stays one option away.
"$hardmax" simulate --config "$c1" --engine double --layers 5 | grep -q "^attention sets: convex hull" && ok || bad "double in the plane does not say it took the hull"
"$hardmax" simulate --config "$c1" --engine double --layers 5 --attention pairs | grep -q "^attention sets: all pairs" && ok || bad "double --attention pairs does not say so"
expect 0 "" -- simulate --config "$c1" --engine double --layers 5 --quiet --out "$work/dhull.json"
/usr/bin/python3 -c "
import json, sys
assert json.load(open(sys.argv[1]))['attention_path'] == 'convex hull'" "$work/dhull.json" && ok || bad "double in the plane did not take the hull"

# Depth for free after K* (L6): 10^9 layers from the straight-line certificate's closed form, keeping
# only layers 0..K* and the last; exactly the layer is refused by the growth guard, naming it; without
# a certificate, or with --fast-forward off, such a depth is refused; --every keeps the layers asked.
expect 0 "" -- simulate --config "$c1" --engine double --layers 1000000000 --quiet --out "$work/ff.json"
/usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert [l['layer'] for l in d['layers']] == [0, 1, 1000000000], d['layers']
ff = d['fast_forward']
assert ff['K_star'] == 1 and ff['certificate'] == 'straight-line' and 0 < ff['rounding_bound'] < 1e-15
assert d['layers'][-1]['tokens'][1] == ['-0.05555555555555555', '0.1388888888888889']  # the limit, rounded
assert d['layers'][-1]['closed_form'] and not d['layers'][0]['closed_form']" "$work/ff.json" && ok || bad "fast-forward to layer 10^9 in double"
expect 5 "more than --max-bits 10000000" -- simulate --config "$c1" --layers 1000000000 --out "$work/ff-exact.json"
no_output_left "$work/ff-exact.json"
expect 5 "more than the 1000000 a run may ask for by iterating" -- simulate --config "$c1" --layers 2000000 --fast-forward off
expect 5 "no L6 certificate within the first 0 layers" -- simulate --config "$c1" --layers 2000000 --max-layers 0 --engine double
expect 0 "" -- simulate --config "$c1" --layers 40 --fast-forward on --every 10 --quiet --out "$work/ff40.json"
expect 0 "" -- simulate --config "$c1" --layers 40 --quiet --out "$work/it40.json"
/usr/bin/python3 -c "
import json, sys
ff, it = (json.load(open(f)) for f in sys.argv[1:3])
assert [l['layer'] for l in ff['layers']] == [0, 10, 20, 30, 40]
for l in ff['layers']:
    assert l['tokens'] == it['layers'][l['layer']]['tokens'], l['layer']  # exact: identical to iterating
    assert l['attention'] == it['layers'][l['layer']]['attention']" "$work/ff40.json" "$work/it40.json" && ok || bad "fast-forward layers differ from iterated ones"
expect 0 "" -- simulate --config "$c1" --layers 40 --at 3,17 --quiet --out "$work/at.json"
/usr/bin/python3 -c "
import json, sys
assert [l['layer'] for l in json.load(open(sys.argv[1]))['layers']] == [3, 17, 40]" "$work/at.json" && ok || bad "--at does not keep the layers asked"
expect 2 "outside 0..40" -- simulate --config "$c1" --layers 40 --at 41 --quiet --out "$work/at2.json"

# Scores that overflow double stop the run (exit 3, naming layer and token), never a silent tie at
# infinity; MPFR's wider exponent range carries on; no output file is left.
printf '{"alpha": "1", "tokens": [["1e200", "0"], ["-1", "1"]]}' >"$work/overflow.json"
expect 3 "layer 0: token 0: its largest score is inf" -- simulate --config "$work/overflow.json" --layers 2 --engine double --attention pairs --out "$work/ovf.json"
no_output_left "$work/ovf.json"
# The planar hull path (double's default in the plane) computes no score in double: it decides
# exactly, and the run succeeds.
expect 0 "" -- simulate --config "$work/overflow.json" --layers 2 --engine double --quiet --out "$work/ovf-hull.json"
/usr/bin/python3 -c "
import json, math, sys
d = json.load(open(sys.argv[1]))
assert d['attention_path'] == 'convex hull'
assert all(math.isfinite(float(x)) for l in d['layers'] for t in l['tokens'] for x in t)" "$work/ovf-hull.json" && ok || bad "double's hull path on overflowing scores"
expect 0 "" -- simulate --config "$work/overflow.json" --layers 2 --engine mpfr:53 --quiet

# The exact engine's growth guard stops a run cleanly, with no output file.
expect 5 "layer [0-9]+: a coordinate needs [0-9]+ bits, more than --max-bits 40" -- simulate --config "$c1" --max-bits 40 --out "$work/big.json"
no_output_left "$work/big.json"

# Resource limits (exit 5, naming file and field) before any work starts.
expect 5 "figure2-1-emerging-leader.json: field 'tokens': 8 tokens, more than --max-tokens 2" -- simulate --config "$c1" --max-tokens 2 --out "$work/lim.json"
no_output_left "$work/lim.json"
expect 5 "field 'd': dimension 2, more than --max-dim 1" -- check --config "$c1" --max-dim 1
expect 5 "more than --max-tokens 2" -- limit --config "$c1" --max-tokens 2
printf '{"alpha": "1", "layers": 1000000000000, "tokens": [["1", "0"], ["0", "1"]]}' >"$work/deep.json"
expect 5 "field 'layers': 1000000000000 layers, more than the 1000000" -- simulate --config "$work/deep.json" --fast-forward off
# With fast-forward (auto above 10^6 layers) the two leaders are certified at K* = 0: the layer is the limit.
expect 0 "" -- simulate --config "$work/deep.json" --quiet --out "$work/deep-ff.json"
expect 5 "need about [0-9]+ MB in double, more than --max-memory 1" -- simulate --config "$c1" --engine double --layers 1000000 --max-memory 1 --out "$work/lim.json"
no_output_left "$work/lim.json"

# SIGINT and SIGTERM stop long runs cleanly: exit 128+signal, completed results kept, no partial file.
# interrupt SIGNAL CODE -- ARGS...: starts hardmax ARGS, sends SIGNAL after a second, checks the exit code.
interrupt() {
  local signal="$1" code="$2"
  shift 3
  "$hardmax" "$@" >"$work/stdout" 2>"$work/stderr" &
  local pid=$!
  sleep 1
  kill -s "$signal" "$pid"
  wait "$pid"
  local got=$?
  if [ "$got" -ne "$code" ]; then bad "hardmax $* exited $got after SIG$signal, expected $code"; cat "$work/stderr"; return; fi
  grep -q "stopped cleanly" "$work/stderr" && ok || bad "hardmax $*: no clean-stop message after SIG$signal"
}
interrupt TERM 143 -- simulate --config "$c1" --layers 100000 --attention pairs --max-memory 0 --out "$work/long.json"
no_output_left "$work/long.json"
interrupt INT 130 -- prop --cases 1000000 --property L4 --out "$work/prop-int"
/usr/bin/python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert 'interrupted' in s, s
p = s['properties'][0]
assert p['interrupted'] and 0 < p['cases'] < 1000000, p" "$work/prop-int/summary.json" && ok || bad "interrupted prop summary"
ls -a "$work/prop-int" | grep -q '\.tmp\.' && bad "temporary file left by interrupted prop" || ok

# A failed run keeps an earlier good output intact.
cp "$work/c1.json" "$work/keep.json"
expect 2 "" -- simulate --config "$work/ragged.json" --layers 1 --out "$work/keep.json"
cmp -s "$work/c1.json" "$work/keep.json" && ok || bad "failed run overwrote an existing output"

finish cli
