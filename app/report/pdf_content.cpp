#include "report/pdf_content.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

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

std::string identity_to_unicode_cmap() {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<unsigned> highs;
  for (unsigned high = 0; high < 0x100; ++high) {
    if (high < 0xD8 || high > 0xDF) highs.push_back(high);
  }
  char line[40];
  for (size_t at = 0; at < highs.size(); at += 100) {
    const size_t n = std::min<size_t>(100, highs.size() - at);
    out += std::to_string(n) + " beginbfrange\n";
    for (size_t i = at; i < at + n; ++i) {
      std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[i], highs[i], highs[i]);
      out += line;
    }
    out += "endbfrange\n";
  }
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace attest::report::pdf
