// Reports that list what happened: incidents and their reviews, sign-in
// monitoring, Security and Privacy Official designations, reminder
// acknowledgements, and records past their retention date.
#include <algorithm>

#include "report/reports.h"

namespace attest::report {

namespace {

std::string yes_no(std::optional<bool> b, const char* unknown) {
  if (!b) return unknown;
  return *b ? "yes" : "no";
}

const char* role_name(OfficialRole r) {
  return r == OfficialRole::kSecurity ? "Security Official" : "Privacy Official";
}

}  // namespace

Document incident_log(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("incidents", "Security incident log", ledger, ctx);
  Table& t = doc.table({{"Reported", 1.5, false}, {"Reporter", 1.3, false}, {"What happened", 3, false},
                        {"When and where", 1.6, false}, {"Status", 0.9, false},
                        {"Response", 2.4, false}, {"Notification required", 1.1, false},
                        {"Risk assessment", 2.4, false}, {"Reviewed", 1.5, false},
                        {"Record", 1, false}});
  int open = 0;
  size_t listed = 0, earlier = 0;
  for (const auto& inc : ledger.incidents()) {
    // Every review of this incident, in recorded order; the last decides.
    const IncidentReview* last = nullptr;
    std::string reviewed;
    // Reported before the period: listed if still open when it began, or
    // reviewed during it.
    bool closed_before = false, reviewed_in = false;
    for (const auto& r : ledger.incident_reviews()) {
      if (r.incident != inc.event_id) continue;
      if (r.before_period) closed_before = r.closed;
      reviewed_in = reviewed_in || !r.before_period;
    }
    if (inc.before_period && closed_before && !reviewed_in) continue;
    ++listed;
    earlier += inc.before_period;
    for (const auto& r : ledger.incident_reviews()) {
      if (r.incident != inc.event_id) continue;
      last = &r;
      if (!reviewed.empty()) reviewed += "; ";
      reviewed += time_text(r.time) + (r.reviewer_name.empty() ? "" : " by " + r.reviewer_name) +
                  " (" + ref_text(r.at) + ")";
    }
    const bool closed = last && last->closed;
    if (!closed) open++;
    std::string reporter = inc.opened ? inc.reporter_name : "sealed";
    if (inc.opened && reporter.empty()) {
      reporter = inc.reporter_id.empty() ? "anonymous" : ledger.name_of(inc.reporter_id);
    }
    std::string when_where = inc.when;
    if (!inc.where.empty()) when_where += (when_where.empty() ? "" : "; ") + inc.where;
    t.rows.push_back({{time_text(inc.time), Tone::kPlain, {}},
                      {reporter, Tone::kPlain, {}},
                      {inc.opened ? inc.what : "sealed: open with the practice passphrase", Tone::kPlain, {}},
                      {when_where, Tone::kPlain, {}},
                      {closed ? "closed" : (last ? "in review" : "open"),
                       closed ? Tone::kGood : Tone::kBad, {}},
                      {last ? last->response : "", Tone::kPlain, {}},
                      {last ? yes_no(last->notification_required, "not yet determined")
                            : "not yet determined",
                       last && last->notification_required == true ? Tone::kBad : Tone::kPlain, {}},
                      {last ? last->reasoning : "", Tone::kPlain, {}},
                      {reviewed.empty() ? "not yet" : reviewed, Tone::kPlain, {}},
                      {ref_text(inc.at), Tone::kPlain, {}}});
  }
  doc.paragraph(count_text(listed, "incident", "incidents") + " reported; " +
                std::to_string(open) + " not yet closed." +
                (earlier ? " " + count_text(earlier, "incident", "incidents") +
                               " reported before the period " + (earlier == 1 ? "is" : "are") +
                               " listed because " + (earlier == 1 ? "it was" : "they were") +
                               " still open when it began or reviewed during it."
                         : std::string()) +
                " An incident is closed by an "
                "IncidentReviewed record with the response and the breach-notification "
                "determination (45 CFR 164.308(a)(6)(ii), 164.402).");
  return doc;
}

Document sign_in_summary(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("sign-ins", "Sign-in monitoring summary", ledger, ctx);
  Table& t = doc.table({{"Person", 2, false}, {"Device", 2, false}, {"Sign-ins", 1, true},
                        {"Failed", 1, true}, {"Lockouts", 1, true}, {"Sign-outs", 1, true},
                        {"Automatic log-offs", 1.2, true}, {"Last activity", 1.7, false}});
  struct Row {
    std::string name;
    crypto::DeviceId device;
    const SignInCounts* c;
  };
  std::vector<Row> rows;
  for (const auto& [key, c] : ledger.sign_ins()) {
    rows.push_back({key.first.empty() ? "Administration (Security Official)" : ledger.name_of(key.first),
                    key.second, &c});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.name != b.name) return a.name < b.name;
    return a.device < b.device;
  });
  SignInCounts total;
  for (const Row& r : rows) {
    total.sign_ins += r.c->sign_ins;
    total.failures += r.c->failures;
    total.lockouts += r.c->lockouts;
    total.sign_outs += r.c->sign_outs;
    total.auto_logoffs += r.c->auto_logoffs;
    t.rows.push_back({{r.name, Tone::kPlain, {}},
                      {device_text(ctx, r.device), Tone::kPlain, {}},
                      {std::to_string(r.c->sign_ins), Tone::kPlain, {}},
                      {std::to_string(r.c->failures), r.c->failures ? Tone::kWarn : Tone::kPlain, {}},
                      {std::to_string(r.c->lockouts), r.c->lockouts ? Tone::kBad : Tone::kPlain, {}},
                      {std::to_string(r.c->sign_outs), Tone::kPlain, {}},
                      {std::to_string(r.c->auto_logoffs), Tone::kPlain, {}},
                      {r.c->last ? time_text(*r.c->last) : "", Tone::kPlain, {}}});
  }
  doc.paragraph("Totals: " + std::to_string(total.sign_ins) + " sign-ins, " +
                std::to_string(total.failures) + " failed, " + std::to_string(total.lockouts) +
                " lockouts, " + std::to_string(total.sign_outs) + " sign-outs, " +
                std::to_string(total.auto_logoffs) +
                " automatic log-offs after inactivity (45 CFR 164.308(a)(5)(ii)(C), "
                "164.312(a)(2)(iii)).");
  return doc;
}

Document designation_record(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("designations", "Security and Privacy Official designations", ledger, ctx);
  Table& t = doc.table({{"Role", 1.3, false}, {"Person", 1.6, false}, {"Effective", 1.1, false},
                        {"Status", 1.6, false}, {"Duties", 3, false}, {"Designated by", 1.4, false},
                        {"Signature", 1.6, false}, {"Recorded", 1.5, false}, {"Record", 1, false}});
  std::vector<const DesignationRecord*> all;
  for (const auto& d : ledger.designations()) all.push_back(&d);
  // Oldest first within each role; a later designation supersedes, never erases.
  std::stable_sort(all.begin(), all.end(), [](const DesignationRecord* a, const DesignationRecord* b) {
    if (a->role != b->role) return a->role < b->role;
    if (a->effective != b->effective) return a->effective < b->effective;
    return a->time.utc_ms < b->time.utc_ms;
  });
  for (size_t i = 0; i < all.size(); ++i) {
    const DesignationRecord* d = all[i];
    const DesignationRecord* next = i + 1 < all.size() && all[i + 1]->role == d->role ? all[i + 1] : nullptr;
    Cell sig{d->signature.empty() ? (d->opened ? "none drawn" : "sealed") : "drawn", Tone::kPlain, {}};
    if (!d->signature.empty()) sig.signature = std::make_shared<const Strokes>(d->signature);
    t.rows.push_back({{role_name(d->role), Tone::kPlain, {}},
                      {d->opened && !d->name.empty() ? d->name : ledger.name_of(d->person_id), Tone::kPlain, {}},
                      {d->effective, Tone::kPlain, {}},
                      {next ? "superseded " + next->effective : "current",
                       next ? Tone::kMuted : Tone::kGood, {}},
                      {d->duties, Tone::kPlain, {}},
                      {d->designated_by, Tone::kPlain, {}},
                      std::move(sig),
                      {time_text(d->time), Tone::kPlain, {}},
                      {ref_text(d->at), Tone::kPlain, {}}});
  }
  bool security = false, privacy = false;
  for (const auto* d : all) (d->role == OfficialRole::kSecurity ? security : privacy) = true;
  doc.paragraph(std::string(security ? "" : "No Security Official has been designated "
                                            "(45 CFR 164.308(a)(2)). ") +
                (privacy ? "" : "No Privacy Official has been designated (45 CFR 164.530(a)). ") +
                "One person may hold both roles; each designation stays on record after a "
                "later one supersedes it.");
  return doc;
}

Document reminder_log(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("reminders", "Security reminder acknowledgements", ledger, ctx);
  Table& t = doc.table({{"When", 1.6, false}, {"Person", 1.8, false}, {"Reminder", 3, false},
                        {"Version", 0.8, true}, {"Record", 1.1, false}});
  std::vector<const ReminderAck*> rows;
  for (const auto& r : ledger.reminder_acks()) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const ReminderAck* a, const ReminderAck* b) {
    return a->time.utc_ms < b->time.utc_ms;
  });
  for (const ReminderAck* r : rows) {
    t.rows.push_back({{time_text(r->time), Tone::kPlain, {}},
                      {ledger.name_of(r->person_id), Tone::kPlain, {}},
                      {item_title(ctx, content::Kind::kReminder, r->reminder_id), Tone::kPlain, {}},
                      {r->version, Tone::kPlain, {}},
                      {ref_text(r->at), Tone::kPlain, {}}});
  }
  doc.paragraph(std::to_string(rows.size()) +
                " acknowledgements of the weekly security reminder (45 CFR 164.308(a)(5)(ii)(A)).");
  return doc;
}

Document retention_report(const Ledger& ledger, const ReportContext& ctx) {
  Document doc = new_document("retention", "Records past their retention date", ledger, ctx);
  doc.paragraph("Every record carries a retain-until date: six years past the later of its "
                "creation and the last effective date of what it is about (45 CFR "
                "164.316(b)(2)(i)). These records have passed it. Attest never deletes a record "
                "by itself; removing them is the Security Official's decision.");
  Table& t = doc.table({{"Record", 1.2, false}, {"Kind", 1.6, false}, {"Recorded", 1.6, false},
                        {"Retain until", 1.2, false}});
  for (const auto& r : ledger.past_retention()) {
    t.rows.push_back({{ref_text(r.at), Tone::kPlain, {}},
                      {std::string(core::event_kind_name(r.kind)), Tone::kPlain, {}},
                      {time_text(r.time), Tone::kPlain, {}},
                      {date_text(r.retain_until), Tone::kPlain, {}}});
  }
  doc.paragraph(std::to_string(ledger.past_retention().size()) + " records past retention.");
  return doc;
}

}  // namespace attest::report
