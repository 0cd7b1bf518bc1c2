// The office server's own chain of records. What the Security Official
// does at the office PC (importing the roster, reviewing an incident,
// designating an official, reviewing a policy) is evidence like anything a
// kiosk records, so it is an event too: signed with the server key, sealed
// to the practice key, chained, and kept in the master store under the
// server's own device id, where verify, reports and the evidence bundle
// treat it like any kiosk's chain.
#pragma once

#include <span>
#include <vector>

#include "core/event_builder.h"
#include "crypto/device_key.h"
#include "store/master_store.h"

namespace attest::store {

inline constexpr char kServerDeviceName[] = "Office server";

// How an office server's own chain is listed: "Office server" for a
// practice's first site, "Office server, Downtown office" for the others.
inline std::string server_device_name(const SiteRecord& site) {
  return site.id == kFirstSiteId ? std::string(kServerDeviceName)
                                 : std::string(kServerDeviceName) + ", " + site.name;
}

// Appends the drafts, in order, in one transaction, with `published` (the
// version a PolicyPublished draft puts in force) when there is one. Retries
// once if another writer moved the chain meanwhile.
Result<std::vector<core::SignedEvent>> append_server_events(
    MasterStore& store, const crypto::DeviceKey& server_key, std::span<const core::EventDraft> drafts,
    const Clock& clock, Random& rng, const PublishedVersion* published = nullptr);

}  // namespace attest::store
