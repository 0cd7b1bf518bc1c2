#include "report/bundle_verify.h"

#include <future>

#include "report/bundle_checks.h"
#include "report/bundle_reader.h"

namespace attest::report {

namespace fs = std::filesystem;

std::string BundleCheck::counts() const {
  auto n = [](uint64_t v, const char* one, const char* many) {
    return thousands(v) + " " + (v == 1 ? one : many);
  };
  return n(devices, "device", "devices") + ", " + n(events, "event", "events") + ", " +
         n(reports, "report", "reports") + ", " + n(bodies, "body", "bodies") + " checked";
}

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// A manifest path must stay inside the bundle: relative, no "..".
bool safe_path(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos) return false;
  for (const auto& part : fs::path(p)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

void check_signature(checks::State& s, const std::string& manifest_text) {
  auto sig_text = read_bundle_file(s.dir, kManifestSigFile);
  if (!sig_text.ok()) {
    s.problem(kManifestSigFile, 0, {}, "missing: nothing vouches for the manifest");
    return;
  }
  auto bytes = hex_decode(trimmed(*sig_text));
  crypto::Signature sig{};
  if (!bytes.ok() || !copy_exact(*bytes, sig)) {
    s.problem(kManifestSigFile, 0, {}, "not an Ed25519 signature in hex");
    return;
  }
  if (!crypto::verify_signature(s.manifest.signer_key,
                                manifest_signing_message(as_bytes(manifest_text)), sig)) {
    s.problem(kManifestSigFile, 0, {},
              "the signature does not verify: manifest.json was changed after it was signed");
  }
}

// Every listed file's SHA-256, and no unlisted file. On a thread of its
// own while the records are checked (it reads every byte of the bundle,
// as they do), so it reports into a list of its own.
std::vector<BundleProblem> check_files(const fs::path& dir, const BundleManifest& m) {
  std::vector<BundleProblem> out;
  auto problem = [&](std::string file, std::string message) {
    out.push_back({std::move(file), 0, {}, std::move(message)});
  };
  for (const auto& [path, sha] : m.files) {
    if (!safe_path(path)) {
      problem(kManifestFile, "lists a path outside the bundle: " + path);
      continue;
    }
    std::error_code ec;
    auto actual = fs::is_regular_file(dir / path, ec) ? sha256_of_file(dir / path)
                                                      : Result<crypto::Sha256>(make_error(ErrorCode::kNotFound, ""));
    if (!actual.ok()) {
      problem(path, "listed in the manifest but missing");
    } else if (*actual != sha) {
      problem(path, "its SHA-256 is not the one in the manifest: the file was changed");
    }
  }
  for (const char* folder : kListedFolders) {
    std::error_code ec;
    if (!fs::is_directory(dir / folder, ec)) continue;
    for (fs::recursive_directory_iterator it(dir / folder, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_directory(ec)) continue;
      const std::string rel = it->path().lexically_relative(dir).generic_string();
      if (!m.files.count(rel)) problem(rel, "not listed in the manifest: it was added after the bundle was made");
    }
  }
  return out;
}

std::optional<crypto::SignPublicKey> read_server_key(checks::State& s) {
  auto text = read_bundle_file(s.dir, kServerKeyFile);
  if (!text.ok()) {
    s.problem(kServerKeyFile, 0, {}, "missing, though the bundle comes from a server");
    return std::nullopt;
  }
  auto bytes = hex_decode(trimmed(*text));
  crypto::SignPublicKey key{};
  if (!bytes.ok() || !copy_exact(*bytes, key)) {
    s.problem(kServerKeyFile, 0, {}, "not an Ed25519 public key in hex");
    return std::nullopt;
  }
  return key;
}

void check_keys(checks::State& s) {
  auto devices = read_devices(s.dir);
  if (!devices.ok()) {
    s.problem(kDevicesFile, 0, {}, devices.error().message);
  } else {
    s.devices = std::move(*devices);
  }
  for (const auto& d : s.devices) {
    if (crypto::fingerprint(d.key) != d.id) {
      s.problem(kDevicesFile, 0, {},
                "device " + hex_encode(d.id) + ": its id is not the fingerprint of its key");
    }
  }
  const std::string fp = hex_encode(crypto::fingerprint(s.manifest.signer_key));
  if (s.manifest.signer_role == "server") {
    s.out.signer = "the office server's key, fingerprint " + fp;
    auto server = read_server_key(s);
    if (server && *server != s.manifest.signer_key) {
      s.problem(kManifestFile, 0, {}, "signed by a key that is not keys/server.pub");
    }
  } else if (s.manifest.signer_role == "device") {
    s.out.signer = "the kiosk's device key, fingerprint " + fp;
    bool found = false;
    for (const auto& d : s.devices) found = found || d.key == s.manifest.signer_key;
    if (!found) s.problem(kManifestFile, 0, {}, "signed by a key that is not in keys/devices.json");
  } else {
    s.problem(kManifestFile, 0, {}, "signed by an unknown kind of key: " + s.manifest.signer_role);
  }
  if (s.manifest.source == "server" && s.manifest.signer_role != "server") {
    s.problem(kManifestFile, 0, {}, "a bundle from a server must be signed by the server key");
  }
}

}  // namespace

Result<BundleCheck> verify_bundle(const fs::path& dir, const BundleCheckOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::kNotFound, dir.string() + " is not a folder");
  }
  BundleCheck out;
  auto manifest_text = read_bundle_file(dir, kManifestFile);
  if (!manifest_text.ok()) {
    out.problems.push_back({kManifestFile, 0, {}, "missing: this is not an evidence bundle"});
    return out;
  }
  auto manifest = parse_manifest(*manifest_text);
  if (!manifest.ok()) {
    out.problems.push_back({kManifestFile, 0, {}, manifest.error().message});
    return out;
  }
  if (!manifest->app_version.empty() && manifest->app_version != ATTEST_VERSION) {
    // Reports are rebuilt by this version's code; a newer one may word a
    // row differently, which is not a change to the records.
    out.notes.push_back("the bundle was made by attest " + manifest->app_version + " and is checked by " +
                        ATTEST_VERSION + "; a report that differs may differ for that reason");
  }
  checks::State s{dir, *manifest, options, {}, out};
  check_signature(s, *manifest_text);
  const size_t files_at = out.problems.size();  // listed in this order, whenever found
  auto files = std::async(std::launch::async, [&] { return check_files(dir, *manifest); });
  check_keys(s);
  checks::check_records(s);
  std::vector<BundleProblem> file_problems = files.get();
  out.problems.insert(out.problems.begin() + static_cast<std::ptrdiff_t>(files_at),
                      std::make_move_iterator(file_problems.begin()),
                      std::make_move_iterator(file_problems.end()));
  out.files = manifest->files.size();
  return out;
}

}  // namespace attest::report
