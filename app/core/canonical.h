// The canonical encoding of an event header: defined here once, frozen by
// the fixed vectors in tests/core. Two builds must never disagree about a
// hash, so any change to this encoding must break those tests.
//
//   u8     format (1)
//   16     event_id
//   16     device_id
//   u64    seq
//   32     prev_link
//   str    kind name            str  = u32 length, then UTF-8 bytes
//   str    person_id
//   str    subject id
//   str    subject version
//   opt32  subject content SHA-256   opt = u8 0, or u8 1 then the bytes
//   i64    time, UTC milliseconds
//   i32    local offset, minutes
//   str    app_version
//   i32    retain_until, days since 1970-01-01
//   32     body_digest
//   opt16  refers_to
// Integers are big-endian, signed ones two's complement. Nothing follows.
#pragma once

#include "core/event.h"

namespace attest::core {

Bytes encode_header(const EventHeader& header);
// Strict: unknown format or kind, short or trailing bytes are errors.
Result<EventHeader> decode_header(ByteView bytes);

}  // namespace attest::core
