#!/usr/bin/env bash
# Checks that the per-ISA kernels of the batched engine do not leak code into each other or into the
# rest of the program (the ODR hazard of TUs compiled with different -m flags; docs/ENGINES.md):
#  1. each kernel object defines, as global or weak symbols, only its one exported function and
#     instantiations in its own renamed Eigen namespace (hardmax_eigen_<isa>);
#  2. in a linked binary, every function containing a VEX/EVEX-encoded instruction (AVX and later:
#     a mnemonic starting with v, or a ymm/zmm register) belongs to the AVX2 kernel, and the SSE2
#     kernel's functions contain none.
# Usage: numerics/kernels/check_isa_isolation.sh BUILD_DIR [BINARY...]   (default binary: tests/unit_tests)
set -euo pipefail
build=${1:?usage: check_isa_isolation.sh BUILD_DIR [BINARY...]}
shift
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=("$build/tests/unit_tests")
objdir=$build/numerics/CMakeFiles/hardmax_numerics.dir/kernels
status=0

for isa in sse2 avx2; do
  obj=$objdir/batched_layer_$isa.cpp.o
  # Global, weak and unique symbols the object defines (lower-case nm types other than u, v, w are local).
  foreign=$(nm -C --defined-only "$obj" | awk '$2 ~ /^[A-Zuvw]$/' | cut -c20- |
            grep -v -E -e "^hardmax::kernels::batched_(layer|scores)_$isa\(" -e "hardmax_eigen_$isa::" -e '^DW\.ref\.__gxx_personality_v0$' || true)
  exported=$(nm -C --defined-only "$obj" | awk '$2 == "T"' | cut -c20- | grep -vc "hardmax_eigen_$isa::" || true)
  weak=$(nm -C --defined-only "$obj" | awk '$2 ~ /^[Wuv]$/' | grep -c "hardmax_eigen_$isa::" || true)
  if [ -n "$foreign" ]; then
    echo "FAIL $isa object defines symbols outside its ISA's namespaces:"; echo "$foreign"; status=1
  else
    echo "ok   $isa object: $exported exported functions (hardmax::kernels::batched_layer_$isa, batched_scores_$isa), $weak weak symbols, all in hardmax_eigen_$isa::"
  fi
done

for bin in "${binaries[@]}"; do
  vex=$(objdump -d -C --no-show-raw-insn "$bin" | awk '
    /^[0-9a-f]+ <.*>:$/ { fn = substr($0, index($0, "<") + 1); sub(/>:$/, "", fn); next }
    /^ *[0-9a-f]+:\t/ { split($0, f, "\t"); insn = f[2]; m = insn; sub(/ .*/, "", m)
                        if (m ~ /^v/ || insn ~ /%[yz]mm/) hit[fn] = 1 }
    END { for (fn in hit) print fn }' | sort)
  outside=$(printf '%s\n' "$vex" | grep -v -E -e '^$' -e 'hardmax_eigen_avx2::' -e '^hardmax::kernels::avx2::' \
                                            -e '^hardmax::kernels::batched_(layer|scores)_avx2\(' || true)
  sse2_fns=$(objdump -d -C --no-show-raw-insn "$bin" | grep -c -E '^[0-9a-f]+ <(hardmax_eigen_sse2::|hardmax::kernels::sse2::|hardmax::kernels::batched_(layer|scores)_sse2\()' || true)
  n_vex=$(printf '%s\n' "$vex" | grep -c . || true)
  if [ -n "$outside" ]; then
    echo "FAIL $bin: VEX/EVEX instructions outside the AVX2 kernel, in:"; echo "$outside"; status=1
  else
    echo "ok   $bin: $n_vex functions contain VEX/EVEX instructions, all in the AVX2 kernel; the $sse2_fns SSE2-kernel functions contain none"
  fi
done
exit $status
