#!/usr/bin/env bash
# check.sh OUTDIR -- compile the Coq proofs of THEORY.md L1-L4 (and L6: the straight-line certificate and its (c) decision,
# the attention graph, convergence under a constant pattern, the tail bound) and audit their axioms.
#
# Copies the .v files of this folder to OUTDIR/Hardmax, compiles them there in
# dependency order with `coqc -Q OUTDIR/Hardmax Hardmax` (nothing is written into
# this source folder), then compiles a generated OUTDIR/Hardmax/Assumptions.v
# that runs `Print Assumptions` on every Theorem/Corollary of the development.
# The output goes to stdout (the CI log).  The script fails (non-zero exit) if
#   - a .v file contains an unfinished proof or a global axiom declaration
#     (the keywords are listed in BANNED_RE below), or a Section-only command
#     (Variable/Hypothesis/Context...) outside a Section, or turns off a kernel check;
#   - a .v file of this folder is missing from the compile order, or a theorem
#     named in REQUIRED is missing;
#   - `Print Assumptions` reports anything outside ALLOWED (below);
#   - ALLOWED is not exactly what Coq's own real numbers assume on this Coq
#     (checked against `Print Assumptions` of the standard library's theorems
#     `Coq.Reals.Raxioms.completeness` and `Coq.Reals.Rdefinitions.total_order_T`).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
case "$OUT/" in
  "$SRC/"*) echo "check.sh: OUTDIR ($OUT) must be outside the source folder $SRC" >&2; exit 2 ;;
esac
COQC="${COQC:-coqc}"

# Dependency order (each file imports only files listed before it).
ORDER=(Space Model_R2 Sums Attention L1_Leaders L3_ConvexWeights L2_Persistence L4_MonotoneNorms
       L2_Count L6_QuadraticPositivity L6_StraightLine L6_AttentionGraph
       L6_Recurrence L6_Convergence L6_TailBound)

# Theorems that must exist (the statements of L1-L4, Cauchy-Schwarz, and the L6 results listed in README.md).
REQUIRED=(cauchy_schwarz
  L1_max_norm_self_attends L1_max_norm_is_leader L1_leaders_nonempty
  L1_leader_self_attends L1_leader_strict L1_leader_exposed_vertex L1_leader_exposed_strict
  L2_leader_mean L2_leader_fixed L2_leader_persists L2_leaders_nested L2_leader_fixed_forever
  L3_weights_nonneg L3_weights_sum L3_layer_combination L3_convex_weights
  L3_layer_in_hull L3_hull_nested
  L4_norm_monotone L4_norm_equality_iff L4_hull_norm_bound L4_norm_bounded_iterate
  L4_norm_monotone_iterate L4_norm_converges
  L6_positivity_decision_sound L6_positivity_decision_complete
  L6_straight_line_closed_form L6_straight_line_pattern
  L6_norm_nondecreasing_edge L6_no_mutual_attention L6_cycle_copies L6_closed_class_copies L6_closed_class_leaders
  L2_leader_changes_at_most_n L6_recurrence_vanishes L6_recurrence_agree
  L6_constant_pattern_limit L6_limit_from_layer L6_limit_fixed_point L6_limit_absorption L6_constant_pattern_rate
  L5_limit_on_exposed_face L6_contracting_power_exists L6_contracting_power_classes
  L6_tail_geometric L6_tail_from_start L6_tail_preference_strict L6_preference_tail_bound
  L6_deviation_nonincreasing L6_tail_norm_instance L6_tail_contraction L6_tail_step
  L6_deviation_bound_persists L6_tail_bound L6_max_norm_form_bound L6_reach_deviation_persists L6_tail_decision_sound
  R2_model_nontrivial)

# Whitelist: the axioms of Coq's standard-library real numbers (Coq >= 8.12).
# Since Coq 8.12, R is built from constructive Cauchy/Dedekind reals, and the
# classical properties of R (total order, decidable <=, least upper bounds) are
# derived from exactly these three axioms declared in the standard library:
#   ClassicalDedekindReals.sig_forall_dec   (limited principle of omniscience, in Set)
#   ClassicalDedekindReals.sig_not_dec      (weak excluded middle, in Set)
#   FunctionalExtensionality.functional_extensionality_dep
# They are what `Print Assumptions completeness` (the lub property of R) reports,
# and the script re-checks that below, so the whitelist cannot silently drift.
ALLOWED=(ClassicalDedekindReals.sig_forall_dec
         ClassicalDedekindReals.sig_not_dec
         FunctionalExtensionality.functional_extensionality_dep)

fail() { echo "check.sh: FAIL: $*" >&2; exit 1; }

# ---- 1. source audit -------------------------------------------------------
shopt -s nullglob
for f in "$SRC"/*.v; do
  b="$(basename "$f" .v)"
  found=0
  for o in "${ORDER[@]}"; do [ "$o" = "$b" ] && found=1; done
  [ $found = 1 ] || fail "$b.v is not in the compile order ORDER of check.sh"
done
BANNED_RE='\b(Admitted|admit|Axiom|Axioms|Parameter|Parameters|Conjecture)\b|Unset[[:space:]]+(Guard|Positivity|Universe)[[:space:]]+Checking|Type[[:space:]]*In[[:space:]]*Type|\bbypass_check\b'
for o in "${ORDER[@]}"; do
  f="$SRC/$o.v"
  [ -f "$f" ] || fail "$o.v listed in ORDER but missing"
  if grep -nE "$BANNED_RE" "$f"; then
    fail "$o.v contains a banned keyword (unfinished proof, axiom declaration or disabled kernel check), see the lines above"
  fi
  # Variable/Hypothesis/Context are only harmless inside a Section (they then become
  # ordinary arguments); at top level they declare axioms.
  if ! awk -v file="$o.v" '
      /^[[:space:]]*Section[[:space:]]/ { depth++ }
      /^[[:space:]]*End[[:space:]]+[A-Za-z0-9_]+[[:space:]]*\./ { if (depth > 0) depth-- }
      /^[[:space:]]*(Variable|Variables|Hypothesis|Hypotheses|Context)[[:space:]]/ {
        if (depth == 0) { printf "%s:%d: %s (outside a Section)\n", file, NR, $0; bad = 1 }
      }
      END { exit bad }' "$f"; then
    fail "$o.v declares a Variable/Hypothesis outside a Section"
  fi
done
echo "source audit: ${#ORDER[@]} files, no unfinished proofs, no axiom declarations"

# ---- 2. compile into OUTDIR -----------------------------------------------
DST="$OUT/Hardmax"
rm -rf "$DST"
mkdir -p "$DST"
for o in "${ORDER[@]}"; do cp "$SRC/$o.v" "$DST/"; done
start=$(date +%s)
( cd "$DST"
  for o in "${ORDER[@]}"; do
    echo "coqc $o.v"
    "$COQC" -q -Q "$DST" Hardmax "$DST/$o.v"
  done )

# ---- 3. the theorems and their assumptions --------------------------------
THEOREMS=()
for o in "${ORDER[@]}"; do
  while read -r name; do THEOREMS+=("$name"); done < <(
    sed -nE 's/^[[:space:]]*(Theorem|Corollary)[[:space:]]+([A-Za-z0-9_'"'"']+).*/\2/p' "$SRC/$o.v")
done
for r in "${REQUIRED[@]}"; do
  ok=0; for t in "${THEOREMS[@]}"; do [ "$t" = "$r" ] && ok=1; done
  [ $ok = 1 ] || fail "required theorem $r not found (as a Theorem/Corollary)"
done

A="$DST/Assumptions.v"
{
  echo "From Coq Require Import Reals."
  printf 'From Hardmax Require Import'; printf ' %s' "${ORDER[@]}"; echo "."
  echo "(* baseline: what Coq's own real numbers assume *)"
  echo 'Goal True. idtac "==== [baseline] Coq.Reals.Raxioms.completeness". Abort.'
  echo "Print Assumptions Coq.Reals.Raxioms.completeness."
  echo 'Goal True. idtac "==== [baseline] Coq.Reals.Rdefinitions.total_order_T". Abort.'
  echo "Print Assumptions Coq.Reals.Rdefinitions.total_order_T."
  for t in "${THEOREMS[@]}"; do
    echo "Goal True. idtac \"==== $t\". Abort."
    echo "Print Assumptions $t."
  done
} > "$A"
LOG="$OUT/assumptions.log"
( cd "$DST" && "$COQC" -q -Q "$DST" Hardmax "$A" ) > "$LOG"
end=$(date +%s)
cat "$LOG"

# Parse: "==== name" markers, then either "Closed under the global context" or
# "Axioms:" followed by "<axiom> : <type>" lines (continuations are indented).
# Any other unindented line is reported as an assumption too (fails the whitelist).
PARSED="$OUT/assumptions.parsed"
awk '
  /^==== / { cur = substr($0, 6); seen[cur] = 1; next }
  /^Closed under the global context/ { closed[cur] = 1; next }
  /^Axioms:/ { next }
  /^[^[:space:]]/ { split($0, w, /[[:space:]]+:[[:space:]]*|[[:space:]]+/); print cur "\t" w[1]; next }
' "$LOG" > "$PARSED"

nmark=$(grep -c '^==== ' "$LOG" || true)
[ "$nmark" -eq $(( ${#THEOREMS[@]} + 2 )) ] ||
  fail "expected $(( ${#THEOREMS[@]} + 2 )) Print Assumptions blocks, saw $nmark"

baseline=$(awk -F'\t' '$1 ~ /^\[baseline\]/ { print $2 }' "$PARSED" | sort -u)
allowed=$(printf '%s\n' "${ALLOWED[@]}" | sort -u)
if [ "$baseline" != "$allowed" ]; then
  echo "Coq's own reals assume:"; echo "$baseline"; echo "whitelist:"; echo "$allowed"
  fail "the whitelist ALLOWED differs from the axioms of this Coq's standard-library reals"
fi

bad=$(awk -F'\t' '$1 !~ /^\[baseline\]/' "$PARSED" | while IFS=$'\t' read -r thm ax; do
  ok=0; for a in "${ALLOWED[@]}"; do [ "$a" = "$ax" ] && ok=1; done
  [ $ok = 1 ] || printf '%s uses %s\n' "$thm" "$ax"
done)
if [ -n "$bad" ]; then
  echo "$bad" >&2
  fail "assumptions outside the whitelist of standard-library real-number axioms"
fi

used=$(awk -F'\t' '$1 !~ /^\[baseline\]/ { print $2 }' "$PARSED" | sort -u | paste -sd, - | sed 's/,/, /g')
echo "compile + audit time: $(( end - start )) s"
echo "coq: ${#THEOREMS[@]} theorems checked, assumptions: ${used:-none}"
