#include "content/front_matter.h"

#include <algorithm>
#include <array>

#include "content/lines.h"

namespace attest::content {

namespace {

constexpr std::array<Kind, 4> kKinds = {Kind::kModule, Kind::kQuiz, Kind::kPolicy, Kind::kReminder};
constexpr std::array<std::string_view, 4> kPlurals = {"modules", "quizzes", "policies",
                                                      "reminders"};

// Which kinds must carry each key and which may. A key on the wrong kind is an
// error rather than ignored: a `pass_mark` on a module is a writer's mistake
// that would otherwise change nothing, silently.
struct KeyRule {
  std::string_view key;
  std::string_view required;  // kinds by initial: m(odule) q(uiz) p(olicy) r(eminder)
  std::string_view allowed;
  bool requires_on(std::size_t kind) const { return required.find("mqpr"[kind]) != required.npos; }
  bool allowed_on(std::size_t kind) const { return allowed.find("mqpr"[kind]) != allowed.npos; }
};

// "mqpr"[kind] above relies on the enum's order.
static_assert(static_cast<int>(Kind::kModule) == 0 && static_cast<int>(Kind::kQuiz) == 1 &&
              static_cast<int>(Kind::kPolicy) == 2 && static_cast<int>(Kind::kReminder) == 3);

constexpr std::array<KeyRule, 12> kRules = {{
    {"kind", "mqpr", "mqpr"},
    {"id", "mqpr", "mqpr"},
    {"version", "mqpr", "mqpr"},
    {"title", "mqpr", "mqpr"},
    {"effective", "mp", "mqpr"},
    {"cfr", "mp", "mqpr"},
    {"roles", "mp", "mqpr"},
    {"retrain_days", "", "mp"},
    {"quiz", "", "m"},
    {"module", "q", "q"},
    {"pass_mark", "q", "q"},
    {"order", "", "mp"},
}};

const KeyRule* rule_for(std::string_view key) {
  for (const auto& rule : kRules) {
    if (rule.key == key) return &rule;
  }
  return nullptr;
}

std::string key_list() {
  std::string out;
  for (const auto& rule : kRules) {
    if (!out.empty()) out += ", ";
    out += rule.key;
  }
  return out;
}

bool is_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Digits only, at most nine of them so the value always fits an int.
std::optional<int> whole_number(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<Kind> kind_from_name(std::string_view name) {
  for (Kind k : kKinds) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::string allowed_kinds(const KeyRule& rule) {
  std::string out;
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    if (!rule.allowed_on(k)) continue;
    if (!out.empty()) out += " and ";
    out += kPlurals[k];
  }
  return out;
}

void parse_roles(const Field& f, Item& item, const Problems& problems) {
  std::vector<std::string> roles;
  std::string_view rest = f.value;
  while (true) {
    std::size_t comma = rest.find(',');
    std::string_view role = trim(rest.substr(0, comma));
    if (role.empty()) {
      problems.add(f.line,
                   "'roles' has an empty entry; separate role names with single "
                   "commas, like 'front-desk, clinical'");
      return;
    }
    if (!is_id(role)) {
      problems.add(f.line,
                   "role " + in_quotes(role) + " must use only lowercase letters, digits and '-'");
      return;
    }
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
      problems.add(f.line, "role " + in_quotes(role) + " is listed twice");
      return;
    }
    roles.emplace_back(role);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (roles.size() > 1 && std::find(roles.begin(), roles.end(), "all") != roles.end()) {
    problems.add(f.line, "'all' already means every role; list either 'all' or the roles");
    return;
  }
  item.roles = std::move(roles);
}

void apply_value(std::string_view key, const Field& f, Item& item, const Problems& problems) {
  const std::string v(f.value);
  if (key == "id" || key == "quiz" || key == "module") {
    if (!is_id(v)) {
      problems.add(f.line, "'" + std::string(key) +
                               "' must use only lowercase letters, digits and '-', not " +
                               in_quotes(v));
    } else if (key == "id") {
      item.id = v;
    } else if (key == "quiz") {
      item.quiz_id = v;
    } else {
      item.module_id = v;
    }
  } else if (key == "version") {
    auto n = whole_number(v);
    if (!n || *n < 1) {
      problems.add(f.line, "'version' must be a positive whole number, not " + in_quotes(v));
    } else {
      item.version = *n;
    }
  } else if (key == "title") {
    item.title = v;
  } else if (key == "effective") {
    auto date = parse_date(v);
    if (!date) {
      problems.add(f.line,
                   "'effective' must be a real date written YYYY-MM-DD, not " + in_quotes(v));
    } else {
      item.effective = *date;
    }
  } else if (key == "cfr") {
    item.cfr = v;
  } else if (key == "roles") {
    parse_roles(f, item, problems);
  } else if (key == "retrain_days") {
    auto n = whole_number(v);
    if (!n) {
      problems.add(f.line, "'retrain_days' must be a whole number of days (0 for never), not " +
                               in_quotes(v));
    } else {
      item.retrain_days = *n;
    }
  } else if (key == "order") {
    auto n = whole_number(v);
    if (!n) {
      problems.add(f.line, "'order' must be a whole number (lower comes first), not " +
                               in_quotes(v));
    } else {
      item.order = *n;
    }
  } else if (key == "pass_mark") {
    auto n = whole_number(v);
    if (!n || *n < 1 || *n > 100) {
      problems.add(f.line, "'pass_mark' must be a whole number from 1 to 100, not " + in_quotes(v));
    } else {
      item.pass_mark = *n;
    }
  }
}

}  // namespace

std::optional<FrontMatter> read_front_matter(const std::vector<std::string_view>& lines,
                                             const Problems& problems) {
  if (lines.empty()) {
    problems.add(0, "the file is empty; it must start with a '---' front matter block");
    return std::nullopt;
  }
  if (lines[0] != "---") {
    problems.add(1, "the file must start with a '---' line opening the front matter, not " +
                        in_quotes(lines[0]));
    return std::nullopt;
  }
  // Find the end first: without it every body line would be misread as a
  // bad 'key: value' line, burying the one real mistake.
  std::size_t close = 1;
  while (close < lines.size() && lines[close] != "---") ++close;
  if (close == lines.size()) {
    problems.add(1,
                 "the front matter opened here is never closed; add a '---' line after "
                 "the last 'key: value' line");
    return std::nullopt;
  }
  FrontMatter fm;
  for (std::size_t i = 1; i < close; ++i) {
    const int n = static_cast<int>(i + 1);
    std::string_view line = trim(lines[i]);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      problems.add(n, "expected 'key: value' in the front matter, not " + in_quotes(line));
      continue;
    }
    std::string_view key = trim(line.substr(0, colon));
    Field field{trim(line.substr(colon + 1)), n};
    if (!rule_for(key)) {
      problems.add(n, "unknown key " + in_quotes(key) + "; the keys are " + key_list());
    } else if (auto it = fm.fields.find(key); it != fm.fields.end()) {
      problems.add(n, in_quotes(key) + " is given twice (first on line " +
                          std::to_string(it->second.line) + ")");
    } else {
      // An empty value is kept (so it does not also count as missing) but
      // reported here, once.
      if (field.value.empty()) problems.add(n, in_quotes(key) + " has no value");
      fm.fields.emplace(std::string(key), field);
    }
  }
  fm.close_line = static_cast<int>(close + 1);
  fm.body_start = close + 1;
  return fm;
}

bool apply_front_matter(const FrontMatter& fm, Item& item, const Problems& problems) {
  auto kind_field = fm.fields.find("kind");
  if (kind_field == fm.fields.end()) {
    problems.add(fm.close_line,
                 "missing required key 'kind' (one of module, quiz, policy, reminder)");
    return false;
  }
  const Field& kf = kind_field->second;
  if (kf.value.empty()) return false;  // reported when read
  auto kind = kind_from_name(kf.value);
  if (!kind) {
    problems.add(kf.line, "'kind' must be one of module, quiz, policy, reminder, not " +
                              in_quotes(kf.value));
    return false;
  }
  item.kind = *kind;
  const auto k = static_cast<std::size_t>(*kind);

  for (const auto& rule : kRules) {
    if (rule.requires_on(k) && !fm.fields.contains(rule.key)) {
      problems.add(fm.close_line, "missing required key '" + std::string(rule.key) + "' (every " +
                                      std::string(kind_name(*kind)) + " needs one)");
    }
  }
  for (const auto& [key, field] : fm.fields) {
    const KeyRule* rule = rule_for(key);
    if (!rule->allowed_on(k)) {
      problems.add(field.line, "'" + key + "' is for " + allowed_kinds(*rule) +
                                   " only, and this file is a " + std::string(kind_name(*kind)));
    } else if (!field.value.empty() && key != "kind") {
      apply_value(key, field, item, problems);
    }
  }
  // Absent only where optional (quizzes, reminders): shown to everyone.
  if (!fm.fields.contains("roles")) item.roles = {"all"};
  return true;
}

}  // namespace attest::content
