// A Document as a PDF, drawn with libharu: US Letter unless told otherwise,
// landscape when the main table is wide (a compliance matrix is people ×
// modules), DejaVu Sans embedded so names like "Zoë" and marks like "✓"
// print. Every page repeats the practice and title at the top and says when
// and by whom it was generated and "Page n of N" at the bottom. Tables wrap
// their cells, repeat their header row on each page and never split a row;
// a table with key columns too wide to read on one page prints in column
// groups ("Modules and policies 1–7 of 14"), each repeating the key
// columns. Signatures are vector paths; each certificate is a portrait page
// of its own. libharu's errors come back as a Result, never an abort.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/result.h"
#include "report/document.h"

namespace attest::report {

struct PdfOptions {
  enum class Paper { kLetter, kA4 };
  enum class Orientation { kAuto, kPortrait, kLandscape };

  Paper paper = Paper::kLetter;
  // kAuto: landscape when the main table has more than kWideTableColumns
  // columns (document.h). Certificates are portrait whatever this says.
  Orientation orientation = Orientation::kAuto;
  // Holds DejaVuSans.ttf and DejaVuSans-Bold.ttf. Empty: default_font_dir().
  std::string font_dir;
};

Result<Bytes> to_pdf(const Document& doc, const PdfOptions& options = {});
// The same file handed to `sink` in pieces of up to a megabyte, so a large
// one is not copied whole.
Status to_pdf(const Document& doc, const std::function<Status(std::string_view)>& sink,
              const PdfOptions& options = {});

// The cut-down DejaVu Sans this build made for PDFs (app/report's
// CMakeLists.txt says why), or Debian's whole one (fonts-dejavu-core) when
// the build could not make it or its folder has gone.
std::string default_font_dir();

}  // namespace attest::report
