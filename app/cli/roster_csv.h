// The staff list a Security Official keeps in a spreadsheet, as CSV:
//
//   name,role,hired[,id][,active][,pin]
//   Dana Whitfield,management,2019-03-04
//   "Lopez, Maria",Front desk,2026-11-10
//
// A header row names the columns in any order (any case). Roles become
// slugs ("Front desk" -> front-desk). `pin` is allowed only for demos.
// Every problem names the file and line; nothing is imported unless the
// whole file is good.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace attest::cli {

struct RosterRow {
  int line = 0;
  std::string id;  // empty: matched by name, or a new id is made
  std::string name;
  std::string role;
  std::string hired;  // YYYY-MM-DD
  bool active = true;
  std::string pin;  // demo only
};

Result<std::vector<RosterRow>> parse_roster_csv(std::string_view text, const std::string& file,
                                                bool allow_pins);

}  // namespace attest::cli
