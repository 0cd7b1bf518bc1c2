// Devices: every kiosk and office server chain in the store, a one-time
// pairing code for a new kiosk (as `attest-server pair` prints), and
// revoking a kiosk that is lost or retired (as `attest-server devices
// --revoke`), behind a page that asks first.
#include "crypto/device_key.h"
#include "dashboard/pages.h"
#include "report/html.h"
#include "sync/protocol/pairing.h"

namespace attest::dashboard {

using report::html_escape;

WebResponse devices_page(Dashboard::Impl& d, PageRequest& r, std::string_view notice) {
  r.frame.active = "/devices";
  auto devices = d.store.devices();
  auto sites = d.store.sites();
  if (!devices.ok() || !sites.ok()) {
    return error_page(r.frame, 500, "Devices", (devices.ok() ? sites.error() : devices.error()).message);
  }
  std::string body = heading("Devices");
  if (!notice.empty()) body += "<p id=\"notice\" class=\"ok\" role=\"status\">" + html_escape(notice) + "</p>\n";
  body += "<section class=\"panel\" aria-labelledby=\"pair-heading\"><h2 id=\"pair-heading\">Pair a kiosk</h2>\n"
          "<p>Make a one-time code, then enter it on the new kiosk's pairing screen within 10 "
          "minutes. Only a kiosk paired with a code can send records here.</p>\n"
          "<form id=\"pair\" method=\"post\" action=\"/devices/pair\">" + csrf_field(r.session.csrf) +
          "<button type=\"submit\" class=\"button\">Make a pairing code</button></form></section>\n";
  body += "<section class=\"panel\" aria-labelledby=\"list-heading\"><h2 id=\"list-heading\">Paired "
          "devices</h2>\n<div class=\"table-wrap\"><table id=\"devices\">\n<thead><tr>"
          "<th scope=\"col\">Name</th><th scope=\"col\">Site</th><th scope=\"col\">Device id</th>"
          "<th scope=\"col\">Paired</th><th scope=\"col\">Last sync</th>"
          "<th scope=\"col\" class=\"num\">Records</th><th scope=\"col\">Status</th>"
          "<th scope=\"col\"><span class=\"visually-hidden\">Action</span></th></tr></thead>\n<tbody>\n";
  for (const auto& dev : *devices) {
    const std::string hex = hex_encode(dev.id);
    const bool server = is_server_chain(*sites, dev);
    std::string status = dev.revoked_utc_ms ? "revoked " + when_text(dev.revoked_utc_ms)
                         : server           ? "office server"
                                            : "active";
    body += "<tr data-device=\"" + hex + "\"><td>" + html_escape(dev.name) + "</td><td>" +
            html_escape(dev.site_id) + "</td><td class=\"mono\" title=\"" + hex + "\">" +
            hex.substr(0, 16) + "\u2026</td><td class=\"nb\">" + html_escape(when_text(dev.enrolled_utc_ms)) +
            "</td><td class=\"nb\">" + html_escape(server ? "\u2014" : when_text(dev.last_seen_utc_ms)) +
            "</td><td class=\"num\">" + std::to_string(dev.stored_through_seq) + "</td><td class=\"status" +
            (dev.revoked_utc_ms ? " muted" : "") + "\">" + html_escape(status) + "</td><td>";
    if (!server && !dev.revoked_utc_ms) {
      body += "<a class=\"button danger\" href=\"/devices/" + hex + "/revoke\" aria-label=\"Revoke " +
              html_escape(dev.name) + "\">Revoke</a>";
    }
    body += "</td></tr>\n";
  }
  body += "</tbody></table></div></section>\n";
  return html_page(r.frame, "Devices", body);
}

WebResponse pair_device(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/devices";
  auto site = d.store.site_of_server(d.server_key.public_key());
  if (!site.ok() || !*site) {
    return error_page(r.frame, 500, "Pair a kiosk", "This server's key is not the key of any site in the store.");
  }
  const Timestamp now = d.clock.now();
  const std::string code = sync::make_pairing_code(d.rng);
  if (Status s = d.store.add_pairing_code(sync::pairing_key(sync::normalize_pairing_code(code)),
                                          (*site)->id, now.utc_ms, now.utc_ms + sync::kPairingCodeLifetimeMs);
      !s.ok()) {
    return error_page(r.frame, 500, "Pair a kiosk", s.error().message);
  }
  const Timestamp until{now.utc_ms + sync::kPairingCodeLifetimeMs, now.offset_minutes};
  std::string body = heading("Pair a kiosk");
  body += "<section class=\"panel\"><p>Enter this code on the kiosk's pairing screen:</p>\n"
          "<p id=\"pairing-code\" class=\"code\">" + html_escape(code) + "</p>\n"
          "<p>It works once, until " + html_escape(report::time_text(until)) + ".</p>\n"
          "<p>The kiosk's pairing page shows this server's key fingerprint; check that it reads:<br>"
          "<span class=\"mono\">" + html_escape(sync::grouped_hex(crypto::fingerprint(d.server_key.public_key()))) +
          "</span></p>\n<p><a href=\"/devices\">Back to the devices</a></p></section>\n";
  WebResponse out = html_page(r.frame, "Pair a kiosk", body);
  out.note = "pairing code made";
  return out;
}

WebResponse revoke_page(Dashboard::Impl& d, PageRequest& r, const std::string& device, bool confirm) {
  r.frame.active = "/devices";
  auto devices = d.store.devices();
  auto sites = d.store.sites();
  if (!devices.ok() || !sites.ok()) {
    return error_page(r.frame, 500, "Revoke a kiosk", (devices.ok() ? sites.error() : devices.error()).message);
  }
  const store::DeviceRecord* found = nullptr;
  for (const auto& dev : *devices) {
    if (hex_encode(dev.id) == device) found = &dev;
  }
  if (!found || is_server_chain(*sites, *found)) {
    return error_page(r.frame, 404, "Revoke a kiosk", "No kiosk has the id " + device + ".");
  }
  if (confirm) {
    auto revoked = d.store.revoke_device(found->id, d.clock.now().utc_ms);
    if (!revoked.ok()) return error_page(r.frame, 500, "Revoke a kiosk", revoked.error().message);
    WebResponse out = devices_page(d, r, *revoked ? "Revoked " + found->name +
                                                      ". Its records stay; it can no longer sync."
                                                : found->name + " was already revoked.");
    out.note = "revoked";
    return out;
  }
  std::string body = heading("Revoke " + found->name + "?");
  body += "<section class=\"panel\"><p>A revoked kiosk can no longer send records or receive the "
          "roster. Every record it has already sent stays in the master store and in every "
          "report. Records it made and has not sent yet stay on the kiosk.</p>\n"
          "<p>This cannot be undone: to use the kiosk again, pair it anew.</p>\n"
          "<form id=\"revoke\" method=\"post\" action=\"/devices/" + device + "/revoke\">" +
          csrf_field(r.session.csrf) +
          "<p><button type=\"submit\" class=\"button danger\">Revoke " + html_escape(found->name) +
          "</button> <a class=\"button secondary\" href=\"/devices\">Keep it</a></p></form></section>\n";
  return html_page(r.frame, "Revoke a kiosk", body);
}

}  // namespace attest::dashboard
