// The evidence bundle end to end: a real kiosk store exported by the real
// `attest` binary, checked by verify_bundle() and `attest verify-bundle`,
// then changed in copies, each change named by its file and record.
#include <doctest/doctest.h>

#include "core/canonical.h"
#include "report/bundle_reader.h"
#include "report/bundle_verify.h"
#include "store/sqlite.h"
#include "support/bundle_edit.h"
#include "support/evidence_fixture.h"
#include "support/run.h"

using namespace attest;
using testing::check;
using testing::hex_sha;
using testing::listed;
using testing::names;
using testing::quote;
using testing::read_lines;
using testing::write_lines;
namespace fs = std::filesystem;

namespace {

const std::string kAttest = ATTEST_BIN;

std::string export_cmd(const testing::EvidenceKiosk& k, const fs::path& out,
                       const std::string& extra = {}) {
  return quote(kAttest) + " export-evidence --kiosk " + quote(k.kiosk().string()) +
         " --passphrase-file " + quote(k.passphrase_file().string()) + " --from " +
         testing::kEvidenceFrom + " --to " + testing::kEvidenceTo + " " + extra + quote(out.string());
}

struct Exported {
  testing::EvidenceKiosk kiosk;
  fs::path bundle = kiosk.dir / "bundle";
  testing::RunResult run;
};

// Exported once: every case below starts from a copy.
Exported& exported() {
  static std::unique_ptr<Exported> e = [] {
    auto x = std::make_unique<Exported>();
    // PDF adds little to check here and much to copy; the server case makes it.
    x->run = testing::run(export_cmd(x->kiosk, x->bundle, "--check --format csv,html "));
    return x;
  }();
  INFO(e->run.all);
  REQUIRE(e->run.code == 0);
  return *e;
}

fs::path copy_of(const fs::path& bundle) {
  static int n = 0;
  fs::path to = exported().kiosk.dir / ("copy-" + std::to_string(n++));
  fs::copy(bundle, to, fs::copy_options::recursive);
  return to;
}

std::string events_rel() { return report::bundle_events_file(exported().kiosk.device); }
std::string bodies_rel() { return report::bundle_bodies_file(exported().kiosk.device); }

// Rewrites the event line of `seq` in this bundle's events file.
void edit_event(const fs::path& bundle, uint64_t seq, const std::function<void(nlohmann::json&)>& edit) {
  testing::edit_jsonl_line(bundle / events_rel(), seq, edit);
}

}  // namespace

TEST_CASE("an exported bundle verifies, holds each chain to the period's end, and checks by hand") {
  Exported& e = exported();
  const auto& k = e.kiosk;
  CHECK(e.run.out.find("OK: 1 device, " + std::to_string(k.last_in_period) + " events, 17 reports, " +
                       std::to_string(k.bodies_in_period) + " bodies checked") != std::string::npos);
  const report::BundleCheck c = check(e.bundle);
  INFO(listed(c));
  CHECK(c.ok());
  CHECK(c.events == k.last_in_period);
  CHECK(k.last_in_period + 2 == k.total);  // the two records after the period stay out
  CHECK(c.bodies == k.bodies_in_period);
  CHECK(c.reports == 17);

  auto lines = read_lines(e.bundle / events_rel());
  REQUIRE(lines.size() == k.last_in_period);
  CHECK(nlohmann::json::parse(lines.back())["kind"] == "SignOut");  // 22:00 on 30 September, local
  auto m = report::read_manifest(e.bundle);
  REQUIRE(m.ok());
  CHECK(m->devices.at(0).last_seq == k.last_in_period);
  CHECK(m->source == "kiosk");
  CHECK(m->signer_role == "device");
  CHECK(format_date(m->from) == testing::kEvidenceFrom);
  CHECK(m->practice == "Harbor Street Clinic");
  // A kiosk with no server is named by its id, for the auditor to match.
  auto devices = report::read_devices(e.bundle);
  REQUIRE(devices.ok());
  REQUIRE(devices->size() == 1);
  CHECK(devices->at(0).name == "Kiosk " + hex_encode(k.device).substr(0, 8));
  CHECK(m->formats == std::vector<std::string>{"csv", "html"});

  // The period: a 2025 incident closed in 2025 and the 2025 sign-in are left
  // out; one still open when the period began is listed, and said to be;
  // 2025 training still counts.
  const std::string incidents = *read_file(e.bundle / "reports" / "incidents.csv");
  CHECK(incidents.find("A caller asked for lab results") != std::string::npos);
  CHECK(incidents.find("Old tailgating") != std::string::npos);
  CHECK(incidents.find("Settled last year") == std::string::npos);
  CHECK(incidents.find("After the period") == std::string::npos);
  CHECK(read_file(e.bundle / "reports" / "incidents.html")
            ->find("1 incident reported before the period is listed because it was still open") !=
        std::string::npos);
  CHECK(read_file(e.bundle / "reports" / "sign-ins.csv")->find("Maria Lopez") == std::string::npos);
  CHECK(read_file(e.bundle / "reports" / "transcript-p-0002.csv")->find("policy attested") != std::string::npos);

  // By hand, as README.txt says: the SHA-256 of a body's bytes is its
  // body_digest, of a curriculum file the record's content_sha256.
  auto attested = nlohmann::json::parse(lines[k.attested - 1]);
  const std::string by_hand =
      "cd " + quote(e.bundle.string()) + " && grep '^{\"seq\":" + std::to_string(k.attested) +
      ",' " + bodies_rel() + " | sed -e 's/^{\"seq\":[0-9]*,\"body\"://' -e 's/}$//' | tr -d '\\n' | sha256sum";
  auto digest = testing::run("bash -c " + quote(by_hand));
  INFO(digest.all);
  CHECK(digest.out.substr(0, 64) == attested["body_digest"]);
  // Every body line is one record's, in seq order.
  auto body_lines = read_lines(e.bundle / bodies_rel());
  CHECK(body_lines.size() == k.bodies_in_period);
  uint64_t previous = 0;
  for (const auto& l : body_lines) {
    auto b = report::parse_body_line(l);
    REQUIRE(b.ok());
    CHECK(b->seq > previous);
    previous = b->seq;
  }
  CHECK(hex_sha(e.bundle / "curriculum" / "policies" / "acceptable-use.md") ==
        attested["subject"]["content_sha256"]);
  const std::string readme = *read_file(e.bundle / "README.txt");
  CHECK(readme.find(hex_encode(k.device)) != std::string::npos);
  CHECK(readme.find("attest verify-bundle") != std::string::npos);
  CHECK(readme.find("Harbor Street Clinic") != std::string::npos);
}

TEST_CASE("attest verify-bundle: exit 0 on the bundle, exit 1 naming the file and record") {
  Exported& e = exported();
  auto ok = testing::run(quote(kAttest) + " verify-bundle --every-signature " + quote(e.bundle.string()));
  INFO(ok.all);
  CHECK(ok.code == 0);
  CHECK(ok.out.find("OK: 1 device") == 0);
  CHECK(ok.out.find(hex_encode(e.kiosk.device)) != std::string::npos);  // the signer's fingerprint

  fs::path bad = copy_of(e.bundle);
  edit_event(bad, 9, [](nlohmann::json& j) { j["person_id"] = "p-0009"; });
  auto r = testing::run(quote(kAttest) + " verify-bundle " + quote(bad.string()));
  INFO(r.all);
  CHECK(r.code == 1);
  CHECK(r.out.find("FAILED") == 0);
  CHECK(r.out.find(events_rel() + " line 9 (" + report::short_device(e.kiosk.device) + " #9)") !=
        std::string::npos);
  CHECK(testing::run(quote(kAttest) + " verify-bundle " + quote((bad / "nothing").string())).code == 2);
}

TEST_CASE("a changed report row is named with its line and both versions of it") {
  fs::path b = copy_of(exported().bundle);
  std::string csv = *read_file(b / "reports" / "incidents.csv");
  auto at = csv.find("closed");
  REQUIRE(at != std::string::npos);
  csv.replace(at, 6, "open");
  REQUIRE(write_file_atomic(b / "reports" / "incidents.csv", as_bytes(csv)).ok());
  const auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, "reports/incidents.csv", std::nullopt, "SHA-256"));
  const size_t changed_line = 1 + static_cast<size_t>(std::count(csv.begin(), csv.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  bool both = false;
  for (const auto& p : c.problems) {
    if (p.file == "reports/incidents.csv" && p.line == changed_line) {
      both = p.message.find(",open,") != std::string::npos && p.message.find(",closed,") != std::string::npos;
    }
  }
  CHECK(both);
}

TEST_CASE("a changed header field or sealed body byte in an event is named by file and record") {
  const auto& k = exported().kiosk;
  fs::path header = copy_of(exported().bundle);
  edit_event(header, k.attested, [](nlohmann::json& j) {
    auto h = core::decode_header(*base64_decode(j["canonical_header"].get<std::string>()));
    REQUIRE(h.ok());
    h->person_id = "p-0003";  // the attestation now claims James signed
    j["canonical_header"] = base64_encode(core::encode_header(*h));
    j["person_id"] = "p-0003";
  });
  auto c = check(header);
  INFO(listed(c));
  CHECK(names(c, events_rel(), k.attested, "not what was signed"));

  fs::path body = copy_of(exported().bundle);
  edit_event(body, k.incident_in, [](nlohmann::json& j) {
    Bytes b = *base64_decode(j["sealed_body"].get<std::string>());
    b[20] ^= 0x01;
    j["sealed_body"] = base64_encode(b);
  });
  c = check(body);
  INFO(listed(c));
  CHECK(names(c, events_rel(), k.incident_in, "not what was signed"));
}

TEST_CASE("a readable field that disagrees with the signed header is named") {
  fs::path b = copy_of(exported().bundle);
  edit_event(b, 9, [](nlohmann::json& j) { j["kind"] = "SignOut"; });
  auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, events_rel(), 9, "the readable field \"kind\""));

  // A header changed to bytes that are not UTF-8 is named, not a crash.
  fs::path raw = copy_of(exported().bundle);
  edit_event(raw, 3, [](nlohmann::json& j) {
    auto h = core::decode_header(*base64_decode(j["canonical_header"].get<std::string>()));
    REQUIRE(h.ok());
    h->person_id = "p-\xff\xfe";
    j["canonical_header"] = base64_encode(core::encode_header(*h));
  });
  c = check(raw);
  INFO(listed(c));
  CHECK(names(c, events_rel(), 3, "the readable field \"person_id\""));
  CHECK(names(c, events_rel(), 3, "not what was signed"));
}

TEST_CASE("a changed opened body is named by file and record") {
  const auto& k = exported().kiosk;
  fs::path b = copy_of(exported().bundle);
  auto lines = read_lines(b / bodies_rel());
  size_t changed = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    auto at = lines[i].find("Maria Lopez");
    if (at == std::string::npos || lines[i].rfind("{\"seq\":" + std::to_string(k.attested) + ",", 0) != 0) continue;
    lines[i].replace(at, 11, "Mario Lopez");
    changed = i + 1;
  }
  REQUIRE(changed > 0);
  write_lines(b / bodies_rel(), lines);
  auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, bodies_rel(), k.attested, "body_digest"));
  bool at_line = false;
  for (const auto& p : c.problems) at_line = at_line || (p.file == bodies_rel() && p.line == changed);
  CHECK(at_line);

  // A body line removed: its record is named, and the rest still check.
  fs::path gone = copy_of(exported().bundle);
  lines = read_lines(gone / bodies_rel());
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(changed - 1));
  write_lines(gone / bodies_rel(), lines);
  c = check(gone);
  INFO(listed(c));
  CHECK(names(c, bodies_rel(), k.attested, "missing"));
  CHECK(c.bodies == k.bodies_in_period - 1);
}

TEST_CASE("a changed key file is named") {
  fs::path b = copy_of(exported().bundle);
  crypto::SystemRandom rng;
  std::string devices = *read_file(b / "keys" / "devices.json");
  auto m = report::parse_devices_json(devices);
  REQUIRE(m.ok());
  const std::string old_key = hex_encode(m->at(0).key);
  devices.replace(devices.find(old_key), old_key.size(),
                  hex_encode(crypto::SigningKey::generate(rng).public_key()));
  REQUIRE(write_file_atomic(b / "keys" / "devices.json", as_bytes(devices)).ok());
  const auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, "keys/devices.json", std::nullopt, "SHA-256"));
  CHECK(names(c, "keys/devices.json", std::nullopt, "not the fingerprint of its key"));
  CHECK(names(c, "manifest.json", std::nullopt, "not in keys/devices.json"));
  CHECK(names(c, events_rel(), exported().kiosk.last_in_period, "bad signature"));
}

TEST_CASE("an event removed from the middle of a chain is named") {
  fs::path b = copy_of(exported().bundle);
  auto lines = read_lines(b / events_rel());
  lines.erase(lines.begin() + 7);  // seq 8
  write_lines(b / events_rel(), lines);
  const auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, events_rel(), 8, "missing sequence"));
}

TEST_CASE("events cut from the end are named, and editing the manifest to match breaks its signature") {
  const auto& k = exported().kiosk;
  fs::path b = copy_of(exported().bundle);
  auto lines = read_lines(b / events_rel());
  lines.pop_back();
  write_lines(b / events_rel(), lines);
  auto c = check(b);
  INFO(listed(c));
  CHECK(names(c, events_rel(), k.last_in_period, "missing from the end"));

  // Make the manifest agree with the shorter chain; only the key could sign it.
  auto m = report::read_manifest(b);
  REQUIRE(m.ok());
  auto last = report::parse_event_line(lines.back());
  REQUIRE(last.ok());
  m->devices[0].last_seq = last->seq;
  m->devices[0].events = last->seq;
  m->devices[0].hash = last->hash;
  m->devices[0].link = core::link_hash(last->hash, last->signature);
  m->files[events_rel()] = crypto::sha256(as_bytes(*read_file(b / events_rel())));
  REQUIRE(write_file_atomic(b / "manifest.json", as_bytes(report::manifest_json(*m))).ok());
  c = check(b);
  INFO(listed(c));
  CHECK(names(c, "manifest.sig", std::nullopt, "does not verify"));
  CHECK_FALSE(names(c, events_rel(), std::nullopt, "missing from the end"));
}

TEST_CASE("a file added to a listed folder is named") {
  fs::path b = copy_of(exported().bundle);
  REQUIRE(write_file_atomic(b / "reports" / "extra.csv", as_bytes("Name\r\nNobody\r\n")).ok());
  const auto c = check(b);
  CHECK(names(c, "reports/extra.csv", std::nullopt, "not listed"));
}

TEST_CASE("a bundle made with --sealed has no bodies, verifies, and its reports say sealed") {
  Exported& e = exported();
  const fs::path sealed = e.kiosk.dir / "sealed";
  auto r = testing::run(export_cmd(e.kiosk, sealed, "--sealed --format pdf "));
  INFO(r.all);
  REQUIRE(r.code == 0);
  CHECK_FALSE(fs::exists(sealed / "bodies"));
  CHECK(fs::exists(sealed / "reports" / "incidents.csv"));  // CSV whatever --format says
  CHECK(fs::exists(sealed / "reports" / "incidents.pdf"));
  CHECK_FALSE(fs::exists(sealed / "reports" / "incidents.html"));
  const auto c = check(sealed);
  INFO(listed(c));
  CHECK(c.ok());
  CHECK(c.bodies == 0);
  CHECK(c.events == e.kiosk.last_in_period);
  CHECK(read_file(sealed / "reports" / "incidents.csv")->find("sealed") != std::string::npos);
  CHECK(read_file(sealed / "reports" / "incidents.csv")->find("lab results") == std::string::npos);
}

TEST_CASE("export-evidence refuses a folder that is not empty and a period that has not ended") {
  Exported& e = exported();
  auto again = testing::run(export_cmd(e.kiosk, e.bundle));
  CHECK(again.code == 2);
  CHECK(again.err.find("not an empty folder") != std::string::npos);
  auto future = testing::run(quote(kAttest) + " export-evidence --sealed --kiosk " +
                             quote(e.kiosk.kiosk().string()) + " --from 2026-01-01 --to 2999-01-01 " +
                             quote((e.kiosk.dir / "future").string()));
  CHECK(future.code == 2);
  CHECK(future.err.find("after today") != std::string::npos);
  CHECK_FALSE(fs::exists(e.kiosk.dir / "future"));
}

TEST_CASE("attest retention lists records past their date and deletes nothing") {
  Exported& e = exported();
  const fs::path db = e.kiosk.kiosk() / "kiosk.db";
  const std::string before = *read_file(db);
  const std::string kiosk = " --kiosk " + quote(e.kiosk.kiosk().string());
  auto none = testing::run(quote(kAttest) + " retention" + kiosk + " --as-of 2026-11-01");
  INFO(none.all);
  CHECK(none.code == 0);
  CHECK(none.out.find("No record has passed its retention date") != std::string::npos);
  // Six years after March 2025, the first records have passed it; October 2026 ones have not.
  auto some = testing::run(quote(kAttest) + " retention" + kiosk + " --as-of 2031-04-01");
  INFO(some.all);
  CHECK(some.code == 0);
  CHECK(some.out.find("RosterChanged") != std::string::npos);
  CHECK(some.out.find(report::short_device(e.kiosk.device) + " #1 ") != std::string::npos);
  CHECK(some.out.find(" #" + std::to_string(e.kiosk.total) + " ") == std::string::npos);
  CHECK(*read_file(db) == before);
}

TEST_CASE("a ledger with `since` leaves period events before it out and keeps state") {
  core::EventHeader h;
  h.device_id[0] = 1;
  report::LedgerOptions o;
  o.since = *parse_date("2026-01-01");
  report::Ledger ledger(o);
  auto add = [&](core::EventKind kind, const char* date, std::string person = "p-1") {
    h.seq++;
    h.kind = kind;
    h.person_id = std::move(person);
    h.subject = {"m", "1", {}};
    h.time = {int64_t{parse_date(date)->days} * 86400000, 0};
    h.event_id[0] = static_cast<uint8_t>(h.seq);
    ledger.add(h, nullptr);
  };
  for (const char* d : {"2025-12-31", "2026-01-01"}) {
    add(core::EventKind::kModuleCompleted, d);
    add(core::EventKind::kIncidentReported, d);
    add(core::EventKind::kSignIn, d);
    add(core::EventKind::kQuizAttempt, d);
    add(core::EventKind::kReminderAcknowledged, d);
  }
  CHECK(ledger.completions().size() == 2);
  // Incidents are kept, marked: the log decides which earlier ones belong.
  REQUIRE(ledger.incidents().size() == 2);
  CHECK(ledger.incidents()[0].before_period);
  CHECK_FALSE(ledger.incidents()[1].before_period);
  CHECK(ledger.quizzes().size() == 1);
  CHECK(ledger.reminder_acks().size() == 1);
  CHECK(ledger.sign_ins().begin()->second.sign_ins == 1);
  CHECK(ledger.event_count() == 10);
}

TEST_CASE("a bundle from an office server holds every device's chain and is signed by the server key") {
  testing::EvidenceServer srv;
  const fs::path out = srv.dir / "bundle";
  auto r = testing::run(quote(kAttest) + " export-evidence --server " + quote(srv.server().string()) +
                        " --passphrase-file " + quote(srv.passphrase_file().string()) +
                        " --from 2026-11-01 --to 2026-11-23 " + quote(out.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  // Without --check the chains are checked as they are copied, and the
  // full check is left to verify-bundle.
  CHECK(r.out.find("Every chain was checked as it was copied") != std::string::npos);
  CHECK(r.out.find("OK:") == std::string::npos);
  auto c = check(out);
  INFO(listed(c));
  CHECK(c.ok());
  CHECK(c.devices == 2);
  CHECK(c.events == 2 * static_cast<uint64_t>(srv.per_device));
  CHECK(c.signer.find("server") != std::string::npos);
  // With no --format, every format this build makes.
  for (const char* ext : {".csv", ".html", ".pdf"}) {
    CHECK(fs::exists(out / "reports" / (std::string("compliance-matrix") + ext)));
  }
  auto m = report::read_manifest(out);
  REQUIRE(m.ok());
  CHECK(m->signer_role == "server");
  CHECK(m->signer_key == srv.key.public_key());
  CHECK(*read_file(out / "keys" / "server.pub") == hex_encode(srv.key.public_key()) + "\n");
  const std::string readme = *read_file(out / "README.txt");
  CHECK(readme.find(hex_encode(crypto::fingerprint(srv.key.public_key()))) != std::string::npos);
  for (const auto& d : srv.devices) CHECK(fs::exists(out / report::bundle_events_file(d)));

  fs::path b = copy_of(out);
  crypto::SystemRandom rng;
  REQUIRE(write_file_atomic(b / "keys" / "server.pub",
                            as_bytes(hex_encode(crypto::SigningKey::generate(rng).public_key()) + "\n")).ok());
  c = check(b);
  INFO(listed(c));
  CHECK(names(c, "keys/server.pub", std::nullopt, "SHA-256"));
  CHECK(names(c, "manifest.json", std::nullopt, "not keys/server.pub"));
}

TEST_CASE("a record changed in the server's store is named by the export, bundled as stored, and named again by verify-bundle") {
  testing::EvidenceServer srv;
  const crypto::DeviceId device = srv.devices.at(0);
  {
    auto db = store::Db::open(srv.server() / "master.db", store::OpenMode::kReadWrite);
    REQUIRE(db.ok());
    auto sel = db->prepare("SELECT hash FROM events WHERE device_id = ? AND seq = 3");
    REQUIRE(sel.ok());
    sel->bind(1, ByteView(device));
    REQUIRE(*sel->step());
    Bytes hash(sel->blob(0).begin(), sel->blob(0).end());
    sel->reset();
    hash[0] ^= 0x01;
    auto upd = db->prepare("UPDATE events SET hash = ? WHERE device_id = ? AND seq = 3");
    REQUIRE(upd.ok());
    REQUIRE(upd->bind(1, ByteView(hash)).bind(2, ByteView(device)).run().ok());
  }
  const fs::path out = srv.dir / "bundle";
  auto r = testing::run(quote(kAttest) + " export-evidence --server " + quote(srv.server().string()) +
                        " --passphrase-file " + quote(srv.passphrase_file().string()) +
                        " --format csv --from 2026-11-01 --to 2026-11-23 " + quote(out.string()));
  INFO(r.all);
  CHECK(r.code == 1);
  CHECK(r.out.find("FAILED: 1 record") != std::string::npos);
  CHECK(r.out.find("record " + report::short_device(device) + " #3: ") != std::string::npos);
  auto c = check(out);
  INFO(listed(c));
  CHECK(names(c, report::bundle_events_file(device), 3));
}

TEST_CASE("a bundle of many batches, checked on worker threads, still names each change by its line") {
  // 9,000 records a device: the export and the check take them in batches of
  // 4,096 split across threads, and a change must be named wherever it falls.
  testing::EvidenceServer srv(9000, true);
  const crypto::DeviceId device = srv.devices.at(0) < srv.devices.at(1) ? srv.devices.at(0) : srv.devices.at(1);
  const fs::path out = srv.dir / "bundle";
  auto r = testing::run(quote(kAttest) + " export-evidence --server " + quote(srv.server().string()) +
                        " --passphrase-file " + quote(srv.passphrase_file().string()) +
                        " --format csv --from 2026-11-01 --to 2026-11-23 " + quote(out.string()));
  INFO(r.all);
  REQUIRE(r.code == 0);
  auto c = check(out);
  INFO(listed(c));
  CHECK(c.ok());
  CHECK(c.events == 18000);
  CHECK(c.bodies == 9000);
  const std::string events = report::bundle_events_file(device);
  const std::string bodies = report::bundle_bodies_file(device);
  auto lines = read_lines(out / events);
  REQUIRE(lines.size() == 9000);
  auto body_lines = read_lines(out / bodies);
  REQUIRE(body_lines.size() == 4500);
  // Bodies in seq order: the quiz and the attestation of every four records.
  size_t in_order = 0;
  for (size_t i = 0; i < body_lines.size(); ++i) {
    auto b = report::parse_body_line(body_lines[i]);
    in_order += b.ok() && b->seq == 3 + 4 * (i / 2) + i % 2;
  }
  CHECK(in_order == body_lines.size());

  // A readable field changed in place, deep in the second batch.
  fs::path field = copy_of(out);
  auto changed = lines;
  const std::string from = "\"person_id\":\"p-";
  const size_t at = changed[5000].find(from);
  REQUIRE(at != std::string::npos);
  changed[5000][at + from.size()] = changed[5000][at + from.size()] == '9' ? '8' : '9';
  write_lines(field / events, changed);
  c = check(field);
  INFO(listed(c));
  CHECK(names(c, events, 5001, "the readable field \"person_id\""));

  // The last record of the first batch removed.
  fs::path gap = copy_of(out);
  changed = lines;
  changed.erase(changed.begin() + 4095);
  write_lines(gap / events, changed);
  c = check(gap);
  INFO(listed(c));
  CHECK(names(c, events, 4096, "missing sequence"));

  // A body in the third batch changed: named by its own line.
  fs::path body = copy_of(out);
  auto changed_bodies = body_lines;
  const size_t k = 4200;  // seq 3 + 2 * 4200 = 8403
  const size_t score = changed_bodies[k].find("score_percent\":");
  REQUIRE(score != std::string::npos);
  changed_bodies[k][score + 15] = changed_bodies[k][score + 15] == '9' ? '8' : '9';
  write_lines(body / bodies, changed_bodies);
  c = check(body);
  INFO(listed(c));
  bool named = false;
  for (const auto& p : c.problems) {
    named = named || (p.file == bodies && p.line == k + 1 && p.record && p.record->seq == 8403 &&
                      p.message.find("body_digest") != std::string::npos);
  }
  CHECK(named);
}

TEST_CASE("bundle files are read line by line across their read blocks, last line with or without a newline") {
  testing::TempDir dir{"attest-line-reader"};
  const std::string long_line(3 * 1024 * 1024 + 17, 'x');  // longer than a read block
  REQUIRE(write_file_atomic(dir.path() / "a.jsonl", as_bytes("one\n" + long_line + "\n\nlast")).ok());
  report::LineReader r(dir.path(), "a.jsonl");
  REQUIRE(r.is_open());
  std::string line;
  std::vector<std::string> got;
  while (r.next(line)) got.push_back(line);
  CHECK_FALSE(r.failed());
  REQUIRE(got.size() == 4);
  CHECK(got[0] == "one");
  CHECK(got[1] == long_line);
  CHECK(got[2].empty());
  CHECK(got[3] == "last");
  CHECK(r.line_number() == 4);

  REQUIRE(write_file_atomic(dir.path() / "b.jsonl", as_bytes(std::string("a\nb\n"))).ok());
  report::LineReader b(dir.path(), "b.jsonl");
  got.clear();
  while (b.next(line)) got.push_back(line);
  CHECK(got == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(report::LineReader(dir.path(), "none.jsonl").is_open());
}
