// A Document as one self-contained HTML5 file: UTF-8, inline CSS, no
// scripts and no external resources, so it opens the same from an evidence
// bundle on an auditor's laptop with no network, on a phone, and on paper
// (print styles repeat table headers and put each certificate on a page).
// Every piece of text is escaped; tones are shown as colour and the cell's
// text says the same thing. A table too wide for the screen scrolls
// sideways with its key columns (Person, Role) held in view
// (html_columns.h); a date in a cell is never broken at its hyphens.
// Signatures are inline SVG paths. The same document gives the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "report/document.h"

namespace attest::report {

std::string to_html(const Document& doc);
// The same, handed to `spill` a megabyte or so at a time.
void to_html(const Document& doc, const Spill& spill);

// The same report as a piece of a page that has its own head and <main>:
// the header, the blocks and the footer, for the style html_style() holds.
std::string to_html_fragment(const Document& doc);
std::string_view html_style();
// One table as a report draws it, for a page that shows it on its own.
std::string to_html_table(const Table& table);

// `text` with & < > " ' escaped and invalid UTF-8 replaced, safe in element
// content and in quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace attest::report
