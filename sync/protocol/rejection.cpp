#include "sync/protocol/rejection.h"

namespace attest::sync {

std::string Rejection::body() const {
  nlohmann::json j = details.is_object() ? details : nlohmann::json::object();
  j["error"] = code;
  j["reason"] = reason;
  return j.dump();
}

std::optional<Rejection> parse_rejection(int status, const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_string()) return std::nullopt;
  Rejection r;
  r.status = status;
  r.code = j["error"].get<std::string>();
  if (j.contains("reason") && j["reason"].is_string()) r.reason = j["reason"].get<std::string>();
  j.erase("error");
  j.erase("reason");
  r.details = std::move(j);
  return r;
}

}  // namespace attest::sync
