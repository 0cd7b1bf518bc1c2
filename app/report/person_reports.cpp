// Reports about people and what they signed: a person's training
// transcript with certificates, and the attestation roster of one policy
// version (who signed the exact text, with the drawn signature; who has not).
#include <algorithm>
#include <set>

#include "report/reports.h"

namespace attest::report {

namespace {

std::string short_sha(const std::optional<crypto::Sha256>& s) {
  return s ? hex_encode(*s) : std::string();
}

std::string long_date(Date d) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  const CivilDate c = civil_from_date(d);
  return std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
}

}  // namespace

namespace {

template <typename Record, typename Member>
void gather(std::map<std::string, PersonRecords>& out, const Records<Record>& records,
            const std::string Record::*person, Member PersonRecords::*into,
            const std::string* only) {
  for (const Record& r : records) {
    if (only && r.*person != *only) continue;
    (out[r.*person].*into).push_back(&r);
  }
}

std::map<std::string, PersonRecords> gather_all(const Ledger& ledger, const std::string* only) {
  std::map<std::string, PersonRecords> out;
  for (const CompletionRecord& c : ledger.completions()) {
    if (only && c.completion.person_id != *only) continue;
    out[c.completion.person_id].completions.push_back(&c);
  }
  gather(out, ledger.quizzes(), &QuizRecord::person_id, &PersonRecords::quizzes, only);
  gather(out, ledger.reminder_acks(), &ReminderAck::person_id, &PersonRecords::reminder_acks, only);
  return out;
}

}  // namespace

std::map<std::string, PersonRecords> records_by_person(const Ledger& ledger) {
  return gather_all(ledger, nullptr);
}

std::optional<Document> transcript(const Ledger& ledger, const ReportContext& ctx,
                                   const std::string& person_id, const PersonRecords* records) {
  auto who = ledger.roster().find(person_id);
  if (who == ledger.roster().end()) return std::nullopt;
  std::map<std::string, PersonRecords> own;
  if (!records) {
    own = gather_all(ledger, &person_id);
    records = &own[person_id];
  }
  const core::Person& p = who->second.person;
  Document doc = new_document("transcript-" + person_id, "Training transcript: " + p.name, ledger, ctx);
  doc.paragraph(p.name + ", " + p.role + ", hired " + date_text(p.hired) +
                (p.active ? "" : "; no longer active") + ". Person id " + p.id + ".");

  struct Line {
    Timestamp time;
    EventRef at;
    std::vector<Cell> cells;
  };
  std::vector<Line> lines;
  for (const CompletionRecord* cp : records->completions) {
    const CompletionRecord& c = *cp;
    const bool module = c.completion.kind == core::ItemKind::kModule;
    const std::string title =
        item_title(ctx, module ? content::Kind::kModule : content::Kind::kPolicy, c.completion.item_id);
    lines.push_back({c.time, c.at,
                     {{time_text(c.time), Tone::kPlain, {}},
                      {title, Tone::kPlain, {}},
                      {std::to_string(c.completion.version), Tone::kPlain, {}},
                      {module ? "module completed" : "policy attested", Tone::kGood, {}},
                      {short_sha(c.content), Tone::kPlain, {}},
                      {ref_text(c.at), Tone::kPlain, {}}}});
  }
  for (const QuizRecord* qp : records->quizzes) {
    const QuizRecord& q = *qp;
    std::string result = "quiz attempt";
    Tone tone = Tone::kPlain;
    if (q.passed) {
      result = std::string(*q.passed ? "quiz passed" : "quiz not passed") +
               (q.score_percent ? ", " + std::to_string(*q.score_percent) + "%" : "");
      tone = *q.passed ? Tone::kGood : Tone::kWarn;
    }
    lines.push_back({q.time, q.at,
                     {{time_text(q.time), Tone::kPlain, {}},
                      {item_title(ctx, content::Kind::kQuiz, q.quiz_id), Tone::kPlain, {}},
                      {q.version, Tone::kPlain, {}},
                      {result, tone, {}},
                      {short_sha(q.content), Tone::kPlain, {}},
                      {ref_text(q.at), Tone::kPlain, {}}}});
  }
  for (const ReminderAck* rp : records->reminder_acks) {
    const ReminderAck& r = *rp;
    lines.push_back({r.time, r.at,
                     {{time_text(r.time), Tone::kPlain, {}},
                      {item_title(ctx, content::Kind::kReminder, r.reminder_id), Tone::kPlain, {}},
                      {r.version, Tone::kPlain, {}},
                      {"reminder acknowledged", Tone::kPlain, {}},
                      {"", Tone::kPlain, {}},
                      {ref_text(r.at), Tone::kPlain, {}}}});
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    if (a.time.utc_ms != b.time.utc_ms) return a.time.utc_ms < b.time.utc_ms;
    return a.at < b.at;
  });
  Table& t = doc.table({{"When", 1.7, false}, {"What", 2.6, false}, {"Version", 0.8, true},
                        {"Result", 1.6, false}, {"Content SHA-256", 3.2, false},
                        {"Record", 1.2, false}});
  for (auto& l : lines) t.rows.push_back(std::move(l.cells));
  if (lines.empty()) doc.paragraph("No training recorded yet.");

  // One certificate per module and policy: the latest completion of each.
  std::map<std::pair<int, std::string>, const CompletionRecord*> latest;
  for (const CompletionRecord* c : records->completions) {
    auto& slot = latest[{static_cast<int>(c->completion.kind), c->completion.item_id}];
    if (!slot || slot->time.utc_ms <= c->time.utc_ms) slot = c;
  }
  for (const auto& [key, c] : latest) {
    const bool module = c->completion.kind == core::ItemKind::kModule;
    doc.certificate({p.name,
                     item_title(ctx, module ? content::Kind::kModule : content::Kind::kPolicy,
                                c->completion.item_id),
                     std::string(module ? "Training module" : "Policy attestation") + ", version " +
                         std::to_string(c->completion.version),
                     long_date(c->completion.on), short_sha(c->content),
                     "Signed record " + ref_text(c->at) + " from " + device_text(ctx, c->at.device)});
  }
  return doc;
}

Document attestation_roster(const Ledger& ledger, const ReportContext& ctx,
                            const std::string& policy_id, std::string version) {
  const content::Item* current = item_in_force(ctx, ledger, content::Kind::kPolicy, policy_id);
  if (version.empty() && current) version = std::to_string(current->version);
  const content::Item* item = nullptr;
  if (ctx.catalog) {
    for (const auto* v : ctx.catalog->of_kind(content::Kind::kPolicy)) {
      if (v->id == policy_id && std::to_string(v->version) == version) item = v;
    }
  }
  const std::string title = item ? item->title : policy_id;
  Document doc = new_document("attestations-" + policy_id + "-v" + version,
                              "Policy attestation roster: " + title + ", version " + version,
                              ledger, ctx);
  if (item) {
    doc.paragraph("Policy \"" + item->title + "\" version " + version +
                  (item->effective ? ", effective " + date_text(*item->effective) : "") +
                  ". SHA-256 of its exact text: " + hex_encode(item->sha256) + ".");
  } else {
    doc.paragraph("This policy version is not in the curriculum this report was built with.");
  }

  Table& t = doc.table({{"Person", 1.8, false}, {"Role", 1.1, false}, {"Status", 0.9, false},
                        {"Signed at", 1.6, false}, {"Typed name", 1.6, false},
                        {"Signature", 1.8, false}, {"Content SHA-256 seen", 2.6, false},
                        {"Record", 1.1, false}});
  std::set<std::string> signed_ids;
  // Sorted by name, then time; each name looked up once, not per comparison.
  std::map<std::string, std::string> names;
  std::vector<std::pair<const std::string*, const AttestationRecord*>> rows;
  for (const auto& a : ledger.attestations()) {
    if (a.policy_id != policy_id || a.version != version) continue;
    auto it = names.find(a.person_id);
    if (it == names.end()) it = names.emplace(a.person_id, ledger.name_of(a.person_id)).first;
    rows.emplace_back(&it->second, &a);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (*a.first != *b.first) return *a.first < *b.first;
    return a.second->time.utc_ms < b.second->time.utc_ms;
  });
  for (const auto& [name, a] : rows) {
    signed_ids.insert(a->person_id);
    auto who = ledger.roster().find(a->person_id);
    const bool matches = item && a->content && *a->content == item->sha256;
    Cell sig{a->opened ? (a->signature.empty()
                              ? "none drawn"
                              : "drawn, " + count_text(a->signature.strokes.size(), "stroke", "strokes"))
                       : "sealed",
             Tone::kPlain, {}};
    if (!a->signature.empty()) sig.signature = std::make_shared<const Strokes>(a->signature);
    t.rows.push_back({{*name, Tone::kPlain, {}},
                      {who != ledger.roster().end() ? who->second.person.role : "", Tone::kPlain, {}},
                      {"signed", Tone::kGood, {}},
                      {time_text(a->time), Tone::kPlain, {}},
                      {a->opened ? a->typed_name : "sealed", Tone::kPlain, {}},
                      std::move(sig),
                      {short_sha(a->content) + (item && !matches ? " (differs from this version's text)" : ""),
                       item && !matches ? Tone::kBad : Tone::kPlain, {}},
                      {ref_text(a->at), Tone::kPlain, {}}});
  }
  int missing = 0;
  if (current && std::to_string(current->version) == version) {
    core::CurriculumItem ci;
    ci.kind = core::ItemKind::kPolicy;
    ci.id = policy_id;
    ci.version = current->version;
    ci.roles = current->roles;
    for (const auto& c : curriculum_of(*ctx.catalog, ctx.as_of, ledger.policy_actions())) {
      if (c.kind == core::ItemKind::kPolicy && c.id == policy_id) ci.effective = c.effective;
    }
    for (const auto& [id, e] : ledger.roster()) {
      if (signed_ids.count(id) || !core::is_assigned(e.person, ci)) continue;
      missing++;
      t.rows.push_back({{e.person.name, Tone::kPlain, {}},
                        {e.person.role, Tone::kPlain, {}},
                        {"not signed", Tone::kBad, {}},
                        {"", Tone::kPlain, {}},
                        {"", Tone::kPlain, {}},
                        {"", Tone::kPlain, {}},
                        {"", Tone::kPlain, {}},
                        {"", Tone::kPlain, {}}});
    }
  }
  doc.paragraph(count_text(signed_ids.size(), "person", "people") + " signed this version; " +
                count_text(static_cast<size_t>(missing), "person", "people") +
                " it applies to " + (missing == 1 ? "has" : "have") + " not.");
  return doc;
}

}  // namespace attest::report
