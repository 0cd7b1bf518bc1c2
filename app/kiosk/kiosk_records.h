// The kiosk's own records, read for admin mode: every event of this kiosk's
// store streamed into a report::Ledger on a read-only connection of its own
// (so it runs beside the UI thread's), bodies opened with the practice
// secret, as `attest report --kiosk DIR` reads them; and the snapshot admin
// mode's pages show (ui/admin_records.h), built from it.
#pragma once

#include <atomic>

#include "content/content.h"
#include "core/assignment.h"
#include "crypto/seal.h"
#include "report/ledger.h"
#include "store/kiosk_store.h"
#include "sync/client/sync_client.h"
#include "ui/admin_records.h"

namespace attest::kiosk {

// This kiosk's store, read-only, on a new connection.
Result<store::KioskStore> open_reader(const sync::KioskPaths& paths);

// Streams every event of `store` into `ledger`, opening the bodies it
// wants with `key`. Stops with an error once `cancelled` is set.
Status read_ledger(store::KioskStore& store, report::Ledger& ledger,
                   const crypto::BoxSecretKey& key, const std::atomic<bool>& cancelled);

// The bodies admin mode's pages read: names on the roster, designations,
// incident reports and their reviews (which say whether one is closed).
uint32_t admin_body_kinds();

struct RecordsInput {
  const content::Catalog* catalog = nullptr;
  core::AssignmentRules rules;
  Date today;
  bool paired = false;
};

// The snapshot for admin mode's pages. The roster is the people table, the
// roster people sign in with: on a standalone kiosk every change to it goes
// with a RosterChanged event (so it is the roster the reports rebuild from
// those events), on a paired one it is the office server's. Completions are
// this kiosk's own (from `ledger`) and, paired, those down-sync brought
// from other kiosks. Figures come from report::training_status, like the
// compliance matrix's.
Result<ui::AdminRecords> build_admin_records(store::KioskStore& store,
                                             const report::Ledger& ledger,
                                             const RecordsInput& in);

}  // namespace attest::kiosk
