#include "crypto/random.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/secret.h"

namespace attest::crypto {

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) {
      // Without a working CSPRNG no record may be written; stop loudly.
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

void SystemRandom::fill(std::span<uint8_t> out) {
  ensure_sodium();
  randombytes_buf(out.data(), out.size());
}

void secure_zero(std::span<uint8_t> data) {
  if (!data.empty()) sodium_memzero(data.data(), data.size());
}

}  // namespace attest::crypto
