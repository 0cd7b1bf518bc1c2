// Crash safety: a child process appends in a loop and is killed with SIGKILL
// at random moments. After each kill, every append it reported as saved
// must be in the store and the whole chain must verify.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>

#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "store/kiosk_verify.h"
#include "support/temp_dir.h"

using namespace attest;

namespace {

// Runs the child for `run_for`, then SIGKILLs it. Returns the highest seq it
// reported as saved (0 if none).
uint64_t run_and_kill(const std::string& db, const std::string& key,
                      std::chrono::microseconds run_for) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(ATTEST_APPEND_CHILD, ATTEST_APPEND_CHILD, db.c_str(), key.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + run_for;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(left.count(), 1))) > 0) {
      ssize_t n = ::read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
  }
  ::kill(pid, SIGKILL);
  // Lines already written to the pipe before the kill were reported as saved.
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  uint64_t last = 0;
  size_t pos = 0;
  while ((pos = out.find("saved ", pos)) != std::string::npos) {
    size_t end = out.find('\n', pos);
    if (end == std::string::npos) break;  // a torn line was never fully reported
    last = std::stoull(out.substr(pos + 6, end - pos - 6));
    pos = end;
  }
  return last;
}

}  // namespace

TEST_CASE("appends reported as saved survive SIGKILL at random moments") {
  testing::TempDir dir("attest-crash");
  const auto db = dir / "kiosk.db";
  const auto key_file = dir / "device.key";
  crypto::SystemRandom rng;
  SystemClock clock;
  {
    crypto::DeviceKey device = crypto::DeviceKey::generate(rng);
    REQUIRE(device.save(key_file).ok());
    auto practice = crypto::BoxSecretKey::generate(rng);
    auto store = store::KioskStore::create(db, std::move(device), practice.public_key(), clock);
    REQUIRE(store.ok());
  }
  auto seed = static_cast<unsigned>(std::random_device{}());
  INFO("random seed " << seed);
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> delay_us(2000, 120000);

  uint64_t reported = 0;
  int rounds_with_progress = 0;
  constexpr int kRounds = 24;
  for (int round = 0; round < kRounds; ++round) {
    uint64_t last = run_and_kill(db.string(), key_file.string(),
                                 std::chrono::microseconds(delay_us(gen)));
    if (last > reported) {
      reported = last;
      ++rounds_with_progress;
    }
    auto key = crypto::DeviceKey::load(key_file);
    REQUIRE(key.ok());
    auto report = store::verify_kiosk_store(db, *key);
    REQUIRE(report.ok());
    INFO("round " << round << ", reported saved through " << reported);
    CHECK(report->intact());
    // Nothing reported as saved was lost; at most the append in flight when
    // the kill came was also committed.
    CHECK(report->last_seq >= reported);
    CHECK(report->events == report->last_seq);
    if (!report->intact()) {
      for (const auto& f : report->findings) FAIL_CHECK("seq " << f.seq << ": " << f.detail);
      break;
    }
  }
  // The test is only meaningful if the child actually wrote in most rounds.
  CHECK(rounds_with_progress >= kRounds / 2);
  CHECK(reported > 0);
}
