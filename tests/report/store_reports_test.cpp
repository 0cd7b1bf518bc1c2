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
    store::DeviceRecord d{key->id(), key->public_key(), key == &p.kiosk ? "Front desk" : "Office", 0, {}, {}, 0};
    crypto::Sha256 code{};
    code.fill(static_cast<uint8_t>(++n));
    REQUIRE((*s)->add_pairing_code(code, 0, 1000).ok());
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
  report::ReportContext ctx = f.ctx;
  ctx.device_names = {{p.kiosk.id(), "Front desk"}, {p.office.id(), "Office"}};
  auto docs = report::build_reports(ledger, ctx, {"all", {}, {}, {}});
  REQUIRE(docs.ok());
  std::vector<std::string> out;
  for (const auto& d : *docs) out.push_back(d.id + "\n" + report::to_csv(d));
  return out;
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
