#include "sync/client/http_client.h"

#include <httplib.h>

#include "sync/protocol/request_auth.h"

namespace attest::sync {

namespace {

// What went wrong, in words the Security Official can act on.
std::string plain_words(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "nothing answers at that address";
    case httplib::Error::ConnectionTimeout: return "no answer within 5 seconds";
    case httplib::Error::Read: return "the connection broke while waiting for its answer";
    case httplib::Error::Write: return "the connection broke while sending";
    case httplib::Error::SSLConnection: return "a secure (https) connection could not be set up";
    case httplib::Error::SSLServerVerification: return "its certificate could not be verified";
    case httplib::Error::SSLLoadingCerts:
      return "this kiosk could not load the certificates to check it with";
    default: return "error " + httplib::to_string(e);
  }
}

}  // namespace

struct HttpClient::Impl {
  std::unique_ptr<httplib::Client> client;
};

Result<std::unique_ptr<HttpClient>> HttpClient::connect(const std::string& base_url) {
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0) {
    return make_error(ErrorCode::kInvalidArgument,
                      "the server address must start with http:// or https://, like "
                      "http://192.168.1.20:8750");
  }
  auto c = std::unique_ptr<HttpClient>(new HttpClient());
  c->impl_ = std::make_unique<Impl>();
  c->impl_->client = std::make_unique<httplib::Client>(base_url);
  if (!c->impl_->client->is_valid()) {
    return make_error(ErrorCode::kInvalidArgument, "cannot use the server address " + base_url);
  }
  c->impl_->client->set_keep_alive(true);
  // The request signature covers the target exactly as sent: never let the
  // library re-encode it after signing.
  c->impl_->client->set_url_encode(false);
  // httplib writes headers and body in separate sends; with Nagle on, the
  // second waits for the peer's delayed ACK, 40 ms a request on Linux.
  c->impl_->client->set_tcp_nodelay(true);
  c->impl_->client->set_connection_timeout(5, 0);
  c->impl_->client->set_read_timeout(60, 0);
  c->impl_->client->set_write_timeout(60, 0);
  c->base_url_ = base_url;
  return c;
}

HttpClient::~HttpClient() = default;

Result<HttpResult> HttpClient::send(const std::string& method, const std::string& target,
                                    const Headers& headers, const std::string& body) {
  httplib::Headers h;
  for (const auto& [k, v] : headers) h.emplace(k, v);
  httplib::Result res = method == "GET"
                            ? impl_->client->Get(target.c_str(), h)
                            : impl_->client->Post(target.c_str(), h, body, "application/json");
  if (!res) {
    return make_error(ErrorCode::kIo, "cannot reach the office server at " + base_url_ + " (" +
                                          plain_words(res.error()) + ")");
  }
  HttpResult out;
  out.status = res->status;
  out.body = std::move(res->body);
  out.server_signature = res->get_header_value(kHeaderServerSignature);
  return out;
}

}  // namespace attest::sync
