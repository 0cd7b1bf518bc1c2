// PDF rendering benchmark: what a report costs in PDF beyond its CSV, split
// into the cost every document pays (fonts embedded, the file written) and
// the cost of each page, on documents shaped like the real reports:
//  - a one-page document (a designation record), rendered many times;
//  - a transcript-like table (six text columns, one row per record);
//  - a roster-like table with a drawn signature in every row.
// Prints one JSON object per line: milliseconds per document or per page,
// pages, and bytes per page.
//
//   bench_pdf [--docs N] [--rows R] [--fonts DIR]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "report/document.h"
#include "report/pdf.h"

using namespace attest;
using Steady = std::chrono::steady_clock;

namespace {

report::Cell cell(std::string text, report::Tone tone = report::Tone::kPlain) {
  return {std::move(text), tone, nullptr};
}

double since(Steady::time_point t) {
  return std::chrono::duration<double, std::milli>(Steady::now() - t).count();
}

report::Document base(const char* id, const char* title) {
  report::Document doc;
  doc.id = id;
  doc.title = title;
  doc.practice = "Bench Dental";
  doc.generated_at = "2026-11-23 16:40 UTC";
  doc.generated_by = "Dana Okafor";
  doc.scope = {"From 1 January 2026 to 20 November 2026",
               "Newest record included: device 3fd98645 #250000 (2026-11-20 09:12 UTC)"};
  return doc;
}

report::Document small_doc() {
  report::Document doc = base("designations", "Security and Privacy Official designations");
  auto& t = doc.table({{"Role", 1}, {"Person", 1.4}, {"Effective", 1}, {"Duties", 3}, {"Record", 1}});
  t.rows.push_back({cell("Security Official"), cell("Dana Okafor"), cell("2026-01-05"),
                    cell("Develops and carries out the practice's security policies; 45 CFR 164.308(a)(2)."),
                    cell("3fd98645 #12")});
  return doc;
}

report::Document transcript_doc(int rows) {
  report::Document doc = base("transcript-p-137", "Training transcript: Person 137");
  auto& t = doc.table({{"When", 1.3}, {"What", 1.6}, {"Version", 0.6}, {"Result", 1.3},
                       {"Content SHA-256", 1.6}, {"Record", 1}});
  for (int i = 0; i < rows; ++i) {
    t.rows.push_back({cell("2026-01-01 07:14 -05:00"), cell("Module " + std::to_string(i % 20)),
                      cell("1"), cell("module completed", report::Tone::kGood), cell(""),
                      cell("3fd98645 #" + std::to_string(35 + 50 * i))});
  }
  return doc;
}

report::Document roster_doc(int rows) {
  report::Document doc = base("attestations-p-v1", "Attestation roster: Policy, version 1");
  auto strokes = std::make_shared<report::Strokes>();
  strokes->strokes = {{{0, 0}, {40, 20}, {80, 0}, {120, 30}, {160, 5}}, {{20, 40}, {140, 40}}};
  auto& t = doc.table({{"Person", 1.3}, {"Role", 1}, {"Signed", 1.3}, {"Typed name", 1.3},
                       {"Signature", 1.6}, {"Text SHA-256 seen", 1.8}, {"Record", 1}});
  for (int i = 0; i < rows; ++i) {
    t.rows.push_back({cell("Person " + std::to_string(i % 200)), cell("clinical"),
                      cell("2026-01-01 07:14 -05:00"), cell("p-" + std::to_string(i % 200)),
                      {"", report::Tone::kPlain, strokes},
                      cell("9f2c41d0a7e3b5c8d1f4a6e9b2c7d0f3a5e8b1c4d7f0a3e6b9c2d5f8a1e4b7c0"),
                      cell("3fd98645 #" + std::to_string(10 * i + 9))});
  }
  return doc;
}

struct Figure {
  double ms = 0;
  size_t bytes = 0;
  size_t pages = 0;
};

// Pages counted from the file: "/Type /Page\n" once per page.
size_t count_pages(const Bytes& pdf) {
  static constexpr char kMark[] = "/Type /Page\n";
  const std::string_view s(reinterpret_cast<const char*>(pdf.data()), pdf.size());
  size_t n = 0;
  for (size_t at = s.find(kMark); at != std::string_view::npos; at = s.find(kMark, at + 1)) ++n;
  return n;
}

report::PdfOptions options;

bool render(const report::Document& doc, int times, Figure& f) {
  const auto t = Steady::now();
  for (int i = 0; i < times; ++i) {
    auto pdf = report::to_pdf(doc, options);
    if (!pdf.ok()) {
      std::fprintf(stderr, "bench_pdf: %s\n", pdf.error().message.c_str());
      return false;
    }
    f.bytes = pdf->size();
    f.pages = count_pages(*pdf);
  }
  f.ms = since(t) / times;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int docs = 50, rows = 5000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--docs")) docs = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--rows")) rows = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--fonts")) options.font_dir = argv[i + 1];
  }
  Figure small, transcript, roster;
  if (!render(small_doc(), docs, small)) return 1;
  std::printf("{\"figure\":\"pdf_document\",\"docs\":%d,\"pages\":%zu,\"ms_per_doc\":%.2f,\"bytes\":%zu}\n",
              docs, small.pages, small.ms, small.bytes);
  if (!render(transcript_doc(rows), 1, transcript)) return 1;
  if (!render(roster_doc(rows), 1, roster)) return 1;
  for (const auto& [name, f] : {std::pair{"pdf_transcript_table", transcript}, {"pdf_roster_table", roster}}) {
    const double per_page = (f.ms - small.ms) / double(f.pages);
    std::printf("{\"figure\":\"%s\",\"rows\":%d,\"pages\":%zu,\"ms\":%.1f,\"ms_per_page\":%.3f,"
                "\"bytes_per_page\":%zu}\n",
                name, rows, f.pages, f.ms, per_page, f.pages ? (f.bytes - small.bytes) / f.pages : 0);
  }
  return 0;
}
