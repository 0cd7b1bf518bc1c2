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
  std::string appended = "x";
  base64_append(appended, as_bytes("fo"));
  base64_append(appended, as_bytes("foobar"));
  CHECK(appended == "xZm8=Zm9vYmFy");
}

TEST_CASE("base64 round-trips every length and names the first bad character") {
  Bytes data;
  for (int n = 0; n < 200; ++n) {
    auto back = base64_decode(base64_encode(data));
    REQUIRE(back.ok());
    CHECK(*back == data);
    data.push_back(static_cast<uint8_t>(n * 37 + 11));
  }
  data.push_back(7);
  const std::string good = base64_encode(data);  // 201 bytes: no padding
  for (size_t at : {size_t{0}, size_t{5}, size_t{101}, good.size() - 1}) {
    for (char c : {'*', '=', '-', '\0', '\x80'}) {
      std::string bad = good;
      bad[at] = c;
      auto r = base64_decode(bad);
      if (c == '=' && at == good.size() - 1) {  // padding there is fine: one byte less
        REQUIRE(r.ok());
        CHECK(r->size() == data.size() - 1);
        continue;
      }
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().message == "not a base64 character at position " + std::to_string(at));
    }
  }
  CHECK(base64_decode("Zm9vYg==").ok());
  CHECK(base64_decode("Zm9vYm==Zm9v").error().message.find("position 6") != std::string::npos);
  CHECK(base64_decode("Zm9vY===").error().message.find("position 5") != std::string::npos);
  CHECK(base64_decode("Zm9vYg=v").error().message == "base64 padding in the middle");
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
