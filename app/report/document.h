// A report as a format-neutral document: a title, the facts every page
// repeats (practice, when and by whom it was generated, which events it
// covers), and blocks of text, one main table and certificates. Every
// report in app/report builds one of these from events; csv.h, html.h and
// pdf.h each turn any Document into their format, so the three formats can
// never disagree about a figure.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attest::report {

// A drawn signature as the pad recorded it: strokes of (x, y) points in pad
// pixels, y downwards. Renderers scale it into the space they have and draw
// it as vector paths, never as an image.
struct Strokes {
  std::vector<std::vector<std::pair<int, int>>> strokes;
  bool empty() const { return strokes.empty(); }
};

// How a cell should stand out; renderers map it to colour and, for
// readers who cannot see colour, the text itself always says it too.
enum class Tone { kPlain, kGood, kWarn, kBad, kMuted };

// For a renderer that hands its output on as it goes: called with what is
// made so far, which it takes (leaving `made` empty), so a large report is
// never held whole.
using Spill = std::function<void(std::string& made)>;
inline constexpr size_t kSpillAt = 1 << 20;

struct Cell {
  std::string text;
  Tone tone = Tone::kPlain;
  // Drawn beside or instead of the text. Shared, not held: a roster of
  // 100k signatures is 100k rows of cells, nearly all without one.
  std::shared_ptr<const Strokes> signature;
};

struct Column {
  std::string name;
  double weight = 1;     // share of the table's width in PDF and HTML
  bool numeric = false;  // right-aligned
};

// A table with more columns than this is a matrix (people × many modules):
// renderers print it on landscape pages.
inline constexpr size_t kWideTableColumns = 7;

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
  // How many leading columns say whose row it is (Person, Role). A PDF
  // page too narrow for all the columns at a readable width prints the
  // others in groups, each a run of pages that repeats these at the left;
  // HTML keeps them in view while the rest scrolls sideways. 0: none.
  size_t key_columns = 0;
  // What the other columns are, for the caption over each group in print:
  // "Modules and policies" gives "Modules and policies 1–7 of 14".
  std::string group_caption = "Columns";
};

// One certificate of completion: a page of its own in PDF, a framed box in
// HTML; not part of the CSV.
struct Certificate {
  std::string person;
  std::string item_title;   // "Password Management"
  std::string item_detail;  // "Module, version 2"
  std::string completed;    // "12 November 2026"
  std::string content_sha256;
  std::string evidence;     // "Device 3f2a…, record 17"
};

struct Block {
  enum class Kind { kHeading, kParagraph, kTable, kCertificate };
  Kind kind = Kind::kParagraph;
  std::string text;  // heading or paragraph
  Table table;
  Certificate certificate;
};

struct Document {
  std::string id;     // file stem: "compliance-matrix", "transcript-p-0001"
  std::string title;  // "Training compliance matrix"
  std::string practice;
  std::string generated_at;  // "2026-11-23 16:40 UTC"
  std::string generated_by;  // who asked for it
  // What the report covers, one line each: "As of 23 November 2026",
  // "Newest record included: device 3f2a… #120 (2026-11-23 09:12 UTC)".
  std::vector<std::string> scope;
  std::vector<Block> blocks;

  // The main table, which is what the CSV holds; null when there is none.
  const Table* main_table() const;

  void heading(std::string text);
  void paragraph(std::string text);
  Table& table(std::vector<Column> columns);
  void certificate(Certificate c);
};

// "Generated 2026-11-23 16:40 UTC by Dana Okafor", leaving out what is not
// known; every format prints this same line.
std::string generation_line(const Document& doc);
// "Practice · Title", or whichever of the two there is: the line that heads
// every printed page.
std::string running_head(const Document& doc);

}  // namespace attest::report
