#!/usr/bin/env bash
# Checks that the per-ISA kernels of the batched engine do not leak code into each other or into the
# rest of the program (the ODR hazard of TUs compiled with different -m flags; docs/ENGINES.md):
#  1. each kernel object defines, as global or weak symbols, only its exported functions and
#     instantiations in its own renamed Eigen namespace (hardmax_eigen_<isa>);
#  2. in a linked binary, every function containing a VEX/EVEX-encoded instruction (AVX and later:
#     a mnemonic starting with v, or a ymm/zmm register) belongs to the AVX2 or the AVX-512 kernel, the
#     SSE2 kernel's functions contain none, and the AVX2 kernel's contain no EVEX-only feature (a zmm
#     register, a mask register, registers 16-31, an embedded broadcast).
# Usage: numerics/kernels/check_isa_isolation.sh BUILD_DIR [BINARY...]   (default binary: tests/unit_tests)
set -euo pipefail
build=${1:?usage: check_isa_isolation.sh BUILD_DIR [BINARY...]}
shift
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=("$build/tests/unit_tests")
objdir=$build/numerics/CMakeFiles/hardmax_numerics.dir/kernels
exports='(prepare_scores|scan_scores|row_ties|batched_scores|half_scores)'
status=0

for isa in sse2 avx2 avx512; do
  obj=$objdir/batched_layer_$isa.cpp.o
  # Global, weak and unique symbols the object defines (lower-case nm types other than u, v, w are local).
  foreign=$(nm -C --defined-only "$obj" | awk '$2 ~ /^[A-Zuvw]$/' | cut -c20- |
            grep -v -E -e "^hardmax::kernels::${exports}_$isa\(" -e "hardmax_eigen_$isa::" -e '^DW\.ref\.__gxx_personality_v0$' || true)
  exported=$(nm -C --defined-only "$obj" | awk '$2 == "T"' | cut -c20- | grep -vc "hardmax_eigen_$isa::" || true)
  weak=$(nm -C --defined-only "$obj" | awk '$2 ~ /^[Wuv]$/' | grep -c "hardmax_eigen_$isa::" || true)
  if [ -n "$foreign" ]; then
    echo "FAIL $isa object defines symbols outside its ISA's namespaces:"; echo "$foreign"; status=1
  else
    echo "ok   $isa object: $exported exported functions (hardmax::kernels::*_$isa), $weak weak symbols, all in hardmax_eigen_$isa::"
  fi
done

kernel_functions() {  # the functions of one ISA's kernel, as objdump -C names them (templates with their return type)
  printf '(hardmax_eigen_%s::|(^|[ (<])hardmax::kernels::%s::|^hardmax::kernels::%s_%s\\()' "$1" "$1" "$exports" "$1"
}

for bin in "${binaries[@]}"; do
  listing=$(objdump -d -C --no-show-raw-insn "$bin")
  # Per function: V when it contains a VEX/EVEX instruction, E when an EVEX-only feature.
  marks=$(printf '%s\n' "$listing" | awk '
    /^[0-9a-f]+ <.*>:$/ { fn = substr($0, index($0, "<") + 1); sub(/>:$/, "", fn); next }
    /^ *[0-9a-f]+:\t/ { split($0, f, "\t"); insn = f[2]; m = insn; sub(/ .*/, "", m)
                        if (m ~ /^v/ || insn ~ /%[yz]mm/) vex[fn] = 1
                        if (insn ~ /%zmm|%k[0-7]|%[xyz]mm(1[6-9]|2[0-9]|3[01])|\{1to[0-9]+\}/) evex[fn] = 1 }
    END { for (fn in vex) print (fn in evex ? "E" : "V") "\t" fn }' | sort)
  vex=$(printf '%s\n' "$marks" | cut -f2- | grep -v '^$' || true)
  outside=$(printf '%s\n' "$vex" | grep -v -E -e '^$' -e "$(kernel_functions avx2)" -e "$(kernel_functions avx512)" || true)
  avx2_evex=$(printf '%s\n' "$marks" | awk -F'\t' '$1 == "E" { print $2 }' | grep -E "$(kernel_functions avx2)" || true)
  sse2_fns=$(printf '%s\n' "$listing" | grep -E '^[0-9a-f]+ <.*>:$' | sed 's/^[0-9a-f]* <//' | grep -c -E "$(kernel_functions sse2)" || true)
  n_vex=$(printf '%s\n' "$vex" | grep -c . || true)
  n_avx512=$(printf '%s\n' "$vex" | grep -c -E "$(kernel_functions avx512)" || true)
  if [ -n "$outside" ]; then  # the SSE2 kernel's functions included
    echo "FAIL $bin: VEX/EVEX instructions outside the AVX2 and AVX-512 kernels, in:"; echo "$outside"; status=1
  elif [ -n "$avx2_evex" ]; then
    echo "FAIL $bin: AVX-512 (EVEX) instructions in the AVX2 kernel, in:"; echo "$avx2_evex"; status=1
  else
    echo "ok   $bin: $n_vex functions contain VEX/EVEX instructions, all in the AVX2 ($((n_vex - n_avx512))) and AVX-512 ($n_avx512) kernels, none of them AVX-512 in the AVX2 kernel; the $sse2_fns SSE2-kernel functions contain none"
  fi
done
exit $status
