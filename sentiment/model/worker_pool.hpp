// A few threads kept for the length of an epoch, so that the 391 batches of an IMDb epoch do not
// each pay for starting threads. Work is split into tasks whose results go to per-task slots; which
// thread runs a task never matters, so results cannot depend on the number of threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hardmax::sentiment {

class worker_pool {
 public:
  // `threads` workers in all, the calling thread being one of them (0 means 1).
  explicit worker_pool(unsigned threads);
  ~worker_pool();
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  unsigned size() const { return static_cast<unsigned>(helpers_.size()) + 1; }

  // Runs task(index, worker) for every index in [0, count), worker in [0, size()) naming the thread
  // (for per-thread scratch space), and returns when all have finished. The first exception thrown
  // by a task is rethrown here after the others have finished.
  void run(std::size_t count, const std::function<void(std::size_t index, unsigned worker)>& task);

 private:
  void help(unsigned worker);
  void work(unsigned worker);

  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t, unsigned)>* task_ = nullptr;
  std::size_t count_ = 0, next_ = 0;
  unsigned busy_ = 0;
  unsigned long generation_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

}  // namespace hardmax::sentiment
