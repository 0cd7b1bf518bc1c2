// Internal to app/report: how wide a PDF table's columns are and what size
// its text is. Column::weight says how the width is shared; a column whose
// longest ordinary word would not fit borrows from columns with room to
// spare, and only when that is not enough does the whole table get smaller
// (9 pt down to 7 pt, in half points), so "Workstation" or "overdue" stay
// whole words instead of breaking mid-word in a matrix of many modules.
#pragma once

#include <vector>

#include "report/document.h"
#include "report/pdf_writer.h"

namespace attest::report::pdf {

inline constexpr float kTableSize = 9;
inline constexpr float kTableMinSize = 7;
inline constexpr float kCellPadX = 4;

struct Col {
  float x = 0;
  float width = 0;
  bool numeric = false;
};

struct TablePlan {
  std::vector<Col> cols;
  float size = kTableSize;  // header and body
};

TablePlan plan_table(const Writer& w, const Table& t);

}  // namespace attest::report::pdf
