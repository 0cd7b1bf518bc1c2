// Named counters in the master store (roster version, pairing failures),
// shared by the files that implement SqliteMasterStore. Internal.
#pragma once

#include "store/sqlite.h"

namespace attest::store {

inline Result<int64_t> master_counter(Db& db, const char* name) {
  Stmt s = TRY(db.prepare("SELECT value FROM counters WHERE name = ?"));
  s.bind(1, std::string_view(name));
  if (!TRY(s.step())) return make_error(ErrorCode::kCorrupt, std::string("no counter ") + name);
  return s.int64(0);
}

inline Status set_master_counter(Db& db, const char* name, int64_t value) {
  Stmt s = TRY(db.prepare("UPDATE counters SET value = ? WHERE name = ?"));
  return s.bind(1, value).bind(2, std::string_view(name)).run();
}

}  // namespace attest::store
