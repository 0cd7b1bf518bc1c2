#include "report/render_queue.h"

#include <algorithm>

namespace attest::report {

RenderQueue::RenderQueue(size_t workers, Render render)
    : render_(std::move(render)), capacity_(std::max<size_t>(workers, 1)) {
  for (size_t i = 0; i < capacity_; ++i) threads_.emplace_back([this] { work(); });
}

RenderQueue::~RenderQueue() { (void)finish(); }

Status RenderQueue::push(Document&& doc) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return queue_.size() < capacity_ || !failed_.ok(); });
  if (!failed_.ok()) return failed_;
  queue_.push_back(std::move(doc));
  changed_.notify_all();
  return {};
}

Status RenderQueue::finish() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  changed_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  std::lock_guard lock(mu_);
  return failed_;
}

void RenderQueue::work() {
  for (;;) {
    Document doc;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;
      doc = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
      if (!failed_.ok()) continue;  // a failure stops the rest; drain what is queued
    }
    Status s = render_(doc);
    if (!s.ok()) {
      std::lock_guard lock(mu_);
      if (failed_.ok()) failed_ = std::move(s);
      changed_.notify_all();
    }
  }
}

}  // namespace attest::report
