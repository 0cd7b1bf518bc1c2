#include "report/bundle_reader.h"

#include <fstream>

#include "base/file.h"
#include "core/body.h"
#include "core/canonical.h"

namespace attest::report {

namespace fs = std::filesystem;

Result<std::string> read_bundle_file(const fs::path& dir, const std::string& relative) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / relative, ec)) {
    return make_error(ErrorCode::kNotFound, relative + " is missing");
  }
  auto text = read_file(dir / relative);
  if (!text.ok()) return make_error(text.error().code, relative + " cannot be read");
  return text;
}

Result<crypto::Sha256> sha256_of_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, "cannot open " + path.string());
  crypto::Sha256Stream hash;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    hash.update(ByteView(reinterpret_cast<const uint8_t*>(buf.data()), n));
  }
  if (in.bad()) return make_error(ErrorCode::kIo, "cannot read " + path.string());
  return hash.finish();
}

Result<BundleManifest> read_manifest(const fs::path& dir) {
  const std::string text = TRY(read_bundle_file(dir, kManifestFile));
  auto m = parse_manifest(text);
  if (!m.ok()) return make_error(m.error().code, std::string(kManifestFile) + ": " + m.error().message);
  return m;
}

Result<std::vector<BundleDevice>> read_devices(const fs::path& dir) {
  const std::string text = TRY(read_bundle_file(dir, kDevicesFile));
  auto d = parse_devices_json(text);
  if (!d.ok()) return make_error(d.error().code, std::string(kDevicesFile) + ": " + d.error().message);
  return d;
}

Status for_each_event_line(const fs::path& dir, const crypto::DeviceId& device,
                           const EventLineFn& fn) {
  const std::string relative = bundle_events_file(device);
  std::ifstream in(dir / relative, std::ios::binary);
  if (!in) return make_error(ErrorCode::kNotFound, relative + " is missing");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    Result<EventLine> e = parse_event_line(line);
    fn(number, e);
  }
  if (in.bad()) return make_error(ErrorCode::kIo, relative + " cannot be read");
  return {};
}

BundleLedger load_bundle_ledger(const fs::path& dir, const BundleManifest& m) {
  BundleLedger out{Ledger(bundle_ledger_options(m)), 0, {}};
  for (const BundleHead& head : m.devices) {
    auto s = for_each_event_line(dir, head.device, [&](size_t, Result<EventLine>& e) {
      if (!e.ok()) return;
      auto h = core::decode_header(e->canonical_header);
      if (!h.ok()) return;
      if (!m.bodies_opened || !Ledger::wants_body(h->kind)) {
        out.ledger.add(*h, nullptr);
        return;
      }
      const std::string file = bundle_body_file(head.device, h->seq);
      const EventRef at{head.device, h->seq};
      auto body = read_bundle_file(dir, file);
      if (!body.ok()) {
        out.problems.push_back({file, 0, at, "the opened body of this record is missing"});
        out.ledger.add(*h, nullptr);
        return;
      }
      auto fields = core::open_body_fields(as_bytes(*body), h->body_digest);
      if (!fields.ok()) {
        out.problems.push_back(
            {file, 0, at,
             fields.error().code == ErrorCode::kTampered
                 ? "its SHA-256 is not the body_digest " + hex_encode(h->body_digest) +
                       " in the signed header: the body was changed"
                 : fields.error().message});
        out.ledger.add(*h, nullptr);
        return;
      }
      ++out.bodies;
      out.ledger.add(*h, &*fields);
    });
    if (!s.ok()) out.problems.push_back({bundle_events_file(head.device), 0, {}, s.error().message});
  }
  return out;
}

Result<content::Catalog> load_bundle_curriculum(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir / "curriculum", ec)) {
    return make_error(ErrorCode::kNotFound, "curriculum/ is missing");
  }
  content::Catalog catalog = content::load_catalog(dir / "curriculum");
  if (!catalog.errors.empty()) {
    content::LoadError e = catalog.errors.front();
    e.file = e.file.lexically_relative(dir);
    return make_error(ErrorCode::kCorrupt, "the curriculum does not load: " + e.to_string());
  }
  return catalog;
}

ReportContext bundle_report_context(const BundleManifest& m, const std::vector<BundleDevice>& devices,
                                    const content::Catalog& catalog) {
  ReportContext ctx;
  ctx.practice = m.practice;
  ctx.generated_at = m.generated_at;
  ctx.generated_by = m.generated_by;
  ctx.as_of = m.as_of;
  ctx.catalog = &catalog;
  ctx.rules = m.rules;
  for (const auto& d : devices) ctx.device_names[d.id] = d.name;
  return ctx;
}

}  // namespace attest::report
