#include "report/bundle_writer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>

#include "base/file.h"
#include "core/body.h"
#include "core/canonical.h"
#include "report/bundle_reader.h"
#include "report/report_set.h"

namespace attest::report {

namespace fs = std::filesystem;

namespace {

// The folder being written; removed unless the bundle was completed.
struct Staging {
  fs::path dir;
  bool done = false;
  ~Staging() {
    std::error_code ec;
    if (!done && !dir.empty()) fs::remove_all(dir, ec);
  }
};

// Plain writes: the bundle only counts once it is renamed into place, so
// no file needs its own fsync.
Status write_plain(const fs::path& dir, const std::string& relative, ByteView data) {
  const fs::path path = dir / relative;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return make_error(ErrorCode::kIo, "cannot write " + relative + " in " + dir.string());
  return {};
}

Result<core::EventHeader> header_of(const RawEvent& e) {
  auto h = core::decode_header(e.canonical_header);
  if (!h.ok()) {
    return make_error(h.error().code, "record " + ref_text({e.device, e.seq}) +
                                          ": the header does not decode: " + h.error().message);
  }
  return h;
}

// Pass one: each device's chain goes through its last event dated on or
// before `to`. Earlier events are all kept, whatever their date, so the
// chain is whole from seq 1.
Result<std::map<crypto::DeviceId, uint64_t>> chain_ends(const BundleInput& in, Date to) {
  std::set<crypto::DeviceId> known;
  for (const auto& d : in.devices) known.insert(d.id);
  std::map<crypto::DeviceId, uint64_t> ends;
  TRY_STATUS(in.for_each([&](const RawEvent& e) -> Status {
    if (!known.count(e.device)) {
      return make_error(ErrorCode::kCorrupt, "record " + ref_text({e.device, e.seq}) +
                                                 " is from a device with no known key");
    }
    const core::EventHeader h = TRY(header_of(e));
    if (local_date(h.time) <= to) ends[e.device] = std::max(ends[e.device], e.seq);
    return {};
  }));
  return ends;
}

struct Copied {
  std::map<crypto::DeviceId, BundleHead> heads;
  uint64_t events = 0;
  uint64_t bodies = 0;
};

// Pass two: the event lines and, with the practice key, the opened bodies.
Result<Copied> copy_events(const fs::path& dir, const BundleInput& in,
                           const std::map<crypto::DeviceId, uint64_t>& ends) {
  Copied c;
  std::ofstream out;
  std::optional<crypto::DeviceId> open_for;
  TRY_STATUS(in.for_each([&](const RawEvent& e) -> Status {
    auto end = ends.find(e.device);
    if (end == ends.end() || e.seq > end->second) return {};
    const core::EventHeader h = TRY(header_of(e));
    if (open_for != e.device) {
      out.close();
      const std::string file = bundle_events_file(e.device);
      std::error_code ec;
      fs::create_directories((dir / file).parent_path(), ec);
      out.open(dir / file, std::ios::binary | std::ios::app);
      if (!out) return make_error(ErrorCode::kIo, "cannot write " + file + " in " + dir.string());
      open_for = e.device;
    }
    out << bundle_event_line(e, h) << '\n';
    if (!out) return make_error(ErrorCode::kIo, "cannot write " + bundle_events_file(e.device));
    BundleHead& head = c.heads[e.device];
    head.device = e.device;
    head.events++;
    head.last_seq = e.seq;
    head.hash = *e.hash;
    head.link = core::link_hash(*e.hash, *e.signature);
    c.events++;
    if (!in.secret || !Ledger::wants_body(h.kind)) return {};
    const std::string where = "record " + ref_text({e.device, e.seq});
    auto plain = crypto::seal_open(*in.secret, e.sealed_body);
    if (!plain.ok()) {
      return make_error(ErrorCode::kTampered, where + ": the body does not open with the practice key");
    }
    if (crypto::sha256(plain->view()) != h.body_digest) {
      return make_error(ErrorCode::kTampered, where + ": the opened body does not match its body_digest");
    }
    c.bodies++;
    return write_plain(dir, bundle_body_file(e.device, e.seq), plain->view());
  }));
  out.close();
  if (!out) return make_error(ErrorCode::kIo, "cannot finish writing the events in " + dir.string());
  return c;
}

// The content files exactly as the catalog loaded them, so a record's
// content SHA-256 can be checked against the bundled text.
Status copy_curriculum(const fs::path& dir, const BundleInput& in) {
  for (const content::Item& item : in.catalog->items) {
    fs::path rel = item.file.lexically_relative(in.assets);
    if (rel.empty() || *rel.begin() == "..") rel = item.file.filename();
    auto text = read_file(item.file);
    if (!text.ok()) return text.error();
    if (crypto::sha256(as_bytes(*text)) != item.sha256) {
      return make_error(ErrorCode::kCorrupt, item.file.string() + " changed while the bundle was written");
    }
    TRY_STATUS(write_plain(dir, "curriculum/" + rel.generic_string(), as_bytes(*text)));
  }
  return {};
}


struct WrittenReports {
  size_t count = 0;
  std::vector<std::string> skipped;
};

// Reports built from the bundle's own files, in every format render() has.
Result<WrittenReports> write_reports(const fs::path& dir, BundleManifest& m,
                                     const std::vector<BundleDevice>& devices,
                                     std::vector<Format> formats) {
  content::Catalog catalog = TRY(load_bundle_curriculum(dir));
  BundleLedger loaded = load_bundle_ledger(dir, m);
  if (!loaded.problems.empty()) {
    return make_error(ErrorCode::kInternal,
                      "the bundle does not read back: " + loaded.problems.front().to_string());
  }
  if (m.generated_by.empty()) m.generated_by = official_on_record(loaded.ledger);
  if (m.generated_by.empty()) m.generated_by = "the Security Official";
  const ReportContext ctx = bundle_report_context(m, devices, catalog);
  ReportRequest all;
  all.kind = "all";
  std::vector<Document> docs = TRY(build_reports(loaded.ledger, ctx, all));
  std::set<std::string> stems;
  for (const Document& d : docs) {
    if (!stems.insert(report_file_stem(d.id)).second) {
      return make_error(ErrorCode::kInvalidArgument,
                        "two reports would share the file name " + report_file_stem(d.id));
    }
  }
  WrittenReports out{docs.size(), {}};
  if (formats.empty()) formats = all_formats();
  if (std::find(formats.begin(), formats.end(), Format::kCsv) == formats.end()) {
    formats.insert(formats.begin(), Format::kCsv);
  }
  for (Format f : formats) {
    std::string ext = format_extension(f);
    for (size_t i = 0; i < docs.size(); ++i) {
      auto bytes = render(docs[i], f);
      if (!bytes.ok() && i == 0 && bytes.error().code == ErrorCode::kUnsupported) {
        out.skipped.push_back(ext.substr(1));
        break;
      }
      if (!bytes.ok()) {
        return make_error(bytes.error().code, "report " + docs[i].id + ext + ": " + bytes.error().message);
      }
      if (i == 0) m.formats.push_back(ext.substr(1));
      TRY_STATUS(write_plain(dir, "reports/" + report_file_stem(docs[i].id) + ext, as_bytes(*bytes)));
    }
  }
  return out;
}

Result<std::map<std::string, crypto::Sha256>> hash_files(const fs::path& dir) {
  std::map<std::string, crypto::Sha256> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (rel == kManifestFile || rel == kManifestSigFile) continue;
    files[rel] = TRY(sha256_of_file(it->path()));
  }
  if (ec) return make_error(ErrorCode::kIo, "cannot list " + dir.string() + ": " + ec.message());
  return files;
}

Status check_target(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return {};
  if (!fs::is_directory(out, ec) || !fs::is_empty(out, ec)) {
    return make_error(ErrorCode::kAlreadyExists,
                      out.string() + " already exists and is not an empty folder; choose a new one");
  }
  return {};
}

}  // namespace

Result<BundleWritten> write_bundle(const fs::path& out_arg, const BundleInput& in,
                                   const BundleOptions& options, const BundleSigner& signer) {
  std::error_code ec;
  fs::path out = fs::absolute(out_arg, ec).lexically_normal();
  if (ec) return make_error(ErrorCode::kInvalidArgument, "cannot use " + out_arg.string() + ": " + ec.message());
  if (out.filename().empty()) out = out.parent_path();
  TRY_STATUS(check_target(out));
  if (options.from > options.to) {
    return make_error(ErrorCode::kInvalidArgument, "the period starts after it ends");
  }
  Staging staging;
  staging.dir = out.parent_path() /
                ("." + out.filename().string() + ".partial-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  if (!fs::create_directories(staging.dir, ec)) {
    return make_error(ErrorCode::kIo, "cannot create a folder beside " + out.string() +
                                          (ec ? ": " + ec.message() : std::string()));
  }
  const fs::path& dir = staging.dir;

  BundleManifest m;
  m.practice = in.practice;
  m.from = options.from;
  m.to = options.to;
  m.as_of = options.to;
  m.generated_at = options.generated_at;
  m.generated_by = options.generated_by;
  m.app_version = options.app_version;
  m.source = in.source;
  m.bodies_opened = in.secret != nullptr;
  m.signer_role = signer.role;
  m.signer_key = signer.key->public_key();
  m.rules = options.rules;

  const auto ends = TRY(chain_ends(in, options.to));
  const Copied copied = TRY(copy_events(dir, in, ends));
  for (const auto& [id, head] : copied.heads) m.devices.push_back(head);

  std::vector<BundleDevice> devices = in.devices;
  std::sort(devices.begin(), devices.end(),
            [](const BundleDevice& a, const BundleDevice& b) { return a.id < b.id; });
  TRY_STATUS(write_plain(dir, kDevicesFile, as_bytes(devices_json(devices))));
  if (in.server_key) {
    TRY_STATUS(write_plain(dir, kServerKeyFile, as_bytes(hex_encode(*in.server_key) + "\n")));
  }
  TRY_STATUS(write_plain(dir, kPracticeKeyFile, as_bytes(hex_encode(in.practice_key) + "\n")));
  TRY_STATUS(copy_curriculum(dir, in));
  const WrittenReports reports = TRY(write_reports(dir, m, devices, options.formats));
  TRY_STATUS(write_plain(dir, kReadmeFile,
                         as_bytes(bundle_readme(m, devices, in.server_key, copied.events,
                                                copied.bodies, reports.count))));

  m.files = TRY(hash_files(dir));
  const std::string manifest = manifest_json(m);
  const crypto::Signature sig = signer.key->sign(manifest_signing_message(as_bytes(manifest)));
  TRY_STATUS(write_plain(dir, kManifestFile, as_bytes(manifest)));
  TRY_STATUS(write_plain(dir, kManifestSigFile, as_bytes(hex_encode(sig) + "\n")));

  if (fs::exists(out, ec)) fs::remove(out, ec);  // checked empty above
  fs::rename(dir, out, ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot move the bundle into " + out.string() + ": " + ec.message());
  staging.done = true;
  return BundleWritten{std::move(m), copied.events, copied.bodies, reports.count, reports.skipped};
}

}  // namespace attest::report
