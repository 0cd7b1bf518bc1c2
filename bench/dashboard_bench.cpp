// Dashboard benchmark: the real attest-server over a practice's master
// store of N events (default 1,000,000; built by bench_reports, whose
// stores it shares), signed in over HTTP as a browser signs in, then the
// time to the first byte of the overview and of the compliance matrix:
//  - cold: the first request after sign-in, which loads the records the
//    page reads from the store;
//  - warm: the median of R more requests, served from what was loaded
//    (each still checks that the store has no new records);
//  - after a new record: the first request after the store changed.
// Goal: warm under 200 ms over a million events. Prints one JSON object
// per figure.
//
//   bench_dashboard [--events N] [--people P] [--runs R] [--dir DIR]
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "bench_server.h"
#include "support/run.h"

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using attest::bench::fail;

struct Args {
  unsigned long long events = 1000000;
  int people = 200;
  int runs = 10;
  std::string dir = "bench-reports";
};

struct Timed {
  int status = 0;
  double first_byte_ms = 0;
  double total_ms = 0;
  size_t bytes = 0;
};

// One GET with the session cookie; the first byte is when the body's first
// piece arrives.
Timed get(httplib::Client& cli, const std::string& path, const std::string& cookie) {
  Timed t;
  const auto start = Steady::now();
  bool first = true;
  auto res = cli.Get(path, {{"Cookie", cookie}}, [&](const char*, size_t n) {
    if (first) {
      t.first_byte_ms = std::chrono::duration<double, std::milli>(Steady::now() - start).count();
      first = false;
    }
    t.bytes += n;
    return true;
  });
  t.total_ms = std::chrono::duration<double, std::milli>(Steady::now() - start).count();
  if (!res) fail("GET " + path + " failed: " + httplib::to_string(res.error()));
  t.status = res->status;
  return t;
}

std::string cookie_value(const httplib::Result& res, const std::string& name) {
  for (const auto& [k, v] : res->headers) {
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
  }
  return {};
}

std::string sign_in(httplib::Client& cli, const std::string& passphrase) {
  auto page = cli.Get("/sign-in");
  if (!page || page->status != 200) fail("GET /sign-in failed");
  std::smatch m;
  static const std::regex token("name=\"csrf\" value=\"([^\"]+)\"");
  if (!std::regex_search(page->body, m, token)) fail("no CSRF token on the sign-in page");
  const std::string signin_cookie = cookie_value(page, "attest_signin");
  httplib::Params form{{"csrf", m[1]}, {"passphrase", passphrase}};
  auto res = cli.Post("/sign-in", {{"Cookie", signin_cookie}}, form);
  if (!res || res->status != 303) fail("sign-in refused: " + (res ? std::to_string(res->status) : "no answer"));
  const std::string session = cookie_value(res, "attest_session");
  if (session.empty()) fail("no session cookie after sign-in");
  return session;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void print(const char* figure, const char* page, const Args& a, const Timed& t) {
  std::printf("{\"figure\":\"%s\",\"page\":\"%s\",\"events\":%llu,\"people\":%d,\"status\":%d,"
              "\"first_byte_ms\":%.1f,\"total_ms\":%.1f,\"bytes\":%zu}\n",
              figure, page, a.events, a.people, t.status, t.first_byte_ms, t.total_ms, t.bytes);
  std::fflush(stdout);
}

int run(const Args& a) {
  const fs::path dir = fs::absolute(fs::path(a.dir) / ("e" + std::to_string(a.events) + "-p" +
                                                        std::to_string(a.people) + "-m20-practice"));
  if (!fs::exists(dir / "passphrase.txt")) {
    auto built = attest::testing::run(std::string(ATTEST_BENCH_REPORTS) + " --events " +
                                      std::to_string(a.events) + " --people " + std::to_string(a.people) +
                                      " --dir " + attest::testing::quote(a.dir) + " --build-only");
    if (built.code != 0) fail("bench_reports could not build the store: " + built.all);
  }
  std::string passphrase;
  {
    std::ifstream in(dir / "passphrase.txt");
    std::getline(in, passphrase);
  }
  attest::bench::Server server(ATTEST_SERVER_BIN, dir, dir.parent_path() / "dashboard-server.log",
                               {"--assets", (dir / "assets").string()});
  const auto starting = Steady::now();
  server.start();
  std::printf("{\"figure\":\"dashboard_server_start\",\"events\":%llu,\"seconds\":%.2f}\n", a.events,
              std::chrono::duration<double>(Steady::now() - starting).count());
  httplib::Client cli(server.url());
  cli.set_read_timeout(600, 0);
  const auto signing_in = Steady::now();
  const std::string session = sign_in(cli, passphrase);
  std::printf("{\"figure\":\"dashboard_sign_in\",\"ms\":%.1f}\n",
              std::chrono::duration<double, std::milli>(Steady::now() - signing_in).count());
  for (const char* page : {"/", "/matrix"}) {
    const Timed cold = get(cli, page, session);
    if (cold.status != 200) fail(std::string("GET ") + page + " answered " + std::to_string(cold.status));
    print("dashboard_cold", page, a, cold);
  }
  for (const char* page : {"/", "/matrix"}) {
    std::vector<double> firsts, totals;
    Timed last;
    for (int i = 0; i < a.runs; ++i) {
      last = get(cli, page, session);
      if (last.status != 200) fail(std::string("GET ") + page + " answered " + std::to_string(last.status));
      firsts.push_back(last.first_byte_ms);
      totals.push_back(last.total_ms);
    }
    last.first_byte_ms = median(firsts);
    last.total_ms = median(totals);
    print("dashboard_warm_median", page, a, last);
  }
  // A sign-out is a new record on the server's chain: the next page after
  // signing in again reads the store anew.
  const std::string again = sign_in(cli, passphrase);
  const Timed after = get(cli, "/matrix", again);
  print("dashboard_after_new_record", "/matrix", a, after);
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--events")) a.events = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--people")) a.people = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) a.runs = std::max(1, std::stoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--dir")) a.dir = argv[i + 1];
  }
  try {
    return run(a);
  } catch (const attest::bench::Failure& f) {
    std::fprintf(stderr, "bench_dashboard: %s\n", f.why.c_str());
    return 1;
  }
}
