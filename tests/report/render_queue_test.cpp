// The bundle writer's render queue: every document rendered once, a slow
// one does not hold up the rest, and a failure is returned and stops it.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

#include "report/render_queue.h"

using namespace attest;
using namespace attest::report;

namespace {

Document doc(std::string id) {
  Document d;
  d.id = std::move(id);
  return d;
}

}  // namespace

TEST_CASE("render queue: every document is rendered exactly once") {
  std::mutex mu;
  std::multiset<std::string> seen;
  RenderQueue q(2, [&](const Document& d) -> Status {
    std::lock_guard lock(mu);
    seen.insert(d.id);
    return {};
  });
  for (int i = 0; i < 200; ++i) REQUIRE(q.push(doc("r" + std::to_string(i))).ok());
  REQUIRE(q.finish().ok());
  CHECK(seen.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(seen.count("r" + std::to_string(i)) == 1);
}

TEST_CASE("render queue: a slow document holds one worker, not the queue") {
  // The first document waits until the last of the others is rendered; with
  // a queue that waits for documents in order this would never finish (the
  // wait gives up after 10 s and the check below then fails).
  std::mutex mu;
  std::condition_variable cv;
  int others = 0;
  bool slow_saw_all = false;
  RenderQueue q(2, [&](const Document& d) -> Status {
    std::unique_lock lock(mu);
    if (d.id == "slow") {
      slow_saw_all = cv.wait_for(lock, std::chrono::seconds(10), [&] { return others == 20; });
    } else {
      ++others;
      cv.notify_all();
    }
    return {};
  });
  REQUIRE(q.push(doc("slow")).ok());
  for (int i = 0; i < 20; ++i) REQUIRE(q.push(doc("quick" + std::to_string(i))).ok());
  REQUIRE(q.finish().ok());
  CHECK(slow_saw_all);
}

TEST_CASE("render queue: the first failure is returned and the rest are not rendered") {
  std::atomic<int> rendered{0};
  RenderQueue q(1, [&](const Document& d) -> Status {
    if (d.id == "bad") return make_error(ErrorCode::kIo, "disk full writing bad.pdf");
    ++rendered;
    return {};
  });
  REQUIRE(q.push(doc("a")).ok());
  REQUIRE(q.push(doc("bad")).ok());
  Status pushed;
  for (int i = 0; i < 50 && pushed.ok(); ++i) pushed = q.push(doc("later" + std::to_string(i)));
  const Status done = q.finish();
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().message == "disk full writing bad.pdf");
  // One worker, a queue of one: at most one document was waiting behind the
  // failure when it happened.
  CHECK(rendered.load() <= 2);
  CHECK_FALSE(pushed.ok());
}
