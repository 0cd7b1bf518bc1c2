// SHA-256, the hash of the record chain and of content versions.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "base/bytes.h"

namespace attest::crypto {

using Sha256 = std::array<uint8_t, 32>;

Sha256 sha256(ByteView data);

// Incremental SHA-256 for data that arrives in pieces.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(ByteView data);
  Sha256 finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// HMAC-SHA-256: proves knowledge of a shared secret (the pairing code).
Sha256 hmac_sha256(ByteView key, ByteView message);

// Constant-time equality for secrets and MACs.
bool constant_time_equal(ByteView a, ByteView b);

}  // namespace attest::crypto
