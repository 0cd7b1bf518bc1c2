// Text as the renderers receive it: names, notes and titles a person typed,
// meant to be UTF-8 but nothing upstream promises it. A stray byte must not
// make an HTML file invalid or a PDF lose a line, so each renderer passes
// its text through here first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attest::report {

// The text with every byte that is not part of valid UTF-8 (overlong forms,
// surrogates, past U+10FFFF) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// Calls f(code_point, bytes) for each character of `text`, where `bytes` is
// its encoding within `text`; a byte that is not valid UTF-8 comes as
// U+FFFD with that one byte.
template <typename F>
void for_each_code_point(std::string_view text, F&& f);

// Decodes one character at `i`; returns its length in bytes, or 0 if the
// bytes there are not valid UTF-8.
size_t decode_utf8(std::string_view text, size_t i, char32_t& code_point);

template <typename F>
void for_each_code_point(std::string_view text, F&& f) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      cp = 0xFFFD;
      n = 1;
    }
    f(cp, text.substr(i, n));
    i += n;
  }
}

void append_utf8(std::string& out, char32_t code_point);

}  // namespace attest::report
