// The processes sharing a campaign: under mpirun, the ranks of MPI_COMM_WORLD; otherwise one process.
// MPI is optional at configure time (HARDMAX_HAVE_MPI) and initialised only when a launcher started
// this process, so a plain `hardmax sweep` never depends on an MPI runtime being usable.
#pragma once

#include <string>
#include <vector>

namespace hardmax {

class process_group {
 public:
  static process_group& world();  // initialises MPI on first use when launched by mpirun
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }
  // Rank 0 receives every rank's text, in rank order; other ranks get an empty list.
  std::vector<std::string> gather(const std::string& text) const;
  // Every rank receives rank 0's text (collective: every rank must call it).
  std::string broadcast(const std::string& text) const;
  void barrier() const;
  ~process_group();

  process_group(const process_group&) = delete;
  process_group& operator=(const process_group&) = delete;

 private:
  process_group();
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

// Whether this build can run under MPI (for --version and the docs).
bool mpi_available();

}  // namespace hardmax
