#include "sync/client/sync_client.h"

#include <algorithm>

#include <future>
#include <nlohmann/json.hpp>

#include "sync/protocol/down.h"
#include "sync/protocol/enrollment.h"
#include "sync/protocol/limits.h"
#include "sync/protocol/pairing.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/rejection.h"
#include "sync/protocol/request_auth.h"
#include "sync/protocol/upload.h"

namespace attest::sync {

namespace {

// 5xx is the server's trouble and worth retrying like a dead network (kIo);
// 401/403 mean this kiosk may not sync; other 4xx mean it sent something the
// server will not take. Neither of those fixes itself by retrying soon.
Error refused(int status, const std::string& body) {
  const ErrorCode code = status >= 500                    ? ErrorCode::kIo
                         : status == 401 || status == 403 ? ErrorCode::kWrongSecret
                                                          : ErrorCode::kInvalidArgument;
  return make_error(code, describe_refusal(status, body));
}

}  // namespace

std::string describe_refusal(int status, const std::string& body) {
  auto r = parse_rejection(status, body);
  if (!r) return "the office server answered " + std::to_string(status);
  if (r->code == "unknown_device") {
    return "the office server does not know this kiosk; pair it again";
  }
  if (r->code == "revoked") return "this kiosk was removed from the practice: " + r->reason;
  if (r->code == "stale_timestamp") {
    return "this kiosk's clock is more than 5 minutes off the office server's; set the clock";
  }
  return r->reason.empty() ? r->code : r->reason;
}

Result<PairedServer> pair_with_server(const std::string& url, const std::string& code,
                                      const crypto::DeviceKey& device,
                                      const std::string& device_name) {
  const std::string normalized = normalize_pairing_code(code);
  if (normalized.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "a pairing code has 8 letters and digits, like K7QM-2XPA");
  }
  const crypto::Sha256 key = pairing_key(normalized);
  PairRequest req{device.public_key(), device_name, {}};
  req.proof = pair_request_proof(key, req);
  auto http = TRY(HttpClient::connect(url));
  HttpResult res = TRY(http->send("POST", "/v1/pair", {}, encode_pair_request(req)));
  if (res.status != 200) return refused(res.status, res.body);
  PairResponse resp = TRY(parse_pair_response(res.body));
  if (!crypto::constant_time_equal(pair_response_proof(key, device.public_key(), resp),
                                   resp.proof)) {
    return make_error(ErrorCode::kTampered,
                      "the answer did not come from a server that knows the code; not paired");
  }
  return PairedServer{resp.server_key, resp.practice_key, resp.practice_name,
                      std::move(resp.practice_key_file)};
}

Result<std::unique_ptr<SyncClient>> SyncClient::open(const std::filesystem::path& db,
                                                     crypto::DeviceKey device, const Clock& clock,
                                                     Random& rng) {
  auto store = TRY(store::KioskStore::open(db, std::move(device)));
  // This connection writes only what the server can give again: receipts
  // and acknowledgements, the down-sync cursor, roster and completions, the
  // time of the last success. Records themselves are written, and fsynced,
  // by the kiosk's own connection. So its commits need not wait for the
  // disk: in WAL mode a power cut can only roll back its last transactions,
  // never tear them, and the next sync fetches them again.
  TRY_STATUS(store.db().exec("PRAGMA synchronous=NORMAL"));
  auto link = TRY(store::load_server_link(store.db()));
  if (!link) return make_error(ErrorCode::kNotFound, "this kiosk is not paired with a server");
  auto http = TRY(HttpClient::connect(link->url));
  return std::unique_ptr<SyncClient>(
      new SyncClient(std::move(store), std::move(*link), std::move(http), clock, rng));
}

Result<std::unique_ptr<SyncClient>> SyncClient::open(const KioskPaths& paths, const Clock& clock,
                                                     Random& rng) {
  auto key = TRY(crypto::DeviceKey::load(paths.device_key));
  return open(paths.db, std::move(key), clock, rng);
}

SyncClient::SyncClient(store::KioskStore store, store::ServerLink link,
                       std::unique_ptr<HttpClient> http, const Clock& clock, Random& rng)
    : store_(std::move(store)), link_(std::move(link)), http_(std::move(http)), clock_(clock),
      rng_(rng) {}

SyncClient::~SyncClient() = default;

Result<uint64_t> SyncClient::pending() { return store_.pending_count(); }

Result<HttpClient::Headers> SyncClient::auth_headers(const std::string& method,
                                                     const std::string& target,
                                                     const std::string& body, Nonce* nonce_out) {
  AuthHeaders a = sign_request(store_.device().signing(), method, target, as_bytes(body),
                               clock_.now().utc_ms, rng_);
  if (nonce_out) {
    auto n = hex_decode(a.nonce);
    if (!n.ok() || !copy_exact(*n, *nonce_out)) {
      return make_error(ErrorCode::kInternal, "could not keep the request nonce");
    }
  }
  return HttpClient::Headers{{kHeaderDevice, a.device},
                             {kHeaderTime, a.time},
                             {kHeaderNonce, a.nonce},
                             {kHeaderSignature, a.signature}};
}

Result<HttpResult> SyncClient::signed_request(const std::string& method, const std::string& target,
                                              const std::string& body, Nonce* nonce_out) {
  const HttpClient::Headers headers = TRY(auth_headers(method, target, body, nonce_out));
  return http_->send(method, target, headers, body);
}

namespace {

// The receipt in an answer to GET /v1/chain or POST /v1/events.
Result<Receipt> receipt_in(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("receipt")) {
    return make_error(ErrorCode::kParse, "the office server's answer has no receipt");
  }
  return receipt_from_json(j["receipt"]);
}

}  // namespace

Status SyncClient::accept_receipt(const Receipt& r, uint64_t expect_at_least) {
  if (!verify_receipt(r, link_.server_key) || r.device != store_.device().id()) {
    return make_error(ErrorCode::kTampered,
                      "the receipt is not signed by the paired office server; nothing is marked "
                      "as synced");
  }
  if (r.through_seq < expect_at_least) {
    return make_error(ErrorCode::kIo, "the office server confirmed only through event " +
                                          std::to_string(r.through_seq));
  }
  const core::ChainPosition at = TRY(store_.position());
  if (r.through_seq >= at.next_seq) {
    return make_error(ErrorCode::kCorrupt,
                      "the office server holds " + std::to_string(r.through_seq) +
                          " records from this kiosk but the kiosk has only " +
                          std::to_string(at.next_seq - 1) +
                          "; this kiosk's store may have been replaced. Ask the Security Official");
  }
  if (r.through_seq == 0) return {};
  return store::mark_synced(store_.db(), r.through_seq, receipt_to_json(r).dump(),
                            clock_.now().utc_ms);
}

Result<uint64_t> SyncClient::server_position() {
  HttpResult res = TRY(signed_request("GET", "/v1/chain", ""));
  if (res.status != 200) return refused(res.status, res.body);
  const Receipt r = TRY(receipt_in(nlohmann::json::parse(res.body, nullptr, false)));
  TRY_STATUS(accept_receipt(r, 0));
  return r.through_seq;
}

Result<std::optional<SyncClient::Batch>> SyncClient::read_batch(uint64_t from, uint64_t through) {
  std::vector<core::SignedEvent> events;
  size_t bytes = 0;
  if (from <= through) {
    TRY_STATUS(store_.for_each(from, [&](const core::SignedEvent& e) {
      if (e.header.seq > through) return false;
      events.push_back(e);
      bytes += encoded_size(e);
      return bytes < kTargetBatchBytes && events.size() < kMaxBatchEvents;
    }));
  }
  if (events.empty()) return std::optional<Batch>();
  return std::optional<Batch>(Batch{events.front().header.seq, events.back().header.seq,
                                    encode_upload(store_.device().id(), events)});
}

Result<uint64_t> SyncClient::upload_from(uint64_t from, uint64_t through, SyncProgress& progress,
                                         const std::function<void(const SyncProgress&)>& report) {
  uint64_t uploaded = 0;
  int gaps = 0;
  std::optional<Batch> next = TRY(read_batch(from, through));
  while (next) {
    Batch batch = std::move(*next);
    next.reset();
    // The store stays on this thread and the connection goes to another
    // for the round trip, so the next batch is read and encoded meanwhile.
    // (Where no thread can be started, the round trip runs in get().)
    const HttpClient::Headers headers = TRY(auth_headers("POST", "/v1/events", batch.body));
    std::future<Result<HttpResult>> answer =
        std::async(std::launch::async | std::launch::deferred,
                   [&] { return http_->send("POST", "/v1/events", headers, batch.body); });
    Result<std::optional<Batch>> ahead = read_batch(batch.last + 1, through);
    HttpResult res = TRY(answer.get());
    if (res.status == 409) {
      auto r = parse_rejection(res.status, res.body);
      if (r && r->code == "gap" && r->details.contains("expected_seq") &&
          r->details["expected_seq"].is_number_unsigned() && ++gaps <= 3) {
        // The server is behind (restored from a backup): refill from there.
        from = r->details["expected_seq"].get<uint64_t>();
        if (from == 0 || from > through) return refused(res.status, res.body);
        next = TRY(read_batch(from, through));
        continue;
      }
      if (r && r->code == "retry" && ++gaps <= 3) {
        next = std::move(batch);
        continue;
      }
    }
    if (res.status != 200) return refused(res.status, res.body);
    const auto j = nlohmann::json::parse(res.body, nullptr, false);
    TRY_STATUS(accept_receipt(TRY(receipt_in(j)), batch.last));
    uploaded += j.value("stored", uint64_t{0});
    progress.sent += batch.last - batch.first + 1;
    if (report) report(progress);
    gaps = 0;
    next = TRY(std::move(ahead));
  }
  return uploaded;
}

Status SyncClient::apply_published(const std::vector<PublishedEntry>& published) {
  if (published.empty()) return {};
  const auto known = TRY(store::load_published_versions(store_.db()));
  for (const auto& e : published) {
    auto day = parse_date(e.effective);
    if (!day.ok()) continue;  // parse_down refuses these already
    const store::PublishedVersion v{e.policy_id, e.version, *day};
    if (std::find(known.begin(), known.end(), v) != known.end()) continue;
    TRY_STATUS(store::save_published_version(store_.db(), v));
  }
  return {};
}

Status SyncClient::down_sync(SyncOutcome& out) {
  for (int round = 0; round < 1000; ++round) {
    const store::SyncCursor cursor = TRY(store::load_sync_cursor(store_.db()));
    // Query keys in alphabetical order: the target is signed as sent.
    const std::string target = "/v1/down?roster=" + std::to_string(cursor.roster_version) +
                               "&seen=" + encode_positions(cursor.positions);
    Nonce nonce{};
    HttpResult res = TRY(signed_request("GET", target, "", &nonce));
    if (res.status != 200) return refused(res.status, res.body);
    auto sig = base64_decode(res.server_signature);
    crypto::Signature signature{};
    if (!sig.ok() || !copy_exact(*sig, signature) ||
        !crypto::verify_signature(link_.server_key,
                                  down_signing_message(store_.device().id(), nonce,
                                                       as_bytes(res.body)),
                                  signature)) {
      return make_error(ErrorCode::kTampered,
                        "the roster and status from the server are not signed by the paired "
                        "office server; ignored");
    }
    DownPayload p = TRY(parse_down(res.body));
    // Signed like the rest of the answer: checked, and it may mark more
    // events as held by the server, never fewer.
    if (p.chain) TRY_STATUS(accept_receipt(*p.chain, 0));
    std::optional<std::vector<store::PersonRecord>> roster;
    if (p.roster_changed) {
      roster.emplace();
      for (const auto& r : p.roster) {
        auto hired = parse_date(r.hired);
        if (!hired.ok()) {
          return make_error(ErrorCode::kParse, "roster: " + r.person_id + ": bad hire date");
        }
        roster->push_back({r.person_id, r.name, r.role, *hired, r.active, r.pin_verifier});
      }
      out.roster_changed = true;
    }
    std::vector<store::RemoteCompletion> done;
    done.reserve(p.completions.size());
    for (const auto& c : p.completions) {
      done.push_back({c.person_id, c.kind, c.item_id, c.version, c.utc_ms, c.offset_minutes});
    }
    TRY_STATUS(store::apply_down_sync(store_.db(), roster, p.roster_version, done,
                                      p.positions));
    TRY_STATUS(apply_published(p.published));
    out.completions += done.size();
    if (!p.more) break;
  }
  return {};
}

Result<store::PersonRecord> SyncClient::enroll(const std::string& code,
                                               const std::string& pin_verifier) {
  const std::string normalized = normalize_pairing_code(code);
  if (normalized.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "an enrollment code has 8 letters and digits, like K7QM-2XPA");
  }
  HttpResult res = TRY(signed_request("POST", "/v1/enroll",
                                      encode_enroll_request({normalized, pin_verifier})));
  if (res.status != 200) return refused(res.status, res.body);
  EnrollResponse r = TRY(parse_enroll_response(res.body));
  auto hired = parse_date(r.hired);
  if (!hired.ok()) return make_error(ErrorCode::kParse, "the server sent a bad hire date");
  store::PersonRecord p{r.person_id, r.name, r.role, *hired, true, pin_verifier};
  TRY_STATUS(store::save_person(store_.db(), p));
  return p;
}

Result<SyncOutcome> SyncClient::sync_once(
    const std::function<void(const SyncProgress&)>& progress) {
  // Records up first: whatever happens to the roster and status coming down
  // (a server that answers them badly, a tampered answer), the records reach
  // the server. The down-sync's chain receipt is checked too, but the upload
  // goes by GET /v1/chain's.
  SyncOutcome out;
  const uint64_t server_through = TRY(server_position());
  const core::ChainPosition at = TRY(store_.position());
  const uint64_t local_head = at.next_seq - 1;
  SyncProgress p{0, local_head - server_through};
  if (progress) progress(p);
  out.uploaded = TRY(upload_from(server_through + 1, local_head, p, progress));
  out.server_through = local_head;
  TRY_STATUS(down_sync(out));
  TRY_STATUS(store::record_sync_success(store_.db(), clock_.now().utc_ms));
  return out;
}

}  // namespace attest::sync
