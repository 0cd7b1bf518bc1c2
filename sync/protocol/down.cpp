#include "sync/protocol/down.h"

#include <nlohmann/json.hpp>

#include "base/time.h"

namespace attest::sync {

std::string encode_down(const DownPayload& p) {
  nlohmann::json roster = nlohmann::json::array();
  for (const auto& r : p.roster) {
    roster.push_back({{"person_id", r.person_id},
                      {"name", r.name},
                      {"role", r.role},
                      {"hired", r.hired},
                      {"active", r.active},
                      {"pin_verifier", r.pin_verifier}});
  }
  nlohmann::json done = nlohmann::json::array();
  for (const auto& c : p.completions) {
    done.push_back({c.person_id, c.kind, c.item_id, c.version, c.utc_ms, c.offset_minutes});
  }
  nlohmann::json j{{"practice_name", p.practice_name},
                   {"roster_version", p.roster_version},
                   {"roster_changed", p.roster_changed},
                   {"roster", roster},
                   {"positions", p.positions},
                   {"more", p.more},
                   {"completions", done}};
  if (p.chain) j["chain"] = receipt_to_json(*p.chain);
  nlohmann::json published = nlohmann::json::array();
  for (const auto& v : p.published) {
    published.push_back({{"policy_id", v.policy_id}, {"version", v.version}, {"effective", v.effective}});
  }
  j["published"] = std::move(published);
  return j.dump();
}

namespace {

Error bad(const std::string& what) { return make_error(ErrorCode::kParse, "down-sync: " + what); }

bool get_string(const nlohmann::json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

Result<DownPayload> parse_down(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return bad("not a JSON object");
  DownPayload p;
  auto number = [&](const char* key, uint64_t& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned()) return false;
    out = it->get<uint64_t>();
    return true;
  };
  auto flag = [&](const char* key, bool& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_boolean()) return false;
    out = it->get<bool>();
    return true;
  };
  if (!number("roster_version", p.roster_version)) return bad("roster_version must be a number");
  auto positions = j.find("positions");
  if (positions == j.end() || !positions->is_object()) return bad("positions must be an object");
  for (const auto& [device, seq] : positions->items()) {
    if (!seq.is_number_unsigned() || device.size() != 32) return bad("a position is malformed");
    p.positions[device] = seq.get<uint64_t>();
  }
  if (!flag("roster_changed", p.roster_changed) || !flag("more", p.more)) {
    return bad("roster_changed and more must be true or false");
  }
  if (!get_string(j, "practice_name", p.practice_name)) return bad("practice_name missing");
  auto roster = j.find("roster");
  auto done = j.find("completions");
  if (roster == j.end() || !roster->is_array()) return bad("roster must be an array");
  if (done == j.end() || !done->is_array()) return bad("completions must be an array");
  for (const auto& r : *roster) {
    RosterEntry e;
    auto active = r.is_object() ? r.find("active") : r.end();
    if (!r.is_object() || !get_string(r, "person_id", e.person_id) ||
        !get_string(r, "name", e.name) || !get_string(r, "role", e.role) ||
        !get_string(r, "hired", e.hired) || !get_string(r, "pin_verifier", e.pin_verifier) ||
        active == r.end() || !active->is_boolean() || e.person_id.empty()) {
      return bad("a roster entry is malformed");
    }
    e.active = active->get<bool>();
    p.roster.push_back(std::move(e));
  }
  for (const auto& c : *done) {
    if (!c.is_array() || c.size() != 6 || !c[0].is_string() || !c[1].is_string() ||
        !c[2].is_string() || !c[3].is_string() || !c[4].is_number_integer() ||
        !c[5].is_number_integer()) {
      return bad("a completion entry is malformed");
    }
    p.completions.push_back({c[0].get<std::string>(), c[1].get<std::string>(),
                             c[2].get<std::string>(), c[3].get<std::string>(),
                             c[4].get<int64_t>(), c[5].get<int32_t>()});
  }
  if (auto published = j.find("published"); published != j.end()) {
    if (!published->is_array()) return bad("published must be an array");
    for (const auto& v : *published) {
      PublishedEntry e;
      if (!v.is_object() || !get_string(v, "policy_id", e.policy_id) ||
          !get_string(v, "version", e.version) || !get_string(v, "effective", e.effective) ||
          e.policy_id.empty() || !parse_date(e.effective).ok()) {
        return bad("a published policy version is malformed");
      }
      p.published.push_back(std::move(e));
    }
  }
  if (auto chain = j.find("chain"); chain != j.end()) {
    auto r = receipt_from_json(*chain);
    if (!r.ok()) return bad("chain: " + r.error().message);
    p.chain = *r;
  }
  return p;
}

std::string encode_positions(const std::map<std::string, uint64_t>& positions) {
  std::string out;
  for (const auto& [device, seq] : positions) {
    if (!out.empty()) out += ',';
    out += device + ":" + std::to_string(seq);
  }
  return out;
}

Result<std::map<std::string, uint64_t>> parse_positions(std::string_view text) {
  std::map<std::string, uint64_t> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const size_t colon = item.find(':');
    if (colon != 32 || !hex_decode(item.substr(0, 32)).ok()) {
      return bad("seen= takes DEVICE:SEQ pairs with 32-digit hex device ids");
    }
    uint64_t seq = 0;
    std::string_view digits = item.substr(33);
    if (digits.empty() || digits.size() > 19) return bad("a seq in seen= is not a number");
    for (char c : digits) {
      if (c < '0' || c > '9') return bad("a seq in seen= is not a number");
      seq = seq * 10 + uint64_t(c - '0');
    }
    out[std::string(item.substr(0, 32))] = seq;
    if (out.size() > 10000) return bad("seen= names too many devices");
  }
  return out;
}

Bytes down_signing_message(const crypto::DeviceId& device, const Nonce& request_nonce,
                           ByteView body) {
  Bytes m = to_bytes("attest/down/v1");
  put_bytes(m, device);
  put_bytes(m, request_nonce);
  put_bytes(m, crypto::sha256(body));
  return m;
}

}  // namespace attest::sync
