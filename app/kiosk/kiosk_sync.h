// The kiosk's link to the office server: the sync worker while paired, and
// pairing from admin mode. Pairing (HTTP) runs on a thread of its own and
// opens its own store connection, never the UI's; when it has worked, the
// UI thread takes the result (take_paired()) and a worker for the new
// address takes over from any old one. wake() is called from those threads
// and must only wake the UI.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sync/client/pairing.h"
#include "sync/client/sync_worker.h"
#include "ui/admin_backend.h"

namespace attest::kiosk {

class KioskSync {
 public:
  KioskSync(sync::KioskPaths paths, std::string device_name, std::function<void()> wake);
  ~KioskSync();
  KioskSync(const KioskSync&) = delete;
  KioskSync& operator=(const KioskSync&) = delete;

  // Starts syncing with the server at `url`. A worker for an earlier
  // pairing is asked to stop but not waited for (it may be finishing a
  // sync: the UI must not wait); stop() joins it.
  void start_worker(const std::string& url);
  sync::SyncWorker* worker() { return worker_.get(); }
  const sync::KioskPaths& paths() const { return paths_; }

  void start_pairing(std::string url, std::string code);
  ui::PairingJob pairing_job() const;
  // The pairing that has just worked, once; call on the UI thread.
  std::optional<sync::PairedKiosk> take_paired();
  void reset_pairing();
  // Stops the workers and waits for a pairing under way.
  void stop();

 private:
  void join_pairing();

  const sync::KioskPaths paths_;
  const std::string device_name_;
  const std::function<void()> wake_;
  std::unique_ptr<sync::SyncWorker> worker_;
  std::vector<std::unique_ptr<sync::SyncWorker>> retired_;
  mutable std::mutex mu_;
  ui::PairingJob job_;                    // guarded by mu_
  std::optional<sync::PairedKiosk> paired_;  // guarded by mu_
  std::string paired_url_;                // guarded by mu_
  std::thread pairing_;
};

// A pairing failure in words the Security Official can act on.
std::string pairing_failure_words(const Error& e);
// A worker's message as a sentence: "the code is wrong" -> "The code is wrong."
std::string as_sentence(std::string s);

}  // namespace attest::kiosk
