// End-to-end: the real `attest` binary on a real demo practice.
#include <doctest/doctest.h>

#include "base/file.h"
#include "support/run.h"
#include "support/temp_dir.h"

using namespace attest;
using testing::quote;
using testing::run;

namespace {

const std::string kAttest = ATTEST_BIN;

std::string attest_cmd(const std::string& args) { return quote(kAttest) + " " + args; }

}  // namespace

TEST_CASE("demo, verify and dump work end to end") {
  testing::TempDir dir("attest-cli");
  auto d = dir / "practice";
  auto demo = run(attest_cmd("demo " + quote(d.string())));
  INFO(demo.all);
  REQUIRE(demo.code == 0);
  CHECK(demo.all.find("saved seq 16") != std::string::npos);
  CHECK(demo.all.find("recovery code") != std::string::npos);

  auto db = quote((d / "kiosk.db").string());
  auto verify = run(attest_cmd("verify " + db));
  INFO(verify.all);
  CHECK(verify.code == 0);
  CHECK(verify.all.find("OK") == 0);
  CHECK(verify.all.find("16 events") != std::string::npos);

  auto every = run(attest_cmd("verify --every-signature " + db));
  CHECK(every.code == 0);

  auto db_before = read_file(d / "kiosk.db");
  REQUIRE(db_before.ok());
  auto headers = run(attest_cmd("dump " + db));
  INFO(headers.all);
  CHECK(headers.code == 0);
  CHECK(headers.all.find("PolicyAttested") != std::string::npos);
  CHECK(headers.all.find("SecurityOfficialDesignated") != std::string::npos);
  CHECK(headers.all.find("Maria Lopez") == std::string::npos);  // body stays sealed

  auto pass = quote((d / "demo-passphrase.txt").string());
  auto key = quote((d / "practice.key").string());
  auto bodies = run(attest_cmd("dump --practice-key " + key + " --passphrase-file " + pass + " " + db));
  INFO(bodies.all);
  CHECK(bodies.code == 0);
  CHECK(bodies.all.find("Maria Lopez") != std::string::npos);
  CHECK(bodies.all.find("Front desk phone") != std::string::npos);

  auto env = run("ATTEST_PASSPHRASE='demo practice passphrase' " +
                 attest_cmd("dump --json --practice-key " + key + " " + db));
  CHECK(env.code == 0);
  CHECK(env.all.find("\"typed_name\":\"Maria Lopez\"") != std::string::npos);
  // Reading never writes: the store file is byte-for-byte unchanged.
  CHECK(*read_file(d / "kiosk.db") == *db_before);
}

TEST_CASE("a wrong passphrase is a clear error and changes nothing") {
  testing::TempDir dir("attest-cli");
  auto d = dir / "practice";
  REQUIRE(run(attest_cmd("demo " + quote(d.string()))).code == 0);
  auto before_key = read_file(d / "practice.key");
  auto before_db = read_file(d / "kiosk.db");
  REQUIRE(before_key.ok());
  REQUIRE(before_db.ok());
  auto wrong = dir / "wrong.txt";
  REQUIRE(write_file_atomic(wrong, as_bytes("not the passphrase\n")).ok());
  auto r = run(attest_cmd("dump --practice-key " + quote((d / "practice.key").string()) +
                      " --passphrase-file " + quote(wrong.string()) + " " +
                      quote((d / "kiosk.db").string())));
  INFO(r.all);
  CHECK(r.code == 2);
  CHECK(r.all.find("wrong passphrase") != std::string::npos);
  CHECK(r.all.find("Maria Lopez") == std::string::npos);
  CHECK(*read_file(d / "practice.key") == *before_key);
  CHECK(*read_file(d / "kiosk.db") == *before_db);
}

TEST_CASE("the recovery code opens bodies when the passphrase is lost; a wrong one does not") {
  testing::TempDir dir("attest-cli");
  auto d = dir / "practice";
  auto demo = run(attest_cmd("demo " + quote(d.string())));
  REQUIRE(demo.code == 0);
  auto at = demo.out.find("  recovery code ");
  REQUIRE(at != std::string::npos);
  std::string line = demo.out.substr(at, demo.out.find('\n', at) - at);
  std::string code = line.substr(line.find_last_of(' ') + 1);
  CHECK(code.size() == 39);
  auto good = dir.write("code.txt", code + "\n");
  auto bad = dir.write("bad.txt", "0000-0000-0000-0000-0000-0000-0000-0000\n");
  auto cmd = [&](const std::filesystem::path& f) {
    return attest_cmd("dump --practice-key " + quote((d / "practice.key").string()) +
                      " --recovery-code-file " + quote(f.string()) + " " +
                      quote((d / "kiosk.db").string()));
  };
  auto ok = run(cmd(good));
  INFO(ok.all);
  CHECK(ok.code == 0);
  CHECK(ok.out.find("Maria Lopez") != std::string::npos);
  auto no = run(cmd(bad));
  CHECK(no.code == 2);
  CHECK(no.err.find("wrong recovery code") != std::string::npos);
  CHECK(no.out.find("Maria Lopez") == std::string::npos);
}

TEST_CASE("every command has --help, and errors go to stderr with a non-zero exit") {
  for (const char* cmd : {"", "verify ", "dump ", "demo "}) {
    auto r = run(attest_cmd(std::string(cmd) + "--help"));
    INFO(cmd);
    CHECK(r.code == 0);
    CHECK(r.all.find("Usage") != std::string::npos);
  }
  auto none = run(attest_cmd(""));
  CHECK(none.code == 2);
  auto missing = run(attest_cmd("verify /nonexistent/kiosk.db"));
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err.find("/nonexistent/kiosk.db does not exist") != std::string::npos);
  auto unknown = run(attest_cmd("frobnicate"));
  CHECK(unknown.code == 2);
}

TEST_CASE("a corrupted device key file is named") {
  testing::TempDir dir("attest-cli");
  auto d = dir / "practice";
  REQUIRE(run(attest_cmd("demo " + quote(d.string()))).code == 0);
  REQUIRE(write_file_atomic(d / "keys" / "device.key", as_bytes("{\"format\": 1}"), 0600).ok());
  auto r = run(attest_cmd("verify " + quote((d / "kiosk.db").string())));
  CHECK(r.code == 2);
  CHECK(r.all.find("device key") != std::string::npos);
  CHECK(r.all.find("damaged") != std::string::npos);
}
