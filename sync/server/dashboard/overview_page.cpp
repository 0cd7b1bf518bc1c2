// The overview: where training stands (the compliance matrix's own
// summary table), how many assignments are overdue and whose, incidents
// not yet closed, the kiosks and when each last synced, and the store's
// alerts (forked chains, pairing-code guessing).
#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "crypto/device_key.h"
#include "dashboard/charts.h"
#include "dashboard/pages.h"
#include "report/html.h"
#include "report/training_status.h"

namespace attest::dashboard {

using report::html_escape;

namespace {

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Done of assigned at the end of each of the last twelve months (today for
// this month), by the matrix's own rules, for the people on the roster
// then: what "completion over time" means on the chart.
std::vector<ChartPoint> completion_by_month(const report::Ledger& ledger,
                                            const report::ReportContext& ctx, Date today) {
  std::vector<core::Completion> all = ledger.due_completions();
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.on < b.on; });
  std::optional<Date> first;
  for (const auto& [id, e] : ledger.roster()) {
    if (!first || e.person.hired < *first) first = e.person.hired;
  }
  struct Month {
    std::string label;
    Date end;
    std::optional<ChartPoint> point;
  };
  std::vector<Month> months;
  const CivilDate now = civil_from_date(today);
  for (int back = 11; back >= 0; --back) {
    int year = now.year, month = now.month - back;
    while (month < 1) {
      month += 12;
      --year;
    }
    const Date end = back == 0 ? today
                               : add_days(date_from_civil({month == 12 ? year + 1 : year,
                                                           month == 12 ? 1 : month + 1, 1}), -1);
    if (!first || end < *first) continue;
    months.push_back({std::string(kMonths[month - 1]) + " " + std::to_string(year), end, {}});
  }
  // Each month's standing is worked out on its own, so they share the
  // cores: twelve assessments of everyone are most of the overview's work.
  auto assess = [&](Month& m) {
    std::vector<core::Person> people;
    for (const auto& [id, e] : ledger.roster()) {
      if (e.person.active && e.person.hired <= m.end) people.push_back(e.person);
    }
    const auto done_by = std::upper_bound(all.begin(), all.end(), m.end,
                                          [](Date d, const core::Completion& c) { return d < c.on; });
    const report::TrainingStatus st = report::training_status(
        std::move(people), std::span(all.begin(), done_by), ctx.catalog, ctx.rules, m.end,
        ledger.policy_actions(), m.end);
    int assigned = 0, complete = 0;
    for (const auto& t : st.tallies) {
      assigned += t.assigned;
      complete += t.done;
    }
    if (assigned > 0) m.point = ChartPoint{m.label, 100.0 * complete / assigned};
  };
  const size_t workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i; (i = next++) < months.size();) assess(months[i]);
    });
  }
  for (size_t i; (i = next++) < months.size();) assess(months[i]);
  for (auto& t : threads) t.join();
  std::vector<ChartPoint> points;
  for (auto& m : months) {
    if (m.point) points.push_back(std::move(*m.point));
  }
  return points;
}

std::string card(const char* id, const std::string& figure, const std::string& label,
                 const char* tone, const std::string& link, const std::string& link_text) {
  return std::string("<li class=\"card ") + tone + "\"><span class=\"figure\" id=\"" + id + "\">" +
         html_escape(figure) + "</span><span class=\"label\">" + html_escape(label) +
         "</span><br><a href=\"" + link + "\">" + html_escape(link_text) + "</a></li>\n";
}

// Everything on the overview that comes from the records: the cards, the
// charts and the matrix's summary table. Worked out once per load of the
// records; the same records give the same figures.
std::string training_sections(const report::Ledger& ledger, const report::ReportContext& ctx,
                              Date today) {
  const report::Document matrix = report::compliance_matrix(ledger, ctx);
  const report::Document overdue = report::overdue_list(ledger, ctx);
  const report::Document incidents = report::incident_log(ledger, ctx);
  const report::Table* items = nullptr;  // the matrix's summary: its second table
  for (const auto& b : matrix.blocks) {
    if (b.kind == report::Block::Kind::kTable && &b.table != matrix.main_table()) items = &b.table;
  }
  const size_t overdue_count = overdue.main_table() ? overdue.main_table()->rows.size() : 0;
  std::map<std::string, int> by_role;
  if (const report::Table* t = overdue.main_table()) {
    for (const auto& row : t->rows) by_role[row.size() > 1 ? row[1].text : std::string()]++;
  }
  size_t awaiting = 0;
  if (const report::Table* t = incidents.main_table()) {
    for (const auto& row : t->rows) awaiting += row.size() > 4 && row[4].text != "closed";
  }
  int assigned = 0, done = 0;
  if (items) {
    for (const auto& row : items->rows) {
      if (row.size() >= 5) {
        assigned += std::atoi(row[3].text.c_str());
        done += std::atoi(row[4].text.c_str());
      }
    }
  }

  std::string body = "<ul class=\"cards\">\n";
  body += card("trained-percent", report::percent_text(done, assigned),
               "of assigned training done", done == assigned ? "good" : "", "/matrix",
               "Compliance matrix");
  body += card("overdue-count", std::to_string(overdue_count),
               overdue_count == 1 ? "assignment overdue" : "assignments overdue",
               overdue_count ? "bad" : "good", "/exports/overdue.pdf", "Overdue list (PDF)");
  body += card("incidents-awaiting", std::to_string(awaiting),
               awaiting == 1 ? "incident not yet closed" : "incidents not yet closed",
               awaiting ? "warn" : "good", "/incidents", "Incident log");
  body += "</ul>\n";

  const std::vector<ChartPoint> months = completion_by_month(ledger, ctx, today);
  std::vector<ChartPoint> roles;
  for (const auto& [role, n] : by_role) roles.push_back({role.empty() ? "(no role)" : role, double(n)});
  std::sort(roles.begin(), roles.end(), [](const auto& a, const auto& b) {
    return a.value != b.value ? a.value > b.value : a.label < b.label;
  });
  body += "<div class=\"charts\">\n";
  // Each chart twice, one for a desktop's column and one a phone's width;
  // the style sheet shows one, so text stays readable on both.
  const char* kCompletion = "Share of assigned training done at each month's end";
  const char* kByRole = "Overdue assignments by role";
  body += std::string("<figure id=\"chart-completion\" class=\"panel\"><figcaption>Completion over time</figcaption>\n"
          "<div class=\"wide-chart\">") + percent_line_chart(kCompletion, "completion", months) +
          "</div><div class=\"narrow-chart\">" +
          percent_line_chart(kCompletion, "completion-narrow", months, 360) + "</div>" +
          "<details><summary>The figures</summary>" +
          chart_table("Done of assigned at each month's end", "Month", "Done", months, true) +
          "</details></figure>\n";
  body += std::string("<figure id=\"chart-overdue-by-role\" class=\"panel\"><figcaption>Overdue by role</figcaption>\n") +
          "<div class=\"wide-chart\">" + count_bar_chart(kByRole, "overdue-role", roles) +
          "</div><div class=\"narrow-chart\">" +
          count_bar_chart(kByRole, "overdue-role-narrow", roles, 360) + "</div>" +
          "<details><summary>The figures</summary>" +
          chart_table(kByRole, "Role", "Overdue", roles, false) +
          "</details></figure>\n";
  body += "</div>\n";

  body += "<section class=\"panel\" aria-labelledby=\"items-heading\"><h2 id=\"items-heading\">"
          "Training by module and policy</h2>\n";
  if (items) {
    std::string table = report::to_html_table(*items);
    const size_t at = table.find("<table");
    if (at != std::string::npos) table.insert(at + 6, " id=\"items\"");
    body += table;
  }
  body += "</section>\n";
  return body;
}

}  // namespace

ReportView overview_view(Date today) {
  ReportView view = view_of({"matrix", "overdue"}, today);
  view.record_kinds |= core::kind_bit(core::EventKind::kIncidentReported) |
                       core::kind_bit(core::EventKind::kIncidentReviewed);
  view.body_kinds |= core::kind_bit(core::EventKind::kIncidentReviewed);
  return view;
}

void warm_overview(Dashboard::Impl& d, const std::shared_ptr<const crypto::BoxSecretKey>& secret) {
  auto loaded = d.reports.get(overview_view(d.today()), secret);
  if (!loaded.ok()) return;  // the page will say why
  const Date today = d.today();
  const report::ReportContext ctx = context_now(**loaded);
  (void)(*loaded)->derived("overview",
                           [&] { return training_sections((*loaded)->loaded.ledger, ctx, today); });
}

WebResponse overview_page(Dashboard::Impl& d, PageRequest& r) {
  r.frame.active = "/";
  auto loaded = load_view(d, r, overview_view(d.today()));
  if (!loaded.ok()) return error_page(r.frame, 500, "Overview", loaded.error().message);
  const report::Ledger& ledger = (*loaded)->loaded.ledger;
  const report::ReportContext ctx = context_now(**loaded);
  auto devices = d.store.devices();
  if (!devices.ok()) return error_page(r.frame, 500, "Overview", devices.error().message);
  auto sites = d.store.sites();
  if (!sites.ok()) return error_page(r.frame, 500, "Overview", sites.error().message);
  auto alerts = d.store.alerts();
  if (!alerts.ok()) return error_page(r.frame, 500, "Overview", alerts.error().message);

  std::string body = heading("Overview");
  body += "<p class=\"lead\">" + html_escape(ctx.practice) + " as of " +
          html_escape(report::date_text(ctx.as_of)) + ", from " +
          html_escape(report::count_text(ledger.event_count(), "signed record", "signed records")) +
          " in the master store.</p>\n";
  const Date today = d.today();
  body += (*loaded)->derived("overview", [&] { return training_sections(ledger, ctx, today); });
  body += "<section class=\"panel\" aria-labelledby=\"devices-heading\"><h2 id=\"devices-heading\">"
          "Kiosks and office servers</h2>\n<div class=\"table-wrap\"><table id=\"devices\">\n"
          "<thead><tr><th scope=\"col\">Device</th><th scope=\"col\">Site</th>"
          "<th scope=\"col\">Last sync</th><th scope=\"col\" class=\"num\">Records</th>"
          "<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n";
  const int64_t now = d.clock.now().utc_ms;
  for (const auto& dev : *devices) {
    const bool server = is_server_chain(*sites, dev);
    std::string status = dev.revoked_utc_ms ? "<span class=\"muted\">revoked</span>"
                         : server           ? "office server"
                                            : "active";
    // A kiosk that has not synced for a week may be off, broken or gone.
    if (!server && !dev.revoked_utc_ms &&
        (!dev.last_seen_utc_ms || now - *dev.last_seen_utc_ms > 7LL * 24 * 3600 * 1000)) {
      status = "<span class=\"warn\">not synced for over a week</span>";
    }
    body += "<tr><td>" + html_escape(dev.name) + "</td><td>" + html_escape(dev.site_id) +
            "</td><td class=\"nb\">" + html_escape(server ? "\u2014" : when_text(dev.last_seen_utc_ms)) +
            "</td><td class=\"num\">" + std::to_string(dev.stored_through_seq) + "</td><td>" + status +
            "</td></tr>\n";
  }
  body += "</tbody></table></div></section>\n";

  body += "<section id=\"alerts\" class=\"panel\" aria-labelledby=\"alerts-heading\"><h2 id=\"alerts-heading\">"
          "Alerts</h2>\n";
  if (alerts->empty()) {
    body += "<p class=\"ok\">No alerts: no kiosk has sent a record that conflicts with one stored, "
            "and no pairing codes were being guessed.</p>\n";
  } else {
    body += "<ul>\n";
    for (const auto& a : *alerts) {
      std::string who;
      if (a.device) {
        who = hex_encode(*a.device).substr(0, 12);
        for (const auto& dev : *devices) {
          if (dev.id == *a.device) who = dev.name + " (" + who + ")";
        }
      }
      body += "<li><strong class=\"bad\">" + html_escape(a.kind == "fork" ? "Conflicting records" : a.kind) +
              "</strong> " + html_escape(when_text(a.utc_ms)) + (who.empty() ? "" : ", " + html_escape(who)) +
              ": " + html_escape(a.detail) + "</li>\n";
    }
    body += "</ul>\n";
  }
  body += "</section>\n";
  return html_page(r.frame, "Overview", body);
}

}  // namespace attest::dashboard
