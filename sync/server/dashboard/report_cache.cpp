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

Result<office::Source> ReportCache::open_source(
    Date as_of, const std::shared_ptr<const crypto::BoxSecretKey>& secret) const {
  office::SourceOptions o = options_;
  o.as_of = format_date(as_of);
  office::Source source = TRY(office::open_source(o));
  if (secret) source.secret = TRY(crypto::BoxSecretKey::from_bytes(secret->secret().view()));
  return source;
}

Result<std::shared_ptr<const LoadedReports>> ReportCache::load(
    const ReportView& view, const std::shared_ptr<const crypto::BoxSecretKey>& secret) {
  office::Source source = TRY(open_source(view.as_of, secret));
  report::LedgerOptions lo;
  lo.body_kinds = view.body_kinds;
  if (view.retention) lo.retention_as_of = view.as_of;
  office::Loaded loaded =
      TRY(office::load_reports(source, {}, "the Security Official", lo, view.record_kinds));
  source.secret.reset();
  return std::make_shared<const LoadedReports>(std::move(source), std::move(loaded));
}

Result<std::shared_ptr<const LoadedReports>> ReportCache::get(
    const ReportView& view, const std::shared_ptr<const crypto::BoxSecretKey>& secret) {
  std::unique_lock<std::mutex> lock(mu_);
  const std::string state = TRY(store_state());
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->view == view && it->store_state == state) {
      entries_.splice(entries_.begin(), entries_, it);
      ++hits_;
      return entries_.front().reports;
    }
  }
  // A view being loaded already is waited for, not loaded twice; other
  // views meanwhile load and answer on their own, so a long load (every
  // record, for the transcripts) never holds up the overview.
  for (const auto& l : loading_) {
    if (l.view == view && l.store_state == state) {
      Loading pending = l.result;
      lock.unlock();
      return pending.get();
    }
  }
  std::promise<Result<std::shared_ptr<const LoadedReports>>> promise;
  loading_.push_back({view, state, promise.get_future().share()});
  const uint64_t generation = generation_;
  lock.unlock();
  Result<std::shared_ptr<const LoadedReports>> loaded = load(view, secret);
  lock.lock();
  std::erase_if(loading_, [&](const Pending& l) { return l.view == view && l.store_state == state; });
  // Not kept if everyone signed out meanwhile: it holds opened records.
  if (loaded.ok() && generation == generation_) {
    ++loads_;
    std::erase_if(entries_, [&](const Entry& e) { return e.view == view; });
    entries_.push_front({view, state, *loaded});
    while (entries_.size() > keep_) entries_.pop_back();
  }
  lock.unlock();
  promise.set_value(loaded);
  return loaded;
}

void ReportCache::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  ++generation_;
}

}  // namespace attest::dashboard
