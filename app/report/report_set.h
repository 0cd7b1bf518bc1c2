// Which reports to build and in which formats: `attest report`, the
// kiosk's admin exports and the evidence bundle all go through here, so
// "every report" means the same set everywhere.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "report/reports.h"

namespace attest::report {

struct ReportRequest {
  std::string kind;  // a report_kinds() id, or "all"
  MatrixFilter filter;  // matrix and overdue: role, person
  std::string policy_id;  // attestations; empty with "all": every policy
  std::string version;    // attestations; empty: the current version
};

// "all" gives every report: one transcript per person on the roster and
// one attestation roster per policy version in the curriculum.
Result<std::vector<Document>> build_reports(const Ledger& ledger, const ReportContext& ctx,
                                            const ReportRequest& request);
// The same reports handed to `fn` one at a time, in the same order, so no
// more than one is held (a million-event bundle's are hundreds of MB in
// all). Stops at the first error `fn` returns.
Status for_each_report(const Ledger& ledger, const ReportContext& ctx, const ReportRequest& request,
                       const std::function<Status(Document&&)>& fn);

// The bodies `kind`'s reports read (LedgerOptions::body_kinds): names from
// the roster always; signatures only for attestation rosters, and so on.
uint32_t body_kinds_for(const std::string& kind);

// The kinds of event `kind`'s reports read at all, as a mask of kind_bit():
// for the compliance matrix and the overdue list, the few that set state,
// so a store that can read by kind (MasterStore::for_each_event_of_kinds)
// skips the sign-in monitoring that is most of a practice's records. Every
// kind for the other reports.
uint32_t record_kinds_for(const std::string& kind);

enum class Format { kCsv, kHtml, kPdf };
// Every format there is, in this order; render() says which of them this
// build can make (the evidence bundle writes each one it can).
const std::vector<Format>& all_formats();
// "csv", "html", "pdf", or a comma list of them.
Result<std::vector<Format>> parse_formats(const std::string& text);
const char* format_extension(Format f);  // ".csv"
// A format this build cannot make is ErrorCode::kUnsupported.
Result<std::string> render(const Document& doc, Format f);
// The same bytes handed to `sink` in pieces as they are made (CSV and HTML
// a megabyte or so at a time; PDF whole). Stops at the first error `sink`
// returns.
Status render_to(const Document& doc, Format f, const std::function<Status(std::string_view)>& sink);

}  // namespace attest::report
