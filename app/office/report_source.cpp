#include "office/report_source.h"

#include <algorithm>

#include "base/file.h"
#include "crypto/practice_key.h"
#include "platform/paths.h"
#include "report/feed.h"
#include "store/kiosk_store.h"
#include "store/kiosk_sync_state.h"
#include "store/server_paths.h"
#include "store/open_master.h"

namespace attest::office {

namespace fs = std::filesystem;

namespace {

// The site `id` names, or an error listing the group's sites.
Result<store::SiteRecord> find_site(const std::vector<store::SiteRecord>& sites,
                                    const std::string& id) {
  std::string known;
  for (const auto& site : sites) {
    if (site.id == id) return site;
    known += (known.empty() ? "" : ", ") + site.id;
  }
  return make_error(ErrorCode::kNotFound, "the practice has no site \"" + id +
                                              "\"; its sites are: " + known);
}

Status open_master_source(Source& s, const fs::path& dir, const std::string& uri,
                          const std::string& site_id) {
  auto opened = store::open_master_store(store::ServerPaths{dir}, store::OpenMode::kReadOnly, uri);
  if (!opened.ok()) return opened.error();
  std::shared_ptr<store::MasterStore> db = std::move(*opened);
  const store::PracticeInfo info = TRY(db->practice());
  const std::vector<store::SiteRecord> sites = TRY(db->sites());
  s.practice = info.name;
  for (const auto& site : sites) s.server_keys.push_back(site.server_key);
  std::optional<store::SiteRecord> only;
  if (!site_id.empty()) {
    only = TRY(find_site(sites, site_id));
    s.practice += " \u2014 " + only->name;
  }
  s.practice_key = info.practice_key;
  std::vector<crypto::DeviceId> ids;
  for (const auto& d : TRY(db->devices())) {
    const bool server = std::find(s.server_keys.begin(), s.server_keys.end(), d.public_key) !=
                        s.server_keys.end();
    if (only && !server && d.site_id != only->id) continue;
    s.device_names[d.id] = d.name;
    s.device_keys[d.id] = d.public_key;
    ids.push_back(d.id);
  }
  // Device by device in id order, as an evidence bundle lists them, so a
  // report made here and one rebuilt from a bundle read the same sequence.
  std::sort(ids.begin(), ids.end());
  s.for_each = [db, ids](const std::function<Status(const RawEvent&)>& fn) -> Status {
    for (const auto& id : ids) {
      Status inner;
      TRY_STATUS(db->for_each_event(id, 1, [&](const store::StoredEvent& e) {
        inner = fn({e.device, e.seq, e.canonical_header, e.sealed_body, &e.hash, &e.signature});
        return inner.ok();
      }));
      TRY_STATUS(inner);
    }
    return {};
  };
  s.chain_end = [db](const crypto::DeviceId& device, Date day) { return db->last_seq_through(device, day); };
  s.for_each_of_kinds = [db, ids](uint32_t kinds, uint32_t bodies, Date until,
                                  const std::function<Status(const RawEvent&)>& fn,
                                  const Source::HeadFn& head) -> Status {
    for (const auto& id : ids) {
      const store::MasterStore::LastEvent last = TRY(db->last_event_through(id, until));
      if (last.seq == 0) continue;
      Status inner;
      TRY_STATUS(db->for_each_event_of_kinds(id, last.seq, kinds, bodies, [&](const store::StoredEvent& e) {
        inner = fn({e.device, e.seq, e.canonical_header, e.sealed_body, &e.hash, &e.signature});
        return inner.ok();
      }));
      TRY_STATUS(inner);
      head(id, {last.seq, last.seq, last.time});
    }
    return {};
  };
  return {};
}

Status open_kiosk_source(Source& s, const fs::path& dir) {
  const fs::path db_path = platform::kiosk_db_path(dir);
  auto key = crypto::DeviceKey::load(platform::device_key_path(dir));
  if (!key.ok()) return key.error();
  auto opened = store::KioskStore::open(db_path, std::move(*key), store::OpenMode::kReadOnly);
  if (!opened.ok()) return opened.error();
  auto kiosk = std::make_shared<store::KioskStore>(std::move(*opened));
  s.practice_key = kiosk->practice_key();
  s.device_keys[kiosk->device().id()] = kiosk->device().public_key();
  s.device_names[kiosk->device().id()] = store::kiosk_display_name(kiosk->db(), kiosk->device().id());
  if (auto link = store::load_server_link(kiosk->db()); link.ok() && *link) {
    s.practice = (*link)->practice_name;
  } else if (auto name = read_file(dir / "practice-name.txt"); name.ok()) {
    s.practice = name->substr(0, name->find('\n'));
  }
  s.for_each = [kiosk](const std::function<Status(const RawEvent&)>& fn) -> Status {
    Status inner;
    TRY_STATUS(kiosk->for_each(1, [&](const core::SignedEvent& e) {
      inner = fn({e.header.device_id, e.header.seq, e.canonical_header, e.sealed_body, &e.hash,
                  &e.signature});
      return inner.ok();
    }));
    return inner;
  };
  return {};
}

}  // namespace

Result<Source> open_source(const SourceOptions& o) {
  if (o.server.empty() == o.kiosk.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "say where the records are: --server DIR (the office server) or --kiosk DIR "
                      "(a kiosk with no server)");
  }
  const fs::path dir = o.server.empty() ? o.kiosk : o.server;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::kNotFound, dir.string() + " is not a directory");
  }
  Source s;
  if (!o.site.empty() && o.server.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      "--site is for a practice group's office server: use it with --server DIR");
  }
  TRY_STATUS(o.server.empty() ? open_kiosk_source(s, dir) : open_master_source(s, dir, o.store_uri, o.site));
  if (s.practice.empty()) s.practice = "Practice";
  s.catalog = content::load_catalog(o.assets);
  if (!s.catalog.errors.empty()) {
    return make_error(ErrorCode::kCorrupt, "the curriculum has errors: " +
                                               s.catalog.errors.front().to_string());
  }
  if (s.catalog.items.empty()) {
    return make_error(ErrorCode::kNotFound, "no curriculum found in " + o.assets);
  }
  s.as_of = local_date(SystemClock().now());
  if (!o.as_of.empty()) s.as_of = TRY(parse_date(o.as_of));
  return s;
}

fs::path practice_key_file(const SourceOptions& o) {
  // A kiosk keeps it beside its store, where pairing or `attest demo` put it.
  return o.server.empty() ? fs::path(o.kiosk) / "practice.key"
                          : store::ServerPaths{o.server}.practice_key();
}

report::BundleInput bundle_input(const Source& s, const SourceOptions& o,
                                 const crypto::SignPublicKey* server_key) {
  report::BundleInput in;
  in.practice = s.practice;
  in.source = server_key ? "server" : "kiosk";
  for (const auto& [id, pub] : s.device_keys) {
    auto name = s.device_names.find(id);
    in.devices.push_back({id, name == s.device_names.end() ? std::string() : name->second, pub});
  }
  if (server_key) in.server_key = *server_key;
  in.practice_key = s.practice_key;
  in.secret = s.secret ? &*s.secret : nullptr;
  in.catalog = &s.catalog;
  in.assets = o.assets;
  in.for_each = s.for_each;
  in.chain_end = s.chain_end;
  return in;
}

std::string generated_at_now() { return report::generated_at_text(SystemClock().now().utc_ms); }

Result<Loaded> load_reports(Source& source, const std::string& generated_by,
                            const std::string& fallback_by, const report::LedgerOptions& extra,
                            uint32_t record_kinds) {
  report::LedgerOptions lo = extra;
  lo.until = source.as_of;
  Loaded out{report::Ledger(lo), {}};
  const crypto::BoxSecretKey* key = source.secret ? &*source.secret : nullptr;
  report::LedgerFeeder feeder(out.ledger, key);
  auto feed = [&](const RawEvent& e) { return feeder.add(e.canonical_header, e.sealed_body); };
  if (record_kinds != ~uint32_t{0} && source.for_each_of_kinds) {
    // The heads wait until the feeder has filled the ledger.
    std::vector<std::pair<crypto::DeviceId, report::DeviceHead>> heads;
    TRY_STATUS(source.for_each_of_kinds(
        record_kinds, lo.body_kinds, source.as_of, feed,
        [&](const crypto::DeviceId& d, const report::DeviceHead& h) { heads.emplace_back(d, h); }));
    TRY_STATUS(feeder.finish());
    for (const auto& [device, head] : heads) out.ledger.add_unread(device, head);
  } else {
    TRY_STATUS(source.for_each(feed));
    TRY_STATUS(feeder.finish());
  }
  report::ReportContext& ctx = out.ctx;
  ctx.practice = source.practice;
  ctx.generated_at = generated_at_now();
  ctx.as_of = source.as_of;
  ctx.catalog = &source.catalog;
  ctx.device_names = source.device_names;
  ctx.generated_by = generated_by;
  // The Security Official on record, else whoever is logged in.
  if (ctx.generated_by.empty()) ctx.generated_by = report::official_on_record(out.ledger);
  if (ctx.generated_by.empty()) ctx.generated_by = fallback_by;
  return out;
}

}  // namespace attest::office
