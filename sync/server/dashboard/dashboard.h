// The Security Official's dashboard, served by attest-server beside the
// kiosks' /v1/ API. Signed in with the official's passphrase, which
// unlocks the practice key for the session; every page is built from the
// same reports as `attest report` (office/report_source.h, report/), so a
// figure here is the CLI's figure for the same store.
//
//   /sign-in, /sign-out, /keep-alive     sessions (sessions.h)
//   /                                    overview: training, overdue, incidents, devices, alerts
//   /matrix                              compliance matrix with filters
//   /people, /people/ID                  roster and transcripts
//   /policies, /policies/ID/VERSION      attestation rosters with the signatures drawn
//   /incidents                           incident log, opened with the passphrase again
//   /devices                             kiosks: pair one, revoke one
//   /exports, /exports/KIND.EXT          every report as CSV, HTML or PDF; the evidence bundle
//   /static/...                          style sheet and the one small script
//
// Sign-ins, failures, sign-outs and idle log-offs are events on this
// server's own chain (store/server_chain.h). Every POST carries the
// session's CSRF token; the sign-in form carries one tied to a cookie.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "base/random.h"
#include "base/time.h"
#include "crypto/device_key.h"
#include "dashboard/report_cache.h"
#include "dashboard/sessions.h"
#include "dashboard/web.h"
#include "store/master_store.h"

namespace attest::dashboard {

struct DashboardConfig {
  std::filesystem::path server_dir;
  std::string store_uri;  // serve --store, when not the folder's
  std::string assets;     // the curriculum folder
  // The practice key file's text (its secret wrapped); empty when the file
  // is not on this server, and then nobody can sign in.
  std::string practice_key_file;
  SessionPolicy sessions;
  bool tls = false;  // cookies are Secure
};

class Dashboard {
 public:
  Dashboard(DashboardConfig config, store::MasterStore& store, const crypto::DeviceKey& server_key,
            const Clock& clock, Random& rng);
  ~Dashboard();

  WebResponse handle(const WebRequest& request);

  // Ends sessions idle too long (recording their log-off) and lets the
  // practice key go when nobody is signed in. handle() does this too.
  void sweep();
  // A server also runs this in the background: every `every_ms`, and
  // right after each sign-in, sweep, and while someone is signed in, load
  // the overview's and the matrix's records whenever the store has new
  // ones, so those pages answer from memory.
  void start_background(int64_t every_ms = 2000);

  ReportCache& reports();
  Sessions& sessions();

  struct Impl;  // the pages' view of the dashboard (pages.h)

 private:
  void background(int64_t every_ms);

  std::unique_ptr<Impl> impl_;
  std::thread background_;
};

}  // namespace attest::dashboard
