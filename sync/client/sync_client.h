// One sync with the office server, start to finish, on the calling thread
// (sync_worker.h runs it on a worker). Opens its own connection to the
// kiosk store, so it never shares a SQLite handle with the UI.
//
//  1. GET /v1/chain: where the server's copy of this device's chain ends,
//     under a receipt signed by the pinned key. A server restored from an
//     older backup is simply behind, and is refilled from there.
//  2. POST /v1/events in batches (at most 2000 events or about 4 MB), each
//     acknowledged by a signed receipt before its events count as synced.
//     A gap answer restarts from the seq the server expects. While the
//     server checks and stores one batch, the next is read and encoded.
//  3. GET /v1/down until nothing more: the roster and the completions other
//     kiosks recorded, applied only if signed by the pinned key for this
//     very request (its chain receipt is checked as well).
// Records go up first, so nothing that may go wrong coming down can hold
// them back. Interrupted anywhere, the next sync starts over at step 1 and
// resumes where the server's receipts say; nothing is sent twice that the
// server would store twice, nothing is skipped.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/random.h"
#include "base/time.h"
#include "crypto/device_key.h"
#include "crypto/seal.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "sync/client/http_client.h"
#include "sync/protocol/down.h"
#include "sync/protocol/receipt.h"
#include "sync/protocol/request_auth.h"

namespace attest::sync {

struct PairedServer {
  crypto::SignPublicKey server_key{};
  crypto::BoxPublicKey practice_key{};
  std::string practice_name;
  std::string practice_key_file;  // empty from a server that sends none
};

// Pairs this device with the server using the code the official read out.
// The answer is accepted only with a proof that the server knows the code.
Result<PairedServer> pair_with_server(const std::string& url, const std::string& code,
                                      const crypto::DeviceKey& device,
                                      const std::string& device_name);

struct SyncProgress {
  uint64_t sent = 0;   // events the server has confirmed in this sync
  uint64_t total = 0;  // events this sync set out to send
};

struct SyncOutcome {
  uint64_t uploaded = 0;       // events the server newly confirmed
  uint64_t server_through = 0;
  bool roster_changed = false;
  uint64_t completions = 0;    // completions received from other kiosks
};

// Where a kiosk keeps its record store and its device key.
struct KioskPaths {
  std::filesystem::path db;
  std::filesystem::path device_key;
};

class SyncClient {
 public:
  static Result<std::unique_ptr<SyncClient>> open(const std::filesystem::path& db,
                                                  crypto::DeviceKey device, const Clock& clock,
                                                  Random& rng);
  // The same, loading the device key from its file.
  static Result<std::unique_ptr<SyncClient>> open(const KioskPaths& paths, const Clock& clock,
                                                  Random& rng);
  ~SyncClient();

  Result<SyncOutcome> sync_once(const std::function<void(const SyncProgress&)>& progress = {});
  // Enrolls a person at this kiosk: sends the code and their new PIN's
  // verifier; on success the person is on this kiosk's roster at once.
  Result<store::PersonRecord> enroll(const std::string& code, const std::string& pin_verifier);
  Result<uint64_t> pending();

 private:
  SyncClient(store::KioskStore store, store::ServerLink link, std::unique_ptr<HttpClient> http,
             const Clock& clock, Random& rng);
  // One upload request's worth of events, encoded.
  struct Batch {
    uint64_t first = 0, last = 0;
    std::string body;
  };

  Result<HttpClient::Headers> auth_headers(const std::string& method, const std::string& target,
                                           const std::string& body, Nonce* nonce_out = nullptr);
  Result<HttpResult> signed_request(const std::string& method, const std::string& target,
                                    const std::string& body, Nonce* nonce_out = nullptr);
  Result<uint64_t> server_position();
  // Events from..through, as many as one request may carry; none when
  // `from` is past `through` or the store.
  Result<std::optional<Batch>> read_batch(uint64_t from, uint64_t through);
  Result<uint64_t> upload_from(uint64_t from, uint64_t through, SyncProgress& progress,
                               const std::function<void(const SyncProgress&)>& report);
  Status accept_receipt(const Receipt& r, uint64_t expect_at_least);
  // Returns where the server's copy of this chain ends, if it said.
  Status down_sync(SyncOutcome& out);
  // Policy versions published at the office PC, kept where the kiosk's
  // staff screens read them (only those that are new or changed are written).
  Status apply_published(const std::vector<PublishedEntry>& published);

  store::KioskStore store_;
  store::ServerLink link_;
  std::unique_ptr<HttpClient> http_;
  const Clock& clock_;
  Random& rng_;
};

// The plain-words reason for a refused request, for the sync page.
std::string describe_refusal(int status, const std::string& body);

}  // namespace attest::sync
