#include "report/pdf_blocks.h"

namespace attest::report::pdf {

namespace {

// Centred lines of wrapped text; the first baseline is `baseline`. Returns
// the baseline after the last line.
float centred(Writer& w, Face face, float size, float leading, Rgb colour, const std::string& text,
              float baseline) {
  const float centre = w.page_size().width / 2;
  // Generous side space: a certificate reads as a short centred column.
  const float max_width = w.width() - 96;
  for (const auto& line : w.wrap(face, size, text, max_width)) {
    w.text_centred(face, size, colour, centre, baseline, line);
    baseline -= leading;
  }
  return baseline;
}

}  // namespace

void draw_certificate(Writer& w, PageSize size, const std::string& practice, const Certificate& c) {
  w.new_page(size);
  const float frame_top = w.body_top() - 4;
  const float frame_bottom = kBodyBottom + 8;
  const float frame_h = frame_top - frame_bottom;
  w.stroke_rect(w.left(), frame_bottom, w.width(), frame_h, 2.2f, kPrimary);
  w.stroke_rect(w.left() + 6, frame_bottom + 6, w.width() - 12, frame_h - 12, 0.6f, kPrimary);

  // The main lines fill the upper two thirds of the frame; the facts sit at
  // its foot, so the page reads as a certificate, not a form.
  const float centre = size.width / 2;
  float y = frame_top - 110;
  y = centred(w, Face::kBold, 14, 18, kSecondary, practice, y);
  y = centred(w, Face::kBold, 28, 34, kPrimary, "Certificate of completion", y - 36);
  w.line(centre - 60, y + 16, centre + 60, y + 16, 1, kPrimary);
  y = centred(w, Face::kRegular, 12, 16, kSecondary, "This certifies that", y - 40);
  y = centred(w, Face::kBold, 24, 29, kText, c.person, y - 26);
  y = centred(w, Face::kRegular, 12, 16, kSecondary, "completed", y - 14);
  y = centred(w, Face::kBold, 18, 22, kText, c.item_title, y - 18);
  if (!c.item_detail.empty()) y = centred(w, Face::kRegular, 12, 16, kSecondary, c.item_detail, y);
  centred(w, Face::kRegular, 14, 18, kText, "on " + c.completed, y - 22);

  // The facts an auditor checks sit at the foot of the frame, smaller: the
  // exact content's hash and where the record is in the chain.
  y = frame_bottom + 110;
  y = centred(w, Face::kBold, 8, 11, kSecondary, "Content SHA-256", y);
  y = centred(w, Face::kRegular, 8.5f, 11, kText, c.content_sha256, y);
  y = centred(w, Face::kBold, 8, 11, kSecondary, "Evidence", y - 8);
  centred(w, Face::kRegular, 9, 12, kText, c.evidence, y);
}

}  // namespace attest::report::pdf
