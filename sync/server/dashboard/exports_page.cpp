// Exports: every report the CLI makes, as CSV, HTML or PDF, built by the
// same code (report::build_reports) from the same records; and the
// evidence bundle for an auditor as one zip file, signed by this server's
// key as `attest export-evidence` signs it.
#include <chrono>

#include "dashboard/pages.h"
#include "dashboard/zip_folder.h"
#include "report/bundle_writer.h"
#include "report/html.h"
#include "report/report_set.h"

namespace attest::dashboard {

using report::html_escape;
namespace fs = std::filesystem;

namespace {

// The reports with one file each; transcripts and attestation rosters are
// per person and per policy, on the People and Policies pages.
bool single_report(std::string_view kind) { return kind != "transcript" && kind != "attestations"; }

}  // namespace

WebResponse exports_page(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/exports";
  std::string body = heading("Exports");
  body += "<p class=\"lead\">Each report as of today, as <code>attest report</code> makes it. "
          "Transcripts are on each person's page and attestation rosters on each policy's.</p>\n";
  body += "<section class=\"panel\" aria-labelledby=\"reports-heading\"><h2 id=\"reports-heading\">Reports</h2>\n"
          "<ul class=\"exports\">\n";
  for (const auto& k : report::report_kinds()) {
    if (!single_report(k.id)) continue;
    body += std::string("<li><span class=\"name\">") + html_escape(k.title) + "</span>";
    for (const char* ext : {"csv", "html", "pdf"}) {
      std::string upper = ext;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      body += std::string("<a class=\"export\" href=\"/exports/") + k.id + "." + ext +
              "\" aria-label=\"" + html_escape(k.title) + " as " + upper + "\">" + upper + "</a>";
    }
    body += "</li>\n";
  }
  body += "</ul></section>\n";
  const Date today = d.today();
  const CivilDate c = civil_from_date(today);
  const Date year_start = date_from_civil({c.year, 1, 1});
  body += "<section class=\"panel\" aria-labelledby=\"bundle-heading\"><h2 id=\"bundle-heading\">"
          "Evidence bundle for an auditor</h2>\n<p>Every signed record of the period, the public "
          "keys, every report, and a README that says how to check it. The auditor runs "
          "<code>attest verify-bundle</code> on it with no access to this office. It can take a "
          "while for years of records.</p>\n"
          "<form id=\"bundle\" class=\"filters\" method=\"post\" action=\"/exports/bundle\">" +
          csrf_field(r.session.csrf) +
          "<div class=\"field\"><label for=\"from\">From</label><input type=\"date\" id=\"from\" "
          "name=\"from\" value=\"" + format_date(year_start) + "\" required></div>"
          "<div class=\"field\"><label for=\"to\">To</label><input type=\"date\" id=\"to\" name=\"to\" "
          "value=\"" + format_date(today) + "\" max=\"" + format_date(today) + "\" required></div>"
          "<button type=\"submit\" class=\"button\">Download the bundle (zip)</button></form>\n"
          "<p class=\"lead\">It holds the incident reports opened, so it asks for the passphrase "
          "again, as the incident log does.</p></section>\n";
  return html_page(r.frame, "Exports", body);
}

WebResponse export_report(Dashboard::Impl& d, PageRequest& r, const std::string& file) {
  r.frame.active = "/exports";
  const size_t dot = file.rfind('.');
  const std::string kind = dot == std::string::npos ? file : file.substr(0, dot);
  auto formats = report::parse_formats(dot == std::string::npos ? "" : file.substr(dot + 1));
  const bool known = std::any_of(report::report_kinds().begin(), report::report_kinds().end(),
                                 [&](const auto& k) { return kind == k.id; });
  if (!known || !formats.ok() || formats->size() != 1) {
    return error_page(r.frame, 404, "Not found", "There is no export " + file + ".");
  }
  if (kind == "incidents" && !incidents_open(d, r)) return redirect("/incidents?next=/exports");
  auto as_of = as_of_param(d, r.web);
  if (!as_of.ok()) return error_page(r.frame, 400, "Export", as_of.error().message);
  auto loaded = load_view(d, r, view_of({kind}, *as_of));
  if (!loaded.ok()) return error_page(r.frame, 500, "Export", loaded.error().message);
  report::ReportRequest request;
  request.kind = kind;
  request.filter.role = r.web.param("role");
  request.filter.person_id = r.web.param("person");
  request.filter.include_inactive = r.web.param("inactive") == "1";
  request.policy_id = r.web.param("policy");
  request.version = r.web.param("version");
  auto docs = report::build_reports((*loaded)->loaded.ledger, context_now(**loaded), request);
  if (!docs.ok()) return error_page(r.frame, 400, "Export", docs.error().message);
  if (docs->size() != 1) return error_page(r.frame, 400, "Export", "That asks for more than one report.");
  auto bytes = report::render(docs->front(), formats->front());
  if (!bytes.ok()) return error_page(r.frame, 500, "Export", bytes.error().message);
  WebResponse out;
  out.body = std::move(*bytes);
  switch (formats->front()) {
    case report::Format::kCsv: out.content_type = "text/csv; charset=utf-8"; break;
    case report::Format::kHtml: out.content_type = "text/html; charset=utf-8"; break;
    case report::Format::kPdf: out.content_type = "application/pdf"; break;
  }
  const std::string name = docs->front().id + report::format_extension(formats->front());
  out.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  out.note = "export " + name;
  return out;
}

WebResponse export_bundle(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/exports";
  // It holds every incident report opened, and every signature.
  if (!incidents_open(d, r)) return redirect("/incidents?next=/exports");
  auto from = parse_date(r.web.field("from"));
  auto to = parse_date(r.web.field("to"));
  if (!from.ok() || !to.ok() || *from > *to || *to > d.today()) {
    return error_page(r.frame, 400, "Evidence bundle",
                      "Give a period of days that have passed, From on or before To (YYYY-MM-DD).");
  }
  auto source = d.reports.open_source(*to, r.session.secret);
  if (!source.ok()) return error_page(r.frame, 500, "Evidence bundle", source.error().message);
  const crypto::SignPublicKey server_key = d.server_key.public_key();
  const report::BundleInput in = office::bundle_input(*source, d.reports.options(), &server_key);
  report::BundleOptions options;
  options.from = *from;
  options.to = *to;
  options.generated_at = office::generated_at_now();
  options.app_version = ATTEST_VERSION;
  // Made in the server's folder (never world-readable /tmp: it holds
  // opened records), sent, then removed.
  const fs::path work = d.config.server_dir / "exports";
  std::error_code ec;
  fs::create_directories(work, ec);
  fs::permissions(work, fs::perms::owner_all, fs::perm_options::replace, ec);
  const std::string stem = "evidence-" + format_date(*from) + "-to-" + format_date(*to);
  const fs::path folder = work / (stem + "-" + random_token(d.rng).substr(0, 12));
  const fs::path zip = folder.string() + ".zip";
  const report::BundleSigner signer{&d.server_key.signing(), "server"};
  auto written = report::write_bundle(folder, in, options, signer);
  Status zipped = written.ok() ? zip_folder(folder, zip, stem) : Status(written.error());
  fs::remove_all(folder, ec);
  if (!zipped.ok()) {
    fs::remove(zip, ec);
    return error_page(r.frame, 500, "Evidence bundle", zipped.error().message);
  }
  WebResponse out;
  out.content_type = "application/zip";
  out.file = zip;
  out.delete_file = true;
  out.header("Content-Disposition", "attachment; filename=\"" + stem + ".zip\"");
  out.note = "evidence bundle " + std::to_string(written->events) + " events";
  return out;
}

}  // namespace attest::dashboard
