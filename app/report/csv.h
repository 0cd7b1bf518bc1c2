// CSV (RFC 4180) of a document's main table: a header row, then one record
// per row, CRLF line ends, a field quoted when it holds a comma, quote, CR
// or LF, quotes doubled. UTF-8, no byte-order mark. The same document gives
// the same bytes, so a CSV in an evidence bundle can be checked by
// regenerating it from the events.
#pragma once

#include <string>

#include "report/document.h"

namespace attest::report {

std::string to_csv(const Document& doc);
// The same, handed to `spill` a megabyte or so at a time.
void to_csv(const Document& doc, const Spill& spill);
std::string csv_field(const std::string& text);

}  // namespace attest::report
