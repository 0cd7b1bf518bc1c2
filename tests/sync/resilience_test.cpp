// A 100,000-event sync with the real server and the real kiosk client,
// clean and then with either side SIGKILLed at random moments at least 20
// times along the way. After each kill nothing acknowledged is lost; at the
// end the server holds exactly the kiosk's chain, once, and verifies.
//
// Filling 100k events is the slow part, so it happens once per run: a
// stopped server with a paired kiosk holding 100k unsynced events, copied
// for each test. The kill tests draw their moments from a seeded generator;
// the seed is printed, and ATTEST_TEST_SEED=N repeats a run.
#include <random>
#include <sstream>

#include "store/kiosk_verify.h"
#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

namespace {

constexpr long kFilled = 100000;
constexpr uint64_t kTotal = kFilled + 1;  // and the kiosk's DeviceEnrolled
constexpr int kKills = 20;

const std::filesystem::path& filled_template() {
  static TempDir dir("attest-filled");
  static const bool made = [] {
    ServerProcess server(dir);
    server.start();
    KioskProcess kiosk{dir / "kiosk"};
    auto paired = kiosk.pair(server);
    server.stop();
    return paired.code == 0 && kiosk.fill(kFilled).code == 0;
  }();
  REQUIRE(made);
  return dir.path();
}

// A copy of the template, served on a free port of its own.
struct FilledKiosk {
  TempDir dir{"attest-slow"};
  ServerProcess server{dir, filled_template() / "server"};
  KioskProcess kiosk{dir / "kiosk"};
  crypto::DeviceId device{};

  FilledKiosk() {
    std::filesystem::copy(filled_template() / "kiosk", kiosk.dir,
                          std::filesystem::copy_options::recursive);
    server.start();
    repoint_kiosk(kiosk, server.url());
    device = kiosk_key(kiosk).id();
  }

  // What must hold after any kill: the server's copy is a whole prefix of
  // the chain that never shrinks, and the kiosk counts as synced nothing the
  // server does not hold.
  void check_after_kill(uint64_t& server_had) {
    // A killed kiosk's last request may still be stored after the kiosk is
    // gone (its body had arrived): read once the server has settled.
    MasterCounts c = master_counts(server);
    uint64_t through = stored_through(server, device);
    for (int i = 0; i < 50; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const MasterCounts again = master_counts(server);
      const uint64_t through_again = stored_through(server, device);
      if (again == c && through_again == through && through == c.events) break;
      c = again;
      through = through_again;
    }
    CHECK(c.events >= server_had);
    CHECK(c.events <= kTotal);
    CHECK(through == c.events);
    CHECK(c.quarantined == 0);
    const long pending = kiosk.pending();
    REQUIRE(pending >= 0);
    CHECK(kTotal - uint64_t(pending) <= c.events);
    server_had = c.events;
  }

  void check_complete() {
    CHECK(master_counts(server) == MasterCounts{kTotal, 0, 0});
    CHECK(kiosk.pending() == 0);
    check_server_holds_kiosk_chain(server, kiosk, kTotal);
    check_verifies(server, kTotal, 1);
  }

  std::string sync_log() const {
    std::ifstream in(dir / "sync.log");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  std::string log_tail() const {
    const std::string text = sync_log();
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
  }
  // The errors the background syncs reported that match none of `expected`.
  std::vector<std::string> unexpected_errors(const std::string& expected) const {
    std::istringstream in(sync_log());
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("kiosk_child:", 0) == 0 && line.find(expected) == std::string::npos) {
        out.push_back(line);
      }
    }
    return out;
  }
};

uint64_t test_seed() {
  if (const char* s = std::getenv("ATTEST_TEST_SEED")) return std::stoull(s);
  return std::random_device{}();
}

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

TEST_CASE("100,000 events sync exactly once and the server verifies them") {
  FilledKiosk f;
  REQUIRE(f.kiosk.pending() == long(kTotal));
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":" + std::to_string(kTotal) + ",") != std::string::npos);
  f.check_complete();
  // Nothing is left to send, and sending it all again stores nothing.
  synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  CHECK(synced.out.find("\"uploaded\":0,") != std::string::npos);
  CHECK(server_events(f.server) == kTotal);
}

TEST_CASE("a 100,000-event sync survives the server SIGKILLed at random moments 20 times") {
  FilledKiosk f;
  const uint64_t seed = test_seed();
  MESSAGE("server kills: seed " << seed << " (ATTEST_TEST_SEED=" << seed << " repeats it)");
  std::mt19937_64 rng(seed);
  // Short enough that 20 rounds never finish the sync on their own: a 100k
  // sync takes about 2 s.
  std::uniform_int_distribution<int> delay_ms(5, 80);
  uint64_t server_had = 0;
  int interrupted = 0, rounds = 0;
  while (interrupted < kKills) {
    REQUIRE(++rounds <= 3 * kKills);
    auto sync = f.kiosk.start_sync(f.dir / "sync.log");
    sleep_ms(delay_ms(rng));
    f.server.kill();
    const int code = sync->wait(60).code;
    if (code != 0) ++interrupted;
    f.server.start();
    f.check_after_kill(server_had);
  }
  MESSAGE(interrupted << " syncs interrupted in " << rounds << " rounds; the server had "
                      << server_had << " of " << kTotal << " events before the last sync");
  CHECK(server_had < kTotal);  // the kills came before the end
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  f.check_complete();
  // Every sync that failed failed because the server went away.
  CHECK(f.sync_log().find("cannot reach the office server") != std::string::npos);
  const auto others = f.unexpected_errors("cannot reach the office server");
  CHECK_MESSAGE(others.empty(), (others.empty() ? "" : others.front()));
}

TEST_CASE("a 100,000-event sync survives the kiosk SIGKILLed at random moments 20 times") {
  FilledKiosk f;
  const uint64_t seed = test_seed();
  MESSAGE("kiosk kills: seed " << seed << " (ATTEST_TEST_SEED=" << seed << " repeats it)");
  std::mt19937_64 rng(seed);
  // Short enough that 20 kills land before a 100k sync (about 2 s) is done.
  std::uniform_int_distribution<int> delay_ms(5, 80);
  uint64_t server_had = 0;
  int killed = 0, rounds = 0;
  while (killed < kKills) {
    REQUIRE(++rounds <= 3 * kKills);
    auto sync = f.kiosk.start_sync(f.dir / "sync.log");
    sleep_ms(delay_ms(rng));
    sync->signal(SIGKILL);
    const int code = sync->wait(60).code;
    if (code == 128 + SIGKILL) ++killed;
    CHECK_MESSAGE((code == 128 + SIGKILL || code == 0), f.log_tail());
    f.check_after_kill(server_had);
  }
  MESSAGE(killed << " syncs killed in " << rounds << " rounds; the server had " << server_had
                 << " of " << kTotal << " events before the last sync");
  CHECK(server_had < kTotal);
  auto synced = f.kiosk.sync();
  REQUIRE_MESSAGE(synced.code == 0, synced.all);
  f.check_complete();
  // The kiosk's own store came through every kill intact.
  auto report = store::verify_kiosk_store(f.kiosk.dir / "kiosk.db", kiosk_key(f.kiosk));
  REQUIRE(report.ok());
  CHECK(report->intact());
  CHECK(report->events == kTotal);
}
