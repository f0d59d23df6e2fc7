// The training loss: binary cross-entropy of sigmoid(logit) against the label, in one of two forms
// that agree wherever the sigmoid is not saturated (issue 15, "Training").
//  - logit: computed from the logit, max(l, 0) - l y + log1p(exp(-|l|)), exact at every logit; its
//    slope is sigmoid(l) - y (this suite's original choice, PyTorch's BCEWithLogitsLoss).
//  - probability: the paper's nn.BCELoss on the sigmoid's output p, as PyTorch computes it: each log
//    clamped at -100, and the slope (p - y) / max(p (1 - p), 1e-12) times the sigmoid's p (1 - p).
//    Where p rounds to exactly 0 or 1 the slope is 0 and the loss at most 100, so a review the model
//    gets confidently wrong stops contributing a gradient. In PyTorch's float32 that happens beyond
//    |logit| of about 17; in this suite's double, beyond about 37.
#pragma once

#include <string>
#include <string_view>

namespace hardmax::sentiment {

enum class loss_form { logit, probability };

std::string name_of(loss_form f);
loss_form parse_loss_form(std::string_view name);  // "logit", "probability"

double sigmoid(double logit);

// Binary cross-entropy of sigmoid(logit) against label (0 or 1), computed from the logit without
// overflow or log(0).
double logit_loss(double logit, int label);

double review_loss(double logit, int label, loss_form form);
// d review_loss / d logit.
double loss_slope(double logit, int label, loss_form form);

}  // namespace hardmax::sentiment
