#include "crypto/hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <cstdlib>

namespace attest::crypto {

// OpenSSL's SHA-256 uses the CPU's SHA extensions where present; it is about
// three times faster than libsodium's portable one, and hashing dominates
// `attest verify`. The output is the same function, checked by the vectors.
//
// OpenSSL 3's one-shot SHA256() looks the algorithm up on every call, under
// a global lock; a million records' hashes spent more time there than
// hashing. The lookup is done once.
namespace {
const EVP_MD* sha256_md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}
}  // namespace

Sha256 sha256(ByteView data) {
  Sha256 out;
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, sha256_md(), nullptr) != 1) {
    std::abort();  // only fails when OpenSSL cannot allocate
  }
  return out;
}

Sha256 hmac_sha256(ByteView key, ByteView message) {
  Sha256 out;
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           out.data(), &len) == nullptr) {
    std::abort();  // only fails when OpenSSL cannot allocate
  }
  return out;
}

struct Sha256Stream::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, sha256_md(), nullptr) != 1) {
    std::abort();  // out of memory inside OpenSSL; nothing sensible to return
  }
}
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(ByteView data) {
  EVP_DigestUpdate(state_->ctx, data.data(), data.size());
}

Sha256 Sha256Stream::finish() {
  Sha256 out;
  unsigned int len = 0;
  EVP_DigestFinal_ex(state_->ctx, out.data(), &len);
  return out;
}

bool constant_time_equal(ByteView a, ByteView b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace attest::crypto
