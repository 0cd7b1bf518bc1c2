#include "sync/protocol/request_auth.h"

#include <charconv>

#include "sync/protocol/limits.h"

namespace attest::sync {

Bytes request_signing_message(std::string_view method, std::string_view path,
                              const crypto::Sha256& body_hash, int64_t time_ms,
                              const Nonce& nonce) {
  std::string m = "attest/request/v1\n";
  m.append(method).append("\n").append(path).append("\n").append(hex_encode(body_hash));
  m.append("\n").append(std::to_string(time_ms)).append("\n").append(hex_encode(nonce));
  return to_bytes(m);
}

AuthHeaders sign_request(const crypto::SigningKey& key, std::string_view method,
                         std::string_view path, ByteView body, int64_t now_ms, Random& rng) {
  Nonce nonce;
  rng.fill(nonce);
  const crypto::Signature sig =
      key.sign(request_signing_message(method, path, crypto::sha256(body), now_ms, nonce));
  return AuthHeaders{hex_encode(crypto::fingerprint(key.public_key())), std::to_string(now_ms),
                     hex_encode(nonce), base64_encode(sig)};
}

namespace {

template <size_t N>
bool decode_hex_exact(const std::string& text, std::array<uint8_t, N>& out) {
  auto bytes = hex_decode(text);
  return bytes.ok() && copy_exact(*bytes, out);
}

Rejection unauthorized(std::string code, std::string reason) {
  return reject(401, std::move(code), std::move(reason));
}

}  // namespace

Checked<RequestAuth> parse_auth(const AuthHeaders& h) {
  if (h.device.empty() || h.time.empty() || h.nonce.empty() || h.signature.empty()) {
    return unauthorized("unsigned", "the request is not signed by a paired device");
  }
  RequestAuth a;
  if (!decode_hex_exact(h.device, a.device)) {
    return unauthorized("bad_auth_header", "Attest-Device is not a 32-digit hex device id");
  }
  const char* end = h.time.data() + h.time.size();
  auto [p, ec] = std::from_chars(h.time.data(), end, a.time_ms);
  if (ec != std::errc() || p != end) {
    return unauthorized("bad_auth_header", "Attest-Time is not a number of milliseconds");
  }
  if (!decode_hex_exact(h.nonce, a.nonce)) {
    return unauthorized("bad_auth_header", "Attest-Nonce is not 32 hex digits");
  }
  auto sig = base64_decode(h.signature);
  if (!sig.ok() || !copy_exact(*sig, a.signature)) {
    return unauthorized("bad_auth_header", "Attest-Signature is not a base64 Ed25519 signature");
  }
  return a;
}

std::optional<Rejection> check_request(const RequestAuth& auth,
                                       const crypto::SignPublicKey& device_key,
                                       std::string_view method, std::string_view path,
                                       ByteView body, int64_t now_ms) {
  const int64_t skew = auth.time_ms - now_ms;
  if (skew > kMaxClockSkewMs || skew < -kMaxClockSkewMs) {
    Rejection r = unauthorized("stale_timestamp",
                               "the request's time is more than 5 minutes from the server's; "
                               "check the kiosk's clock");
    r.details["server_time_ms"] = now_ms;
    return r;
  }
  const Bytes message =
      request_signing_message(method, path, crypto::sha256(body), auth.time_ms, auth.nonce);
  if (!crypto::verify_signature(device_key, message, auth.signature)) {
    return unauthorized("bad_signature", "the request's signature does not verify");
  }
  return std::nullopt;
}

}  // namespace attest::sync
