// The office server's request handling, without sockets: http_server.cpp
// turns each HTTP request into a Request and sends back the Response, so
// every endpoint and every refusal is testable in-process.
//
//   GET  /v1/hello   unauthenticated: who this is
//   POST /v1/pair    pairing code proof -> server key, practice key (and
//                    the practice key file, its secret wrapped)
//   POST /v1/events  signed: a batch of events -> signed receipt
//   GET  /v1/chain   signed: what the server stores for this device
//   GET  /v1/down    signed: roster, other kiosks' completions and a chain
//                    receipt, signed by the server
//   POST /v1/enroll  signed: enrollment code + PIN verifier -> the person
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/random.h"
#include "base/time.h"
#include "store/master_store.h"
#include "sync/protocol/request_auth.h"

namespace attest::sync {

struct Request {
  std::string method;
  std::string path;    // without the query
  std::string target;  // path and query exactly as sent; the signature covers it
  std::map<std::string, std::string> params;
  AuthHeaders auth;
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;  // JSON
  std::vector<std::pair<std::string, std::string>> headers;
  std::string device;  // hex id of the authenticated device, for the log
  std::string note;    // one short phrase for the log: "stored 1000", "gap"
};

inline constexpr int kPairingFailureLimit = 5;

class SyncService {
 public:
  // practice_key_file: sent to kiosks at pairing, so the Security Official
  // can open admin mode there; empty sends none. site_id: the site this
  // server is for; it pairs kiosks into that site, with its codes only.
  SyncService(store::MasterStore& store, const crypto::SigningKey& server_key,
              store::PracticeInfo practice, const Clock& clock, Random& rng,
              std::string practice_key_file = {}, std::string site_id = store::kFirstSiteId);

  Response handle(const Request& r);

 private:
  Response hello();
  Response pair(const Request& r);
  Response upload(const Request& r, const RequestAuth& auth, const store::DeviceRecord& device);
  Response chain(const store::DeviceRecord& device);
  Response enroll(const Request& r, const store::DeviceRecord& device);
  Response down(const Request& r, const RequestAuth& auth, const store::DeviceRecord& device);
  // Checks the signature, the device, the time, and that the nonce is new.
  Checked<std::pair<RequestAuth, store::DeviceRecord>> authenticate(const Request& r);
  // Remembers the request's nonce; the refusal if it was used meanwhile.
  std::optional<Response> use_nonce(const RequestAuth& auth);
  store::RequestNonce nonce_of(const RequestAuth& auth) const;
  Response receipt_response(const store::DeviceRecord& device, const core::ChainPosition& at,
                            size_t stored);

  store::MasterStore& store_;
  const crypto::SigningKey& key_;
  store::PracticeInfo practice_;
  std::string practice_key_file_;
  std::string site_id_;
  const Clock& clock_;
  Random& rng_;
};

}  // namespace attest::sync
