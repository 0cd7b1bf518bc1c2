// Master store benchmark: SQLite against PostgreSQL in the same run. N
// events (~700 bytes of body each, as bench_sync sends) from four kiosks
// are stored the way sync uploads bring them (batches of 2,000 with the
// request's nonce, one transaction each) into a fresh SQLite master store
// and into a fresh database on a PostgreSQL server this benchmark starts
// (fsync on, as a practice runs it; tests/support/postgres_server.h); then
// each store is read back whole, as a report reads it. The server's own
// checks of hashes and links before storing are the same for both and are
// left out. Goal (practice groups): PostgreSQL stores at least half as
// many events a second as SQLite.
//
//   bench_master_store [--events N] [--dir DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/event_builder.h"
#include "crypto/random.h"
#include "store/pg_master_store.h"
#include "store/sqlite_master_store.h"
#include "support/postgres_server.h"

using namespace attest;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kKiosks = 4;
constexpr size_t kBatch = 2000;  // events per upload, as the sync client sends
constexpr int64_t kNow = 1795430525123;

double since(Steady::time_point t) { return std::chrono::duration<double>(Steady::now() - t).count(); }

struct Kiosk {
  crypto::DeviceKey key;
  std::vector<core::SignedEvent> events;
};

std::vector<Kiosk> make_kiosks(uint64_t events, const crypto::BoxPublicKey& practice) {
  std::vector<Kiosk> kiosks;
  for (int k = 0; k < kKiosks; ++k) {
    SeededRandom rng(100 + k);
    kiosks.push_back({crypto::DeviceKey::generate(rng), {}});
  }
  std::vector<std::thread> workers;
  for (int k = 0; k < kKiosks; ++k) {
    workers.emplace_back([&, k] {
      SeededRandom rng(200 + k);
      FixedClock clock({kNow, -300});
      core::BuildContext ctx{kiosks[k].key, practice, clock, rng, "bench"};
      core::ChainPosition at;
      for (uint64_t i = 0; i < events / kKiosks; ++i) {
        core::EventDraft d;
        d.kind = i % 5 == 2 ? core::EventKind::kModuleCompleted : core::EventKind::kSignIn;
        d.person_id = "p-" + std::to_string(i % 40);
        if (d.kind == core::EventKind::kModuleCompleted) d.subject = {"m" + std::to_string(i % 10), "1", {}};
        d.body_fields = {{"typed_name", "Person " + std::to_string(i % 40)}, {"text", std::string(636, 's')}};
        kiosks[k].events.push_back(core::build_event(d, at, ctx));
        at.next_seq++;
        at.prev_link = core::link_hash(kiosks[k].events.back().hash, kiosks[k].events.back().signature);
        clock.advance_ms(30000);
      }
    });
  }
  for (auto& w : workers) w.join();
  return kiosks;
}

struct Figures {
  double store_seconds = 0;
  double read_seconds = 0;
  uint64_t stored = 0;
  uint64_t read = 0;
};

Result<Figures> run(store::MasterStore& s, const std::vector<Kiosk>& kiosks) {
  for (const Kiosk& k : kiosks) {
    crypto::Sha256 code{};
    code[0] = static_cast<uint8_t>(1 + (&k - kiosks.data()));
    TRY_STATUS(s.add_pairing_code(code, store::kFirstSiteId, kNow, kNow + 600000));
    TRY_STATUS(s.pair_device(code, {k.key.id(), k.key.public_key(), "Kiosk", 0, {}, {}, 0, store::kFirstSiteId}, kNow));
  }
  Figures f;
  auto t = Steady::now();
  uint64_t nonce = 0;
  for (const Kiosk& k : kiosks) {
    std::span<const core::SignedEvent> all(k.events);
    for (size_t i = 0; i < all.size(); i += kBatch) {
      const auto at = TRY(s.chain_position(k.key.id()));
      uint8_t n[16] = {};
      std::memcpy(n, &++nonce, sizeof nonce);
      const bool fresh = TRY(s.append_events_with_nonce(
          k.key.id(), at, all.subspan(i, std::min(kBatch, all.size() - i)), kNow, {ByteView(n, 16), kNow, 0}));
      if (!fresh) return make_error(ErrorCode::kInternal, "a nonce was refused");
    }
  }
  f.store_seconds = since(t);
  f.stored = TRY(s.event_count());
  t = Steady::now();
  for (const Kiosk& k : kiosks) {
    TRY_STATUS(s.for_each_event(k.key.id(), 1, [&](const store::StoredEvent&) {
      f.read++;
      return true;
    }));
  }
  f.read_seconds = since(t);
  return f;
}

void print(const char* backend, uint64_t events, const Figures& f) {
  std::printf("{\"figure\":\"master_store_full_sync\",\"backend\":\"%s\",\"events\":%llu,"
              "\"stored\":%llu,\"seconds\":%.3f,\"events_per_s\":%.0f,\"read_seconds\":%.3f,"
              "\"read_events_per_s\":%.0f}\n",
              backend, static_cast<unsigned long long>(events), static_cast<unsigned long long>(f.stored),
              f.store_seconds, static_cast<double>(f.stored) / f.store_seconds, f.read_seconds,
              static_cast<double>(f.read) / f.read_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 100000;
  std::string dir = "bench-master-store";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--events")) events = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  events -= events % kKiosks;
  crypto::SystemRandom rng;
  const crypto::BoxSecretKey practice = crypto::BoxSecretKey::generate(rng);
  const crypto::SigningKey server = crypto::SigningKey::generate(rng);
  const store::PracticeInfo info{"Bench Dental Group", server.public_key(), practice.public_key(), kNow};
  const std::vector<Kiosk> kiosks = make_kiosks(events, practice.public_key());

  // Creates the store, fills it and prints its figures; empty on failure.
  auto measure = [&](const char* backend, auto created) -> std::optional<Figures> {
    if (!created.ok()) {
      std::fprintf(stderr, "bench_master_store: %s: %s\n", backend, created.error().message.c_str());
      return std::nullopt;
    }
    auto figures = run(**created, kiosks);
    if (!figures.ok()) {
      std::fprintf(stderr, "bench_master_store: %s: %s\n", backend, figures.error().message.c_str());
      return std::nullopt;
    }
    print(backend, events, *figures);
    return *figures;
  };
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto lite_figures = measure("sqlite", store::SqliteMasterStore::create(fs::path(dir) / "master.db", info));
  if (!lite_figures) return 1;
  testing::PostgresServer server_process(/*durable=*/true);
  const auto pg_figures = measure("postgresql", store::PgMasterStore::create(server_process.create_database(), info));
  if (!pg_figures) return 1;
  const double ratio = (static_cast<double>(pg_figures->stored) / pg_figures->store_seconds) /
                       (static_cast<double>(lite_figures->stored) / lite_figures->store_seconds);
  std::printf("{\"figure\":\"master_store_postgresql_to_sqlite\",\"events\":%llu,\"rate_ratio\":%.2f,"
              "\"goal_ratio\":0.5}\n",
              static_cast<unsigned long long>(events), ratio);
  return lite_figures->stored == events && pg_figures->stored == events ? 0 : 1;
}
