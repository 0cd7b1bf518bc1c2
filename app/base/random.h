// Randomness through an interface so tests can fix it. The real source is
// crypto::SystemRandom (libsodium's randombytes).
#pragma once

#include <cstdint>
#include <span>

namespace attest {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<uint8_t> out) = 0;
};

// Deterministic bytes from a seed (SplitMix64). Never for keys: only for
// tests and fixed vectors.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  void fill(std::span<uint8_t> out) override {
    for (auto& b : out) {
      if (left_ == 0) {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        word_ = z ^ (z >> 31);
        left_ = 8;
      }
      b = static_cast<uint8_t>(word_);
      word_ >>= 8;
      --left_;
    }
  }

 private:
  uint64_t state_;
  uint64_t word_ = 0;
  int left_ = 0;
};

}  // namespace attest
