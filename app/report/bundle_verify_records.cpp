// The record half of verify_bundle(): device chains, opened bodies, and
// the reports rebuilt from them.
#include <map>

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

void check_chain(State& s, const BundleHead& head) {
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
  core::VerifyOptions vo;
  vo.every_signature = s.options.every_signature;
  core::ChainVerifier v(head.device, device->key, vo);
  v.start_at(1);
  std::map<uint64_t, size_t> line_of;  // seq -> line, to name lines in findings
  auto status = for_each_event_line(s.dir, head.device, [&](size_t line, Result<EventLine>& e) {
    const uint64_t next = v.last_seq() + 1;
    if (!e.ok()) {
      line_of.emplace(next, line);
      v.add_unreadable(next, {next, core::Problem::kChangedContent,
                              "the line does not parse: " + e.error().message});
      return;
    }
    line_of.emplace(e->seq, line);
    auto h = core::decode_header(e->canonical_header);
    if (!h.ok()) {
      v.add_unreadable(e->seq, {e->seq, core::Problem::kChangedHeader,
                                "the signed header does not decode: " + h.error().message});
      return;
    }
    v.add(e->seq, *h, e->canonical_header, e->sealed_body, e->hash, e->signature);
    check_readable(s, file, line, {head.device, e->seq}, *e, *h);
    if (s.manifest.bodies_opened && Ledger::wants_body(h->kind)) {
      s.expected_bodies.insert(bundle_body_file(head.device, e->seq));
    }
  });
  if (!status.ok()) {
    s.problem(file, 0, {}, status.error().message);
    return;
  }
  v.finish(std::nullopt);
  for (const auto& f : v.findings()) {
    // A missing seq has no line: name the line where the gap shows.
    auto line = line_of.lower_bound(f.seq);
    s.problem(file, line == line_of.end() ? 0 : line->second, EventRef{head.device, f.seq},
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
  ReportRequest all;
  all.kind = "all";
  auto docs = build_reports(ledger, ctx, all);
  if (!docs.ok()) {
    s.problem("reports/", 0, {}, "cannot be rebuilt: " + docs.error().message);
    return;
  }
  s.out.reports = docs->size();
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
  std::set<std::string> expected;
  std::set<std::string> unavailable;
  for (const Document& doc : *docs) {
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

void check_chains(State& s) {
  std::set<std::string> chain_files;
  for (const BundleHead& head : s.manifest.devices) {
    chain_files.insert(bundle_events_file(head.device));
    check_chain(s, head);
  }
  s.out.devices = s.manifest.devices.size();
  for (const auto& [path, sha] : s.manifest.files) {
    if (path.rfind("events/", 0) == 0 && !chain_files.count(path)) {
      s.problem(path, 0, {}, "the manifest lists no chain for this file's device");
    }
  }
}

void check_bodies_and_reports(State& s) {
  BundleLedger loaded = load_bundle_ledger(s.dir, s.manifest);
  s.out.bodies = loaded.bodies;
  for (auto& p : loaded.problems) {
    if (p.file.rfind("bodies/", 0) == 0 || p.line) s.out.problems.push_back(std::move(p));
  }
  for (const auto& [path, sha] : s.manifest.files) {
    if (path.rfind("bodies/", 0) == 0 && !s.expected_bodies.count(path)) {
      s.problem(path, 0, {}, "not the opened body of any record in the bundle");
    }
  }
  check_reports(s, loaded.ledger);
}

}  // namespace attest::report::checks
