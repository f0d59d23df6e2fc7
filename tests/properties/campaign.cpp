#include "properties/campaign.hpp"

#include "properties/generators.hpp"

#include <rapidcheck.h>

#include <sstream>

namespace hardmax {

campaign_result run_campaign(const claim_property& property, const dynamics& dyn, const campaign_settings& settings,
                             const std::function<void()>& on_case) {
  campaign_result out{property.name, settings.seed, true, 0, false, std::nullopt, {}};
  rc::detail::TestParams params;
  params.seed = settings.seed;
  params.maxSuccess = settings.cases;
  params.maxSize = settings.max_size;
  rc::detail::TestMetadata metadata;
  metadata.id = property.name;
  metadata.description = property.description;
  // The last failing evaluation is the shrunk counterexample: shrinking stops at a failing input
  // none of whose shrinks fails.
  std::optional<problem> last_failure;
  int unchecked = 0;  // RapidCheck cannot be cancelled: after a stop, cases pass without being checked
  const auto result = rc::detail::checkTestable(
      [&] {
        const problem p = *gen::problems(settings.family, settings.max_layers);
        if (settings.stop && settings.stop()) {
          ++unchecked;
          return;
        }
        if (on_case) on_case();
        try {
          property.check(p, dyn);
        } catch (...) {
          last_failure = p;
          throw;
        }
      },
      metadata, params);
  out.stopped = unchecked > 0;
  if (result.template is<rc::detail::SuccessResult>()) {
    out.cases = result.template get<rc::detail::SuccessResult>().numSuccess - unchecked;
    return out;
  }
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  out.passed = false;
  out.message = message.str();
  out.counterexample = last_failure;
  if (result.template is<rc::detail::FailureResult>()) out.cases = result.template get<rc::detail::FailureResult>().numSuccess;
  return out;
}

}  // namespace hardmax
