// Thin RAII over libpq for the PostgreSQL master store: a connection,
// parameters sent as text (numbers, strings) or binary (bytea), and result
// rows read in binary. Errors come back as Result with PostgreSQL's message
// and SQLSTATE, so callers can tell a unique-key race from a lost server.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace attest::store::pg {

// SQLSTATEs the master store acts on.
inline constexpr std::string_view kIntegrityViolation = "23000";  // a stored event changed
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlock = "40P01";

// The SQLSTATE a failed call left in its error's message, as
// "... [SQLSTATE 23505]"; empty when there is none (e.g. connection lost).
std::string_view sqlstate_of(const Error& e);

class Params {
 public:
  Params& add(int64_t v);
  Params& add(std::string_view v);
  Params& add(ByteView v);  // bytea, sent binary
  Params& add_null();
  int size() const { return static_cast<int>(values_.size()); }

 private:
  friend class Connection;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  std::vector<int> formats_;
};

class Rows {
 public:
  explicit Rows(PGresult* r) : r_(r, &PQclear) {}
  int size() const { return PQntuples(r_.get()); }
  bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  // Integer columns (smallint, integer, bigint, boolean) in binary form.
  int64_t int64(int row, int col) const;
  std::string text(int row, int col) const;
  ByteView bytes(int row, int col) const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

// Rows in PostgreSQL's binary COPY format, for Connection::copy_in.
class CopyWriter {
 public:
  CopyWriter();
  CopyWriter& row(int16_t fields);
  CopyWriter& add(int64_t v);  // a bigint column
  CopyWriter& add_int(int32_t v);  // an integer column
  CopyWriter& add(std::string_view v);  // text
  CopyWriter& add(ByteView v);  // bytea
  ByteView finish();  // the stream, with its trailer

 private:
  Bytes out_;
};

class Connection {
 public:
  // `uri` is a libpq connection string or postgresql:// URI.
  static Result<Connection> open(const std::string& uri);
  Connection() = default;
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;

  // Outside transaction(), a statement that fails because the connection
  // was lost is sent once more on a new one. It may have committed with
  // its answer lost: the master store sends only reads and writes that are
  // harmless twice (or fail on a unique key) this way.
  Result<Rows> exec(std::string_view sql, const Params& params = {});
  // Several statements in one string, no parameters (migrations).
  Status exec_script(std::string_view sql);
  // COPY ... FROM STDIN (FORMAT binary) with `data` as the whole stream
  // (CopyWriter builds it); returns the rows copied.
  Result<int64_t> copy_in(std::string_view copy_sql, ByteView data);
  // COPY (...) TO STDOUT (FORMAT binary): each row's fields (null: an empty
  // view with null set) to `row`, streamed, never all in memory. When `row`
  // returns false the rest is read and dropped.
  struct Field {
    ByteView bytes;
    bool null = false;
    int64_t int64() const;  // a bigint, integer or smallint field
  };
  Status copy_out(std::string_view copy_sql, const std::function<bool(const std::vector<Field>&)>& row);

  // Runs `fn` in a transaction and commits; rolls back if it fails. A
  // serialization failure or deadlock runs it again (a few times); a lost
  // connection is reset once and the transaction run again, so a database
  // restart between two calls costs a retry, not an error.
  Status transaction(const std::function<Status()>& fn);

 private:
  Status ensure_connected();
  Result<Rows> exec_once(std::string_view sql, const Params& params);
  // A COPY statement sent, and its closing result read once the data is.
  Status start_copy(std::string_view copy_sql, ExecStatusType expected);
  Result<Rows> end_copy();
  Error error(std::string_view what, PGresult* r = nullptr) const;

  std::unique_ptr<PGconn, void (*)(PGconn*)> c_{nullptr, &PQfinish};
  bool in_transaction_ = false;
};

}  // namespace attest::store::pg
