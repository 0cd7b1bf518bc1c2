// attest-server: the practice's office server. Keeps the master record
// store, pairs kiosks and takes their records. No display needed.
//
//   attest-server init DIR [--practice-name NAME] [--passphrase-file F | --practice-key F]
//                          [--store postgresql://...] [--site ID --site-name NAME]
//   attest-server add-site DIR --store postgresql://... --site ID --site-name NAME
//                              --practice-key F
//   attest-server sites DIR
//   attest-server serve DIR [--listen 127.0.0.1:8750] [--tls-cert F --tls-key F]
//                           [--store postgresql://...] [--idle-minutes N] [--assets DIR]
//     (kiosks sync under /v1/; the Security Official's dashboard is at /)
//   attest-server pair DIR
//   attest-server devices DIR [--revoke DEVICE]
//   attest-server backup DIR OUT
//   attest-server verify DIR [--every-signature]
//   attest-server migrate-store --from DIR --to postgresql://...
//
// Exit status: 0 ok, 1 a check failed, 2 the command could not run.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <malloc.h>
#include <pthread.h>
#include <thread>

#include "base/file.h"
#include "crypto/random.h"
#include "crypto/secret.h"
#include "platform/secret_input.h"
#include "store/master_verify.h"
#include "store/migrate_store.h"
#include "store/sqlite_master_store.h"
#include "sync/protocol/pairing.h"
#include "sync/server/http_server.h"
#include "sync/server/server_dir.h"

namespace {

using namespace attest;
using namespace attest::sync;

constexpr int kExitOk = 0, kExitFailed = 1, kExitError = 2;

int fail(const Error& e) {
  std::fprintf(stderr, "attest-server: %s\n", e.message.c_str());
  return kExitError;
}

int fail(const std::string& message) { return fail(make_error(ErrorCode::kInvalidArgument, message)); }

// From --passphrase-file, else $ATTEST_PASSPHRASE, else typed twice.
Result<std::string> new_passphrase(const std::string& file) {
  std::optional<std::string> p;
  if (!file.empty()) {
    p = platform::read_secret_file(file);
    if (!p) return make_error(ErrorCode::kIo, "cannot read " + file);
  } else if (const char* env = std::getenv("ATTEST_PASSPHRASE")) {
    p = env;
  } else {
    p = platform::prompt_secret("Security Official's passphrase (at least 10 characters): ");
    if (!p) {
      return make_error(ErrorCode::kInvalidArgument,
                        "no terminal to ask for a passphrase; use --passphrase-file");
    }
    auto again = platform::prompt_secret("The same passphrase again: ");
    if (!again || *again != *p) return make_error(ErrorCode::kInvalidArgument, "the passphrases differ");
  }
  if (p->size() < 10) {
    return make_error(ErrorCode::kInvalidArgument, "the passphrase must have at least 10 characters");
  }
  return *p;
}

int run_init(const std::string& dir, const std::string& name, const std::string& passphrase_file,
             const std::string& store_uri, const SiteName& site) {
  auto passphrase = new_passphrase(passphrase_file);
  if (!passphrase.ok()) return fail(passphrase.error());
  crypto::SystemRandom rng;
  SystemClock clock;
  auto r = init_server({dir}, name, *passphrase, rng, clock, crypto::kdf_cost_moderate(), store_uri,
                       site);
  crypto::secure_zero(*passphrase);
  if (!r.ok()) return fail(r.error());
  std::printf(
      "Made the office server for %s in %s.\n\n"
      "RECOVERY CODE (shown once; print it or write it down and lock it away):\n\n"
      "    %s\n\n"
      "It opens the practice's records if the passphrase is ever lost. Whoever holds\n"
      "it can read every record, so keep it where you keep other practice secrets.\n\n"
      "Next: attest-server serve %s, then attest-server pair %s for each kiosk.\n",
      name.c_str(), dir.c_str(), r->recovery_code.c_str(), dir.c_str(), dir.c_str());
  return kExitOk;
}

// A practice that began with a standalone kiosk: the server takes that
// kiosk's practice key, so the records it sealed can move here.
int run_init_adopting(const std::string& dir, const std::string& name, const std::string& store_uri,
                      const std::string& practice_key, const SiteName& site) {
  auto file = read_file(practice_key);
  if (!file.ok()) return fail(file.error());
  crypto::SystemRandom rng;
  SystemClock clock;
  auto r = init_server_with_practice_key({dir}, name, *file, rng, clock, store_uri, site);
  if (!r.ok()) return fail(r.error());
  std::printf(
      "Made the office server for %s in %s with the practice key from %s.\n"
      "Its passphrase and recovery code stay the ones made with that key.\n\n"
      "Next: attest-server serve %s, then attest-server pair %s for each kiosk.\n",
      name.c_str(), dir.c_str(), practice_key.c_str(), dir.c_str(), dir.c_str());
  return kExitOk;
}

// Another site of a practice group: its own server, on the group's store.
int run_add_site(const std::string& dir, const std::string& store_uri, const SiteName& site,
                 const std::string& practice_key) {
  auto file = read_file(practice_key);
  if (!file.ok()) return fail(file.error());
  crypto::SystemRandom rng;
  SystemClock clock;
  auto r = init_site_server({dir}, store_uri, site, *file, rng, clock);
  if (!r.ok()) return fail(r.error());
  std::printf(
      "Made the office server for the site %s (%s) in %s, on the group's store.\n"
      "It has its own server key; the passphrase and recovery code stay the group's.\n\n"
      "Next: attest-server serve %s, then attest-server pair %s for each of this site's kiosks.\n",
      site.id.c_str(), site.name.c_str(), dir.c_str(), dir.c_str(), dir.c_str());
  return kExitOk;
}

std::string when_utc(std::optional<int64_t> ms) {
  return ms ? format_utc(*ms).substr(0, 16) : std::string("never");
}

int run_sites(const std::string& dir) {
  auto server = open_server({dir}, store::OpenMode::kReadOnly);
  if (!server.ok()) return fail(server.error());
  auto sites = server->store->sites();
  if (!sites.ok()) return fail(sites.error());
  auto devices = server->store->devices();
  if (!devices.ok()) return fail(devices.error());
  std::printf("%-16s  %-28s  %7s  %8s  %-16s  %s\n", "SITE", "NAME", "KIOSKS", "RECORDS",
              "LAST SYNC", "SERVER KEY");
  for (const auto& site : *sites) {
    size_t kiosks = 0;
    uint64_t records = 0;
    std::optional<int64_t> last;
    for (const auto& d : *devices) {
      if (d.site_id != site.id) continue;
      records += d.stored_through_seq;
      if (d.public_key == site.server_key) continue;  // the server's own chain
      if (!d.revoked_utc_ms) ++kiosks;
      if (d.last_seen_utc_ms && (!last || *d.last_seen_utc_ms > *last)) last = d.last_seen_utc_ms;
    }
    std::printf("%-16s  %-28.28s  %7zu  %8llu  %-16s  %s%s\n", site.id.c_str(), site.name.c_str(),
                kiosks, static_cast<unsigned long long>(records), when_utc(last).c_str(),
                hex_encode(crypto::fingerprint(site.server_key)).substr(0, 16).c_str(),
                site.id == server->site.id ? "  (this server)" : "");
  }
  return kExitOk;
}

int run_pair(const std::string& dir) {
  auto server = open_server({dir});
  if (!server.ok()) return fail(server.error());
  crypto::SystemRandom rng;
  const int64_t now = SystemClock().now().utc_ms;
  const std::string code = make_pairing_code(rng);
  auto s = server->store->add_pairing_code(pairing_key(normalize_pairing_code(code)),
                                           server->site.id, now,
                                           now + kPairingCodeLifetimeMs);
  if (!s.ok()) return fail(s.error());
  // The kiosk's pairing page shows the key it pinned in the same groups,
  // so the two can be compared by eye.
  const std::string fingerprint = grouped_hex(crypto::fingerprint(server->key.public_key()));
  std::printf("Pairing code:  %s\n\n"
              "Enter it on the kiosk within 10 minutes (until %s). It works once.\n"
              "Server key fingerprint (the kiosk's pairing page shows it too): %s\n",
              code.c_str(),
              format_local(Timestamp{now + kPairingCodeLifetimeMs, SystemClock().now().offset_minutes}).c_str(),
              fingerprint.c_str());
  return kExitOk;
}

int run_devices(const std::string& dir, const std::string& revoke) {
  auto server = open_server({dir});
  if (!server.ok()) return fail(server.error());
  auto devices = server->store->devices();
  if (!devices.ok()) return fail(devices.error());
  if (!revoke.empty()) {
    std::vector<store::DeviceRecord> matches;
    for (const auto& d : *devices) {
      if (hex_encode(d.id).rfind(revoke, 0) == 0) matches.push_back(d);
    }
    if (matches.size() != 1) {
      return fail(matches.empty() ? "no device id starts with " + revoke
                                  : revoke + " matches more than one device; give more digits");
    }
    auto r = server->store->revoke_device(matches[0].id, SystemClock().now().utc_ms);
    if (!r.ok()) return fail(r.error());
    std::printf(*r ? "Revoked %s (%s). Its records stay; it can no longer sync.\n"
                   : "%s (%s) was already revoked.\n",
                hex_encode(matches[0].id).c_str(), matches[0].name.c_str());
    return kExitOk;
  }
  if (devices->empty()) {
    std::printf("No kiosks are paired yet. Run: attest-server pair %s\n", dir.c_str());
    return kExitOk;
  }
  std::printf("%-32s  %-20s  %-12s  %-16s  %-16s  %8s  %s\n", "DEVICE", "NAME", "SITE", "ENROLLED",
              "LAST SEEN", "RECORDS", "STATUS");
  for (const auto& d : *devices) {
    std::printf("%-32s  %-20.20s  %-12.12s  %-16s  %-16s  %8llu  %s\n", hex_encode(d.id).c_str(),
                d.name.c_str(), d.site_id.c_str(), when_utc(d.enrolled_utc_ms).c_str(),
                when_utc(d.last_seen_utc_ms).c_str(),
                static_cast<unsigned long long>(d.stored_through_seq),
                d.revoked_utc_ms ? ("revoked " + when_utc(d.revoked_utc_ms)).c_str() : "active");
  }
  return kExitOk;
}

// Prints what verification found; returns the exit status.
int report_verification(const store::MasterVerification& v) {
  for (const auto& d : v.devices) {
    for (const auto& f : d.findings) {
      std::printf("device %s (%s), event %llu: %s: %s\n", hex_encode(d.device.id).c_str(),
                  d.device.name.c_str(), static_cast<unsigned long long>(f.seq),
                  std::string(core::problem_name(f.problem)).c_str(), f.detail.c_str());
    }
  }
  std::printf("%s: %llu events from %zu devices", v.intact() ? "OK" : "PROBLEMS FOUND",
              static_cast<unsigned long long>(v.events), v.devices.size());
  if (v.quarantined) {
    std::printf("; %llu conflicting uploads in quarantine (see the alerts)",
                static_cast<unsigned long long>(v.quarantined));
  }
  std::printf("\n");
  return v.intact() ? kExitOk : kExitFailed;
}

int run_verify(const std::string& dir, bool every_signature) {
  auto server = open_server({dir}, store::OpenMode::kReadOnly);
  if (!server.ok()) return fail(server.error());
  core::VerifyOptions o;
  o.every_signature = every_signature;
  auto v = store::verify_master(*server->store, o);
  if (!v.ok()) return fail(v.error());
  return report_verification(*v);
}

int run_backup(const std::string& dir, const std::string& out) {
  auto server = open_server({dir});
  if (!server.ok()) return fail(server.error());
  auto* sqlite = dynamic_cast<store::SqliteMasterStore*>(server->store.get());
  if (!sqlite) {
    return fail("this server's master store is a PostgreSQL database: back it up with pg_dump "
                "(see the README), and keep " + dir + "/keys and " + dir + "/practice.key with it");
  }
  if (auto s = sqlite->backup_to(out); !s.ok()) return fail(s.error());
  auto copy = store::SqliteMasterStore::open(out, store::OpenMode::kReadOnly);
  if (!copy.ok()) return fail(copy.error());
  auto n = (*copy)->event_count();
  std::printf("Backed up %llu events to %s. Keep it with %s/keys and %s/practice.key.\n",
              static_cast<unsigned long long>(n.ok() ? *n : 0), out.c_str(), dir.c_str(),
              dir.c_str());
  return kExitOk;
}

int run_migrate_store(const std::string& dir, const std::string& uri) {
  auto moved = store::migrate_store_to_postgres({dir}, uri);
  if (!moved.ok()) return fail(moved.error());
  std::printf("Moved %llu events from %llu devices to PostgreSQL; every chain verified before and "
              "after.\n%s now uses it (%s/master-store.uri). The SQLite file is kept as %s; "
              "keep it until the new store has been backed up.\n",
              static_cast<unsigned long long>(moved->events),
              static_cast<unsigned long long>(moved->devices), dir.c_str(), dir.c_str(),
              moved->old_file.string().c_str());
  return kExitOk;
}

struct ServeArgs {
  std::string dir;
  std::string assets = ATTEST_ASSETS_DIR;
  double idle_minutes = 15;
  std::string store;  // a PostgreSQL URI instead of the folder's
  std::string listen = "127.0.0.1:8750";
  std::string tls_cert, tls_key;
  std::string port_file;
};

int run_serve(const ServeArgs& a) {
#ifdef __GLIBC__
  // glibc gives each thread that allocates its own arena, and each of the
  // HTTP worker threads ends up holding the few megabytes of an upload it
  // once parsed: ~100 MB after a 100k-event sync. Requests are stored one
  // at a time anyway, so two arenas cost nothing in speed (~38 MB).
  mallopt(M_ARENA_MAX, 2);
#endif
  // SIGINT/SIGTERM are taken by one thread with sigwait, which then stops
  // the server cleanly: in-flight requests finish, the store closes.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto listen = parse_listen(a.listen);
  if (!listen.ok()) return fail(listen.error());
  listen->tls_cert = a.tls_cert;
  listen->tls_key = a.tls_key;
  if (listen->tls_cert.empty() != listen->tls_key.empty()) {
    return fail("TLS needs both --tls-cert and --tls-key");
  }
  auto server = open_server({a.dir}, store::OpenMode::kReadWrite, a.store);
  if (!server.ok()) return fail(server.error());
  auto v = store::verify_master(*server->store, {});
  if (!v.ok()) return fail(v.error());
  if (!v->intact()) {
    report_verification(*v);
    return fail("the master store does not verify; not serving it. Restore it from a backup "
                "(attest-server backup) or ask for help before going on");
  }
  SystemClock clock;
  crypto::SystemRandom rng;
  SyncService service(*server->store, server->key.signing(), server->practice, clock, rng,
                      server->practice_key_file, server->site.id);
  dashboard::DashboardConfig dc;
  dc.server_dir = a.dir;
  dc.store_uri = a.store;
  dc.assets = a.assets;
  dc.practice_key_file = server->practice_key_file;
  dc.sessions.idle_ms = static_cast<int64_t>(a.idle_minutes * 60 * 1000);
  dc.tls = !listen->tls_cert.empty();
  dashboard::Dashboard dash(dc, *server->store, server->key, clock, rng);
  dash.start_background();
  HttpServer http(service, &dash, [](const std::string& line) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
  });
  if (auto s = http.bind(*listen); !s.ok()) return fail(s.error());
  if (!a.port_file.empty()) {
    if (auto s = write_file_atomic(a.port_file, as_bytes(std::to_string(http.port()) + "\n"));
        !s.ok()) {
      return fail(s.error());
    }
  }
  const char* scheme = listen->tls_cert.empty() ? "http" : "https";
  std::printf("attest-server: serving %s, site %s (%llu events from %zu devices) on %s://%s:%d\n"
              "attest-server: the Security Official's dashboard is at %s://%s:%d/\n",
              server->practice.name.c_str(), server->site.name.c_str(),
              static_cast<unsigned long long>(v->events), v->devices.size(), scheme,
              listen->host.c_str(), http.port(), scheme,
              listen->host == "0.0.0.0" || listen->host == "::" ? "this-computer" : listen->host.c_str(),
              http.port());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::printf("attest-server: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    http.stop();
  });
  Status served = http.listen();
  // Wake the waiter if the server stopped on its own.
  if (!served.ok()) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served.ok()) return fail(served.error());
  std::printf("attest-server: stopped\n");
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attest-server: the practice's office server for Attest kiosks.\n"
               "Exit status: 0 ok, 1 a check failed, 2 the command could not run."};
  app.require_subcommand(1);
  app.set_version_flag("--version", ATTEST_VERSION);
  std::function<int()> run;

  std::string dir, name = "Our Practice", passphrase_file, practice_key, revoke, out, store_uri;
  auto* init = app.add_subcommand("init", "Make the master store, server key and practice key");
  init->add_option("DIR", dir, "Folder for the server's data")->required();
  init->add_option("--practice-name", name, "The practice's name, as staff know it");
  auto* passphrase_opt = init->add_option("--passphrase-file", passphrase_file,
                                          "Read the Security Official's passphrase from this file");
  init->add_option("--practice-key", practice_key,
                   "Adopt this practice.key (from a standalone kiosk) instead of making one")
      ->excludes(passphrase_opt);
  init->add_option("--store", store_uri,
                   "Keep the master store in this PostgreSQL database (postgresql://...) "
                   "instead of DIR/master.db");
  SiteName site;
  init->add_option("--site", site.id, "The first site's short id (default: main)");
  init->add_option("--site-name", site.name, "The first site's name (default: Main office)");
  init->callback([&] {
    run = [&] {
      return practice_key.empty() ? run_init(dir, name, passphrase_file, store_uri, site)
                                  : run_init_adopting(dir, name, store_uri, practice_key, site);
    };
  });

  auto* add_site = app.add_subcommand(
      "add-site", "Make the office server of another site of a practice group, on its store");
  add_site->add_option("DIR", dir, "Folder for this site's server")->required();
  add_site->add_option("--store", store_uri, "The group's PostgreSQL store (postgresql://...)")
      ->required();
  add_site->add_option("--site", site.id, "The new site's short id: a-z, 0-9 and -")->required();
  add_site->add_option("--site-name", site.name, "The new site's name, as staff know it")->required();
  add_site->add_option("--practice-key", practice_key,
                       "The group's practice.key, copied from the first site's server folder")
      ->required();
  add_site->callback([&] { run = [&] { return run_add_site(dir, store_uri, site, practice_key); }; });

  auto* sites = app.add_subcommand("sites", "List the practice group's sites");
  sites->add_option("DIR", dir)->required();
  sites->callback([&] { run = [&] { return run_sites(dir); }; });

  ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", "Take records from paired kiosks");
  serve->add_option("DIR", serve_args.dir)->required();
  serve->add_option("--listen", serve_args.listen, "HOST:PORT (default 127.0.0.1:8750; port 0: any)");
  serve->add_option("--tls-cert", serve_args.tls_cert, "PEM certificate for HTTPS");
  serve->add_option("--tls-key", serve_args.tls_key, "PEM private key for HTTPS");
  serve->add_option("--port-file", serve_args.port_file, "Write the port listened on here");
  serve->add_option("--store", serve_args.store,
                    "The PostgreSQL master store (postgresql://...), if not the one DIR names");
  serve->add_option("--idle-minutes", serve_args.idle_minutes,
                    "Sign the official out of the dashboard after this long without activity "
                    "(default 15)")
      ->check(CLI::Range(0.01, 240.0));
  serve->add_option("--assets", serve_args.assets,
                    "The curriculum folder the dashboard's reports use (modules, policies, ...)");
  serve->callback([&] { run = [&] { return run_serve(serve_args); }; });

  auto* pair = app.add_subcommand("pair", "Show a one-time code to pair a kiosk");
  pair->add_option("DIR", dir)->required();
  pair->callback([&] { run = [&] { return run_pair(dir); }; });

  auto* devices = app.add_subcommand("devices", "List paired kiosks, or revoke one");
  devices->add_option("DIR", dir)->required();
  devices->add_option("--revoke", revoke, "Device id (or its first digits) to revoke");
  devices->callback([&] { run = [&] { return run_devices(dir, revoke); }; });

  auto* backup = app.add_subcommand("backup", "Copy the master store while it is in use");
  backup->add_option("DIR", dir)->required();
  backup->add_option("OUT", out, "New file for the copy")->required();
  backup->callback([&] { run = [&] { return run_backup(dir, out); }; });

  std::string migrate_to;
  auto* migrate = app.add_subcommand(
      "migrate-store", "Move the master store from DIR/master.db to PostgreSQL (stop serve first)");
  migrate->add_option("--from", dir, "The server's folder")->required();
  migrate->add_option("--to", migrate_to, "An empty PostgreSQL database: postgresql://...")->required();
  migrate->callback([&] { run = [&] { return run_migrate_store(dir, migrate_to); }; });

  bool every_signature = false;
  auto* verify = app.add_subcommand("verify", "Check every device chain in the master store");
  verify->add_option("DIR", dir)->required();
  verify->add_flag("--every-signature", every_signature, "Also verify each signature on its own");
  verify->callback([&] { run = [&] { return run_verify(dir, every_signature); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitError;
  }
  return run ? run() : kExitError;
}
