// Whole-file reads and crash-safe writes (write to a temporary file, fsync,
// rename, fsync the folder), so a key file is either the old one or the new
// one after a power cut, never half of each.
#pragma once

#include <filesystem>
#include <string>

#include "base/bytes.h"

namespace attest {

Result<std::string> read_file(const std::filesystem::path& path);

// `mode` is the POSIX permission of the new file (0600 for secrets).
Status write_file_atomic(const std::filesystem::path& path, ByteView data, unsigned mode = 0644);

}  // namespace attest
