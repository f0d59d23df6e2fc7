#include "sentiment/model/loss.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hardmax::sentiment {
namespace {

// PyTorch's BCELoss: logs clamped at -100, the denominator of its gradient at 1e-12.
constexpr double log_floor = -100;
constexpr double gradient_floor = 1e-12;

}  // namespace

std::string name_of(loss_form f) { return f == loss_form::logit ? "logit" : "probability"; }

loss_form parse_loss_form(std::string_view name) {
  if (name == "logit") return loss_form::logit;
  if (name == "probability") return loss_form::probability;
  throw std::invalid_argument(fmt::format("loss must be logit or probability, not '{}'", name));
}

double sigmoid(double logit) {
  if (logit >= 0) return 1 / (1 + std::exp(-logit));
  const double e = std::exp(logit);
  return e / (1 + e);
}

double logit_loss(double logit, int label) {
  return std::max(logit, 0.0) - logit * label + std::log1p(std::exp(-std::abs(logit)));
}

double review_loss(double logit, int label, loss_form form) {
  if (form == loss_form::logit) return logit_loss(logit, label);
  const double p = sigmoid(logit);
  return -(label * std::max(std::log(p), log_floor) + (1 - label) * std::max(std::log(1 - p), log_floor));
}

double loss_slope(double logit, int label, loss_form form) {
  const double p = sigmoid(logit);
  if (form == loss_form::logit) return p - label;
  const double spread = (1 - p) * p;
  return (p - label) / std::max(spread, gradient_floor) * spread;
}

}  // namespace hardmax::sentiment
