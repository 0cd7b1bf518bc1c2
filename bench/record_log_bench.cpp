// Record log benchmark: durable single appends (what the kiosk does),
// batched appends, `attest verify` rate and bytes per event. Prints one JSON
// object per line.
//
//   bench_record_log [--events N] [--single N] [--body BYTES] [--dir DIR]
//                    [--every-signature] [--verify-only]
//
// The batched store is kept in DIR/batched.db with its device key in
// DIR/keys/device.key, so `attest verify DIR/batched.db` works on it and
// --verify-only measures verification again without rebuilding it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "store/kiosk_verify.h"

using namespace attest;
namespace fs = std::filesystem;
using Clock_ = std::chrono::steady_clock;

namespace {

struct Args {
  uint64_t events = 100000;
  int single = 300;
  size_t body = 700;
  std::string dir = "bench-data";
  bool every_signature = false;
  bool verify_only = false;
};

double seconds_since(Clock_::time_point t) {
  return std::chrono::duration<double>(Clock_::now() - t).count();
}

core::EventDraft make_draft(uint64_t i, size_t body_bytes) {
  core::EventDraft d;
  d.kind = core::EventKind::kPolicyAttested;
  d.person_id = "p-" + std::to_string(i % 40);
  d.subject = {"acceptable-use", "3", crypto::sha256(as_bytes("policy"))};
  // The sealed body is `body_bytes` of plaintext: JSON framing + salt + text.
  size_t framing = 64;
  d.body_fields = {{"typed_name", "Person " + std::to_string(i % 40)},
                   {"text", std::string(body_bytes > framing ? body_bytes - framing : 1, 's')}};
  return d;
}

struct Store {
  store::KioskStore store;
  fs::path path;
};

Store fresh_store(const fs::path& path, crypto::SystemRandom& rng, const Clock& clock,
                  const Bytes& seed) {
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
  auto practice = crypto::BoxSecretKey::generate(rng);
  auto s = store::KioskStore::create(path, crypto::DeviceKey::from_seed(seed).value(),
                                     practice.public_key(), clock);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    std::exit(2);
  }
  return {std::move(*s), path};
}

void bench_single(const Args& a, const fs::path& dir, crypto::SystemRandom& rng,
                  const Bytes& seed) {
  SystemClock clock;
  Store s = fresh_store(dir / "single.db", rng, clock, seed);
  std::vector<double> ms;
  for (int i = 0; i < a.single; ++i) {
    auto t = Clock_::now();
    auto r = s.store.append(make_draft(static_cast<uint64_t>(i), a.body), clock, rng);
    ms.push_back(seconds_since(t) * 1000);
    if (!r.ok()) std::exit(3);
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[static_cast<size_t>(p * double(ms.size() - 1))]; };
  std::printf(
      "{\"figure\":\"append_durable_single\",\"events\":%d,\"synchronous\":\"FULL\","
      "\"median_ms\":%.3f,\"p95_ms\":%.3f,\"max_ms\":%.3f,\"goal_median_ms\":5}\n",
      a.single, pct(0.5), pct(0.95), ms.back());
}

void bench_batched(const Args& a, const fs::path& dir, crypto::SystemRandom& rng,
                              const Bytes& seed) {
  SystemClock clock;
  Store s = fresh_store(dir / "batched.db", rng, clock, seed);
  constexpr uint64_t kBatch = 1000;
  auto t = Clock_::now();
  for (uint64_t done = 0; done < a.events; done += kBatch) {
    std::vector<core::EventDraft> drafts;
    for (uint64_t i = done; i < std::min(a.events, done + kBatch); ++i) {
      drafts.push_back(make_draft(i, a.body));
    }
    if (!s.store.append_batch(drafts, clock, rng).ok()) std::exit(3);
  }
  double secs = seconds_since(t);
  std::printf("{\"figure\":\"append_batched\",\"events\":%llu,\"batch\":%llu,"
              "\"events_per_s\":%.0f}\n",
              static_cast<unsigned long long>(a.events), static_cast<unsigned long long>(kBatch),
              double(a.events) / secs);
  // Checkpoint so the file size is the whole store, not store + WAL.
  (void)s.store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  auto bytes = fs::file_size(s.path);
  std::printf("{\"figure\":\"bytes_per_event\",\"events\":%llu,\"body_plaintext_bytes\":%zu,"
              "\"db_bytes\":%llu,\"bytes_per_event\":%.0f,\"goal_bytes_per_event\":1536}\n",
              static_cast<unsigned long long>(a.events), a.body,
              static_cast<unsigned long long>(bytes), double(bytes) / double(a.events));
}

void bench_verify(const Args& a, const fs::path& db, const crypto::DeviceKey& device) {
  for (bool every : {false, true}) {
    if (every && !a.every_signature) continue;
    core::VerifyOptions o;
    o.every_signature = every;
    auto vt = Clock_::now();
    auto report = store::verify_kiosk_store(db, device, o);
    double vs = seconds_since(vt);
    if (!report.ok() || !report->intact()) {
      std::fprintf(stderr, "verify failed on the benchmark store\n");
      std::exit(4);
    }
    std::printf("{\"figure\":\"verify\",\"events\":%llu,\"every_signature\":%s,\"seconds\":%.3f,"
                "\"events_per_s\":%.0f,\"goal_events_per_s\":200000}\n",
                static_cast<unsigned long long>(report->events), every ? "true" : "false", vs,
                double(report->events) / vs);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (k == "--events") a.events = std::stoull(next());
    else if (k == "--single") a.single = std::stoi(next());
    else if (k == "--body") a.body = std::stoul(next());
    else if (k == "--dir") a.dir = next();
    else if (k == "--every-signature") a.every_signature = true;
    else if (k == "--verify-only") a.verify_only = true;
    else {
      std::fprintf(stderr, "usage: %s [--events N] [--single N] [--body BYTES] [--dir DIR] "
                           "[--every-signature]\n", argv[0]);
      return 2;
    }
  }
  const fs::path dir = a.dir;
  const fs::path key_file = dir / "keys" / "device.key";
  if (a.verify_only) {
    auto device = crypto::DeviceKey::load(key_file);
    if (!device.ok()) {
      std::fprintf(stderr, "%s\n", device.error().message.c_str());
      return 2;
    }
    bench_verify(a, dir / "batched.db", *device);
    return 0;
  }
  fs::create_directories(dir / "keys");
  fs::permissions(dir / "keys", fs::perms::owner_all, fs::perm_options::replace);
  crypto::SystemRandom rng;
  Bytes seed(32);
  rng.fill(seed);
  auto device = crypto::DeviceKey::from_seed(seed).value();
  if (!device.save(key_file).ok()) return 2;
  bench_single(a, dir, rng, seed);
  bench_batched(a, dir, rng, seed);
  bench_verify(a, dir / "batched.db", device);
  return 0;
}
