#include "store/pg.h"


namespace attest::store::pg {

namespace {

constexpr int kTransactionTries = 5;

bool retryable(std::string_view state) {
  return state == kSerializationFailure || state == kDeadlock;
}

uint64_t big_endian(const uint8_t* p, size_t len) {
  uint64_t v = 0;
  for (size_t i = 0; i < len; ++i) v = (v << 8) | p[i];
  return v;
}

// An integer column in binary form (smallint to bigint, boolean),
// sign-extended from its width.
int64_t signed_integer(ByteView b) {
  const uint64_t v = big_endian(b.data(), b.size());
  if (!b.empty() && b.size() < 8 && (b[0] & 0x80)) {
    return static_cast<int64_t>(v | (~uint64_t{0} << (b.size() * 8)));
  }
  return static_cast<int64_t>(v);
}

}  // namespace

std::string_view sqlstate_of(const Error& e) {
  constexpr std::string_view kTag = "[SQLSTATE ";
  std::string_view m = e.message;
  const size_t at = m.rfind(kTag);
  if (at == std::string_view::npos || at + kTag.size() + 5 > m.size()) return {};
  return m.substr(at + kTag.size(), 5);
}

Params& Params::add(int64_t v) {
  values_.push_back(std::to_string(v));
  nulls_.push_back(false);
  formats_.push_back(0);
  return *this;
}

Params& Params::add(std::string_view v) {
  values_.emplace_back(v);
  nulls_.push_back(false);
  formats_.push_back(0);
  return *this;
}

Params& Params::add(ByteView v) {
  values_.emplace_back(reinterpret_cast<const char*>(v.data()), v.size());
  nulls_.push_back(false);
  formats_.push_back(1);
  return *this;
}

Params& Params::add_null() {
  values_.emplace_back();
  nulls_.push_back(true);
  formats_.push_back(0);
  return *this;
}

int64_t Rows::int64(int row, int col) const { return signed_integer(bytes(row, col)); }

std::string Rows::text(int row, int col) const {
  return std::string(PQgetvalue(r_.get(), row, col),
                     static_cast<size_t>(PQgetlength(r_.get(), row, col)));
}

ByteView Rows::bytes(int row, int col) const {
  return ByteView(reinterpret_cast<const uint8_t*>(PQgetvalue(r_.get(), row, col)),
                  static_cast<size_t>(PQgetlength(r_.get(), row, col)));
}

int64_t Rows::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return n && *n ? std::stoll(n) : 0;
}

CopyWriter::CopyWriter() {
  static const char kSignature[] = "PGCOPY\n\377\r\n";  // 11 bytes with its final NUL
  put_bytes(out_, ByteView(reinterpret_cast<const uint8_t*>(kSignature), 11));
  put_u32(out_, 0);  // flags
  put_u32(out_, 0);  // header extension length
}

CopyWriter& CopyWriter::row(int16_t fields) {
  put_u16(out_, static_cast<uint16_t>(fields));
  return *this;
}

CopyWriter& CopyWriter::add(int64_t v) {
  put_u32(out_, 8);
  put_i64(out_, v);
  return *this;
}

CopyWriter& CopyWriter::add_int(int32_t v) {
  put_u32(out_, 4);
  put_u32(out_, static_cast<uint32_t>(v));
  return *this;
}

CopyWriter& CopyWriter::add(std::string_view v) { return add(as_bytes(v)); }

CopyWriter& CopyWriter::add(ByteView v) {
  put_u32(out_, static_cast<uint32_t>(v.size()));
  put_bytes(out_, v);
  return *this;
}

ByteView CopyWriter::finish() {
  put_u16(out_, 0xffff);  // -1: no more rows
  return out_;
}

Result<Connection> Connection::open(const std::string& uri) {
  Connection c;
  // The store's statements are short or stream an index: PostgreSQL's JIT
  // would compile each of a report's per-device queries (~15 ms) for
  // nothing. Given with the URI, so a reset connection keeps it too.
  const char* keys[] = {"dbname", "options", nullptr};
  const char* values[] = {uri.c_str(), "-c jit=off", nullptr};
  c.c_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (!c.c_ || PQstatus(c.c_.get()) != CONNECTION_OK) {
    std::string why = c.c_ ? PQerrorMessage(c.c_.get()) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return make_error(ErrorCode::kIo, "cannot connect to the PostgreSQL master store: " + why);
  }
  // Quiet NOTICEs (e.g. "relation already exists, skipping").
  PQsetNoticeProcessor(c.c_.get(), [](void*, const char*) {}, nullptr);
  return c;
}

Error Connection::error(std::string_view what, PGresult* r) const {
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c_.get());
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  std::string out = "PostgreSQL: " + std::string(what) + ": " + msg;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state) out += " [SQLSTATE " + std::string(state) + "]";
  const bool lost = PQstatus(c_.get()) != CONNECTION_OK;
  return make_error(lost ? ErrorCode::kIo : ErrorCode::kInternal, std::move(out));
}

Status Connection::ensure_connected() {
  if (PQstatus(c_.get()) == CONNECTION_OK) return {};
  PQreset(c_.get());
  if (PQstatus(c_.get()) != CONNECTION_OK) return error("reconnect");
  return {};
}

Result<Rows> Connection::exec(std::string_view sql, const Params& params) {
  if (in_transaction_) return exec_once(sql, params);
  TRY_STATUS(ensure_connected());
  auto r = exec_once(sql, params);
  // libpq learns that the server went away (restarted, failed over) only
  // when a query fails: one statement on its own is sent again once on a
  // new connection. Inside a transaction, transaction() does this.
  if (!r.ok() && PQstatus(c_.get()) != CONNECTION_OK) {
    TRY_STATUS(ensure_connected());
    return exec_once(sql, params);
  }
  return r;
}

Result<Rows> Connection::exec_once(std::string_view sql, const Params& params) {
  std::vector<const char*> values(params.values_.size());
  std::vector<int> lengths(params.values_.size());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = params.nulls_[i] ? nullptr : params.values_[i].data();
    lengths[i] = static_cast<int>(params.values_[i].size());
  }
  const std::string query(sql);
  PGresult* r = PQexecParams(c_.get(), query.c_str(), params.size(), nullptr, values.data(),
                             lengths.data(), params.formats_.data(), /*binary results*/ 1);
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Error e = error("query failed", r);
    PQclear(r);
    return e;
  }
  return Rows(r);
}

Status Connection::exec_script(std::string_view sql) {
  TRY_STATUS(ensure_connected());
  const std::string script(sql);
  PGresult* r = PQexec(c_.get(), script.c_str());
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Error e = error("script failed", r);
    PQclear(r);
    return e;
  }
  PQclear(r);
  return {};
}

Status Connection::start_copy(std::string_view copy_sql, ExecStatusType expected) {
  const std::string query(copy_sql);
  PGresult* r = PQexec(c_.get(), query.c_str());
  const bool started = r && PQresultStatus(r) == expected;
  Error e = started ? Error{} : error("COPY failed", r);
  PQclear(r);
  if (!started) return e;
  return {};
}

Result<Rows> Connection::end_copy() {
  PGresult* r = PQgetResult(c_.get());
  while (PGresult* more = PQgetResult(c_.get())) PQclear(more);
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
    Error e = error("COPY failed", r);
    PQclear(r);
    return e;
  }
  return Rows(r);
}

Result<int64_t> Connection::copy_in(std::string_view copy_sql, ByteView data) {
  TRY_STATUS(start_copy(copy_sql, PGRES_COPY_IN));
  if (PQputCopyData(c_.get(), reinterpret_cast<const char*>(data.data()),
                    static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(c_.get(), nullptr) != 1) {
    return error("COPY failed");
  }
  return TRY(end_copy()).affected();
}

int64_t Connection::Field::int64() const { return signed_integer(bytes); }

Status Connection::copy_out(std::string_view copy_sql,
                            const std::function<bool(const std::vector<Field>&)>& row) {
  TRY_STATUS(ensure_connected());
  TRY_STATUS(start_copy(copy_sql, PGRES_COPY_OUT));
  constexpr size_t kHeader = 19;  // signature (11), flags (4), extension length (4)
  bool first = true, wanted = true, ended = false;
  std::vector<Field> fields;
  for (;;) {
    char* buf = nullptr;
    const int n = PQgetCopyData(c_.get(), &buf, 0);
    if (n == -1) break;  // done; the result follows
    if (n < 0) return error("COPY failed");
    std::unique_ptr<char, void (*)(void*)> owned(buf, &PQfreemem);
    const uint8_t* p = reinterpret_cast<const uint8_t*>(buf);
    size_t at = 0, size = static_cast<size_t>(n);
    auto take = [&](size_t len) -> const uint8_t* {
      if (at + len > size) return nullptr;
      const uint8_t* out = p + at;
      at += len;
      return out;
    };
    if (first) {
      first = false;
      const uint8_t* h = take(kHeader);
      if (!h) return make_error(ErrorCode::kCorrupt, "PostgreSQL: a COPY stream without its header");
      const uint64_t ext = big_endian(h + 15, 4);
      if (!take(ext)) return make_error(ErrorCode::kCorrupt, "PostgreSQL: a short COPY header");
    }
    while (at < size && !ended) {
      const uint8_t* c = take(2);
      if (!c) return make_error(ErrorCode::kCorrupt, "PostgreSQL: a short COPY row");
      const int16_t count = static_cast<int16_t>(big_endian(c, 2));
      if (count == -1) {
        ended = true;
        break;
      }
      fields.assign(static_cast<size_t>(count), Field{});
      for (Field& f : fields) {
        const uint8_t* l = take(4);
        if (!l) return make_error(ErrorCode::kCorrupt, "PostgreSQL: a short COPY row");
        const int32_t len = static_cast<int32_t>(big_endian(l, 4));
        if (len < 0) {
          f.null = true;
          continue;
        }
        const uint8_t* d = take(static_cast<size_t>(len));
        if (!d) return make_error(ErrorCode::kCorrupt, "PostgreSQL: a short COPY row");
        f.bytes = ByteView(d, static_cast<size_t>(len));
      }
      if (wanted) wanted = row(fields);
    }
  }
  TRY(end_copy());
  return {};
}

Status Connection::transaction(const std::function<Status()>& fn) {
  Status last;
  bool reset_once = false;
  for (int attempt = 0; attempt < kTransactionTries; ++attempt) {
    TRY_STATUS(ensure_connected());
    auto begun = exec("BEGIN");
    if (!begun.ok()) {
      if (PQstatus(c_.get()) != CONNECTION_OK && !reset_once) {
        reset_once = true;
        continue;
      }
      return begun.error();
    }
    in_transaction_ = true;
    Status s = fn();
    if (s.ok()) {
      auto done = exec("COMMIT");
      s = done.ok() ? Status{} : Status(done.error());
    }
    in_transaction_ = false;
    if (s.ok()) return s;
    last = s;
    const bool lost = PQstatus(c_.get()) != CONNECTION_OK;
    if (!lost) {
      // ROLLBACK after an error inside fn; after a failed COMMIT it is a
      // no-op that PostgreSQL answers with a warning.
      PGresult* r = PQexec(c_.get(), "ROLLBACK");
      PQclear(r);
    }
    // A COMMIT whose answer was lost may have landed; running the
    // transaction again then meets its own rows and fails, which callers
    // see as "the chain moved; retry", and their retry finds them stored.
    if (lost && !reset_once) {
      reset_once = true;
      continue;
    }
    if (!retryable(sqlstate_of(s.error()))) return s;
  }
  return last;
}

}  // namespace attest::store::pg
