// Reports read from a real master store (SQLite file, signed and sealed
// events) are the same whether the events arrived in one sync or many: the
// store keeps events, not uploads, and reports read only events.
#include <doctest/doctest.h>

#include "core/event_builder.h"
#include "report/csv.h"
#include "report/feed.h"
#include "report/practice_fixture.h"
#include "report/report_set.h"
#include "store/sqlite_master_store.h"
#include "support/chain_fixture.h"

using namespace attest;
using namespace attest::testing;

namespace {

// The fixture's events, signed by two real device keys and sealed to a
// real practice key, as two chains.
struct SignedPractice {
  SeededRandom rng{7};
  crypto::BoxSecretKey practice = crypto::BoxSecretKey::generate(rng);
  crypto::DeviceKey kiosk = crypto::DeviceKey::generate(rng);
  crypto::DeviceKey office = crypto::DeviceKey::generate(rng);
  std::vector<core::SignedEvent> kiosk_events, office_events;

  explicit SignedPractice(const ReportFixture& f) {
    core::ChainPosition at_kiosk, at_office;
    for (const auto& [h, body] : f.log) {
      const bool on_kiosk = h.device_id == f.kiosk;
      core::EventDraft d;
      d.kind = h.kind;
      d.person_id = h.person_id;
      d.subject = h.subject;
      d.body_fields = body.is_null() ? nlohmann::json::object() : body;
      d.refers_to = h.refers_to;
      FixedClock clock(h.time);
      auto& at = on_kiosk ? at_kiosk : at_office;
      auto& out = on_kiosk ? kiosk_events : office_events;
      core::BuildContext ctx{on_kiosk ? kiosk : office, practice.public_key(), clock, rng, "test"};
      out.push_back(core::build_event(d, at, ctx));
      at.next_seq++;
      at.prev_link = core::link_hash(out.back().hash, out.back().signature);
    }
  }
};

// Stores both chains, `batch` events per upload.
std::unique_ptr<store::SqliteMasterStore> stored(const TempDir& dir, const std::string& name,
                                                 const SignedPractice& p, size_t batch) {
  store::PracticeInfo info{"Fixture Dental", p.office.public_key(), p.practice.public_key(), 0};
  auto s = store::SqliteMasterStore::create(dir.path() / name, info);
  REQUIRE(s.ok());
  int n = 0;
  for (const auto* key : {&p.kiosk, &p.office}) {
    const auto& events = key == &p.kiosk ? p.kiosk_events : p.office_events;
    store::DeviceRecord d{key->id(), key->public_key(), key == &p.kiosk ? "Front desk" : "Office", 0, {}, {}, 0, store::kFirstSiteId};
    crypto::Sha256 code{};
    code.fill(static_cast<uint8_t>(++n));
    REQUIRE((*s)->add_pairing_code(code, store::kFirstSiteId, 0, 1000).ok());
    REQUIRE((*s)->pair_device(code, d, 1).ok());
    core::ChainPosition at;
    for (size_t i = 0; i < events.size(); i += batch) {
      const size_t len = std::min(batch, events.size() - i);
      REQUIRE((*s)->append_events(key->id(), at, std::span(events).subspan(i, len), 5).ok());
      at.next_seq += len;
      at.prev_link = core::link_hash(events[i + len - 1].hash, events[i + len - 1].signature);
    }
  }
  return std::move(*s);
}

std::vector<std::string> csv_of(const report::Ledger& ledger, const ReportFixture& f, const SignedPractice& p) {
  report::ReportContext ctx = f.ctx;
  ctx.device_names = {{p.kiosk.id(), "Front desk"}, {p.office.id(), "Office"}};
  auto docs = report::build_reports(ledger, ctx, {"all", {}, {}, {}});
  REQUIRE(docs.ok());
  std::vector<std::string> out;
  for (const auto& d : *docs) out.push_back(d.id + "\n" + report::to_csv(d));
  return out;
}

std::vector<std::string> reports_of(store::MasterStore& s, const SignedPractice& p,
                                    const ReportFixture& f) {
  report::Ledger ledger;
  auto devices = s.devices();
  REQUIRE(devices.ok());
  for (const auto& d : *devices) {
    REQUIRE(s.for_each_event(d.id, 1, [&](const store::StoredEvent& e) {
               REQUIRE(report::feed_event(ledger, e.canonical_header, e.sealed_body, &p.practice).ok());
               return true;
             }).ok());
  }
  return csv_of(ledger, f, p);
}

}  // namespace

TEST_CASE("reports on the master store are the same whether events came in one sync or many") {
  ReportFixture f;
  fill_practice(f);
  SignedPractice p(f);
  REQUIRE(p.kiosk_events.size() == 14);
  auto once = stored(f.dir, "once.db", p, 1000);
  auto many = stored(f.dir, "many.db", p, 3);
  const auto a = reports_of(*once, p, f);
  const auto b = reports_of(*many, p, f);
  REQUIRE(a.size() == 14);
  CHECK(a == b);
  // And they carry the fixture's figures, read back through SQLite,
  // signatures and sealed bodies: the same matrix rows as the golden file.
  CHECK(a[0].find("Ann Adams,front-desk,done 2026-02-02,overdue 19 days,not assigned,overdue 142 days\r\n") !=
        std::string::npos);
  CHECK(a[0].find("Bob Brown,billing,done 2026-10-05,overdue 20 days,overdue 20 days,done 2026-10-05\r\n") !=
        std::string::npos);
}

TEST_CASE("a body that does not match its digest stops the report and names the record") {
  ReportFixture f;
  fill_practice(f);
  SignedPractice p(f);
  core::SignedEvent e = p.kiosk_events[2];  // Ann's attestation: its body is read
  Bytes other = crypto::seal(p.practice.public_key(), as_bytes("{\"fields\":{},\"salt\":\"00\"}"));
  report::Ledger ledger;
  auto s = report::feed_event(ledger, e.canonical_header, other, &p.practice);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("#3") != std::string::npos);
  CHECK(ledger.event_count() == 0);
}

namespace {

// The fixture's kiosk chain followed by `extra` sign-ins of Ann's with an
// attestation in the middle: long runs of records with no body to open on
// both sides of one with a body.
std::vector<core::SignedEvent> long_chain(SignedPractice& p, size_t extra) {
  std::vector<core::SignedEvent> out = p.kiosk_events;
  core::ChainPosition at{out.size() + 1, core::link_hash(out.back().hash, out.back().signature)};
  FixedClock clock(out.back().header.time);
  core::BuildContext ctx{p.kiosk, p.practice.public_key(), clock, p.rng, "test"};
  for (size_t i = 0; i < extra; ++i) {
    core::EventDraft d;
    d.person_id = out[2].header.person_id;
    d.kind = core::EventKind::kSignIn;
    if (i == extra / 2) {
      d.kind = core::EventKind::kPolicyAttested;
      d.subject = out[2].header.subject;
      d.body_fields = {{"typed_name", "Ann Adams"}, {"signature_strokes", {{{0, 0}, {40, 20}}}}};
    }
    clock.advance_ms(60000);
    out.push_back(core::build_event(d, at, ctx));
    at.next_seq++;
    at.prev_link = core::link_hash(out.back().hash, out.back().signature);
  }
  return out;
}

// Feeds every event, stopping at the first error, as load_reports does.
Status feed_all(report::LedgerFeeder& feeder, const std::vector<core::SignedEvent>& events) {
  for (const auto& e : events) TRY_STATUS(feeder.add(e.canonical_header, e.sealed_body));
  return feeder.finish();
}

}  // namespace

TEST_CASE("the ledger feeder, opening bodies on workers, gives the reports one record at a time gives") {
  ReportFixture f;
  fill_practice(f);
  SignedPractice p(f);
  const std::vector<core::SignedEvent> events = long_chain(p, 6001);
  report::Ledger one_by_one, fed;
  report::LedgerFeeder feeder(fed, &p.practice);
  for (const auto& e : events) {
    REQUIRE(report::feed_event(one_by_one, e.canonical_header, e.sealed_body, &p.practice).ok());
    REQUIRE(feeder.add(e.canonical_header, e.sealed_body).ok());
  }
  REQUIRE(feeder.finish().ok());
  CHECK(fed.event_count() == events.size());
  const auto a = csv_of(one_by_one, f, p), b = csv_of(fed, f, p);
  CHECK(a == b);
  // The attestation in the middle of the sign-ins was opened: its drawn
  // signature is on the roster.
  const core::SignedEvent& second = events[p.kiosk_events.size() + 3000];
  REQUIRE(second.header.kind == core::EventKind::kPolicyAttested);
  bool on_roster = false;
  for (const auto& r : b) {
    on_roster |= r.find("\"drawn, 1 stroke\",") != std::string::npos &&
                 r.find("#" + std::to_string(second.header.seq) + "\r\n") != std::string::npos;
  }
  CHECK(on_roster);
}

TEST_CASE("the ledger feeder names the record whose body or header is bad, behind those before it") {
  ReportFixture f;
  fill_practice(f);
  SignedPractice p(f);
  std::vector<core::SignedEvent> events = long_chain(p, 3000);
  const size_t bad = p.kiosk_events.size() + 1500;  // the attestation among the sign-ins
  REQUIRE(events[bad].header.kind == core::EventKind::kPolicyAttested);
  events[bad].sealed_body = crypto::seal(p.practice.public_key(), as_bytes("{\"fields\":{},\"salt\":\"00\"}"));
  // A header that does not decode, after it: the body's error still comes first.
  events[bad + 10].canonical_header.resize(5);
  report::Ledger ledger;
  report::LedgerFeeder feeder(ledger, &p.practice);
  const Status s = feed_all(feeder, events);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("#" + std::to_string(events[bad].header.seq)) != std::string::npos);
  CHECK(s.error().message.find("does not match") != std::string::npos);
  CHECK(ledger.event_count() < events.size());

  // The header alone.
  std::vector<core::SignedEvent> short_header = long_chain(p, 10);
  short_header[5].canonical_header.resize(5);
  report::Ledger other;
  report::LedgerFeeder f2(other, &p.practice);
  const Status t = feed_all(f2, short_header);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.find("does not decode") != std::string::npos);
}
