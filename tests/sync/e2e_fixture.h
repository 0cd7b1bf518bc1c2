// What the sync end-to-end tests share: reading the master store beside a
// running server, sending hand-made requests (signed or not) the way a
// hostile or broken kiosk would, and reading a kiosk's own events and key
// from its folder to build those requests.
#pragma once

#include <httplib.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/random.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "store/open_master.h"
#include "support/server_process.h"
#include "sync/protocol/request_auth.h"
#include "sync/protocol/upload.h"

namespace attest::testing {

// Why a Result failed, for a failure message (doctest builds messages even
// for assertions that pass when asked to report successes).
template <typename T>
std::string why(const Result<T>& r) {
  return r.ok() ? std::string() : r.error().message;
}

// The master store through a read-only connection of its own; works while
// the server runs (WAL, or PostgreSQL).
inline std::unique_ptr<store::MasterStore> open_master(const ServerProcess& s) {
  auto store = store::open_master_store({s.dir()}, store::OpenMode::kReadOnly);
  REQUIRE_MESSAGE(store.ok(), why(store));
  return std::move(*store);
}

// Everything an attack might leave behind.
struct MasterCounts {
  uint64_t events = 0;
  uint64_t quarantined = 0;
  size_t alerts = 0;
  bool operator==(const MasterCounts&) const = default;
};

inline std::ostream& operator<<(std::ostream& o, const MasterCounts& c) {
  return o << "{events " << c.events << ", quarantined " << c.quarantined << ", alerts "
           << c.alerts << "}";
}

inline MasterCounts master_counts(const ServerProcess& s) {
  auto m = open_master(s);
  auto events = m->event_count();
  auto quarantined = m->quarantine_count();
  auto alerts = m->alerts();
  REQUIRE((events.ok() && quarantined.ok() && alerts.ok()));
  return {*events, *quarantined, alerts->size()};
}

inline uint64_t server_events(const ServerProcess& s) { return master_counts(s).events; }

// `attest-server verify DIR` on the server's folder.
inline RunResult verify_server(const ServerProcess& s) {
  return s.admin("verify " + quote(s.dir().string()));
}

// An answer as it came back, body parsed when it is JSON.
struct Answer {
  int status = 0;  // 0: no HTTP answer at all
  std::string raw;
  nlohmann::json body;
  std::string server_signature;
  std::string error() const {
    return body.is_object() && body.contains("error") && body["error"].is_string()
               ? body["error"].get<std::string>()
               : std::string();
  }
};

inline std::ostream& operator<<(std::ostream& o, const Answer& a) {
  return o << a.status << " " << a.raw;
}

inline httplib::Headers auth_headers(const sync::AuthHeaders& a) {
  return {{sync::kHeaderDevice, a.device},
          {sync::kHeaderTime, a.time},
          {sync::kHeaderNonce, a.nonce},
          {sync::kHeaderSignature, a.signature}};
}

// Sends exactly what it is given.
inline Answer send_raw(const std::string& url, const std::string& method,
                       const std::string& target, const httplib::Headers& headers,
                       const std::string& body) {
  httplib::Client c(url);
  c.set_read_timeout(60, 0);
  c.set_write_timeout(60, 0);
  httplib::Result r = method == "GET" ? c.Get(target, headers)
                                      : c.Post(target, headers, body, "application/json");
  Answer a;
  if (!r) return a;
  a.status = r->status;
  a.raw = r->body;
  a.body = nlohmann::json::parse(r->body, nullptr, false);
  a.server_signature = r->get_header_value(sync::kHeaderServerSignature);
  return a;
}

// Writes `bytes` on a fresh connection to 127.0.0.1:`port`, leaves it
// open, and returns the answer as it arrived (status line, headers, body),
// or what came within `timeout_s`. For requests httplib would not send.
inline std::string raw_exchange(int port, const std::string& bytes, int timeout_s) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeout_s, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string in;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == ssize_t(bytes.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
      in.append(buf, size_t(n));
      const size_t end = in.find("\r\n\r\n");
      const size_t len = in.find("Content-Length: ");
      if (end != std::string::npos && len != std::string::npos && len < end &&
          in.size() >= end + 4 + std::stoul(in.substr(len + 16))) {
        break;
      }
    }
  }
  ::close(fd);
  return in;
}

inline int64_t now_ms() { return SystemClock().now().utc_ms; }

// Signs the request with `key` at `time_ms` (default: now) and a fresh nonce.
inline sync::AuthHeaders sign(const crypto::SigningKey& key, const std::string& method,
                              const std::string& target, const std::string& body,
                              std::optional<int64_t> time_ms = std::nullopt) {
  crypto::SystemRandom rng;
  return sync::sign_request(key, method, target, as_bytes(body), time_ms ? *time_ms : now_ms(),
                            rng);
}

inline Answer send_signed(const std::string& url, const crypto::SigningKey& key,
                          const std::string& method, const std::string& target,
                          const std::string& body, std::optional<int64_t> time_ms = std::nullopt) {
  return send_raw(url, method, target, auth_headers(sign(key, method, target, body, time_ms)),
                  body);
}

// A kiosk's device key, from its folder.
inline crypto::DeviceKey kiosk_key(const KioskProcess& k) {
  auto key = crypto::DeviceKey::load(k.dir / "keys" / "device.key");
  REQUIRE_MESSAGE(key.ok(), why(key));
  return std::move(*key);
}

// The kiosk's store, opened by the test (no kiosk process may be running).
inline store::KioskStore kiosk_store(const KioskProcess& k) {
  auto s = store::KioskStore::open(k.dir / "kiosk.db", kiosk_key(k));
  REQUIRE_MESSAGE(s.ok(), why(s));
  return std::move(*s);
}

// Events from..through as the kiosk signed them.
inline std::vector<core::SignedEvent> kiosk_events(const KioskProcess& k, uint64_t from,
                                                   uint64_t through) {
  auto store = kiosk_store(k);
  std::vector<core::SignedEvent> out;
  REQUIRE(store
              .for_each(from,
                        [&](const core::SignedEvent& e) {
                          if (e.header.seq > through) return false;
                          out.push_back(e);
                          return true;
                        })
              .ok());
  REQUIRE(out.size() == through - from + 1);
  return out;
}

// An upload body for events from..through, exactly as the real client
// would build it.
inline std::string upload_body(const KioskProcess& k, uint64_t from, uint64_t through) {
  auto events = kiosk_events(k, from, through);
  return sync::encode_upload(kiosk_key(k).id(), events);
}

// What the kiosk holds that came down from the server.
inline std::vector<store::PersonRecord> kiosk_people(const KioskProcess& k) {
  auto s = kiosk_store(k);
  auto people = store::load_people(s.db());
  REQUIRE(people.ok());
  return *people;
}

inline store::SyncCursor kiosk_cursor(const KioskProcess& k) {
  auto s = kiosk_store(k);
  auto c = store::load_sync_cursor(s.db());
  REQUIRE(c.ok());
  return *c;
}

// Sends the kiosk to the same server at a new address (a copied server
// folder served on another port); the pinned server key is unchanged.
inline void repoint_kiosk(const KioskProcess& k, const std::string& url) {
  auto s = kiosk_store(k);
  auto link = store::load_server_link(s.db());
  REQUIRE((link.ok() && link->has_value()));
  store::ServerLink l = **link;
  l.url = url;
  REQUIRE(store::save_server_link(s.db(), l).ok());
}

// Adds or changes a person on the server's roster. The server must be
// stopped: this writes to its store.
inline void put_on_roster(const ServerProcess& s, const store::RosterPerson& p) {
  REQUIRE_FALSE(s.running());
  auto m = store::open_master_store({s.dir()}, store::OpenMode::kReadWrite);
  REQUIRE(m.ok());
  REQUIRE((*m)->upsert_person(p).ok());
}

// Where the server's copy of a device's chain ends (0: nothing stored).
inline uint64_t stored_through(const ServerProcess& s, const crypto::DeviceId& device) {
  auto d = open_master(s)->find_device(device);
  REQUIRE((d.ok() && d->has_value()));
  return (*d)->stored_through_seq;
}

// The server holds exactly the kiosk's chain through `n`: seqs 1..n once
// each, in order, every event the very one the kiosk signed (same hash and
// signature), and the chain position at n. No kiosk process may be running.
inline void check_server_holds_kiosk_chain(const ServerProcess& s, const KioskProcess& k,
                                           uint64_t n) {
  const crypto::DeviceId device = kiosk_key(k).id();
  std::vector<std::pair<crypto::Sha256, crypto::Signature>> stored;
  stored.reserve(n);
  uint64_t expect = 1, out_of_order = 0;
  REQUIRE(open_master(s)
              ->for_each_event(device, 1,
                               [&](const store::StoredEvent& e) {
                                 if (e.seq != expect) ++out_of_order;
                                 expect = e.seq + 1;
                                 stored.emplace_back(e.hash, e.signature);
                                 return true;
                               })
              .ok());
  CHECK(out_of_order == 0);
  REQUIRE(stored.size() == n);
  uint64_t i = 0, different = 0;
  REQUIRE(kiosk_store(k)
              .for_each(1,
                        [&](const core::SignedEvent& e) {
                          if (i < n && (stored[i].first != e.hash ||
                                        stored[i].second != e.signature)) {
                            ++different;
                          }
                          ++i;
                          return true;
                        })
              .ok());
  CHECK(i == n);
  CHECK(different == 0);
  CHECK(stored_through(s, device) == n);
}

// `attest-server verify` passes and counts `events` from `devices` devices.
inline void check_verifies(const ServerProcess& s, uint64_t events, size_t devices) {
  auto v = verify_server(s);
  CHECK_MESSAGE(v.code == 0, v.all);
  CHECK_MESSAGE(v.out.find("OK: " + std::to_string(events) + " events from " +
                           std::to_string(devices) + " devices\n") != std::string::npos,
                v.out);
}

// A running server with one kiosk paired to it that recorded `events`
// events after its DeviceEnrolled, none of them synced yet.
struct PairedKiosk {
  TempDir dir;
  ServerProcess server;
  KioskProcess kiosk;
  explicit PairedKiosk(long events) : dir("attest-e2e"), server(dir), kiosk{dir / "kiosk"} {
    server.start();
    auto paired = kiosk.pair(server);
    REQUIRE_MESSAGE(paired.code == 0, paired.all);
    if (events > 0) REQUIRE(kiosk.fill(events).code == 0);
  }
  crypto::DeviceKey key() const { return kiosk_key(kiosk); }
  std::string device_hex() const { return hex_encode(kiosk_key(kiosk).id()); }
};

}  // namespace attest::testing
