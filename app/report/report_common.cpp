#include <cstdio>

#include "report/reports.h"

namespace attest::report {

std::vector<core::CurriculumItem> curriculum_of(const content::Catalog& catalog) {
  std::vector<core::CurriculumItem> out;
  for (content::Kind k : {content::Kind::kModule, content::Kind::kPolicy}) {
    for (const content::Item* item : catalog.of_kind(k)) {
      // of_kind lists every version; only the newest is assigned.
      if (catalog.find(k, item->id) != item) continue;
      core::CurriculumItem c;
      c.kind = k == content::Kind::kModule ? core::ItemKind::kModule : core::ItemKind::kPolicy;
      c.id = item->id;
      c.version = item->version;
      c.roles = item->roles;
      c.retrain_days = item->retrain_days;
      c.effective = item->effective.value_or(Date{});
      c.title = item->title;
      c.order = item->order;
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string count_text(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string date_text(Date d) { return format_date(d); }

std::string time_text(const Timestamp& t) {
  const int64_t local_ms = t.utc_ms + int64_t{t.offset_minutes} * 60000;
  const Date d = date_of(local_ms);
  const int64_t ms_of_day = local_ms - int64_t{d.days} * 86400000;
  const int minutes = static_cast<int>(ms_of_day / 60000);
  const int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d %c%02d:%02d", format_date(d).c_str(), minutes / 60,
                minutes % 60, t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string device_text(const ReportContext& ctx, const crypto::DeviceId& d) {
  auto it = ctx.device_names.find(d);
  if (it == ctx.device_names.end() || it->second.empty()) return short_device(d);
  return it->second + " (" + short_device(d) + ")";
}

std::string item_title(const ReportContext& ctx, content::Kind kind, const std::string& id) {
  if (ctx.catalog) {
    if (const content::Item* item = ctx.catalog->find(kind, id)) return item->title;
  }
  return id;
}

void add_scope(Document& doc, const Ledger& ledger, const ReportContext& ctx) {
  doc.scope.push_back("As of " + date_text(ctx.as_of) + "; built from " +
                      std::to_string(ledger.event_count()) + " signed records.");
  if (const auto& since = ledger.options().since) {
    const auto& until = ledger.options().until;
    doc.scope.push_back("Period: " + date_text(*since) + " to " +
                        (until ? date_text(*until) : std::string("today")) +
                        ". Incidents and their reviews, sign-ins, quiz attempts and reminder "
                        "acknowledgements are those dated in the period; the roster, training, "
                        "attestations, designations and policy actions count from the first "
                        "record, because they are what is in force.");
  }
  if (ledger.devices().empty()) {
    doc.scope.push_back("No records yet.");
  }
  for (const auto& [device, head] : ledger.devices()) {
    doc.scope.push_back("Newest record included from " + device_text(ctx, device) + ": #" +
                        std::to_string(head.last_seq) + " at " + time_text(head.last_time) + ".");
  }
  if (ledger.sealed_count()) {
    doc.scope.push_back(std::to_string(ledger.sealed_count()) +
                        " records were left sealed (opened without the practice key): names and "
                        "details from them are missing.");
  }
}

Document new_document(std::string id, std::string title, const Ledger& ledger,
                      const ReportContext& ctx) {
  Document doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.practice = ctx.practice;
  doc.generated_at = ctx.generated_at;
  doc.generated_by = ctx.generated_by;
  add_scope(doc, ledger, ctx);
  return doc;
}

const std::vector<ReportKind>& report_kinds() {
  static const std::vector<ReportKind> kinds = {
      {"matrix", "Training compliance matrix"},
      {"overdue", "Overdue training"},
      {"coverage", "Training program coverage"},
      {"curriculum", "Training content and policy versions"},
      {"attestations", "Policy attestation roster"},
      {"transcript", "Training transcript"},
      {"incidents", "Security incident log"},
      {"sign-ins", "Sign-in monitoring summary"},
      {"designations", "Security and Privacy Official designations"},
      {"reminders", "Security reminder acknowledgements"},
      {"retention", "Records past their retention date"},
  };
  return kinds;
}

}  // namespace attest::report
