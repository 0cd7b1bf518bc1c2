// The pages that show one of the CLI's reports: the compliance matrix with
// its filters, the people and their transcripts, the policies and their
// attestation rosters, and the incident log.
#include <deque>
#include <set>

#include "dashboard/pages.h"
#include "report/html.h"
#include "report/report_set.h"

namespace attest::dashboard {

using report::html_escape;

namespace {

WebResponse report_page(const PageRequest& r, const report::Document& doc, std::string_view extra,
                        std::string_view after = {}) {
  std::string body = after_report_header(report::to_html_fragment(doc), extra);
  body = "<section id=\"report\" aria-label=\"" + html_escape(doc.title) + "\">\n" + body +
         "</section>\n" + std::string(after);
  return html_page(r.frame, doc.title, body);
}

std::string option(const std::string& value, const std::string& label, const std::string& chosen) {
  return "<option value=\"" + html_escape(value) + "\"" + (value == chosen ? " selected" : "") +
         ">" + html_escape(label) + "</option>";
}

// Links to the same report as files, with the page's query.
std::string download_links(const std::string& kind, const std::string& query) {
  std::string out = "<p class=\"downloads\">Download this report: ";
  const char* exts[] = {"csv", "html", "pdf"};
  const char* names[] = {"CSV", "HTML", "PDF"};
  for (int i = 0; i < 3; ++i) {
    out += std::string(i ? " \u00b7 " : "") + "<a class=\"export\" href=\"/exports/" + kind + "." +
           exts[i] + (query.empty() ? "" : "?" + html_escape(query)) + "\">" + names[i] + "</a>";
  }
  return out + "</p>\n";
}

// A form to record a review of an incident not yet closed: what was done,
// the breach-notification determination, the risk assessment's reasoning,
// whether it is closed, and who reviewed it (an IncidentReviewed record, as
// `attest incident review` and the kiosk's admin mode make).
std::string review_form(const report::Ledger& ledger, const std::string& csrf) {
  std::vector<const report::IncidentRecord*> open;
  for (const auto& inc : ledger.incidents()) {
    const report::IncidentReview* last = nullptr;
    for (const auto& rv : ledger.incident_reviews()) {
      if (rv.incident == inc.event_id) last = &rv;
    }
    if (!last || !last->closed) open.push_back(&inc);
  }
  std::string out = "<section class=\"panel\" aria-labelledby=\"review-heading\"><h2 id=\"review-heading\">"
                    "Record a review</h2>\n";
  if (open.empty()) return out + "<p>Every incident reported is closed.</p></section>\n";
  out += "<form id=\"review\" class=\"stack\" method=\"post\" action=\"/incidents/review\">" +
         csrf_field(csrf) +
         "<div class=\"field\"><label for=\"incident\">Incident</label><select id=\"incident\" "
         "name=\"incident\">";
  for (const auto* inc : open) {
    std::string what = inc->opened ? inc->what : "sealed";
    if (what.size() > 70) what = what.substr(0, 67) + "...";
    out += "<option value=\"" + hex_encode(inc->event_id) + "\">" +
           html_escape(report::time_text(inc->time) + " \u2014 " + what) + "</option>";
  }
  out += "</select></div>\n"
         "<div class=\"field\"><label for=\"response\">What was done</label><textarea id=\"response\" "
         "name=\"response\" rows=\"3\" maxlength=\"4000\" required></textarea></div>\n"
         "<fieldset class=\"field\"><legend>Breach notification</legend>"
         "<label><input type=\"radio\" name=\"notification\" value=\"not-required\" required> Not required</label>"
         "<label><input type=\"radio\" name=\"notification\" value=\"required\"> Required</label>"
         "<label><input type=\"radio\" name=\"notification\" value=\"undetermined\"> Not yet determined</label>"
         "</fieldset>\n"
         "<div class=\"field\"><label for=\"reasoning\">Risk assessment: the reasoning</label><textarea "
         "id=\"reasoning\" name=\"reasoning\" rows=\"3\" maxlength=\"4000\"></textarea></div>\n"
         "<div class=\"field check\"><input type=\"checkbox\" id=\"close\" name=\"close\" value=\"1\">"
         "<label for=\"close\">Close this incident</label></div>\n"
         "<div class=\"field\"><label for=\"by\">Reviewed by (your name)</label><input id=\"by\" name=\"by\" "
         "maxlength=\"200\" autocomplete=\"name\" required></div>\n"
         "<p><button type=\"submit\" class=\"button\">Record the review</button></p></form></section>\n";
  return out;
}

}  // namespace

WebResponse matrix_page(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/matrix";
  auto as_of = as_of_param(d, r.web);
  if (!as_of.ok()) return error_page(r.frame, 400, "Compliance matrix", as_of.error().message);
  auto loaded = load_view(d, r, view_of({"matrix"}, *as_of));
  if (!loaded.ok()) return error_page(r.frame, 500, "Compliance matrix", loaded.error().message);
  const report::Ledger& ledger = (*loaded)->loaded.ledger;
  report::MatrixFilter filter;
  filter.role = r.web.param("role");
  filter.person_id = r.web.param("person");
  filter.include_inactive = r.web.param("inactive") == "1";
  const report::Document doc = report::compliance_matrix(ledger, context_now(**loaded), filter);

  std::set<std::string> roles;
  std::vector<std::pair<std::string, std::string>> people;  // name, id
  for (const auto& [id, entry] : ledger.roster()) {
    if (!entry.person.role.empty()) roles.insert(entry.person.role);
    people.emplace_back(entry.person.name.empty() ? id : entry.person.name, id);
  }
  std::sort(people.begin(), people.end());
  std::string form = "<form id=\"filters\" class=\"filters\" method=\"get\" action=\"/matrix\">\n";
  form += "<div class=\"field\"><label for=\"role\">Role</label><select id=\"role\" name=\"role\">" +
          option("", "Every role", filter.role);
  for (const auto& role : roles) form += option(role, role, filter.role);
  form += "</select></div>\n";
  form += "<div class=\"field\"><label for=\"person\">Person</label><select id=\"person\" "
          "name=\"person\">" + option("", "Everyone", filter.person_id);
  for (const auto& [name, id] : people) form += option(id, name, filter.person_id);
  form += "</select></div>\n";
  form += "<div class=\"field\"><label for=\"as-of\">As of</label><input type=\"date\" "
          "id=\"as-of\" name=\"as_of\" value=\"" + format_date(*as_of) + "\" max=\"" +
          format_date(d.today()) + "\"></div>\n";
  form += "<div class=\"field check\"><input type=\"checkbox\" id=\"inactive\" name=\"inactive\" "
          "value=\"1\"" + std::string(filter.include_inactive ? " checked" : "") +
          "><label for=\"inactive\">Include people who have left</label></div>\n";
  form += "<button type=\"submit\" class=\"button\">Show</button>\n";
  form += "<a class=\"button secondary\" href=\"/matrix\">Clear</a>\n</form>\n";

  std::string query;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
  };
  add("role", filter.role);
  add("person", filter.person_id);
  add("as_of", r.web.param("as_of"));
  add("inactive", filter.include_inactive ? "1" : "");
  return report_page(r, doc, form + download_links("matrix", query));
}

WebResponse people_page(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/people";
  auto loaded = load_view(d, r, view_of({"matrix"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "People", loaded.error().message);
  const report::Ledger& ledger = (*loaded)->loaded.ledger;
  report::MatrixFilter everyone;
  everyone.include_inactive = true;
  const report::Document matrix = report::compliance_matrix(ledger, context_now(**loaded), everyone);
  // The matrix's first table has a row per person, by name: its cells'
  // tones say done, due or overdue, as the matrix shows them.
  // name -> done, due, overdue, a row each in the matrix's order (by name,
  // then id), which is the order the people are listed in below.
  std::map<std::string, std::deque<std::array<int, 3>>> counts;
  if (const report::Table* t = matrix.main_table()) {
    for (const auto& row : t->rows) {
      std::array<int, 3> c{};
      for (size_t i = t->key_columns; i < row.size(); ++i) {
        if (row[i].tone == report::Tone::kGood) c[0]++;
        if (row[i].tone == report::Tone::kWarn) c[1]++;
        if (row[i].tone == report::Tone::kBad) c[2]++;
      }
      if (!row.empty()) counts[row[0].text].push_back(c);
    }
  }
  std::vector<const report::RosterEntry*> entries;
  for (const auto& [id, e] : ledger.roster()) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) {
    return std::tie(a->person.name, a->person.id) < std::tie(b->person.name, b->person.id);
  });
  std::string body = heading("People");
  body += "<p class=\"lead\">Everyone on the roster. Open a name for that person's training "
          "transcript. Counts are from the compliance matrix as of today.</p>\n";
  body += "<div class=\"panel\"><div class=\"table-wrap\"><table id=\"people\">\n<thead><tr><th scope=\"col\">Name</th>"
          "<th scope=\"col\">Role</th><th scope=\"col\">Hired</th><th scope=\"col\">Status</th>"
          "<th scope=\"col\" class=\"num\">Done</th><th scope=\"col\" class=\"num\">Due</th>"
          "<th scope=\"col\" class=\"num\">Overdue</th></tr></thead>\n<tbody>\n";
  for (const auto* e : entries) {
    const core::Person& p = e->person;
    const std::string name = p.name.empty() ? p.id : p.name;
    std::array<int, 3> c{};
    if (auto it = counts.find(name); it != counts.end() && !it->second.empty()) {
      c = it->second.front();
      it->second.pop_front();
    }
    body += "<tr><td><a href=\"/people/" + html_escape(url_encode(p.id)) + "\">" + html_escape(name) +
            "</a></td><td>" + html_escape(p.role) + "</td><td class=\"nb\">" +
            format_date(p.hired) + "</td><td>" + (p.active ? "active" : "<span class=\"muted\">left</span>") +
            "</td><td class=\"num\">" + std::to_string(c[0]) + "</td><td class=\"num" +
            (c[1] ? " warn" : "") + "\">" + std::to_string(c[1]) + "</td><td class=\"num" +
            (c[2] ? " bad" : "") + "\">" + std::to_string(c[2]) + "</td></tr>\n";
  }
  body += "</tbody></table></div></div>\n";
  return html_page(r.frame, "People", body);
}

WebResponse transcript_page(Dashboard::Impl& d, PageRequest& r, const std::string& person) {
  r.frame.active = "/people";
  auto loaded = load_view(d, r, view_of({"transcript"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Transcript", loaded.error().message);
  auto doc = report::transcript((*loaded)->loaded.ledger, context_now(**loaded), person);
  if (!doc) return error_page(r.frame, 404, "Transcript", "Nobody on the roster has the id " + person + ".");
  return report_page(r, *doc,
                     "<p><a href=\"/people\">All people</a></p>\n" +
                         download_links("transcript", "person=" + url_encode(person)));
}

WebResponse policies_page(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/policies";
  auto loaded = load_view(d, r, view_of({"attestations"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Policies", loaded.error().message);
  const report::ReportContext ctx = context_now(**loaded);
  const report::Ledger& ledger = (*loaded)->loaded.ledger;
  std::map<std::pair<std::string, std::string>, int> signed_by;  // (policy, version) -> people
  {
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& a : ledger.attestations()) {
      if (seen.insert({a.policy_id, a.version, a.person_id}).second) signed_by[{a.policy_id, a.version}]++;
    }
  }
  std::string body = heading("Policies");
  body += "<p class=\"lead\">Every version of every policy in the curriculum. Open one for its "
          "attestation roster: who signed that exact text, when, with the signature drawn.</p>\n";
  body += "<div class=\"panel\"><div class=\"table-wrap\"><table id=\"policies\">\n<thead><tr><th scope=\"col\">Policy</th>"
          "<th scope=\"col\" class=\"num\">Version</th><th scope=\"col\">Effective</th>"
          "<th scope=\"col\">In force</th><th scope=\"col\" class=\"num\">Signed</th>"
          "</tr></thead>\n<tbody>\n";
  for (const content::Item* p : ctx.catalog->of_kind(content::Kind::kPolicy)) {
    const std::string version = std::to_string(p->version);
    const bool in_force = report::item_in_force(ctx, ledger, content::Kind::kPolicy, p->id) == p;
    body += "<tr><td><a href=\"/policies/" + html_escape(url_encode(p->id)) + "/" + version + "\">" +
            html_escape(p->title) + "</a></td><td class=\"num\">" + version + "</td><td class=\"nb\">" +
            html_escape(p->effective ? format_date(*p->effective) : std::string()) + "</td><td>" +
            (in_force ? "<span class=\"good\">in force</span>" : "<span class=\"muted\">no</span>") +
            "</td><td class=\"num\">" + std::to_string(signed_by[{p->id, version}]) + "</td></tr>\n";
  }
  body += "</tbody></table></div></div>\n";
  return html_page(r.frame, "Policies", body);
}

WebResponse roster_page(Dashboard::Impl& d, PageRequest& r, const std::string& policy,
                        const std::string& version) {
  r.frame.active = "/policies";
  auto loaded = load_view(d, r, view_of({"attestations"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Attestation roster", loaded.error().message);
  const report::ReportContext ctx = context_now(**loaded);
  bool known = false;
  for (const content::Item* p : ctx.catalog->of_kind(content::Kind::kPolicy)) {
    known = known || (p->id == policy && std::to_string(p->version) == version);
  }
  if (!known) {
    return error_page(r.frame, 404, "Attestation roster",
                      "The curriculum has no policy " + policy + " version " + version + ".");
  }
  const report::Document doc = report::attestation_roster((*loaded)->loaded.ledger, ctx, policy, version);
  return report_page(r, doc,
                     "<p><a href=\"/policies\">All policies</a></p>\n" +
                         download_links("attestations", "policy=" + url_encode(policy) +
                                                            "&version=" + url_encode(version)));
}

WebResponse incidents_page(Dashboard::Impl& d, PageRequest& r, std::string_view refusal) {
  r.frame.active = "/incidents";
  if (!incidents_open(d, r) || !refusal.empty()) {
    std::string body = heading("Security incident log");
    body += "<p class=\"lead\">Incident reports hold what staff saw and who they are. Enter the "
            "practice passphrase again to open them, and the exports that hold them (the incident "
            "log's files and the evidence bundle); they stay open for " +
            std::to_string(d.sessions.policy().incidents_open_ms / 60000) +
            " minutes. Opening them is recorded.</p>\n";
    if (!refusal.empty()) {
      body += "<p id=\"error\" class=\"error\" role=\"alert\">" + html_escape(refusal) + "</p>\n";
    }
    const bool to_exports = r.web.param("next") == "/exports" || r.web.field("next") == "/exports";
    body += "<form id=\"open-incidents\" class=\"panel\" method=\"post\" action=\"/incidents/open\">" +
            csrf_field(r.session.csrf) +
            (to_exports ? "<input type=\"hidden\" name=\"next\" value=\"/exports\">" : "") +
            "<div class=\"field\"><label for=\"passphrase\">Passphrase</label><input type=\"password\" "
            "id=\"passphrase\" name=\"passphrase\" autocomplete=\"current-password\" required></div>"
            "<p><button type=\"submit\" class=\"button\">Open the incident log</button></p></form>\n";
    return html_page(r.frame, "Security incident log", body, refusal.empty() ? 200 : 401);
  }
  auto loaded = load_view(d, r, view_of({"incidents"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Security incident log", loaded.error().message);
  const report::Ledger& ledger = (*loaded)->loaded.ledger;
  const report::Document doc = report::incident_log(ledger, context_now(**loaded));
  std::string notice;
  if (!r.web.param("reviewed").empty()) {
    notice = "<p id=\"notice\" class=\"ok\" role=\"status\">The review is recorded, signed "
             "on this server's chain.</p>\n";
  }
  return report_page(r, doc, notice + download_links("incidents", ""), review_form(ledger, r.session.csrf));
}

WebResponse review_incident(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/incidents";
  if (!incidents_open(d, r)) return redirect("/incidents");
  const std::string& by = r.web.field("by");
  const std::string& response = r.web.field("response");
  const std::string& notification = r.web.field("notification");
  auto refuse = [&](const std::string& why) {
    return error_page(r.frame, 400, "Review an incident", why + " Nothing was recorded.");
  };
  if (response.empty() || by.empty()) return refuse("Say what was done and who reviewed it.");
  if (notification != "required" && notification != "not-required" && notification != "undetermined") {
    return refuse("Say whether breach notification is required.");
  }
  if (response.size() > 4000 || r.web.field("reasoning").size() > 4000 || by.size() > 200) {
    return refuse("That is longer than a review can be (4,000 characters).");
  }
  auto loaded = load_view(d, r, view_of({"incidents"}, d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Review an incident", loaded.error().message);
  const report::IncidentRecord* incident = nullptr;
  for (const auto& inc : (*loaded)->loaded.ledger.incidents()) {
    if (hex_encode(inc.event_id) == r.web.field("incident")) incident = &inc;
  }
  if (!incident) return refuse("No incident report has that id.");
  core::EventDraft draft;
  draft.kind = core::EventKind::kIncidentReviewed;
  draft.refers_to = incident->event_id;
  draft.body_fields = {{"response", response},
                       {"reasoning", r.web.field("reasoning")},
                       {"closed", r.web.field("close") == "1"},
                       {"reviewer_name", by}};
  // As `attest incident review` records it: no determination yet is no field.
  if (notification != "undetermined") draft.body_fields["notification_required"] = notification == "required";
  if (Status s = d.record_draft(std::move(draft)); !s.ok()) {
    return error_page(r.frame, 500, "Review an incident", s.error().message);
  }
  WebResponse out = redirect("/incidents?reviewed=1");
  out.note = "incident reviewed";
  return out;
}

}  // namespace attest::dashboard
