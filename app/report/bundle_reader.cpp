#include "report/bundle_reader.h"

#include <cstring>
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
    : file_(std::fopen((dir / relative).c_str(), "rb")) {}

LineReader::~LineReader() {
  if (file_) std::fclose(file_);
}

// Appends the next megabyte of the file to what is left of the buffer.
bool LineReader::fill() {
  constexpr size_t kBlock = 1 << 20;
  buffer_.erase(0, at_);
  at_ = 0;
  const size_t had = buffer_.size();
  buffer_.resize(had + kBlock);
  const size_t got = std::fread(buffer_.data() + had, 1, kBlock, file_);
  buffer_.resize(had + got);
  if (got < kBlock) {
    eof_ = true;
    failed_ = std::ferror(file_) != 0;
  }
  return got > 0;
}

bool LineReader::next(std::string& line) {
  if (!file_) return false;
  for (;;) {
    const char* start = buffer_.data() + at_;
    const size_t left = buffer_.size() - at_;
    if (const void* nl = std::memchr(start, '\n', left)) {
      const size_t len = static_cast<size_t>(static_cast<const char*>(nl) - start);
      line.assign(start, len);
      at_ += len + 1;
      ++number_;
      return true;
    }
    if (eof_ || !fill()) {
      if (buffer_.size() == at_) return false;
      line.assign(buffer_.data() + at_, buffer_.size() - at_);  // a last line with no newline
      at_ = buffer_.size();
      ++number_;
      return true;
    }
  }
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
