// The frame every dashboard page shares: head, skip link, the practice's
// bar with sign-out, the navigation, and <main>. Pages hand it their body;
// everything they put in it is escaped by them with report::html_escape.
#pragma once

#include <string>
#include <string_view>

namespace attest::dashboard {

struct PageFrame {
  std::string practice;
  std::string csrf;    // empty: signed out (no navigation, no sign-out)
  std::string active;  // the nav entry's path: "/", "/matrix", ...
  int idle_seconds = 0;  // for the sign-out warning; 0: none
};

// `title` is the <title>; `body` holds the page's one <h1>.
std::string render_page(const PageFrame& frame, std::string_view title, std::string_view body);

// A hidden field with the CSRF token, for every POST form.
std::string csrf_field(const std::string& csrf);

// "<h1>…</h1>" for a page whose heading is not a report's.
std::string heading(std::string_view text);

// A report fragment (report::to_html_fragment) with `html` placed right
// after its header: a page's filters sit under the report's title.
std::string after_report_header(std::string fragment, std::string_view html);

// The style sheet and script the pages link to (/static/...).
std::string_view dashboard_css();
std::string_view dashboard_js();

}  // namespace attest::dashboard
