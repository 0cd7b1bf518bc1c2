// A browser's request and the dashboard's answer, without sockets:
// http_server.cpp fills a WebRequest from each request that is not for the
// kiosks' /v1/ API and sends back the WebResponse, so every page, refusal
// and redirect is testable in-process.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace attest::dashboard {

struct WebRequest {
  std::string method;  // "GET", "POST"
  std::string path;    // without the query
  std::map<std::string, std::string> query;  // ?role=...
  std::map<std::string, std::string> form;   // a POST's urlencoded fields
  std::map<std::string, std::string> cookies;
  std::string remote;  // the peer's address, for the sign-in records
  // The request's Origin and the Host it was sent to: a POST from another
  // site's page is refused even before its CSRF token is looked at.
  std::string origin, host;
  bool tls = false;

  const std::string& param(const std::string& name) const;  // query, else empty
  const std::string& field(const std::string& name) const;  // form, else empty
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  // Sent instead of `body` when set, then deleted if `delete_file`: an
  // evidence bundle's archive can be larger than is worth holding.
  std::filesystem::path file;
  bool delete_file = false;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string note;  // one short phrase for the server's log

  void header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// A 303 to `location` (a path of ours).
WebResponse redirect(const std::string& location);

// `application/x-www-form-urlencoded` or a query string into fields; the
// same name twice keeps the first.
std::map<std::string, std::string> parse_form(std::string_view text);
std::string url_encode(std::string_view text);
// The request's Cookie header into name -> value.
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace attest::dashboard
