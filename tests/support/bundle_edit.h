// Reading and changing an evidence bundle's files in tests, and asking
// verify_bundle() whether a problem names a file and record. Links
// attest_report.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/file.h"
#include "report/bundle_verify.h"

namespace attest::testing {

inline std::vector<std::string> read_lines(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::string text = *read_file(p), line;
  for (char c : text) {
    if (c == '\n') out.push_back(std::exchange(line, {}));
    else line += c;
  }
  return out;
}

inline void write_lines(const std::filesystem::path& p, const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  REQUIRE(write_file_atomic(p, as_bytes(text)).ok());
}

// Rewrites line `seq` (1-based) of an events file, whose "seq" must match.
inline void edit_jsonl_line(const std::filesystem::path& p, uint64_t seq,
                            const std::function<void(nlohmann::json&)>& edit) {
  auto lines = read_lines(p);
  REQUIRE(seq <= lines.size());
  auto j = nlohmann::json::parse(lines[seq - 1]);
  REQUIRE(j["seq"] == seq);
  edit(j);
  lines[seq - 1] = j.dump();
  write_lines(p, lines);
}

inline report::BundleCheck check(const std::filesystem::path& bundle) {
  auto c = report::verify_bundle(bundle);
  REQUIRE(c.ok());
  return std::move(*c);
}

// Every problem, one a line, for INFO().
inline std::string listed(const report::BundleCheck& c) {
  std::string s;
  for (const auto& p : c.problems) s += p.to_string() + "\n";
  return s;
}

// Some problem names this file (and, when given, this record and this text).
inline bool names(const report::BundleCheck& c, const std::string& file,
                  std::optional<uint64_t> seq, const std::string& text = {}) {
  for (const auto& p : c.problems) {
    if (p.file != file) continue;
    if (seq && (!p.record || p.record->seq != *seq)) continue;
    if (p.message.find(text) == std::string::npos) continue;
    return true;
  }
  return false;
}

inline std::string hex_sha(const std::filesystem::path& p) {
  return hex_encode(crypto::sha256(as_bytes(*read_file(p))));
}

}  // namespace attest::testing
