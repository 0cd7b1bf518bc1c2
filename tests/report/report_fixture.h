// Documents and helpers shared by the report renderer tests: a roster with
// everything a renderer can get wrong (unicode, quotes, newlines, markup,
// tones, signatures, certificates), a wide compliance matrix, and reading a
// PDF back through poppler-utils (pdfinfo, pdftotext).
#pragma once

#include <algorithm>
#include <cctype>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "report/document.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace attest::report::testing {

using attest::testing::TempDir;

constexpr int kRows = 150;
constexpr int kSignatureEvery = 10;  // rows 0, 10, ... carry a drawn signature

inline Cell cell(std::string text, Tone tone = Tone::kPlain) { return {std::move(text), tone, {}}; }

inline std::string row_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%03d", i);
  return buf;
}

// A circle (which must stay round however the box is shaped), a wave
// across the pad like a written name, and a dot.
inline Strokes a_signature(int seed) {
  Strokes s;
  std::vector<std::pair<int, int>> circle, wave;
  for (int k = 0; k <= 36; ++k) {
    const double a = k * 3.14159265 / 18;
    circle.push_back({int(100 + 50 * std::cos(a)), int(110 + 50 * std::sin(a))});
  }
  for (int x = 170; x <= 560; x += 6) {
    wave.push_back({x, int(120 + 30 * std::sin((x + seed * 7) / 18.0) - (x - 170) / 8)});
  }
  s.strokes = {circle, wave, {{580, 60}}};
  return s;
}

// A roster as a report would build it: unicode names, a note with a comma,
// quotes and a newline, a cell that tries to be markup, tones, signatures
// and two certificates.
inline Document roster() {
  Document d;
  d.id = "attestation-roster";
  d.title = "Attestation roster — Password policy v3";
  d.practice = "Rivière Family Dental";
  d.generated_at = "2026-11-23 16:40 UTC";
  d.generated_by = "Dana Okafor (Security Official)";
  d.scope = {"As of 23 November 2026", "Newest record included: device 3f2a… #120"};
  d.heading("Who attested");
  d.paragraph("Every workforce member assigned the policy, with the exact version they signed.");
  Table& t = d.table({{"Staff member", 1.6},
                      {"Role", 1.1},
                      {"Note", 2.0},
                      {"Score", 0.7, true},
                      {"Status", 1.4},
                      {"Signature", 1.6}});
  for (int i = 0; i < kRows; ++i) {
    std::vector<Cell> row;
    row.push_back({"Zoë Dupré " + row_id(i), Tone::kPlain, {}});
    row.push_back({i % 2 ? "Front desk" : "Clinical", Tone::kPlain, {}});
    std::string note = "Read the policy at the front-desk kiosk";
    if (i == 3) note = "Smith, \"Jo\" said\nsecond line";
    if (i == 5) note = "<script>alert('x')</script>";
    row.push_back({note, Tone::kPlain, {}});
    row.push_back({std::to_string(60 + i % 41) + "%", Tone::kPlain, {}});
    const Tone tone = i % 7 == 0 ? Tone::kBad : i % 5 == 0 ? Tone::kWarn : Tone::kGood;
    row.push_back({tone == Tone::kBad    ? "Overdue — 12 days"
                   : tone == Tone::kWarn ? "Due soon…"
                                         : "Done ✓",
                   tone,
                   {}});
    Cell sig{"", Tone::kMuted, {}};
    if (i % kSignatureEvery == 0) {
      sig.text = "Signed";
      sig.signature = std::make_shared<const report::Strokes>(a_signature(i));
    } else {
      sig.text = "Typed name only";
    }
    row.push_back(sig);
    t.rows.push_back(row);
  }
  d.paragraph("Records after the newest one included are not in this roster.");
  d.certificate({"Łucja Wróbel", "Password Management", "Module, version 2", "12 November 2026",
                 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                 "Device 3f2a…, record 17"});
  d.certificate({"José Álvarez-Núñez", "Protection from Malicious Software", "Module, version 1",
                 "13 November 2026",
                 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                 "Device 3f2a…, record 18"});
  return d;
}

// A compliance matrix: person × many modules, wider than a portrait page,
// with long module names that must wrap in their narrow columns.
inline Document matrix() {
  Document d;
  d.title = "Training compliance matrix";
  d.practice = "Rivière Family Dental";
  d.generated_at = "2026-11-23 16:40 UTC";
  d.generated_by = "Dana Okafor";
  static const char* kModules[] = {
      "Security reminders",        "Protection from malicious software",
      "Log-in monitoring",         "Password management",
      "Incident reporting",        "Workstation use and security",
      "Device and media controls", "Contingency plan (backups)",
      "Sanctions policy",          "Email and phishing",
      "Minimum necessary",         "Business associates"};
  std::vector<Column> cols{{"Person", 2.2}};
  for (const char* m : kModules) cols.push_back({m, 1});
  Table& t = d.table(cols);
  static const std::pair<const char*, Tone> kStates[] = {{"done", Tone::kGood},
                                                         {"due", Tone::kWarn},
                                                         {"overdue", Tone::kBad},
                                                         {"never", Tone::kMuted}};
  for (int i = 0; i < 40; ++i) {
    std::vector<Cell> row{cell("Person " + row_id(i))};
    for (int m = 0; m < 12; ++m) {
      const auto& [text, tone] = kStates[(i * 7 + m * 3) % 11 % 4];
      row.push_back(cell(text, tone));
    }
    t.rows.push_back(row);
  }
  return d;
}

// The modules and policies of a large practice's curriculum, as long as
// real titles get.
inline const std::vector<std::string>& curriculum_titles() {
  static const std::vector<std::string> kTitles = {
      "Security awareness basics",
      "Security reminders",
      "Workstation and front desk security",
      "Password management",
      "Phishing and social engineering",
      "Protecting against malicious software",
      "Mobile devices and remote access",
      "Log-in monitoring",
      "Recognizing and reporting incidents",
      "Minimum necessary standard",
      "Business associate agreements",
      "Device and media disposal",
      "Contingency plan and data backup",
      "Breach notification",
      "Patient right of access",
      "Password Policy",
      "Acceptable Use of Practice Computers and Information",
      "Security Incident Response and Reporting Policy",
      "Sanction Policy",
      "Confidentiality Agreement"};
  return kTitles;
}

// The status of `person` on module `m`, as the compliance matrix words it.
inline Cell matrix_status(int person, int m) {
  switch ((person * 7 + m * 3) % 11 % 4) {
    case 0: return cell("done 2026-0" + std::to_string(1 + (person + m) % 9) + "-14", Tone::kGood);
    case 1: return cell("due 2026-12-10", Tone::kWarn);
    case 2:
      return cell("overdue " + std::to_string(1 + (person * 37 + m) % 400) + " days", Tone::kBad);
    default: return cell("not assigned", Tone::kMuted);
  }
}

// A compliance matrix as compliance_matrix() shapes it: Person and Role
// identify each row, then one column per module or policy.
inline Document keyed_matrix(int people, int modules) {
  Document d;
  d.title = "Training compliance matrix";
  d.practice = "Rivière Family Dental";
  d.generated_at = "2026-11-23 16:40 UTC";
  d.generated_by = "Dana Okafor";
  std::vector<Column> cols{{"Person", 2.2}, {"Role", 1.4}};
  for (int m = 0; m < modules; ++m) cols.push_back({curriculum_titles()[size_t(m) % 20], 1.2});
  Table& t = d.table(cols);
  t.key_columns = 2;
  t.group_caption = "Modules and policies";
  static const char* kRoles[] = {"clinical", "front-desk", "billing", "management"};
  static const char* kNames[] = {"Zoë Dupré", "José Álvarez-Núñez", "Ana Lima", "Łucja Wróbel",
                                 "Priya Shah"};
  for (int i = 0; i < people; ++i) {
    std::vector<Cell> row{cell(std::string(kNames[i % 5]) + " " + row_id(i)), cell(kRoles[i % 4])};
    for (int m = 0; m < modules; ++m) row.push_back(matrix_status(i, m));
    t.rows.push_back(row);
  }
  return d;
}

inline size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

inline std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages;
  size_t start = 0;
  for (size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
    pages.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  if (start < text.size() && text.find_first_not_of(" \n", start) != std::string::npos) {
    pages.push_back(text.substr(start));
  }
  return pages;
}

struct PdfFacts {
  int pages = 0;
  std::string info;
  std::vector<std::string> text;  // pdftotext -layout, one string per page
};

// ATTEST_REPORT_OUT=DIR keeps a copy of every rendered file there, for a
// person to look at (pdftoppm -r 60 -png DIR/roster.pdf page).
inline void keep(const std::string& name, const std::string& bytes) {
  if (const char* out = std::getenv("ATTEST_REPORT_OUT")) {
    std::ofstream(std::filesystem::path(out) / name, std::ios::binary) << bytes;
  }
}

// The text of each page, as pdftotext -layout lays it out.
inline std::vector<std::string> read_text(const std::string& path) {
  const auto text =
      attest::testing::run("pdftotext -layout " + attest::testing::quote(path) + " -");
  REQUIRE_MESSAGE(text.code == 0, "pdftotext (poppler-utils) failed: " << text.all);
  return split_pages(text.out);
}

inline std::string write_pdf(const TempDir& dir, const std::string& name, const Bytes& pdf) {
  keep(name, std::string(pdf.begin(), pdf.end()));
  return dir.write(name, std::string(pdf.begin(), pdf.end())).string();
}

inline PdfFacts read_pdf(const TempDir& dir, const std::string& name, const Bytes& pdf) {
  const std::string path = write_pdf(dir, name, pdf);
  PdfFacts f;
  const auto info = attest::testing::run("pdfinfo -l -1 " + attest::testing::quote(path));
  REQUIRE_MESSAGE(info.code == 0, "pdfinfo (poppler-utils) failed: " << info.all);
  f.info = info.out;
  const auto at = f.info.find("Pages:");
  REQUIRE(at != std::string::npos);
  f.pages = std::stoi(f.info.substr(at + 6));
  f.text = read_text(path);
  return f;
}

// Every opened element is closed, in order. Void elements and "/>" close
// themselves; <style> content is raw text and skipped.
inline bool tags_balance(const std::string& html, std::string& why) {
  static const std::vector<std::string> kVoid{"meta", "br", "col", "img", "input", "link", "hr"};
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      i = html.find("-->", i);
      if (i == std::string::npos) return why = "unclosed comment", false;
      continue;
    }
    const size_t end = html.find('>', i);
    if (end == std::string::npos) return why = "unclosed tag at " + std::to_string(i), false;
    const std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty() || tag[0] == '!') continue;  // <!DOCTYPE html>
    const bool closing = tag[0] == '/';
    std::string name;
    for (size_t k = closing ? 1 : 0; k < tag.size() && std::isalnum((unsigned char)tag[k]); ++k) {
      name += char(std::tolower((unsigned char)tag[k]));
    }
    if (name.empty()) return why = "bad tag <" + tag + ">", false;
    if (closing) {
      if (open.empty() || open.back() != name) {
        return why = "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">", false;
      }
      open.pop_back();
    } else if (tag.back() != '/' && std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
      if (name == "style") i = html.find("</style>", i);
    }
  }
  if (!open.empty()) return why = "<" + open.back() + "> never closed", false;
  return true;
}


inline bool tags_balance(const std::string& html) {
  std::string why;
  return tags_balance(html, why);
}

}  // namespace attest::report::testing
