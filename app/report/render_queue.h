// Reports rendered on worker threads while the caller builds the next one.
// At most `workers` documents wait in the queue, so only a few are held at
// once, and a worker that finishes takes the next document whatever the
// others are doing: a long one (the PDF roster of a policy signed 100,000
// times) holds one worker, never the queue. Used by the bundle writer.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/result.h"
#include "report/document.h"

namespace attest::report {

class RenderQueue {
 public:
  using Render = std::function<Status(const Document&)>;

  RenderQueue(size_t workers, Render render);
  ~RenderQueue();
  RenderQueue(const RenderQueue&) = delete;
  RenderQueue& operator=(const RenderQueue&) = delete;

  // Queues `doc`, waiting while the queue is full. Returns the first
  // failure so far, after which nothing more is rendered.
  Status push(Document&& doc);
  // Waits until every queued document is rendered; the first failure.
  Status finish();

 private:
  void work();

  Render render_;
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Document> queue_;
  bool closed_ = false;
  Status failed_;
  std::vector<std::thread> threads_;
};

}  // namespace attest::report
