// attest-server's HTTP/1.1 front: cpp-httplib on a thread pool, optional
// TLS, one log line per request, the request size limit enforced before
// the body is read, and a clean stop. The only file that knows httplib on
// the server side; what it serves comes from SyncService (the kiosks'
// /v1/ API) and, for every other path, the official's Dashboard.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "dashboard/dashboard.h"
#include "sync/server/sync_service.h"

namespace attest::sync {

struct ListenOptions {
  std::string host = "127.0.0.1";
  int port = 8750;  // 0: any free port
  std::string tls_cert;  // PEM files; both empty: plain HTTP
  std::string tls_key;
};

// "127.0.0.1:8750", "[::1]:8750", ":8750" or "8750".
Result<ListenOptions> parse_listen(const std::string& text);

class HttpServer {
 public:
  using LogFn = std::function<void(const std::string& line)>;
  // `dashboard`: null serves the kiosks' API alone.
  HttpServer(SyncService& service, dashboard::Dashboard* dashboard, LogFn log);
  ~HttpServer();

  // Binds; after this, port() is known and listen() serves until stop().
  Status bind(const ListenOptions& options);
  int port() const { return port_; }
  Status listen();
  // Safe from another thread (not from a signal handler).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace attest::sync
