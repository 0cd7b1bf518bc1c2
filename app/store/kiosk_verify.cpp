#include "store/kiosk_verify.h"

#include <algorithm>
#include <thread>

#include "core/canonical.h"
#include "store/kiosk_store.h"

namespace attest::store {

namespace {

// How far from its position a moved header is looked for, to name a swap
// "reordered" rather than "changed header". Only tried on a failure.
constexpr int64_t kReorderSearch = 256;
constexpr unsigned kMaxVerifyThreads = 8;
constexpr uint64_t kParallelThreshold = 20000;

std::optional<uint64_t> find_original_position(const crypto::DeviceKey& device, uint64_t seq,
                                               ByteView header_box) {
  for (int64_t d = 1; d <= kReorderSearch; ++d) {
    for (int64_t cand : {static_cast<int64_t>(seq) - d, static_cast<int64_t>(seq) + d}) {
      if (cand < 1) continue;
      auto ok = crypto::aead_open(device.storage_key(), header_box,
                                  header_associated_data(device.id(), static_cast<uint64_t>(cand)));
      if (ok.ok()) return static_cast<uint64_t>(cand);
    }
  }
  return std::nullopt;
}

// Verifies rows with lo <= seq <= hi on its own read-only connection.
Result<core::ChainVerifier> verify_segment(const std::filesystem::path& path,
                                           const crypto::DeviceKey& device,
                                           core::VerifyOptions options, uint64_t lo,
                                           uint64_t hi) {
  Db db = TRY(open_kiosk_db(path, OpenMode::kReadOnly));
  core::ChainVerifier verifier(device.id(), device.public_key(), options);
  verifier.start_at(lo);
  Stmt s = TRY(db.prepare(
      "SELECT seq, device_id, header_box, sealed_body, hash, signature FROM events"
      " WHERE seq BETWEEN ? AND ? ORDER BY seq"));
  s.bind(1, static_cast<int64_t>(lo)).bind(2, static_cast<int64_t>(hi));
  while (TRY(s.step())) {
    const uint64_t seq = static_cast<uint64_t>(s.int64(0));
    if (!equal(s.blob(1), device.id())) {
      verifier.add_unreadable(
          seq, {seq, core::Problem::kWrongDevice,
                "the row belongs to device " + hex_encode(s.blob(1)) + ", not " +
                    hex_encode(device.id())});
      continue;
    }
    auto header = crypto::aead_open(device.storage_key(), s.blob(2),
                                    header_associated_data(device.id(), seq));
    if (!header.ok()) {
      auto moved = find_original_position(device, seq, s.blob(2));
      verifier.add_unreadable(
          seq, moved ? core::Finding{seq, core::Problem::kReordered,
                                     "position " + std::to_string(seq) +
                                         " holds the event written as seq " +
                                         std::to_string(*moved)}
                     : core::Finding{seq, core::Problem::kChangedHeader,
                                     "the encrypted header fails authentication"});
      continue;
    }
    auto h = core::decode_header(*header);
    core::Sha256 hash{};
    core::Signature sig{};
    if (!h.ok() || !copy_exact(s.blob(4), hash) || !copy_exact(s.blob(5), sig)) {
      verifier.add_unreadable(seq, {seq, core::Problem::kChangedHeader,
                                    h.ok() ? "hash or signature has the wrong size"
                                           : h.error().message});
      continue;
    }
    verifier.add(seq, *h, *header, s.blob(3), hash, sig);
  }
  return verifier;
}

}  // namespace

Result<VerifyReport> verify_kiosk_store(const std::filesystem::path& path,
                                        const crypto::DeviceKey& device,
                                        core::VerifyOptions options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return make_error(ErrorCode::kNotFound, "store " + path.string() + " does not exist");
  }
  Db db = TRY(open_kiosk_db(path, OpenMode::kReadOnly));
  TRY_STATUS(check_store_owner(db, device));
  // One read transaction for the bounds and the head, so a kiosk appending
  // meanwhile cannot make them disagree; segments past max_seq are ignored.
  TRY_STATUS(db.exec("BEGIN"));
  Stmt m = TRY(db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events"));
  TRY(m.step());
  const uint64_t max_seq = static_cast<uint64_t>(m.int64(0));
  auto head = TRY(read_chain_head(db));
  Stmt stray = TRY(db.prepare("SELECT count(*), MIN(seq) FROM events WHERE seq < 1"));
  TRY(stray.step());
  const int64_t stray_rows = stray.int64(0);
  const int64_t stray_min = stray.int64(1);
  TRY_STATUS(db.exec("COMMIT"));

  options.header_authenticated = true;
  // Hashing dominates; split the log across cores when it is big enough.
  unsigned parts = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxVerifyThreads);
  if (max_seq < kParallelThreshold) parts = 1;
  if (options.parallelism > 0) parts = options.parallelism;
  parts = static_cast<unsigned>(std::max<uint64_t>(1, std::min<uint64_t>(parts, max_seq)));
  std::vector<std::optional<Result<core::ChainVerifier>>> results(parts);
  std::vector<std::thread> workers;
  const uint64_t per = (max_seq + parts - 1) / std::max(parts, 1u);
  for (unsigned i = 0; i < parts; ++i) {
    uint64_t lo = 1 + per * i;
    uint64_t hi = i + 1 == parts ? max_seq : per * (i + 1);
    workers.emplace_back([&, i, lo, hi] {
      results[i].emplace(verify_segment(path, device, options, lo, hi));
    });
  }
  for (auto& w : workers) w.join();
  for (auto& r : results) {
    if (!r->ok()) return r->take_error();
  }
  core::ChainVerifier& verifier = results[0]->value();
  for (unsigned i = 1; i < parts; ++i) verifier.join(results[i]->value());
  verifier.finish(head);

  VerifyReport report;
  report.device_id = device.id();
  report.events = verifier.events_checked();
  report.last_seq = verifier.last_seq();
  report.findings = verifier.findings();
  if (stray_rows > 0) {
    report.findings.insert(
        report.findings.begin(),
        core::Finding{0, core::Problem::kStrayRow,
                      std::to_string(stray_rows) + " row(s) with sequence numbers below 1 (lowest " +
                          std::to_string(stray_min) + ") are not part of the chain"});
  }
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const core::Finding& a, const core::Finding& b) { return a.seq < b.seq; });
  return report;
}

}  // namespace attest::store
