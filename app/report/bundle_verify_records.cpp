// The record half of verify_bundle(): device chains, opened bodies, and
// the reports rebuilt from them.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <future>
#include <malloc.h>
#include <map>
#include <thread>

#include "core/body.h"
#include "core/canonical.h"
#include "core/chain_verifier.h"
#include "report/batch_pipeline.h"
#include "report/bundle_checks.h"
#include "report/bundle_reader.h"
#include "report/report_set.h"

namespace attest::report::checks {

namespace fs = std::filesystem;

namespace {

// The readable fields a line shows must be what the signed header says;
// otherwise a reader could be shown one thing while another was signed.
void check_readable(State& s, const std::string& file, size_t line, const EventRef& at,
                    const EventLine& e, const core::EventHeader& h) {
  // A changed header may hold bytes that are not UTF-8; show them replaced.
  auto shown_json = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  const nlohmann::json want = readable_header_fields(h);
  for (const auto& [key, value] : want.items()) {
    auto it = e.fields.find(key);
    if (it == e.fields.end() || *it != value) {
      s.problem(file, line, at,
                "the readable field \"" + key + "\" says " +
                    (it == e.fields.end() ? std::string("nothing") : shown_json(*it)) +
                    " but the signed header says " + shown_json(value));
    }
  }
}

// A line of a device's events file and the body line with the same seq,
// if the bodies file has one; then what a worker makes of them.
struct CheckedLine {
  std::string line;
  size_t number = 0;
  std::string body_line;
  size_t body_number = 0;
  // A worker's:
  bool exact = false;  // written exactly as the exporter writes its signed parts
  std::optional<EventLine> event;
  std::optional<core::EventHeader> header;
  int piece = -1;  // a piece of the chain starts here: its index in the chunk's
  std::optional<Result<nlohmann::json>> body;  // opened body, checked against body_digest
};

// A worker's pieces of the chain: runs of exact lines, broken where a line
// needs a closer look on the reading thread.
struct LinePieces {
  std::vector<core::ChainVerifier> pieces;
  bool open = false;
};

// The body line of `seq`: bodies/ is in seq order, so it is the next line
// or absent. Lines before it that belong to no record are named.
class BodyReader {
 public:
  BodyReader(State& s, const crypto::DeviceId& device)
      : s_(s), device_(device), file_(bundle_bodies_file(device)), reader_(s.dir, file_) {
    if (s.manifest.bodies_opened) advance();
  }

  // Moves the line of `seq` into `out`, if there is one.
  bool take(uint64_t seq, std::string& out, size_t& number) {
    while (seq_ && *seq_ < seq) {
      stray();
      advance();
    }
    if (!seq_ || *seq_ != seq) return false;
    out.swap(line_);
    number = reader_.line_number();
    advance();
    return true;
  }

  // Whatever is left belongs to no record in the bundle.
  void finish(bool wanted) {
    if (!s_.manifest.bodies_opened) return;
    if (!reader_.is_open()) {
      if (wanted) s_.problem(file_, 0, {}, "missing: the records call for opened bodies");
      return;
    }
    while (seq_) {
      stray();
      advance();
    }
    if (reader_.failed()) s_.problem(file_, 0, {}, "cannot be read to the end");
  }
  const std::string& file() const { return file_; }
  void stray_line(uint64_t seq, size_t number) {
    s_.problem(file_, number, EventRef{device_, seq}, "not the opened body of any record in the bundle");
  }

 private:
  void advance() {
    seq_.reset();
    while (reader_.next(line_)) {
      auto parsed = parse_body_line(line_);
      if (parsed.ok()) {
        seq_ = parsed->seq;
        return;
      }
      s_.problem(file_, reader_.line_number(), {}, parsed.error().message);
    }
  }
  void stray() { stray_line(*seq_, reader_.line_number()); }

  State& s_;
  crypto::DeviceId device_;
  std::string file_;
  LineReader reader_;
  std::string line_;
  std::optional<uint64_t> seq_;
};

// The opened body in a body line, checked against the header's digest.
Result<nlohmann::json> open_body_line(const std::string& line, const core::EventHeader& h) {
  auto b = parse_body_line(line);
  if (!b.ok()) return b.error();
  return core::open_body_fields(as_bytes(b->body), h.body_digest);
}

// The seq a line starts with, read cheaply to pair it with its body line.
std::optional<uint64_t> seq_of(const std::string& line) {
  constexpr std::string_view kSeq = "{\"seq\":";
  if (line.compare(0, kSeq.size(), kSeq) != 0) return std::nullopt;
  uint64_t seq = 0;
  size_t i = kSeq.size();
  for (; i < line.size() && i < kSeq.size() + 19 && line[i] >= '0' && line[i] <= '9'; ++i) {
    seq = seq * 10 + static_cast<uint64_t>(line[i] - '0');
  }
  return i > kSeq.size() ? std::optional<uint64_t>(seq) : std::nullopt;
}

// One device: its chain line by line against its key and the manifest's
// head, each opened body against its record, every record into `ledger`.
// Lines are parsed, written again and compared, and their chain checked in
// pieces, on worker threads (BatchPipeline); this thread reads the files,
// joins the pieces and fills the ledger in order.
class DeviceCheck {
 public:
  DeviceCheck(State& s, const BundleHead& head, const BundleDevice& device, Ledger& ledger)
      : s_(s), head_(head), device_(device), ledger_(ledger), file_(bundle_events_file(head.device)),
        bodies_(s, head.device) {
    chain_.start_at(1);
  }

  void run() {
    LineReader lines(s_.dir, file_);
    if (!lines.is_open()) {
      s_.problem(file_, 0, {}, file_ + " is missing");
      return;
    }
    std::string line;
    Status status;
    while (status.ok() && lines.next(line)) {
      CheckedLine& c = batches_.next();
      c.line.swap(line);
      c.number = lines.line_number();
      c.body_line.clear();
      if (auto seq = seq_of(c.line)) bodies_.take(*seq, c.body_line, c.body_number);
      status = batches_.push();
    }
    if (status.ok()) status = batches_.finish();
    if (lines.failed()) s_.problem(file_, 0, {}, file_ + " cannot be read to the end");
    bodies_.finish(wanted_bodies_);
    chain_.finish(std::nullopt);
    report_chain();
  }

 private:
  void prepare(CheckedLine& c, LinePieces& chunk) const {
    c.exact = false;
    c.piece = -1;
    c.header.reset();
    c.body.reset();
    c.event = parse_event_line_fast(c.line);
    if (c.event) {
      if (auto decoded = core::decode_header(c.event->canonical_header); decoded.ok()) {
        thread_local std::string again;  // kept between lines: no allocation each time
        again.clear();
        append_event_line(again, {head_.device, c.event->seq, c.event->canonical_header,
                                  c.event->sealed_body, &c.event->hash, &c.event->signature},
                          *decoded);
        if (again == c.line) {
          c.exact = true;
          c.header = std::move(*decoded);
        }
      }
    }
    if (!c.exact) {
      chunk.open = false;  // the reading thread takes this line, and the chain, from here
      return;
    }
    if (!chunk.open) {
      c.piece = static_cast<int>(chunk.pieces.size());
      chunk.pieces.emplace_back(head_.device, device_.key, options_).start_at(c.event->seq);
      chunk.open = true;
    }
    chunk.pieces.back().add(c.event->seq, *c.header, c.event->canonical_header, c.event->sealed_body,
                            c.event->hash, c.event->signature);
    if (!c.body_line.empty() && s_.manifest.bodies_opened && Ledger::wants_body(c.header->kind)) {
      c.body = open_body_line(c.body_line, *c.header);
    }
  }

  // A line that is not exactly as the exporter writes it: read as any
  // JSON, and every readable field that disagrees is named.
  bool check_closely(CheckedLine& c) {
    core::ChainVerifier piece(head_.device, device_.key, options_);
    auto full = parse_event_line(c.line);
    if (!full.ok()) {
      const uint64_t next = chain_.last_seq() + 1;
      line_of_.emplace_back(next, c.number);
      piece.start_at(next);
      piece.add_unreadable(next, {next, core::Problem::kChangedContent,
                                  "the line does not parse: " + full.error().message});
      chain_.join(piece);
      return false;
    }
    c.event = std::move(*full);
    auto decoded = core::decode_header(c.event->canonical_header);
    piece.start_at(c.event->seq);
    if (!decoded.ok()) {
      line_of_.emplace_back(c.event->seq, c.number);
      piece.add_unreadable(c.event->seq, {c.event->seq, core::Problem::kChangedHeader,
                                          "the signed header does not decode: " + decoded.error().message});
      chain_.join(piece);
      return false;
    }
    c.header = std::move(*decoded);
    piece.add(c.event->seq, *c.header, c.event->canonical_header, c.event->sealed_body, c.event->hash,
              c.event->signature);
    chain_.join(piece);
    check_readable(s_, file_, c.number, {head_.device, c.event->seq}, *c.event, *c.header);
    if (!c.body_line.empty() && s_.manifest.bodies_opened && Ledger::wants_body(c.header->kind)) {
      c.body = open_body_line(c.body_line, *c.header);
    }
    return true;
  }

  Status consume(std::vector<CheckedLine>& batch, std::vector<LinePieces>& chunks) {
    for (size_t i = 0; i < batch.size(); ++i) {
      CheckedLine& c = batch[i];
      if (c.piece >= 0) chain_.join(chunks[i / decltype(batches_)::kChunk].pieces[static_cast<size_t>(c.piece)]);
      if (!c.exact && !check_closely(c)) continue;
      const core::EventHeader& h = *c.header;
      line_of_.emplace_back(c.event->seq, c.number);
      if (!s_.manifest.bodies_opened || !Ledger::wants_body(h.kind)) {
        if (!c.body_line.empty()) bodies_.stray_line(h.seq, c.body_number);
        ledger_.add(h, nullptr);
        continue;
      }
      wanted_bodies_ = true;
      if (!c.body) {
        s_.problem(bodies_.file(), 0, EventRef{head_.device, h.seq}, "the opened body of this record is missing");
        ledger_.add(h, nullptr);
        continue;
      }
      if (!c.body->ok()) {
        s_.problem(bodies_.file(), c.body_number, EventRef{head_.device, h.seq},
                   c.body->error().code == ErrorCode::kTampered
                       ? "its SHA-256 is not the body_digest " + hex_encode(h.body_digest) +
                             " in the signed header: the body was changed"
                       : c.body->error().message);
        ledger_.add(h, nullptr);
        continue;
      }
      ++s_.out.bodies;
      ledger_.add(h, &**c.body);
    }
    return {};
  }

  void report_chain() {
    std::sort(line_of_.begin(), line_of_.end());
    for (const auto& f : chain_.findings()) {
      // A missing seq has no line: name the line where the gap shows.
      auto at = std::lower_bound(line_of_.begin(), line_of_.end(), std::make_pair(f.seq, size_t{0}));
      s_.problem(file_, at == line_of_.end() ? 0 : at->second, EventRef{head_.device, f.seq},
                 std::string(core::problem_name(f.problem)) + ": " + f.detail);
    }
    s_.out.events += chain_.events_checked();
    const std::string recorded =
        "the manifest records the chain ending at seq " + std::to_string(head_.last_seq);
    if (chain_.last_seq() < head_.last_seq) {
      s_.problem(file_, 0, EventRef{head_.device, chain_.last_seq() + 1},
                 "records are missing from the end: the chain stops at seq " +
                     std::to_string(chain_.last_seq()) + ", but " + recorded);
    } else if (chain_.last_seq() > head_.last_seq) {
      s_.problem(file_, 0, EventRef{head_.device, head_.last_seq + 1},
                 "the chain goes on past its end: " + recorded);
    } else if (chain_.intact() && chain_.last_link() != head_.link) {
      s_.problem(file_, 0, EventRef{head_.device, head_.last_seq},
                 "the last record is not the one the manifest records");
    }
  }

  State& s_;
  const BundleHead& head_;
  const BundleDevice& device_;
  Ledger& ledger_;
  const std::string file_;
  BodyReader bodies_;
  const core::VerifyOptions options_{s_.options.every_signature};
  core::ChainVerifier chain_{head_.device, device_.key, options_};
  std::vector<std::pair<uint64_t, size_t>> line_of_;  // seq -> line, to name lines in findings
  bool wanted_bodies_ = false;
  // Last, so it is destroyed (and its workers stopped) first.
  BatchPipeline<CheckedLine, LinePieces> batches_{
      [this](CheckedLine& c, LinePieces& chunk) { prepare(c, chunk); },
      [this](std::vector<CheckedLine>& batch, std::vector<LinePieces>& chunks) {
        return consume(batch, chunks);
      }};
};

void check_device(State& s, const BundleHead& head, Ledger& ledger) {
  const BundleDevice* device = nullptr;
  for (const auto& d : s.devices) {
    if (d.id == head.device) device = &d;
  }
  if (!device) {
    s.problem(kDevicesFile, 0, {}, "has no key for device " + hex_encode(head.device) +
                                       ", whose chain the manifest lists");
    return;
  }
  DeviceCheck(s, head, *device, ledger).run();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(std::move(line));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string shown(const std::string& line) {
  constexpr size_t kMax = 300;
  return line.size() <= kMax ? line : line.substr(0, kMax) + "...";
}

// The first line where a bundled report and the rebuilt one differ.
std::optional<BundleProblem> compare_report(const std::string& file, const std::string& bundled,
                                           const std::string& rebuilt) {
  if (bundled == rebuilt) return std::nullopt;
  const auto a = lines_of(bundled);
  const auto b = lines_of(rebuilt);
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  std::string message;
  if (i < a.size() && i < b.size()) {
    message = "differs from what the records give.\n      bundle:  " + shown(a[i]) +
              "\n      records: " + shown(b[i]);
  } else if (i < a.size()) {
    message = "has a line the records do not give: " + shown(a[i]);
  } else if (i < b.size()) {
    message = "lacks a line the records give: " + shown(b[i]);
  } else {
    message = "differs from what the records give in line ends or spacing";
  }
  return BundleProblem{file, i + 1, {}, message};
}

// Whether the file holds exactly the report as rendered now.
Result<bool> same_as_file(const fs::path& path, const Document& doc, Format f) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return false;
  std::vector<char> block;
  bool same = true;
  Status rendered = render_to(doc, f, [&](std::string_view piece) -> Status {
    if (!same) return {};
    block.resize(piece.size());
    same = std::fread(block.data(), 1, piece.size(), file) == piece.size() &&
           std::memcmp(block.data(), piece.data(), piece.size()) == 0;
    return {};
  });
  same = same && std::fgetc(file) == EOF && !std::ferror(file);
  std::fclose(file);
  TRY_STATUS(rendered);
  return same;
}

void check_reports(State& s, const Ledger& ledger) {
  auto catalog = load_bundle_curriculum(s.dir);
  if (!catalog.ok()) {
    s.problem("curriculum/", 0, {}, catalog.error().message + "; the reports cannot be rebuilt");
    return;
  }
  const ReportContext ctx = bundle_report_context(s.manifest, s.devices, *catalog);
  std::set<std::string> expected;
  std::set<std::string> unavailable;
  std::map<std::string, Format> formats;
  for (const std::string& name : s.manifest.formats) {
    bool known = false;
    for (Format f : all_formats()) {
      if (name == format_extension(f) + 1) {
        formats[name] = f;
        known = true;
      }
    }
    if (!known) s.out.notes.push_back(name + " reports are checked by their SHA-256 only: this attest does not know the format");
  }
  // Each report is rendered and compared on a worker thread while the next
  // is built; results are taken in order, so problems list the same way.
  struct Compared {
    std::vector<BundleProblem> problems;
    std::vector<std::pair<std::string, std::string>> not_rendered;  // format, why
  };
  auto compare = [&s](const Document& doc, const std::vector<std::pair<std::string, Format>>& todo) {
    Compared c;
    for (const auto& [name, f] : todo) {
      const std::string file = "reports/" + report_file_stem(doc.id) + "." + name;
      // Rendered and compared a piece at a time: a large roster's HTML is
      // tens of MB. Only a report that differs is made and read whole, to
      // name the line.
      auto same = same_as_file(s.dir / file, doc, f);
      if (!same.ok()) {
        c.not_rendered.emplace_back(name, same.error().message);
        continue;
      }
      if (*same) continue;
      auto rebuilt = render(doc, f);
      auto bundled = read_bundle_file(s.dir, file);
      if (!rebuilt.ok() || !bundled.ok()) continue;  // a missing file is named by the file check
      if (auto p = compare_report(file, *bundled, *rebuilt)) c.problems.push_back(std::move(*p));
    }
    return c;
  };
  std::deque<std::future<Compared>> comparing;
  auto collect = [&](size_t keep) {
    while (comparing.size() > keep) {
      Compared c = comparing.front().get();
      comparing.pop_front();
      for (auto& p : c.problems) s.out.problems.push_back(std::move(p));
      for (const auto& [name, why] : c.not_rendered) {
        if (unavailable.insert(name).second) {
          s.out.notes.push_back(name + " reports are checked by their SHA-256 only: " + why);
        }
      }
    }
  };
  const unsigned cores = std::thread::hardware_concurrency();
  const size_t in_flight = std::clamp<size_t>(cores == 0 ? 1 : cores, 1, 8);
  ReportRequest all;
  all.kind = "all";
  auto built = for_each_report(ledger, ctx, all, [&](Document&& doc) -> Status {
    ++s.out.reports;
    std::vector<std::pair<std::string, Format>> todo;
    for (const auto& [name, f] : formats) {
      const std::string file = "reports/" + report_file_stem(doc.id) + "." + name;
      expected.insert(file);
      if (!s.manifest.files.count(file)) {
        s.problem(file, 0, {}, "missing: the records give this report");
        continue;
      }
      if (f == Format::kPdf) continue;  // not byte-reproducible; its hash was checked
      todo.emplace_back(name, f);
    }
    collect(in_flight - 1);
    comparing.push_back(std::async(std::launch::async, [&compare, d = std::move(doc), todo] {
      return compare(d, todo);
    }));
    return {};
  });
  collect(0);
  if (!built.ok()) {
    s.problem("reports/", 0, {}, "cannot be rebuilt: " + built.error().message);
    return;
  }
  for (const auto& [path, sha] : s.manifest.files) {
    if (path.rfind("reports/", 0) == 0 && !expected.count(path)) {
      s.problem(path, 0, {}, "no report of this name comes from the records");
    }
  }
  if (formats.count("pdf")) {
    s.out.notes.push_back("PDF reports are checked by their SHA-256; CSV and HTML are rebuilt");
  }
}

}  // namespace

void check_records(State& s) {
  Ledger ledger(bundle_ledger_options(s.manifest));
  std::set<std::string> record_files;
  for (const BundleHead& head : s.manifest.devices) {
    record_files.insert(bundle_events_file(head.device));
    record_files.insert(bundle_bodies_file(head.device));
    check_device(s, head, ledger);
  }
  s.out.devices = s.manifest.devices.size();
  for (const auto& [path, sha] : s.manifest.files) {
    if ((path.rfind("events/", 0) == 0 || path.rfind("bodies/", 0) == 0) && !record_files.count(path)) {
      s.problem(path, 0, {}, "the manifest lists no chain for this file's device");
    }
  }
  // The lines were read and checked on worker threads, and freed; give
  // that memory back before the reports take theirs.
  malloc_trim(0);
  check_reports(s, ledger);
}

}  // namespace attest::report::checks
