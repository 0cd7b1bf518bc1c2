// README.txt of an evidence bundle: written for an auditor who has never
// seen Attest, so it says what the records are, where each thing is, and
// how to check the bundle with the tool and by hand.
#include "report/bundle_writer.h"

namespace attest::report {

namespace {

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

std::string bundle_readme(const BundleManifest& m, const std::vector<BundleDevice>& devices,
                          const std::optional<crypto::SignPublicKey>& server_key,
                          uint64_t events, uint64_t bodies, size_t reports) {
  const bool server = m.source == "server";
  std::string example_device = devices.empty() ? "<device id>" : hex_encode(devices.front().id);
  for (const auto& h : m.devices) {
    example_device = hex_encode(h.device);
    break;
  }
  std::string s;
  s += "Evidence bundle: HIPAA security awareness training records\n";
  s += "==========================================================\n\n";
  s += "Practice:   " + m.practice + "\n";
  s += "Period:     " + format_date(m.from) + " to " + format_date(m.to) + " (reports are as of " +
       format_date(m.as_of) + ")\n";
  s += "Generated:  " + m.generated_at + " by " + m.generated_by +
       (m.app_version.empty() ? "" : ", with attest " + m.app_version) + "\n";
  s += std::string("Source:     ") +
       (server ? "the practice's office server (its master record store)"
               : "a kiosk's own record store (the practice has no office server)") + "\n";
  s += "Contents:   " + thousands(m.devices.size()) +
       (m.devices.size() == 1 ? " device chain, " : " device chains, ") + thousands(events) +
       " signed records, " + thousands(bodies) + " opened record bodies, " + thousands(reports) +
       " reports\n\n";

  s += "What this is\n------------\n";
  s += "Attest keeps the practice's security-training records: module completions, quiz\n"
       "attempts, policy attestations with typed names and drawn signatures, incident\n"
       "reports and their reviews, sign-ins, roster changes and the designation of the\n"
       "Security and Privacy Officials. Each record is an event signed with the Ed25519\n"
       "key of the device it was made on and chained to that device's previous event by\n"
       "SHA-256, so a changed, removed or reordered record breaks the chain. This folder\n"
       "holds each device's whole chain from its first record to its last record dated\n"
       "on or before " + format_date(m.to) + ", the public keys to check them, the exact\n"
       "texts people were trained on, and the reports built from those records alone.\n\n";

  s += "Files\n-----\n";
  s += "manifest.json            the practice, the period, the last record of each device,\n"
       "                         and the SHA-256 of every other file in this folder\n";
  s += std::string("manifest.sig             an Ed25519 signature over manifest.json by ") +
       (server ? "the server key\n" : "the kiosk's device key\n");
  s += "keys/devices.json        each device: id, name and Ed25519 public key\n";
  if (server_key) s += "keys/server.pub          the office server's Ed25519 public key (hex)\n";
  s += "keys/practice.pub        the practice's X25519 public key (hex); record bodies are\n"
       "                         sealed to it\n";
  s += "events/<device>.jsonl    one signed record per line, in sequence: seq, the decoded\n"
       "                         header (kind, person_id, subject, time, retain_until,\n"
       "                         body_digest, refers_to, ...), hash, signature, and the\n"
       "                         signed bytes (canonical_header and sealed_body, base64)\n";
  if (m.bodies_opened) {
    s += "bodies/<device>.jsonl    the opened body of each record the reports read, one a\n"
         "                         line in sequence: {\"seq\":N,\"body\":{...}}. Names, typed\n"
         "                         signatures, quiz scores, incident details. Disclosed by\n"
         "                         the Security Official; confidential.\n";
  } else {
    s += "(no bodies/)             this bundle was made without the practice passphrase:\n"
         "                         names and details in record bodies stay sealed, and the\n"
         "                         reports say \"sealed\" where they would appear\n";
  }
  s += "curriculum/              the training modules, quizzes, policies and reminders\n"
       "                         the reports list, byte for byte\n";
  s += "reports/                 every report (" ;
  for (size_t i = 0; i < m.formats.size(); ++i) s += (i ? ", " : "") + m.formats[i];
  s += "): compliance matrix, overdue list,\n"
       "                         coverage, curriculum, transcripts, attestation rosters,\n"
       "                         incidents, sign-ins, designations, reminders, retention\n\n";

  s += "The period\n----------\n";
  s += "Incidents and their reviews, sign-ins, quiz attempts and reminder\n"
       "acknowledgements are reported for the period only. The roster, training\n"
       "completions, attestations, designations and policy versions count from the\n"
       "first record, because they are what was in force during the period.\n\n";

  s += "How to check this bundle\n------------------------\n";
  s += "1. Compare these key fingerprints with the practice's own records of its\n"
       "   devices. A device id is the fingerprint of its key (the first 16 bytes of\n"
       "   the SHA-256 of the public key).\n\n";
  if (server_key) {
    s += "   " + pad("Office server key", 28) + hex_encode(crypto::fingerprint(*server_key)) + "\n";
  }
  for (const auto& d : devices) {
    s += "   " + pad("Device \"" + d.name + "\"", 28) + hex_encode(crypto::fingerprint(d.key)) + "\n";
  }
  s += "\n2. Run\n\n       attest verify-bundle <this folder>\n\n"
       "   It needs only this folder, no network and no password. It checks the manifest\n"
       "   signature and the SHA-256 of every file; every hash, link and signature of\n"
       "   each device's chain, and that it ends where the manifest says; that every\n"
       "   opened body matches its record; and it rebuilds every report from the\n"
       "   records and the curriculum here and compares them with reports/ (CSV and\n"
       "   HTML byte for byte). Exit status 0 means every check passed; 1 lists each\n"
       "   failing file and record.\n\n";
  s += "3. Check one record by hand. Every opened body carries 16 random bytes, so its\n"
       "   SHA-256 reveals nothing, yet it must equal the body_digest the device signed.\n"
       "   A body's bytes are everything between \"body\": and the line's last }, so for\n"
       "   a record with an opened body, say seq 17:\n\n"
       "       grep '^{\"seq\":17,' bodies/" + example_device + ".jsonl |\n"
       "         sed -e 's/^{\"seq\":[0-9]*,\"body\"://' -e 's/}$//' | tr -d '\\n' | sha256sum\n\n"
       "   must print the \"body_digest\" of the line with \"seq\":17 in\n"
       "   events/" + example_device + ".jsonl. Likewise\n\n"
       "       sha256sum curriculum/policies/<policy>.md\n\n"
       "   prints the \"content_sha256\" in the subject of every record about that\n"
       "   exact version of the text.\n";
  return s;
}

}  // namespace attest::report
