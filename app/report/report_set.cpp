#include "report/report_set.h"

#include "report/csv.h"
#include "report/html.h"
#include "report/pdf.h"

namespace attest::report {

Status for_each_report(const Ledger& ledger, const ReportContext& ctx, const ReportRequest& r,
                       const std::function<Status(Document&&)>& fn) {
  size_t made = 0;
  Status failed;
  // Each report is handed on as soon as it is built, so only one is held.
  struct Sink {
    size_t& made;
    Status& failed;
    const std::function<Status(Document&&)>& fn;
    void push_back(Document&& d) {
      ++made;
      if (failed.ok()) failed = fn(std::move(d));
    }
    bool empty() const { return made == 0; }
  } out{made, failed, fn};
  const bool all = r.kind == "all";
  auto want = [&](const char* id) { return all || r.kind == id; };
  if (want("matrix")) out.push_back(compliance_matrix(ledger, ctx, r.filter));
  if (want("overdue")) out.push_back(overdue_list(ledger, ctx, r.filter));
  if (want("coverage")) out.push_back(training_coverage(ledger, ctx));
  if (want("curriculum")) out.push_back(curriculum_report(ledger, ctx));
  if (want("attestations")) {
    if (!all && r.policy_id.empty()) {
      return make_error(ErrorCode::kInvalidArgument, "say which policy: --policy ID");
    }
    for (const content::Item* p : ctx.catalog->of_kind(content::Kind::kPolicy)) {
      const bool chosen = all ? r.policy_id.empty() || p->id == r.policy_id : p->id == r.policy_id;
      if (!chosen) continue;
      if (!all && !r.version.empty() && std::to_string(p->version) != r.version) continue;
      if (!all && r.version.empty() && item_in_force(ctx, ledger, content::Kind::kPolicy, p->id) != p) continue;
      out.push_back(attestation_roster(ledger, ctx, p->id, std::to_string(p->version)));
    }
    if (!all && out.empty()) {
      return make_error(ErrorCode::kNotFound, "no policy " + r.policy_id +
                                                  (r.version.empty() ? "" : " version " + r.version) +
                                                  " in the curriculum");
    }
  }
  if (want("transcript")) {
    if (!all && r.filter.person_id.empty()) {
      return make_error(ErrorCode::kInvalidArgument, "say whose transcript: --person ID");
    }
    const auto records = all ? records_by_person(ledger) : std::map<std::string, PersonRecords>{};
    static const PersonRecords kNone;
    for (const auto& [id, e] : ledger.roster()) {
      if (!all && id != r.filter.person_id) continue;
      const PersonRecords* mine = nullptr;
      if (all) {
        auto it = records.find(id);
        mine = it == records.end() ? &kNone : &it->second;
      }
      if (auto t = transcript(ledger, ctx, id, mine)) out.push_back(std::move(*t));
    }
    if (!all && out.empty()) {
      return make_error(ErrorCode::kNotFound, "nobody with id " + r.filter.person_id +
                                                  " is on the roster");
    }
  }
  if (want("incidents")) out.push_back(incident_log(ledger, ctx));
  if (want("sign-ins")) out.push_back(sign_in_summary(ledger, ctx));
  if (want("designations")) out.push_back(designation_record(ledger, ctx));
  if (want("reminders")) out.push_back(reminder_log(ledger, ctx));
  if (want("retention")) out.push_back(retention_report(ledger, ctx));
  if (out.empty()) return make_error(ErrorCode::kInvalidArgument, "no such report: " + r.kind);
  return failed;
}

Result<std::vector<Document>> build_reports(const Ledger& ledger, const ReportContext& ctx,
                                            const ReportRequest& request) {
  std::vector<Document> out;
  TRY_STATUS(for_each_report(ledger, ctx, request, [&](Document&& d) -> Status {
    out.push_back(std::move(d));
    return {};
  }));
  return out;
}

uint32_t body_kinds_for(const std::string& kind) {
  using core::EventKind;
  // Names, who generated it (the designated official) and policy actions.
  uint32_t mask = kind_bit(EventKind::kRosterChanged) |
                  kind_bit(EventKind::kSecurityOfficialDesignated) |
                  kind_bit(EventKind::kPrivacyOfficialDesignated) |
                  kind_bit(EventKind::kPolicyPublished) | kind_bit(EventKind::kPolicyReviewed);
  if (kind == "attestations") mask |= kind_bit(EventKind::kPolicyAttested);
  if (kind == "transcript") mask |= kind_bit(EventKind::kQuizAttempt);
  if (kind == "incidents") {
    mask |= kind_bit(EventKind::kIncidentReported) | kind_bit(EventKind::kIncidentReviewed);
  }
  if (kind == "sign-ins" || kind == "coverage") mask |= kind_bit(EventKind::kSignInFailed);
  if (kind == "all") mask = ~uint32_t{0};
  return mask;
}

uint32_t record_kinds_for(const std::string& kind) {
  using core::EventKind;
  if (kind != "matrix" && kind != "overdue") return ~uint32_t{0};
  // The roster, what counts as done, which policy version is in force, and
  // who the Security Official is (they generate the report).
  return kind_bit(EventKind::kRosterChanged) | kind_bit(EventKind::kModuleCompleted) |
         kind_bit(EventKind::kPolicyAttested) | kind_bit(EventKind::kPolicyPublished) |
         kind_bit(EventKind::kPolicyReviewed) | kind_bit(EventKind::kSecurityOfficialDesignated) |
         kind_bit(EventKind::kPrivacyOfficialDesignated);
}

Result<std::vector<Format>> parse_formats(const std::string& text) {
  std::vector<Format> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    const std::string f = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (f == "csv") {
      out.push_back(Format::kCsv);
    } else if (f == "html") {
      out.push_back(Format::kHtml);
    } else if (f == "pdf") {
      out.push_back(Format::kPdf);
    } else {
      return make_error(ErrorCode::kInvalidArgument, "unknown format \"" + f + "\": use csv, html or pdf");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

const std::vector<Format>& all_formats() {
  static const std::vector<Format> formats = {Format::kCsv, Format::kHtml, Format::kPdf};
  return formats;
}

const char* format_extension(Format f) {
  switch (f) {
    case Format::kCsv: return ".csv";
    case Format::kHtml: return ".html";
    case Format::kPdf: return ".pdf";
  }
  return "";
}

Result<std::string> render(const Document& doc, Format f) {
  switch (f) {
    case Format::kCsv: return to_csv(doc);
    case Format::kHtml: return to_html(doc);
    case Format::kPdf: {
      std::string pdf;
      TRY_STATUS(to_pdf(doc, [&pdf](std::string_view piece) -> Status {
        pdf += piece;
        return {};
      }));
      return pdf;
    }
  }
  return make_error(ErrorCode::kUnsupported, "unknown format");
}

Status render_to(const Document& doc, Format f, const std::function<Status(std::string_view)>& sink) {
  if (f == Format::kPdf) return to_pdf(doc, sink);
  Status failed;
  const Spill spill = [&](std::string& made) {
    if (failed.ok()) failed = sink(made);
    made.clear();
  };
  if (f == Format::kCsv) {
    to_csv(doc, spill);
  } else {
    to_html(doc, spill);
  }
  return failed;
}

}  // namespace attest::report
