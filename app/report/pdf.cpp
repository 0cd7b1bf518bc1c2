#include "report/pdf.h"

#include <algorithm>
#include <filesystem>

#include "report/pdf_blocks.h"
#include "report/pdf_writer.h"

namespace attest::report {

namespace {

using pdf::Face;
using pdf::PageSize;
using pdf::Writer;

constexpr float kTitleSize = 18, kTitleLeading = 22;
constexpr float kHeadingSize = 13, kHeadingLeading = 16.5f;
constexpr float kBodySize = 10, kBodyLeading = 13.5f;
constexpr float kSmallSize = 9, kSmallLeading = 12;
// Baselines sit this far below a line box's top, as a share of the size.
constexpr float kAscent = 0.93f;

PageSize page_size(PdfOptions::Paper paper, bool landscape) {
  // US Letter 8.5 × 11 in; A4 210 × 297 mm.
  const PageSize portrait =
      paper == PdfOptions::Paper::kA4 ? PageSize{595.276f, 841.89f} : PageSize{612, 792};
  return landscape ? PageSize{portrait.height, portrait.width} : portrait;
}

bool landscape(const Document& doc, const PdfOptions& o) {
  if (o.orientation != PdfOptions::Orientation::kAuto) {
    return o.orientation == PdfOptions::Orientation::kLandscape;
  }
  const Table* t = doc.main_table();
  return t && t->columns.size() > kWideTableColumns;
}

// Lines that may flow onto the next page one at a time.
void flow_lines(Writer& w, PageSize body, const std::vector<std::string>& lines, Face face,
                float size, float leading, pdf::Rgb colour) {
  for (const auto& line : lines) {
    if (leading > w.room()) w.new_page(body);
    w.text(face, size, colour, w.left(), w.y() - size * kAscent, line);
    w.down(leading);
  }
}

// What must fit under a heading so it is not stranded at a page's foot.
float lead_height(const Writer& w, const Block* next) {
  if (!next) return 0;
  switch (next->kind) {
    case Block::Kind::kHeading: return kHeadingLeading;
    case Block::Kind::kParagraph: {
      const auto n = w.wrap(Face::kRegular, kBodySize, next->text, w.width()).size();
      return float(std::min<size_t>(n, 2)) * kBodyLeading;
    }
    case Block::Kind::kTable: return pdf::table_lead_height(w, next->table);
    case Block::Kind::kCertificate: return 0;
  }
  return 0;
}

void draw_front_matter(Writer& w, PageSize body, const Document& doc) {
  flow_lines(w, body, w.wrap(Face::kBold, kTitleSize, doc.title, w.width()), Face::kBold,
             kTitleSize, kTitleLeading, pdf::kText);
  w.down(2);
  flow_lines(w, body, w.wrap(Face::kRegular, kSmallSize, generation_line(doc), w.width()),
             Face::kRegular, kSmallSize, kSmallLeading, pdf::kSecondary);
  for (const auto& line : doc.scope) {
    flow_lines(w, body, w.wrap(Face::kRegular, kSmallSize, line, w.width()), Face::kRegular,
               kSmallSize, kSmallLeading, pdf::kSecondary);
  }
  w.down(14);
}

}  // namespace

std::string default_font_dir() {
  std::error_code ec;
  const std::filesystem::path made(ATTEST_PDF_FONT_DIR);
  if (std::filesystem::is_regular_file(made / "DejaVuSans.ttf", ec) &&
      std::filesystem::is_regular_file(made / "DejaVuSans-Bold.ttf", ec)) {
    return made.string();
  }
  return ATTEST_DEJAVU_DIR;
}

Result<Bytes> to_pdf(const Document& doc, const PdfOptions& options) {
  Bytes out;
  TRY_STATUS(to_pdf(doc, [&out](std::string_view piece) -> Status {
    out.insert(out.end(), piece.begin(), piece.end());
    return {};
  }, options));
  return out;
}

Status to_pdf(const Document& doc, const std::function<Status(std::string_view)>& sink,
              const PdfOptions& options) {
  Writer w;
  TRY_STATUS(w.open(options.font_dir.empty() ? default_font_dir() : options.font_dir,
                    running_head(doc)));
  w.set_info(doc.title, doc.generated_by);
  const PageSize body = page_size(options.paper, landscape(doc, options));
  const PageSize certificate = page_size(options.paper, false);

  w.new_page(body);
  draw_front_matter(w, body, doc);
  bool on_body_page = true;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind == Block::Kind::kCertificate) {
      pdf::draw_certificate(w, certificate, doc.practice, b.certificate);
      on_body_page = false;
      continue;
    }
    // What follows a certificate starts on a page of the body's size.
    if (!on_body_page) {
      w.new_page(body);
      on_body_page = true;
    }
    switch (b.kind) {
      case Block::Kind::kHeading: {
        if (!w.at_top()) w.down(8);
        const auto lines = w.wrap(Face::kBold, kHeadingSize, b.text, w.width());
        const Block* next = i + 1 < doc.blocks.size() ? &doc.blocks[i + 1] : nullptr;
        const float need = float(lines.size()) * kHeadingLeading + 4 + lead_height(w, next);
        if (need > w.room() && !w.at_top()) w.new_page(body);
        flow_lines(w, body, lines, Face::kBold, kHeadingSize, kHeadingLeading, pdf::kText);
        w.down(4);
        break;
      }
      case Block::Kind::kParagraph:
        flow_lines(w, body, w.wrap(Face::kRegular, kBodySize, b.text, w.width()), Face::kRegular,
                   kBodySize, kBodyLeading, pdf::kText);
        w.down(6);
        break;
      case Block::Kind::kTable:
        pdf::draw_table(w, b.table);
        w.down(12);
        break;
      case Block::Kind::kCertificate: break;
    }
    if (w.failed()) break;
  }
  return w.finish(generation_line(doc), sink);
}

}  // namespace attest::report
