// A man in the middle for the end-to-end tests: an HTTP server on a free
// loopback port that forwards every request to the real attest-server and
// hands each answer to a test-supplied function, which may change it before
// the kiosk sees it. A kiosk paired through the proxy talks only to it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "sync/protocol/request_auth.h"

namespace attest::testing {

// One request as the kiosk sent it and the server's answer, which the
// tamper function may rewrite.
struct Exchange {
  std::string method;
  std::string path;
  std::string target;
  std::string device;  // the request's Attest-Device and Attest-Nonce
  std::string nonce;
  int status = 0;
  std::string body;
  std::string server_signature;  // Attest-Server-Signature; empty: none sent on
};

class TamperingProxy {
 public:
  using Tamper = std::function<void(Exchange&)>;

  explicit TamperingProxy(std::string upstream) : upstream_(std::move(upstream)) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      forward(req, res);
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only stops a server that is already listening.
    while (port_ > 0 && !server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~TamperingProxy() {
    server_.stop();
    thread_.join();
  }
  TamperingProxy(const TamperingProxy&) = delete;
  TamperingProxy& operator=(const TamperingProxy&) = delete;

  bool ok() const { return port_ > 0; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Empty: pass everything through unchanged.
  void set_tamper(Tamper t) {
    std::lock_guard<std::mutex> lock(mu_);
    tamper_ = std::move(t);
  }
  // Answers the tamper function has seen (changed or not).
  int tampered() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tampered_;
  }

 private:
  void forward(const httplib::Request& req, httplib::Response& res) {
    httplib::Client up(upstream_);
    up.set_read_timeout(60, 0);
    httplib::Headers h;
    for (const char* name : {sync::kHeaderDevice, sync::kHeaderTime, sync::kHeaderNonce,
                             sync::kHeaderSignature}) {
      if (req.has_header(name)) h.emplace(name, req.get_header_value(name));
    }
    httplib::Result r = req.method == "GET"
                            ? up.Get(req.target, h)
                            : up.Post(req.target, h, req.body, "application/json");
    if (!r) {
      res.status = 502;
      return;
    }
    Exchange x{req.method,
               req.path,
               req.target,
               req.get_header_value(sync::kHeaderDevice),
               req.get_header_value(sync::kHeaderNonce),
               r->status,
               r->body,
               r->get_header_value(sync::kHeaderServerSignature)};
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (tamper_) {
        tamper_(x);
        ++tampered_;
      }
    }
    res.status = x.status;
    if (!x.server_signature.empty()) {
      res.set_header(sync::kHeaderServerSignature, x.server_signature);
    }
    res.set_content(x.body, "application/json");
  }

  std::string upstream_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mu_;
  Tamper tamper_;
  int tampered_ = 0;
};

}  // namespace attest::testing
