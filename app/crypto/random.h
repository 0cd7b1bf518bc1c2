// The real randomness source: the operating system's CSPRNG via libsodium.
#pragma once

#include "base/random.h"

namespace attest::crypto {

class SystemRandom final : public Random {
 public:
  void fill(std::span<uint8_t> out) override;
};

// Ensures libsodium is initialised; every entry point of crypto calls it.
void ensure_sodium();

}  // namespace attest::crypto
