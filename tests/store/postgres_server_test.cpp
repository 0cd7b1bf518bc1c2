#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <string>

#include "support/postgres_server.h"

using attest::testing::PostgresServer;

namespace {

// A libpq connection, closed at the end of its scope.
struct Connection {
  explicit Connection(const std::string& uri) : conn(PQconnectdb(uri.c_str())) {}
  ~Connection() { PQfinish(conn); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool ok() const { return PQstatus(conn) == CONNECTION_OK; }
  std::string error() const { return PQerrorMessage(conn); }
  // Runs `sql`, checks it succeeded, and returns the first row's first
  // column ("" when there is none).
  std::string exec(const std::string& sql) {
    PGresult* res = PQexec(conn, sql.c_str());
    ExecStatusType status = PQresultStatus(res);
    CHECK_MESSAGE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK),
                  sql << ": " << PQresultErrorMessage(res));
    std::string value = PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "";
    PQclear(res);
    return value;
  }

  PGconn* conn;
};

bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

}  // namespace

TEST_CASE("postgres server: two databases survive a restart, and nothing is left behind") {
  std::filesystem::path dir;
  pid_t before = 0, after = 0;
  {
    PostgresServer pg;
    dir = pg.dir();
    CHECK(std::filesystem::exists(dir / "data" / "PG_VERSION"));
    const std::string a = pg.create_database(), b = pg.create_database();
    CHECK(a != b);
    CHECK(a.starts_with("postgresql://attest@/t1?host=%2F"));
    {
      Connection ca(a), cb(b);
      REQUIRE_MESSAGE(ca.ok(), ca.error());
      REQUIRE_MESSAGE(cb.ok(), cb.error());
      CHECK(ca.exec("SELECT current_database()") == "t1");
      CHECK(cb.exec("SELECT current_database()") == "t2");
      // Socket only, no fsync: what the harness promises.
      CHECK(ca.exec("SHOW listen_addresses") == "");
      CHECK(ca.exec("SHOW fsync") == "off");
      CHECK(ca.exec("SHOW server_encoding") == "UTF8");
      ca.exec("CREATE TABLE staff (id integer PRIMARY KEY, name text NOT NULL)");
      ca.exec("INSERT INTO staff VALUES (1, 'Dana Whitfield')");
      cb.exec("CREATE TABLE staff (id integer PRIMARY KEY, name text NOT NULL)");
      cb.exec("INSERT INTO staff VALUES (7, 'Sam Ortiz'), (8, 'Lee Park')");
      CHECK(ca.exec("SELECT name FROM staff WHERE id = 1") == "Dana Whitfield");
      CHECK(ca.exec("SELECT count(*) FROM staff") == "1");
      CHECK(cb.exec("SELECT name FROM staff WHERE id = 8") == "Lee Park");
      CHECK(cb.exec("SELECT count(*) FROM staff") == "2");
    }

    before = pg.pid();
    CHECK(before > 0);
    CHECK(alive(before));
    Connection open_across(a);
    REQUIRE(open_across.ok());
    pg.restart();
    after = pg.pid();
    CHECK(after > 0);
    CHECK(after != before);
    CHECK(alive(after));
    CHECK_FALSE(alive(before));
    // A connection from before the restart is broken; new ones see the data.
    PGresult* res = PQexec(open_across.conn, "SELECT 1");
    CHECK(PQresultStatus(res) != PGRES_TUPLES_OK);
    PQclear(res);
    Connection ca(a), cb(b);
    REQUIRE_MESSAGE(ca.ok(), ca.error());
    REQUIRE_MESSAGE(cb.ok(), cb.error());
    CHECK(ca.exec("SELECT name FROM staff WHERE id = 1") == "Dana Whitfield");
    CHECK(cb.exec("SELECT string_agg(name, ',' ORDER BY id) FROM staff") == "Sam Ortiz,Lee Park");
  }
  const int rc = ::kill(after, 0);
  const int error = errno;
  CHECK(rc == -1);
  CHECK(error == ESRCH);
  CHECK_FALSE(std::filesystem::exists(dir));
}

TEST_CASE("postgres server: a database that was never created cannot be connected to") {
  PostgresServer& pg = PostgresServer::shared();
  CHECK(&pg == &PostgresServer::shared());
  Connection missing(pg.uri("no_such_database"));
  CHECK(PQstatus(missing.conn) != CONNECTION_OK);
  CHECK(missing.error().find("does not exist") != std::string::npos);
  Connection made(pg.create_database());
  CHECK_MESSAGE(made.ok(), made.error());
}
