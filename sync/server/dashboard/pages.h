// What the dashboard's pages share: the dashboard's state (Dashboard::Impl)
// and one function per page, each in a file of its own. dashboard.cpp
// checks the session and the CSRF token before any page runs.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>

#include "dashboard/dashboard.h"
#include "dashboard/page.h"
#include "report/reports.h"

namespace attest::dashboard {

struct Dashboard::Impl {
  DashboardConfig config;
  store::MasterStore& store;
  const crypto::DeviceKey& server_key;
  const Clock& clock;
  Random& rng;
  Sessions sessions;
  SignInThrottle throttle;
  ReportCache reports;
  std::mutex unlock_mu;  // one Argon2id at a time
  std::string practice;  // the name, for every page's bar
  // The background thread's: stop, or load the first pages' records now.
  std::mutex background_mu;
  std::condition_variable background_cv;
  bool stopping = false;
  bool warm_wanted = false;

  Impl(DashboardConfig c, store::MasterStore& s, const crypto::DeviceKey& key, const Clock& cl,
       Random& r);
  // A signed record on this server's chain (SignIn, SignOut, ...).
  Status record(core::EventKind kind, nlohmann::json body);
  Status record_draft(core::EventDraft draft);
  // The automatic log-off of a session that was idle too long.
  void record_logoff(const Session& s);
  Date today() const { return local_date(clock.now()); }
};

// The records the overview reads (the matrix's, the overdue list's, and
// the incidents' with their reviews), as of `today`.
ReportView overview_view(Date today);
// Loads the overview's records and works out its figures, so the page is
// ready before it is asked for.
void warm_overview(Dashboard::Impl& d, const std::shared_ptr<const crypto::BoxSecretKey>& secret);

// One signed-in request as a page sees it.
struct PageRequest {
  const WebRequest& web;
  Session session;
  PageFrame frame;  // practice, csrf, idle time; the page sets `active`
};

// A whole page; `status` for refusals.
WebResponse html_page(const PageFrame& frame, std::string_view title, std::string_view body,
                      int status = 200);
// A page that says what went wrong, with a way back.
WebResponse error_page(const PageFrame& frame, int status, std::string_view title,
                       std::string_view message);
// The reports a page reads, or the error page saying why they could not be.
Result<std::shared_ptr<const LoadedReports>> load_view(Dashboard::Impl& d, const PageRequest& r,
                                                       const ReportView& view);
// The as-of date a page or export asks for (?as_of=): today when not
// given; a bad or future date is refused with a message.
Result<Date> as_of_param(const Dashboard::Impl& d, const WebRequest& w);
// "2026-11-23 16:40 UTC", or "never".
std::string when_text(std::optional<int64_t> utc_ms);
// Whether `device` is a site's office server chain rather than a kiosk.
bool is_server_chain(const std::vector<store::SiteRecord>& sites, const store::DeviceRecord& device);

// Whether this session entered the passphrase again recently enough to see
// incident reports (the incident log, its exports, the evidence bundle).
inline bool incidents_open(const Dashboard::Impl& d, const PageRequest& r) {
  return r.session.incidents_open_until_ms > d.clock.now().utc_ms;
}

// The report context as of now: generated just now.
report::ReportContext context_now(const LoadedReports& reports);

WebResponse overview_page(Dashboard::Impl& d, PageRequest& r);
WebResponse matrix_page(Dashboard::Impl& d, PageRequest& r);
WebResponse people_page(Dashboard::Impl& d, PageRequest& r);
WebResponse transcript_page(Dashboard::Impl& d, PageRequest& r, const std::string& person);
WebResponse policies_page(Dashboard::Impl& d, PageRequest& r);
WebResponse roster_page(Dashboard::Impl& d, PageRequest& r, const std::string& policy,
                        const std::string& version);
WebResponse incidents_page(Dashboard::Impl& d, PageRequest& r, std::string_view refusal = {});
WebResponse review_incident(Dashboard::Impl& d, PageRequest& r);
WebResponse devices_page(Dashboard::Impl& d, PageRequest& r, std::string_view notice = {});
WebResponse pair_device(Dashboard::Impl& d, PageRequest& r);
WebResponse revoke_page(Dashboard::Impl& d, PageRequest& r, const std::string& device, bool confirm);
WebResponse exports_page(Dashboard::Impl& d, PageRequest& r);
WebResponse export_report(Dashboard::Impl& d, PageRequest& r, const std::string& file);
WebResponse export_bundle(Dashboard::Impl& d, PageRequest& r);

}  // namespace attest::dashboard
