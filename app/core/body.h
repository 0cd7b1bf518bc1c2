// Event bodies: the part only the Security Official may read (typed name,
// signature strokes, quiz answers, incident text). A body is a JSON object
// {"fields": {...}, "salt": "<16 random bytes, hex>"}; the salt makes
// body_digest reveal nothing about short or guessable bodies.
#pragma once

#include <nlohmann/json.hpp>

#include "base/random.h"
#include "core/event.h"

namespace attest::core {

inline constexpr size_t kBodySaltBytes = 16;

Bytes make_body(const nlohmann::json& fields, Random& rng);
// Parses an opened body and checks it against the header's body_digest.
Result<nlohmann::json> open_body_fields(ByteView plaintext, const Sha256& body_digest);

}  // namespace attest::core
