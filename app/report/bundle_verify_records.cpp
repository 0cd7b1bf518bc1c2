// The record half of verify_bundle(): device chains, opened bodies, and
// the reports rebuilt from them.
#include <algorithm>
#include <map>

#include "core/body.h"
#include "core/canonical.h"
#include "core/chain_verifier.h"
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

// A device's opened bodies, read in step with its events: both files are
// in seq order, so each wanted record's body is the next line, or missing.
class BodyCursor {
 public:
  BodyCursor(State& s, const crypto::DeviceId& device)
      : s_(s), device_(device), file_(bundle_bodies_file(device)), reader_(s.dir, file_) {
    if (s.manifest.bodies_opened) advance();
  }

  // The body of record `seq`, or nullopt (named as a problem) when the
  // bundle lacks it. Lines before it that belong to no wanted record are
  // named too.
  std::optional<std::string_view> take(uint64_t seq) {
    while (current_ && current_->seq < seq) {
      stray();
      advance();
    }
    if (!current_ || current_->seq != seq) {
      s_.problem(file_, 0, EventRef{device_, seq}, "the opened body of this record is missing");
      return std::nullopt;
    }
    taken_line_ = reader_.line_number();
    const size_t offset = static_cast<size_t>(current_->body.data() - line_.data());
    const size_t size = current_->body.size();
    held_.swap(line_);  // keeps the bytes for the caller while the next line is read
    advance();
    return std::string_view(held_).substr(offset, size);
  }
  size_t taken_line() const { return taken_line_; }

  // Whatever is left belongs to no record in the bundle.
  void finish() {
    if (!s_.manifest.bodies_opened) return;
    if (!reader_.is_open()) {
      if (wanted_) s_.problem(file_, 0, {}, "missing: the records call for opened bodies");
      return;
    }
    while (current_) {
      stray();
      advance();
    }
    if (reader_.failed()) s_.problem(file_, 0, {}, "cannot be read to the end");
  }
  void wanted() { wanted_ = true; }
  const std::string& file() const { return file_; }

 private:
  void advance() {
    current_.reset();
    while (reader_.next(line_)) {
      auto parsed = parse_body_line(line_);
      if (parsed.ok()) {
        current_ = *parsed;
        return;
      }
      s_.problem(file_, reader_.line_number(), {}, parsed.error().message);
    }
  }
  void stray() {
    s_.problem(file_, reader_.line_number(), EventRef{device_, current_->seq},
               "not the opened body of any record in the bundle");
  }

  State& s_;
  crypto::DeviceId device_;
  std::string file_;
  LineReader reader_;
  std::string line_;
  std::string held_;
  std::optional<BodyLine> current_;
  size_t taken_line_ = 0;
  bool wanted_ = false;
};

// One device: its chain line by line against its key and the manifest's
// head, each opened body against its record, every record into `ledger`.
void check_device(State& s, const BundleHead& head, Ledger& ledger) {
  const std::string file = bundle_events_file(head.device);
  const BundleDevice* device = nullptr;
  for (const auto& d : s.devices) {
    if (d.id == head.device) device = &d;
  }
  if (!device) {
    s.problem(kDevicesFile, 0, {}, "has no key for device " + hex_encode(head.device) +
                                       ", whose chain the manifest lists");
    return;
  }
  LineReader lines(s.dir, file);
  if (!lines.is_open()) {
    s.problem(file, 0, {}, file + " is missing");
    return;
  }
  core::VerifyOptions vo;
  vo.every_signature = s.options.every_signature;
  core::ChainVerifier v(head.device, device->key, vo);
  v.start_at(1);
  BodyCursor bodies(s, head.device);
  std::vector<std::pair<uint64_t, size_t>> line_of;  // seq -> line, to name lines in findings
  std::string line;
  std::string again;
  while (lines.next(line)) {
    const size_t number = lines.line_number();
    // The usual case: the line is exactly what the exporter writes for its
    // signed parts, so every readable field says what was signed.
    std::optional<EventLine> e = parse_event_line_fast(line);
    std::optional<core::EventHeader> h;
    if (e) {
      if (auto decoded = core::decode_header(e->canonical_header); decoded.ok()) {
        again.clear();
        append_event_line(again, {head.device, e->seq, e->canonical_header, e->sealed_body, &e->hash, &e->signature},
                          *decoded);
        if (again == line) h = std::move(*decoded);
      }
    }
    if (!h) {
      // Otherwise read it as any JSON, and name what does not agree.
      auto full = parse_event_line(line);
      const uint64_t next = v.last_seq() + 1;
      if (!full.ok()) {
        line_of.emplace_back(next, number);
        v.add_unreadable(next, {next, core::Problem::kChangedContent,
                                "the line does not parse: " + full.error().message});
        continue;
      }
      e = std::move(*full);
      auto decoded = core::decode_header(e->canonical_header);
      if (!decoded.ok()) {
        line_of.emplace_back(e->seq, number);
        v.add_unreadable(e->seq, {e->seq, core::Problem::kChangedHeader,
                                  "the signed header does not decode: " + decoded.error().message});
        continue;
      }
      h = std::move(*decoded);
      check_readable(s, file, number, {head.device, e->seq}, *e, *h);
    }
    line_of.emplace_back(e->seq, number);
    v.add(e->seq, *h, e->canonical_header, e->sealed_body, e->hash, e->signature);
    if (!s.manifest.bodies_opened || !Ledger::wants_body(h->kind)) {
      ledger.add(*h, nullptr);
      continue;
    }
    bodies.wanted();
    auto body = bodies.take(h->seq);
    if (!body) {
      ledger.add(*h, nullptr);
      continue;
    }
    auto fields = core::open_body_fields(as_bytes(*body), h->body_digest);
    if (!fields.ok()) {
      s.problem(bodies.file(), bodies.taken_line(), EventRef{head.device, h->seq},
                fields.error().code == ErrorCode::kTampered
                    ? "its SHA-256 is not the body_digest " + hex_encode(h->body_digest) +
                          " in the signed header: the body was changed"
                    : fields.error().message);
      ledger.add(*h, nullptr);
      continue;
    }
    ++s.out.bodies;
    ledger.add(*h, &*fields);
  }
  if (lines.failed()) s.problem(file, 0, {}, file + " cannot be read to the end");
  bodies.finish();
  v.finish(std::nullopt);
  std::sort(line_of.begin(), line_of.end());
  for (const auto& f : v.findings()) {
    // A missing seq has no line: name the line where the gap shows.
    auto at = std::lower_bound(line_of.begin(), line_of.end(), std::make_pair(f.seq, size_t{0}));
    s.problem(file, at == line_of.end() ? 0 : at->second, EventRef{head.device, f.seq},
              std::string(core::problem_name(f.problem)) + ": " + f.detail);
  }
  s.out.events += v.events_checked();
  const std::string recorded = "the manifest records the chain ending at seq " +
                               std::to_string(head.last_seq);
  if (v.last_seq() < head.last_seq) {
    s.problem(file, 0, EventRef{head.device, v.last_seq() + 1},
              "records are missing from the end: the chain stops at seq " +
                  std::to_string(v.last_seq()) + ", but " + recorded);
  } else if (v.last_seq() > head.last_seq) {
    s.problem(file, 0, EventRef{head.device, head.last_seq + 1},
              "the chain goes on past its end: " + recorded);
  } else if (v.intact() && v.last_link() != head.link) {
    s.problem(file, 0, EventRef{head.device, head.last_seq},
              "the last record is not the one the manifest records");
  }
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
void compare_report(State& s, const std::string& file, const std::string& bundled,
                    const std::string& rebuilt) {
  if (bundled == rebuilt) return;
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
  s.problem(file, i + 1, {}, message);
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
  ReportRequest all;
  all.kind = "all";
  auto built = for_each_report(ledger, ctx, all, [&](Document&& doc) -> Status {
    ++s.out.reports;
    for (const auto& [name, f] : formats) {
      const std::string file = "reports/" + report_file_stem(doc.id) + "." + name;
      expected.insert(file);
      if (!s.manifest.files.count(file)) {
        s.problem(file, 0, {}, "missing: the records give this report");
        continue;
      }
      if (f == Format::kPdf) continue;  // not byte-reproducible; its hash was checked
      auto rebuilt = render(doc, f);
      if (!rebuilt.ok()) {
        if (unavailable.insert(name).second) {
          s.out.notes.push_back(name + " reports are checked by their SHA-256 only: " +
                                rebuilt.error().message);
        }
        continue;
      }
      auto bundled = read_bundle_file(s.dir, file);
      if (bundled.ok()) compare_report(s, file, *bundled, *rebuilt);
    }
    return {};
  });
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
  check_reports(s, ledger);
}

}  // namespace attest::report::checks
