// The kiosk's sync bookkeeping beside its record log (sql/kiosk/0004): the
// pinned server, acknowledgements from server receipts, and what came down
// (roster, completions from other kiosks, and how far each device's
// completions have been read). Written by the sync worker on
// its own connection; every write is one transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crypto/sign.h"
#include "store/kiosk_state.h"
#include "store/sqlite.h"

namespace attest::store {

struct ServerLink {
  std::string url;
  crypto::SignPublicKey server_key{};
  std::string practice_name;
  int64_t paired_utc_ms = 0;
  std::string device_name;  // as paired; '' for kiosks paired before 0008
};

Result<std::optional<ServerLink>> load_server_link(Db& db);
// How reports and evidence bundles name a kiosk's own device: the name it
// was paired under, else "Kiosk 3f2a91c0" (its id's first 8 hex digits).
std::string kiosk_display_name(Db& db, const crypto::DeviceId& device);
Status save_server_link(Db& db, const ServerLink& link);

struct SyncCursor {
  uint64_t roster_version = 0;
  // How far this kiosk has read each device's completions: hex device id
  // -> seq (sql/kiosk/0006).
  std::map<std::string, uint64_t> positions;
  std::optional<int64_t> last_success_utc_ms;
};

Result<SyncCursor> load_sync_cursor(Db& db);
Status record_sync_success(Db& db, int64_t now_ms);

// Marks every event through `seq` as held by the server; keeps the receipt
// (JSON) that says so on the row for `seq`.
Status mark_synced(Db& db, uint64_t seq, std::string_view receipt_json, int64_t now_ms);
// The oldest event no receipt covers, if any.
Result<std::optional<uint64_t>> first_unsynced(Db& db);

struct RemoteCompletion {
  std::string person_id;
  std::string kind;  // event kind name
  std::string item_id;
  std::string version;
  int64_t utc_ms = 0;
  int32_t offset_minutes = 0;
};

// Applies one down-sync in one transaction: the whole roster when it
// changed (people missing from it become inactive; a person's local PIN
// verifier stays when the server has none yet), new completions, cursors.
Status apply_down_sync(Db& db, const std::optional<std::vector<PersonRecord>>& roster,
                       uint64_t roster_version, const std::vector<RemoteCompletion>& completions,
                       const std::map<std::string, uint64_t>& positions);

Result<std::vector<RemoteCompletion>> load_remote_completions(Db& db, const std::string& person_id);

}  // namespace attest::store
