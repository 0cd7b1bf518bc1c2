// Report benchmark: a master store of N events (default 1,000,000) from
// P people (200) over M modules (20) on several kiosks, then
//  - the compliance matrix in this process: stream every event out of
//    SQLite, open the bodies reports read, build the matrix, render CSV;
//  - `attest report matrix`, `attest export-evidence` (with and without
//    PDFs) and `attest verify-bundle` as a user runs them (the real binary,
//    practice key unlocked from the passphrase), wall time and peak RSS
//    from wait4;
//  - the evidence export in a process of its own with the key already
//    open, so its peak RSS is the export's and not the unlock's.
// Prints one JSON object per line.
//
//   bench_reports [--events N] [--people P] [--modules M] [--mix practice|stress]
//                 [--runs R] [--dir DIR] [--store sqlite|postgresql]
//
// --store postgresql builds the store in a PostgreSQL database instead (a
// cluster the benchmark starts, kept beside DIR's store folder) and times
// only the compliance matrix as a user runs it: the goal for a practice
// group is under 3 s over ten million records (--events 10000000 --people
// 2000: each person still completes every module once a year).
//
// The mix is what the events are:
//  - practice (the default): six years of a practice's records, as the
//    master store holds them at the end of the retention period. Most are
//    sign-in monitoring; each person completes every module once a year
//    (with a quiz, sometimes two), attests to five policies once a year
//    and acknowledges a security reminder each quarter.
//  - stress: ten weeks of records in which each person completes one
//    module 1,000 times and attests to one policy 500 times, so their
//    transcripts run to 240 pages and the policy's roster to 10,000: a
//    test of long reports, not a practice's data.
//
// DIR keeps the server folder; a second run with the same sizes and mix
// reuses it.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "base/file.h"
#include "content/content.h"
#include "core/event_builder.h"
#include "crypto/practice_key.h"
#include "crypto/random.h"
#include "report/bundle_writer.h"
#include "report/csv.h"
#include "report/feed.h"
#include "report/report_set.h"
#include "store/open_master.h"
#include "store/sqlite_master_store.h"
#include "support/postgres_server.h"

using namespace attest;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

extern char** environ;

namespace {

constexpr char kPassphrase[] = "bench practice passphrase";
constexpr int kDevices = 4;

struct Args {
  uint64_t events = 1000000;
  int people = 200;
  int modules = 20;
  std::string mix = "practice";
  int runs = 5;  // of the in-process matrix
  std::string dir = "bench-reports";
  std::string store = "sqlite";  // or postgresql
  bool build_only = false;

  bool practice() const { return mix == "practice"; }
  // The days the events span, and so the export's period.
  const char* first_day() const { return practice() ? "2020-11-20" : "2026-01-01"; }
  const char* last_day() const { return "2026-11-20"; }
};

constexpr int kPolicies = 5;  // in the practice mix; the stress mix has one

double since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }

void write_catalog(const fs::path& dir, const Args& a) {
  fs::create_directories(dir / "modules");
  fs::create_directories(dir / "policies");
  const std::string effective = a.first_day();
  for (int m = 0; m < a.modules; ++m) {
    std::ofstream(dir / "modules" / ("m" + std::to_string(m) + ".md"))
        << "---\nkind: module\nid: m" << m << "\nversion: 1\ntitle: Module " << m
        << "\neffective: " << effective << "\nroles: all\nretrain_days: 365\norder: " << m
        << "\ncfr: 45 CFR 164.308(a)(5)(i)\n" << (a.practice() ? "quiz: m" + std::to_string(m) + "-quiz\n" : "")
        << "---\n# Module " << m << "\nText.\n";
    if (!a.practice()) continue;
    fs::create_directories(dir / "quizzes");
    std::ofstream quiz(dir / "quizzes" / ("m" + std::to_string(m) + "-quiz.md"));
    quiz << "---\nkind: quiz\nid: m" << m << "-quiz\nversion: 1\ntitle: Module " << m
         << " quiz\nmodule: m" << m << "\npass_mark: 75\n---\n";
    for (int q = 0; q < 3; ++q) {
      quiz << "\n## Question " << q + 1 << "?\n\n- [ ] No\n- [x] Yes\n- [ ] Maybe\nWhy: Because.\n";
    }
  }
  std::vector<std::string> ids{"p"};
  if (a.practice()) {
    ids.clear();
    for (int p = 0; p < kPolicies; ++p) ids.push_back("p" + std::to_string(p));
  }
  for (const std::string& id : ids) {
    std::ofstream(dir / "policies" / (id + ".md"))
        << "---\nkind: policy\nid: " << id << "\nversion: 1\ntitle: Policy " << id
        << "\neffective: " << effective << "\nroles: all\ncfr: 45 CFR 164.316\n---\n# Policy\nText.\n";
  }
}

// The stress mix: in each ten events, four sign-ins, two sign-outs, two
// completions of the person's one module, a quiz and an attestation.
void stress_event(const Args& a, uint64_t i, core::EventDraft& d) {
  switch (i % 10) {
    case 0: case 1: case 2: case 3: d.kind = core::EventKind::kSignIn; break;
    case 4: case 5: d.kind = core::EventKind::kSignOut; break;
    case 6: case 7:
      d.kind = core::EventKind::kModuleCompleted;
      d.subject = {"m" + std::to_string((i / 10) % static_cast<uint64_t>(a.modules)), "1", {}};
      break;
    case 8:
      d.kind = core::EventKind::kQuizAttempt;
      d.body_fields = {{"answers", {1, 0, 2}}, {"score_percent", 100}, {"passed", true}};
      break;
    default:
      d.kind = core::EventKind::kPolicyAttested;
      d.subject = {"p", "1", {}};
      d.body_fields = {{"typed_name", d.person_id},
                       {"signature_strokes", {{{0, 0}, {40, 20}, {80, 0}}}}};
      break;
  }
}

// The practice mix, per 1,000 events: 24 completions and 29 quiz attempts
// (20 modules a year for each of 200 people over six years is 24,000 of
// 1M), 6 attestations (five policies a year), 5 reminder
// acknowledgements, and sign-in monitoring for the rest. Each round of
// 1,000 moves every slot on by 37 people (prime to 200), so each kind
// reaches every person, and each person's modules and policies take turns.
// Subjects as the kiosk records them: id, version and the SHA-256 of the
// exact text, by id.
using Subjects = std::map<std::string, core::Subject>;

void practice_event(const Args& a, uint64_t i, const Subjects& subjects, core::EventDraft& d) {
  const uint64_t slot = i % 1000;
  const uint64_t round = i / 1000;
  const uint64_t person = (slot + round * 37) % static_cast<uint64_t>(a.people);
  d.person_id = "p-" + std::to_string(person);
  if (slot < 24) {
    d.kind = core::EventKind::kModuleCompleted;
    d.subject = subjects.at("m" + std::to_string((round + person + slot) % static_cast<uint64_t>(a.modules)));
  } else if (slot < 53) {
    d.kind = core::EventKind::kQuizAttempt;
    d.subject = subjects.at("m" + std::to_string((round + person + slot) % static_cast<uint64_t>(a.modules)) + "-quiz");
    const bool passed = slot % 6 != 0;
    d.body_fields = {{"answers", {1, passed ? 1 : 0, 1}}, {"score_percent", passed ? 100 : 67},
                     {"passed", passed}, {"pass_mark", 75}};
  } else if (slot < 59) {
    d.kind = core::EventKind::kPolicyAttested;
    d.subject = subjects.at("p" + std::to_string((round + person + slot) % kPolicies));
    d.body_fields = {{"typed_name", "Person " + std::to_string(person)},
                     {"signature_strokes", {{{0, 0}, {40, 20}, {80, 0}, {120, 25}}, {{10, 30}, {110, 30}}}}};
  } else if (slot < 64) {
    d.kind = core::EventKind::kReminderAcknowledged;
    d.subject = {"reminder-" + std::to_string(round % 24), "1", {}};
  } else if (slot < 70) {
    d.kind = core::EventKind::kSignInFailed;
    d.body_fields = {{"failures_in_a_row", 1}, {"lockouts", 0}, {"locked_seconds", 0}};
  } else if (slot < 90) {
    d.kind = core::EventKind::kAutoLogoff;
  } else if (slot < 545) {
    d.kind = core::EventKind::kSignIn;
  } else {
    d.kind = core::EventKind::kSignOut;
  }
}

// One kiosk's share of the events, made a chunk at a time so ten million
// need not be held at once: the first kiosk also carries the roster.
class KioskEvents {
 public:
  KioskEvents(const Args& a, int k, uint64_t count, const crypto::DeviceKey& key,
              const crypto::BoxPublicKey& practice, const Subjects& subjects)
      : a_(a), k_(k), count_(count), subjects_(subjects),
        // 2020-11-20 or 2026-01-01, at noon UTC.
        clock_({(a.practice() ? 1605873600000 : 1767268800000) + int64_t{k} * 1000, -300}),
        // Six years over the practice's events, or ~1.26M a year per kiosk.
        step_ms_(a.practice() ? int64_t{189345600} * 1000 * kDevices / int64_t(a.events) : 25000),
        ctx_{key, practice, clock_, rng_, "bench"} {}

  // Up to `n` more events; none at the end.
  std::vector<core::SignedEvent> next(size_t n) {
    std::vector<core::SignedEvent> out;
    out.reserve(n);
    auto push = [&](const core::EventDraft& d) {
      out.push_back(core::build_event(d, at_, ctx_));
      at_.next_seq++;
      at_.prev_link = core::link_hash(out.back().hash, out.back().signature);
      clock_.advance_ms(step_ms_);
      ++made_;
    };
    for (; k_ == 0 && roster_ < a_.people && out.size() < n; ++roster_) {
      core::EventDraft d;
      d.kind = core::EventKind::kRosterChanged;
      d.person_id = "p-" + std::to_string(roster_);
      d.body_fields = {{"change", "added"}, {"name", "Person " + std::to_string(roster_)},
                       {"role", roster_ % 3 ? "clinical" : "front-desk"}, {"hired", "2020-01-01"}};
      push(d);
    }
    while (made_ < count_ && out.size() < n) {
      const uint64_t i = made_ * kDevices + static_cast<uint64_t>(k_);
      core::EventDraft d;
      d.person_id = "p-" + std::to_string(i % static_cast<uint64_t>(a_.people));
      if (a_.practice()) {
        practice_event(a_, i, subjects_, d);
      } else {
        stress_event(a_, i, d);
      }
      push(d);
    }
    return out;
  }

 private:
  const Args& a_;
  int k_;
  uint64_t count_;
  const Subjects& subjects_;
  crypto::SystemRandom rng_;
  FixedClock clock_;
  int64_t step_ms_;
  core::BuildContext ctx_;
  core::ChainPosition at_;
  uint64_t made_ = 0;
  int roster_ = 0;
};

// Where the store goes: DIR/master.db, or the PostgreSQL database this
// variable names (bench_reports --store postgresql passes it to the child
// that builds the store).
constexpr char kStoreUriVariable[] = "ATTEST_BENCH_STORE_URI";

Status build_store(const Args& a, const fs::path& dir) {
  crypto::SystemRandom rng;
  fs::remove_all(dir);
  fs::create_directories(dir / "keys");
  auto practice = TRY(crypto::create_practice_key(kPassphrase, rng));
  TRY_STATUS(write_file_atomic(dir / "practice.key", as_bytes(practice.file_text), 0600));
  const crypto::DeviceKey server = crypto::DeviceKey::generate(rng);
  TRY_STATUS(server.save(dir / "keys" / "server.key"));
  store::PracticeInfo info{"Bench Dental", server.public_key(), practice.public_key, 0};
  const char* uri = std::getenv(kStoreUriVariable);
  auto db = TRY(store::create_master_store(store::ServerPaths{dir}, uri ? uri : "", info,
                                           store::first_site_of(info)));
  std::vector<crypto::DeviceKey> keys;
  for (int k = 0; k < kDevices; ++k) keys.push_back(crypto::DeviceKey::generate(rng));
  write_catalog(dir / "assets", a);
  const content::Catalog catalog = content::load_catalog(dir / "assets");
  if (!catalog.errors.empty()) return make_error(ErrorCode::kInvalidArgument, catalog.errors[0].to_string());
  Subjects subjects;
  for (const content::Item& item : catalog.items) {
    subjects[item.id] = {item.id, std::to_string(item.version), item.sha256};
  }
  std::vector<std::unique_ptr<KioskEvents>> made;
  std::vector<core::ChainPosition> at(kDevices);
  for (int k = 0; k < kDevices; ++k) {
    crypto::Sha256 code{};
    code.fill(static_cast<uint8_t>(k + 1));
    TRY_STATUS(db->add_pairing_code(code, store::kFirstSiteId, 0, 1000));
    TRY_STATUS(db->pair_device(code, {keys[k].id(), keys[k].public_key(), "Kiosk " + std::to_string(k + 1), 0, {}, {}, 0, store::kFirstSiteId}, 1));
    made.push_back(std::make_unique<KioskEvents>(a, k, a.events / kDevices, keys[k], practice.public_key, subjects));
  }
  // Rounds: every kiosk's next 20,000 events made at once on threads of
  // their own, then stored 2,000 a transaction, as uploads bring them.
  for (bool more = true; more;) {
    std::vector<std::vector<core::SignedEvent>> chunks(kDevices);
    std::vector<std::thread> workers;
    for (int k = 0; k < kDevices; ++k) {
      workers.emplace_back([&, k] { chunks[k] = made[k]->next(20000); });
    }
    for (auto& w : workers) w.join();
    more = false;
    for (int k = 0; k < kDevices; ++k) {
      const auto& events = chunks[k];
      more = more || !events.empty();
      for (size_t i = 0; i < events.size(); i += 2000) {
        const size_t len = std::min<size_t>(2000, events.size() - i);
        TRY_STATUS(db->append_events(keys[k].id(), at[k], std::span(events).subspan(i, len), 5));
        at[k].next_seq += len;
        at[k].prev_link = core::link_hash(events[i + len - 1].hash, events[i + len - 1].signature);
      }
    }
  }
  return write_file_atomic(dir / "passphrase.txt", as_bytes(std::string(kPassphrase) + "\n"), 0600);
}

struct ChildRun {
  int code = -1;
  double seconds = 0;
  double peak_mb = 0;
};

ChildRun run_child(std::vector<std::string> argv, bool discard_output = true) {
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  ChildRun r;
  pid_t pid = 0;
  const auto t = Steady::now();
  // The commands' own messages would break this benchmark's JSON lines.
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  if (discard_output) posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  std::fflush(stdout);
  const int spawned = posix_spawn(&pid, cargv[0], &quiet, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&quiet);
  if (spawned != 0) return r;
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  r.seconds = since(t);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  return r;
}

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  }
  return 0;
}

// The evidence export in this process (run as a child of its own), with
// the practice key already open: unlocking it takes a 256 MiB Argon2id
// work area, freed before the export starts, which would otherwise be the
// peak of any command that opens bodies. The peak is reset after it.
int export_in_process(const Args& a, const fs::path& dir, const fs::path& out,
                      const std::string& formats) {
  auto text = read_file(dir / "practice.key");
  if (!text.ok()) return 1;
  auto key = crypto::unlock_with_passphrase(*text, kPassphrase);
  if (!key.ok()) return 1;
  std::ofstream("/proc/self/clear_refs") << "5";  // peak RSS := current RSS
  const long start_kb = status_kb("VmRSS:");
  const auto t = Steady::now();
  auto db = store::SqliteMasterStore::open(dir / "master.db", store::OpenMode::kReadOnly);
  auto server = crypto::DeviceKey::load(dir / "keys" / "server.key");
  if (!db.ok() || !server.ok()) return 1;
  auto info = (*db)->practice();
  auto devices = (*db)->devices();
  if (!info.ok() || !devices.ok()) return 1;
  const content::Catalog catalog = content::load_catalog(dir / "assets");
  report::BundleInput in;
  in.practice = info->name;
  in.source = "server";
  for (const auto& d : *devices) in.devices.push_back({d.id, d.name, d.public_key});
  std::sort(in.devices.begin(), in.devices.end(),
            [](const report::BundleDevice& x, const report::BundleDevice& y) { return x.id < y.id; });
  in.server_key = info->server_key;
  in.practice_key = info->practice_key;
  in.secret = &*key;
  in.catalog = &catalog;
  in.assets = dir / "assets";
  store::SqliteMasterStore& store = **db;
  in.for_each = [&](const std::function<Status(const report::RawEvent&)>& fn) -> Status {
    for (const auto& d : in.devices) {
      Status inner;
      TRY_STATUS(store.for_each_event(d.id, 1, [&](const store::StoredEvent& e) {
        inner = fn({e.device, e.seq, e.canonical_header, e.sealed_body, &e.hash, &e.signature});
        return inner.ok();
      }));
      TRY_STATUS(inner);
    }
    return {};
  };
  in.chain_end = [&](const crypto::DeviceId& id, Date day) { return store.last_seq_through(id, day); };
  report::BundleOptions options;
  options.from = *parse_date(a.first_day());
  options.to = *parse_date(a.last_day());
  options.generated_at = "bench";
  options.formats = {report::Format::kCsv, report::Format::kHtml};
  if (formats.find("pdf") != std::string::npos) options.formats.push_back(report::Format::kPdf);
  auto written = report::write_bundle(out, in, options, {&server->signing(), "server"});
  if (!written.ok()) {
    std::fprintf(stderr, "bench_reports: %s\n", written.error().message.c_str());
    return 1;
  }
  std::printf("{\"figure\":\"evidence_export_in_process\",\"mix\":\"%s\",\"events\":%llu,\"bodies\":%llu,"
              "\"formats\":\"%s\",\"seconds\":%.3f,\"goal_seconds\":10,\"start_mb\":%.1f,\"peak_mb\":%.1f,"
              "\"goal_mb\":200}\n",
              a.mix.c_str(), static_cast<unsigned long long>(written->events),
              static_cast<unsigned long long>(written->bodies), formats.c_str(), since(t),
              static_cast<double>(start_kb) / 1024.0, static_cast<double>(status_kb("VmHWM:")) / 1024.0);
  return 0;
}

// The compliance matrix as a user runs it on a PostgreSQL store (the
// practice key unlocked from the passphrase: a 256 MiB Argon2id, about half
// a second of it), CSV the median of --runs, then PDF. The matrix reads
// only the records that set state (report::record_kinds_for).
int matrix_on_postgresql(const Args& a, const fs::path& dir, const std::string& pass) {
  auto matrix = [&](const char* format) {
    return run_child({ATTEST_BIN, "report", "matrix", "--server", dir.string(), "--passphrase-file", pass,
                      "--assets", (dir / "assets").string(), "--as-of", a.last_day(), "--format", format,
                      "--out", (dir / (std::string("matrix.") + format)).string()});
  };
  std::vector<ChildRun> runs;
  for (int r = 0; r < a.runs; ++r) runs.push_back(matrix("csv"));
  std::sort(runs.begin(), runs.end(), [](const ChildRun& x, const ChildRun& y) { return x.seconds < y.seconds; });
  const ChildRun& median = runs[runs.size() / 2];
  const ChildRun pdf = matrix("pdf");
  for (const auto& [format, r] : {std::pair<const char*, ChildRun>{"csv", median}, {"pdf", pdf}}) {
    std::printf("{\"figure\":\"report_matrix_cli\",\"store\":\"postgresql\",\"mix\":\"%s\","
                "\"events\":%llu,\"people\":%d,\"format\":\"%s\",\"runs\":%zu,\"exit\":%d,"
                "\"seconds\":%.3f,\"min_seconds\":%.3f,\"max_seconds\":%.3f,\"goal_seconds\":3,"
                "\"peak_mb\":%.1f}\n",
                a.mix.c_str(), static_cast<unsigned long long>(a.events), a.people, format,
                format == std::string("csv") ? runs.size() : size_t{1}, r.code, r.seconds,
                format == std::string("csv") ? runs.front().seconds : r.seconds,
                format == std::string("csv") ? runs.back().seconds : r.seconds, r.peak_mb);
  }
  return median.code == 0 && pdf.code == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--events")) a.events = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--people")) a.people = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--modules")) a.modules = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) a.dir = argv[i + 1];
    if (!std::strcmp(argv[i], "--mix")) a.mix = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) a.runs = std::max(1, std::stoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--store")) a.store = argv[i + 1];
  }
  if (a.store != "sqlite" && a.store != "postgresql") {
    std::fprintf(stderr, "bench_reports: --store is sqlite or postgresql\n");
    return 2;
  }
  if (a.mix != "practice" && a.mix != "stress") {
    std::fprintf(stderr, "bench_reports: --mix is practice or stress\n");
    return 2;
  }
  const fs::path dir = fs::absolute(fs::path(a.dir) / ("e" + std::to_string(a.events) + "-p" +
                                                        std::to_string(a.people) + "-m" +
                                                        std::to_string(a.modules) + "-" + a.mix +
                                                        (a.store == "sqlite" ? "" : "-postgresql")));
  a.build_only = argc > 1 && !std::strcmp(argv[argc - 1], "--build-only");
  if (argc > 3 && !std::strcmp(argv[argc - 3], "--export-in-process")) {
    return export_in_process(a, dir, argv[argc - 2], argv[argc - 1]);
  }
  if (a.build_only) {
    if (auto s = build_store(a, dir); !s.ok()) {
      std::fprintf(stderr, "bench_reports: %s\n", s.error().message.c_str());
      return 1;
    }
    return 0;
  }
  // On PostgreSQL: a cluster of its own kept beside DIR (made again with
  // the store), the server durable as a practice runs it.
  std::unique_ptr<testing::PostgresServer> postgres;
  if (a.store == "postgresql") {
    const fs::path cluster = dir.string() + "-cluster";
    if (!fs::exists(dir / "passphrase.txt")) fs::remove_all(cluster);
    postgres = std::make_unique<testing::PostgresServer>(cluster, true);
    postgres->create_database("bench");
    ::setenv(kStoreUriVariable, postgres->uri("bench").c_str(), 1);
  }
  if (!fs::exists(dir / "passphrase.txt")) {
    // In a child of its own: the million events it holds would otherwise
    // stay in this process's peak RSS, which every child spawned from it
    // inherits until exec.
    std::vector<std::string> args(argv, argv + argc);
    args[0] = "/proc/self/exe";
    args.push_back("--build-only");
    const ChildRun b = run_child(args);
    if (b.code != 0) return 1;
    std::printf("{\"figure\":\"report_setup\",\"mix\":\"%s\",\"events\":%llu,\"seconds\":%.1f}\n",
                a.mix.c_str(), static_cast<unsigned long long>(a.events), b.seconds);
  }

  // A store kept from an older build is brought to this build's schema, as
  // attest-server does when it starts.
  if (auto upgraded = store::open_master_store(store::ServerPaths{dir}, store::OpenMode::kReadWrite);
      !upgraded.ok()) {
    std::fprintf(stderr, "bench_reports: %s\n", upgraded.error().message.c_str());
    return 1;
  }

  const std::string pass = (dir / "passphrase.txt").string();
  if (postgres) return matrix_on_postgresql(a, dir, pass);

  // As a user runs them; first, while this process is still small (a
  // spawned child's peak RSS starts from its parent's until exec).
  ChildRun m = run_child({ATTEST_BIN, "report", "matrix", "--server", dir.string(), "--passphrase-file", pass,
                          "--assets", (dir / "assets").string(), "--as-of", a.last_day(), "--format", "pdf",
                          "--out", (dir / "matrix.pdf").string()});
  if (m.code != 0) return 1;
  for (const char* formats : {"csv,html", "csv,html,pdf"}) {
    const fs::path out = dir / (std::string("bundle-") + formats);
    fs::remove_all(out);
    ChildRun e = run_child({ATTEST_BIN, "export-evidence", "--server", dir.string(), "--passphrase-file", pass,
                            "--assets", (dir / "assets").string(), "--from", a.first_day(), "--to", a.last_day(),
                            "--format", formats, out.string()});
    std::printf("{\"figure\":\"evidence_export_cli\",\"mix\":\"%s\",\"events\":%llu,\"formats\":\"%s\","
                "\"exit\":%d,\"seconds\":%.3f,\"peak_mb\":%.1f}\n",
                a.mix.c_str(), static_cast<unsigned long long>(a.events), formats, e.code, e.seconds,
                e.peak_mb);
    ChildRun v = run_child({ATTEST_BIN, "verify-bundle", out.string()});
    std::printf("{\"figure\":\"evidence_verify_cli\",\"mix\":\"%s\",\"events\":%llu,\"formats\":\"%s\","
                "\"exit\":%d,\"seconds\":%.3f,\"peak_mb\":%.1f}\n",
                a.mix.c_str(), static_cast<unsigned long long>(a.events), formats, v.code, v.seconds,
                v.peak_mb);
    if (e.code != 0 || v.code != 0) return 1;
  }
  for (const char* formats : {"csv,html", "csv,html,pdf"}) {
    const fs::path out = dir / "bundle-in-process";
    fs::remove_all(out);
    std::vector<std::string> args(argv, argv + argc);
    args[0] = "/proc/self/exe";
    args.push_back("--export-in-process");
    args.push_back(out.string());
    args.push_back(formats);
    if (run_child(args, false).code != 0) return 1;
  }
  std::printf("{\"figure\":\"report_matrix_cli\",\"mix\":\"%s\",\"events\":%llu,\"format\":\"pdf\","
              "\"exit\":%d,\"seconds\":%.3f,\"peak_mb\":%.1f}\n",
              a.mix.c_str(), static_cast<unsigned long long>(a.events), m.code, m.seconds, m.peak_mb);
  // In process: everything a report does after the practice key is open,
  // `--runs` times (this machine's timings vary from run to run); the
  // median run and the fastest and slowest totals.
  {
    auto text = read_file(dir / "practice.key");
    const auto tu = Steady::now();
    auto key = crypto::unlock_with_passphrase(*text, kPassphrase);
    const double unlock = since(tu);
    if (!key.ok()) return 1;
    const content::Catalog catalog = content::load_catalog(dir / "assets");
    struct MatrixRun {
      double load = 0, matrix = 0, rss_growth_mb = 0;
      uint64_t events = 0;
      size_t csv_bytes = 0;
      double total() const { return load + matrix; }
    };
    std::vector<MatrixRun> runs;
    for (int r = 0; r < a.runs; ++r) {
      MatrixRun run;
      const long rss_before = rss_kb();
      const auto t = Steady::now();
      auto db = store::SqliteMasterStore::open(dir / "master.db", store::OpenMode::kReadOnly);
      if (!db.ok()) return 1;
      report::LedgerOptions lo;
      lo.body_kinds = report::body_kinds_for("matrix");
      report::Ledger ledger(lo);
      auto devices = (*db)->devices();
      if (!devices.ok()) return 1;
      report::LedgerFeeder feeder(ledger, &*key);
      for (const auto& d : *devices) {
        auto s = (*db)->for_each_event(d.id, 1, [&](const store::StoredEvent& e) {
          return feeder.add(e.canonical_header, e.sealed_body).ok();
        });
        if (!s.ok()) return 1;
      }
      if (!feeder.finish().ok()) return 1;
      run.load = since(t);
      report::ReportContext ctx{"Bench Dental", "now", "bench", *parse_date(a.last_day()), &catalog, {}, {}};
      const auto tm = Steady::now();
      run.csv_bytes = report::to_csv(report::compliance_matrix(ledger, ctx)).size();
      run.matrix = since(tm);
      run.events = ledger.event_count();
      run.rss_growth_mb = static_cast<double>(rss_kb() - rss_before) / 1024.0;
      runs.push_back(run);
    }
    const MatrixRun first = runs.front();  // its RSS growth is the ledger's; later runs reuse freed pages
    std::sort(runs.begin(), runs.end(), [](const MatrixRun& x, const MatrixRun& y) { return x.total() < y.total(); });
    const MatrixRun& median = runs[runs.size() / 2];
    std::printf("{\"figure\":\"report_matrix_in_process\",\"mix\":\"%s\",\"events\":%llu,\"people\":%d,\"modules\":%d,"
                "\"runs\":%zu,\"load_seconds\":%.3f,\"matrix_seconds\":%.4f,\"total_seconds\":%.3f,"
                "\"min_total_seconds\":%.3f,\"max_total_seconds\":%.3f,\"goal_seconds\":1,"
                "\"ledger_rss_growth_mb\":%.1f,\"unlock_seconds\":%.3f,\"csv_bytes\":%zu}\n",
                a.mix.c_str(), static_cast<unsigned long long>(median.events), a.people, a.modules, runs.size(),
                median.load, median.matrix, median.total(), runs.front().total(), runs.back().total(),
                first.rss_growth_mb, unlock, median.csv_bytes);
  }

  return m.code == 0 ? 0 : 1;
}
