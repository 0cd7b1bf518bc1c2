// A policy version published by the Security Official, and the local day
// it is in force from: kept beside the PolicyPublished record, whose body
// (which holds the day) only the practice key opens, by the master store
// (from `attest policy publish`, sent down to kiosks) and by a kiosk (from
// its admin mode, or from the server).
#pragma once

#include <string>

#include "base/time.h"

namespace attest::store {

struct PublishedVersion {
  std::string policy_id;
  std::string version;
  Date effective;
  bool operator==(const PublishedVersion&) const = default;
};

}  // namespace attest::store
