#include <doctest/doctest.h>

#include "base/bytes.h"

using namespace attest;

TEST_CASE("hex round-trips and rejects bad digits") {
  Bytes b{0x00, 0x01, 0xab, 0xff};
  CHECK(hex_encode(b) == "0001abff");
  auto back = hex_decode("0001ABff");
  REQUIRE(back.ok());
  CHECK(*back == b);
  CHECK_FALSE(hex_decode("abc").ok());
  auto bad = hex_decode("zz00");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::kParse);
  CHECK(bad.error().message.find("position 0") != std::string::npos);
}

TEST_CASE("base64 matches RFC 4648 test vectors") {
  const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(base64_encode(as_bytes(plain[i])) == coded[i]);
    auto d = base64_decode(coded[i]);
    REQUIRE(d.ok());
    CHECK(to_string(*d) == plain[i]);
  }
  CHECK_FALSE(base64_decode("Zm9").ok());
  CHECK_FALSE(base64_decode("Zm=v").ok());
  CHECK_FALSE(base64_decode("Zm9*").ok());
}

TEST_CASE("big-endian words") {
  Bytes b;
  put_u32(b, 0x01020304);
  put_u64(b, 0x05);
  put_i64(b, -1);
  CHECK(hex_encode(b) == "01020304" "0000000000000005" "ffffffffffffffff");
}

TEST_CASE("Result and TRY carry errors") {
  auto fails = []() -> Result<int> { return make_error(ErrorCode::kNotFound, "nope"); };
  auto chained = [&]() -> Result<int> {
    int v = TRY(fails());
    return v + 1;
  };
  auto r = chained();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kNotFound);
  CHECK(r.error().message == "nope");
  auto good = []() -> Result<int> { return 41; };
  auto chained_ok = [&]() -> Result<int> { return TRY(good()) + 1; };
  CHECK(*chained_ok() == 42);
}
