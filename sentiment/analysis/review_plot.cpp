#include "sentiment/analysis/review_plot.hpp"

#include "sentiment/data/vocabulary.hpp"
#include "sentiment/model/hardmax_evaluation.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hardmax::sentiment {

void write_review_plot_csv(std::ostream& out, const classifier& model, const vocabulary& vocab,
                           const encoded_review& review, const trajectory<double>& path, const std::string& provenance) {
  if (model.dimension() != 2) throw std::invalid_argument("the review plot is drawn for d = 2 only");
  // First position and number of positions of every word (padding included: it is a token of the model).
  std::map<std::int32_t, std::pair<index, int>> words;
  for (index i = 0; i < static_cast<index>(review.ids.size()); ++i) {
    auto [it, fresh] = words.try_emplace(review.ids[static_cast<std::size_t>(i)], i, 0);
    ++it->second.second;
  }
  const std::size_t last = path.layers.size() - 1;
  const double logit = decoder_output(model, path.layers.back().colwise().mean());
  out << "# " << provenance << '\n';
  out << fmt::format("# decoder,{:.17g},{:.17g},{:.17g},{:.17g},{}\n", model.decoder_weight(0), model.decoder_weight(1),
                     model.decoder_bias, logit, review.label);
  out << "word,id,positions,layer,x,y,leader,decoder_output\n";
  for (const std::size_t layer : {std::size_t{0}, last}) {
    const std::vector<index> L = leaders_at(path, layer);
    for (const auto& [id, first_and_count] : words) {
      const auto [i, count] = first_and_count;
      const auto z = path.layers[layer].row(i);
      const bool leader = std::binary_search(L.begin(), L.end(), i);
      out << fmt::format("{},{},{},{},{:.17g},{:.17g},{},{:.17g}\n", vocab.word(id), id, count, layer, z(0), z(1),
                         leader ? 1 : 0, decoder_output(model, z));
    }
  }
}

}  // namespace hardmax::sentiment
