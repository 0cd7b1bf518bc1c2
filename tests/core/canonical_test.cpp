// Fixed vectors for the canonical encoding, event hash, signature and link.
// They were computed independently of this code (Python hashlib and the
// cryptography package's Ed25519, following the layout in core/canonical.h).
// If one of these fails, the encoding changed: every existing record would
// stop verifying. Do not "fix" the vector; fix the code.
#include <doctest/doctest.h>

#include <numeric>

#include "core/canonical.h"
#include "core/event_builder.h"

using namespace attest;
using namespace attest::core;

namespace {

EventHeader vector_header() {
  EventHeader h;
  std::iota(h.event_id.begin(), h.event_id.end(), uint8_t{0});
  std::iota(h.device_id.begin(), h.device_id.end(), uint8_t{0x10});
  h.seq = 7;
  h.prev_link.fill(0xaa);
  h.kind = EventKind::kPolicyAttested;
  h.person_id = "p-0002";
  h.subject = {"acceptable-use", "3", crypto::sha256(as_bytes("Acceptable Use Policy v3"))};
  h.time = {1795430525123, -300};
  h.app_version = "0.1.0";
  h.retain_until = *parse_date("2032-11-23");
  h.body_digest = crypto::sha256(as_bytes("body"));
  return h;
}

constexpr const char* kCanonical =
    "01000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0000000000000007aaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0000000e506f6c69637941747465737465"
    "6400000006702d303030320000000e61636365707461626c652d7573650000000133015c4d07a5461c09974d85"
    "66850fc289ea2851d4d664d0ece460775ced53966948000001a207ffa8c3fffffed400000005302e312e300000"
    "59bc230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb500";
constexpr const char* kHash = "fd3c549a83ae19ee5f3315b41c23a7e5ffc1607e27cd37d10bcc5332b10a854c";
constexpr const char* kSignature =
    "770957d1e81a3112027e746ec1c557d1aa9746bebcb6b1dc450e69d2fbf0f550"
    "bd4f4a985030835cc4d97dcff10f60c58894fb2f305ddb837068bebd694fc808";
constexpr const char* kLink = "f84a3b93c4d5b4310f1ccded12f65cbff77e10be995ffe066f08fe9a4eac8e43";

}  // namespace

TEST_CASE("canonical header encoding matches the fixed vector") {
  CHECK(hex_encode(encode_header(vector_header())) == kCanonical);
}

TEST_CASE("event hash, signature and link match the fixed vectors") {
  auto key = crypto::SigningKey::from_seed(Bytes(32, 0x42));
  REQUIRE(key.ok());
  SignedEvent e = sign_event(vector_header(), to_bytes("sealed-body-bytes"), *key);
  CHECK(hex_encode(e.hash) == kHash);
  CHECK(hex_encode(e.signature) == kSignature);
  CHECK(hex_encode(link_hash(e.hash, e.signature)) == kLink);
  CHECK(crypto::verify_signature(key->public_key(), signing_message(e.hash), e.signature));
}

TEST_CASE("decode is the inverse of encode") {
  EventHeader h = vector_header();
  h.refers_to = EventId{};
  h.refers_to->fill(7);
  auto back = decode_header(encode_header(h));
  REQUIRE(back.ok());
  CHECK(*back == h);
  h.subject = {};
  h.person_id.clear();
  h.refers_to.reset();
  h.time.offset_minutes = 330;
  auto back2 = decode_header(encode_header(h));
  REQUIRE(back2.ok());
  CHECK(*back2 == h);
}

TEST_CASE("decode rejects truncated, trailing, unknown kind and unknown format") {
  Bytes good = encode_header(vector_header());
  for (size_t cut : {size_t{0}, size_t{1}, size_t{40}, good.size() - 1}) {
    auto r = decode_header(ByteView(good.data(), cut));
    CHECK_FALSE(r.ok());
  }
  Bytes trailing = good;
  trailing.push_back(0);
  auto t = decode_header(trailing);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.find("trailing") != std::string::npos);

  Bytes format = good;
  format[0] = 2;
  auto f = decode_header(format);
  REQUIRE_FALSE(f.ok());
  CHECK(f.error().code == ErrorCode::kUnsupported);

  EventHeader h = vector_header();
  Bytes kind = encode_header(h);
  // "PolicyAttested" -> "PolicyAttestee": same length, unknown name.
  std::string as_text(kind.begin(), kind.end());
  size_t at = as_text.find("PolicyAttested");
  REQUIRE(at != std::string::npos);
  kind[at + 13] = 'e';
  auto k = decode_header(kind);
  REQUIRE_FALSE(k.ok());
  CHECK(k.error().message.find("unknown kind") != std::string::npos);
}

TEST_CASE("every event kind has a name that maps back") {
  for (int i = 0; i < kEventKindCount; ++i) {
    auto kind = static_cast<EventKind>(i);
    auto name = event_kind_name(kind);
    CHECK_FALSE(name.empty());
    CHECK(event_kind_from_name(name) == kind);
  }
  CHECK_FALSE(event_kind_from_name("Nonsense").has_value());
}

TEST_CASE("retain-until is six years past the later of creation and effective date") {
  Date created = *parse_date("2026-11-23");
  CHECK(format_date(retain_until(created, std::nullopt)) == "2032-11-23");
  CHECK(format_date(retain_until(created, *parse_date("2027-01-01"))) == "2033-01-01");
  CHECK(format_date(retain_until(created, *parse_date("2020-01-01"))) == "2032-11-23");
}
