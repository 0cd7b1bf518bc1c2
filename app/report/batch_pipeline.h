// Work on a stream of records that is independent per record (opening a
// sealed body, writing or checking a line) done on worker threads, and
// work that must follow the stream's order (a ledger, a file, a chain)
// done on the calling thread. The caller fills a batch; while the workers
// prepare it, the caller consumes the batch before, in order, and reads
// the next. Workers take a batch in small chunks, and the caller helps
// rather than wait, so no thread idles while another has a queue.
//
// Each chunk has a ChunkState of its own, which only the thread preparing
// that chunk touches; consume() gets them with their batch (for pieces of
// a chain checked per chunk and joined in order).
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include "base/result.h"

namespace attest::report {

template <typename Item, typename ChunkState>
class BatchPipeline {
 public:
  static constexpr size_t kBatch = 2048;
  static constexpr size_t kChunk = 128;  // consume() finds an item's state at index / kChunk

  using Prepare = std::function<void(Item&, ChunkState&)>;
  using Consume = std::function<Status(std::vector<Item>&, std::vector<ChunkState>&)>;

  BatchPipeline(Prepare prepare, Consume consume)
      : prepare_(std::move(prepare)), consume_(std::move(consume)) {
    const unsigned n = std::thread::hardware_concurrency();
    workers_ = std::clamp(n == 0 ? 1u : n, 1u, 8u);
    filling_.reserve(kBatch);
  }
  ~BatchPipeline() { wait(); }
  BatchPipeline(const BatchPipeline&) = delete;
  BatchPipeline& operator=(const BatchPipeline&) = delete;

  // The next item to fill; then push().
  Item& next() { return filling_.emplace_back(); }
  Status push() { return filling_.size() >= kBatch ? cycle() : Status{}; }
  // Prepares and consumes whatever is left.
  Status finish() {
    TRY_STATUS(cycle());
    return cycle();
  }

 private:
  void wait() {
    run_chunks();
    for (auto& r : running_) r.get();
    running_.clear();
  }

  void run_chunks() {
    for (;;) {
      const size_t k = next_chunk_.fetch_add(1);
      if (k >= chunk_count_) return;
      const size_t end = std::min(in_flight_.size(), (k + 1) * kChunk);
      for (size_t i = k * kChunk; i < end; ++i) prepare_(in_flight_[i], chunk_states_[k]);
    }
  }

  Status cycle() {
    wait();
    std::vector<Item> done = std::move(in_flight_);
    std::vector<ChunkState> done_states = std::move(chunk_states_);
    in_flight_ = std::move(filling_);
    filling_.clear();
    filling_.reserve(kBatch);
    chunk_count_ = (in_flight_.size() + kChunk - 1) / kChunk;
    chunk_states_.clear();
    chunk_states_.resize(chunk_count_);
    next_chunk_ = 0;
    for (unsigned w = 0; w < workers_ && chunk_count_ > 0; ++w) {
      running_.push_back(std::async(std::launch::async, [this] { run_chunks(); }));
    }
    if (done.empty()) return {};
    return consume_(done, done_states);
  }

  Prepare prepare_;
  Consume consume_;
  unsigned workers_ = 1;
  std::vector<Item> filling_;
  std::vector<Item> in_flight_;
  std::vector<ChunkState> chunk_states_;  // one per chunk of in_flight_
  size_t chunk_count_ = 0;
  std::atomic<size_t> next_chunk_{0};
  // Last, so it is destroyed first: its futures wait for the workers, which
  // use the batches above.
  std::vector<std::future<void>> running_;
};

}  // namespace attest::report
