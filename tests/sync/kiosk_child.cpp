// A headless kiosk for the sync tests and benchmarks: the real kiosk store
// and the real sync client, driven from the command line so a test can run
// it as a separate process and SIGKILL it mid-sync.
//
//   kiosk_child pair DIR URL CODE      pair DIR's kiosk with the server
//   kiosk_child fill DIR N [BYTES]     append N events (~BYTES of body each)
//   kiosk_child incident DIR TEXT      append an anonymous incident report
//   kiosk_child sync DIR               one full sync; prints a JSON line
//   kiosk_child pending DIR            events no receipt covers yet
//   kiosk_child enroll DIR CODE PIN    enroll a person with their code
//   kiosk_child people DIR             the kiosk's roster, a line each
//   kiosk_child remote DIR PERSON      completions received for PERSON
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crypto/random.h"
#include "crypto/pwhash.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "sync/client/pairing.h"
#include "sync/client/sync_client.h"

using namespace attest;

namespace {

sync::KioskPaths paths_of(const std::string& dir) {
  return {std::filesystem::path(dir) / "kiosk.db", std::filesystem::path(dir) / "keys" / "device.key"};
}

int fail(const Error& e) {
  std::fprintf(stderr, "kiosk_child: %s\n", e.message.c_str());
  return 1;
}

Result<store::KioskStore> open_store(const std::string& dir) {
  auto p = paths_of(dir);
  auto key = TRY(crypto::DeviceKey::load(p.device_key));
  return store::KioskStore::open(p.db, std::move(key));
}

int fill(const std::string& dir, long n, long body_bytes) {
  auto store = open_store(dir);
  if (!store.ok()) return fail(store.error());
  SystemClock clock;
  crypto::SystemRandom rng;
  const std::string text(static_cast<size_t>(body_bytes), 'x');
  std::vector<core::EventDraft> batch;
  for (long i = 0; i < n; ++i) {
    core::EventDraft d;
    d.kind = i % 3 == 0 ? core::EventKind::kModuleCompleted : core::EventKind::kSignIn;
    d.person_id = "p-" + std::to_string(i % 40);
    if (d.kind == core::EventKind::kModuleCompleted) {
      d.subject = {"module-" + std::to_string(i % 10), "1", crypto::Sha256{}};
    }
    d.body_fields = {{"n", i}, {"text", text}};
    batch.push_back(std::move(d));
    if (batch.size() == 1000 || i + 1 == n) {
      auto r = store->append_batch(batch, clock, rng);
      if (!r.ok()) return fail(r.error());
      batch.clear();
    }
  }
  return 0;
}

int incident(const std::string& dir, const std::string& what) {
  auto store = open_store(dir);
  if (!store.ok()) return fail(store.error());
  SystemClock clock;
  crypto::SystemRandom rng;
  core::EventDraft d;
  d.kind = core::EventKind::kIncidentReported;
  d.body_fields = {{"what", what}, {"when", "today"}, {"where", "front desk"}, {"reporter_name", ""}};
  auto r = store->append(d, clock, rng);
  if (!r.ok()) return fail(r.error());
  std::printf("%llu\n", static_cast<unsigned long long>(r->seq));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kiosk_child pair|fill|sync|pending DIR ...\n");
    return 2;
  }
  const std::string cmd = argv[1], dir = argv[2];
  SystemClock clock;
  crypto::SystemRandom rng;
  if (cmd == "pair" && argc == 5) {
    auto r = sync::pair_kiosk(paths_of(dir), argv[3], argv[4], "Test kiosk", clock, rng);
    if (!r.ok()) return fail(r.error());
    std::printf("{\"device\":\"%s\"}\n", r->device_id.c_str());
    return 0;
  }
  if (cmd == "fill" && argc >= 4) {
    return fill(dir, std::atol(argv[3]), argc >= 5 ? std::atol(argv[4]) : 700);
  }
  if (cmd == "incident" && argc == 4) return incident(argv[2], argv[3]);
  if (cmd == "sync") {
    auto client = sync::SyncClient::open(paths_of(dir), clock, rng);
    if (!client.ok()) return fail(client.error());
    auto r = (*client)->sync_once();
    if (!r.ok()) return fail(r.error());
    std::printf("{\"uploaded\":%llu,\"server_through\":%llu,\"completions\":%llu,\"roster_changed\":%s}\n",
                static_cast<unsigned long long>(r->uploaded),
                static_cast<unsigned long long>(r->server_through),
                static_cast<unsigned long long>(r->completions), r->roster_changed ? "true" : "false");
    return 0;
  }
  if (cmd == "pending") {
    auto store = open_store(dir);
    if (!store.ok()) return fail(store.error());
    auto n = store->pending_count();
    if (!n.ok()) return fail(n.error());
    std::printf("%llu\n", static_cast<unsigned long long>(*n));
    return 0;
  }
  if (cmd == "enroll" && argc == 5) {
    auto client = sync::SyncClient::open(paths_of(dir), clock, rng);
    if (!client.ok()) return fail(client.error());
    auto verifier = crypto::make_pin_verifier(argv[4], crypto::kdf_cost_minimum());
    if (!verifier.ok()) return fail(verifier.error());
    auto person = (*client)->enroll(argv[3], *verifier);
    if (!person.ok()) return fail(person.error());
    std::printf("%s %s\n", person->id.c_str(), person->name.c_str());
    return 0;
  }
  if (cmd == "people") {
    auto store = open_store(dir);
    if (!store.ok()) return fail(store.error());
    auto people = store::load_people(store->db());
    if (!people.ok()) return fail(people.error());
    for (const auto& p : *people) {
      std::printf("%s|%s|%s|%s|%s\n", p.id.c_str(), p.name.c_str(), p.role.c_str(),
                  p.active ? "active" : "inactive", p.pin_verifier.empty() ? "no-pin" : "pin");
    }
    return 0;
  }
  if (cmd == "remote" && argc == 4) {
    auto store = open_store(dir);
    if (!store.ok()) return fail(store.error());
    auto done = store::load_remote_completions(store->db(), argv[3]);
    if (!done.ok()) return fail(done.error());
    std::printf("%zu\n", done->size());
    return 0;
  }
  std::fprintf(stderr, "kiosk_child: unknown command %s\n", cmd.c_str());
  return 2;
}
