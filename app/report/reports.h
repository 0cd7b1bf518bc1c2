// The Security Official's reports, each a Document built from a Ledger and
// the curriculum. Pure: the same events, curriculum and context give the
// same document, byte for byte once rendered, which is what lets
// `attest verify-bundle` check a bundled report by regenerating it.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "content/content.h"
#include "core/assignment.h"
#include "report/document.h"
#include "report/ledger.h"

namespace attest::report {

struct ReportContext {
  std::string practice;
  std::string generated_at;  // shown, not used in any figure
  std::string generated_by;
  Date as_of;                // "today" for every due rule
  const content::Catalog* catalog = nullptr;
  core::AssignmentRules rules;
  std::map<crypto::DeviceId, std::string> device_names;  // "Front desk kiosk"
};

// The version of every module and policy in force, as the due rules see
// them. A version's effective date is its file's, unless a PolicyPublished
// record for it gives another (the official published it on that date).
// With `as_of`, the newest version in force on that date (a version whose
// date has not come yet waits; when none has come, the oldest one is
// listed, due from its date); without, the newest version.
std::vector<core::CurriculumItem> curriculum_of(const content::Catalog& catalog,
                                                std::optional<Date> as_of = {},
                                                std::span<const PolicyAction> actions = {});
// The same choice for one item, from a report's context and ledger.
const content::Item* item_in_force(const ReportContext& ctx, const Ledger& ledger,
                                   content::Kind kind, const std::string& id);

struct MatrixFilter {
  std::string role;       // empty: every role
  std::string person_id;  // empty: everyone
  bool include_inactive = false;
};

Document compliance_matrix(const Ledger& ledger, const ReportContext& ctx,
                           const MatrixFilter& filter = {});
Document overdue_list(const Ledger& ledger, const ReportContext& ctx,
                      const MatrixFilter& filter = {});
Document training_coverage(const Ledger& ledger, const ReportContext& ctx);
Document curriculum_report(const Ledger& ledger, const ReportContext& ctx);

// One person's records a transcript lists, in ledger order.
struct PersonRecords {
  std::vector<const CompletionRecord*> completions;
  std::vector<const QuizRecord*> quizzes;
  std::vector<const ReminderAck*> reminder_acks;
};
// Everyone's, gathered in one pass: every transcript of a large practice
// would otherwise scan every record once per person.
std::map<std::string, PersonRecords> records_by_person(const Ledger& ledger);

// Empty when nobody on the roster has this id. `records`: the person's
// from records_by_person(); null to gather them here.
std::optional<Document> transcript(const Ledger& ledger, const ReportContext& ctx,
                                   const std::string& person_id,
                                   const PersonRecords* records = nullptr);
// Version empty: the newest version in the curriculum.
Document attestation_roster(const Ledger& ledger, const ReportContext& ctx,
                            const std::string& policy_id, std::string version = {});

Document incident_log(const Ledger& ledger, const ReportContext& ctx);
Document sign_in_summary(const Ledger& ledger, const ReportContext& ctx);
Document designation_record(const Ledger& ledger, const ReportContext& ctx);
Document reminder_log(const Ledger& ledger, const ReportContext& ctx);
Document retention_report(const Ledger& ledger, const ReportContext& ctx);

// The report names `attest report` and the evidence bundle use, in order.
struct ReportKind {
  const char* id;     // "matrix"
  const char* title;  // "Training compliance matrix"
};
const std::vector<ReportKind>& report_kinds();

// Shared by the report files: the lines every report starts with, and the
// way dates and times are printed.
void add_scope(Document& doc, const Ledger& ledger, const ReportContext& ctx);
Document new_document(std::string id, std::string title, const Ledger& ledger,
                      const ReportContext& ctx);
// Who generated a report when nobody says: the Security Official on
// record (the latest opened designation with a name), or empty.
std::string official_on_record(const Ledger& ledger);
// When it was generated, as every report's first lines show it:
// "2026-11-23 16:40 UTC".
std::string generated_at_text(int64_t utc_ms);
// "1 person", "3 people".
std::string count_text(size_t n, const char* one, const char* many);
std::string date_text(Date d);                // 2026-11-12
std::string time_text(const Timestamp& t);    // 2026-11-12 10:42 -05:00 (local, with offset)
std::string device_text(const ReportContext& ctx, const crypto::DeviceId& d);
std::string item_title(const ReportContext& ctx, content::Kind kind, const std::string& id);

}  // namespace attest::report
