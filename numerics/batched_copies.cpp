#include "numerics/batched_copies.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace hardmax {
namespace {

bool same_row(const tokens<double>& Z, index i, index j) {
  for (index c = 0; c < Z.cols(); ++c)
    if (!(Z(i, c) == Z(j, c))) return false;
  return true;
}

// Open-addressing tables hold at most half their slots, so that probes stay short.
std::size_t slots_for(std::size_t entries) { return std::bit_ceil(std::max<std::size_t>(16, 2 * entries)); }

}  // namespace

void batched_copies::reset(index n, index d) {
  token_hashes_.resize(static_cast<std::size_t>(n));
  hashes_current_ = false;
  weights_.resize(static_cast<std::size_t>(d));
  for (index c = 0; c < d; ++c) weights_[static_cast<std::size_t>(c)] = 0.6180339887498949 + 0.1 * static_cast<double>(c);
  leader_members_.clear();
  leader_representatives_.clear();
  leader_hashes_.clear();
  leader_slots_.assign(slots_for(0), -1);
}

void batched_copies::insert_leader(std::uint64_t h, index l) {
  const std::size_t mask = leader_slots_.size() - 1;
  for (std::size_t s = h & mask;; s = (s + 1) & mask)
    if (leader_slots_[s] < 0) {
      leader_slots_[s] = static_cast<std::int32_t>(l);
      return;
    }
}

void batched_copies::group(const tokens<double>& Z, std::vector<index>& active, std::vector<char>& leader) {
  if (!hashes_current_)
    for (index i = 0; i < Z.rows(); ++i) token_hashes_[static_cast<std::size_t>(i)] = hash(Z.data() + i * Z.cols());
  hashes_current_ = true;
  joined_.clear();
  std::size_t kept = 0;
  if (!leader_members_.empty()) {
    const std::size_t mask = leader_slots_.size() - 1;
    for (std::size_t k = 0; k < active.size(); ++k) {
      const index i = active[k];
      const std::uint64_t h = token_hashes_[static_cast<std::size_t>(i)];
      bool copy_of_leader = false;
      for (std::size_t s = h & mask; leader_slots_[s] >= 0; s = (s + 1) & mask) {
        const auto l = static_cast<std::size_t>(leader_slots_[s]);
        if (leader_hashes_[l] == h && same_row(Z, i, leader_representatives_[l])) {
          auto& members = leader_members_[l];
          members.insert(std::lower_bound(members.begin(), members.end(), i), i);
          leader[static_cast<std::size_t>(i)] = 1;
          joined_.push_back(i);
          copy_of_leader = true;
          break;
        }
      }
      if (copy_of_leader) continue;
      active[kept++] = i;
    }
    active.resize(kept);
  }
  active_slots_.assign(slots_for(active.size()), -1);
  active_hashes_.clear();
  representatives_.clear();
  point_of_.resize(active.size());
  const std::size_t mask = active_slots_.size() - 1;
  for (std::size_t k = 0; k < active.size(); ++k) {
    const std::uint64_t h = token_hashes_[static_cast<std::size_t>(active[k])];
    std::size_t s = h & mask;
    for (; active_slots_[s] >= 0; s = (s + 1) & mask) {
      const auto a = static_cast<std::size_t>(active_slots_[s]);
      if (active_hashes_[a] == h && same_row(Z, active[k], representatives_[a])) break;
    }
    if (active_slots_[s] < 0) {  // a new point
      active_slots_[s] = static_cast<std::int32_t>(active_hashes_.size());
      active_hashes_.push_back(h);
      representatives_.push_back(active[k]);
    }
    point_of_[k] = static_cast<index>(active_slots_[s]);
  }
  // Members by point, each increasing (a stable counting sort of the increasing active tokens).
  const std::size_t points = representatives_.size();
  active_first_.assign(points + 1, 0);
  active_members_.resize(active.size());
  if (points == active.size()) {  // no copies: point k is token active[k]
    for (std::size_t k = 0; k <= points; ++k) active_first_[k] = static_cast<index>(k);
    std::copy(active.begin(), active.end(), active_members_.begin());
  } else {
    for (const index a : point_of_) ++active_first_[static_cast<std::size_t>(a) + 1];
    for (std::size_t a = 0; a < points; ++a) active_first_[a + 1] += active_first_[a];
    fill_.assign(active_first_.begin(), active_first_.end() - 1);
    for (std::size_t k = 0; k < active.size(); ++k)
      active_members_[static_cast<std::size_t>(fill_[static_cast<std::size_t>(point_of_[k])]++)] = active[k];
  }
  representatives_.insert(representatives_.end(), leader_representatives_.begin(), leader_representatives_.end());
}

void batched_copies::add_leader(index a) {
  const index* first = active_members(a);
  leader_members_.emplace_back(first, first + active_size(a));
  leader_representatives_.push_back(*first);
  leader_hashes_.push_back(token_hashes_[static_cast<std::size_t>(*first)]);
  if (2 * leader_members_.size() > leader_slots_.size()) {  // grow, and re-insert every leader point
    leader_slots_.assign(slots_for(leader_members_.size()), -1);
    for (std::size_t l = 0; l < leader_hashes_.size(); ++l) insert_leader(leader_hashes_[l], static_cast<index>(l));
  } else {
    insert_leader(leader_hashes_.back(), static_cast<index>(leader_members_.size()) - 1);
  }
}

}  // namespace hardmax
