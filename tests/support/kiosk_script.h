// Writing `attest-kiosk --script` files from tests.
#pragma once

#include <string>

namespace attest::testing {

// A script's "quoted" argument: " and \ escaped as the script parser reads them.
inline std::string script_quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace attest::testing
