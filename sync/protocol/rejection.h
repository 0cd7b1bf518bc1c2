// A refused request: the HTTP status, a short machine-readable code and a
// reason in plain words. Every check in the protocol answers with one of
// these or lets the request through; the server sends it as the JSON body
// {"error": code, "reason": reason, ...details}.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

namespace attest::sync {

struct Rejection {
  int status = 400;
  std::string code;
  std::string reason;
  nlohmann::json details = nlohmann::json::object();

  std::string body() const;
};

inline Rejection reject(int status, std::string code, std::string reason) {
  return Rejection{status, std::move(code), std::move(reason), nlohmann::json::object()};
}

// A value, or why the request was refused.
template <typename T>
using Checked = std::variant<T, Rejection>;

template <typename T>
bool accepted(const Checked<T>& c) {
  return c.index() == 0;
}

// Reads an error body back (client side); empty when it is not one.
std::optional<Rejection> parse_rejection(int status, const std::string& body);

}  // namespace attest::sync
