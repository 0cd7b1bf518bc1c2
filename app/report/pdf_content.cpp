#include "report/pdf_content.h"

#include <cmath>

#include "report/text.h"

namespace attest::report::pdf {

void append_number(std::string& out, double v) {
  long long milli = std::llround(v * 1000);
  if (milli < 0) {
    out += '-';
    milli = -milli;
  }
  out += std::to_string(milli / 1000);
  if (int frac = int(milli % 1000)) {
    char digits[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
    int n = 3;
    while (digits[n - 1] == '0') --n;
    out += '.';
    out.append(digits, size_t(n));
  }
  out += ' ';
}

void append_cid_string(std::string& out, std::string_view text) {
  auto byte = [&out](unsigned b) {
    switch (b) {
      case '(': out += "\\("; return;
      case ')': out += "\\)"; return;
      case '\\': out += "\\\\"; return;
      case '\r': out += "\\r"; return;
      case '\n': out += "\\n"; return;
      default: out += char(b);
    }
  };
  out += '(';
  for_each_code_point(text, [&](char32_t cp, std::string_view) {
    if (cp > 0xFFFF) cp = 0xFFFD;
    byte(unsigned(cp >> 8));
    byte(unsigned(cp & 0xFF));
  });
  out += ')';
}

}  // namespace attest::report::pdf
