#include "io/failure.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/run_limits.hpp"
#include "numerics/attention.hpp"
#include "numerics/certified_engine.hpp"
#include "numerics/engine.hpp"
#include "numerics/growth_guard.hpp"
#include "numerics/interruption.hpp"
#include "numerics/problem.hpp"

namespace hardmax {

std::optional<failure> classify(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const input_error& e) {
    return failure{failure_kind::bad_input, e.what()};
  } catch (const certified_engine_error& e) {
    return failure{failure_kind::bad_input, e.what()};
  } catch (const engine_error& e) {
    return failure{failure_kind::bad_input, e.what()};
  } catch (const representation_error& e) {
    return failure{failure_kind::bad_input, std::string("the input cannot be represented in this engine: ") + e.what()};
  } catch (const output_error& e) {
    return failure{failure_kind::bad_output, e.what()};
  } catch (const growth_limit_error& e) {
    return failure{failure_kind::resource_limit, e.what()};
  } catch (const run_limit_error& e) {
    return failure{failure_kind::resource_limit, e.what()};
  } catch (const interrupted& e) {
    return failure{failure_kind::interrupted, e.what(), e.signal};
  } catch (const non_finite_error& e) {
    return failure{failure_kind::numeric_failure, e.what()};
  } catch (...) {
  }
  return std::nullopt;
}

}  // namespace hardmax
