#include <doctest/doctest.h>

#include "crypto/hash.h"
#include "crypto/keyed_hash.h"
#include "crypto/pwhash.h"
#include "crypto/random.h"
#include "crypto/seal.h"
#include "crypto/sign.h"

using namespace attest;
using namespace attest::crypto;

TEST_CASE("SHA-256 matches the FIPS 180-2 vectors") {
  CHECK(hex_encode(sha256(as_bytes("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_encode(sha256(as_bytes(""))) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256Stream s;
  s.update(as_bytes("a"));
  s.update(as_bytes("bc"));
  CHECK(s.finish() == sha256(as_bytes("abc")));
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 test 2") {
  CHECK(hex_encode(hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hmac_sha256(as_bytes("Jeff"), as_bytes("what do ya want for nothing?")) !=
        hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?")));
}

TEST_CASE("Ed25519 matches RFC 8032 test 1 and rejects changes") {
  auto seed = hex_decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  REQUIRE(seed.ok());
  auto key = SigningKey::from_seed(*seed);
  REQUIRE(key.ok());
  CHECK(hex_encode(key->public_key()) ==
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  Signature sig = key->sign({});
  CHECK(hex_encode(sig) ==
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(verify_signature(key->public_key(), {}, sig));
  sig[10] ^= 1;
  CHECK_FALSE(verify_signature(key->public_key(), {}, sig));
  CHECK_FALSE(SigningKey::from_seed(Bytes(31)).ok());
}

TEST_CASE("sealed boxes open only with the right secret") {
  SystemRandom rng;
  BoxSecretKey practice = BoxSecretKey::generate(rng);
  BoxSecretKey other = BoxSecretKey::generate(rng);
  Bytes sealed = seal(practice.public_key(), as_bytes("typed name: Maria Lopez"));
  CHECK(sealed.size() == 23 + kSealOverhead);
  auto opened = seal_open(practice, sealed);
  REQUIRE(opened.ok());
  CHECK(to_string(opened->view()) == "typed name: Maria Lopez");
  CHECK_FALSE(seal_open(other, sealed).ok());
  sealed[60] ^= 0x80;
  auto bad = seal_open(practice, sealed);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kTampered);
}

TEST_CASE("AEAD binds the associated data") {
  SystemRandom rng;
  SecretBytes key(kAeadKeyBytes);
  rng.fill(key.span());
  Bytes box = aead_seal(key, as_bytes("header"), as_bytes("device|seq 5"), rng);
  auto ok = aead_open(key, box, as_bytes("device|seq 5"));
  REQUIRE(ok.ok());
  CHECK(to_string(*ok) == "header");
  CHECK_FALSE(aead_open(key, box, as_bytes("device|seq 6")).ok());
  box.back() ^= 1;
  CHECK_FALSE(aead_open(key, box, as_bytes("device|seq 5")).ok());
  CHECK_FALSE(aead_open(key, Bytes(10), {}).ok());
}

TEST_CASE("PIN verifiers use Argon2id at the PIN cost, and older costs still check") {
  auto v = make_pin_verifier("4821", kdf_cost_pin());
  REQUIRE(v.ok());
  CHECK(v->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
  CHECK(check_pin(*v, "4821"));
  CHECK_FALSE(check_pin(*v, "4822"));
  CHECK_FALSE(check_pin("not a verifier", "4821"));
  auto v2 = make_pin_verifier("4821", kdf_cost_pin());
  REQUIRE(v2.ok());
  CHECK(*v2 != *v);  // salted

  // Kiosks set up before the PIN cost have 64 MiB verifiers; the string
  // says so, and they check as before.
  auto old = make_pin_verifier("4821", kdf_cost_interactive());
  REQUIRE(old.ok());
  CHECK(old->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
  CHECK(check_pin(*old, "4821"));
  CHECK_FALSE(check_pin(*old, "1111"));
  // Maria's demo PIN (2468) as the previous build's `attest demo` stored it.
  const char* kept =
      "$argon2id$v=19$m=65536,t=2,p=1$FE+CHL2h/fyTwkITEygubQ$"
      "AjjCxeKCknVMx0JVRktJGAT89BxgAk5QlwB1w3YgP4s";
  CHECK(check_pin(kept, "2468"));
  CHECK_FALSE(check_pin(kept, "2469"));
}

TEST_CASE("SecretBytes zeroes on clear and leaves moved-from empty") {
  SecretBytes s(std::span<const uint8_t>(as_bytes("secret")));
  SecretBytes t = std::move(s);
  CHECK(s.empty());  // NOLINT: checking moved-from state on purpose
  CHECK(t.size() == 6);
  t.clear();
  CHECK(t.empty());
}

TEST_CASE("subkeys and keyed hashes change with every input") {
  SecretBytes master(32), other(32);
  for (size_t i = 0; i < 32; ++i) {
    master.data()[i] = uint8_t(i);
    other.data()[i] = uint8_t(i + 1);
  }
  auto k1 = derive_subkey(master, 1, "attestCI");
  REQUIRE(k1.ok());
  CHECK(k1->size() == 32);
  CHECK(equal(k1->view(), derive_subkey(master, 1, "attestCI")->view()));
  CHECK_FALSE(equal(k1->view(), derive_subkey(master, 2, "attestCI")->view()));
  CHECK_FALSE(equal(k1->view(), derive_subkey(master, 1, "attestXX")->view()));
  CHECK_FALSE(equal(k1->view(), derive_subkey(other, 1, "attestCI")->view()));
  CHECK_FALSE(equal(k1->view(), master.view()));
  CHECK_FALSE(derive_subkey(master, 1, "short").ok());
  CHECK_FALSE(derive_subkey(SecretBytes(16), 1, "attestCI").ok());

  auto h = keyed_hash(*k1, as_bytes("p-0001"));
  REQUIRE(h.ok());
  CHECK(*h == *keyed_hash(*k1, as_bytes("p-0001")));
  CHECK(*h != *keyed_hash(*k1, as_bytes("p-0002")));
  CHECK(*h != *keyed_hash(*derive_subkey(master, 2, "attestCI"), as_bytes("p-0001")));
  CHECK_FALSE(keyed_hash(SecretBytes(8), as_bytes("p-0001")).ok());
}
