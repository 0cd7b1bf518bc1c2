#include "sync/server/sync_service.h"

#include <charconv>
#include <limits>

#include "sync/protocol/down.h"
#include "sync/protocol/enrollment.h"
#include "sync/protocol/limits.h"
#include "sync/protocol/pairing.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/upload.h"
#include "sync/protocol/upload_check.h"

namespace attest::sync {

namespace {

Response json_response(int status, std::string body, std::string note = {}) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.note = std::move(note);
  return r;
}

Response refuse(const Rejection& rej, std::string device = {}) {
  Response r = json_response(rej.status, rej.body(), rej.code);
  r.device = std::move(device);
  return r;
}

Rejection replayed() { return reject(401, "replayed", "this request was already received once"); }

Response store_failure(const Error& e) {
  return refuse(reject(500, "store_error", "the server could not use its store: " + e.message));
}

bool read_number(const std::map<std::string, std::string>& params, const char* key,
                 uint64_t& out) {
  auto it = params.find(key);
  if (it == params.end()) {
    out = 0;
    return true;
  }
  const std::string& v = it->second;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

}  // namespace

SyncService::SyncService(store::MasterStore& store, const crypto::SigningKey& server_key,
                         store::PracticeInfo practice, const Clock& clock, Random& rng,
                         std::string practice_key_file, std::string site_id)
    : store_(store), key_(server_key), practice_(std::move(practice)),
      practice_key_file_(std::move(practice_key_file)), site_id_(std::move(site_id)),
      clock_(clock), rng_(rng) {}

Response SyncService::handle(const Request& r) {
  if (r.method == "GET" && r.path == "/v1/hello") return hello();
  if (r.method == "POST" && r.path == "/v1/pair") return pair(r);
  const bool known = (r.method == "POST" && (r.path == "/v1/events" || r.path == "/v1/enroll")) ||
                     (r.method == "GET" && (r.path == "/v1/chain" || r.path == "/v1/down"));
  if (!known) return refuse(reject(404, "not_found", "no such endpoint: " + r.method + " " + r.path));
  auto who = authenticate(r);
  if (!accepted(who)) return refuse(std::get<Rejection>(who), r.auth.device);
  const auto& [auth, device] = std::get<std::pair<RequestAuth, store::DeviceRecord>>(who);
  Response out;
  if (r.path == "/v1/events") {
    out = upload(r, auth, device);
  } else if (auto replayed = use_nonce(auth)) {
    out = std::move(*replayed);
  } else {
    out = r.path == "/v1/enroll"  ? enroll(r, device)
          : r.path == "/v1/chain" ? chain(device)
                                  : down(r, auth, device);
  }
  out.device = hex_encode(device.id);
  return out;
}

Response SyncService::hello() {
  nlohmann::json j = {{"service", "attest-server"},
                      {"version", ATTEST_VERSION},
                      {"server_time_ms", clock_.now().utc_ms}};
  return json_response(200, j.dump());
}

Checked<std::pair<RequestAuth, store::DeviceRecord>> SyncService::authenticate(const Request& r) {
  auto parsed = parse_auth(r.auth);
  if (!accepted(parsed)) return std::get<Rejection>(std::move(parsed));
  const RequestAuth& auth = std::get<RequestAuth>(parsed);
  auto found = store_.find_device(auth.device);
  if (!found.ok()) return reject(500, "store_error", found.error().message);
  if (!found->has_value()) {
    return reject(401, "unknown_device", "this device is not paired with this server");
  }
  const store::DeviceRecord& device = **found;
  if (device.revoked_utc_ms) {
    return reject(403, "revoked",
                  "this device was removed from the practice on " +
                      format_utc(*device.revoked_utc_ms) + "; ask the Security Official");
  }
  const int64_t now = clock_.now().utc_ms;
  if (auto bad = check_request(auth, device.public_key, r.method, r.target, as_bytes(r.body), now)) {
    return *bad;
  }
  // The nonce is remembered by use_nonce, or for an upload that stores
  // events in the same transaction as they are; a replay is refused here
  // already, before any work.
  auto used = store_.nonce_used(auth.device, auth.nonce);
  if (!used.ok()) return reject(500, "store_error", used.error().message);
  if (*used) return replayed();
  // Last seen, to the minute: enough for the devices list, without a write
  // on every request.
  if (!device.last_seen_utc_ms || now - *device.last_seen_utc_ms > 60000) {
    (void)store_.touch_device(device.id, now);
  }
  return std::make_pair(auth, device);
}

store::RequestNonce SyncService::nonce_of(const RequestAuth& auth) const {
  // Kept while a request with it could still pass the time check.
  return {auth.nonce, auth.time_ms, clock_.now().utc_ms - 2 * kMaxClockSkewMs};
}

std::optional<Response> SyncService::use_nonce(const RequestAuth& auth) {
  const store::RequestNonce n = nonce_of(auth);
  auto fresh = store_.remember_nonce(auth.device, n.nonce, n.request_ms, n.prune_before_ms);
  if (!fresh.ok()) return store_failure(fresh.error());
  if (!*fresh) return refuse(replayed());
  return std::nullopt;
}

Response SyncService::pair(const Request& r) {
  auto parsed = parse_pair_request(r.body);
  if (!accepted(parsed)) return refuse(std::get<Rejection>(parsed));
  const PairRequest& req = std::get<PairRequest>(parsed);
  const int64_t now = clock_.now().utc_ms;
  auto codes = store_.open_pairing_codes(site_id_, now);
  if (!codes.ok()) return store_failure(codes.error());
  for (const crypto::Sha256& code_key : *codes) {
    if (!crypto::constant_time_equal(pair_request_proof(code_key, req), req.proof)) continue;
    store::DeviceRecord d;
    d.public_key = req.device_key;
    d.id = crypto::fingerprint(req.device_key);
    d.name = req.device_name;
    d.site_id = site_id_;
    if (auto s = store_.pair_device(code_key, d, now); !s.ok()) {
      if (s.error().code == ErrorCode::kAlreadyExists) {
        return refuse(reject(409, "already_paired", "this device is already paired"));
      }
      if (s.error().code == ErrorCode::kWrongSecret) {
        return refuse(reject(403, "bad_code", "the pairing code is used up or has expired"));
      }
      return store_failure(s.error());
    }
    PairResponse resp{key_.public_key(), practice_.practice_key, practice_.name, {},
                      practice_key_file_};
    resp.proof = pair_response_proof(code_key, req.device_key, resp);
    Response out = json_response(200, encode_pair_response(resp), "paired " + req.device_name);
    out.device = hex_encode(d.id);
    return out;
  }
  auto cancelled = store_.pairing_failed(now, kPairingFailureLimit);
  if (cancelled.ok() && *cancelled) {
    return refuse(reject(403, "bad_code",
                         "too many wrong pairing codes; every open code was cancelled. "
                         "Run attest-server pair again"));
  }
  return refuse(reject(403, "bad_code",
                       "the pairing code is wrong, used up or expired; codes last 10 minutes"));
}

Response SyncService::receipt_response(const store::DeviceRecord& device,
                                       const core::ChainPosition& at, size_t stored) {
  const Receipt receipt =
      make_receipt(key_, device.id, at.next_seq - 1, at.prev_link, clock_.now().utc_ms);
  nlohmann::json j = {{"stored", stored},
                      {"through_seq", at.next_seq - 1},
                      {"receipt", receipt_to_json(receipt)}};
  return json_response(200, j.dump(), "stored " + std::to_string(stored));
}

Response SyncService::upload(const Request& r, const RequestAuth& auth,
                            const store::DeviceRecord& device) {
  // Events that are stored take the nonce into their own transaction (one
  // fsync, not two); every other answer remembers it before it is given.
  auto parsed = parse_upload(r.body);
  if (!accepted(parsed)) return use_nonce(auth).value_or(refuse(std::get<Rejection>(parsed)));
  const UploadBatch& batch = std::get<UploadBatch>(parsed);
  if (batch.device != device.id) {
    return use_nonce(auth).value_or(
        refuse(reject(403, "wrong_device", "a device may only upload its own events")));
  }
  auto at = store_.chain_position(device.id);
  if (!at.ok()) return store_failure(at.error());
  const StoredPosition stored{at->next_seq - 1, at->prev_link};
  auto lookup = [&](uint64_t seq) -> std::optional<crypto::Sha256> {
    auto h = store_.stored_hash(device.id, seq);
    return h.ok() ? *h : std::nullopt;
  };
  const UploadDecision d = check_upload(batch, device.public_key, stored, lookup);
  const int64_t now = clock_.now().utc_ms;
  if (d.outcome != UploadOutcome::kAppend) {
    if (auto refused = use_nonce(auth)) return *refused;
  }
  switch (d.outcome) {
    case UploadOutcome::kNothingNew:
      return receipt_response(device, *at, 0);
    case UploadOutcome::kAppend: {
      std::span<const core::SignedEvent> fresh(batch.events);
      fresh = fresh.subspan(d.first_new);
      auto stored_now = store_.append_events_with_nonce(device.id, *at, fresh, now, nonce_of(auth));
      if (!stored_now.ok()) {
        if (auto refused = use_nonce(auth)) return *refused;
        if (stored_now.error().code == ErrorCode::kAlreadyExists) {
          return refuse(reject(409, "retry", stored_now.error().message));
        }
        return store_failure(stored_now.error());
      }
      if (!*stored_now) return refuse(replayed());
      core::ChainPosition next{fresh.back().header.seq + 1,
                               core::link_hash(fresh.back().hash, fresh.back().signature)};
      return receipt_response(device, next, fresh.size());
    }
    case UploadOutcome::kFork: {
      const auto& e = batch.events[d.fork_index];
      if (auto s = store_.quarantine(device.id, e, d.reason, now); !s.ok()) {
        return store_failure(s.error());
      }
      return refuse(rejection_for(d));
    }
    default:
      return refuse(rejection_for(d));
  }
}

Response SyncService::chain(const store::DeviceRecord& device) {
  auto at = store_.chain_position(device.id);
  if (!at.ok()) return store_failure(at.error());
  Response r = receipt_response(device, *at, 0);
  r.note = "through " + std::to_string(at->next_seq - 1);
  return r;
}

Response SyncService::enroll(const Request& r, const store::DeviceRecord& device) {
  auto parsed = parse_enroll_request(r.body);
  if (!accepted(parsed)) return refuse(std::get<Rejection>(parsed));
  const EnrollRequest& req = std::get<EnrollRequest>(parsed);
  auto person = store_.enroll_with_code(enrollment_key(req.code), req.pin_verifier, device.id,
                                        clock_.now().utc_ms);
  if (!person.ok()) return store_failure(person.error());
  if (!*person) {
    return refuse(reject(403, "bad_code",
                         "that enrollment code is wrong, used already or expired; ask the "
                         "Security Official for a new one"));
  }
  const auto& p = **person;
  return json_response(200, encode_enroll_response({p.person_id, p.name, p.role, p.hired}),
                       "enrolled " + p.person_id);
}

Response SyncService::down(const Request& r, const RequestAuth& auth,
                           const store::DeviceRecord& device) {
  uint64_t roster_seen = 0;
  if (!read_number(r.params, "roster", roster_seen)) {
    return refuse(reject(400, "malformed", "roster must be a whole number"));
  }
  auto seen_text = r.params.find("seen");
  auto seen_hex = parse_positions(seen_text == r.params.end() ? "" : seen_text->second);
  if (!seen_hex.ok()) return refuse(reject(400, "malformed", seen_hex.error().message));
  store::MasterStore::Positions seen, reached;
  for (const auto& [hex, seq] : *seen_hex) {
    crypto::DeviceId id{};
    auto bytes = hex_decode(hex);
    if (bytes.ok() && copy_exact(*bytes, id)) seen[id] = seq;
  }
  // A kiosk has its own completions already; send only the others'.
  seen[device.id] = std::numeric_limits<uint64_t>::max();
  DownPayload p;
  p.practice_name = practice_.name;
  auto version = store_.roster_version();
  if (!version.ok()) return store_failure(version.error());
  p.roster_version = *version;
  p.roster_changed = *version != roster_seen;
  if (p.roster_changed) {
    auto roster = store_.roster();
    if (!roster.ok()) return store_failure(roster.error());
    for (auto& person : *roster) {
      p.roster.push_back({person.person_id, person.name, person.role, person.hired, person.active,
                          person.pin_verifier});
    }
  }
  auto done = store_.completions(seen, kMaxCompletionsPerDown, reached);
  if (!done.ok()) return store_failure(done.error());
  p.more = done->size() >= kMaxCompletionsPerDown;
  for (const auto& [id, seq] : reached) p.positions[hex_encode(id)] = seq;
  for (const auto& c : *done) {
    p.completions.push_back({c.person_id, c.kind, c.item_id, c.version, c.utc_ms, c.offset_minutes});
  }
  auto published = store_.published_versions();
  if (!published.ok()) return store_failure(published.error());
  for (const auto& v : *published) p.published.push_back({v.policy_id, v.version, format_date(v.effective)});
  auto at = store_.chain_position(device.id);
  if (!at.ok()) return store_failure(at.error());
  p.chain = make_receipt(key_, device.id, at->next_seq - 1, at->prev_link, clock_.now().utc_ms);
  Response out = json_response(200, encode_down(p));
  const crypto::Signature sig = key_.sign(down_signing_message(device.id, auth.nonce, as_bytes(out.body)));
  out.headers.emplace_back(kHeaderServerSignature, base64_encode(sig));
  out.note = std::to_string(p.completions.size()) + " completions" +
             (p.roster_changed ? ", roster " + std::to_string(p.roster.size()) : "");
  return out;
}

}  // namespace attest::sync
