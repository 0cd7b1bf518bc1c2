// A real attest-server for end-to-end tests: initialised once per test
// binary (Argon2id at the real cost is the slow part), copied into a fresh
// folder per test, started on a free loopback port and stopped or killed
// on demand. Needs ATTEST_SERVER_BIN defined to the binary's path.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "store/open_master.h"
#include "support/child_process.h"
#include "support/postgres_server.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace attest::testing {

inline const std::string kServerPassphrase = "server test passphrase";

class ServerProcess {
 public:
  explicit ServerProcess(const TempDir& dir) : dir_(dir / "server"), log_(dir / "server.log") {
    static TempDir template_dir("attest-server-template");
    static bool made = [] {
      template_dir.write("passphrase.txt", kServerPassphrase + "\n");
      auto r = run(std::string(ATTEST_SERVER_BIN) + " init " +
                   quote((template_dir / "server").string()) +
                   " --practice-name 'Riverside Family Dental' --passphrase-file " +
                   quote((template_dir / "passphrase.txt").string()));
      return r.code == 0;
    }();
    REQUIRE(made);
    std::filesystem::copy(template_dir / "server", dir_, std::filesystem::copy_options::recursive);
    use_postgres_if_asked();
  }
  // A new server whose master store is the PostgreSQL database `store_uri`
  // (attest-server init --store), or, with `copy_of`, another folder for a
  // server already set up on it.
  static std::filesystem::path init_on_postgres(const TempDir& dir, const std::string& store_uri) {
    dir.write("passphrase.txt", kServerPassphrase + "\n");
    auto r = run(std::string(ATTEST_SERVER_BIN) + " init " + quote((dir / "pg-server").string()) +
                 " --practice-name 'Lakeside Dental Group' --passphrase-file " +
                 quote((dir / "passphrase.txt").string()) + " --store " + quote(store_uri));
    REQUIRE_MESSAGE(r.code == 0, r.all);
    return dir / "pg-server";
  }
  // A copy of another stopped server's folder (one prepared once and shared
  // by several tests, say), in a fresh folder of its own.
  ServerProcess(const TempDir& dir, const std::filesystem::path& copy_of)
      : dir_(dir / "server"), log_(dir / "server.log") {
    std::filesystem::copy(copy_of, dir_, std::filesystem::copy_options::recursive);
    use_postgres_if_asked();
  }
  ~ServerProcess() { stop(); }

  // Added to `serve`, such as --tls-cert and --tls-key.
  std::vector<std::string> serve_args;

  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& log() const { return log_; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Starts serving; the first start picks a free port, restarts reuse it so
  // paired kiosks find the server again.
  void start() {
    const auto port_file = dir_.parent_path() / "server.port";
    std::filesystem::remove(port_file);
    std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args{ATTEST_SERVER_BIN, "serve",       dir_.string(), "--listen",
                                  listen,            "--port-file", port_file.string()};
    args.insert(args.end(), serve_args.begin(), serve_args.end());
    process_ = std::make_unique<ChildProcess>(args, log_.string());
    REQUIRE(process_->ok());
    for (int i = 0; i < 1000 && !std::filesystem::exists(port_file); ++i) {
      if (!process_->running()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::ifstream in(port_file);
    int port = 0;
    in >> port;
    REQUIRE_MESSAGE(port > 0, "attest-server did not start; see " << log_.string());
    port_ = port;
  }
  // SIGTERM and wait; returns the exit code.
  int stop() {
    if (!process_) return 0;
    process_->signal(SIGTERM);
    int code = process_->wait(20).code;
    process_.reset();
    return code;
  }
  void kill() {
    if (!process_) return;
    process_->signal(SIGKILL);
    process_->wait(20);
    process_.reset();
  }
  bool running() const { return process_ && process_->running(); }

  // A fresh one-time pairing code from `attest-server pair`.
  std::string pairing_code() const {
    auto r = run(std::string(ATTEST_SERVER_BIN) + " pair " + quote(dir_.string()));
    REQUIRE(r.code == 0);
    std::smatch m;
    std::regex re("Pairing code: +([0-9A-Z]{4}-[0-9A-Z]{4})");
    REQUIRE(std::regex_search(r.out, m, re));
    return m[1];
  }
  RunResult admin(const std::string& args) const {
    return run(std::string(ATTEST_SERVER_BIN) + " " + args);
  }

 private:
  // Under ATTEST_TEST_MASTER_STORE=postgresql a folder copied with a SQLite
  // store gets a fresh PostgreSQL database instead, moved there by the real
  // `attest-server migrate-store`; one copied from a folder already on
  // PostgreSQL gets a copy of its database, as a copied SQLite file would be
  // a store of its own.
  void use_postgres_if_asked() {
    if (!master_store_is_postgres()) return;
    if (!std::filesystem::exists(dir_ / "master.db")) {
      auto uri = store::master_store_uri({dir_});
      REQUIRE(uri.ok());
      if (uri->empty()) return;
      const std::string copy =
          PostgresServer::shared().copy_database(PostgresServer::database_of(*uri));
      std::ofstream(dir_ / "master-store.uri") << copy << "\n";
      return;
    }
    const std::string uri = PostgresServer::shared().create_database();
    auto r = run(std::string(ATTEST_SERVER_BIN) + " migrate-store --from " + quote(dir_.string()) +
                 " --to " + quote(uri));
    REQUIRE_MESSAGE(r.code == 0, r.all);
  }

  std::filesystem::path dir_;
  std::filesystem::path log_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// A copy of the server's store taken while it serves, as the README says
// to take one: `attest-server backup` for SQLite, pg_dump for PostgreSQL.
inline RunResult backup_store(const ServerProcess& s, const std::filesystem::path& to) {
  auto uri = store::master_store_uri({s.dir()});
  REQUIRE(uri.ok());
  if (uri->empty()) return s.admin("backup " + quote(s.dir().string()) + " " + quote(to.string()));
  return run(quote(PostgresServer::tool("pg_dump")) + " -Fc -f " + quote(to.string()) + " " +
             quote(*uri));
}

// The stopped server's store lost and put back from that copy: the file
// copied over the SQLite store, or the database dropped, made again and
// refilled with pg_restore.
inline void restore_store(const ServerProcess& s, const std::filesystem::path& from) {
  REQUIRE_FALSE(s.running());
  auto uri = store::master_store_uri({s.dir()});
  REQUIRE(uri.ok());
  if (uri->empty()) {
    const auto db = s.dir() / "master.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    std::filesystem::copy_file(from, db);
    return;
  }
  PostgresServer::shared().recreate_database(PostgresServer::database_of(*uri));
  auto restored = run(quote(PostgresServer::tool("pg_restore")) + " -d " + quote(*uri) + " " +
                      quote(from.string()));
  REQUIRE_MESSAGE(restored.code == 0, restored.all);
}

// The headless kiosk (tests/sync/kiosk_child.cpp) on its own folder.
struct KioskProcess {
  std::filesystem::path dir;
  RunResult cmd(const std::string& args) const {
    return run(std::string(ATTEST_KIOSK_CHILD) + " " + args);
  }
  RunResult pair(const ServerProcess& s) const {
    return cmd("pair " + quote(dir.string()) + " " + s.url() + " " + s.pairing_code());
  }
  // Pairs through another address than the server's own (a proxy, say).
  RunResult pair_at(const std::string& url, const std::string& code) const {
    return cmd("pair " + quote(dir.string()) + " " + url + " " + code);
  }
  RunResult fill(long n) const { return cmd("fill " + quote(dir.string()) + " " + std::to_string(n)); }
  RunResult sync() const { return cmd("sync " + quote(dir.string())); }
  // A sync in the background, so a test can kill it mid-way or run two at
  // once. Its stdout and stderr are appended to `log`. The shell execs, so
  // the child's pid is the kiosk's own.
  std::unique_ptr<ChildProcess> start_sync(const std::filesystem::path& log) const {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{"/bin/sh", "-c",
                                 "exec " + quote(ATTEST_KIOSK_CHILD) + " sync " +
                                     quote(dir.string()) + " 2>>" + quote(log.string())},
        log.string());
  }
  long pending() const {
    auto r = cmd("pending " + quote(dir.string()));
    return r.code == 0 ? std::stol(r.out) : -1;
  }
};

}  // namespace attest::testing
