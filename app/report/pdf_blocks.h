// Internal to app/report: how the PDF renderer lays out the blocks that
// need more than a few wrapped lines. Each draws from the Writer's cursor
// and adds pages as it goes.
#pragma once

#include "report/document.h"
#include "report/pdf_writer.h"

namespace attest::report::pdf {

// The height of the header row (and caption) plus the first row: what must
// fit below a heading for the heading not to be left alone at a page's foot.
float table_lead_height(const Writer& w, const Table& t);

// The table at the full body width, columns shared by weight, cells wrapped;
// a row that does not fit goes to a new page (same size) under a repeated
// header row. A keyed table too wide to read (pdf_columns.h) is drawn one
// column group after another, each under its caption, all of them breaking
// their pages at the same rows.
void draw_table(Writer& w, const Table& t);

// A framed certificate of completion on a new portrait page of `size`.
void draw_certificate(Writer& w, PageSize size, const std::string& practice, const Certificate& c);

}  // namespace attest::report::pdf
