// The catalog: every file under the content folder, parsed, then checked
// against each other. Parsing one file lives in parse_item.cpp.
#include "content/content.h"

#include <algorithm>
#include <system_error>

#include "base/file.h"
#include "content/lines.h"

namespace attest::content {

namespace fs = std::filesystem;

namespace {

struct Loaded {
  Item item;
  std::string text;  // kept to point cross-file errors at the right line
};

std::string describe(const Item& item) {
  return std::string(kind_name(item.kind)) + " '" + item.id + "'";
}

std::vector<fs::path> markdown_files(const fs::path& dir, std::vector<LoadError>& errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    // Each folder's README.md explains the folder; it is not curriculum.
    if (p.extension() != ".md" || p.filename() == "README.md") continue;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) files.push_back(p);
  }
  if (ec) errors.push_back({dir, 0, "cannot list the content folder: " + ec.message()});
  std::sort(files.begin(), files.end());
  return files;
}

// A quiz must test a loaded module, and a module's quiz must exist and test
// that module. Dropping one item can break another (a module whose only quiz
// was dropped), so this repeats until nothing more is dropped: every item
// left is consistent with the rest.
void drop_dangling_links(std::vector<Loaded>& loaded, std::vector<LoadError>& errors) {
  auto has = [&](Kind kind, const std::string& id) {
    return std::any_of(loaded.begin(), loaded.end(),
                       [&](const Loaded& l) { return l.item.kind == kind && l.item.id == id; });
  };
  auto quiz_tests = [&](const std::string& quiz_id, const std::string& module_id) {
    return std::any_of(loaded.begin(), loaded.end(), [&](const Loaded& l) {
      return l.item.kind == Kind::kQuiz && l.item.id == quiz_id && l.item.module_id == module_id;
    });
  };
  while (true) {
    std::vector<bool> drop(loaded.size(), false);
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      const Item& item = loaded[i].item;
      const std::string& text = loaded[i].text;
      if (item.kind == Kind::kQuiz && !has(Kind::kModule, item.module_id)) {
        errors.push_back({item.file, front_matter_line(text, "module"),
                          "no module '" + item.module_id +
                              "' was loaded, so this quiz has nothing to test; it is skipped"});
        drop[i] = true;
      } else if (item.kind == Kind::kModule && !item.quiz_id.empty()) {
        std::string problem;
        if (!has(Kind::kQuiz, item.quiz_id)) {
          problem = "no quiz '" + item.quiz_id + "' was loaded";
        } else if (!quiz_tests(item.quiz_id, item.id)) {
          problem =
              "quiz '" + item.quiz_id + "' does not name module '" + item.id + "' as its 'module'";
        }
        if (!problem.empty()) {
          errors.push_back({item.file, front_matter_line(text, "quiz"),
                            problem + ", so this module could never be completed; it is skipped"});
          drop[i] = true;
        }
      }
    }
    if (std::find(drop.begin(), drop.end(), true) == drop.end()) return;
    std::vector<Loaded> kept;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      if (!drop[i]) kept.push_back(std::move(loaded[i]));
    }
    loaded = std::move(kept);
  }
}

}  // namespace

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::kModule: return "module";
    case Kind::kQuiz: return "quiz";
    case Kind::kPolicy: return "policy";
    case Kind::kReminder: return "reminder";
  }
  return "unknown";
}

std::string LoadError::to_string() const {
  std::string out = file.string();
  if (line > 0) out += ":" + std::to_string(line);
  return out + ": " + message;
}

const Item* Catalog::find(Kind kind, std::string_view id) const {
  const Item* best = nullptr;
  for (const Item& item : items) {
    if (item.kind == kind && item.id == id && (!best || item.version > best->version)) {
      best = &item;
    }
  }
  return best;
}

std::vector<const Item*> Catalog::of_kind(Kind kind) const {
  std::vector<const Item*> out;
  for (const Item& item : items) {
    if (item.kind == kind) out.push_back(&item);
  }
  std::sort(out.begin(), out.end(), [](const Item* a, const Item* b) {
    return a->id != b->id ? a->id < b->id : a->version < b->version;
  });
  return out;
}

Catalog load_catalog(const fs::path& dir) {
  Catalog catalog;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    catalog.errors.push_back({dir, 0,
                              fs::exists(dir, ec) ? "the content folder is not a folder"
                                                  : "the content folder does not exist"});
    return catalog;
  }

  std::vector<Loaded> loaded;
  for (const fs::path& path : markdown_files(dir, catalog.errors)) {
    auto text = read_file(path);
    if (!text) {
      catalog.errors.push_back({path, 0, text.error().message});
      continue;
    }
    auto item = parse_item(*text, path, catalog.errors);
    if (!item) continue;
    // Files load in sorted order, so the first of two copies wins and the
    // error lands on the second, whichever run loads them.
    auto twin = std::find_if(loaded.begin(), loaded.end(), [&](const Loaded& l) {
      return l.item.kind == item->kind && l.item.id == item->id && l.item.version == item->version;
    });
    if (twin != loaded.end()) {
      catalog.errors.push_back({path, front_matter_line(*text, "version"),
                                describe(*item) + " version " + std::to_string(item->version) +
                                    " is already defined in " + twin->item.file.string() +
                                    "; this file is skipped (give it a new version or id)"});
      continue;
    }
    loaded.push_back({std::move(*item), std::move(*text)});
  }
  drop_dangling_links(loaded, catalog.errors);

  for (Loaded& l : loaded) catalog.items.push_back(std::move(l.item));
  std::stable_sort(catalog.errors.begin(), catalog.errors.end(),
                   [](const LoadError& a, const LoadError& b) {
                     return a.file != b.file ? a.file < b.file : a.line < b.line;
                   });
  return catalog;
}

std::string consent_sentence(const Item& policy) {
  return "I have read " + policy.title + " (version " + std::to_string(policy.version) +
         ") and I will follow it.";
}

}  // namespace attest::content
