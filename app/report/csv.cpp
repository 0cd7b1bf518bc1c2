#include "report/csv.h"

namespace attest::report {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

void append_record(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

namespace {

void write_csv(std::string& out, const Document& doc, const Spill* spill) {
  const Table* t = doc.main_table();
  if (!t) return;
  std::vector<std::string> fields;
  for (const auto& c : t->columns) fields.push_back(c.name);
  append_record(out, fields);
  for (const auto& row : t->rows) {
    fields.clear();
    for (const auto& cell : row) fields.push_back(cell.text);
    append_record(out, fields);
    if (spill && out.size() >= kSpillAt) (*spill)(out);
  }
}

}  // namespace

std::string to_csv(const Document& doc) {
  std::string out;
  write_csv(out, doc, nullptr);
  return out;
}

void to_csv(const Document& doc, const Spill& spill) {
  std::string out;
  write_csv(out, doc, &spill);
  if (!out.empty()) spill(out);
}

}  // namespace attest::report
