#include "campaigns/process_group.hpp"

#include <cstdlib>

#ifdef HARDMAX_HAVE_MPI
#include <mpi.h>
#endif

namespace hardmax {

namespace {

// Open MPI, MPICH and PMIx-based launchers set one of these in every process they start.
bool launched_by_mpirun() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(var)) return true;
  return false;
}

}  // namespace

bool mpi_available() {
#ifdef HARDMAX_HAVE_MPI
  return true;
#else
  return false;
#endif
}

process_group& process_group::world() {
  static process_group group;
  return group;
}

process_group::process_group() {
#ifdef HARDMAX_HAVE_MPI
  if (!launched_by_mpirun()) return;
  MPI_Init(nullptr, nullptr);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#endif
}

process_group::~process_group() {
#ifdef HARDMAX_HAVE_MPI
  if (initialised_) MPI_Finalize();
#endif
}

void process_group::barrier() const {
#ifdef HARDMAX_HAVE_MPI
  if (initialised_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

std::string process_group::broadcast(const std::string& text) const {
  if (!initialised_) return text;
#ifdef HARDMAX_HAVE_MPI
  unsigned long length = text.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG, 0, MPI_COMM_WORLD);
  std::string out = rank_ == 0 ? text : std::string(length, '\0');
  MPI_Bcast(out.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
  return out;
#else
  return text;
#endif
}

std::vector<std::string> process_group::gather(const std::string& text) const {
  if (!initialised_) return {text};
#ifdef HARDMAX_HAVE_MPI
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(static_cast<std::size_t>(size_));
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(static_cast<std::size_t>(size_), 0);
  int total = 0;
  for (int r = 0; r < size_; ++r) {
    offsets[static_cast<std::size_t>(r)] = total;
    total += lengths[static_cast<std::size_t>(r)];
  }
  std::string all(rank_ == 0 ? static_cast<std::size_t>(total) : 0, '\0');
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> out;
  if (rank_ == 0)
    for (int r = 0; r < size_; ++r)
      out.push_back(all.substr(static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]),
                               static_cast<std::size_t>(lengths[static_cast<std::size_t>(r)])));
  return out;
#else
  return {text};
#endif
}

}  // namespace hardmax
