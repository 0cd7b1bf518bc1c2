// A kiosk's data folder for the admin-mode tests: runs attest-kiosk scripts
// on it headless and reads its store back with the real attest binary.
// Needs ATTEST_BIN and ATTEST_KIOSK_BIN (tests/kiosk/CMakeLists.txt).
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "support/kiosk_script.h"
#include "support/run.h"
#include "support/temp_dir.h"

namespace attest::testing {

inline const std::string kDemoPassphrase = "demo practice passphrase";

// Argon2id at the passphrase's real cost takes a second or so a try; a
// hang must still fail rather than stall ctest.
constexpr int kKioskTimeoutSeconds = 60;

// Opens admin mode from the start screen with `passphrase`; it opens on
// the dashboard.
inline std::string open_admin(const std::string& passphrase) {
  return "tap \"Administration\"\n"
         "expect \"Enter your passphrase\"\n"
         "type " + script_quoted(passphrase) + "\n"
         "tap \"Open admin mode\"\n"
         "wait-for \"Close admin mode\"\n";
}

// The same, then the admin menu's page `title`.
inline std::string open_admin_page(const std::string& passphrase, const std::string& title) {
  return open_admin(passphrase) + "tap \"Admin menu\"\ntap " + script_quoted(title) + "\n";
}

// A field of a `attest dump --json` line: "name":"value".
inline std::string json_field(const std::string& line, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  size_t at = line.find(key);
  if (at == std::string::npos) return {};
  at += key.size();
  return line.substr(at, line.find('"', at) - at);
}

class AdminKiosk {
 public:
  explicit AdminKiosk(std::filesystem::path data) : data_(std::move(data)) {}
  const std::filesystem::path& data() const { return data_; }
  std::filesystem::path db() const { return data_ / "kiosk.db"; }

  RunResult run_script(const TempDir& dir, const std::string& script,
                       const std::string& extra_args = "") {
    auto file = dir.write("admin-script-" + std::to_string(scripts_++) + ".txt", script);
    return run("SDL_VIDEODRIVER=offscreen timeout -k 5 " + std::to_string(kKioskTimeoutSeconds) +
               " " + quote(ATTEST_KIOSK_BIN) + " --data " + quote(data_.string()) + " --script " +
               quote(file.string()) + " " + extra_args);
  }

  // Events by kind: those of admin mode (no person, subject "admin-mode"),
  // and all of them.
  struct Counts {
    std::map<std::string, int> admin;
    std::map<std::string, int> all;
    int total = 0;
    int of(const std::string& kind) const {
      auto it = admin.find(kind);
      return it == admin.end() ? 0 : it->second;
    }
    int any(const std::string& kind) const {
      auto it = all.find(kind);
      return it == all.end() ? 0 : it->second;
    }
  };
  Counts counts() const {
    auto dump = run(quote(ATTEST_BIN) + " dump --json " + quote(db().string()));
    INFO(dump.all);
    REQUIRE(dump.code == 0);
    Counts c;
    std::istringstream lines(dump.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      ++c.total;
      ++c.all[json_field(line, "kind")];
      if (line.find("\"subject\":{\"id\":\"admin-mode\"") != std::string::npos) {
        CHECK(json_field(line, "person_id").empty());
        ++c.admin[json_field(line, "kind")];
      }
    }
    return c;
  }

  // Every event with its opened body, one JSON object a line.
  std::string dump_bodies() const {
    auto dump = run(quote(ATTEST_BIN) + " dump --json --practice-key " +
                    quote((data_ / "practice.key").string()) + " --passphrase-file " +
                    quote((data_ / "demo-passphrase.txt").string()) + " " + quote(db().string()));
    INFO(dump.all);
    REQUIRE(dump.code == 0);
    return dump.out;
  }

  // `attest report KIND --kiosk DIR` as CSV, with the demo passphrase.
  std::string report_csv(const std::string& kind) const {
    auto r = run(quote(ATTEST_BIN) + " report " + kind + " --kiosk " + quote(data_.string()) +
                 " --passphrase-file " + quote((data_ / "demo-passphrase.txt").string()));
    INFO(r.all);
    REQUIRE(r.code == 0);
    return r.out;
  }

  void check_verifies() const {
    auto v = run(quote(ATTEST_BIN) + " verify " + quote(db().string()));
    CHECK_MESSAGE(v.code == 0, v.all);
  }

 private:
  std::filesystem::path data_;
  int scripts_ = 0;
};

// A standalone kiosk, as `attest demo` makes one.
inline AdminKiosk demo_kiosk(const TempDir& dir) {
  const std::filesystem::path data = dir / "kiosk";
  auto demo = run(quote(ATTEST_BIN) + " demo " + quote(data.string()));
  INFO(demo.all);
  REQUIRE(demo.code == 0);
  return AdminKiosk(data);
}

}  // namespace attest::testing
