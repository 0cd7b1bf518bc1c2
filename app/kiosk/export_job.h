// Admin mode's exports, written off the UI thread into a new folder, from
// this kiosk's own records with the practice secret: every report
// (report::build_reports "all") as CSV, HTML and PDF, as `attest report all
// --kiosk DIR` writes them; or the evidence bundle for a period
// (report::write_bundle), its manifest signed with this kiosk's device key,
// as `attest export-evidence --kiosk DIR` writes it.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "content/content.h"
#include "core/assignment.h"
#include "crypto/seal.h"
#include "kiosk/background_task.h"
#include "sync/client/sync_client.h"
#include "ui/admin_records.h"

namespace attest::kiosk {

struct ExportRequest {
  ui::ExportKind kind = ui::ExportKind::kReports;
  sync::KioskPaths paths;
  std::filesystem::path folder;  // the new folder the files go in
  const content::Catalog* catalog = nullptr;
  core::AssignmentRules rules;
  std::string practice;
  Timestamp now;
  ui::ExportPeriod period;          // kBundle: the days it covers
  std::filesystem::path assets;     // kBundle: the folder `catalog` was loaded from
};

struct ExportProgress {
  std::atomic<int> written{0};
  std::atomic<int> total{0};
  std::function<void()> wake;  // after each file, so the progress bar moves
};

// Writes the export; returns how many files (reports) or events (bundle).
// Stops between files or events once `cancelled` is set.
Result<int> run_export(const ExportRequest& request, const crypto::BoxSecretKey& key,
                       ExportProgress& progress, const std::atomic<bool>& cancelled);

// Where exports may go: `<data>/exports`, then each removable drive mounted
// as a folder two levels under one of `media_roots` (/media/USER/LABEL,
// /run/media/USER/LABEL), by path.
std::vector<ui::ExportTarget> find_export_targets(const std::filesystem::path& data_dir,
                                                  const std::vector<std::filesystem::path>& media_roots);

// The new folder for an export started at `now` into `target`: in this
// kiosk's own exports folder just the local time ("2026-11-23-1640", and
// "evidence-2026-11-23-1640" for a bundle); on a drive, where other files
// are, "attest-reports-2026-11-23-1640" or "attest-evidence-...". A folder
// that exists already gets "-2", "-3", ... after it.
std::filesystem::path new_export_folder(const std::filesystem::path& target,
                                        const std::filesystem::path& data_dir,
                                        const Timestamp& now,
                                        ui::ExportKind kind = ui::ExportKind::kReports);

// One export at a time, for AdminService: started and read on the UI thread.
class ExportRunner {
 public:
  explicit ExportRunner(std::function<void()> wake) : wake_(wake), task_(std::move(wake)) {}
  // Takes a copy of the secret for the thread, wiped when it ends.
  void start(ExportRequest request, std::shared_ptr<const crypto::BoxSecretKey> key);
  ui::ExportJob state();
  void reset();
  // Admin mode closed: stop between files, and forget the last export.
  void cancel();
  void join() { task_.join(); }

 private:
  const std::function<void()> wake_;
  BackgroundTask<Result<int>> task_;
  std::shared_ptr<ExportProgress> progress_;
  ui::ExportJob state_;
  bool discard_ = false;  // the running export was cancelled: drop its outcome
};

}  // namespace attest::kiosk
