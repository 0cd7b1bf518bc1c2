#include "sync/server/http_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "sync/protocol/limits.h"

namespace attest::sync {

Result<ListenOptions> parse_listen(const std::string& text) {
  ListenOptions o;
  std::string host = o.host, port = text;
  if (auto colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) host = "0.0.0.0";
  }
  char* end = nullptr;
  long p = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || p < 0 || p > 65535) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--listen takes HOST:PORT, like 127.0.0.1:8750, not \"" + text + "\"");
  }
  o.host = host;
  o.port = static_cast<int>(p);
  return o;
}

namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

// What the handler learned about a request, for its log line. The logger
// runs on the same worker thread right after the handler.
struct RequestLog {
  SteadyTime started;
  std::string device;
  std::string note;
};
thread_local RequestLog t_log;

std::string short_id(const std::string& hex) { return hex.size() > 12 ? hex.substr(0, 12) : hex; }

// httplib holds a body to the size limit only when it comes with a
// Content-Length. A chunked body, or one that runs until the connection
// closes (what it assumes for a POST without a length), it reads whole into
// memory before any handler runs, so a stranger could make the server
// buffer without bound. Kiosks always send a length; anything else is
// refused here, before the body is read. (GET bodies are never read.)
bool body_without_length(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const bool reads_body = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  return reads_body && !req.has_header("Content-Length");
}

}  // namespace

struct HttpServer::Impl {
  SyncService* service = nullptr;
  dashboard::Dashboard* dashboard = nullptr;
  bool tls = false;
  LogFn log;
  std::unique_ptr<httplib::Server> server;
  std::mutex log_mu;

  void handle(const httplib::Request& req, httplib::Response& res) {
    if (dashboard && req.path.rfind("/v1/", 0) != 0) return handle_page(req, res);
    Request r;
    r.method = req.method;
    r.path = req.path;
    r.target = req.target;
    for (const auto& [k, v] : req.params) r.params.emplace(k, v);
    r.auth.device = req.get_header_value(kHeaderDevice);
    r.auth.time = req.get_header_value(kHeaderTime);
    r.auth.nonce = req.get_header_value(kHeaderNonce);
    r.auth.signature = req.get_header_value(kHeaderSignature);
    r.body = req.body;
    Response out = service->handle(r);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_content(out.body, "application/json");
    t_log.device = out.device;
    t_log.note = out.note;
  }

  void handle_page(const httplib::Request& req, httplib::Response& res) {
    dashboard::WebRequest w;
    w.method = req.method;
    w.path = req.path;
    if (auto q = req.target.find('?'); q != std::string::npos) {
      w.query = dashboard::parse_form(std::string_view(req.target).substr(q + 1));
    }
    if (req.method == "POST" &&
        req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
      w.form = dashboard::parse_form(req.body);
    }
    w.cookies = dashboard::parse_cookies(req.get_header_value("Cookie"));
    w.remote = req.remote_addr;
    w.origin = req.get_header_value("Origin");
    w.host = req.get_header_value("Host");
    w.tls = tls;
    dashboard::WebResponse out = dashboard->handle(w);
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    t_log.note = out.note;
    if (out.file.empty()) {
      res.set_content(out.body, out.content_type);
      return;
    }
    // A file sent as it is read, then removed if asked.
    std::error_code ec;
    const auto size = std::filesystem::file_size(out.file, ec);
    auto in = std::make_shared<std::ifstream>(out.file, std::ios::binary);
    if (ec || !*in) {
      res.status = 500;
      res.set_content("the file to send could not be read\n", "text/plain; charset=utf-8");
      return;
    }
    const std::filesystem::path file = out.file;
    const bool remove = out.delete_file;
    res.set_content_provider(
        static_cast<size_t>(size), out.content_type,
        [in](size_t offset, size_t length, httplib::DataSink& sink) {
          std::vector<char> buf(std::min<size_t>(length, 1 << 16));
          in->clear();
          in->seekg(static_cast<std::streamoff>(offset));
          in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
          const auto n = in->gcount();
          if (n <= 0) return false;
          sink.write(buf.data(), static_cast<size_t>(n));
          return true;
        },
        [file, remove](bool) {
          std::error_code rm;
          if (remove) std::filesystem::remove(file, rm);
        });
  }

  void write_log(const httplib::Request& req, const httplib::Response& res) {
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_log.started)
            .count();
    char timing[32];
    std::snprintf(timing, sizeof timing, "%.1f ms", ms);
    std::string line = format_utc(SystemClock().now().utc_ms) + " " + req.remote_addr + " " +
                       req.method + " " + req.path + " " + std::to_string(res.status) + " " +
                       std::to_string(req.body.size()) + "B in, " +
                       std::to_string(res.body.size()) + "B out, " + timing;
    if (!t_log.device.empty()) line += " device " + short_id(t_log.device);
    if (!t_log.note.empty()) line += " (" + t_log.note + ")";
    t_log = RequestLog{};
    std::lock_guard<std::mutex> lock(log_mu);
    log(line);
  }
};

HttpServer::HttpServer(SyncService& service, dashboard::Dashboard* dashboard, LogFn log)
    : impl_(std::make_unique<Impl>()) {
  impl_->service = &service;
  impl_->dashboard = dashboard;
  impl_->log = std::move(log);
}

HttpServer::~HttpServer() { stop(); }

Status HttpServer::bind(const ListenOptions& o) {
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!tls->is_valid()) {
      return make_error(ErrorCode::kInvalidArgument,
                        "cannot use the TLS certificate " + o.tls_cert + " and key " + o.tls_key);
    }
    impl_->server = std::move(tls);
    impl_->tls = true;
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  httplib::Server& s = *impl_->server;
  Impl* impl = impl_.get();
  // Bodies over the limit are refused before they are read.
  s.set_payload_max_length(kMaxRequestBytes);
  // Headers and body go out in separate sends: without this the body waits
  // for the kiosk's delayed ACK, 40 ms an answer.
  s.set_tcp_nodelay(true);
  s.set_read_timeout(30, 0);
  s.set_write_timeout(30, 0);
  s.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    t_log = RequestLog{std::chrono::steady_clock::now(), {}, {}};
    if (body_without_length(req)) {
      const Rejection r = reject(411, "length_required",
                                 "a request body must come with a Content-Length (at most " +
                                     std::to_string(kMaxRequestBytes) + " bytes), not chunked");
      res.status = r.status;
      res.set_header("Connection", "close");
      res.set_content(r.body(), "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) {
    impl->handle(req, res);
  };
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Delete(".*", handler);
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    Rejection r = res.status == 413
                      ? reject(413, "too_large",
                               "the request is larger than " + std::to_string(kMaxRequestBytes) +
                                   " bytes")
                      : reject(res.status, "http_error", "the request could not be handled");
    res.set_content(r.body(), "application/json");
  });
  s.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    impl->write_log(req, res);
  });
  if (o.port == 0) {
    port_ = s.bind_to_any_port(o.host);
    if (port_ <= 0) return make_error(ErrorCode::kIo, "cannot listen on " + o.host);
  } else {
    if (!s.bind_to_port(o.host, o.port)) {
      return make_error(ErrorCode::kIo, "cannot listen on " + o.host + ":" +
                                            std::to_string(o.port) +
                                            " (in use, or not an address of this machine)");
    }
    port_ = o.port;
  }
  return {};
}

Status HttpServer::listen() {
  if (!impl_->server) return make_error(ErrorCode::kInvalidArgument, "bind() first");
  if (!impl_->server->listen_after_bind()) {
    return make_error(ErrorCode::kIo, "the server stopped listening unexpectedly");
  }
  return {};
}

void HttpServer::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

}  // namespace attest::sync
