// Hard limits on what a request may carry. The server rejects anything over
// them before parsing (413), so a broken or hostile kiosk cannot make it
// allocate without bound; the client never builds a batch over them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attest::sync {

inline constexpr size_t kMaxRequestBytes = 8u << 20;      // one upload request
inline constexpr size_t kMaxBatchEvents = 2000;           // events per upload
inline constexpr size_t kMaxHeaderBytes = 16u << 10;      // one canonical header
inline constexpr size_t kMaxSealedBodyBytes = 1u << 20;   // one sealed body
inline constexpr size_t kTargetBatchBytes = 4u << 20;     // what the client aims for
inline constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;  // request time vs server time

}  // namespace attest::sync
