#include "report/document.h"

namespace attest::report {

const Table* Document::main_table() const {
  for (const auto& b : blocks) {
    if (b.kind == Block::Kind::kTable) return &b.table;
  }
  return nullptr;
}

void Document::heading(std::string text) {
  blocks.push_back(Block{Block::Kind::kHeading, std::move(text), {}, {}});
}

void Document::paragraph(std::string text) {
  blocks.push_back(Block{Block::Kind::kParagraph, std::move(text), {}, {}});
}

Table& Document::table(std::vector<Column> columns) {
  Block b{Block::Kind::kTable, {}, {}, {}};
  b.table.columns = std::move(columns);
  blocks.push_back(std::move(b));
  return blocks.back().table;
}

void Document::certificate(Certificate c) {
  blocks.push_back(Block{Block::Kind::kCertificate, {}, {}, std::move(c)});
}

std::string generation_line(const Document& doc) {
  std::string line = "Generated";
  if (!doc.generated_at.empty()) line += " " + doc.generated_at;
  if (!doc.generated_by.empty()) line += " by " + doc.generated_by;
  return line;
}

std::string running_head(const Document& doc) {
  if (doc.practice.empty()) return doc.title;
  if (doc.title.empty()) return doc.practice;
  return doc.practice + " · " + doc.title;
}

}  // namespace attest::report
