// Test helper for the crash-safety test: appends events to a kiosk store in
// a loop and prints "saved N" after each append returns, until it is
// killed. Anything it printed must be in the store afterwards.
#include <cstdio>

#include "crypto/random.h"
#include "store/kiosk_store.h"

int main(int argc, char** argv) {
  using namespace attest;
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_append_child DB DEVICE_KEY\n");
    return 2;
  }
  auto key = crypto::DeviceKey::load(argv[2]);
  if (!key.ok()) {
    std::fprintf(stderr, "%s\n", key.error().message.c_str());
    return 2;
  }
  auto store = store::KioskStore::open(argv[1], std::move(*key));
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 2;
  }
  crypto::SystemRandom rng;
  SystemClock clock;
  for (uint64_t i = 0;; ++i) {
    core::EventDraft d;
    d.kind = core::EventKind::kReminderAcknowledged;
    d.person_id = "p-crash";
    d.body_fields = {{"i", i}, {"padding", std::string(300, 'x')}};
    auto done = store->append(d, clock, rng);
    if (!done.ok()) {
      std::fprintf(stderr, "append failed: %s\n", done.error().message.c_str());
      return 1;
    }
    std::printf("saved %llu\n", static_cast<unsigned long long>(done->seq));
    std::fflush(stdout);
  }
}
