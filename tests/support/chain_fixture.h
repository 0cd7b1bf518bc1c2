// A device's chain of signed events built in memory (no store), with its
// signed head: for the chain verifier and the sync protocol tests.
#pragma once

#include "core/chain_verifier.h"
#include "core/event_builder.h"
#include "crypto/seal.h"

namespace attest::testing {

struct Chain {
  crypto::DeviceKey device;
  crypto::BoxSecretKey practice;
  std::vector<core::SignedEvent> events;
  core::ChainHead head;
};

// Appends n events to the chain, a second apart, alternating kinds.
inline void extend_chain(Chain& c, int n, SeededRandom& rng, FixedClock& clock) {
  core::ChainPosition at;
  if (!c.events.empty()) {
    at.next_seq = c.events.back().header.seq + 1;
    at.prev_link = core::link_hash(c.events.back().hash, c.events.back().signature);
  }
  for (int i = 0; i < n; ++i) {
    core::EventDraft d;
    d.kind = i % 2 ? core::EventKind::kModuleCompleted : core::EventKind::kSignIn;
    d.person_id = "p-" + std::to_string(i % 3);
    d.body_fields = {{"n", i}};
    core::BuildContext ctx{c.device, c.practice.public_key(), clock, rng, "test"};
    c.events.push_back(core::build_event(d, at, ctx));
    at.next_seq++;
    at.prev_link = core::link_hash(c.events.back().hash, c.events.back().signature);
    clock.advance_ms(1000);
  }
  c.head.seq = at.next_seq - 1;
  c.head.link = at.prev_link;
  c.head.signature = c.device.signing().sign(
      core::head_signing_message(c.device.id(), c.head.seq, c.head.link));
}

inline Chain make_chain(int n, uint64_t seed = 1) {
  SeededRandom rng(seed);
  FixedClock clock({1795430525123, 60});
  Chain c{crypto::DeviceKey::generate(rng), crypto::BoxSecretKey::generate(rng), {}, {}};
  extend_chain(c, n, rng, clock);
  return c;
}

}  // namespace attest::testing
