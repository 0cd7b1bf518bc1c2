// The benchmarks start the real binaries with the end-to-end tests' child
// process helper (tests/support/child_process.h).
#pragma once

#include "support/child_process.h"

namespace attest::bench {
using testing::ChildProcess;
using testing::cpu_ticks;
using testing::proc_status;
}  // namespace attest::bench
