#include "cli/roster_csv.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/time.h"

namespace attest::cli {

namespace {

// One record of RFC 4180 CSV: commas, "quoted, fields" and "" for a quote.
// Returns false on an unterminated quote.
bool split_line(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  out.push_back(std::move(field));
  return !quoted;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string role_slug(const std::string& role) {
  std::string out;
  for (char c : lower(role)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

Result<std::vector<RosterRow>> parse_roster_csv(std::string_view text, const std::string& file,
                                                bool allow_pins) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheet BOM
  auto error = [&](int line, const std::string& what) {
    return make_error(ErrorCode::kParse, file + ":" + std::to_string(line) + ": " + what);
  };
  std::vector<RosterRow> rows;
  std::map<std::string, size_t> column;
  std::set<std::string> names, ids;
  std::vector<std::string> fields;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(std::string(line)).empty()) continue;
    if (!split_line(line, fields)) return error(line_no, "a quoted field is not closed");
    for (auto& f : fields) f = trim(f);
    if (column.empty()) {
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string key = lower(fields[i]);
        static const std::set<std::string> known = {"name", "role", "hired", "id", "active", "pin"};
        if (!known.count(key)) {
          return error(line_no, "unknown column \"" + fields[i] +
                                    "\"; the columns are name, role, hired and optionally id, "
                                    "active");
        }
        if (key == "pin" && !allow_pins) {
          return error(line_no, "a pin column is only for demos (--demo-pins); real staff "
                                "choose their PIN at the kiosk with an enrollment code");
        }
        if (!column.emplace(key, i).second) return error(line_no, "column " + key + " twice");
      }
      for (const char* need : {"name", "role", "hired"}) {
        if (!column.count(need)) {
          return error(line_no, std::string("the first row must name the columns; \"") + need +
                                    "\" is missing");
        }
      }
      continue;
    }
    if (fields.size() != column.size()) {
      return error(line_no, "expected " + std::to_string(column.size()) + " fields, found " +
                                std::to_string(fields.size()));
    }
    auto get = [&](const char* key) {
      auto it = column.find(key);
      return it == column.end() ? std::string() : fields[it->second];
    };
    RosterRow r;
    r.line = line_no;
    r.name = get("name");
    r.role = role_slug(get("role"));
    r.hired = get("hired");
    r.id = get("id");
    r.pin = get("pin");
    if (r.name.empty() || r.name.size() > 80) return error(line_no, "name must be 1 to 80 characters");
    if (r.role.empty()) return error(line_no, "role is empty");
    if (!parse_date(r.hired).ok()) {
      return error(line_no, "hired must be a date like 2026-11-23, not \"" + r.hired + "\"");
    }
    if (!r.id.empty()) {
      bool ok = r.id.size() <= 40 && std::all_of(r.id.begin(), r.id.end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                });
      if (!ok) return error(line_no, "id may hold only letters, digits, - and _ (at most 40)");
      if (!ids.insert(r.id).second) return error(line_no, "id " + r.id + " appears twice");
    }
    const std::string active = lower(get("active"));
    if (active == "no" || active == "false" || active == "0" || active == "inactive") {
      r.active = false;
    } else if (!active.empty() && active != "yes" && active != "true" && active != "1" &&
               active != "active") {
      return error(line_no, "active must be yes or no, not \"" + get("active") + "\"");
    }
    if (!r.pin.empty() && (r.pin.size() < 4 || r.pin.size() > 6 ||
                           !std::all_of(r.pin.begin(), r.pin.end(), ::isdigit))) {
      return error(line_no, "pin must be 4 to 6 digits");
    }
    if (!names.insert(lower(r.name)).second) {
      return error(line_no, r.name + " appears twice; give each person one row");
    }
    rows.push_back(std::move(r));
  }
  if (column.empty()) return error(1, "the file is empty");
  return rows;
}

}  // namespace attest::cli
