// Internal to app/report (pdf_writer.cpp and its test): a page's content
// stream written as PDF operators directly. libharu's page functions spend
// as long formatting each operator as the table's text costs to lay out
// (each clears a 512-byte buffer byte by byte and measures the text again
// to advance its own cursor), so a 10,000-page roster took seconds in them.
// The fonts, pages, compression and the file itself stay libharu's.
#pragma once

#include <string>
#include <string_view>

namespace attest::report::pdf {

// `v` rounded to 1/1000 and followed by a space: "12.5 ", "-0.04 ", "0 ".
// PDF numbers have no exponent, and a thousandth of a point is far below
// what any printer shows.
void append_number(std::string& out, double v);

// `text`, UTF-8 within the Basic Multilingual Plane (what drawable() in
// pdf_writer.cpp leaves), as the string an Identity-H font shows: one
// big-endian 16-bit code per character, written as a literal string, "(\0H\0i)"
// for "Hi" with the bytes themselves rather than escapes, half the size of
// the hex form. Only '(', ')', '\\' and the line-end bytes are escaped: a
// bare CR inside a literal string would be read as LF. libharu maps these
// codes to glyphs through the font's CIDToGIDMap, which it builds from
// Unicode, so the code is the code point.
void append_cid_string(std::string& out, std::string_view text);

// The ToUnicode CMap for fonts shown with append_cid_string(): every code
// is its own code point. libharu 2.3 writes one that uses cidrange where a
// ToUnicode CMap must use bfrange, which readers warn about and then guess
// from; with this one, text copied or extracted from a report is exact.
// A bfrange may not cross a change of high byte, so it is 248 ranges, one
// per high byte outside the surrogates, in blocks of at most 100.
std::string identity_to_unicode_cmap();

}  // namespace attest::report::pdf
