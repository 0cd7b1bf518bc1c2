// Reads an evidence bundle's folder: its manifest, device list, files line
// by line, curriculum, and the report context its reports are built with.
// The exporter builds the bundle's reports with the curriculum and context
// read back from what it wrote, as the verifier does, so what is bundled
// and what is checked cannot drift apart.
#pragma once

#include <filesystem>
#include <cstdio>

#include "content/content.h"
#include "report/bundle_layout.h"
#include "report/reports.h"

namespace attest::report {

// `relative` is a path as the manifest writes it ("keys/devices.json").
Result<std::string> read_bundle_file(const std::filesystem::path& dir, const std::string& relative);
// Streams the file through SHA-256: an events file can be larger than is
// worth holding in memory.
Result<crypto::Sha256> sha256_of_file(const std::filesystem::path& path);
Result<BundleManifest> read_manifest(const std::filesystem::path& dir);
Result<std::vector<BundleDevice>> read_devices(const std::filesystem::path& dir);

// Reads a file of a bundle one line at a time (events/ and bodies/ files
// run to hundreds of megabytes), a megabyte at a time.
class LineReader {
 public:
  LineReader(const std::filesystem::path& dir, const std::string& relative);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  bool is_open() const { return file_ != nullptr; }
  // The next line without its newline; false at the end.
  bool next(std::string& line);
  size_t line_number() const { return number_; }  // of the line last read, 1-based
  bool failed() const { return failed_; }  // a read error, not the end

 private:
  bool fill();
  std::FILE* file_ = nullptr;
  std::string buffer_;
  size_t at_ = 0;  // where the next line starts in buffer_
  bool eof_ = false;
  bool failed_ = false;
  size_t number_ = 0;
};

// The curriculum folder, which must load without errors.
Result<content::Catalog> load_bundle_curriculum(const std::filesystem::path& dir);

// Everything a report prints that is not an event: as the manifest says.
ReportContext bundle_report_context(const BundleManifest& m,
                                    const std::vector<BundleDevice>& devices,
                                    const content::Catalog& catalog);

}  // namespace attest::report
