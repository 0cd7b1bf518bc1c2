// A policy version published by the Security Official, and the local day
// it is in force from: kept beside the PolicyPublished record, whose body
// (which holds the day) only the practice key opens, by the master store
// (from `attest policy publish`, sent down to kiosks) and by a kiosk (from
// its admin mode, or from the server).
#pragma once

#include <string>
#include <vector>

#include "base/time.h"
#include "store/sqlite.h"

namespace attest::store {

struct PublishedVersion {
  std::string policy_id;
  std::string version;
  Date effective;
  bool operator==(const PublishedVersion&) const = default;
};

// The published_versions table, the same in both stores (kiosk 0009,
// master 0003). The latest word on a version wins.
Status save_published_version(Db& db, const PublishedVersion& p);
Result<std::vector<PublishedVersion>> load_published_versions(Db& db);  // by policy, version

}  // namespace attest::store
