// parse_item: one file's text to an Item. The front matter is read in
// front_matter.cpp; this file checks the encoding and reads the body (a
// module's pages, a quiz's questions).
#include <algorithm>

#include "content/content.h"
#include "content/front_matter.h"
#include "content/lines.h"

namespace attest::content {

namespace {

using Lines = std::vector<std::string_view>;

int line_number(std::size_t index) { return static_cast<int>(index + 1); }

bool is_blank(std::string_view s) { return trim(s).empty(); }

// Lines [begin, end) joined with '\n', less blank lines at either end.
std::string join_trimmed(const Lines& lines, std::size_t begin, std::size_t end) {
  while (begin < end && is_blank(lines[begin])) ++begin;
  while (end > begin && is_blank(lines[end - 1])) --end;
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) out += '\n';
    out += lines[i];
  }
  return out;
}

// A `# ` inside a fenced code block is a shell comment, not a new page.
bool is_fence(std::string_view line) {
  std::string_view t = trim(line);
  return t.starts_with("```") || t.starts_with("~~~");
}

void parse_pages(const Lines& lines, std::size_t start, Item& item, const Problems& problems) {
  bool in_fence = false;
  bool reported_stray = false;
  std::optional<std::size_t> heading;
  auto close_page = [&](std::size_t end) {
    if (!heading) return;
    Page page{std::string(trim(lines[*heading].substr(2))), join_trimmed(lines, *heading + 1, end)};
    if (page.markdown.empty()) {
      problems.add(line_number(*heading),
                   "the page that starts here has no text under its heading");
    }
    item.pages.push_back(std::move(page));
  };
  for (std::size_t i = start; i < lines.size(); ++i) {
    if (is_fence(lines[i])) in_fence = !in_fence;
    if (!in_fence && lines[i].starts_with("# ")) {
      close_page(i);
      heading = i;
      if (is_blank(lines[i].substr(2))) {
        problems.add(line_number(i), "page heading has no title; write '# Title'");
      }
    } else if (!heading && !reported_stray && !is_blank(lines[i])) {
      // Reported once: every later line before the first heading is the
      // same mistake.
      problems.add(line_number(i),
                   "text before the first page heading; each page of a module "
                   "starts with a '# Title' line");
      reported_stray = true;
    }
  }
  close_page(lines.size());
}

struct Choice {
  bool correct = false;
  std::string_view text;
};

// `- [ ] text`, `- [x] text` or `- [X] text`.
std::optional<Choice> parse_choice(std::string_view t) {
  if (t.size() < 5 || !t.starts_with("- [") || t[4] != ']') return std::nullopt;
  if (t[3] != ' ' && t[3] != 'x' && t[3] != 'X') return std::nullopt;
  if (t.size() > 5 && t[5] != ' ') return std::nullopt;
  return Choice{t[3] != ' ', trim(t.substr(5))};
}

// Near misses get a message about choices rather than "unexpected line".
bool looks_like_choice(std::string_view t) {
  return t.starts_with("- [") || t.starts_with("-[") || t.starts_with("* [") ||
         t.starts_with("+ [") || t.starts_with("[ ]") || t.starts_with("[x]") ||
         t.starts_with("[X]");
}

struct PendingQuestion {
  Question q;
  bool has_why = false;
  int correct_line = 0;
};

void finish_question(std::optional<PendingQuestion>& pending, Item& item,
                     const Problems& problems) {
  if (!pending) return;
  Question& q = pending->q;
  if (q.choices.size() < 2) {
    problems.add(q.line, "question has " + std::to_string(q.choices.size()) +
                             (q.choices.size() == 1 ? " choice" : " choices") +
                             "; it needs at least two, written '- [ ] text'");
  }
  if (q.correct < 0) {
    problems.add(q.line, "question has no correct answer; mark exactly one choice '- [x]'");
  }
  item.questions.push_back(std::move(q));
  pending.reset();
}

void parse_questions(const Lines& lines, std::size_t start, Item& item, const Problems& problems) {
  std::optional<PendingQuestion> pending;
  for (std::size_t i = start; i < lines.size(); ++i) {
    const int n = line_number(i);
    std::string_view t = trim(lines[i]);
    if (t.empty()) continue;
    if (t.starts_with("## ")) {
      finish_question(pending, item, problems);
      pending.emplace();
      pending->q.prompt = std::string(trim(t.substr(3)));
      pending->q.line = n;
      if (pending->q.prompt.empty()) problems.add(n, "question heading has no text");
    } else if (auto choice = parse_choice(t)) {
      if (!pending) {
        problems.add(n, "choice outside a question; put a '## ' question line above it");
        continue;
      }
      Question& q = pending->q;
      if (choice->text.empty()) problems.add(n, "choice has no text");
      if (choice->correct && q.correct >= 0) {
        problems.add(n, "question already has a correct answer on line " +
                            std::to_string(pending->correct_line) +
                            "; mark exactly one choice '[x]'");
      } else if (choice->correct) {
        q.correct = static_cast<int>(q.choices.size());
        pending->correct_line = n;
      }
      q.choices.emplace_back(choice->text);
    } else if (t.starts_with("Why:")) {
      if (!pending) {
        problems.add(n, "'Why:' outside a question; it goes under the question it explains");
      } else if (pending->has_why) {
        problems.add(n, "question already has a 'Why:' line");
      } else {
        pending->has_why = true;
        pending->q.why = std::string(trim(t.substr(4)));
        if (pending->q.why.empty()) problems.add(n, "'Why:' has no text");
      }
    } else if (looks_like_choice(t)) {
      problems.add(n, "malformed choice " + in_quotes(t) + "; write '- [ ] text' or '- [x] text'");
    } else if (pending) {
      problems.add(n, "unexpected line in a question: " + in_quotes(t) +
                          "; expected a choice ('- [ ] text' or '- [x] text'), 'Why: text' "
                          "or the next '## ' question");
    } else {
      problems.add(n, "text outside a question: " + in_quotes(t) +
                          "; each question starts with a '## ' line");
    }
  }
  finish_question(pending, item, problems);
}

}  // namespace

std::optional<Item> parse_item(std::string_view text, const std::filesystem::path& file,
                               std::vector<LoadError>& errors) {
  const std::size_t first_error = errors.size();
  const Problems problems{file, errors};

  // Checked before anything else: a Latin-1 file's bytes would otherwise
  // reach the kiosk's screen as mojibake, and the hash would pin them.
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    auto before = text.substr(0, bad);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = line_start == std::string_view::npos ? bad + 1 : bad - line_start;
    const uint8_t byte = static_cast<uint8_t>(text[bad]);
    problems.add(line, "the file is not valid UTF-8 (byte 0x" + hex_encode(ByteView(&byte, 1)) +
                           " at column " + std::to_string(column) + "); save it as UTF-8");
    return std::nullopt;
  }

  const Lines lines = split_lines(text);
  auto fm = read_front_matter(lines, problems);
  if (!fm) return std::nullopt;

  Item item;
  item.file = file;
  item.sha256 = crypto::sha256(as_bytes(text));  // the exact bytes, BOM and CRs included
  if (apply_front_matter(*fm, item, problems)) {
    item.body = join_trimmed(lines, fm->body_start, lines.size());
    if (item.kind == Kind::kQuiz) {
      parse_questions(lines, fm->body_start, item, problems);
      if (item.questions.empty()) {
        problems.add(fm->close_line, "the quiz has no questions; start each with a '## ' line");
      }
    } else if (item.body.empty()) {
      problems.add(fm->close_line, "the " + std::string(kind_name(item.kind)) +
                                       " has no text after the front matter");
    } else if (item.kind == Kind::kModule) {
      parse_pages(lines, fm->body_start, item, problems);
    }
  }

  if (errors.size() > first_error) {
    // Checks run key by key, not line by line; report in reading order.
    std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(first_error), errors.end(),
                     [](const LoadError& a, const LoadError& b) { return a.line < b.line; });
    return std::nullopt;
  }
  return item;
}

}  // namespace attest::content
