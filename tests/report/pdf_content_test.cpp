// The PDF content operators written without libharu's page functions.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "report/pdf_content.h"

using namespace attest::report::pdf;

namespace {

std::string number(double v) {
  std::string out;
  append_number(out, v);
  return out;
}

std::string cids(std::string_view text) {
  std::string out;
  append_cid_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("PDF numbers: rounded to a thousandth, no exponent, no trailing zeros") {
  CHECK(number(0) == "0 ");
  CHECK(number(12) == "12 ");
  CHECK(number(12.5) == "12.5 ");
  CHECK(number(539.26001) == "539.26 ");
  CHECK(number(0.35294) == "0.353 ");
  CHECK(number(-0.04) == "-0.04 ");
  CHECK(number(-0.0004) == "0 ");  // no "-0"
  CHECK(number(0.0996) == "0.1 ");
  CHECK(number(1e-9) == "0 ");
  CHECK(number(123456.789) == "123456.789 ");
  CHECK(number(792) == "792 ");
}

TEST_CASE("PDF text: one big-endian 16-bit code per character, in a literal string") {
  using namespace std::string_literals;
  CHECK(cids("") == "()");
  CHECK(cids("Hi") == "(\0H\0i)"s);
  CHECK(cids("Zoë ✓") == "(\0Z\0o\0\xEB\0 \x27\x13)"s);
  // Outside the Basic Multilingual Plane: the replacement character.
  CHECK(cids("\xF0\x9F\x98\x80") == "(\xFF\xFD)"s);
  // The bytes a literal string must escape, wherever they fall in a code:
  // parentheses and backslash, and CR, which a reader would take as LF.
  CHECK(cids("(a\\b)") == "(\0\\(\0a\0\\\\\0b\0\\))"s);
  CHECK(cids("\u0D28") == "(\\r\\()"s);    // Malayalam NA: 0D 28
  CHECK(cids("\u0A5C") == "(\\n\\\\)"s);  // Gurmukhi RRA: 0A 5C
}

TEST_CASE("PDF ToUnicode CMap: every 16-bit code outside the surrogates maps to itself") {
  const std::string cmap = identity_to_unicode_cmap();
  CHECK(cmap.find("cidrange") == std::string::npos);
  CHECK(cmap.find("<0000> <00FF> <0000>\n") != std::string::npos);
  CHECK(cmap.find("<2700> <27FF> <2700>\n") != std::string::npos);  // ✓ U+2713
  CHECK(cmap.find("<FF00> <FFFF> <FF00>\n") != std::string::npos);  // U+FFFD
  CHECK(cmap.find("<D800>") == std::string::npos);
  // 248 ranges in blocks of at most 100, each block's count right.
  static constexpr std::string_view kBegin = " beginbfrange\n";
  size_t ranges = 0, at = 0, blocks = 0;
  while ((at = cmap.find(kBegin, at)) != std::string::npos) {
    const size_t line_start = cmap.rfind('\n', at) + 1;
    const size_t declared = std::stoul(cmap.substr(line_start, at - line_start));
    const size_t first = at + kBegin.size();
    const size_t end = cmap.find("endbfrange", first);
    REQUIRE(end != std::string::npos);
    const auto lines = size_t(std::count(cmap.begin() + long(first), cmap.begin() + long(end), '\n'));
    CHECK(declared == lines);
    CHECK(declared <= 100);
    ranges += declared;
    ++blocks;
    at = end;
  }
  CHECK(ranges == 248);
  CHECK(blocks == 3);
}
