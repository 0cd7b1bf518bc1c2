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
  blocks.push_back(Block{Block::Kind::kTable, {}, Table{std::move(columns), {}}, {}});
  return blocks.back().table;
}

void Document::certificate(Certificate c) {
  blocks.push_back(Block{Block::Kind::kCertificate, {}, {}, std::move(c)});
}

}  // namespace attest::report
