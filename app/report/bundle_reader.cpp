#include "report/bundle_reader.h"

#include <fstream>

#include "base/file.h"

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

LineReader::LineReader(const fs::path& dir, const std::string& relative)
    : in_(dir / relative, std::ios::binary) {
  open_ = static_cast<bool>(in_);
}

bool LineReader::next(std::string& line) {
  if (!open_ || !std::getline(in_, line)) return false;
  ++number_;
  return true;
}

bool LineReader::failed() const { return in_.bad(); }

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
