#include "store/published_version.h"

namespace attest::store {

Status save_published_version(Db& db, const PublishedVersion& p) {
  Stmt s = TRY(db.prepare(
      "INSERT OR REPLACE INTO published_versions(policy_id, version, effective) VALUES(?, ?, ?)"));
  return s.bind(1, std::string_view(p.policy_id))
      .bind(2, std::string_view(p.version))
      .bind(3, std::string_view(format_date(p.effective)))
      .run();
}

Result<std::vector<PublishedVersion>> load_published_versions(Db& db) {
  Stmt s = TRY(db.prepare(
      "SELECT policy_id, version, effective FROM published_versions ORDER BY policy_id, version"));
  std::vector<PublishedVersion> out;
  while (TRY(s.step())) {
    auto day = parse_date(s.text(2));
    if (!day.ok()) continue;  // not a date: as if never published here
    out.push_back({s.text(0), s.text(1), *day});
  }
  return out;
}

}  // namespace attest::store
