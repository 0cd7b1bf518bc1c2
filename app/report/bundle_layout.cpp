#include "report/bundle_layout.h"

#include "core/canonical.h"

namespace attest::report {

using nlohmann::json;
using nlohmann::ordered_json;

std::string bundle_events_file(const crypto::DeviceId& device) {
  return "events/" + hex_encode(device) + ".jsonl";
}

std::string bundle_bodies_file(const crypto::DeviceId& device) {
  return "bodies/" + hex_encode(device) + ".jsonl";
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

// The readable fields as values, for the verifier to name the one that
// differs when a line is not what append_event_line would write.
void put_readable(json& j, const core::EventHeader& h) {
  j["kind"] = std::string(core::event_kind_name(h.kind));
  j["time"] = format_local(h.time);
  j["person_id"] = h.person_id;
  if (h.subject == core::Subject{}) {
    j["subject"] = nullptr;
  } else {
    json s;
    s["id"] = h.subject.id;
    s["version"] = h.subject.version;
    s["content_sha256"] = h.subject.content_sha256 ? json(hex_encode(*h.subject.content_sha256)) : json(nullptr);
    j["subject"] = std::move(s);
  }
  j["event_id"] = hex_encode(h.event_id);
  j["refers_to"] = h.refers_to ? json(hex_encode(*h.refers_to)) : json(nullptr);
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

namespace {

void append_hex(std::string& out, ByteView data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const size_t at = out.size();
  out.resize(at + data.size() * 2);
  char* o = out.data() + at;
  for (uint8_t b : data) {
    *o++ = kDigits[b >> 4];
    *o++ = kDigits[b & 0xf];
  }
}

template <size_t N>
void append_hex(std::string& out, const std::array<uint8_t, N>& a) {
  append_hex(out, ByteView(a.data(), a.size()));
}

// A JSON string as nlohmann's dump writes it (UTF-8 kept, anything not
// UTF-8 replaced), without building a json value for the common case.
void append_json_string(std::string& out, std::string_view s) {
  bool plain = true;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && u >= 0x20 && u < 0x7f && c != '"' && c != '\\';
  }
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

template <size_t N>
void append_hex_or_null(std::string& out, const std::optional<std::array<uint8_t, N>>& a) {
  if (!a) {
    out += "null";
    return;
  }
  out += '"';
  append_hex(out, *a);
  out += '"';
}

// The value of `"key":"...` in a line written by append_event_line: the
// text between the quotes after the key. Inside a JSON string every '"' is
// escaped, so `,"key":"` can only be the key itself.
std::optional<std::string_view> quoted_after(std::string_view line, std::string_view key, size_t from) {
  const size_t at = line.find(key, from);
  if (at == std::string_view::npos) return std::nullopt;
  const size_t start = at + key.size();
  const size_t end = line.find('"', start);
  if (end == std::string_view::npos) return std::nullopt;
  return line.substr(start, end - start);
}

// Lowercase hex straight into a fixed array (the fast path reads two per
// line, a million lines).
template <size_t N>
bool hex_into(std::string_view text, std::array<uint8_t, N>& out) {
  if (text.size() != N * 2) return false;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < N; ++i) {
    const int hi = value(text[2 * i]), lo = value(text[2 * i + 1]);
    if ((hi | lo) < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

// `{"seq":N,` at the start of a line; the position after the comma.
std::optional<std::pair<uint64_t, size_t>> leading_seq(std::string_view line) {
  constexpr std::string_view kSeq = "{\"seq\":";
  if (line.substr(0, kSeq.size()) != kSeq) return std::nullopt;
  uint64_t seq = 0;
  size_t i = kSeq.size();
  const size_t digits = i;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9' && i - digits < 19) {
    seq = seq * 10 + static_cast<uint64_t>(line[i] - '0');
    ++i;
  }
  if (i == digits || i >= line.size() || line[i] != ',') return std::nullopt;
  return std::make_pair(seq, i + 1);
}

}  // namespace

void append_event_line(std::string& out, const RawEvent& e, const core::EventHeader& h) {
  out += "{\"seq\":";
  out += std::to_string(e.seq);
  out += ",\"kind\":";
  append_json_string(out, core::event_kind_name(h.kind));
  out += ",\"time\":\"";
  out += format_local(h.time);
  out += "\",\"person_id\":";
  append_json_string(out, h.person_id);
  out += ",\"subject\":";
  if (h.subject == core::Subject{}) {
    out += "null";
  } else {
    out += "{\"id\":";
    append_json_string(out, h.subject.id);
    out += ",\"version\":";
    append_json_string(out, h.subject.version);
    out += ",\"content_sha256\":";
    append_hex_or_null(out, h.subject.content_sha256);
    out += '}';
  }
  out += ",\"event_id\":\"";
  append_hex(out, h.event_id);
  out += "\",\"refers_to\":";
  append_hex_or_null(out, h.refers_to);
  out += ",\"retain_until\":\"";
  out += format_date(h.retain_until);
  out += "\",\"body_digest\":\"";
  append_hex(out, h.body_digest);
  out += "\",\"app_version\":";
  append_json_string(out, h.app_version);
  out += ",\"prev_link\":\"";
  append_hex(out, h.prev_link);
  out += "\",\"hash\":\"";
  append_hex(out, *e.hash);
  out += "\",\"signature\":\"";
  append_hex(out, *e.signature);
  out += "\",\"canonical_header\":\"";
  base64_append(out, e.canonical_header);
  out += "\",\"sealed_body\":\"";
  base64_append(out, e.sealed_body);
  out += "\"}";
}

std::string bundle_event_line(const RawEvent& e, const core::EventHeader& header) {
  std::string out;
  append_event_line(out, e, header);
  return out;
}

std::optional<EventLine> parse_event_line_fast(std::string_view line) {
  auto seq = leading_seq(line);
  if (!seq) return std::nullopt;
  // The signed parts are the last four fields, in this order.
  auto hash = quoted_after(line, ",\"hash\":\"", seq->second);
  if (!hash) return std::nullopt;
  const size_t after_hash = static_cast<size_t>(hash->data() - line.data()) + hash->size();
  auto sig = quoted_after(line, ",\"signature\":\"", after_hash);
  if (!sig) return std::nullopt;
  const size_t after_sig = static_cast<size_t>(sig->data() - line.data()) + sig->size();
  auto header = quoted_after(line, ",\"canonical_header\":\"", after_sig);
  if (!header) return std::nullopt;
  const size_t after_header = static_cast<size_t>(header->data() - line.data()) + header->size();
  auto body = quoted_after(line, ",\"sealed_body\":\"", after_header);
  if (!body) return std::nullopt;
  EventLine out;
  out.seq = seq->first;
  if (!hex_into(*hash, out.hash) || !hex_into(*sig, out.signature)) return std::nullopt;
  auto h = base64_decode(*header);
  auto b = base64_decode(*body);
  if (!h.ok() || !b.ok()) return std::nullopt;
  out.canonical_header = std::move(*h);
  out.sealed_body = std::move(*b);
  return out;
}

void append_body_line(std::string& out, uint64_t seq, ByteView body) {
  out += "{\"seq\":";
  out += std::to_string(seq);
  out += ",\"body\":";
  out.append(reinterpret_cast<const char*>(body.data()), body.size());
  out += '}';
}

Result<BodyLine> parse_body_line(std::string_view line) {
  auto seq = leading_seq(line);
  constexpr std::string_view kBody = "\"body\":";
  if (!seq || line.substr(seq->second, kBody.size()) != kBody || line.size() < seq->second + kBody.size() + 1 ||
      line.back() != '}') {
    return make_error(ErrorCode::kParse, "not a line {\"seq\":N,\"body\":{...}}");
  }
  const size_t start = seq->second + kBody.size();
  return BodyLine{seq->first, line.substr(start, line.size() - 1 - start)};
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
