#include "dashboard/page.h"

#include "report/html.h"

namespace attest::dashboard {

namespace {

struct NavEntry {
  const char* path;
  const char* label;
};

constexpr NavEntry kNav[] = {
    {"/", "Overview"},          {"/matrix", "Matrix"},       {"/people", "People"},
    {"/policies", "Policies"},  {"/incidents", "Incidents"}, {"/devices", "Devices"},
    {"/exports", "Exports"},
};

}  // namespace

std::string csrf_field(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + report::html_escape(csrf) + "\">";
}

std::string heading(std::string_view text) {
  return "<h1>" + report::html_escape(text) + "</h1>\n";
}

std::string after_report_header(std::string fragment, std::string_view html) {
  const std::string_view end = "</header>\n";
  const size_t at = fragment.find(end);
  if (at == std::string::npos) return std::string(html) + fragment;
  fragment.insert(at + end.size(), html);
  return fragment;
}

std::string render_page(const PageFrame& frame, std::string_view title, std::string_view body) {
  using report::html_escape;
  std::string out;
  out.reserve(body.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(title) + " \u2014 " + html_escape(frame.practice) +
         "</title>\n";
  out += "<link rel=\"stylesheet\" href=\"/static/report.css\">\n";
  out += "<link rel=\"stylesheet\" href=\"/static/dashboard.css\">\n";
  if (!frame.csrf.empty()) out += "<script src=\"/static/dashboard.js\" defer></script>\n";
  out += "</head>\n<body";
  if (frame.idle_seconds > 0) {
    out += " data-idle-seconds=\"" + std::to_string(frame.idle_seconds) + "\"";
  }
  out += ">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n";
  out += "<header class=\"bar\">\n<div class=\"bar-inner\">\n";
  out += "<p class=\"brand\"><span class=\"practice-name\">" + html_escape(frame.practice) +
         "</span><span class=\"product\">Attest \u00b7 Security Official</span></p>\n";
  if (!frame.csrf.empty()) {
    out += "<form id=\"sign-out\" method=\"post\" action=\"/sign-out\">" + csrf_field(frame.csrf) +
           "<button type=\"submit\" class=\"button quiet\">Sign out</button></form>\n";
  }
  out += "</div>\n";
  if (!frame.csrf.empty()) {
    out += "<nav aria-label=\"Dashboard\"><ul>\n";
    for (const NavEntry& e : kNav) {
      const bool here = frame.active == e.path;
      out += std::string("<li><a href=\"") + e.path + "\"" +
             (here ? " aria-current=\"page\"" : "") + ">" + e.label + "</a></li>\n";
    }
    out += "</ul></nav>\n";
  }
  out += "</header>\n";
  if (frame.idle_seconds > 0) {
    out += "<div id=\"idle-warning\" class=\"idle-warning\" role=\"status\" hidden>"
           "<p><span id=\"idle-text\">You will be signed out soon.</span> "
           "<button type=\"button\" id=\"stay\" class=\"button\">Stay signed in</button></p></div>\n";
  }
  out += "<main id=\"main\" tabindex=\"-1\">\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

// The theme's colours (DESIGN.md), each checked against WCAG: text
// #1B1F24 on #F7F8FA 15.6:1, secondary #5A6472 5.7:1, white on primary
// #1F5FAF 6.3:1. Targets are at least 44 px tall; focus is always drawn.
std::string_view dashboard_css() {
  return R"(
body { max-width: none; margin: 0; padding: 0; background: #F7F8FA; }
.skip { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.75rem 1rem;
  background: #FFFFFF; color: #1F5FAF; border: 2px solid #1F5FAF; border-radius: 8px; }
.skip:focus { top: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 3px solid #0E3A6E; outline-offset: 2px; }
header.bar { background: #1F5FAF; color: #FFFFFF; }
.bar-inner { max-width: 90rem; margin: 0 auto; padding: 0.6rem 1rem; display: flex;
  align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
.brand { margin: 0; display: flex; flex-direction: column; }
.practice-name { font-weight: 700; font-size: 1.15rem; }
.product { font-size: 0.9rem; opacity: 0.92; }
header.bar nav { background: #0E3A6E; }
header.bar nav ul { list-style: none; margin: 0 auto; padding: 0 0.5rem; max-width: 90rem;
  display: flex; flex-wrap: wrap; }
header.bar nav a { display: block; padding: 0.8rem 0.9rem; min-height: 44px; color: #FFFFFF;
  text-decoration: none; font-weight: 600; border-bottom: 4px solid transparent; }
header.bar nav a:hover { text-decoration: underline; }
header.bar nav a[aria-current="page"] { border-bottom-color: #FFFFFF; }
main { display: block; max-width: 90rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
main:focus { outline: none; }
main h1 { font-size: 1.6rem; margin: 0.6rem 0 0.8rem; }
.lead { color: #5A6472; margin: 0 0 1rem; }
a { color: #1F5FAF; }
.button { display: inline-flex; align-items: center; justify-content: center; min-height: 44px;
  padding: 0.5rem 1.1rem; border-radius: 12px; border: 2px solid #1F5FAF; background: #1F5FAF;
  color: #FFFFFF; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
.button:hover { background: #0E3A6E; border-color: #0E3A6E; }
.button.quiet { background: transparent; border-color: #FFFFFF; color: #FFFFFF; }
.button.quiet:hover { background: #0E3A6E; }
.button.secondary { background: #FFFFFF; color: #1F5FAF; }
.button.secondary:hover { background: #EEF1F4; }
.button.danger { background: #B42318; border-color: #B42318; }
.button.danger:hover { background: #7F1810; border-color: #7F1810; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 1rem;
  margin: 0 0 1.5rem; padding: 0; list-style: none; }
.card, .panel { background: #FFFFFF; border: 1px solid #D5DAE0; border-radius: 12px; padding: 1rem; }
.panel { margin: 0 0 1.5rem; }
.panel h2 { margin-top: 0; }
.card .figure { display: block; font-size: 2.2rem; font-weight: 700; line-height: 1.1; }
.card .label { color: #5A6472; }
.card a { font-weight: 600; }
.card.bad .figure { color: #B42318; }
.card.warn .figure { color: #9A5B00; }
.card.good .figure { color: #1E7A46; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 0.5rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
.narrow-chart { display: none; }
details { margin-top: 0.5rem; }
summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; color: #1F5FAF;
  font-weight: 600; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end;
  background: #FFFFFF; border: 1px solid #D5DAE0; border-radius: 12px; padding: 0.8rem 1rem;
  margin: 0.5rem 0 1rem; }
.field { display: flex; flex-direction: column; gap: 0.25rem; }
.field label { font-weight: 600; font-size: 0.95rem; }
.field.check { flex-direction: row; align-items: center; min-height: 44px; }
form.stack { display: flex; flex-direction: column; gap: 1rem; max-width: 40rem; }
fieldset.field { border: 1px solid #D5DAE0; border-radius: 8px; padding: 0.5rem 0.8rem; margin: 0; }
fieldset.field legend { font-weight: 600; padding: 0 0.3rem; }
fieldset.field label { display: flex; align-items: center; gap: 0.5rem; min-height: 44px;
  font-weight: 400; }
textarea { font: inherit; padding: 0.4rem 0.6rem; border: 1px solid #5A6472; border-radius: 8px; }
input[type="radio"] { min-height: 0; width: 1.3rem; height: 1.3rem; }
input, select { font: inherit; min-height: 44px; padding: 0.4rem 0.6rem; border: 1px solid #5A6472;
  border-radius: 8px; background: #FFFFFF; color: #1B1F24; }
input[type="checkbox"] { min-height: 0; width: 1.4rem; height: 1.4rem; margin: 0 0.5rem 0 0; }
.signin { max-width: 28rem; margin: 3rem auto; background: #FFFFFF; border: 1px solid #D5DAE0;
  border-radius: 12px; padding: 1.5rem; }
.signin form { display: flex; flex-direction: column; gap: 1rem; }
.signin input { width: 100%; }
.signin .after-form { margin-top: 1rem; }
.error { color: #B42318; font-weight: 600; background: #FDECEA; border-left: 4px solid #B42318;
  padding: 0.6rem 0.8rem; border-radius: 4px; }
.notice { background: #EAF1FB; border-left: 4px solid #1F5FAF; padding: 0.6rem 0.8rem;
  border-radius: 4px; }
.ok { background: #E8F4EC; border-left: 4px solid #1E7A46; padding: 0.6rem 0.8rem; border-radius: 4px; }
.code { font: 700 2.2rem/1.2 "DejaVu Sans Mono", ui-monospace, monospace; letter-spacing: 0.15em; }
.mono { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 0.9em;
  overflow-wrap: anywhere; }
.exports { list-style: none; padding: 0; margin: 0; }
.exports li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem;
  padding: 0.6rem 0; border-bottom: 1px solid #D5DAE0; }
.exports .name { flex: 1 1 16rem; font-weight: 600; }
.exports a.export { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.8rem;
  border: 1px solid #1F5FAF; border-radius: 8px; text-decoration: none; font-weight: 600; }
.idle-warning { position: sticky; top: 0; z-index: 5; background: #FFF4E5;
  border-bottom: 2px solid #9A5B00; }
.idle-warning p { max-width: 90rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex;
  gap: 1rem; align-items: center; flex-wrap: wrap; color: #1B1F24; font-weight: 600; }
#report { background: #FFFFFF; border: 1px solid #D5DAE0; border-radius: 12px; padding: 1rem 1.2rem;
  margin-bottom: 1.5rem; }
#report form.filters { background: #F7F8FA; }
#report p, #report li { overflow-wrap: anywhere; }
.table-wrap { position: relative; }
.report-body h2 { font-size: 1.2rem; }
header.report { background: transparent; }
td .button { min-height: 36px; padding: 0.2rem 0.8rem; }
@media (max-width: 40rem) {
  .bar-inner { padding: 0.5rem 0.75rem; flex-wrap: nowrap; }
  .brand { min-width: 0; }
  .practice-name { font-size: 1.05rem; }
  #sign-out .button { padding: 0.4rem 0.7rem; }
  header.bar nav ul { padding: 0; display: grid; grid-template-columns: repeat(4, 1fr); }
  header.bar nav a { padding: 0.7rem 0.2rem; text-align: center; font-size: 0.88rem; }
  main { padding: 0.75rem 0.75rem 2rem; }
  #report { padding: 0.75rem 0.6rem; }
  .panel, .card { padding: 0.75rem 0.6rem; }
  .cards { grid-template-columns: 1fr 1fr; gap: 0.6rem; }
  .card .figure { font-size: 1.8rem; }
  .charts { grid-template-columns: 1fr; }
  .wide-chart { display: none; }
  .narrow-chart { display: block; }
  form.filters .field { flex: 1 1 100%; }
  form.filters .field input:not([type="checkbox"]), form.filters .field select { width: 100%; }
}
@media print {
  header.bar, .skip, form.filters, .idle-warning, #sign-out { display: none; }
  body { background: #FFFFFF; }
}
)";
}

// The only script: a warning a minute before the idle sign-out, with a
// button that keeps the session (GET /keep-alive). Everything else works
// without it.
std::string_view dashboard_js() {
  return R"(
(function () {
  var idle = parseInt(document.body.getAttribute('data-idle-seconds') || '0', 10);
  if (!idle) return;
  var warnAt = Math.max(idle - 60, Math.floor(idle / 2));
  var box = document.getElementById('idle-warning');
  var text = document.getElementById('idle-text');
  var started = Date.now();
  function tick() {
    var left = idle - Math.floor((Date.now() - started) / 1000);
    if (left <= 0) { window.location.href = '/sign-in?expired=1'; return; }
    if (idle - left >= warnAt) {
      box.hidden = false;
      text.textContent = 'No activity for a while: you will be signed out in ' + left +
        (left === 1 ? ' second.' : ' seconds.');
    }
  }
  document.getElementById('stay').addEventListener('click', function () {
    fetch('/keep-alive', { credentials: 'same-origin' }).then(function (r) {
      if (r.ok) { started = Date.now(); box.hidden = true; }
      else { window.location.href = '/sign-in?expired=1'; }
    });
  });
  setInterval(tick, 1000);
})();
)";
}

}  // namespace attest::dashboard
