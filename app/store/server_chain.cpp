#include "store/server_chain.h"

namespace attest::store {

Result<std::vector<core::SignedEvent>> append_server_events(
    MasterStore& store, const crypto::DeviceKey& server_key, std::span<const core::EventDraft> drafts,
    const Clock& clock, Random& rng, const PublishedVersion* published) {
  const PracticeInfo practice = TRY(store.practice());
  const auto site = TRY(store.site_of_server(server_key.public_key()));
  if (!site) {
    return make_error(ErrorCode::kWrongSecret,
                      "this server key is not the key of any site's server in the master store");
  }
  const int64_t now = clock.now().utc_ms;
  DeviceRecord me;
  me.id = server_key.id();
  me.public_key = server_key.public_key();
  me.name = server_device_name(*site);
  me.site_id = site->id;
  TRY_STATUS(store.add_own_device(me, now));
  const core::BuildContext ctx{server_key, practice.practice_key, clock, rng, ATTEST_VERSION};
  for (int attempt = 0;; ++attempt) {
    const core::ChainPosition start = TRY(store.chain_position(me.id));
    core::ChainPosition at = start;
    std::vector<core::SignedEvent> events;
    for (const auto& d : drafts) {
      events.push_back(core::build_event(d, at, ctx));
      at.next_seq++;
      at.prev_link = core::link_hash(events.back().hash, events.back().signature);
    }
    Status s = published ? store.append_events_and_publish(me.id, start, events, now, *published)
                         : store.append_events(me.id, start, events, now);
    if (s.ok()) return events;
    if (attempt == 1 || s.error().code != ErrorCode::kAlreadyExists) return s.error();
  }
}

}  // namespace attest::store
