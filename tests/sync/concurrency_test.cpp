// Two kiosks syncing with the same server at the same time, each with its
// own chain: both finish, each chain is stored exactly once, and the
// server's log shows their uploads interleaved (so they really overlapped).
#include <sstream>

#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

namespace {

constexpr long kEach = 15000;

// The devices (short ids, as logged) of the stored uploads, in log order.
std::vector<std::string> upload_order(const ServerProcess& s) {
  std::ifstream in(s.log());
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (line.find(" POST /v1/events 200 ") == std::string::npos) continue;
    const size_t at = line.find(" device ");
    if (at != std::string::npos) out.push_back(line.substr(at + 8, 12));
  }
  return out;
}

}  // namespace

TEST_CASE("two kiosks syncing at once both finish with exact counts") {
  TempDir dir("attest-slow");
  ServerProcess server(dir);
  server.start();
  KioskProcess a{dir / "a"}, b{dir / "b"};
  REQUIRE(a.pair(server).code == 0);
  REQUIRE(b.pair(server).code == 0);
  {
    // Fill both at once too: two processes, two stores.
    ChildProcess fill_a({ATTEST_KIOSK_CHILD, "fill", a.dir.string(), std::to_string(kEach)});
    ChildProcess fill_b({ATTEST_KIOSK_CHILD, "fill", b.dir.string(), std::to_string(kEach + 1)});
    REQUIRE(fill_a.wait(120).code == 0);
    REQUIRE(fill_b.wait(120).code == 0);
  }
  const uint64_t total_a = kEach + 1, total_b = kEach + 2;

  auto sync_a = a.start_sync(dir / "a.log");
  auto sync_b = b.start_sync(dir / "b.log");
  const int code_a = sync_a->wait(120).code;
  const int code_b = sync_b->wait(120).code;
  CHECK(code_a == 0);
  CHECK(code_b == 0);
  std::ifstream log_a(dir / "a.log"), log_b(dir / "b.log");
  std::stringstream out_a, out_b;
  out_a << log_a.rdbuf();
  out_b << log_b.rdbuf();
  CHECK_MESSAGE(out_a.str().find("\"uploaded\":" + std::to_string(total_a) + ",") !=
                    std::string::npos,
                out_a.str());
  CHECK_MESSAGE(out_b.str().find("\"uploaded\":" + std::to_string(total_b) + ",") !=
                    std::string::npos,
                out_b.str());

  CHECK(master_counts(server) == MasterCounts{total_a + total_b, 0, 0});
  CHECK(a.pending() == 0);
  CHECK(b.pending() == 0);
  check_server_holds_kiosk_chain(server, a, total_a);
  check_server_holds_kiosk_chain(server, b, total_b);
  check_verifies(server, total_a + total_b, 2);

  // The uploads interleaved: more than the one switch from a to b (or b to
  // a) that syncing one after the other would give.
  const auto order = upload_order(server);
  int switches = 0;
  for (size_t i = 1; i < order.size(); ++i) switches += order[i] != order[i - 1];
  CHECK_MESSAGE(switches >= 2, "uploads in order: " << order.size() << ", switches " << switches);
}
