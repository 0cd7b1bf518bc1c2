#include "report/bundle_layout.h"

#include "core/canonical.h"

namespace attest::report {

using nlohmann::json;
using nlohmann::ordered_json;

std::string bundle_events_file(const crypto::DeviceId& device) {
  return "events/" + hex_encode(device) + ".jsonl";
}

std::string bundle_body_file(const crypto::DeviceId& device, uint64_t seq) {
  return "bodies/" + hex_encode(device) + "/" + std::to_string(seq) + ".json";
}

std::string report_file_stem(const std::string& report_id) {
  std::string out;
  for (char c : report_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || (c == '.' && !out.empty());
    out += safe ? c : '_';
  }
  return out.empty() ? "_" : out;
}

namespace {

// One definition of the readable fields, used both to write a line (in a
// reading order) and to check one (order does not matter there).
template <typename Json>
void put_readable(Json& j, const core::EventHeader& h) {
  j["kind"] = std::string(core::event_kind_name(h.kind));
  j["time"] = format_local(h.time);
  j["person_id"] = h.person_id;
  if (h.subject == core::Subject{}) {
    j["subject"] = nullptr;
  } else {
    Json s;
    s["id"] = h.subject.id;
    s["version"] = h.subject.version;
    s["content_sha256"] = h.subject.content_sha256 ? Json(hex_encode(*h.subject.content_sha256)) : Json(nullptr);
    j["subject"] = std::move(s);
  }
  j["event_id"] = hex_encode(h.event_id);
  j["refers_to"] = h.refers_to ? Json(hex_encode(*h.refers_to)) : Json(nullptr);
  j["retain_until"] = format_date(h.retain_until);
  j["body_digest"] = hex_encode(h.body_digest);
  j["app_version"] = h.app_version;
  j["prev_link"] = hex_encode(h.prev_link);
}

std::optional<std::string> string_at(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

template <size_t N>
Status hex_at(const json& j, const char* key, std::array<uint8_t, N>& out, const std::string& where) {
  auto text = string_at(j, key);
  auto bytes = text ? hex_decode(*text) : Result<Bytes>(make_error(ErrorCode::kParse, ""));
  if (!bytes.ok() || !copy_exact(*bytes, out)) {
    return make_error(ErrorCode::kParse, where + ": \"" + key + "\" must be " +
                                             std::to_string(N * 2) + " hex digits");
  }
  return {};
}

Result<Date> date_at(const json& j, const char* key, const std::string& where) {
  auto text = string_at(j, key);
  auto d = text ? parse_date(*text) : Result<Date>(make_error(ErrorCode::kParse, ""));
  if (!d.ok()) {
    return make_error(ErrorCode::kParse, where + ": \"" + key + "\" must be a date, YYYY-MM-DD");
  }
  return *d;
}

Result<uint64_t> count_at(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) {
    return make_error(ErrorCode::kParse, where + ": \"" + key + "\" must be a whole number");
  }
  return it->get<uint64_t>();
}

Result<std::string> text_at(const json& j, const char* key, const std::string& where) {
  auto s = string_at(j, key);
  if (!s) return make_error(ErrorCode::kParse, where + ": \"" + key + "\" must be text");
  return *s;
}

}  // namespace

json readable_header_fields(const core::EventHeader& header) {
  json j = json::object();
  put_readable(j, header);
  return j;
}

std::string bundle_event_line(const RawEvent& e, const core::EventHeader& header) {
  ordered_json j;
  j["seq"] = e.seq;
  put_readable(j, header);
  j["hash"] = hex_encode(*e.hash);
  j["signature"] = hex_encode(*e.signature);
  j["canonical_header"] = base64_encode(e.canonical_header);
  j["sealed_body"] = base64_encode(e.sealed_body);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<EventLine> parse_event_line(std::string_view line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return make_error(ErrorCode::kParse, "not a JSON object");
  }
  EventLine out;
  out.seq = TRY(count_at(j, "seq", "the event"));
  for (const char* key : {"canonical_header", "sealed_body"}) {
    auto text = string_at(j, key);
    auto bytes = text ? base64_decode(*text) : Result<Bytes>(make_error(ErrorCode::kParse, ""));
    if (!bytes.ok()) {
      return make_error(ErrorCode::kParse, std::string("\"") + key + "\" must be base64");
    }
    (std::string_view(key) == "sealed_body" ? out.sealed_body : out.canonical_header) = std::move(*bytes);
  }
  TRY_STATUS(hex_at(j, "hash", out.hash, "the event"));
  TRY_STATUS(hex_at(j, "signature", out.signature, "the event"));
  out.fields = std::move(j);
  return out;
}

std::string devices_json(const std::vector<BundleDevice>& devices) {
  ordered_json list = ordered_json::array();
  for (const auto& d : devices) {
    ordered_json j;
    j["id"] = hex_encode(d.id);
    j["name"] = d.name;
    j["public_key"] = hex_encode(d.key);
    list.push_back(std::move(j));
  }
  ordered_json root;
  root["devices"] = std::move(list);
  return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<std::vector<BundleDevice>> parse_devices_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("devices") || !j["devices"].is_array()) {
    return make_error(ErrorCode::kParse, "not a JSON object with a \"devices\" list");
  }
  std::vector<BundleDevice> out;
  for (const auto& d : j["devices"]) {
    const std::string where = "device " + std::to_string(out.size() + 1);
    if (!d.is_object()) return make_error(ErrorCode::kParse, where + " is not an object");
    BundleDevice b;
    TRY_STATUS(hex_at(d, "id", b.id, where));
    TRY_STATUS(hex_at(d, "public_key", b.key, where));
    b.name = string_at(d, "name").value_or("");
    out.push_back(std::move(b));
  }
  return out;
}

std::string manifest_json(const BundleManifest& m) {
  ordered_json j;
  j["format"] = kBundleFormatName;
  j["format_version"] = m.format_version;
  j["practice"] = m.practice;
  j["period"] = {{"from", format_date(m.from)}, {"to", format_date(m.to)}};
  j["as_of"] = format_date(m.as_of);
  j["generated_at"] = m.generated_at;
  j["generated_by"] = m.generated_by;
  j["app_version"] = m.app_version;
  j["source"] = m.source;
  j["bodies"] = m.bodies_opened ? "opened" : "sealed";
  j["signed_by"] = {{"role", m.signer_role},
                    {"public_key", hex_encode(m.signer_key)},
                    {"fingerprint", hex_encode(crypto::fingerprint(m.signer_key))}};
  j["rules"] = {{"new_hire_days", m.rules.new_hire_days},
                {"new_version_days", m.rules.new_version_days},
                {"due_soon_days", m.rules.due_soon_days}};
  j["formats"] = m.formats;
  ordered_json devices = ordered_json::array();
  for (const auto& d : m.devices) {
    devices.push_back({{"id", hex_encode(d.device)},
                       {"events", d.events},
                       {"last_seq", d.last_seq},
                       {"head_hash", hex_encode(d.hash)},
                       {"head_link", hex_encode(d.link)}});
  }
  j["devices"] = std::move(devices);
  ordered_json files = ordered_json::object();
  for (const auto& [path, sha] : m.files) files[path] = hex_encode(sha);
  j["files"] = std::move(files);
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<BundleManifest> parse_manifest(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return make_error(ErrorCode::kParse, "not a JSON object");
  if (string_at(j, "format") != std::string(kBundleFormatName)) {
    return make_error(ErrorCode::kParse, "not an Attest evidence bundle manifest");
  }
  BundleManifest m;
  const std::string w = "the manifest";
  m.format_version = static_cast<int>(TRY(count_at(j, "format_version", w)));
  if (m.format_version != kBundleFormatVersion) {
    return make_error(ErrorCode::kUnsupported,
                      "bundle format version " + std::to_string(m.format_version) +
                          " is not one this attest reads (" + std::to_string(kBundleFormatVersion) + ")");
  }
  m.practice = TRY(text_at(j, "practice", w));
  if (!j.contains("period") || !j["period"].is_object()) {
    return make_error(ErrorCode::kParse, "the manifest has no \"period\"");
  }
  m.from = TRY(date_at(j["period"], "from", "the period"));
  m.to = TRY(date_at(j["period"], "to", "the period"));
  m.as_of = TRY(date_at(j, "as_of", w));
  m.generated_at = TRY(text_at(j, "generated_at", w));
  m.generated_by = TRY(text_at(j, "generated_by", w));
  m.app_version = string_at(j, "app_version").value_or("");
  m.source = TRY(text_at(j, "source", w));
  const std::string bodies = TRY(text_at(j, "bodies", w));
  if (bodies != "opened" && bodies != "sealed") {
    return make_error(ErrorCode::kParse, "the manifest's \"bodies\" must be opened or sealed");
  }
  m.bodies_opened = bodies == "opened";
  if (!j.contains("signed_by") || !j["signed_by"].is_object()) {
    return make_error(ErrorCode::kParse, "the manifest does not say who signed it");
  }
  m.signer_role = TRY(text_at(j["signed_by"], "role", "signed_by"));
  TRY_STATUS(hex_at(j["signed_by"], "public_key", m.signer_key, "signed_by"));
  if (j.contains("rules") && j["rules"].is_object()) {
    const json& r = j["rules"];
    m.rules.new_hire_days = static_cast<int>(TRY(count_at(r, "new_hire_days", "rules")));
    m.rules.new_version_days = static_cast<int>(TRY(count_at(r, "new_version_days", "rules")));
    m.rules.due_soon_days = static_cast<int>(TRY(count_at(r, "due_soon_days", "rules")));
  }
  if (j.contains("formats") && j["formats"].is_array()) {
    for (const auto& f : j["formats"]) {
      if (f.is_string()) m.formats.push_back(f.get<std::string>());
    }
  }
  if (!j.contains("devices") || !j["devices"].is_array()) {
    return make_error(ErrorCode::kParse, "the manifest has no \"devices\" list");
  }
  for (const auto& d : j["devices"]) {
    BundleHead h;
    const std::string where = "device " + std::to_string(m.devices.size() + 1) + " of the manifest";
    if (!d.is_object()) return make_error(ErrorCode::kParse, where + " is not an object");
    TRY_STATUS(hex_at(d, "id", h.device, where));
    h.events = TRY(count_at(d, "events", where));
    h.last_seq = TRY(count_at(d, "last_seq", where));
    TRY_STATUS(hex_at(d, "head_hash", h.hash, where));
    TRY_STATUS(hex_at(d, "head_link", h.link, where));
    m.devices.push_back(h);
  }
  if (!j.contains("files") || !j["files"].is_object()) {
    return make_error(ErrorCode::kParse, "the manifest has no \"files\" list");
  }
  for (const auto& [path, sha] : j["files"].items()) {
    crypto::Sha256 s{};
    json one = {{"sha256", sha}};
    TRY_STATUS(hex_at(one, "sha256", s, "file " + path));
    m.files[path] = s;
  }
  return m;
}

Bytes manifest_signing_message(ByteView manifest) {
  Bytes m = to_bytes("attest/evidence-manifest/v1");
  put_bytes(m, manifest);
  return m;
}

std::string BundleProblem::to_string() const {
  std::string s = file;
  if (line) s += " line " + std::to_string(line);
  if (record) s += " (" + ref_text(*record) + ")";
  return s + ": " + message;
}

LedgerOptions bundle_ledger_options(const BundleManifest& m) {
  LedgerOptions o;
  o.since = m.from;
  o.until = m.to;
  o.retention_as_of = m.as_of;
  return o;
}

std::string thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace attest::report
