// Runs a command through the shell and captures its exit code, its stdout
// and its stderr (separately, and both together in `all`).
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace attest::testing {

struct RunResult {
  int code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  std::string all;  // stdout then stderr
};

inline RunResult run(const std::string& command) {
  RunResult r;
  char err_path[] = "/tmp/attest-run-XXXXXX";
  int fd = ::mkstemp(err_path);
  if (fd < 0) return r;
  ::close(fd);
  FILE* p = ::popen(("(" + command + ") 2>" + err_path).c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (FILE* e = std::fopen(err_path, "r")) {
    while ((n = std::fread(buf, 1, sizeof buf, e)) > 0) r.err.append(buf, n);
    std::fclose(e);
  }
  ::unlink(err_path);
  r.all = r.out + r.err;
  return r;
}

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

}  // namespace attest::testing
