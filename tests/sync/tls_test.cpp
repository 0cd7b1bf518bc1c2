// attest-server over HTTPS with a certificate of the practice's own: the
// server answers over TLS and only over TLS on that port.
#include <httplib.h>

#include "sync/e2e_fixture.h"

using namespace attest;
using namespace attest::testing;

TEST_CASE("attest-server serves HTTPS with --tls-cert and --tls-key") {
  TempDir dir("attest-tls");
  const auto cert = dir / "cert.pem", key = dir / "key.pem";
  auto made = run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1"
                  " -addext subjectAltName=IP:127.0.0.1 -keyout " + quote(key.string()) +
                  " -out " + quote(cert.string()));
  REQUIRE_MESSAGE(made.code == 0, made.all);
  ServerProcess server(dir);
  server.serve_args = {"--tls-cert", cert.string(), "--tls-key", key.string()};
  server.start();

  httplib::SSLClient tls("127.0.0.1", server.port());
  tls.set_ca_cert_path(cert.c_str());
  tls.enable_server_certificate_verification(true);
  auto hello = tls.Get("/v1/hello");
  REQUIRE(hello);
  CHECK(hello->status == 200);
  CHECK(hello->body.find("\"service\":\"attest-server\"") != std::string::npos);
  // The same protections as over plain HTTP.
  auto unsigned_upload = tls.Post("/v1/events", "{}", "application/json");
  REQUIRE(unsigned_upload);
  CHECK(unsigned_upload->status == 401);

  // Plain HTTP on the TLS port gets nowhere.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_connection_timeout(2, 0);
  plain.set_read_timeout(2, 0);
  auto nothing = plain.Get("/v1/hello");
  CHECK((!nothing || nothing->status != 200));
  CHECK(server.stop() == 0);
}

TEST_CASE("attest-server refuses a certificate it cannot use") {
  TempDir dir("attest-tls");
  dir.write("cert.pem", "not a certificate\n");
  dir.write("key.pem", "not a key\n");
  ServerProcess server(dir);
  auto r = server.admin("serve " + quote(server.dir().string()) + " --listen 127.0.0.1:0 --tls-cert " +
                        quote((dir / "cert.pem").string()) + " --tls-key " +
                        quote((dir / "key.pem").string()));
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot use the TLS certificate") != std::string::npos);
  auto half = server.admin("serve " + quote(server.dir().string()) + " --tls-cert x.pem");
  CHECK(half.code == 2);
  CHECK(half.err.find("both --tls-cert and --tls-key") != std::string::npos);
}
