// What the Security Official records at the office PC, each a signed event
// on the office server's own chain (store/server_chain.h):
//   attest incident review --server DIR --incident "3f2a91c0 #15" --response TEXT
//          --notification required|not-required --reasoning TEXT [--close] [--by NAME]
//   attest policy review --server DIR --policy ID [--policy-version V] --note TEXT --by NAME
//   attest policy publish --server DIR --policy ID --policy-version V [--effective DATE]
//          --note TEXT --by NAME
//   attest designate security|privacy --server DIR --person ID --effective DATE
//          --duties TEXT [--by NAME]
// A practice with only a kiosk records these in the kiosk's admin mode.
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/key_options.h"
#include "content/content.h"
#include "core/assignment.h"
#include "core/canonical.h"
#include "crypto/random.h"
#include "store/server_chain.h"
#include "store/server_paths.h"
#include "store/open_master.h"

namespace attest::cli {

namespace fs = std::filesystem;

namespace {

struct OfficialArgs {
  std::string server;
  std::string by;
  std::string assets = ATTEST_ASSETS_DIR;
  // incident review
  std::string incident, response, notification, reasoning;
  bool close = false;
  // policy review
  std::string policy, version, note;
  // designation
  std::string role, person, effective, duties;
};

// Appends one draft to the server's chain, with the policy version it
// publishes if it is a PolicyPublished, and says what was recorded.
int record(const OfficialArgs& a, core::EventDraft draft, const std::string& what,
           const store::PublishedVersion* published = nullptr) {
  const store::ServerPaths paths{a.server};
  auto store = store::open_master_store(paths, store::OpenMode::kReadWrite);
  if (!store.ok()) return fail(store.error());
  auto key = crypto::DeviceKey::load(paths.server_key());
  if (!key.ok()) return fail(key.error());
  crypto::SystemRandom rng;
  SystemClock clock;
  auto done = store::append_server_events(**store, *key, std::span(&draft, 1), clock, rng, published);
  if (!done.ok()) return fail(done.error());
  std::printf("Recorded %s: office server record #%llu.\n", what.c_str(),
              static_cast<unsigned long long>(done->front().header.seq));
  return kExitOk;
}

// "3f2a91c0 #15" (as every report prints it) -> that IncidentReported event.
Result<core::EventHeader> find_incident(store::MasterStore& store, const std::string& ref) {
  const auto hash = ref.find('#');
  std::string prefix = ref.substr(0, hash);
  while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
  unsigned long long seq = 0;
  if (hash == std::string::npos || prefix.empty() ||
      std::sscanf(ref.c_str() + hash + 1, "%llu", &seq) != 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--incident takes the record as the incident log prints it, like \"3f2a91c0 #15\"");
  }
  for (const auto& d : TRY(store.devices())) {
    if (hex_encode(d.id).rfind(prefix, 0) != 0) continue;
    std::optional<core::EventHeader> found;
    TRY_STATUS(store.for_each_event(d.id, seq, [&](const store::StoredEvent& e) {
      if (auto h = core::decode_header(e.canonical_header); h.ok()) found = *h;
      return false;
    }));
    if (found && found->seq == seq && found->kind == core::EventKind::kIncidentReported) return *found;
  }
  return make_error(ErrorCode::kNotFound, "no incident report is recorded as " + ref);
}

int run_incident_review(const OfficialArgs& a) {
  if (a.notification != "required" && a.notification != "not-required") {
    return fail(make_error(ErrorCode::kInvalidArgument,
                           "--notification is \"required\" or \"not-required\" (the breach-"
                           "notification determination of 45 CFR 164.402)"));
  }
  auto store = store::open_master_store(store::ServerPaths{a.server}, store::OpenMode::kReadOnly);
  if (!store.ok()) return fail(store.error());
  auto incident = find_incident(**store, a.incident);
  if (!incident.ok()) return fail(incident.error());
  core::EventDraft d;
  d.kind = core::EventKind::kIncidentReviewed;
  d.refers_to = incident->event_id;
  d.body_fields = {{"response", a.response},
                   {"notification_required", a.notification == "required"},
                   {"reasoning", a.reasoning},
                   {"closed", a.close},
                   {"reviewer_name", a.by}};
  return record(a, std::move(d), std::string("the review of incident ") + a.incident +
                                     (a.close ? " (closed)" : " (still open)"));
}

// The policy version named by --policy and --policy-version (default: the
// newest) in the curriculum folder.
Result<content::Item> find_policy(const OfficialArgs& a) {
  const content::Catalog catalog = content::load_catalog(a.assets);
  for (const auto* p : catalog.of_kind(content::Kind::kPolicy)) {
    if (p->id != a.policy) continue;
    if (a.version.empty() ? catalog.find(content::Kind::kPolicy, p->id) == p
                          : std::to_string(p->version) == a.version) {
      return *p;
    }
  }
  return make_error(ErrorCode::kNotFound, "no policy " + a.policy +
                                              (a.version.empty() ? "" : " version " + a.version) +
                                              " in " + a.assets);
}

int run_policy_publish(const OfficialArgs& a) {
  auto policy = find_policy(a);
  if (!policy.ok()) return fail(policy.error());
  const std::string effective =
      a.effective.empty() ? format_date(local_date(SystemClock().now())) : a.effective;
  auto date = parse_date(effective);
  if (!date.ok()) return fail(make_error(ErrorCode::kInvalidArgument, "--effective: " + date.error().message));
  core::EventDraft d;
  d.kind = core::EventKind::kPolicyPublished;
  d.subject = {policy->id, std::to_string(policy->version), policy->sha256};
  d.subject_effective = *date;
  d.body_fields = {{"title", policy->title}, {"effective", effective}, {"note", a.note}, {"by_name", a.by}};
  // Kiosks learn the day from this copy (sent down at their next sync):
  // the record's body, which holds it, is sealed to the practice key.
  const store::PublishedVersion published{policy->id, std::to_string(policy->version), *date};
  return record(a, std::move(d),
                policy->title + " version " + std::to_string(policy->version) + ", in force from " +
                    effective + "; everyone it covers must attest to it within " +
                    std::to_string(core::AssignmentRules{}.new_version_days) +
                    " days of that date (kiosks show it from their next sync)",
                &published);
}

int run_policy_review(const OfficialArgs& a) {
  auto found = find_policy(a);
  if (!found.ok()) return fail(found.error());
  const content::Item* policy = &*found;
  core::EventDraft d;
  d.kind = core::EventKind::kPolicyReviewed;
  d.subject = {policy->id, std::to_string(policy->version), policy->sha256};
  d.subject_effective = policy->effective;
  d.body_fields = {{"title", policy->title},
                   {"effective", policy->effective ? format_date(*policy->effective) : ""},
                   {"outcome", "reviewed without change"},
                   {"note", a.note},
                   {"by_name", a.by}};
  return record(a, std::move(d), "the review of " + policy->title + " version " +
                                     std::to_string(policy->version));
}

int run_designate(const OfficialArgs& a) {
  auto effective = parse_date(a.effective);
  if (!effective.ok()) return fail(make_error(ErrorCode::kInvalidArgument, "--effective: " + effective.error().message));
  auto store = store::open_master_store(store::ServerPaths{a.server}, store::OpenMode::kReadOnly);
  if (!store.ok()) return fail(store.error());
  auto roster = (*store)->roster();
  if (!roster.ok()) return fail(roster.error());
  const store::RosterPerson* who = nullptr;
  for (const auto& p : *roster) {
    if (p.person_id == a.person) who = &p;
  }
  if (!who) return fail(make_error(ErrorCode::kNotFound, "nobody with id " + a.person + " is on the roster"));
  const bool security = a.role == "security";
  core::EventDraft d;
  d.kind = security ? core::EventKind::kSecurityOfficialDesignated
                    : core::EventKind::kPrivacyOfficialDesignated;
  d.person_id = who->person_id;
  d.subject_effective = *effective;
  d.body_fields = {{"name", who->name},
                   {"effective", a.effective},
                   {"duties", a.duties},
                   {"designated_by", a.by}};
  return record(a, std::move(d), who->name + " as " +
                                     (security ? "Security Official" : "Privacy Official") +
                                     " from " + a.effective);
}

void add_common(CLI::App* cmd, OfficialArgs& a) {
  cmd->add_option("--server", a.server, "the office server's folder")->required();
  cmd->add_option("--by", a.by, "your name, as it should appear on the record")->required();
}

}  // namespace

void add_official_commands(CLI::App& app, Runner& run) {
  auto a = std::make_shared<OfficialArgs>();
  auto* incident = app.add_subcommand("incident", "follow up a reported security incident");
  incident->require_subcommand(1);
  auto* review = incident->add_subcommand("review", "record the response and notification decision");
  add_common(review, *a);
  review->add_option("--incident", a->incident, "the record, as the incident log shows it: \"3f2a91c0 #15\"")
      ->required();
  review->add_option("--response", a->response, "what was done")->required();
  review->add_option("--notification", a->notification, "required or not-required")->required();
  review->add_option("--reasoning", a->reasoning, "the risk assessment behind the decision")->required();
  review->add_flag("--close", a->close, "the incident needs nothing more");
  review->callback([a, &run] { run = [a] { return run_incident_review(*a); }; });

  auto* policy = app.add_subcommand("policy", "policy upkeep");
  policy->require_subcommand(1);
  auto* preview = policy->add_subcommand("review", "record that a policy was reviewed without change");
  add_common(preview, *a);
  preview->add_option("--policy", a->policy, "policy id")->required();
  preview->add_option("--policy-version", a->version, "version (default: current)");
  preview->add_option("--note", a->note, "what the review looked at")->required();
  preview->add_option("--assets", a->assets, "the curriculum folder");
  preview->callback([a, &run] { run = [a] { return run_policy_review(*a); }; });
  auto* publish = policy->add_subcommand(
      "publish", "record that a new policy version is in force; everyone it covers must attest again");
  add_common(publish, *a);
  publish->add_option("--policy", a->policy, "policy id")->required();
  publish->add_option("--policy-version", a->version, "the version, as in its file")->required();
  publish->add_option("--effective", a->effective, "in force from, YYYY-MM-DD (default: today)");
  publish->add_option("--note", a->note, "what changed")->required();
  publish->add_option("--assets", a->assets, "the curriculum folder");
  publish->callback([a, &run] { run = [a] { return run_policy_publish(*a); }; });

  auto* designate = app.add_subcommand("designate", "designate the Security or Privacy Official");
  add_common(designate, *a);
  designate->add_option("role", a->role, "security or privacy")
      ->required()
      ->check(CLI::IsMember({"security", "privacy"}));
  designate->add_option("--person", a->person, "their person id (attest roster list)")->required();
  designate->add_option("--effective", a->effective, "from this date, YYYY-MM-DD")->required();
  designate->add_option("--duties", a->duties, "their duties, in a sentence or two")->required();
  designate->callback([a, &run] { run = [a] { return run_designate(*a); }; });
}

}  // namespace attest::cli
