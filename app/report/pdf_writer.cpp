#include "report/pdf_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "report/pdf_content.h"
#include "report/signature_fit.h"
#include "report/text.h"

namespace attest::report::pdf {

namespace {

// Printable ASCII, which drawable() leaves as it is: nearly every cell.
bool plain_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// What the fonts can show through 16-bit codes: valid UTF-8 within the
// Basic Multilingual Plane, no control characters (a tab or a stray CR
// would print as a box).
std::string drawable(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](char32_t cp, std::string_view bytes) {
    if (cp < 0x20 || cp == 0x7F) {
      out += ' ';
    } else if (cp > 0xFFFF || (cp == 0xFFFD && bytes.size() == 1)) {
      append_utf8(out, 0xFFFD);
    } else {
      out += bytes;
    }
  });
  return out;
}

const char* error_name(HPDF_STATUS code) {
  switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "file I/O error";
    case HPDF_FILE_OPEN_ERROR: return "cannot open file";
    case HPDF_INVALID_FONT_NAME: return "invalid font name";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font does not allow embedding";
    case HPDF_TTF_INVALID_CMAP: return "the font has an invalid cmap table";
    case HPDF_TTF_INVALID_FOMAT: return "the font file is not a TrueType font";
    case HPDF_TTF_MISSING_TABLE: return "the font file lacks a required table";
    case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
    case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
    case HPDF_INVALID_ENCODER: return "invalid encoder";
    case HPDF_ZLIB_ERROR: return "compression failed";
    default: return "libharu error";
  }
}

}  // namespace

Rgb tone_colour(Tone tone) {
  switch (tone) {
    case Tone::kGood: return kSuccess;
    case Tone::kWarn: return kWarning;
    case Tone::kBad: return kDanger;
    case Tone::kMuted: return kSecondary;
    case Tone::kPlain: break;
  }
  return kText;
}

void Writer::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* self = static_cast<Writer*>(user_data);
  // Reading the finished file reports its end as an error; it is not one.
  if (error_no == HPDF_STREAM_EOF) return;
  // Later errors are usually consequences of the first; keep the first.
  if (self->failed_) return;
  self->failed_ = true;
  self->error_no_ = error_no;
  self->detail_no_ = detail_no;
}

std::string Writer::problem() const {
  char code[64];
  std::snprintf(code, sizeof code, " (libharu 0x%04X, detail %u)", unsigned(error_no_),
                unsigned(detail_no_));
  return error_name(error_no_) + std::string(code);
}

Status Writer::status() const {
  if (!failed_) return {};
  return make_error(ErrorCode::kInternal, "cannot render the PDF: " + problem());
}

Status Writer::open(const std::string& font_dir, std::string head) {
  running_head_ = std::move(head);
  const std::filesystem::path dir(font_dir);
  const std::filesystem::path regular = dir / "DejaVuSans.ttf";
  const std::filesystem::path bold = dir / "DejaVuSans-Bold.ttf";
  for (const auto& p : {regular, bold}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      return make_error(ErrorCode::kNotFound, "cannot render the PDF: font " + p.string() +
                                                  " is missing (Debian package fonts-dejavu-core)");
    }
  }
  doc_.reset(HPDF_New(&Writer::on_error, this));
  if (!doc_) return make_error(ErrorCode::kInternal, "cannot render the PDF: HPDF_New failed");
  HPDF_Doc d = doc_.get();
  HPDF_SetCompressionMode(d, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(d);
  HPDF_SetCurrentEncoder(d, "UTF-8");
  TRY_STATUS(status());
  regular_ = load_font(regular.string());
  TRY_STATUS(status_for(regular.string()));
  bold_ = load_font(bold.string());
  TRY_STATUS(status_for(bold.string()));
  return {};
}

HPDF_Font Writer::load_font(const std::string& path) {
  // Embedded (HPDF_TRUE): the reader's fonts must not decide how a name prints.
  const char* name = HPDF_LoadTTFontFromFile(doc_.get(), path.c_str(), HPDF_TRUE);
  HPDF_Font f = name ? HPDF_GetFont(doc_.get(), name, "UTF-8") : nullptr;
  if (!f || failed_) return f;
  // libharu's ToUnicode CMap is malformed (pdf_content.h); write a right one.
  auto* to_unicode = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(f, "ToUnicode", HPDF_OCLASS_DICT));
  if (to_unicode && to_unicode->stream) {
    static const std::string cmap = identity_to_unicode_cmap();
    HPDF_MemStream_FreeData(to_unicode->stream);
    HPDF_Stream_Write(to_unicode->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                      HPDF_UINT(cmap.size()));
  }
  return f;
}

Status Writer::status_for(const std::string& font_path) const {
  if (!failed_) return {};
  return make_error(ErrorCode::kCorrupt,
                    "cannot render the PDF: cannot load font " + font_path + ": " + problem());
}

void Writer::set_info(std::string_view title, std::string_view author) {
  HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_TITLE, drawable(title).c_str());
  HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_AUTHOR, drawable(author).c_str());
  HPDF_SetInfoAttr(doc_.get(), HPDF_INFO_CREATOR, "Attest");
  // No creation date: the same document then gives the same bytes.
}

void Writer::flush_content() {
  if (!page_) return;
  end_text();
  if (content_.empty()) return;
  auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
  if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(content_.data()),
                        HPDF_UINT(content_.size())) != HPDF_OK &&
      !failed_) {
    failed_ = true;
    error_no_ = HPDF_FILE_IO_ERROR;
  }
  content_.clear();
}

void Writer::new_page(PageSize size) {
  flush_content();
  page_ = HPDF_AddPage(doc_.get());
  state_ = {};
  if (!page_) return;
  pages_.push_back(page_);
  size_ = size;
  HPDF_Page_SetWidth(page_, size.width);
  HPDF_Page_SetHeight(page_, size.height);
  const float baseline = size.height - 34;
  text(Face::kRegular, kFurnitureSize, kSecondary, left(), baseline,
       shorten(Face::kRegular, kFurnitureSize, running_head_, width()));
  line(left(), baseline - 6, left() + width(), baseline - 6, 0.5f, kRule);
  y_ = body_top();
}

int Writer::glyph_width(Face face, char32_t code_point) const {
  if (code_point > 0xFFFF) return HPDF_Font_GetUnicodeWidth(font(face), HPDF_UNICODE(0xFFFD));
  std::vector<int>& widths = widths_[face == Face::kBold ? 1 : 0];
  if (widths.empty()) widths.assign(0x10000, -1);
  int& w = widths[code_point];
  if (w < 0) w = HPDF_Font_GetUnicodeWidth(font(face), HPDF_UNICODE(code_point));
  return w;
}

float Writer::text_width(Face face, float size, std::string_view s) const {
  if (s.empty() || !font(face)) return 0;
  int64_t width = 0;
  if (plain_ascii(s)) {
    for (char c : s) width += glyph_width(face, char32_t(c));
  } else {
    for_each_code_point(drawable(s), [&](char32_t cp, std::string_view) { width += glyph_width(face, cp); });
  }
  return float(width) * size / 1000.f;
}

std::vector<std::string> Writer::wrap(Face face, float size, std::string_view text,
                                      float max_width) const {
  std::vector<std::string> lines;
  // A trailing newline someone typed is not a blank line worth a row's height.
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.empty()) return lines;
  const float space = text_width(face, size, " ");
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string para = drawable(text.substr(start, end - start));
    std::string current;
    float current_w = 0;
    size_t i = 0;
    while (i < para.size()) {
      if (para[i] == ' ') {
        ++i;
        continue;
      }
      size_t j = para.find(' ', i);
      if (j == std::string::npos) j = para.size();
      const std::string word = para.substr(i, j - i);
      i = j;
      const float word_w = text_width(face, size, word);
      if (!current.empty() && current_w + space + word_w <= max_width) {
        current += ' ' + word;
        current_w += space + word_w;
        continue;
      }
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      current_w = 0;
      if (word_w <= max_width) {
        current = word;
        current_w = word_w;
        continue;
      }
      // A word wider than the line (a citation, a hash, a long e-mail
      // address): break it after a ')', '/' or '-' where one falls
      // ("164.308(a)(5)(ii)" then "(D)"), else between characters, rather
      // than let it run into the next column.
      std::vector<std::string> pieces(1);
      for_each_code_point(word, [&](char32_t cp, std::string_view ch) {
        pieces.back() += ch;
        if (cp == ')' || cp == '/' || cp == '-') pieces.emplace_back();
      });
      for (const std::string& piece : pieces) {
        if (piece.empty()) continue;
        const float piece_w = text_width(face, size, piece);
        if (current_w + piece_w <= max_width) {
          current += piece;
          current_w += piece_w;
          continue;
        }
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        current_w = 0;
        if (piece_w <= max_width) {
          current = piece;
          current_w = piece_w;
          continue;
        }
        for_each_code_point(piece, [&](char32_t, std::string_view ch) {
          const float ch_w = text_width(face, size, ch);
          if (!current.empty() && current_w + ch_w > max_width) {
            lines.push_back(std::move(current));
            current.clear();
            current_w = 0;
          }
          current += ch;
          current_w += ch_w;
        });
      }
    }
    lines.push_back(std::move(current));
    start = end + 1;
  }
  return lines;
}

std::string Writer::shorten(Face face, float size, std::string_view s, float max_width) const {
  const std::string t = drawable(s);
  if (text_width(face, size, t) <= max_width) return t;
  const float ellipsis = text_width(face, size, "…");
  std::string out;
  float w = 0;
  bool full = false;
  for_each_code_point(t, [&](char32_t, std::string_view ch) {
    const float ch_w = text_width(face, size, ch);
    if (full || w + ch_w + ellipsis > max_width) {
      full = true;
      return;
    }
    out += ch;
    w += ch_w;
  });
  return out + "…";
}

void Writer::set_font(Face face, float size) {
  if (state_.font == font(face) && state_.font_size == size) return;
  // Also puts the font in the page's resources.
  const char* name = HPDF_Page_GetLocalFontName(page_, font(face));
  if (!name) return;
  content_ += '/';
  content_ += name;
  content_ += ' ';
  append_number(content_, size);
  content_ += "Tf\n";
  state_.font = font(face);
  state_.font_size = size;
}

void Writer::set_colour(std::optional<Rgb>& current, Rgb c, const char* op) {
  if (current == c) return;
  append_number(content_, c.r);
  append_number(content_, c.g);
  append_number(content_, c.b);
  content_ += op;
  current = c;
}

void Writer::set_fill(Rgb c) { set_colour(state_.fill, c, "rg\n"); }

void Writer::set_stroke(Rgb c, float line_width) {
  if (state_.line_width != line_width) {
    append_number(content_, line_width);
    content_ += "w\n";
    state_.line_width = line_width;
  }
  set_colour(state_.stroke, c, "RG\n");
}

void Writer::begin_text() {
  if (state_.in_text) return;
  content_ += "BT\n";
  state_.in_text = true;
  state_.line_x = state_.line_y = 0;
}

void Writer::end_text() {
  if (!page_ || !state_.in_text) return;
  content_ += "ET\n";
  state_.in_text = false;
}

void Writer::text(Face face, float size, Rgb c, float x, float baseline, std::string_view s) {
  if (!page_ || s.empty() || !font(face)) return;
  const std::string t = drawable(s);
  // Measured once for each character, which also marks its glyph as used:
  // libharu embeds only the glyphs it has been asked about.
  for_each_code_point(t, [&](char32_t cp, std::string_view) { glyph_width(face, cp); });
  begin_text();
  set_font(face, size);
  set_fill(c);
  const long long to_x = std::llround(double(x) * 1000), to_y = std::llround(double(baseline) * 1000);
  append_number(content_, double(to_x - state_.line_x) / 1000);
  append_number(content_, double(to_y - state_.line_y) / 1000);
  content_ += "Td ";
  state_.line_x = to_x;
  state_.line_y = to_y;
  append_cid_string(content_, t);
  content_ += " Tj\n";
}

void Writer::text_right(Face face, float size, Rgb c, float right, float baseline,
                        std::string_view s) {
  text(face, size, c, right - text_width(face, size, s), baseline, s);
}

void Writer::text_centred(Face face, float size, Rgb c, float centre, float baseline,
                          std::string_view s) {
  text(face, size, c, centre - text_width(face, size, s) / 2, baseline, s);
}

void Writer::line(float x0, float y0, float x1, float y1, float line_width, Rgb c) {
  if (!page_) return;
  end_text();
  set_stroke(c, line_width);
  append_number(content_, x0);
  append_number(content_, y0);
  content_ += "m ";
  append_number(content_, x1);
  append_number(content_, y1);
  content_ += "l S\n";
}

namespace {

void append_rect(std::string& out, float x, float y, float w, float h) {
  append_number(out, x);
  append_number(out, y);
  append_number(out, w);
  append_number(out, h);
  out += "re ";
}

}  // namespace

void Writer::fill_rect(float x, float y, float w, float h, Rgb c) {
  if (!page_) return;
  end_text();
  set_fill(c);
  append_rect(content_, x, y, w, h);
  content_ += "f\n";
}

void Writer::stroke_rect(float x, float y, float w, float h, float line_width, Rgb c) {
  if (!page_) return;
  end_text();
  set_stroke(c, line_width);
  append_rect(content_, x, y, w, h);
  content_ += "S\n";
}

void Writer::signature(const Strokes& s, float x, float top, float w, float h) {
  const auto drawn = [](const auto& stroke) { return !stroke.empty(); };
  if (!page_ || std::none_of(s.strokes.begin(), s.strokes.end(), drawn)) return;
  const SignatureFit fit = fit_signature(s, w, h, kSignatureInk / 2);
  end_text();
  // Round ends and joins (1 J, 1 j): a pen's line, and a one-point stroke
  // (a tap, the dot of an i) still shows as a dot. They stay inside q … Q,
  // and so does what is known of the state.
  const PageState before = state_;
  content_ += "q 1 J 1 j\n";
  set_stroke(kText, kSignatureInk);
  for (const auto& stroke : s.strokes) {
    if (stroke.empty()) continue;
    // Pad y grows downwards, PDF y upwards.
    auto point = [&](std::pair<int, int> p, const char* op) {
      append_number(content_, x + fit.x0 + p.first * fit.scale);
      append_number(content_, top - (fit.y0 + p.second * fit.scale));
      content_ += op;
    };
    point(stroke[0], "m ");
    for (size_t i = stroke.size() == 1 ? 0 : 1; i < stroke.size(); ++i) point(stroke[i], "l ");
    content_ += '\n';
  }
  content_ += "S Q\n";
  state_ = before;
}

Status Writer::finish(std::string_view footer_left, const Sink& sink) {
  const std::string total = std::to_string(pages_.size());
  flush_content();
  for (size_t i = 0; i < pages_.size(); ++i) {
    page_ = pages_[i];
    state_ = {};
    size_.width = HPDF_Page_GetWidth(page_);
    size_.height = HPDF_Page_GetHeight(page_);
    const std::string number = "Page " + std::to_string(i + 1) + " of " + total;
    const float number_w = text_width(Face::kRegular, kFurnitureSize, number);
    const float baseline = 30;
    line(left(), baseline + 12, left() + width(), baseline + 12, 0.5f, kRule);
    text(Face::kRegular, kFurnitureSize, kSecondary, left(), baseline,
         shorten(Face::kRegular, kFurnitureSize, footer_left, width() - number_w - 24));
    text_right(Face::kRegular, kFurnitureSize, kSecondary, left() + width(), baseline, number);
    flush_content();
  }
  TRY_STATUS(status());
  HPDF_SaveToStream(doc_.get());
  TRY_STATUS(status());
  // Handed on a piece at a time: a 10,000-page roster is tens of
  // megabytes, and libharu already holds it once.
  std::string piece(1 << 20, '\0');
  for (;;) {
    HPDF_UINT32 got = HPDF_UINT32(piece.size());
    const HPDF_STATUS rc = HPDF_ReadFromStream(doc_.get(), reinterpret_cast<HPDF_BYTE*>(piece.data()), &got);
    if (rc != HPDF_OK && rc != HPDF_STREAM_EOF) {
      TRY_STATUS(status());
      return make_error(ErrorCode::kInternal, "cannot render the PDF: cannot read the file back from libharu");
    }
    if (got > 0) TRY_STATUS(sink(std::string_view(piece.data(), got)));
    if (rc == HPDF_STREAM_EOF || got == 0) return {};
  }
}

}  // namespace attest::report::pdf
