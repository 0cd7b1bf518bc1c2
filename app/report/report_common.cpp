#include <cstdio>
#include <map>

#include "report/reports.h"

namespace attest::report {

namespace {

Date effective_of(const content::Item& item, std::span<const PolicyAction> actions) {
  std::optional<Date> published;
  for (const auto& p : actions) {
    if (!p.published || p.policy_id != item.id || p.version != std::to_string(item.version)) continue;
    if (auto d = parse_date(p.effective); d.ok()) published = *d;  // the latest record wins
  }
  return published.value_or(item.effective.value_or(Date{}));
}

// Of one item's versions (any order), the one in force per curriculum_of.
const content::Item* choose_version(const std::vector<const content::Item*>& versions,
                                    std::optional<Date> as_of,
                                    std::span<const PolicyAction> actions) {
  const content::Item* best = nullptr;
  const content::Item* oldest = nullptr;
  for (const content::Item* v : versions) {
    if (!oldest || v->version < oldest->version) oldest = v;
    if (as_of && effective_of(*v, actions) > *as_of) continue;
    if (!best || v->version > best->version) best = v;
  }
  return best ? best : oldest;
}

}  // namespace

std::vector<core::CurriculumItem> curriculum_of(const content::Catalog& catalog,
                                                std::optional<Date> as_of,
                                                std::span<const PolicyAction> actions) {
  std::vector<core::CurriculumItem> out;
  for (content::Kind k : {content::Kind::kModule, content::Kind::kPolicy}) {
    std::map<std::string, std::vector<const content::Item*>> by_id;
    std::vector<std::string> order;
    for (const content::Item* item : catalog.of_kind(k)) {
      if (by_id[item->id].empty()) order.push_back(item->id);
      by_id[item->id].push_back(item);
    }
    for (const auto& id : order) {
      const content::Item* item = choose_version(by_id[id], as_of, actions);
      core::CurriculumItem c;
      c.kind = k == content::Kind::kModule ? core::ItemKind::kModule : core::ItemKind::kPolicy;
      c.id = item->id;
      c.version = item->version;
      c.roles = item->roles;
      c.retrain_days = item->retrain_days;
      c.effective = effective_of(*item, actions);
      c.title = item->title;
      c.order = item->order;
      out.push_back(std::move(c));
    }
  }
  return out;
}

const content::Item* item_in_force(const ReportContext& ctx, const Ledger& ledger,
                                   content::Kind kind, const std::string& id) {
  if (!ctx.catalog) return nullptr;
  std::vector<const content::Item*> versions;
  for (const content::Item* item : ctx.catalog->of_kind(kind)) {
    if (item->id == id) versions.push_back(item);
  }
  if (versions.empty()) return nullptr;
  return choose_version(versions, ctx.as_of, ledger.policy_actions());
}

std::string official_on_record(const Ledger& ledger) {
  std::string name;
  for (const auto& d : ledger.designations()) {
    if (d.role == OfficialRole::kSecurity && d.opened && !d.name.empty()) name = d.name;
  }
  return name;
}

std::string generated_at_text(int64_t utc_ms) {
  std::string t = format_utc(utc_ms).substr(0, 16) + " UTC";  // 2026-11-23T16:40
  t[10] = ' ';
  return t;
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
