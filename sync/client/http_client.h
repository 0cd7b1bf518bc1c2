// The kiosk's HTTP/1.1 connection to the office server (cpp-httplib, kept
// alive between requests; https:// URLs use TLS). The only file on the
// kiosk side that knows httplib. Failures to connect come back as errors in
// plain words; any HTTP answer, even a 4xx, is a result.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace attest::sync {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string server_signature;  // the Attest-Server-Signature header, if any
};

class HttpClient {
 public:
  // "http://127.0.0.1:8750" or "https://office.example:8750".
  static Result<std::unique_ptr<HttpClient>> connect(const std::string& base_url);
  ~HttpClient();

  using Headers = std::vector<std::pair<std::string, std::string>>;
  Result<HttpResult> send(const std::string& method, const std::string& target,
                          const Headers& headers, const std::string& body);
  const std::string& base_url() const { return base_url_; }

 private:
  HttpClient() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string base_url_;
};

}  // namespace attest::sync
