#include "dashboard/zip_folder.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <vector>

namespace attest::dashboard {

namespace fs = std::filesystem;

namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Error archive_error(archive* a, const std::string& what) {
  const char* msg = archive_error_string(a);
  return make_error(ErrorCode::kIo, what + ": " + (msg ? msg : "unknown error"));
}

}  // namespace

Status zip_folder(const fs::path& folder, const fs::path& out, const std::string& root) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return make_error(ErrorCode::kIo, "cannot list " + folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  std::unique_ptr<archive, ArchiveCloser> a(archive_write_new());
  if (!a) return make_error(ErrorCode::kIo, "cannot start a zip archive");
  if (archive_write_set_format_zip(a.get()) != ARCHIVE_OK ||
      archive_write_open_filename(a.get(), out.c_str()) != ARCHIVE_OK) {
    return archive_error(a.get(), "cannot write " + out.string());
  }
  std::vector<char> buf(1 << 16);
  for (const auto& path : files) {
    const std::string name = root + "/" + fs::relative(path, folder).generic_string();
    const auto size = fs::file_size(path, ec);
    if (ec) return make_error(ErrorCode::kIo, "cannot read " + path.string() + ": " + ec.message());
    std::unique_ptr<archive_entry, EntryFree> e(archive_entry_new());
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK) {
      return archive_error(a.get(), "cannot add " + name);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::kIo, "cannot open " + path.string());
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      const std::streamsize n = in.gcount();
      if (n > 0 && archive_write_data(a.get(), buf.data(), static_cast<size_t>(n)) < 0) {
        return archive_error(a.get(), "cannot add " + name);
      }
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) return archive_error(a.get(), "cannot finish " + out.string());
  return {};
}

}  // namespace attest::dashboard
