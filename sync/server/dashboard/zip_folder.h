// A folder as one .zip file (libarchive), so an evidence bundle downloads
// as a single file that any auditor's computer opens without new tools.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"

namespace attest::dashboard {

// Every file under `folder`, stored under `root/` in the archive, in name
// order so the same folder gives the same entries.
Status zip_folder(const std::filesystem::path& folder, const std::filesystem::path& out,
                  const std::string& root);

}  // namespace attest::dashboard
