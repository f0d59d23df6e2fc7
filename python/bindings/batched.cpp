#include "python/bindings/batched.hpp"

#include "io/config_file.hpp"
#include "io/run_limits.hpp"
#include "numerics/batched_engine.hpp"
#include "numerics/spd.hpp"
#include "python/bindings/call_guard.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>

#include <cmath>
#include <cstring>

namespace py = pybind11;

namespace hardmax::python {
namespace {

const std::string source = "hardmax.batched.simulate";

using float_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

matrix<double> metric(const py::object& A, index d) {
  if (A.is_none()) return matrix<double>::Identity(d, d);
  const float_array a = float_array::ensure(A);
  if (!a || a.ndim() != 2 || a.shape(0) != d || a.shape(1) != d)
    throw input_error(source, "A", fmt::format("expected a {} x {} float array", d, d));
  matrix<double> out(d, d);
  std::memcpy(out.data(), a.data(), sizeof(double) * static_cast<std::size_t>(d * d));
  matrix<rational> exact(d, d);
  for (index r = 0; r < d; ++r)
    for (index c = 0; c < d; ++c) {
      if (!std::isfinite(out(r, c))) throw input_error(source, fmt::format("A[{}][{}]", r, c), "not a real number");
      exact(r, c) = exact_value(out(r, c));
    }
  if (const auto why = spd_violation(exact)) throw input_error(source, "A", "must be symmetric positive definite (M2): " + *why);
  return out;
}

// One copy in (the engine steps its own per-configuration matrices) and one copy out.
py::array_t<double> simulate(const py::object& batch_in, double alpha, long layers, unsigned threads, const py::object& A,
                             const std::string& attention) {
  if (attention != "auto" && attention != "pairs")
    throw input_error(source, "attention", fmt::format("expected auto or pairs, found '{}'", attention));
  const float_array batch = float_array::ensure(batch_in);
  if (!batch || batch.ndim() != 3 || batch.shape(0) < 1 || batch.shape(1) < 1 || batch.shape(2) < 1)
    throw input_error(source, "Z0", "expected a non-empty (batch, n, d) float array");
  if (!std::isfinite(alpha) || alpha <= 0) throw input_error(source, "alpha", fmt::format("must be positive (> 0), found {}", alpha));
  if (layers < 0 || layers > max_layers_ever)
    throw run_limit_error(fmt::format("{}: field 'layers': {} layers, expected 0 to {}", source, layers, max_layers_ever));
  const index count = batch.shape(0), n = batch.shape(1), d = batch.shape(2);
  const double* in = batch.data();
  for (py::ssize_t k = 0; k < batch.size(); ++k)
    if (!std::isfinite(in[k])) throw input_error(source, "Z0", fmt::format("entry {} is not a real number", k));
  const model<double> m{metric(A, d), alpha, {}, {}, {}};
  std::vector<tokens<double>> configs(static_cast<std::size_t>(count), tokens<double>(n, d));
  const std::size_t size = static_cast<std::size_t>(n * d);
  for (index b = 0; b < count; ++b) std::memcpy(configs[static_cast<std::size_t>(b)].data(), in + b * n * d, sizeof(double) * size);
  without_gil([&] {
    return simulate_batch(m, configs, static_cast<index>(layers), threads,
                          attention == "auto" ? planar_attention::hull : planar_attention::scores);
  });
  py::array_t<double> out({count, n, d});
  double* dst = out.mutable_data();
  for (index b = 0; b < count; ++b) std::memcpy(dst + b * n * d, configs[static_cast<std::size_t>(b)].data(), sizeof(double) * size);
  return out;
}

}  // namespace

void bind_batched(py::module_& m) {
  py::module_ batched = m.def_submodule("batched", "The batched double engine: many configurations at once");
  batched.def("simulate", &simulate, py::arg("Z0"), py::arg("alpha"), py::arg("layers"), py::arg("threads") = 0,
              py::arg("A") = py::none(), py::arg("attention") = "auto",
              "Z^K for every configuration of a (batch, n, d) float array: M4 with V = I in double, scores by GEMM\n"
              "(its own summation order: the fast engine, not the reference; docs/ENGINES.md). threads: 0 = all;\n"
              "with fewer configurations than threads, each of at least 512 tokens is split across them.\n"
              "attention: auto (d = 2: the convex hull, exact on the stored coordinates) or pairs (the scores).");
}

}  // namespace hardmax::python
