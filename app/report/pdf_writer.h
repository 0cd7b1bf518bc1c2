// Internal to app/report (only pdf*.cpp include it): the libharu document
// the PDF renderer draws on. It owns the HPDF_Doc, turns libharu's error
// callback into a Status, loads the embedded fonts, keeps every page so the
// footers ("Page n of N") can be drawn once N is known, and offers the few
// primitives the layout needs: measured and wrapped text, rules, boxes and
// signature strokes. Coordinates are PDF points, origin bottom left.
#pragma once

#include <hpdf.h>
// The page's content stream, which Writer fills itself (pdf_content.h).
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "report/document.h"

namespace attest::report::pdf {

struct Rgb {
  float r = 0, g = 0, b = 0;
};
constexpr bool operator==(const Rgb& a, const Rgb& b) {
  return a.r == b.r && a.g == b.g && a.b == b.b;
}
constexpr Rgb rgb(unsigned hex) {
  return {float((hex >> 16) & 0xFF) / 255.f, float((hex >> 8) & 0xFF) / 255.f,
          float(hex & 0xFF) / 255.f};
}

// The kiosk theme (DESIGN.md); every text colour is at least 5.3:1 on white.
inline constexpr Rgb kText = rgb(0x1B1F24);
inline constexpr Rgb kSecondary = rgb(0x5A6472);
inline constexpr Rgb kSuccess = rgb(0x1E7A46);
inline constexpr Rgb kWarning = rgb(0x9A5B00);
inline constexpr Rgb kDanger = rgb(0xB42318);
inline constexpr Rgb kPrimary = rgb(0x1F5FAF);
inline constexpr Rgb kRule = rgb(0xD5DAE0);
inline constexpr Rgb kHeaderFill = rgb(0xEEF1F4);

Rgb tone_colour(Tone tone);

enum class Face { kRegular, kBold };

struct PageSize {
  float width = 0, height = 0;
};

// Page furniture, in points. The running head sits above kBodyTop and the
// footer below kBodyBottom; blocks flow between them.
inline constexpr float kMarginX = 42;
inline constexpr float kBodyTop = 56;     // from the top edge
inline constexpr float kBodyBottom = 54;  // from the bottom edge
inline constexpr float kFurnitureSize = 8;
// A signature's line width; half of it is kept clear inside its box.
inline constexpr float kSignatureInk = 0.9f;

class Writer {
 public:
  Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Creates the document and embeds DejaVu Sans and DejaVu Sans Bold from
  // `font_dir`. `head` is printed at the top of every page.
  Status open(const std::string& font_dir, std::string head);
  void set_info(std::string_view title, std::string_view author);

  // The first error libharu reported; once there is one, drawing goes on
  // harmlessly and finish() returns it.
  bool failed() const { return failed_; }
  Status status() const;

  // Starts a page with its running head; the cursor goes to the body's top.
  void new_page(PageSize size);
  PageSize page_size() const { return size_; }
  float left() const { return kMarginX; }
  float width() const { return size_.width - 2 * kMarginX; }
  float body_top() const { return size_.height - kBodyTop; }
  float body_height() const { return size_.height - kBodyTop - kBodyBottom; }
  // The cursor: the y where the next block's top goes.
  float y() const { return y_; }
  void down(float dy) { y_ -= dy; }
  float room() const { return y_ - kBodyBottom; }
  bool at_top() const { return y_ >= body_top(); }

  float text_width(Face face, float size, std::string_view text) const;
  // `text` broken into lines no wider than `width`: at spaces where it can,
  // inside a word too long for a line of its own, and at every '\n'. Empty
  // text gives no lines.
  std::vector<std::string> wrap(Face face, float size, std::string_view text, float width) const;
  // The longest start of `text` that, with "…", fits `width`.
  std::string shorten(Face face, float size, std::string_view text, float width) const;

  void text(Face face, float size, Rgb colour, float x, float baseline, std::string_view text);
  void text_right(Face face, float size, Rgb colour, float right, float baseline,
                  std::string_view text);
  void text_centred(Face face, float size, Rgb colour, float centre, float baseline,
                    std::string_view text);
  void line(float x0, float y0, float x1, float y1, float line_width, Rgb colour);
  void fill_rect(float x, float y, float w, float h, Rgb colour);
  void stroke_rect(float x, float y, float w, float h, float line_width, Rgb colour);
  // Draws `s` fitted into the box whose top-left corner is (x, top).
  void signature(const Strokes& s, float x, float top, float w, float h);

  // Draws every page's footer and hands the file to `sink` in pieces.
  using Sink = std::function<Status(std::string_view)>;
  Status finish(std::string_view footer_left, const Sink& sink);

 private:
  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);
  HPDF_Font load_font(const std::string& path);
  Status status_for(const std::string& font_path) const;
  std::string problem() const;  // what libharu said, in words and numbers
  HPDF_Font font(Face face) const { return face == Face::kBold ? bold_ : regular_; }
  // A glyph's advance in 1/1000 em, looked up in the font once per face and
  // character: libharu finds a TrueType glyph by a linear search, and
  // measuring text for layout asks for the same few hundred characters
  // again and again.
  int glyph_width(Face face, char32_t code_point) const;
  // Operators only where the page's state changes: a table's cells share
  // one text object, font and colour, where writing each cell's own would
  // triple the page's content.
  void set_font(Face face, float size);
  void set_colour(std::optional<Rgb>& current, Rgb colour, const char* op);
  void set_fill(Rgb colour);
  void set_stroke(Rgb colour, float line_width);
  void begin_text();
  void end_text();  // before any path, and before leaving the page
  // Hands what content_ holds to libharu's stream for page_, which
  // deflates it when the file is written.
  void flush_content();

  struct FreeDoc {
    void operator()(HPDF_Doc d) const { HPDF_Free(d); }
  };
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, FreeDoc> doc_;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  mutable std::vector<int> widths_[2];  // by face, then code point (BMP); -1: not looked up
  std::string running_head_;
  std::vector<HPDF_Page> pages_;
  HPDF_Page page_ = nullptr;
  // What page_'s content has set so far; a page starts with none of it.
  struct PageState {
    HPDF_Font font = nullptr;
    float font_size = 0;
    std::optional<Rgb> fill, stroke;
    float line_width = -1;
    bool in_text = false;
    // Where the text object's current line starts, in thousandths of a
    // point: each text moves from here with a short "dx dy Td", and since
    // the move is worked out from what was written, rounding never adds up.
    long long line_x = 0, line_y = 0;
  };
  PageState state_;
  std::string content_;  // page_'s operators not yet handed to libharu
  PageSize size_;
  float y_ = 0;
  bool failed_ = false;
  HPDF_STATUS error_no_ = 0;
  HPDF_STATUS detail_no_ = 0;
};

}  // namespace attest::report::pdf
