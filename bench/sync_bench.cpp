// Sync benchmark: the real attest-server on 127.0.0.1 and the real sync
// client, as a kiosk runs it. Prints one JSON object per figure, with its
// goal and, where one was published, what PouchDB replicating to a
// CouchDB-protocol server reaches on the same kind of job ("compare").
//
//   bench_sync [--events N] [--runs N] [--full-runs N] [--body BYTES] [--dir DIR]
//              [--server ATTEST_SERVER] [--postgresql]
//
//  - full sync of N/10 and of N events (each ~BYTES of body plaintext) from
//    a freshly paired kiosk, the server checking every hash and link as it
//    stores them. Each full sync runs in a child process (this binary with
//    --client-sync), so wait4's peak RSS is the client's alone; the server
//    is a separate `attest-server serve`, whose VmHWM and CPU are read from
//    /proc. With --full-runs above 1 the server and kiosk folders are put
//    back from a copy before each run and the median is reported.
//  - then, on the N-event kiosk and server: 10 new events synced (--runs
//    times), and a sync with nothing new, timed in this process around
//    SyncClient::sync_once on a client kept open, and again with the client
//    opened for each sync, as the kiosk's sync worker does.
// Finally the server store is checked with `attest-server verify`.
//  - with --postgresql, the full sync of N events again into a server whose
//    master store is PostgreSQL (a server this benchmark starts, fsync on),
//    put back before each run by copying a template database, and the
//    ratio of its rate to SQLite's.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "bench_server.h"
#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "sync/client/pairing.h"
#include "sync/client/sync_client.h"
#include "support/postgres_server.h"

using namespace attest;
using bench::fail;
using bench::Failure;
using bench::Server;
using testing::ChildProcess;
namespace fs = std::filesystem;
using Clock_ = std::chrono::steady_clock;

namespace {

constexpr uint64_t kIncrementalEvents = 10;

struct Args {
  uint64_t events = 100000;
  int runs = 20;       // incremental and no-op syncs
  int full_runs = 1;   // full syncs of each size
  size_t body = 700;   // body plaintext bytes per event
  std::string dir = "bench-sync";
  std::string server = ATTEST_SERVER_BIN;  // --server: another build, to compare
  bool postgresql = false;
};

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) fail(what + ": " + r.error().message);
  return std::move(*r);
}

double ms_since(Clock_::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock_::now() - t).count();
}

double mb(long kb) { return double(kb) / 1024.0; }

// Sorts `v` and returns the value at fraction `p` of the way (nearest rank).
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * double(v.size() - 1) + 0.5)];
}

double seconds_of(const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; }

sync::KioskPaths kiosk_paths(const fs::path& dir) {
  return {dir / "kiosk.db", dir / "keys" / "device.key"};
}

void copy_folder(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

// A day at the front desk, five events a visit, each with ~`body` bytes of
// body plaintext: sign in, two modules, a policy, sign out.
core::EventDraft draft(uint64_t i, size_t body) {
  core::EventDraft d;
  d.person_id = "p-" + std::to_string(i / 5 % 40);
  const auto subject = [&](const char* id) {
    return core::Subject{id, "1", crypto::sha256(as_bytes(std::string(id)))};
  };
  switch (i % 5) {
    case 0: d.kind = core::EventKind::kSignIn; break;
    case 1: d.kind = core::EventKind::kModuleCompleted; d.subject = subject("phishing"); break;
    case 2: d.kind = core::EventKind::kModuleCompleted; d.subject = subject("passwords"); break;
    case 3: d.kind = core::EventKind::kPolicyAttested; d.subject = subject("acceptable-use"); break;
    default: d.kind = core::EventKind::kSignOut; break;
  }
  // JSON framing and the salt take about 64 bytes of the plaintext.
  d.body_fields = {{"typed_name", "Person " + std::to_string(i / 5 % 40)},
                   {"text", std::string(body > 64 ? body - 64 : 1, 's')}};
  return d;
}

void append_events(store::KioskStore& store, uint64_t n, size_t body, uint64_t first) {
  SystemClock clock;
  crypto::SystemRandom rng;
  std::vector<core::EventDraft> batch;
  for (uint64_t i = 0; i < n; ++i) {
    batch.push_back(draft(first + i, body));
    if (batch.size() == 1000 || i + 1 == n) {
      must(store.append_batch(batch, clock, rng), "append");
      batch.clear();
    }
  }
}

store::KioskStore open_kiosk(const fs::path& dir) {
  const auto p = kiosk_paths(dir);
  auto key = must(crypto::DeviceKey::load(p.device_key), "device key");
  return must(store::KioskStore::open(p.db, std::move(key)), "kiosk store");
}

// A server copied from the initialised template, started, and a kiosk
// paired with it holding `events` new events besides DeviceEnrolled.
struct Scenario {
  fs::path dir;
  fs::path kiosk;
  std::unique_ptr<Server> server;
  uint64_t events = 0;  // in the kiosk, all told
};

Scenario make_scenario(const Args& a, const fs::path& template_server, uint64_t events,
                       const std::string& suffix = {}) {
  Scenario s;
  s.dir = fs::path(a.dir) / ("sync-" + std::to_string(events) + suffix);
  fs::remove_all(s.dir);
  fs::create_directories(s.dir);
  copy_folder(template_server, s.dir / "server");
  s.server = std::make_unique<Server>(a.server, s.dir / "server", s.dir / "server.log");
  s.server->start();
  s.kiosk = s.dir / "kiosk";
  SystemClock clock;
  crypto::SystemRandom rng;
  must(sync::pair_kiosk(kiosk_paths(s.kiosk), s.server->url(), s.server->pairing_code(),
                        "Bench kiosk", clock, rng),
       "pairing");
  store::KioskStore store = open_kiosk(s.kiosk);
  append_events(store, events, a.body, 0);
  // The sync reads a settled store, not one with a big WAL to replay.
  (void)store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  s.events = must(store.event_count(), "count");
  return s;
}

// Bytes of POST /v1/events bodies in the server log from `offset` on.
uint64_t upload_bytes(const fs::path& log, std::streamoff offset) {
  std::ifstream in(log);
  in.seekg(offset);
  static const std::regex re("POST /v1/events 200 ([0-9]+)B in");
  uint64_t total = 0;
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, re)) total += std::stoull(m[1]);
  }
  return total;
}

struct FullRun {
  double seconds = 0;  // for the figures of several runs, their median
  double client_cpu_s = 0, server_cpu_s = 0;
  long client_rss_kb = 0, server_rss_kb = 0;
  uint64_t upload_bytes = 0;
};

// One full sync in a child process; the server must be running.
FullRun full_sync_once(const Scenario& s) {
  const fs::path out = s.dir / "client.json";
  fs::remove(out);
  const std::streamoff log_at = static_cast<std::streamoff>(fs::file_size(s.server->log()));
  const long ticks0 = s.server->cpu_ticks();
  ChildProcess client({fs::read_symlink("/proc/self/exe").string(), "--client-sync",
                       s.kiosk.string()},
                      out.string());
  if (!client.ok()) fail("cannot start the client process");
  const ChildProcess::Exit e = client.wait(3600);
  if (e.code != 0) fail("the client process exited with " + std::to_string(e.code));
  FullRun r;
  r.server_cpu_s = double(s.server->cpu_ticks() - ticks0) / double(::sysconf(_SC_CLK_TCK));
  r.server_rss_kb = s.server->peak_rss_kb();
  r.client_rss_kb = e.max_rss_kb;
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) fail("the client process printed no result");
  if (j.value("uploaded", uint64_t{0}) != s.events) {
    fail("the full sync uploaded " + std::to_string(j.value("uploaded", uint64_t{0})) + " of " +
         std::to_string(s.events) + " events");
  }
  r.seconds = j.value("seconds", 0.0);
  r.client_cpu_s = j.value("cpu_s", 0.0);
  r.upload_bytes = upload_bytes(s.server->log(), log_at);
  return r;
}

// What a store outside the server's folder (PostgreSQL) needs to be put
// back between runs: `save` once with the server stopped, `restore` before
// each later run.
struct StoreCopy {
  std::function<void()> save, restore;
};

// Full syncs of one scenario; leaves its server running and the kiosk synced.
FullRun bench_full(const Args& a, Scenario& s, const char* backend = "sqlite",
                   const StoreCopy& store = {}) {
  const fs::path server_copy = s.dir / "server.before", kiosk_copy = s.dir / "kiosk.before";
  if (a.full_runs > 1) {
    s.server->stop();
    copy_folder(s.server->dir(), server_copy);
    copy_folder(s.kiosk, kiosk_copy);
    if (store.save) store.save();
  }
  std::vector<FullRun> runs;
  for (int i = 0; i < a.full_runs; ++i) {
    if (i > 0) {
      s.server->stop();
      copy_folder(server_copy, s.server->dir());
      copy_folder(kiosk_copy, s.kiosk);
      if (store.restore) store.restore();
    }
    if (!s.server->running()) s.server->start();
    runs.push_back(full_sync_once(s));
  }
  std::vector<double> secs, client_cpu, server_cpu;
  long client_rss = 0, server_rss = 0;
  for (const auto& r : runs) {
    secs.push_back(r.seconds);
    client_cpu.push_back(r.client_cpu_s);
    server_cpu.push_back(r.server_cpu_s);
    client_rss = std::max(client_rss, r.client_rss_kb);
    server_rss = std::max(server_rss, r.server_rss_kb);
  }
  const double median = percentile(secs, 0.5);
  std::printf(
      "{\"figure\":\"sync_full\",\"store\":\"%s\",\"events\":%llu,\"body_plaintext_bytes\":%zu,\"runs\":%d,"
      "\"median_s\":%.3f,\"events_per_s\":%.0f,\"upload_mb\":%.1f,\"client_cpu_s\":%.2f,"
      "\"server_cpu_s\":%.2f,\"client_peak_mb\":%.1f,\"server_peak_mb\":%.1f,"
      "\"goal_events_per_s\":50000,\"compare_events_per_s\":4900,"
      "\"compare\":\"PouchDB to CouchDB protocol, 100k docs\"}\n",
      backend, static_cast<unsigned long long>(s.events), a.body, a.full_runs, median,
      double(s.events) / median, double(runs.back().upload_bytes) / 1e6,
      percentile(client_cpu, 0.5), percentile(server_cpu, 0.5), mb(client_rss), mb(server_rss));
  std::fflush(stdout);
  FullRun peak = runs.back();
  peak.seconds = median;
  peak.client_rss_kb = client_rss;
  peak.server_rss_kb = server_rss;
  return peak;
}

void print_latency(const char* figure, uint64_t stored, uint64_t new_events,
                   const std::vector<double>& kept_open, const std::vector<double>& reopened,
                   int goal_ms, int compare_min_ms, int compare_max_ms) {
  std::printf(
      "{\"figure\":\"%s\",\"stored_events\":%llu,\"new_events\":%llu,\"runs\":%zu,"
      "\"median_ms\":%.2f,\"p95_ms\":%.2f,\"max_ms\":%.2f,"
      "\"client_opened_each_time_median_ms\":%.2f,"
      "\"goal_ms\":%d,\"compare_min_ms\":%d,\"compare_max_ms\":%d,"
      "\"compare\":\"PouchDB to CouchDB protocol\"}\n",
      figure, static_cast<unsigned long long>(stored), static_cast<unsigned long long>(new_events),
      kept_open.size(), percentile(kept_open, 0.5), percentile(kept_open, 0.95),
      percentile(kept_open, 1.0), percentile(reopened, 0.5), goal_ms, compare_min_ms,
      compare_max_ms);
  std::fflush(stdout);
}

// Incremental and no-op syncs against the synced scenario.
void bench_small_syncs(const Args& a, Scenario& s) {
  SystemClock clock;
  crypto::SystemRandom rng;
  store::KioskStore kiosk = open_kiosk(s.kiosk);
  auto open_client = [&] {
    const auto p = kiosk_paths(s.kiosk);
    return must(sync::SyncClient::open(p, clock, rng),
                "sync client");
  };
  auto sync_and_time = [&](sync::SyncClient& c, uint64_t expect_uploaded) {
    const auto t = Clock_::now();
    auto r = must(c.sync_once(), "sync");
    const double ms = ms_since(t);
    if (r.uploaded != expect_uploaded) {
      fail("a sync uploaded " + std::to_string(r.uploaded) + " events, not " +
           std::to_string(expect_uploaded));
    }
    return ms;
  };
  auto add_new = [&] {
    append_events(kiosk, kIncrementalEvents, a.body, s.events);
    s.events += kIncrementalEvents;
  };
  const uint64_t stored_before_incremental = s.events;
  std::vector<double> incremental, incremental_reopened, noop, noop_reopened;
  auto client = open_client();
  for (int i = 0; i < a.runs; ++i) {
    add_new();
    incremental.push_back(sync_and_time(*client, kIncrementalEvents));
  }
  const uint64_t stored_before_noop = s.events;
  for (int i = 0; i < a.runs; ++i) noop.push_back(sync_and_time(*client, 0));
  client.reset();
  // What the kiosk's sync worker does: a client (store connection and HTTP
  // connection) opened for each sync.
  for (int i = 0; i < a.runs; ++i) {
    add_new();
    const auto t = Clock_::now();
    auto c = open_client();
    const double open_ms = ms_since(t);
    incremental_reopened.push_back(open_ms + sync_and_time(*c, kIncrementalEvents));
  }
  for (int i = 0; i < a.runs; ++i) {
    const auto t = Clock_::now();
    auto c = open_client();
    const double open_ms = ms_since(t);
    noop_reopened.push_back(open_ms + sync_and_time(*c, 0));
  }
  if (must(kiosk.pending_count(), "pending") != 0) fail("events left unsynced");
  print_latency("sync_incremental", stored_before_incremental, kIncrementalEvents, incremental,
                incremental_reopened, 5, 11, 21);
  print_latency("sync_noop", stored_before_noop, 0, noop, noop_reopened, 2, 4, 6);
}

// The server's own whole-store check, after it stopped.
void verify_server(const Scenario& s) {
  auto r = testing::run(s.server->bin() + " verify " +
                        testing::quote(s.server->dir().string()));
  const std::string expect = "OK: " + std::to_string(s.events) + " events from 1 devices";
  if (r.code != 0 || r.out.find(expect) == std::string::npos) {
    fail("attest-server verify did not say \"" + expect + "\": " + r.all);
  }
}

// Runs one statement on the PostgreSQL server's maintenance database.
void pg_admin(const testing::PostgresServer& pg, const std::string& sql) {
  PGconn* c = PQconnectdb(pg.uri("postgres").c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  if (!error.empty()) fail(sql + ": " + error);
}

// The full sync of N events into a server on PostgreSQL; returns its
// median seconds.
double bench_postgresql(const Args& a, const fs::path& template_dir) {
  testing::PostgresServer pg(/*durable=*/true);
  const std::string uri = pg.create_database();
  const std::string db = uri.substr(uri.rfind('/') + 1, uri.find('?') - uri.rfind('/') - 1);
  const fs::path folder = template_dir / "pg-server";
  auto init = testing::run(a.server + " init " + testing::quote(folder.string()) +
                           " --practice-name 'Bench Group' --passphrase-file " +
                           testing::quote((template_dir / "passphrase.txt").string()) +
                           " --store " + testing::quote(uri));
  if (init.code != 0) fail("attest-server init --store: " + init.all);
  Scenario s = make_scenario(a, folder, a.events, "-postgresql");
  const StoreCopy copy{[&] { pg_admin(pg, "CREATE DATABASE saved TEMPLATE " + db); },
                       [&] {
                         pg_admin(pg, "DROP DATABASE " + db);
                         pg_admin(pg, "CREATE DATABASE " + db + " TEMPLATE saved");
                       }};
  const FullRun r = bench_full(a, s, "postgresql", copy);
  s.server->stop();
  verify_server(s);
  return r.seconds;
}

// --client-sync DIR: one sync of DIR's kiosk, in this process; prints its
// time, what it uploaded and this process's CPU as one JSON line.
int client_sync(const std::string& dir) {
  SystemClock clock;
  crypto::SystemRandom rng;
  const auto p = kiosk_paths(dir);
  try {
    auto client = must(sync::SyncClient::open(p, clock, rng),
                       "sync client");
    const auto t = Clock_::now();
    const sync::SyncOutcome r = must(client->sync_once(), "sync");
    const double ms = ms_since(t);
    rusage self{};
    ::getrusage(RUSAGE_SELF, &self);
    std::printf("{\"seconds\":%.4f,\"uploaded\":%llu,\"completions\":%llu,\"cpu_s\":%.3f}\n",
                ms / 1000, static_cast<unsigned long long>(r.uploaded),
                static_cast<unsigned long long>(r.completions),
                seconds_of(self.ru_utime) + seconds_of(self.ru_stime));
  } catch (const Failure& f) {
    std::fprintf(stderr, "bench_sync client: %s\n", f.why.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--client-sync") return client_sync(argv[2]);
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    const bool has_value = i + 1 < argc;
    auto number = [&] { return std::max(1, std::atoi(argv[++i])); };
    if (k == "--events" && has_value) a.events = std::strtoull(argv[++i], nullptr, 10);
    else if (k == "--runs" && has_value) a.runs = number();
    else if (k == "--full-runs" && has_value) a.full_runs = number();
    else if (k == "--body" && has_value) a.body = static_cast<size_t>(number());
    else if (k == "--dir" && has_value) a.dir = argv[++i];
    else if (k == "--server" && has_value) a.server = argv[++i];
    else if (k == "--postgresql") a.postgresql = true;
    else {
      std::fprintf(stderr, "usage: %s [--events N] [--runs N] [--full-runs N] [--body BYTES] "
                           "[--dir DIR] [--server ATTEST_SERVER] [--postgresql]\n", argv[0]);
      return 2;
    }
  }
  a.events = std::max<uint64_t>(a.events, 1);
  try {
    // Initialised once (Argon2id at full cost is the slow part), copied for
    // each scenario.
    const fs::path template_dir = fs::path(a.dir) / "template";
    fs::remove_all(template_dir);
    fs::create_directories(template_dir);
    std::ofstream(template_dir / "passphrase.txt") << "benchmark passphrase\n";
    auto init = testing::run(
        a.server + " init " + testing::quote((template_dir / "server").string()) +
        " --practice-name 'Bench Practice' --passphrase-file " +
        testing::quote((template_dir / "passphrase.txt").string()));
    if (init.code != 0) fail("attest-server init: " + init.all);

    if (a.events >= 20) {
      Scenario small = make_scenario(a, template_dir / "server", a.events / 10);
      bench_full(a, small);
      small.server->stop();
    }
    Scenario large = make_scenario(a, template_dir / "server", a.events);
    const FullRun peak = bench_full(a, large);
    std::printf("{\"figure\":\"sync_client_peak_rss\",\"events\":%llu,\"peak_mb\":%.1f,"
                "\"goal_mb\":60,\"compare_min_mb\":167,\"compare_max_mb\":215,"
                "\"compare\":\"PouchDB to CouchDB protocol, 100k docs\"}\n",
                static_cast<unsigned long long>(large.events), mb(peak.client_rss_kb));
    std::printf("{\"figure\":\"sync_server_peak_rss\",\"events\":%llu,\"peak_mb\":%.1f}\n",
                static_cast<unsigned long long>(large.events), mb(peak.server_rss_kb));
    std::fflush(stdout);
    bench_small_syncs(a, large);
    large.server->stop();
    verify_server(large);
    if (a.postgresql) {
      const double pg_seconds = bench_postgresql(a, template_dir);
      std::printf("{\"figure\":\"sync_full_postgresql_to_sqlite\",\"events\":%llu,"
                  "\"rate_ratio\":%.2f,\"goal_ratio\":0.5}\n",
                  static_cast<unsigned long long>(a.events), peak.seconds / pg_seconds);
    }
  } catch (const Failure& f) {
    std::fprintf(stderr, "bench_sync: %s\n", f.why.c_str());
    return 1;
  }
  return 0;
}
