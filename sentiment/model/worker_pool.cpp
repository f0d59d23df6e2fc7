#include "sentiment/model/worker_pool.hpp"

namespace hardmax::sentiment {

worker_pool::worker_pool(unsigned threads) {
  if (threads == 0) threads = 1;
  helpers_.reserve(threads - 1);
  for (unsigned w = 1; w < threads; ++w) helpers_.emplace_back([this, w] { help(w); });
}

worker_pool::~worker_pool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : helpers_) t.join();
}

// Takes tasks until none is left. Called with the mutex not held.
void worker_pool::work(unsigned worker) {
  for (;;) {
    std::size_t index;
    {
      std::lock_guard lock(mutex_);
      if (next_ >= count_) return;
      index = next_++;
    }
    try {
      (*task_)(index, worker);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      next_ = count_;  // abandon the remaining tasks
    }
  }
}

void worker_pool::help(unsigned worker) {
  unsigned long seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      ++busy_;
    }
    work(worker);
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    done_.notify_one();
  }
}

void worker_pool::run(std::size_t count, const std::function<void(std::size_t, unsigned)>& task) {
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    count_ = count;
    next_ = 0;
    error_ = nullptr;
    ++generation_;
  }
  if (!helpers_.empty()) wake_.notify_all();
  work(0);
  std::exception_ptr error;
  {
    std::unique_lock lock(mutex_);
    // Every helper either joined this generation (busy_ counts it until it leaves work()) or finds
    // no task left; waiting for busy_ == 0 after the queue is drained covers both.
    done_.wait(lock, [&] { return busy_ == 0; });
    error = error_;
    task_ = nullptr;
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace hardmax::sentiment
