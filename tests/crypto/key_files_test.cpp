#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/file.h"
#include "crypto/device_key.h"
#include "crypto/practice_key.h"
#include "crypto/random.h"
#include "support/temp_dir.h"

using namespace attest;
using namespace attest::crypto;
namespace fs = std::filesystem;
using attest::testing::TempDir;

namespace {

NewPracticeKey make_key(const char* passphrase = "correct horse battery") {
  SystemRandom rng;
  auto k = create_practice_key(passphrase, rng, kdf_cost_minimum());
  REQUIRE(k.ok());
  return std::move(*k);
}

std::string flip_hex_char(std::string text, const std::string& field) {
  auto j = nlohmann::json::parse(text);
  std::string* target = nullptr;
  if (field == "public_key") {
    target = j["public_key"].get_ptr<std::string*>();
  } else {
    target = j["wrapped"][field]["box"].get_ptr<std::string*>();
  }
  char& c = (*target)[10];
  c = c == '0' ? '1' : '0';
  return j.dump(2);
}

}  // namespace

TEST_CASE("practice key unlocks with the passphrase and with the recovery code") {
  NewPracticeKey k = make_key();
  CHECK(k.recovery_code.size() == 32 + 7);  // 8 groups of 4
  CHECK(k.file_text.find("correct horse") == std::string::npos);
  auto pub = practice_public_key(k.file_text);
  REQUIRE(pub.ok());
  CHECK(*pub == k.public_key);

  auto a = unlock_with_passphrase(k.file_text, "correct horse battery");
  REQUIRE(a.ok());
  CHECK(a->public_key() == k.public_key);

  std::string typed = k.recovery_code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::erase(typed, '-');
  auto b = unlock_with_recovery_code(k.file_text, typed);
  REQUIRE(b.ok());
  CHECK(b->public_key() == k.public_key);
}

TEST_CASE("wrong passphrase or recovery code is a clear error") {
  NewPracticeKey k = make_key();
  auto a = unlock_with_passphrase(k.file_text, "correct horse batterz");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().code == ErrorCode::kWrongSecret);
  CHECK(a.error().message.find("wrong passphrase") != std::string::npos);
  auto b = unlock_with_recovery_code(k.file_text, "0000-0000-0000-0000-0000-0000-0000-0000");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().code == ErrorCode::kWrongSecret);
  CHECK(b.error().message.find("wrong recovery code") != std::string::npos);
}

TEST_CASE("a short passphrase is refused") {
  SystemRandom rng;
  auto k = create_practice_key("short", rng, kdf_cost_minimum());
  REQUIRE_FALSE(k.ok());
  CHECK(k.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("a corrupted practice key file is named as damaged, not as a wrong passphrase") {
  NewPracticeKey k = make_key();
  const char* pass = "correct horse battery";
  SUBCASE("not JSON") {
    auto r = unlock_with_passphrase(k.file_text.substr(0, k.file_text.size() / 2), pass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorrupt);
    CHECK(r.error().message.find("damaged") != std::string::npos);
  }
  SUBCASE("public key changed") {
    auto r = unlock_with_passphrase(flip_hex_char(k.file_text, "public_key"), pass);
    REQUIRE_FALSE(r.ok());
    // The public key is bound into the wrapping as associated data.
    CHECK(r.error().message.find("altered") != std::string::npos);
  }
  SUBCASE("wrapped secret changed") {
    auto r = unlock_with_passphrase(flip_hex_char(k.file_text, "passphrase"), pass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kWrongSecret);
    // The other copy still works: the recovery code is the way back.
    auto rec = unlock_with_recovery_code(flip_hex_char(k.file_text, "passphrase"),
                                         k.recovery_code);
    CHECK(rec.ok());
  }
  SUBCASE("missing wrapped copy") {
    auto j = nlohmann::json::parse(k.file_text);
    j["wrapped"].erase("recovery_code");
    auto r = unlock_with_recovery_code(j.dump(), k.recovery_code);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorrupt);
    CHECK(r.error().message.find("recovery_code is missing") != std::string::npos);
  }
  SUBCASE("mistyped fields") {
    for (const char* field : {"salt", "box", "kdf", "opslimit"}) {
      auto j = nlohmann::json::parse(k.file_text);
      j["wrapped"]["passphrase"][field] = nlohmann::json::array({1, 2});
      auto r = unlock_with_passphrase(j.dump(), pass);
      INFO(field);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == ErrorCode::kCorrupt);
    }
    auto j = nlohmann::json::parse(k.file_text);
    j["format"] = 1;
    auto r = unlock_with_passphrase(j.dump(), pass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("unknown format") != std::string::npos);
  }
  SUBCASE("absurd KDF cost") {
    auto j = nlohmann::json::parse(k.file_text);
    j["wrapped"]["passphrase"]["memlimit"] = 1;
    auto r = unlock_with_passphrase(j.dump(), pass);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorrupt);
  }
}

TEST_CASE("device key is saved 0600 and loads back to the same identity") {
  TempDir t;
  SystemRandom rng;
  DeviceKey k = DeviceKey::generate(rng);
  fs::path p = t.path() / "device.key";
  REQUIRE(k.save(p).ok());
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto back = DeviceKey::load(p);
  REQUIRE(back.ok());
  CHECK(back->id() == k.id());
  CHECK(back->public_key() == k.public_key());
  CHECK(back->storage_key().size() == 32);
  CHECK(equal(back->storage_key().view(), k.storage_key().view()));
  CHECK(k.id() == fingerprint(k.public_key()));
}

TEST_CASE("damaged or exposed device key files are refused with a reason") {
  TempDir t;
  SystemRandom rng;
  DeviceKey k = DeviceKey::generate(rng);
  fs::path p = t.path() / "device.key";
  REQUIRE(k.save(p).ok());
  std::string good = *read_file(p);

  SUBCASE("readable by others") {
    fs::permissions(p, fs::perms::others_read, fs::perm_options::add);
    auto r = DeviceKey::load(p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("chmod 600") != std::string::npos);
  }
  SUBCASE("seed changed") {
    auto j = nlohmann::json::parse(good);
    std::string seed = j["seed"];
    seed[0] = seed[0] == 'a' ? 'b' : 'a';
    j["seed"] = seed;
    REQUIRE(write_file_atomic(p, as_bytes(j.dump()), 0600).ok());
    auto r = DeviceKey::load(p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorrupt);
    CHECK(r.error().message.find("does not match") != std::string::npos);
  }
  SUBCASE("truncated") {
    REQUIRE(write_file_atomic(p, as_bytes(good.substr(0, 40)), 0600).ok());
    auto r = DeviceKey::load(p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kCorrupt);
  }
  SUBCASE("missing") {
    auto r = DeviceKey::load(t.path() / "nope.key");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kNotFound);
  }
}
