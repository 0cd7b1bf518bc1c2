// A real PostgreSQL server for the tests of the office server's PostgreSQL
// store: a fresh cluster in a temp folder (trust auth, superuser `attest`,
// UTF8, C locale), listening only on a Unix socket in that folder, with fsync
// off unless asked for. Stopped, and its folder removed, when the object goes; if the test
// process dies first (a crash, a ctest timeout), a watchdog shell does the
// same, so no server outlives its test. initdb refuses to run as root, so as
// root (CI) initdb and postgres run as the `postgres` OS user, via runuser.
//
// The postmaster is this process's own child (or runuser's, which waits for
// it), not daemonised by pg_ctl: an orphan would be reaped by init, which on
// some machines takes a second or two, and until then its pid still answers.
#pragma once

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/run.h"
#include "support/temp_dir.h"

extern char** environ;

namespace attest::testing {

// ctest runs the master store and sync suites a second time with
// ATTEST_TEST_MASTER_STORE=postgresql: their stores are then PostgreSQL
// databases on PostgresServer::shared().
inline bool master_store_is_postgres() {
  const char* v = std::getenv("ATTEST_TEST_MASTER_STORE");
  return v && std::string(v) == "postgresql";
}

class PostgresServer {
 public:
  // Creates the cluster and starts the server; throws std::runtime_error,
  // with the end of the server's log, if either fails. `durable` keeps
  // fsync on, as a practice's server runs it (benchmarks); tests turn it off.
  explicit PostgresServer(bool durable = false)
      : temp_(std::in_place, "attest-pg"), dir_(temp_->path()), durable_(durable) {
    set_up();
  }
  // A cluster kept in `keep` (a benchmark's ten million records, built
  // once): made there unless it is there already, and left there after.
  PostgresServer(const std::filesystem::path& keep, bool durable) : dir_(keep), durable_(durable) {
    std::filesystem::create_directories(dir_);
    set_up();
  }
  ~PostgresServer() { shut_down(); }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // One server for the whole test process, started on first use, for suites
  // that want many databases without a cluster each.
  static PostgresServer& shared() {
    static PostgresServer server;
    return server;
  }

  const std::filesystem::path& dir() const { return dir_; }
  // The postmaster's pid since the last (re)start.
  pid_t pid() const { return pid_; }

  // A libpq URI for `database` on this server, through its socket.
  std::string uri(const std::string& database) const {
    return "postgresql://attest@/" + database + "?host=" + percent_encode(dir().string()) +
           "&port=" + std::to_string(kPort);
  }

  // Creates a new, empty database (t1, t2, ...) and returns its URI. One
  // thread at a time.
  std::string create_database() {
    const std::string name = "t" + std::to_string(++databases_);
    create_database(name);
    return uri(name);
  }
  // Creates the database `name`; false if it was there already.
  bool create_database(const std::string& name) {
    PGconn* conn = PQconnectdb(uri("postgres").c_str());
    std::string error;
    bool made = false;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* res = PQexec(conn, ("CREATE DATABASE " + name).c_str());
      made = PQresultStatus(res) == PGRES_COMMAND_OK;
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      const bool exists = state && std::string(state) == "42P04";  // duplicate_database
      if (!made && !exists) error = PQresultErrorMessage(res);
      PQclear(res);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error("PostgresServer: CREATE DATABASE: " + error);
    return made;
  }

  // A new database (t1, t2, ...) holding a copy of `name` (nothing may be
  // connected to it); returns its URI.
  std::string copy_database(const std::string& name) {
    const std::string copy = "t" + std::to_string(++databases_);
    admin({"CREATE DATABASE " + copy + " TEMPLATE " + name});
    return uri(copy);
  }

  // The database a URI of uri() names.
  static std::string database_of(const std::string& uri) {
    const auto slash = uri.find('/', uri.find('@'));
    return uri.substr(slash + 1, uri.find('?') - slash - 1);
  }

  // Drops the database `name` (nothing may be connected to it) and makes
  // it again, empty: a database lost, about to be restored.
  void recreate_database(const std::string& name) {
    admin({"DROP DATABASE " + name, "CREATE DATABASE " + name});
  }

  // The path of one of PostgreSQL's programs (pg_dump, pg_restore, ...).
  static std::string tool(const std::string& name) { return bin() + "/" + name; }

  // A fast (clean) shutdown, then a start on the same cluster and socket:
  // open connections break, committed data stays, pid() changes.
  void restart() {
    stop(SIGINT);
    start();
  }

 private:
  static constexpr int kPort = 5432;  // Only names the socket file; no TCP.

  // Runs each statement on the maintenance database, in order.
  void admin(const std::vector<std::string>& statements) {
    PGconn* conn = PQconnectdb(uri("postgres").c_str());
    std::string error = PQstatus(conn) == CONNECTION_OK ? "" : PQerrorMessage(conn);
    for (const std::string& sql : statements) {
      if (!error.empty()) break;
      PGresult* res = PQexec(conn, sql.c_str());
      if (PQresultStatus(res) != PGRES_COMMAND_OK) error = sql + ": " + PQresultErrorMessage(res);
      PQclear(res);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error("PostgresServer: " + error);
  }

  // initdb unless the cluster is there, then the watchdog and the server.
  void set_up() {
    if (::geteuid() == 0) {
      const passwd* pw = ::getpwnam("postgres");
      if (!pw || ::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        throw std::runtime_error("PostgresServer: as root, needs a `postgres` user to run as");
      as_postgres_ = {"runuser", "-u", "postgres", "--"};
    }
    if (!std::filesystem::exists(data())) {
      auto r =
          run("cd " + quote(dir().string()) + " && " + shell_prefix() + quote(bin() + "/initdb") +
              " -D " + quote(data()) + " -A trust -U attest --no-sync -E UTF8 --locale=C");
      if (r.code != 0) throw std::runtime_error("PostgresServer: initdb failed:\n" + r.all);
    }
    start_watchdog();
    try {
      start();
    } catch (...) {
      shut_down();
      throw;
    }
  }

  std::string data() const { return (dir() / "data").string(); }
  std::string log() const { return (dir() / "log").string(); }

  static const std::string& bin() {
    static const std::string dir = [] {
      auto r = run("pg_config --bindir 2>/dev/null");
      std::string found = r.out.substr(0, r.out.find('\n'));
      if (r.code == 0 && std::filesystem::exists(found + "/initdb")) return found;
      return std::string("/usr/lib/postgresql/15/bin");
    }();
    return dir;
  }
  std::string shell_prefix() const {
    std::string s;
    for (const auto& a : as_postgres_) s += a + " ";
    return s;
  }

  // For a URI's query: everything but letters, digits and -._~ as %XX.
  static std::string percent_encode(const std::string& s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out;
  }

  // Starts `args` from our folder with stdin from `in` (a descriptor, or -1
  // for /dev/null), stdout and stderr appended to `out`; in a process group
  // of its own if `own_group`.
  pid_t spawn(const std::vector<std::string>& args, int in, const std::string& out,
              bool own_group) const {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, dir().c_str());
    if (in >= 0)
      posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
    else
      posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    if (own_group) {
      posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
      posix_spawnattr_setpgroup(&attr, 0);
    }
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ) != 0) pid = -1;
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
  }

  // Starts the postmaster and waits until it accepts connections.
  void start() {
    std::vector<std::string> args = as_postgres_;
    args.insert(args.end(), {bin() + "/postgres", "-D", data(), "-k", dir().string(), "-h", "",
                             "-p", std::to_string(kPort)});
    if (!durable_) args.push_back("-F");
    child_ = spawn(args, -1, log(), false);
    if (child_ <= 0) throw std::runtime_error("PostgresServer: cannot run " + args[0]);
    bool up = false;
    for (int i = 0; i < 6000 && !up; ++i) {
      up = PQping(uri("postgres").c_str()) == PQPING_OK;
      if (!up && exited(0)) break;
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::ifstream pid_file(data() + "/postmaster.pid");
    pid_ = 0;
    pid_file >> pid_;
    if (!up) {
      stop(SIGQUIT);
      throw std::runtime_error("PostgresServer: the server did not start; its log ends:\n" +
                               log_tail());
    }
  }

  // Sends `signal` to the postmaster (SIGINT: fast shutdown; SIGQUIT:
  // immediate, what `pg_ctl -m immediate` sends) and reaps it, with SIGKILL
  // after 30 s. Signals only the server this object started, and only while
  // it is still running.
  void stop(int signal) {
    if (child_ <= 0) return;
    const pid_t target = pid_ > 0 ? pid_ : child_;
    if (!exited(0)) {
      ::kill(target, signal);
      if (!exited(30000)) {
        ::kill(target, SIGKILL);
        exited(-1);
      }
    }
    child_ = -1;
    pid_ = 0;
  }

  // Whether our child (the postmaster, or runuser around it) has ended within
  // `ms` milliseconds (forever if negative); reaps it if so.
  bool exited(int ms) const {
    for (int waited = 0;; waited += 10) {
      if (::waitpid(child_, nullptr, ms < 0 ? 0 : WNOHANG) != 0) return true;
      if (waited >= ms) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  std::string log_tail() const {
    std::ifstream in(log());
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
  }

  // A shell reading a socket that only this process holds the other end of.
  // A line on it (from shut_down) lets it go quietly; end of file, which
  // comes when this process dies without shutting down, makes it stop the
  // server (pg_ctl, as the server's own user) and remove the folder. Its own
  // process group keeps Ctrl-C in a terminal from taking it down too.
  void start_watchdog() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      throw std::runtime_error("PostgresServer: socketpair failed");
    const std::string script = "if read -r _; then exit 0; fi; " + shell_prefix() +
                               quote(bin() + "/pg_ctl") + " -D " + quote(data()) +
                               " -m immediate stop" +
                               (temp_ ? "; rm -rf " + quote(dir().string()) : std::string());
    watchdog_ = spawn({"/bin/sh", "-c", script}, fds[0], "/dev/null", true);
    ::close(fds[0]);
    watchdog_socket_ = fds[1];
    if (watchdog_ <= 0) throw std::runtime_error("PostgresServer: cannot start the watchdog");
  }

  void shut_down() {
    stop(SIGQUIT);
    if (watchdog_socket_ >= 0) {
      ::send(watchdog_socket_, "\n", 1, MSG_NOSIGNAL);
      ::close(watchdog_socket_);
      watchdog_socket_ = -1;
    }
    if (watchdog_ > 0) ::waitpid(watchdog_, nullptr, 0);
    watchdog_ = -1;
  }

  std::optional<TempDir> temp_;  // removed at the end, unless the cluster is kept
  std::filesystem::path dir_;
  bool durable_ = false;
  std::vector<std::string> as_postgres_;  // runuser -u postgres --, as root
  pid_t child_ = -1;                      // the postmaster, or runuser around it
  pid_t pid_ = 0;                         // the postmaster
  int databases_ = 0;
  pid_t watchdog_ = -1;
  int watchdog_socket_ = -1;
};

}  // namespace attest::testing
