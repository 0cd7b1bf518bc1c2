#include "kiosk/export_job.h"

#include <algorithm>
#include <cstdio>

#include "base/file.h"
#include "kiosk/kiosk_records.h"
#include "report/bundle_verify.h"
#include "report/bundle_writer.h"
#include "report/report_set.h"

namespace attest::kiosk {

namespace fs = std::filesystem;

namespace {

// "2026-11-23-1640" in the kiosk's local time: sorts by date, reads as one.
std::string local_stamp(const Timestamp& t) {
  const int64_t local_ms = t.utc_ms + int64_t{t.offset_minutes} * 60000;
  const Date d = date_of(local_ms);
  const int minutes = static_cast<int>((local_ms - int64_t{d.days} * 86400000) / 60000);
  char hhmm[16];
  std::snprintf(hhmm, sizeof hhmm, "%02d%02d", minutes / 60, minutes % 60);
  return format_date(d) + "-" + hhmm;
}


}  // namespace

std::vector<ui::ExportTarget> find_export_targets(const fs::path& data_dir,
                                                  const std::vector<fs::path>& media_roots) {
  std::vector<ui::ExportTarget> out = {{(data_dir / "exports").string(), "This kiosk's data folder",
                                        false}};
  std::vector<fs::path> drives;
  for (const fs::path& root : media_roots) {
    std::error_code ec;
    // A folder we may not list (another user's) is skipped, not an error.
    for (const auto& user : fs::directory_iterator(root, ec)) {
      if (!user.is_directory(ec)) continue;
      std::error_code inner;
      for (const auto& drive : fs::directory_iterator(user.path(), inner)) {
        if (drive.is_directory(inner)) drives.push_back(drive.path());
      }
    }
  }
  std::sort(drives.begin(), drives.end());
  for (const fs::path& d : drives) {
    out.push_back({d.string(), "Removable drive " + d.filename().string(), true});
  }
  return out;
}

fs::path new_export_folder(const fs::path& target, const fs::path& data_dir, const Timestamp& now,
                           ui::ExportKind kind) {
  const bool own = target == data_dir / "exports";
  const bool bundle = kind == ui::ExportKind::kBundle;
  const std::string base =
      (own ? (bundle ? "evidence-" : "") : (bundle ? "attest-evidence-" : "attest-reports-")) +
      local_stamp(now);
  fs::path folder = target / base;
  std::error_code ec;
  for (int n = 2; fs::exists(folder, ec); ++n) folder = target / (base + "-" + std::to_string(n));
  return folder;
}

namespace {

// The evidence bundle, as `attest export-evidence --kiosk DIR` writes it:
// this kiosk's chain, bodies opened with the practice secret, the manifest
// signed with the device key. write_bundle builds it beside `folder` and
// renames it into place, so a stopped export leaves nothing half-written.
Result<int> run_bundle(const ExportRequest& r, const crypto::BoxSecretKey& key,
                       const std::atomic<bool>& cancelled) {
  auto store = std::make_shared<store::KioskStore>(TRY(open_reader(r.paths)));
  const Date today = local_date(r.now);
  if (r.period.to > today) {
    return make_error(ErrorCode::kInvalidArgument,
                      "a bundle covers days that have passed; its last day cannot be after today");
  }
  if (r.period.from > r.period.to) {
    return make_error(ErrorCode::kInvalidArgument, "the first day is after the last day");
  }
  std::error_code ec;
  fs::create_directories(r.folder.parent_path(), ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot make the folder " +
                                                 r.folder.parent_path().string() + " (" +
                                                 ec.message() + ")");
  report::BundleInput in;
  in.practice = r.practice.empty() ? "Practice" : r.practice;
  in.source = "kiosk";
  in.devices.push_back({store->device().id(), store::kiosk_display_name(store->db(), store->device().id()),
                        store->device().public_key()});
  in.practice_key = store->practice_key();
  in.secret = &key;
  in.catalog = r.catalog;
  in.assets = r.assets;
  in.for_each = [&store, &cancelled](const std::function<Status(const report::RawEvent&)>& fn)
      -> Status {
    Status inner;
    TRY_STATUS(store->for_each(1, [&](const core::SignedEvent& e) {
      if (cancelled) {
        inner = make_error(ErrorCode::kInternal, "stopped: admin mode was closed");
        return false;
      }
      inner = fn({e.header.device_id, e.header.seq, e.canonical_header, e.sealed_body, &e.hash,
                  &e.signature});
      return inner.ok();
    }));
    return inner;
  };
  report::BundleOptions options;
  options.from = r.period.from;
  options.to = r.period.to;
  options.generated_at = report::generated_at_text(r.now.utc_ms);
  options.app_version = ATTEST_VERSION;
  options.rules = r.rules;
  const report::BundleSigner signer{&store->device().signing(), "device"};
  const report::BundleWritten written = TRY(report::write_bundle(r.folder, in, options, signer));
  // Checked as the auditor will, so a bundle that would fail is known now.
  const report::BundleCheck check = TRY(report::verify_bundle(r.folder));
  if (!check.ok()) {
    return make_error(ErrorCode::kCorrupt,
                      "the bundle in " + r.folder.string() + " does not pass its own check (" +
                          check.problems.front().to_string() + ")");
  }
  return static_cast<int>(written.events);
}

}  // namespace

Result<int> run_export(const ExportRequest& r, const crypto::BoxSecretKey& key,
                       ExportProgress& progress, const std::atomic<bool>& cancelled) {
  if (r.kind == ui::ExportKind::kBundle) return run_bundle(r, key, cancelled);
  store::KioskStore store = TRY(open_reader(r.paths));
  const Date today = local_date(r.now);
  report::LedgerOptions lo;
  lo.until = today;
  lo.retention_as_of = today;
  lo.body_kinds = report::body_kinds_for("all");
  report::Ledger ledger(lo);
  TRY_STATUS(read_ledger(store, ledger, key, cancelled));

  report::ReportContext ctx;
  ctx.practice = r.practice.empty() ? "Practice" : r.practice;
  ctx.generated_at = report::generated_at_text(r.now.utc_ms);
  ctx.generated_by = report::official_on_record(ledger);
  if (ctx.generated_by.empty()) ctx.generated_by = "the Security Official";
  ctx.as_of = today;
  ctx.catalog = r.catalog;
  ctx.rules = r.rules;
  // As `attest report --kiosk` names it, so the two give the same files.
  ctx.device_names[store.device().id()] = store::kiosk_display_name(store.db(), store.device().id());
  report::ReportRequest request;
  request.kind = "all";
  const std::vector<report::Document> docs = TRY(report::build_reports(ledger, ctx, request));

  const report::Format formats[] = {report::Format::kCsv, report::Format::kHtml,
                                    report::Format::kPdf};
  progress.total = static_cast<int>(docs.size() * std::size(formats));
  if (progress.wake) progress.wake();
  std::error_code ec;
  fs::create_directories(r.folder, ec);
  if (ec) return make_error(ErrorCode::kIo, "cannot make the folder " + r.folder.string() +
                                                 " (" + ec.message() + ")");
  int written = 0;
  for (const auto& doc : docs) {
    for (report::Format f : formats) {
      if (cancelled) return make_error(ErrorCode::kInternal, "stopped: admin mode was closed");
      const std::string bytes = TRY(report::render(doc, f));
      TRY_STATUS(write_file_atomic(r.folder / (doc.id + report::format_extension(f)),
                                   as_bytes(bytes)));
      progress.written = ++written;
      if (progress.wake) progress.wake();
    }
  }
  return written;
}

void ExportRunner::start(ExportRequest request, std::shared_ptr<const crypto::BoxSecretKey> key) {
  if (task_.running()) return;
  auto progress = std::make_shared<ExportProgress>();
  progress->wake = wake_;
  state_ = {ui::ExportJob::State::kWorking, request.kind, request.period, 0, 0,
            request.folder.string(), {}};
  const bool started = task_.start(
      [request = std::move(request), key = std::move(key), progress](
          const std::atomic<bool>& cancelled) {
        return run_export(request, *key, *progress, cancelled);
      });
  if (started) progress_ = std::move(progress);
}

ui::ExportJob ExportRunner::state() {
  if (auto done = task_.take()) {
    if (discard_) {
      discard_ = false;
      return state_;
    }
    if (done->ok()) {
      state_.state = ui::ExportJob::State::kDone;
      state_.written = state_.total = **done;
    } else {
      state_.state = ui::ExportJob::State::kFailed;
      state_.message = done->error().message;
    }
    progress_.reset();
  } else if (progress_) {
    state_.written = progress_->written;
    state_.total = progress_->total;
  }
  return state_;
}

void ExportRunner::reset() {
  if (!task_.running()) state_ = {};
}

void ExportRunner::cancel() {
  task_.cancel();
  discard_ = task_.running();
  progress_.reset();
  state_ = {};
}

}  // namespace attest::kiosk
