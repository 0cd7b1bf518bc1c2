#include "report/bundle_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <malloc.h>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "base/file.h"
#include "core/body.h"
#include "core/canonical.h"
#include "core/chain_verifier.h"
#include "report/batch_pipeline.h"
#include "report/bundle_reader.h"
#include "report/render_queue.h"
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

// Every file of the bundle but the manifest goes through here, which hashes
// what it writes, so the manifest needs no second pass over the files.
// Plain writes: the bundle only counts once it is renamed into place, so no
// file needs its own fsync.
class BundleFiles {
 public:
  explicit BundleFiles(fs::path dir) : dir_(std::move(dir)) {}

  // Safe to call from several threads at once.
  Status put(const std::string& relative, ByteView data) {
    TRY_STATUS(write_raw(relative, data));
    const crypto::Sha256 sha = crypto::sha256(data);
    std::lock_guard lock(mu_);
    hashes_[relative] = sha;
    return {};
  }
  // The same for bytes made in pieces (a report as it is rendered), hashed
  // and written as they come.
  using Sink = std::function<Status(std::string_view)>;
  Status put_streamed(const std::string& relative, const std::function<Status(const Sink&)>& produce) {
    const fs::path path = dir_ / relative;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return make_error(ErrorCode::kIo, "cannot write " + relative + " in " + dir_.string());
    crypto::Sha256Stream hash;
    Status made = produce([&](std::string_view piece) -> Status {
      hash.update(as_bytes(piece));
      if (std::fwrite(piece.data(), 1, piece.size(), f) != piece.size()) {
        return make_error(ErrorCode::kIo, "cannot write " + relative);
      }
      return {};
    });
    const bool closed = std::fclose(f) == 0;
    TRY_STATUS(made);
    if (!closed) return make_error(ErrorCode::kIo, "cannot finish writing " + relative);
    record(relative, hash.finish());
    return {};
  }
  // Writes the manifest and its signature, which are not listed in it.
  Status write_raw(const std::string& relative, ByteView data) {
    const fs::path path = dir_ / relative;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) return make_error(ErrorCode::kIo, "cannot write " + relative + " in " + dir_.string());
    return {};
  }
  void record(const std::string& relative, const crypto::Sha256& sha) {
    std::lock_guard lock(mu_);
    hashes_[relative] = sha;
  }
  const fs::path& dir() const { return dir_; }
  std::map<std::string, crypto::Sha256>& hashes() { return hashes_; }

 private:
  fs::path dir_;
  std::mutex mu_;
  std::map<std::string, crypto::Sha256> hashes_;
};

// A file written line by line and hashed as it goes: a device's events or
// bodies, hundreds of megabytes for a busy practice.
class StreamedFile {
 public:
  StreamedFile(const fs::path& dir, std::string relative) : relative_(std::move(relative)) {
    std::error_code ec;
    fs::create_directories((dir / relative_).parent_path(), ec);
    file_ = std::fopen((dir / relative_).c_str(), "wb");
    buffer_.reserve(kFlushAt + 4096);
  }
  ~StreamedFile() {
    if (flushing_.valid()) flushing_.wait();
    if (file_) std::fclose(file_);
  }
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;

  Status append(std::string_view text) {
    buffer_ += text;
    return buffer_.size() >= kFlushAt ? flush() : Status{};
  }
  Result<crypto::Sha256> finish() {
    TRY_STATUS(flush());
    TRY_STATUS(flushing_.get());
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) return make_error(ErrorCode::kIo, "cannot finish writing " + relative_);
    return hash_.finish();
  }
  const std::string& relative() const { return relative_; }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  // Hashing and writing a megabyte happen on a thread of their own while
  // the next megabyte is filled; one at a time, so the file stays in order.
  Status flush() {
    if (!file_) return make_error(ErrorCode::kIo, "cannot write " + relative_);
    if (flushing_.valid()) TRY_STATUS(flushing_.get());
    writing_.swap(buffer_);
    buffer_.clear();
    flushing_ = std::async(std::launch::async, [this]() -> Status {
      hash_.update(as_bytes(writing_));
      if (std::fwrite(writing_.data(), 1, writing_.size(), file_) != writing_.size()) {
        return make_error(ErrorCode::kIo, "cannot write " + relative_);
      }
      return {};
    });
    return {};
  }
  std::string relative_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::string writing_;
  crypto::Sha256Stream hash_;
  std::future<Status> flushing_;
};

Result<core::EventHeader> header_of(const crypto::DeviceId& device, uint64_t seq, ByteView canonical) {
  auto h = core::decode_header(canonical);
  if (!h.ok()) {
    return make_error(h.error().code, "record " + ref_text({device, seq}) +
                                          ": the header does not decode: " + h.error().message);
  }
  return h;
}

// Pass one: each device's chain goes through its last event dated on or
// before `to`. Earlier events are all kept, whatever their date, so the
// chain is whole from seq 1.
Result<std::map<crypto::DeviceId, uint64_t>> chain_ends(const BundleInput& in, Date to) {
  std::map<crypto::DeviceId, uint64_t> ends;
  if (in.chain_end) {
    for (const auto& d : in.devices) {
      if (const uint64_t end = TRY(in.chain_end(d.id, to)); end > 0) ends[d.id] = end;
    }
    return ends;
  }
  std::set<crypto::DeviceId> known;
  for (const auto& d : in.devices) known.insert(d.id);
  TRY_STATUS(in.for_each([&](const RawEvent& e) -> Status {
    if (!known.count(e.device)) {
      return make_error(ErrorCode::kCorrupt, "record " + ref_text({e.device, e.seq}) +
                                                 " is from a device with no known key");
    }
    const core::EventHeader h = TRY(header_of(e.device, e.seq, e.canonical_header));
    if (local_date(h.time) <= to) ends[e.device] = std::max(ends[e.device], e.seq);
    return {};
  }));
  return ends;
}

// An event copied out of the store's row, and what the workers make of it.
struct CopiedEvent {
  crypto::DeviceId device{};  // where the store keeps it
  uint64_t seq = 0;
  core::SignedEvent event;  // the signed parts; `header` decoded by a worker
  // Also a worker's:
  std::optional<Error> error;
  std::string line;       // for events/, with its newline
  std::string body_line;  // for bodies/, with its newline; empty: no body
  std::optional<nlohmann::json> fields;
};

// A run of consecutive records of one device, checked by one thread.
struct ChainPiece {
  crypto::DeviceId device;
  core::ChainVerifier verifier;
};
using ChainPieces = std::vector<ChainPiece>;

// Adds a record to the thread's current piece of its device's chain.
void check_piece(ChainPieces& pieces, const crypto::DeviceId& device,
                 const crypto::SignPublicKey& key, uint64_t seq, const core::EventHeader& h,
                 ByteView canonical_header, ByteView sealed_body, const crypto::Sha256& hash,
                 const crypto::Signature& signature) {
  if (pieces.empty() || pieces.back().device != device) {
    ChainPiece& p = pieces.emplace_back(ChainPiece{device, core::ChainVerifier(device, key, {})});
    p.verifier.start_at(seq);
  }
  pieces.back().verifier.add(seq, h, canonical_header, sealed_body, hash, signature);
}

// Decoding, opening a sealed body (an X25519 operation, ~35 us), writing
// the line and checking the record's hash are independent for every
// event, so workers do them (BatchPipeline) while this thread reads the
// next batch from the store and writes the one before, in order, to the
// files and the ledger. The chain is checked as it is copied, so a bundle
// is known to verify without reading it back: in pieces on the workers,
// joined in order here (join() checks the links between the pieces).
class CopyPipeline {
 public:
  CopyPipeline(const fs::path& dir, const BundleInput& in, Ledger& ledger)
      : dir_(dir), in_(in), ledger_(ledger) {
    for (const auto& d : in.devices) {
      auto [it, added] = chains_.try_emplace(d.id, d.id, d.key, core::VerifyOptions{});
      if (added) it->second.start_at(1);
    }
  }

  Status push(const RawEvent& e) {
    CopiedEvent& c = batches_.next();
    c.device = e.device;
    c.seq = e.seq;
    c.event.canonical_header.assign(e.canonical_header.begin(), e.canonical_header.end());
    c.event.sealed_body.assign(e.sealed_body.begin(), e.sealed_body.end());
    c.event.hash = *e.hash;
    c.event.signature = *e.signature;
    return batches_.push();
  }

  // Writes what is left and closes every file; their hashes go to `files`.
  Status finish(BundleFiles& files) {
    TRY_STATUS(batches_.finish());
    for (auto* set : {&events_, &bodies_}) {
      for (auto& [id, file] : *set) files.record(file->relative(), TRY(file->finish()));
    }
    for (auto& [id, head] : heads) head.link = core::link_hash(head.hash, last_signature_.at(id));
    for (auto& [id, v] : chains_) {
      if (!heads.count(id)) continue;
      v.finish(std::nullopt);
      for (const auto& f : v.findings()) {
        problems.push_back("record " + ref_text({id, f.seq}) + ": " +
                           std::string(core::problem_name(f.problem)) + ": " + f.detail);
      }
    }
    return {};
  }

  std::map<crypto::DeviceId, BundleHead> heads;
  uint64_t events = 0;
  uint64_t bodies = 0;
  std::vector<std::string> problems;  // where a chain is not intact

 private:
  void prepare(CopiedEvent& c, ChainPieces& pieces) const {
    auto h = header_of(c.device, c.seq, c.event.canonical_header);
    if (!h.ok()) {
      c.error = h.error();
      return;
    }
    c.event.header = std::move(*h);
    c.line.reserve(800 + (c.event.canonical_header.size() + c.event.sealed_body.size()) * 4 / 3);
    const core::SignedEvent& e = c.event;
    append_event_line(c.line, {c.device, c.seq, e.canonical_header, e.sealed_body, &e.hash, &e.signature},
                      e.header);
    c.line += '\n';
    check_piece(pieces, c.device, key_of(c.device), c.seq, e.header, e.canonical_header, e.sealed_body,
                e.hash, e.signature);
    if (!in_.secret || !Ledger::wants_body(c.event.header.kind)) return;
    const std::string where = "record " + ref_text({c.device, c.seq});
    auto plain = crypto::seal_open(*in_.secret, c.event.sealed_body);
    if (!plain.ok()) {
      c.error = make_error(ErrorCode::kTampered, where + ": the body does not open with the practice key");
      return;
    }
    auto fields = core::open_body_fields(plain->view(), c.event.header.body_digest);
    if (!fields.ok()) {
      c.error = make_error(fields.error().code, where + ": " + fields.error().message);
      return;
    }
    c.fields = std::move(*fields);
    append_body_line(c.body_line, c.seq, plain->view());
    c.body_line += '\n';
  }

  const crypto::SignPublicKey& key_of(const crypto::DeviceId& device) const {
    for (const auto& d : in_.devices) {
      if (d.id == device) return d.key;
    }
    static const crypto::SignPublicKey kNone{};
    return kNone;
  }

  StreamedFile& file_for(std::map<crypto::DeviceId, std::unique_ptr<StreamedFile>>& set,
                         const crypto::DeviceId& device, const std::string& relative) {
    auto& f = set[device];
    if (!f) f = std::make_unique<StreamedFile>(dir_, relative);
    return *f;
  }

  Status write(std::vector<CopiedEvent>& batch, std::vector<ChainPieces>& pieces) {
    for (CopiedEvent& c : batch) {
      if (c.error) return *c.error;
      if (last_device_ && c.device != *last_device_) {
        // The verifier feeds its ledger device by device in id order; the
        // reports here must come from the same sequence.
        if (c.device < *last_device_ || heads.count(c.device)) {
          return make_error(ErrorCode::kInternal,
                            "the records did not come device by device in id order");
        }
      }
      last_device_ = c.device;
      TRY_STATUS(file_for(events_, c.device, bundle_events_file(c.device)).append(c.line));
      BundleHead& head = heads[c.device];
      head.device = c.device;
      head.events++;
      head.last_seq = c.seq;
      head.hash = c.event.hash;
      last_signature_[c.device] = c.event.signature;  // the link is worked out at the end
      ++events;
      if (!c.body_line.empty()) {
        TRY_STATUS(file_for(bodies_, c.device, bundle_bodies_file(c.device)).append(c.body_line));
        ++bodies;
      }
      ledger_.add(c.event.header, c.fields ? &*c.fields : nullptr);
    }
    for (ChainPieces& chunk : pieces) {
      for (ChainPiece& piece : chunk) chains_.at(piece.device).join(piece.verifier);
    }
    return {};
  }

  const fs::path& dir_;
  const BundleInput& in_;
  Ledger& ledger_;
  std::optional<crypto::DeviceId> last_device_;
  std::map<crypto::DeviceId, crypto::Signature> last_signature_;
  std::map<crypto::DeviceId, core::ChainVerifier> chains_;
  std::map<crypto::DeviceId, std::unique_ptr<StreamedFile>> events_;
  std::map<crypto::DeviceId, std::unique_ptr<StreamedFile>> bodies_;
  // Last, so it is destroyed (and its workers stopped) first.
  BatchPipeline<CopiedEvent, ChainPieces> batches_{
      [this](CopiedEvent& c, ChainPieces& pieces) { prepare(c, pieces); },
      [this](std::vector<CopiedEvent>& batch, std::vector<ChainPieces>& pieces) {
        return write(batch, pieces);
      }};
};

struct Copied {
  std::map<crypto::DeviceId, BundleHead> heads;
  uint64_t events = 0;
  uint64_t bodies = 0;
  std::vector<std::string> problems;
};

// Pass two: the event lines and, with the practice key, the opened bodies,
// fed as they are written to the ledger the bundle's reports are built from.
Result<Copied> copy_events(BundleFiles& files, const BundleInput& in,
                           const std::map<crypto::DeviceId, uint64_t>& ends, Ledger& ledger) {
  CopyPipeline pipeline(files.dir(), in, ledger);
  TRY_STATUS(in.for_each([&](const RawEvent& e) -> Status {
    auto end = ends.find(e.device);
    if (end == ends.end() || e.seq > end->second) return {};
    return pipeline.push(e);
  }));
  TRY_STATUS(pipeline.finish(files));
  return Copied{std::move(pipeline.heads), pipeline.events, pipeline.bodies, std::move(pipeline.problems)};
}

// The content files exactly as the catalog loaded them, so a record's
// content SHA-256 can be checked against the bundled text.
Status copy_curriculum(BundleFiles& files, const BundleInput& in) {
  for (const content::Item& item : in.catalog->items) {
    fs::path rel = item.file.lexically_relative(in.assets);
    if (rel.empty() || *rel.begin() == "..") rel = item.file.filename();
    auto text = read_file(item.file);
    if (!text.ok()) return text.error();
    if (crypto::sha256(as_bytes(*text)) != item.sha256) {
      return make_error(ErrorCode::kCorrupt, item.file.string() + " changed while the bundle was written");
    }
    TRY_STATUS(files.put("curriculum/" + rel.generic_string(), as_bytes(*text)));
  }
  return {};
}

struct WrittenReports {
  size_t count = 0;
  std::vector<std::string> skipped;
};

// Every report in every format render() has, built from the ledger the
// copy filled and the curriculum as the bundle holds it: what verify-bundle
// rebuilds from the bundle's files.
Result<WrittenReports> write_reports(BundleFiles& files, BundleManifest& m, const Ledger& ledger,
                                     const std::vector<BundleDevice>& devices,
                                     std::vector<Format> formats) {
  content::Catalog catalog = TRY(load_bundle_curriculum(files.dir()));
  if (m.generated_by.empty()) m.generated_by = official_on_record(ledger);
  if (m.generated_by.empty()) m.generated_by = "the Security Official";
  const ReportContext ctx = bundle_report_context(m, devices, catalog);
  if (formats.empty()) formats = all_formats();
  if (std::find(formats.begin(), formats.end(), Format::kCsv) == formats.end()) {
    formats.insert(formats.begin(), Format::kCsv);
  }
  WrittenReports out;
  std::set<std::string> stems;
  // The first report finds which formats this build makes; the rest are
  // rendered (PDF above all takes time) on worker threads while the next
  // one is built.
  std::vector<Format> made;
  const unsigned n = std::thread::hardware_concurrency();
  RenderQueue rendering(std::clamp<size_t>(n == 0 ? 1 : n, 1, 8), [&files, &made](const Document& doc) -> Status {
    const std::string stem = report_file_stem(doc.id);
    for (Format f : made) {
      const std::string ext = format_extension(f);
      auto written = files.put_streamed("reports/" + stem + ext, [&](const auto& sink) {
        return render_to(doc, f, sink);
      });
      if (!written.ok()) {
        return make_error(written.error().code, "report " + doc.id + ext + ": " + written.error().message);
      }
    }
    return {};
  });
  ReportRequest all;
  all.kind = "all";
  Status built = for_each_report(ledger, ctx, all, [&](Document&& doc) -> Status {
    const std::string stem = report_file_stem(doc.id);
    if (!stems.insert(stem).second) {
      return make_error(ErrorCode::kInvalidArgument, "two reports would share the file name " + stem);
    }
    if (out.count++ == 0) {
      for (Format f : formats) {
        const std::string ext = format_extension(f);
        auto bytes = render(doc, f);
        if (!bytes.ok() && bytes.error().code == ErrorCode::kUnsupported) {
          out.skipped.push_back(ext.substr(1));
          continue;
        }
        if (!bytes.ok()) {
          return make_error(bytes.error().code, "report " + doc.id + ext + ": " + bytes.error().message);
        }
        made.push_back(f);
        m.formats.push_back(ext.substr(1));
        TRY_STATUS(files.put("reports/" + stem + ext, as_bytes(*bytes)));
      }
      return {};
    }
    return rendering.push(std::move(doc));
  });
  Status rendered = rendering.finish();
  TRY_STATUS(built);
  TRY_STATUS(rendered);
  return out;
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
  BundleFiles files(staging.dir);

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
  Ledger ledger(bundle_ledger_options(m));
  const Copied copied = TRY(copy_events(files, in, ends, ledger));
  // The copy's batches were made and freed on worker threads; give their
  // memory back before the reports take theirs.
  malloc_trim(0);
  for (const auto& [id, head] : copied.heads) m.devices.push_back(head);

  std::vector<BundleDevice> devices = in.devices;
  std::sort(devices.begin(), devices.end(),
            [](const BundleDevice& a, const BundleDevice& b) { return a.id < b.id; });
  TRY_STATUS(files.put(kDevicesFile, as_bytes(devices_json(devices))));
  if (in.server_key) {
    TRY_STATUS(files.put(kServerKeyFile, as_bytes(hex_encode(*in.server_key) + "\n")));
  }
  TRY_STATUS(files.put(kPracticeKeyFile, as_bytes(hex_encode(in.practice_key) + "\n")));
  TRY_STATUS(copy_curriculum(files, in));
  const WrittenReports reports = TRY(write_reports(files, m, ledger, devices, options.formats));
  TRY_STATUS(files.put(kReadmeFile, as_bytes(bundle_readme(m, devices, in.server_key, copied.events,
                                                           copied.bodies, reports.count))));

  m.files = std::move(files.hashes());
  const std::string manifest = manifest_json(m);
  const crypto::Signature sig = signer.key->sign(manifest_signing_message(as_bytes(manifest)));
  TRY_STATUS(files.write_raw(kManifestFile, as_bytes(manifest)));
  TRY_STATUS(files.write_raw(kManifestSigFile, as_bytes(hex_encode(sig) + "\n")));

  if (fs::exists(out, ec)) fs::remove(out, ec);  // checked empty above
  fs::rename(staging.dir, out, ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot move the bundle into " + out.string() + ": " + ec.message());
  staging.done = true;
  return BundleWritten{std::move(m), copied.events, copied.bodies, reports.count, reports.skipped,
                       copied.problems};
}

}  // namespace attest::report
