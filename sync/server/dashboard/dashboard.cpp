#include "dashboard/dashboard.h"

#include <chrono>

#include "crypto/practice_key.h"
#include "crypto/secret.h"
#include "dashboard/pages.h"
#include "report/html.h"
#include "store/server_chain.h"

namespace attest::dashboard {

namespace {

constexpr char kSessionCookie[] = "attest_session";
constexpr char kSignInCookie[] = "attest_signin";
constexpr char kSubject[] = "dashboard";

std::string cookie(const Dashboard::Impl& d, const std::string& name, const std::string& value,
                   bool expire = false) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (d.config.tls) c += "; Secure";
  if (expire) c += "; Max-Age=0";
  return c;
}

std::string minutes_text(int64_t ms) {
  const int64_t minutes = (ms + 59999) / 60000;
  if (ms < 60000) {
    const int64_t s = (ms + 999) / 1000;
    return std::to_string(s) + (s == 1 ? " second" : " seconds");
  }
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

std::string wait_text(int seconds) {
  return "Too many wrong passphrases in a row: signing in is locked for " +
         minutes_text(int64_t{seconds} * 1000) +
         ". Every attempt is recorded for the log-in monitoring report.";
}

// The sign-in page. Its form's token is the one in the browser's sign-in
// cookie, made once: a new one with every page would let a second tab, or
// the browser's own request for /favicon.ico, spoil the first tab's form.
WebResponse sign_in_page(Dashboard::Impl& d, const WebRequest& req, int status,
                         const std::string& message, const std::string& notice) {
  using report::html_escape;
  auto held = req.cookies.find(kSignInCookie);
  const std::string token = held != req.cookies.end() && held->second.size() == 43
                                ? held->second
                                : random_token(d.rng);
  std::string body = "<div class=\"signin\">\n<h1>Sign in</h1>\n";
  body += "<p class=\"lead\">The Security Official's dashboard for " + html_escape(d.practice) +
          ". Use the practice passphrase, the one that opens admin mode on the kiosks.</p>\n";
  if (!notice.empty()) body += "<p id=\"notice\" class=\"notice\" role=\"status\">" + html_escape(notice) + "</p>\n";
  if (!message.empty()) body += "<p id=\"error\" class=\"error\" role=\"alert\">" + html_escape(message) + "</p>\n";
  if (d.config.practice_key_file.empty()) {
    body += "<p class=\"error\" role=\"alert\">This server does not hold the practice key file, so "
            "nobody can sign in here. Put practice.key back in the server's folder.</p>\n";
  }
  body += "<form id=\"sign-in-form\" method=\"post\" action=\"/sign-in\">\n" + csrf_field(token) +
          "\n<div class=\"field\"><label for=\"passphrase\">Passphrase</label>"
          "<input type=\"password\" id=\"passphrase\" name=\"passphrase\" "
          "autocomplete=\"current-password\" required autofocus></div>\n"
          "<button id=\"sign-in\" type=\"submit\" class=\"button\">Sign in</button>\n</form>\n"
          "<p class=\"lead after-form\">You are signed out after " +
          minutes_text(d.sessions.policy().idle_ms) +
          " without activity. Each sign-in and each wrong passphrase is recorded.</p>\n</div>\n";
  WebResponse r = html_page(PageFrame{d.practice, {}, {}, 0}, "Sign in", body, status);
  r.header("Set-Cookie", cookie(d, kSignInCookie, token));
  return r;
}

enum class Check { kRight, kWrong, kLocked, kFailed };
struct PassphraseCheck {
  Check result = Check::kFailed;
  std::optional<crypto::BoxSecretKey> secret;
  std::string message;  // for the page, when not right
};

// Tries the passphrase under the throttle, recording the failure.
PassphraseCheck check_passphrase(Dashboard::Impl& d, std::string passphrase,
                                 const std::string& remote, const char* purpose) {
  PassphraseCheck out;
  core::PinState st;
  Result<crypto::BoxSecretKey> key = make_error(ErrorCode::kWrongSecret, "");
  {
    // One try at a time, each after the lock-out check: tries sent at once
    // cannot slip past the limit while the first is being checked.
    std::lock_guard<std::mutex> lock(d.unlock_mu);
    if (int wait = d.throttle.wait_seconds(); wait > 0) {
      crypto::secure_zero(passphrase);
      out.result = Check::kLocked;
      out.message = wait_text(wait);
      return out;
    }
    key = d.config.practice_key_file.empty()
              ? Result<crypto::BoxSecretKey>(make_error(ErrorCode::kNotFound,
                                                        "the practice key file is not on this server"))
              : crypto::unlock_with_passphrase(d.config.practice_key_file, passphrase);
    if (!key.ok() && key.error().code == ErrorCode::kWrongSecret) st = d.throttle.failed();
  }
  crypto::secure_zero(passphrase);
  if (key.ok()) {
    out.result = Check::kRight;
    out.secret.emplace(std::move(*key));
    return out;
  }
  if (key.error().code != ErrorCode::kWrongSecret) {
    out.message = "Signing in failed: " + key.error().message;
    return out;
  }
  const int64_t now = d.clock.now().utc_ms;
  const int locked = core::seconds_locked(st, now);
  Status recorded = d.record(core::EventKind::kSignInFailed,
                            {{"mode", kSubject},
                             {"purpose", purpose},
                             {"from", remote},
                             {"failures_in_a_row", st.failures},
                             {"lockouts", st.lockouts},
                             {"locked_seconds", locked}});
  out.result = locked > 0 ? Check::kLocked : Check::kWrong;
  if (locked > 0) {
    out.message = wait_text(locked);
  } else {
    const int left = core::tries_left(st);
    out.message = "That passphrase is not right. " + std::to_string(left) +
                  (left == 1 ? " try" : " tries") + " left before signing in is locked for a while.";
  }
  if (!recorded.ok()) out.message += " (It could not be recorded: " + recorded.error().message + ")";
  return out;
}

WebResponse forbidden(const PageFrame& frame) {
  WebResponse r = error_page(frame, 403, "This form has expired",
                             "The page this came from is too old, or it was not sent by this "
                             "dashboard, so nothing was done. Go back, reload the page, and try "
                             "again.");
  r.note = "csrf refused";
  return r;
}

bool same_origin(const WebRequest& r) {
  // Browsers send Origin on every POST; a page of another site cannot
  // forge it. Without one (older clients), the CSRF token decides alone.
  if (r.origin.empty()) return true;
  const std::string scheme = r.tls ? "https://" : "http://";
  return r.origin == scheme + r.host;
}

WebResponse static_file(std::string_view text, const char* type) {
  WebResponse r;
  r.content_type = type;
  r.body = std::string(text);
  r.header("Cache-Control", "no-cache");
  return r;
}

bool loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Splits "/people/p-0001" into {"people", "p-0001"}.
std::vector<std::string> path_parts(const std::string& path) {
  std::vector<std::string> parts;
  size_t at = 1;
  while (at <= path.size()) {
    size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    if (slash > at) parts.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  return parts;
}

}  // namespace

Dashboard::Impl::Impl(DashboardConfig c, store::MasterStore& s, const crypto::DeviceKey& key,
                      const Clock& cl, Random& r)
    : config(std::move(c)),
      store(s),
      server_key(key),
      clock(cl),
      rng(r),
      sessions(cl, r, config.sessions),
      throttle(cl),
      reports(office::SourceOptions{config.server_dir.string(), config.store_uri, {}, config.assets,
                                    {}, {}, {}},
              s) {
  if (auto p = s.practice(); p.ok()) practice = p->name;
  if (practice.empty()) practice = "Practice";
}

Status Dashboard::Impl::record(core::EventKind kind, nlohmann::json body) {
  core::EventDraft draft;
  draft.kind = kind;
  draft.subject.id = kSubject;
  draft.body_fields = std::move(body);
  return record_draft(std::move(draft));
}

void Dashboard::Impl::record_logoff(const Session& s) {
  (void)record(core::EventKind::kAutoLogoff,
               {{"mode", kSubject}, {"from", s.remote}, {"idle_seconds", sessions.policy().idle_ms / 1000}});
}

Status Dashboard::Impl::record_draft(core::EventDraft draft) {
  auto appended = store::append_server_events(store, server_key, std::span(&draft, 1), clock, rng);
  if (!appended.ok()) return appended.error();
  return {};
}

WebResponse html_page(const PageFrame& frame, std::string_view title, std::string_view body,
                      int status) {
  WebResponse r;
  r.status = status;
  r.body = render_page(frame, title, body);
  return r;
}

WebResponse error_page(const PageFrame& frame, int status, std::string_view title,
                       std::string_view message) {
  using report::html_escape;
  std::string body = heading(title);
  body += "<p id=\"error\" class=\"error\" role=\"alert\">" + html_escape(message) + "</p>\n";
  body += frame.csrf.empty() ? "<p><a href=\"/sign-in\">Sign in</a></p>\n"
                             : "<p><a href=\"/\">Back to the overview</a></p>\n";
  return html_page(frame, title, body, status);
}

Result<std::shared_ptr<const LoadedReports>> load_view(Dashboard::Impl& d, const PageRequest& r,
                                                       const ReportView& view) {
  return d.reports.get(view, r.session.secret);
}

// The as-of date a page asks for: today when not given. A bad or future
// date is refused with a message rather than guessed at.
Result<Date> as_of_param(const Dashboard::Impl& d, const WebRequest& w) {
  const std::string& text = w.param("as_of");
  if (text.empty()) return d.today();
  auto day = parse_date(text);
  if (!day.ok()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "\"" + text + "\" is not a date: use YYYY-MM-DD, like 2026-06-30.");
  }
  if (*day > d.today()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "A report as of " + text + " would be about a day that has not come yet.");
  }
  return *day;
}

std::string when_text(std::optional<int64_t> utc_ms) {
  return utc_ms ? report::generated_at_text(*utc_ms) : std::string("never");
}

bool is_server_chain(const std::vector<store::SiteRecord>& sites, const store::DeviceRecord& device) {
  return std::any_of(sites.begin(), sites.end(),
                     [&](const auto& s) { return s.server_key == device.public_key; });
}

report::ReportContext context_now(const LoadedReports& reports) {
  report::ReportContext ctx = reports.loaded.ctx;
  ctx.generated_at = office::generated_at_now();
  return ctx;
}

Dashboard::Dashboard(DashboardConfig config, store::MasterStore& store,
                     const crypto::DeviceKey& server_key, const Clock& clock, Random& rng)
    : impl_(std::make_unique<Impl>(std::move(config), store, server_key, clock, rng)) {}

Dashboard::~Dashboard() {
  {
    std::lock_guard<std::mutex> lock(impl_->background_mu);
    impl_->stopping = true;
  }
  impl_->background_cv.notify_all();
  if (background_.joinable()) background_.join();
}

ReportCache& Dashboard::reports() { return impl_->reports; }
Sessions& Dashboard::sessions() { return impl_->sessions; }

void Dashboard::sweep() {
  for (const Session& s : impl_->sessions.sweep()) impl_->record_logoff(s);
  if (impl_->sessions.active() == 0) impl_->reports.clear();
}

void Dashboard::start_background(int64_t every_ms) {
  background_ = std::thread([this, every_ms] { background(every_ms); });
}

void Dashboard::background(int64_t every_ms) {
  Impl& d = *impl_;
  std::unique_lock<std::mutex> lock(d.background_mu);
  while (!d.stopping) {
    d.background_cv.wait_for(lock, std::chrono::milliseconds(every_ms),
                             [&] { return d.stopping || d.warm_wanted; });
    if (d.stopping) break;
    d.warm_wanted = false;
    lock.unlock();
    sweep();
    // The two pages opened most: loaded again as soon as the store has new
    // records (asking costs one look at the devices when it has not). The
    // others load when asked for. A failed load is left for the page to
    // report.
    if (auto secret = d.sessions.any_secret()) {
      warm_overview(d, secret);
      (void)d.reports.get(view_of({"matrix"}, d.today()), secret);
    }
    lock.lock();
  }
}

WebResponse Dashboard::handle(const WebRequest& req) {
  Impl& d = *impl_;
  WebResponse out = [&]() -> WebResponse {
    if (req.path == "/static/dashboard.css") return static_file(dashboard_css(), "text/css; charset=utf-8");
    if (req.path == "/static/report.css") return static_file(report::html_style(), "text/css; charset=utf-8");
    if (req.path == "/static/dashboard.js") {
      return static_file(dashboard_js(), "text/javascript; charset=utf-8");
    }
    // The passphrase and the records must not cross the office network in
    // the clear: another computer gets the dashboard over HTTPS only.
    if (!req.tls && !loopback(req.remote)) {
      return error_page(PageFrame{d.practice, {}, {}, 0}, 403, "Use HTTPS",
                        "The dashboard is served to other computers over HTTPS only. Start "
                        "attest-server with --tls-cert and --tls-key, then open https://… "
                        "instead. Kiosks sync as before.");
    }
    if (req.path == "/favicon.ico") {
      WebResponse r;
      r.status = 404;
      r.content_type = "text/plain; charset=utf-8";
      return r;
    }
    if (req.method != "GET" && req.method != "POST") {
      WebResponse r = error_page(PageFrame{d.practice, {}, {}, 0}, 405, "Not allowed",
                                 "The dashboard answers GET and POST only.");
      r.header("Allow", "GET, POST");
      return r;
    }
    const bool post = req.method == "POST";
    if (post && !same_origin(req)) return forbidden(PageFrame{d.practice, {}, {}, 0});

    if (req.path == "/sign-in") {
      if (!post) {
        std::string notice;
        if (!req.param("expired").empty()) {
          notice = "You were signed out after " + minutes_text(d.sessions.policy().idle_ms) +
                   " without activity. Sign in again to go on.";
        } else if (!req.param("signed-out").empty()) {
          notice = "You are signed out.";
        }
        return sign_in_page(d, req, 200, {}, notice);
      }
      auto c = req.cookies.find(kSignInCookie);
      if (c == req.cookies.end() || !same_token(c->second, req.field("csrf"))) {
        return forbidden(PageFrame{d.practice, {}, {}, 0});
      }
      PassphraseCheck check = check_passphrase(d, req.field("passphrase"), req.remote, "sign-in");
      if (check.result == Check::kWrong) return sign_in_page(d, req, 401, check.message, {});
      if (check.result == Check::kLocked) return sign_in_page(d, req, 429, check.message, {});
      if (check.result == Check::kFailed) return sign_in_page(d, req, 500, check.message, {});
      d.throttle.succeeded();
      // Log-in monitoring must not miss a sign-in: without its record,
      // nobody is signed in.
      if (Status s = d.record(core::EventKind::kSignIn, {{"mode", kSubject}, {"from", req.remote}});
          !s.ok()) {
        return sign_in_page(d, req, 500, "Signing in could not be recorded, so it was refused: " +
                                        s.error().message, {});
      }
      const Session s = d.sessions.start(
          std::make_shared<const crypto::BoxSecretKey>(std::move(*check.secret)), req.remote);
      {
        std::lock_guard<std::mutex> lock(d.background_mu);
        d.warm_wanted = true;
      }
      d.background_cv.notify_all();
      WebResponse r = redirect("/");
      r.header("Set-Cookie", cookie(d, kSessionCookie, s.id));
      r.header("Set-Cookie", cookie(d, kSignInCookie, "", true));
      r.note = "signed in";
      return r;
    }

    // This request's own session first, so an expired one is told it
    // expired; then everyone else's idle sessions end.
    auto cookie_it = req.cookies.find(kSessionCookie);
    const Sessions::Lookup found =
        d.sessions.find(cookie_it == req.cookies.end() ? std::string() : cookie_it->second);
    sweep();
    if (found.state != Sessions::State::kActive) {
      // (The sweep above let the reports go if this was the last session.)
      if (found.state == Sessions::State::kExpired && !found.swept) d.record_logoff(found.session);
      if (req.path == "/keep-alive") {
        WebResponse r;
        r.status = 401;
        r.content_type = "text/plain; charset=utf-8";
        r.body = "signed out\n";
        return r;
      }
      WebResponse r = redirect(found.state == Sessions::State::kExpired ? "/sign-in?expired=1"
                                                                        : "/sign-in");
      if (found.state == Sessions::State::kExpired) {
        r.header("Set-Cookie", cookie(d, kSessionCookie, "", true));
      }
      return r;
    }
    PageRequest page{req, found.session,
                     PageFrame{d.practice, found.session.csrf, {},
                               static_cast<int>(d.sessions.policy().idle_ms / 1000)}};
    if (post && !same_token(found.session.csrf, req.field("csrf"))) return forbidden(page.frame);

    if (req.path == "/keep-alive") {
      WebResponse r;
      r.status = 204;
      r.content_type = "text/plain; charset=utf-8";
      return r;
    }
    if (req.path == "/sign-out" && post) {
      d.sessions.end(found.session.id);
      (void)d.record(core::EventKind::kSignOut, {{"mode", kSubject}, {"from", req.remote}});
      if (d.sessions.active() == 0) d.reports.clear();
      WebResponse r = redirect("/sign-in?signed-out=1");
      r.header("Set-Cookie", cookie(d, kSessionCookie, "", true));
      r.note = "signed out";
      return r;
    }
    const std::vector<std::string> parts = path_parts(req.path);
    const std::string first = parts.empty() ? std::string() : parts[0];
    if (!post) {
      if (parts.empty()) return overview_page(d, page);
      if (first == "matrix" && parts.size() == 1) return matrix_page(d, page);
      if (first == "people" && parts.size() == 1) return people_page(d, page);
      if (first == "people" && parts.size() == 2) return transcript_page(d, page, parts[1]);
      if (first == "policies" && parts.size() == 1) return policies_page(d, page);
      if (first == "policies" && parts.size() == 3) return roster_page(d, page, parts[1], parts[2]);
      if (first == "incidents" && parts.size() == 1) return incidents_page(d, page);
      if (first == "devices" && parts.size() == 1) return devices_page(d, page);
      if (first == "devices" && parts.size() == 3 && parts[2] == "revoke") {
        return revoke_page(d, page, parts[1], false);
      }
      if (first == "exports" && parts.size() == 1) return exports_page(d, page);
      if (first == "exports" && parts.size() == 2) return export_report(d, page, parts[1]);
    } else {
      if (req.path == "/incidents/open") {
        PassphraseCheck check =
            check_passphrase(d, req.field("passphrase"), req.remote, "incident log");
        if (check.result != Check::kRight) return incidents_page(d, page, check.message);
        d.throttle.succeeded();
        if (Status s = d.record(core::EventKind::kSignIn, {{"mode", kSubject},
                                                           {"purpose", "incident log"},
                                                           {"from", req.remote}});
            !s.ok()) {
          return incidents_page(d, page, "Opening the incident log could not be recorded, so it "
                                         "stays shut: " + s.error().message);
        }
        d.sessions.open_incidents(found.session.id);
        return redirect(req.field("next") == "/exports" ? "/exports" : "/incidents");
      }
      if (req.path == "/incidents/review") return review_incident(d, page);
      if (req.path == "/devices/pair") return pair_device(d, page);
      if (first == "devices" && parts.size() == 3 && parts[2] == "revoke") {
        return revoke_page(d, page, parts[1], true);
      }
      if (req.path == "/exports/bundle") return export_bundle(d, page);
    }
    return error_page(page.frame, 404, "Not found", "There is no page at " + req.path + ".");
  }();
  // Pages hold names and sealed details: never kept by a browser's or a
  // proxy's cache, never framed, and no scripts but ours.
  if (out.headers.end() == std::find_if(out.headers.begin(), out.headers.end(), [](const auto& h) {
        return h.first == "Cache-Control";
      })) {
    out.header("Cache-Control", "no-store");
  }
  out.header("X-Content-Type-Options", "nosniff");
  out.header("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null"
  // on our own forms, and the origin check would refuse them.
  out.header("Referrer-Policy", "same-origin");
  out.header("Content-Security-Policy",
             "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; "
             "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
             "frame-ancestors 'none'; base-uri 'none'");
  return out;
}

}  // namespace attest::dashboard
