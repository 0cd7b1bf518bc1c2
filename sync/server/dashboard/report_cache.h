// The dashboard's reports, loaded through office/report_source.h as
// `attest report` loads them, and kept while the store holds the same
// records: a page asks for a view (which kinds of record it reads, as of
// which day) and gets the ledger the CLI would build for it. Every kiosk
// sync and every office record moves some chain's stored seq, so the list
// of (device, seq) is the check that a kept ledger is still the store's.
// Ledgers hold opened names and signatures: clear() drops them all when the
// last session ends.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "office/report_source.h"
#include "store/master_store.h"

namespace attest::dashboard {

// What a page reads: which kinds of record (masks of core::kind_bit), whose
// bodies are opened, as of which day.
struct ReportView {
  uint32_t record_kinds = ~uint32_t{0};
  uint32_t body_kinds = ~uint32_t{0};
  bool retention = false;
  Date as_of;
  bool operator==(const ReportView&) const = default;
};

// What the CLI reads for these reports (report::record_kinds_for and
// body_kinds_for, united).
ReportView view_of(std::initializer_list<std::string_view> report_ids, Date as_of);

struct LoadedReports {
  office::Source source;  // holds the catalog the context points into
  office::Loaded loaded;
  LoadedReports(office::Source s, office::Loaded l)
      : source(std::move(s)), loaded(std::move(l)) {
    loaded.ctx.catalog = &source.catalog;
  }

  // What a page worked out from these records (the overview's figures and
  // charts), made once: the same records give the same figures.
  std::string derived(const std::string& key, const std::function<std::string()>& make) const;

 private:
  mutable std::mutex mu_;
  mutable std::map<std::string, std::string> derived_;
};

class ReportCache {
 public:
  // `options`: the server's folder (and store URI), the curriculum; its
  // as_of is each view's.
  ReportCache(office::SourceOptions options, store::MasterStore& store, size_t keep = 6);

  Result<std::shared_ptr<const LoadedReports>> get(
      const ReportView& view, const std::shared_ptr<const crypto::BoxSecretKey>& secret);
  // The store as a report source as of a day, with a copy of `secret` (if
  // any) to open bodies: what each load starts from, and what the evidence
  // bundle is written from.
  Result<office::Source> open_source(Date as_of,
                                     const std::shared_ptr<const crypto::BoxSecretKey>& secret) const;
  const office::SourceOptions& options() const { return options_; }
  void clear();
  // How many loads were kept, and how many answers came from what was kept.
  size_t loads() const { return loads_; }
  size_t hits() const { return hits_; }

 private:
  struct Entry {
    ReportView view;
    std::string store_state;
    std::shared_ptr<const LoadedReports> reports;
  };
  using Loading = std::shared_future<Result<std::shared_ptr<const LoadedReports>>>;
  struct Pending {
    ReportView view;
    std::string store_state;
    Loading result;
  };
  Result<std::string> store_state();
  Result<std::shared_ptr<const LoadedReports>> load(
      const ReportView& view, const std::shared_ptr<const crypto::BoxSecretKey>& secret);

  office::SourceOptions options_;
  store::MasterStore& store_;
  size_t keep_;
  std::mutex mu_;
  std::list<Entry> entries_;  // most recently used first
  std::vector<Pending> loading_;
  uint64_t generation_ = 0;  // clear() counts up: a load begun before is not kept
  std::atomic<size_t> loads_{0}, hits_{0};
};

}  // namespace attest::dashboard
