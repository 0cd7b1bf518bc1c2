// Line-level text helpers shared by the item parser and the catalog's
// cross-file checks. Internal to app/content: nothing outside includes this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attest::content {

// Splits a file into lines the way every error message counts them: line N is
// element N-1. A leading UTF-8 byte-order mark is dropped (editors on Windows
// add one) and a trailing '\r' is stripped so CRLF files parse like LF ones.
std::vector<std::string_view> split_lines(std::string_view text);

// Quotes text for an error message, cut short so a stray paragraph does not
// flood the error list.
std::string in_quotes(std::string_view s);

// Spaces and tabs off both ends.
std::string_view trim(std::string_view s);

// The offset of the first byte that is not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included), or npos if none.
std::size_t first_invalid_utf8(std::string_view text);

// The 1-based line of `key:` in the front matter, or 0. The catalog uses it to
// point a cross-file error at the line a writer has to change.
int front_matter_line(std::string_view text, std::string_view key);

}  // namespace attest::content
