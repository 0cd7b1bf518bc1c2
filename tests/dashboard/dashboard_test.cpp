// The dashboard in-process, on a real office server folder (SQLite master
// store, real keys, the practice key wrapped with a passphrase): sign-in
// and its throttle, the session cookie, CSRF tokens, idle sign-out, the
// records each leaves on the server's chain, and the pages that change
// something (pairing, revoking, opening the incident log). The same pages
// in a real browser, against the CLI's reports: tests/browser.
#include <doctest/doctest.h>

#include <fstream>

#include "core/body.h"
#include "core/canonical.h"
#include "crypto/practice_key.h"
#include "crypto/random.h"
#include "dashboard/dashboard.h"
#include "dashboard/sessions.h"
#include "dashboard/web.h"
#include "store/server_chain.h"
#include "support/postgres_server.h"
#include "support/temp_dir.h"
#include "sync/server/server_dir.h"

using namespace attest;
using namespace attest::dashboard;

namespace {

constexpr char kPassphrase[] = "correct horse battery staple";
constexpr int64_t kIdleMs = 10 * 60 * 1000;

struct Fixture {
  testing::TempDir dir{"attest-dashboard"};
  FixedClock clock{Timestamp{date_from_civil({2026, 11, 23}).days * 86400000LL + 9 * 3600000LL, 0}};
  crypto::SystemRandom rng;
  sync::Server server;
  std::unique_ptr<Dashboard> dash;

  explicit Fixture(bool tls = false) {
    // Under ATTEST_TEST_MASTER_STORE=postgresql (ctest's dashboard_postgresql)
    // the store is a PostgreSQL database, as a practice group's is.
    std::string uri;
    if (testing::master_store_is_postgres()) {
      auto& pg = testing::PostgresServer::shared();
      uri = pg.create_database();
    }
    auto made = sync::init_server({dir.path() / "server"}, "Test Dental", kPassphrase, rng, clock,
                                  crypto::kdf_cost_minimum(), uri);
    REQUIRE_MESSAGE(made.ok(), made.error().message);
    auto opened = sync::open_server({dir.path() / "server"});
    REQUIRE_MESSAGE(opened.ok(), opened.error().message);
    server = std::move(*opened);
    // Two people on the roster, as `attest roster import` records them.
    std::vector<core::EventDraft> roster;
    for (auto [id, name, role] : {std::tuple{"p-0001", "Dana Whitfield", "management"},
                                  std::tuple{"p-0002", "Maria Lopez", "front-desk"}}) {
      core::EventDraft d;
      d.kind = core::EventKind::kRosterChanged;
      d.person_id = id;
      d.body_fields = {{"change", "added"}, {"name", name}, {"role", role},
                       {"hired", "2026-01-05"}, {"active", true}};
      roster.push_back(d);
    }
    REQUIRE(store::append_server_events(*server.store, server.key, roster, clock, rng).ok());
    DashboardConfig c;
    c.server_dir = dir.path() / "server";
    c.assets = ATTEST_ASSETS_DIR;
    c.practice_key_file = server.practice_key_file;
    c.sessions.idle_ms = kIdleMs;
    c.tls = tls;
    dash = std::make_unique<Dashboard>(c, *server.store, server.key, clock, rng);
  }

  WebRequest request(std::string method, std::string target, std::string remote = "127.0.0.1") {
    WebRequest r;
    r.method = std::move(method);
    const size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = parse_form(std::string_view(target).substr(q + 1));
    r.remote = std::move(remote);
    r.host = "127.0.0.1:8750";
    return r;
  }
  WebResponse get(const std::string& target, const std::string& session = {}) {
    WebRequest r = request("GET", target);
    if (!session.empty()) r.cookies["attest_session"] = session;
    return dash->handle(r);
  }
  WebResponse post(const std::string& path, std::map<std::string, std::string> form,
                   const std::string& session = {}) {
    WebRequest r = request("POST", path);
    r.origin = "http://127.0.0.1:8750";
    r.form = std::move(form);
    if (!session.empty()) r.cookies["attest_session"] = session;
    return dash->handle(r);
  }

  // The sign-in form's token and its cookie, then the passphrase.
  WebResponse try_sign_in(const std::string& passphrase) {
    const WebResponse page = get("/sign-in");
    const std::string token = cookie_of(page, "attest_signin");
    REQUIRE(token.size() == 43);
    REQUIRE(page.body.find("value=\"" + token + "\"") != std::string::npos);
    WebRequest r = request("POST", "/sign-in");
    r.origin = "http://127.0.0.1:8750";
    r.cookies["attest_signin"] = token;
    r.form = {{"csrf", token}, {"passphrase", passphrase}};
    return dash->handle(r);
  }
  std::string sign_in() {
    const WebResponse r = try_sign_in(kPassphrase);
    REQUIRE(r.status == 303);
    const std::string session = cookie_of(r, "attest_session");
    REQUIRE(!session.empty());
    return session;
  }

  static std::string header(const WebResponse& r, const std::string& name, const std::string& prefix = {}) {
    for (const auto& [k, v] : r.headers) {
      if (k == name && v.rfind(prefix, 0) == 0) return v;
    }
    return {};
  }
  static std::string cookie_of(const WebResponse& r, const std::string& name) {
    const std::string c = header(r, "Set-Cookie", name + "=");
    if (c.empty()) return {};
    const size_t start = name.size() + 1;
    return c.substr(start, c.find(';') - start);
  }
  // The CSRF token a signed-in page carries.
  static std::string csrf_of(const WebResponse& page) {
    const std::string marker = "name=\"csrf\" value=\"";
    const size_t at = page.body.find(marker);
    REQUIRE(at != std::string::npos);
    return page.body.substr(at + marker.size(), 43);
  }

  // The kinds of the records on the server's own chain, and a body field.
  std::vector<std::pair<std::string, nlohmann::json>> server_records() {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    auto key = crypto::unlock_with_passphrase(server.practice_key_file, kPassphrase);
    REQUIRE(key.ok());
    REQUIRE(server.store
                ->for_each_event(server.key.id(), 1,
                                 [&](const store::StoredEvent& e) {
                                   auto h = core::decode_header(e.canonical_header);
                                   REQUIRE(h.ok());
                                   auto body = crypto::seal_open(*key, e.sealed_body);
                                   REQUIRE(body.ok());
                                   auto fields = core::open_body_fields(body->view(), h->body_digest);
                                   REQUIRE(fields.ok());
                                   out.emplace_back(std::string(core::event_kind_name(h->kind)), *fields);
                                   return true;
                                 })
                .ok());
    return out;
  }
  size_t count(const std::string& kind) {
    size_t n = 0;
    for (const auto& [k, body] : server_records()) n += k == kind;
    return n;
  }
};

}  // namespace

TEST_CASE("dashboard: a form or query, and a Cookie header, are read as a browser sends them") {
  const auto f = parse_form("a=1&name=Dana+Whitfield&x=%3Cb%3E%26&a=2&empty=&bad=%zz&flag");
  CHECK(f.at("a") == "1");
  CHECK(f.at("name") == "Dana Whitfield");
  CHECK(f.at("x") == "<b>&");
  CHECK(f.at("empty").empty());
  CHECK(f.at("bad") == "%zz");
  CHECK(f.count("flag") == 1);
  const auto c = parse_cookies("attest_session=abc; other = x ;broken; =nothing");
  CHECK(c.at("attest_session") == "abc");
  CHECK(c.at("other") == "x");
  CHECK(c.size() == 2);
  CHECK(url_encode("p-0001 a/b") == "p-0001%20a%2Fb");
  crypto::SystemRandom rng;
  const std::string a = random_token(rng), b = random_token(rng);
  CHECK(a.size() == 43);
  CHECK(a != b);
  CHECK(same_token(a, a));
  CHECK_FALSE(same_token(a, b));
  CHECK_FALSE(same_token("", ""));
}

TEST_CASE("dashboard: sessions end after their idle time and after the longest time") {
  FixedClock clock{Timestamp{1'800'000'000'000, 0}};
  crypto::SystemRandom rng;
  Sessions s(clock, rng, SessionPolicy{60'000, 600'000, 30'000});
  const Session one = s.start(nullptr, "127.0.0.1");
  clock.advance_ms(59'000);
  CHECK(s.find(one.id).state == Sessions::State::kActive);  // touched: idle starts again
  clock.advance_ms(59'000);
  CHECK(s.find(one.id).state == Sessions::State::kActive);
  clock.advance_ms(60'000);
  CHECK(s.find(one.id).state == Sessions::State::kExpired);
  CHECK(s.find(one.id).state == Sessions::State::kUnknown);  // reported once, then gone
  const Session two = s.start(nullptr, "127.0.0.1");
  for (int i = 0; i < 10; ++i) {
    clock.advance_ms(59'000);
    REQUIRE(s.find(two.id).state == Sessions::State::kActive);
  }
  clock.advance_ms(59'000);  // 649 s in: past the longest, however busy
  CHECK(s.find(two.id).state == Sessions::State::kExpired);
  const Session three = s.start(nullptr, "127.0.0.1");
  clock.advance_ms(61'000);
  const auto swept = s.sweep();
  REQUIRE(swept.size() == 1);
  CHECK(swept[0].id == three.id);
  CHECK(s.active() == 0);
}

TEST_CASE("dashboard: every page asks for sign-in first; the right passphrase opens a session") {
  Fixture fx;
  for (const char* page : {"/", "/matrix", "/people", "/people/p-0001", "/policies", "/incidents",
                           "/devices", "/exports", "/exports/matrix.csv"}) {
    const WebResponse r = fx.get(page);
    CHECK_MESSAGE(r.status == 303, page);
    CHECK(Fixture::header(r, "Location") == "/sign-in");
    CHECK(r.body.find("Dana") == std::string::npos);
  }
  CHECK(fx.get("/static/dashboard.css").status == 200);
  const WebResponse signed_in = fx.try_sign_in(kPassphrase);
  REQUIRE(signed_in.status == 303);
  const std::string cookie = Fixture::header(signed_in, "Set-Cookie", "attest_session=");
  CHECK(cookie.find("; HttpOnly") != std::string::npos);
  CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("; Path=/") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP on loopback
  const std::string session = Fixture::cookie_of(signed_in, "attest_session");
  const WebResponse overview = fx.get("/", session);
  CHECK(overview.status == 200);
  CHECK(overview.body.find("id=\"overdue-count\"") != std::string::npos);
  CHECK(Fixture::header(overview, "Cache-Control") == "no-store");
  CHECK(Fixture::header(overview, "Content-Security-Policy").find("frame-ancestors 'none'") !=
        std::string::npos);
  const WebResponse matrix = fx.get("/matrix?role=front-desk", session);
  CHECK(matrix.status == 200);
  CHECK(matrix.body.find("Maria Lopez") != std::string::npos);
  CHECK(matrix.body.find("Dana Whitfield</td>") == std::string::npos);
  CHECK(fx.get("/people/p-0002", session).status == 200);
  CHECK(fx.get("/people/p-9999", session).status == 404);
  CHECK(fx.get("/matrix?as_of=2026-13-01", session).status == 400);
  CHECK(fx.get("/matrix?as_of=2030-01-01", session).status == 400);
  CHECK(fx.count("SignIn") == 1);
  const auto records = fx.server_records();
  CHECK(records.back().second.value("mode", "") == "dashboard");
  CHECK(records.back().second.value("from", "") == "127.0.0.1");
}

TEST_CASE("dashboard: wrong passphrases are refused, recorded, and lock sign-in for a while") {
  Fixture fx;
  for (int i = 1; i <= 4; ++i) {
    const WebResponse r = fx.try_sign_in("not the passphrase");
    CHECK(r.status == 401);
    CHECK(Fixture::cookie_of(r, "attest_session").empty());
    CHECK(r.body.find("id=\"error\"") != std::string::npos);
  }
  CHECK(fx.count("SignInFailed") == 4);
  const WebResponse fifth = fx.try_sign_in("still not it");
  CHECK(fifth.status == 429);
  CHECK(fx.count("SignInFailed") == 5);
  CHECK(fx.server_records().back().second.value("locked_seconds", 0) == 60);
  // Locked: even the right passphrase waits, and is not tried.
  const WebResponse locked = fx.try_sign_in(kPassphrase);
  CHECK(locked.status == 429);
  CHECK(Fixture::cookie_of(locked, "attest_session").empty());
  CHECK(fx.count("SignIn") == 0);
  fx.clock.advance_ms(61'000);
  CHECK(fx.try_sign_in(kPassphrase).status == 303);
  CHECK(fx.count("SignIn") == 1);
}

TEST_CASE("dashboard: a form without its CSRF token, or from another site, changes nothing") {
  Fixture fx;
  // Sign-in itself: the token must match the cookie it came with.
  WebRequest forged = fx.request("POST", "/sign-in");
  forged.form = {{"csrf", "x"}, {"passphrase", kPassphrase}};
  CHECK(fx.dash->handle(forged).status == 403);
  CHECK(fx.count("SignIn") == 0);

  const std::string session = fx.sign_in();
  const std::string csrf = Fixture::csrf_of(fx.get("/devices", session));
  auto codes = [&] { return fx.server.store->open_pairing_codes(store::kFirstSiteId, fx.clock.now().utc_ms)->size(); };
  CHECK(fx.post("/devices/pair", {}, session).status == 403);
  CHECK(fx.post("/devices/pair", {{"csrf", std::string(43, 'A')}}, session).status == 403);
  WebRequest elsewhere = fx.request("POST", "/devices/pair");
  elsewhere.origin = "https://evil.example";
  elsewhere.cookies["attest_session"] = session;
  elsewhere.form = {{"csrf", csrf}};
  CHECK(fx.dash->handle(elsewhere).status == 403);
  CHECK(codes() == 0);
  const WebResponse paired = fx.post("/devices/pair", {{"csrf", csrf}}, session);
  CHECK(paired.status == 200);
  CHECK(paired.body.find("id=\"pairing-code\"") != std::string::npos);
  CHECK(codes() == 1);
  // Signing out needs the token too.
  CHECK(fx.post("/sign-out", {}, session).status == 403);
  CHECK(fx.get("/", session).status == 200);
  CHECK(fx.post("/sign-out", {{"csrf", csrf}}, session).status == 303);
  CHECK(fx.get("/", session).status == 303);
  CHECK(fx.count("SignOut") == 1);
}

TEST_CASE("dashboard: an idle session is signed out, recorded, and its forms do nothing") {
  Fixture fx;
  const std::string session = fx.sign_in();
  const std::string csrf = Fixture::csrf_of(fx.get("/devices", session));
  fx.clock.advance_ms(kIdleMs + 1000);
  const WebResponse r = fx.get("/", session);
  CHECK(r.status == 303);
  CHECK(Fixture::header(r, "Location") == "/sign-in?expired=1");
  CHECK(fx.count("AutoLogoff") == 1);
  CHECK(fx.get("/sign-in?expired=1").body.find("id=\"notice\"") != std::string::npos);
  CHECK(fx.post("/devices/pair", {{"csrf", csrf}}, session).status == 303);
  CHECK(fx.server.store->open_pairing_codes(store::kFirstSiteId, fx.clock.now().utc_ms)->empty());
  // A session nobody comes back to is ended by the sweep, recorded the same.
  const std::string other = fx.sign_in();
  fx.clock.advance_ms(kIdleMs + 1000);
  fx.dash->sweep();
  CHECK(fx.count("AutoLogoff") == 2);
  CHECK(fx.dash->sessions().active() == 0);
  // Coming back to it later still says why it ended, and records nothing more.
  const WebResponse back = fx.get("/matrix", other);
  CHECK(Fixture::header(back, "Location") == "/sign-in?expired=1");
  CHECK(fx.count("AutoLogoff") == 2);
  CHECK(Fixture::header(fx.get("/matrix", other), "Location") == "/sign-in");
}

TEST_CASE("dashboard: other computers get it over HTTPS only; then the cookie is Secure") {
  {
    Fixture fx;
    const WebResponse r = fx.dash->handle(fx.request("GET", "/sign-in", "192.0.2.10"));
    CHECK(r.status == 403);
    CHECK(r.body.find("HTTPS") != std::string::npos);
  }
  Fixture fx(true);
  WebRequest page = fx.request("GET", "/sign-in", "192.0.2.10");
  page.tls = true;
  const WebResponse r = fx.dash->handle(page);
  CHECK(r.status == 200);
  CHECK(Fixture::header(r, "Set-Cookie", "attest_signin=").find("; Secure") != std::string::npos);
}

TEST_CASE("dashboard: the incident log needs the passphrase again, and a kiosk can be revoked") {
  Fixture fx;
  const std::string session = fx.sign_in();
  const WebResponse shut = fx.get("/incidents", session);
  CHECK(shut.status == 200);
  CHECK(shut.body.find("id=\"open-incidents\"") != std::string::npos);
  const std::string csrf = Fixture::csrf_of(shut);
  CHECK(fx.post("/incidents/open", {{"csrf", csrf}, {"passphrase", "wrong"}}, session).status == 401);
  CHECK(fx.count("SignInFailed") == 1);
  CHECK(fx.post("/incidents/open", {{"csrf", csrf}, {"passphrase", kPassphrase}}, session).status == 303);
  const WebResponse open = fx.get("/incidents", session);
  CHECK(open.body.find("id=\"report\"") != std::string::npos);
  CHECK(open.body.find("Security incident log") != std::string::npos);
  fx.clock.advance_ms(9 * 60 * 1000);
  (void)fx.get("/", session);  // stays signed in
  fx.clock.advance_ms(2 * 60 * 1000);
  CHECK(fx.get("/incidents", session).body.find("id=\"open-incidents\"") != std::string::npos);

  // An incident, reported (here on the office's chain; a kiosk's is read
  // the same), then reviewed and closed from the page.
  core::EventDraft report;
  report.kind = core::EventKind::kIncidentReported;
  report.body_fields = {{"what", "Caller asked for lab results"}, {"when", "today"}, {"where", "phone"}};
  REQUIRE(store::append_server_events(*fx.server.store, fx.server.key, std::span(&report, 1), fx.clock,
                                      fx.rng).ok());
  fx.clock.advance_ms(1000);
  (void)fx.post("/incidents/open", {{"csrf", csrf}, {"passphrase", kPassphrase}}, session);
  const WebResponse log = fx.get("/incidents", session);
  REQUIRE(log.body.find("id=\"review\"") != std::string::npos);
  const size_t at = log.body.find("<option value=\"") + 15;
  const std::string incident = log.body.substr(at, 32);
  std::map<std::string, std::string> review{{"csrf", csrf}, {"incident", incident},
                                             {"response", "Caller was not given anything"},
                                             {"notification", "not-required"},
                                             {"reasoning", "No information left the practice"},
                                             {"close", "1"}, {"by", "Dana Whitfield"}};
  auto without = [&](const char* field) {
    auto f = review;
    f.erase(field);
    return f;
  };
  CHECK(fx.post("/incidents/review", without("csrf"), session).status == 403);
  CHECK(fx.post("/incidents/review", without("by"), session).status == 400);
  CHECK(fx.post("/incidents/review", without("notification"), session).status == 400);
  auto other = review;
  other["incident"] = std::string(32, '0');
  CHECK(fx.post("/incidents/review", other, session).status == 400);
  CHECK(fx.count("IncidentReviewed") == 0);
  CHECK(fx.post("/incidents/review", review, session).status == 303);
  CHECK(fx.count("IncidentReviewed") == 1);
  const WebResponse closed = fx.get("/incidents?reviewed=1", session);
  CHECK(closed.body.find("Every incident reported is closed.") != std::string::npos);
  CHECK(closed.body.find("Caller was not given anything") != std::string::npos);

  // A kiosk, paired as /v1/pair pairs one.
  crypto::Sha256 code{};
  code.fill(7);
  const crypto::DeviceKey kiosk = crypto::DeviceKey::generate(fx.rng);
  REQUIRE(fx.server.store->add_pairing_code(code, store::kFirstSiteId, 0, fx.clock.now().utc_ms + 1000).ok());
  REQUIRE(fx.server.store
              ->pair_device(code, {kiosk.id(), kiosk.public_key(), "Front desk", 0, {}, {}, 0,
                                   store::kFirstSiteId},
                            fx.clock.now().utc_ms)
              .ok());
  const std::string hex = hex_encode(kiosk.id());
  const WebResponse ask = fx.get("/devices/" + hex + "/revoke", session);
  CHECK(ask.status == 200);
  CHECK(ask.body.find("id=\"revoke\"") != std::string::npos);
  CHECK_FALSE((*fx.server.store->find_device(kiosk.id()))->revoked_utc_ms);  // asking changes nothing
  CHECK(fx.post("/devices/" + hex + "/revoke", {}, session).status == 403);
  CHECK_FALSE((*fx.server.store->find_device(kiosk.id()))->revoked_utc_ms);
  const WebResponse done = fx.post("/devices/" + hex + "/revoke", {{"csrf", csrf}}, session);
  CHECK(done.status == 200);
  CHECK((*fx.server.store->find_device(kiosk.id()))->revoked_utc_ms);
  // The server's own chain cannot be revoked from here.
  CHECK(fx.get("/devices/" + hex_encode(fx.server.key.id()) + "/revoke", session).status == 404);
}

TEST_CASE("dashboard: reports download as files; the evidence bundle as a zip") {
  Fixture fx;
  const std::string session = fx.sign_in();
  const WebResponse csv = fx.get("/exports/matrix.csv", session);
  CHECK(csv.status == 200);
  CHECK(csv.content_type.rfind("text/csv", 0) == 0);
  CHECK(csv.body.rfind("Person,Role,", 0) == 0);
  CHECK(csv.body.find("Maria Lopez,front-desk,") != std::string::npos);
  CHECK(Fixture::header(csv, "Content-Disposition").find("compliance-matrix.csv") != std::string::npos);
  CHECK(fx.get("/exports/matrix.pdf", session).body.rfind("%PDF-", 0) == 0);
  CHECK(fx.get("/exports/nothing.csv", session).status == 404);
  CHECK(fx.get("/exports/matrix.doc", session).status == 404);
  const std::string csrf = Fixture::csrf_of(fx.get("/exports", session));
  // What holds incident reports asks for the passphrase again first.
  const WebResponse asks = fx.get("/exports/incidents.csv", session);
  CHECK(asks.status == 303);
  CHECK(Fixture::header(asks, "Location") == "/incidents?next=/exports");
  CHECK(Fixture::header(fx.post("/exports/bundle", {{"csrf", csrf}, {"from", "2026-01-01"}, {"to", "2026-11-23"}}, session),
                        "Location") == "/incidents?next=/exports");
  CHECK(fx.get("/incidents?next=/exports", session).body.find("name=\"next\" value=\"/exports\"") !=
        std::string::npos);
  const WebResponse opened =
      fx.post("/incidents/open", {{"csrf", csrf}, {"passphrase", kPassphrase}, {"next", "/exports"}}, session);
  CHECK(Fixture::header(opened, "Location") == "/exports");
  CHECK(fx.get("/exports/incidents.csv", session).status == 200);
  CHECK(fx.post("/exports/bundle", {{"csrf", csrf}, {"from", "2026-11-01"}, {"to", "2027-01-01"}}, session).status == 400);
  const WebResponse zip = fx.post("/exports/bundle", {{"csrf", csrf}, {"from", "2026-01-01"}, {"to", "2026-11-23"}}, session);
  REQUIRE(zip.status == 200);
  CHECK(zip.content_type == "application/zip");
  REQUIRE(!zip.file.empty());
  CHECK(zip.delete_file);
  std::ifstream in(zip.file, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  CHECK(std::string(magic, 2) == "PK");
  // Nothing opened is left in the server's folder but the archive itself.
  size_t left = 0;
  for (const auto& e : std::filesystem::directory_iterator(fx.dir.path() / "server" / "exports")) {
    left += e.path() != zip.file;
  }
  CHECK(left == 0);
  std::filesystem::remove(zip.file);
}
