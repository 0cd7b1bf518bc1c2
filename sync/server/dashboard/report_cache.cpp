#include "dashboard/report_cache.h"

#include "report/report_set.h"

namespace attest::dashboard {

ReportView view_of(std::initializer_list<std::string_view> report_ids, Date as_of) {
  ReportView v;
  v.record_kinds = v.body_kinds = 0;
  v.as_of = as_of;
  for (std::string_view id : report_ids) {
    v.record_kinds |= report::record_kinds_for(std::string(id));
    v.body_kinds |= report::body_kinds_for(std::string(id));
    if (id == "retention" || id == "all") v.retention = true;
  }
  return v;
}

std::string LoadedReports::derived(const std::string& key,
                                   const std::function<std::string()>& make) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = derived_.find(key);
  if (it == derived_.end()) it = derived_.emplace(key, make()).first;
  return it->second;
}

ReportCache::ReportCache(office::SourceOptions options, store::MasterStore& store, size_t keep)
    : options_(std::move(options)), store_(store), keep_(keep) {}

Result<std::string> ReportCache::store_state() {
  std::string state;
  for (const auto& d : TRY(store_.devices())) {
    state += hex_encode(d.id) + ":" + std::to_string(d.stored_through_seq) + ";";
  }
  return state;
}

Result<std::shared_ptr<const LoadedReports>> ReportCache::get(
    const ReportView& view, const std::shared_ptr<const crypto::BoxSecretKey>& secret) {
  // One load at a time: two pages asking at once for a view wait for the
  // first load rather than both reading the store.
  std::lock_guard<std::mutex> lock(mu_);
  const std::string state = TRY(store_state());
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->view == view && it->store_state == state) {
      entries_.splice(entries_.begin(), entries_, it);
      ++hits_;
      return entries_.front().reports;
    }
  }
  office::SourceOptions o = options_;
  o.as_of = format_date(view.as_of);
  office::Source source = TRY(office::open_source(o));
  if (secret) source.secret = TRY(crypto::BoxSecretKey::from_bytes(secret->secret().view()));
  report::LedgerOptions lo;
  lo.body_kinds = view.body_kinds;
  if (view.retention) lo.retention_as_of = view.as_of;
  office::Loaded loaded =
      TRY(office::load_reports(source, {}, "the Security Official", lo, view.record_kinds));
  source.secret.reset();
  ++loads_;
  auto reports = std::make_shared<const LoadedReports>(std::move(source), std::move(loaded));
  std::erase_if(entries_, [&](const Entry& e) { return e.view == view; });
  entries_.push_front({view, state, reports});
  while (entries_.size() > keep_) entries_.pop_back();
  return reports;
}

Status ReportCache::refresh(const std::shared_ptr<const crypto::BoxSecretKey>& secret) {
  std::vector<ReportView> stale;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string state = TRY(store_state());
    for (const auto& e : entries_) {
      if (e.store_state != state) stale.push_back(e.view);
    }
  }
  for (const auto& view : stale) {
    auto loaded = get(view, secret);
    if (!loaded.ok()) return loaded.error();
  }
  return {};
}

void ReportCache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

}  // namespace attest::dashboard
