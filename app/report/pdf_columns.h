// Internal to app/report: how wide a PDF table's columns are, what size
// its text is, and which columns share a page. Column::weight says how the
// width is shared; a column whose longest ordinary word would not fit
// borrows from columns with room to spare, and only when that is not
// enough does the whole table get smaller (9 pt down to 7 pt, in half
// points), so "Workstation" or "overdue" stay whole words. A table with
// key columns (a compliance matrix: Person, Role, then many modules) is
// never shrunk that way: when its columns do not all fit at a readable
// width it is split into column groups, each repeating the key columns.
#pragma once

#include <cstddef>
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

// Columns [first, end) of a table, printed beside its key columns, each
// column_width wide.
struct ColumnGroup {
  size_t first = 0;
  size_t end = 0;
  float column_width = 0;
};

// How a table's columns are spread over pages: as few groups as keep every
// column of a keyed table readable (header words whole, each short cell on
// at most two lines at kTableSize), their sizes differing by one at most.
// The columns after the key columns are alike (a module each), so within a
// group they are equally wide: the matrix reads as a grid. A table without
// key columns, or whose columns all fit, is one group that plan_table lays
// out.
struct ColumnLayout {
  std::vector<ColumnGroup> groups;
  // When split: the key columns' widths, the same in every group so each
  // row starts alike on every page. Empty: plan_table decides.
  std::vector<float> key_widths;
  bool split() const { return groups.size() > 1; }
};

ColumnLayout column_layout(const Writer& w, const Table& t);

// The plan for `part`: a table's key columns and `group`'s columns.
TablePlan plan_group(const Writer& w, const ColumnLayout& layout, const ColumnGroup& group,
                     const Table& part);

}  // namespace attest::report::pdf
