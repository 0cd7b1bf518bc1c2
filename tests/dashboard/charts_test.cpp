// The dashboard's SVG charts: what a screen reader hears (the title's
// summary), what is drawn where (clamping, bar lengths, month labels that
// never overlap), escaping, and markup that closes every tag it opens.
// ATTEST_DASHBOARD_OUT=DIR writes chart-sample.html there, both charts at
// phone and desktop widths, and chart-narrow.html, each chart drawn 640
// wide beside the same chart drawn 360 wide in a 360 px box, for a person
// to look at (e.g. with headless chromium --screenshot).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "dashboard/charts.h"

using namespace attest::dashboard;

namespace {

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// Every tag opened is closed, in order; "<x/>" closes itself. Enough to
// catch a dropped </g> or a label's '<' let through unescaped.
bool balanced(const std::string& markup) {
  std::vector<std::string> open;
  for (size_t at = markup.find('<'); at != std::string::npos; at = markup.find('<', at + 1)) {
    const size_t end = markup.find('>', at);
    if (end == std::string::npos) return false;
    const std::string tag = markup.substr(at + 1, end - at - 1);
    const bool closing = !tag.empty() && tag[0] == '/';
    const size_t name_start = closing ? 1 : 0;
    const size_t name_end = tag.find_first_of(" \n/", name_start);
    const std::string name = tag.substr(
        name_start, name_end == std::string::npos ? std::string::npos : name_end - name_start);
    if (name.empty()) return false;
    if (closing) {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(name);
    }
    at = end;
  }
  return open.empty();
}

// The values of `attr` on every `element` inside <g class="group">.
std::vector<double> attrs_in_group(const std::string& svg, const std::string& group,
                                   const std::string& element, const std::string& attr) {
  const size_t start = svg.find("<g class=\"" + group + "\"");
  if (start == std::string::npos) return {};
  const std::string body = svg.substr(start, svg.find("</g>", start) - start);
  std::vector<double> out;
  const std::regex re("<" + element + "[^>]* " + attr + "=\"(-?[0-9.]+)\"");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stod((*it)[1]));
  }
  return out;
}

// The furthest right anything is drawn: x, x1, x2 and cx on every
// <text>, <line>, <rect>, <circle>, <path> and <polyline>; a rect's right
// edge (x + width); every point of a polyline and every M/L point of a
// path. A text's own width is not counted, only where it starts.
double rightmost_x(const std::string& svg) {
  double most = -1;
  auto take = [&](double x) { most = std::max(most, x); };
  const std::regex element("<(text|line|rect|circle|path|polyline)\\b([^>]*)>");
  const std::regex coordinate(" (x|x1|x2|cx)=\"(-?[0-9.]+)\"");
  const std::regex rect_width(" width=\"(-?[0-9.]+)\"");
  const std::regex path_point("[ML] *(-?[0-9.]+)[ ,]+-?[0-9.]+");
  const std::regex poly_point("(-?[0-9.]+),-?[0-9.]+");
  const std::regex attr_d(" (d|points)=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    const std::string attrs = (*it)[2];
    double x = 0;
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), coordinate);
         a != std::sregex_iterator(); ++a) {
      if ((*a)[1] == "x") x = std::stod((*a)[2]);
      take(std::stod((*a)[2]));
    }
    std::smatch m;
    if (name == "rect" && std::regex_search(attrs, m, rect_width)) take(x + std::stod(m[1]));
    if (std::regex_search(attrs, m, attr_d)) {
      const std::string d = m[2];
      const std::regex& point = name == "path" ? path_point : poly_point;
      for (auto p = std::sregex_iterator(d.begin(), d.end(), point); p != std::sregex_iterator();
           ++p) {
        take(std::stod((*p)[1]));
      }
    }
  }
  return most;
}

std::vector<std::string> texts_in_group(const std::string& svg, const std::string& group) {
  const size_t start = svg.find("<g class=\"" + group + "\"");
  if (start == std::string::npos) return {};
  const std::string body = svg.substr(start, svg.find("</g>", start) - start);
  std::vector<std::string> out;
  const std::regex re("<text[^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::vector<ChartPoint> months(int count, int first_year, double start, double step) {
  std::vector<ChartPoint> out;
  for (int i = 0; i < count; ++i) {
    out.push_back({std::string(kMonths[i % 12]) + " " + std::to_string(first_year + i / 12),
                   start + step * i});
  }
  return out;
}

std::vector<ChartPoint> roles() {
  return {{"Front desk", 7}, {"Nurses", 3}, {"Billing", 0}, {"Physicians", 12}};
}

}  // namespace

TEST_CASE("charts: one accessible <svg> that scales, named by its title") {
  const std::string line =
      percent_line_chart("Completion over time", "completion", months(12, 2026, 40, 43.0 / 11));
  CHECK(line.rfind("<svg class=\"chart\" role=\"img\" aria-labelledby=\"completion-title\"", 0) ==
        0);
  CHECK(count(line, "<svg") == 1);
  CHECK(count(line, "viewBox=\"0 0 640 ") == 1);
  CHECK(count(line, "width=\"100%\"") == 1);
  CHECK(count(line, "preserveAspectRatio=\"xMidYMid meet\"") == 1);
  CHECK(count(line, "<title id=\"completion-title\">") == 1);
  // Nothing fetched, nothing run.
  CHECK(count(line, "http") == 0);
  CHECK(count(line, "href") == 0);
  CHECK(count(line, "<script") == 0);
  // An id that is not one clean token is made into one, so the label still resolves.
  const std::string odd = count_bar_chart("Overdue", "over due\"x", roles());
  CHECK(count(odd, "aria-labelledby=\"over-due-x-title\"") == 1);
  CHECK(count(odd, "<title id=\"over-due-x-title\">") == 1);
}

TEST_CASE("charts: the title holds the figures in words") {
  const std::string line =
      percent_line_chart("Completion over time", "completion", months(12, 2026, 40, 43.0 / 11));
  CHECK(count(line,
              "<title id=\"completion-title\">Completion over time: 40% in Jan 2026 "
              "rising to 83% in Dec 2026</title>") == 1);

  std::vector<ChartPoint> dip = {{"Jan 2026", 60}, {"Feb 2026", 20}, {"Mar 2026", 50}};
  CHECK(count(percent_line_chart("Completion", "c", dip),
              ">Completion: 60% in Jan 2026 falling to 50% in Mar 2026, lowest 20% in Feb "
              "2026</title>") == 1);
  std::vector<ChartPoint> flat = {{"Jan 2026", 75}, {"Feb 2026", 75}};
  CHECK(count(percent_line_chart("Completion", "c", flat),
              ">Completion: unchanged at 75% from Jan 2026 to Feb 2026</title>") == 1);

  CHECK(count(count_bar_chart("Overdue by role", "overdue", roles()),
              "<title id=\"overdue-title\">Overdue by role: Front desk 7, Nurses 3, Billing 0, "
              "Physicians 12</title>") == 1);
}

TEST_CASE("charts: labels and titles are escaped everywhere") {
  const std::vector<ChartPoint> evil = {{"<script>&\"", 50}, {"ok", 80}};
  const std::string escaped = "&lt;script&gt;&amp;&quot;";
  const std::string line = percent_line_chart("A <b>", "x", evil);
  const std::string bars = count_bar_chart("A <b>", "x", evil);
  const std::string table = chart_table("A <b>", "<th>", "\"v\"", evil, true);
  for (const std::string* s : {&line, &bars, &table}) {
    CHECK(count(*s, "<script") == 0);
    CHECK(count(*s, "<b>") == 0);
    CHECK(count(*s, "A &lt;b&gt;") == 1);
    CHECK(count(*s, escaped) >= 1);
    CHECK(balanced(*s));
  }
  CHECK(count(line, escaped) == 2);  // the title, the month label
  CHECK(count(bars, escaped) == 2);  // the title, the bar's label
  CHECK(count(table, "<th scope=\"col\">&lt;th&gt;</th>") == 1);
  CHECK(count(table, "&quot;v&quot;") == 1);
}

TEST_CASE("percent chart: values out of range are drawn at 0 and 100") {
  const std::vector<ChartPoint> points = {{"Jan 2026", 50}, {"Feb 2026", 150}, {"Mar 2026", -20}};
  const std::string svg = percent_line_chart("Completion", "c", points);
  const std::vector<double> grid = attrs_in_group(svg, "grid", "line", "y1");
  const std::vector<std::string> ticks = texts_in_group(svg, "y-labels");
  REQUIRE(grid.size() == 5);
  REQUIRE(ticks == std::vector<std::string>{"0%", "25%", "50%", "75%", "100%"});
  const std::vector<double> cy = attrs_in_group(svg, "dots", "circle", "cy");
  REQUIRE(cy.size() == 3);
  CHECK(cy[0] == doctest::Approx(grid[2]));  // 50 on the 50% line
  CHECK(cy[1] == doctest::Approx(grid[4]));  // 150 on the 100% line
  CHECK(cy[2] == doctest::Approx(grid[0]));  // -20 on the 0% line
  CHECK(count(svg, "150") == 0);
  CHECK(count(svg, "-20") == 0);
  CHECK(count(svg, "Feb 2026") > 0);
  // The last value is written by its dot.
  CHECK(count(svg, "class=\"last-value\"") == 1);
  CHECK(count(svg, "font-weight=\"700\">0%</text>") == 1);
  // Only a true 100 reads 100%; only a true 0 reads 0%.
  const std::string table = chart_table("c", "Month", "Completed",
                                        {{"a", 99.6}, {"b", 0.4}, {"c", 100}, {"d", 83.4}}, true);
  CHECK(count(table, ">99%<") == 1);
  CHECK(count(table, ">1%<") == 1);
  CHECK(count(table, ">100%<") == 1);
  CHECK(count(table, ">83%<") == 1);
}

TEST_CASE("bar chart: lengths proportional to the counts, counts written at the ends") {
  const std::vector<ChartPoint> bars = {
      {"Front desk", 10}, {"Nurses", 5}, {"Billing", 0}, {"Lab", -3}, {"IT", 2.6}};
  const std::string svg = count_bar_chart("Overdue by role", "overdue", bars);
  const std::vector<double> widths = attrs_in_group(svg, "bars", "rect", "width");
  const std::vector<double> xs = attrs_in_group(svg, "bars", "rect", "x");
  REQUIRE(widths.size() == 3);  // the zero and negative counts draw no bar
  CHECK(widths[0] == doctest::Approx(2 * widths[1]).epsilon(0.01));
  CHECK(widths[2] == doctest::Approx(3 * widths[0] / 10).epsilon(0.01));  // 2.6 counts as 3
  CHECK(widths[0] + xs[0] < 640 - 20);  // room for "10" after the longest bar
  CHECK(texts_in_group(svg, "counts") == std::vector<std::string>{"10", "5", "0", "0", "3"});
  CHECK(texts_in_group(svg, "labels") ==
        std::vector<std::string>{"Front desk", "Nurses", "Billing", "Lab", "IT"});
  // Each count sits just past its bar.
  const std::vector<double> count_x = attrs_in_group(svg, "counts", "text", "x");
  REQUIRE(count_x.size() == 5);
  CHECK(count_x[0] > xs[0] + widths[0]);
  CHECK(count_x[0] < xs[0] + widths[0] + 16);
  CHECK(count(svg, "<g class=\"bars\" fill=\"#B42318\">") == 1);

  const std::string zeros = count_bar_chart("Overdue by role", "overdue", {{"A", 0}, {"B", 0}});
  CHECK(attrs_in_group(zeros, "bars", "rect", "width").empty());
  CHECK(texts_in_group(zeros, "labels") == std::vector<std::string>{"A", "B"});
  CHECK(texts_in_group(zeros, "counts") == std::vector<std::string>{"0", "0"});
  CHECK(balanced(zeros));
}

TEST_CASE("percent chart: month labels thinned so they never overlap, first and last kept") {
  const std::string svg = percent_line_chart("Completion", "c", months(24, 2025, 20, 3));
  const std::vector<std::string> labels = texts_in_group(svg, "x-labels");
  const std::vector<double> xs = attrs_in_group(svg, "x-labels", "text", "x");
  CHECK(labels.size() < 24);
  REQUIRE(labels.size() >= 4);
  REQUIRE(labels.size() == xs.size());
  CHECK(labels.front() == "Jan 2025");
  CHECK(labels.back() == "Dec 2026");
  // "Sep 2026" at 16 units is ~75 wide: centres at least that far apart,
  // and spread evenly (gaps within one month of each other).
  for (size_t i = 1; i < xs.size(); ++i) CHECK(xs[i] - xs[i - 1] >= 75);
  const double month = (xs.back() - xs.front()) / 23;
  for (size_t i = 2; i < xs.size(); ++i) {
    CHECK(std::abs((xs[i] - xs[i - 1]) - (xs[i - 1] - xs[i - 2])) <= month + 0.5);
  }
  CHECK(count(svg, "<circle") == 24);  // every month still has its dot

  // Few months: every one is labelled.
  CHECK(texts_in_group(percent_line_chart("Completion", "c", months(3, 2026, 50, 5)), "x-labels")
            .size() == 3);
  // A very long label is cut short on the axis but kept whole in the title.
  const std::string long_label(80, 'x');
  const std::string cut = percent_line_chart("C", "c", {{long_label, 10}, {"Feb 2026", 20}});
  CHECK(texts_in_group(cut, "x-labels").front().size() < long_label.size());
  CHECK(count(cut, long_label) == 1);
}

TEST_CASE("charts: no data says so, and is still a titled chart") {
  const std::string line = percent_line_chart("Completion over time", "completion", {});
  const std::string bars = count_bar_chart("Overdue by role", "overdue", {});
  for (const std::string* s : {&line, &bars}) {
    CHECK(count(*s, ">No data yet</text>") == 1);
    CHECK(count(*s, ": No data yet</title>") == 1);
    CHECK(count(*s, "role=\"img\"") == 1);
    CHECK(count(*s, "<circle") + count(*s, "<rect") == 0);
    CHECK(balanced(*s));
  }
  CHECK(count(chart_table("c", "Month", "Completed", {}, true), "No data yet") == 1);
}

TEST_CASE("charts: the same input gives the same bytes") {
  const auto points = months(18, 2025, 33.3333, 3.7);
  const std::string a = percent_line_chart("Completion", "c", points);
  CHECK(a == percent_line_chart("Completion", "c", points));
  CHECK(a != percent_line_chart("Completion", "c", months(18, 2025, 33.3333, 3.6)));
  CHECK(count_bar_chart("O", "o", roles()) == count_bar_chart("O", "o", roles()));
  CHECK(chart_table("c", "Role", "Overdue", roles(), false) ==
        chart_table("c", "Role", "Overdue", roles(), false));
}

TEST_CASE("charts: markup balanced, text at least 13 units, theme colours") {
  CHECK_FALSE(balanced("<svg><g></svg>"));  // the checker can say no
  CHECK_FALSE(balanced("<svg><text>a < b</text></svg>"));
  const std::vector<std::string> all = {
      percent_line_chart("Completion", "c", months(1, 2026, 40, 0)),
      percent_line_chart("Completion", "c", months(30, 2024, 10, 3)),
      count_bar_chart("Overdue", "o", roles()),
      chart_table("Overdue", "Role", "Overdue", roles(), false),
  };
  for (const std::string& s : all) {
    CHECK(balanced(s));
    const std::regex size("font-size=\"([0-9.]+)\"");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), size); it != std::sregex_iterator();
         ++it) {
      CHECK(std::stod((*it)[1]) >= 13);
    }
  }
  CHECK(count(all[1], "stroke=\"#1F5FAF\"") == 1);
  CHECK(count(all[1], "stroke=\"#D5DAE0\"") == 1);
  CHECK(count(all[0], "<polyline") == 0);  // one month: a dot, no line
  CHECK(count(all[0], "<circle") == 1);
  CHECK(count(all[3], "<th scope=\"col\">Role</th><th scope=\"col\" class=\"num\">Overdue</th>") ==
        1);
  CHECK(count(all[3], "<tr><th scope=\"row\">Physicians</th><td class=\"num\">12</td></tr>") == 1);
}

TEST_CASE("charts: a narrow chart has a narrow viewBox and draws nothing past its edge") {
  const std::vector<ChartPoint> by_role = {{"Front desk & reception", 7},
                                           {"Physicians", 12},
                                           {"Dental hygienists and assistants, part-time", 1}};
  const std::vector<std::string> wide = {
      percent_line_chart("C", "c", months(12, 2026, 40, 5)),
      count_bar_chart("O", "o", by_role),
  };
  // The checker can say no: the wide charts reach past 360.
  for (const std::string& s : wide) CHECK(rightmost_x(s) > 360);
  CHECK(rightmost_x("<rect x=\"300\" width=\"61\"/>") == 361);
  CHECK(rightmost_x("<path d=\"M 10 10 L 361 20\"/>") == 361);
  CHECK(rightmost_x("<polyline points=\"10,10 361,20\"/>") == 361);

  const std::string long_label(80, 'x');
  const std::vector<std::string> narrow = {
      percent_line_chart("C", "c", months(1, 2026, 100, 0), 360),
      percent_line_chart("C", "c", months(12, 2026, 40, 5), 360),
      percent_line_chart("C", "c", months(30, 2024, 10, 3), 360),
      percent_line_chart("C", "c", {{long_label, 100}, {long_label, 100}}, 360),
      count_bar_chart("O", "o", by_role, 360),
      count_bar_chart("O", "o", {{long_label, 123456}}, 360),
      count_bar_chart("O", "o", {}, 360),
  };
  for (const std::string& s : narrow) {
    CHECK(s.find("viewBox=\"0 0 360 ") != std::string::npos);
    CHECK(count(s, "viewBox=") == 1);
    CHECK(rightmost_x(s) > 0);
    CHECK(rightmost_x(s) <= 360);
    CHECK(balanced(s));
  }
  CHECK(count(narrow.back(), "<text x=\"180\"") == 1);  // "No data yet", centred
  // Too narrow to draw in is widened to 280.
  CHECK(count(percent_line_chart("C", "c", months(12, 2026, 40, 5), 100), "viewBox=\"0 0 280 ") ==
        1);
  CHECK(count(count_bar_chart("O", "o", by_role, std::nan("")), "viewBox=\"0 0 280 ") == 1);
  // Absurdly wide is narrowed to 4096, so no coordinate reads "inf".
  CHECK(count(count_bar_chart("O", "o", by_role, HUGE_VAL), "viewBox=\"0 0 4096 ") == 1);
}

TEST_CASE("percent chart: a narrow chart shows fewer month labels, first and last kept") {
  const auto year = months(12, 2026, 40, 5);
  const std::string wide = percent_line_chart("C", "c", year);
  const std::string svg = percent_line_chart("C", "c", year, 360);
  const std::vector<std::string> labels = texts_in_group(svg, "x-labels");
  const std::vector<double> xs = attrs_in_group(svg, "x-labels", "text", "x");
  REQUIRE(labels.size() >= 2);
  REQUIRE(labels.size() == xs.size());
  CHECK(labels.size() < texts_in_group(wide, "x-labels").size());
  CHECK(labels.front() == "Jan 2026");
  CHECK(labels.back() == "Dec 2026");
  for (size_t i = 1; i < xs.size(); ++i) CHECK(xs[i] - xs[i - 1] >= 75);  // as in the wide chart
  const double month = (xs.back() - xs.front()) / 11;
  for (size_t i = 2; i < xs.size(); ++i) {
    CHECK(std::abs((xs[i] - xs[i - 1]) - (xs[i - 1] - xs[i - 2])) <= month + 0.5);
  }
  CHECK(count(svg, "<circle") == 12);

  // Very long first and last labels are cut short enough to sit side by
  // side inside the chart, down to the narrowest: each 'x' is 0.64 em and
  // the "…" 0.7 em, at 16 units.
  const std::string long_label(80, 'x');
  auto label_width = [](const std::string& text) {
    return (static_cast<double>(text.size()) - 3) * 0.64 * 16 + 0.7 * 16;
  };
  for (double width : {280.0, 320.0, 360.0, 640.0}) {
    CAPTURE(width);
    const std::string cut =
        percent_line_chart("C", "c", {{long_label, 10}, {long_label, 20}, {long_label, 30}}, width);
    const std::vector<std::string> cut_labels = texts_in_group(cut, "x-labels");
    const std::vector<double> cut_xs = attrs_in_group(cut, "x-labels", "text", "x");
    REQUIRE(cut_labels.size() >= 2);  // the first and last, at least
    REQUIRE(cut_xs.size() == cut_labels.size());
    CHECK(cut_labels[0].size() < long_label.size());
    CHECK(cut_xs.front() - label_width(cut_labels.front()) / 2 >= 0);
    for (size_t i = 1; i < cut_xs.size(); ++i) {
      CHECK(cut_xs[i] - cut_xs[i - 1] >=
            (label_width(cut_labels[i - 1]) + label_width(cut_labels[i])) / 2);
    }
    CHECK(cut_xs.back() + label_width(cut_labels.back()) / 2 <= width);
  }
}

TEST_CASE("bar chart: a narrow chart keeps bars proportional and the same room for counts") {
  const std::vector<ChartPoint> bars = {{"Front desk", 10}, {"Nurses", 5}};
  const std::vector<double> wide =
      attrs_in_group(count_bar_chart("O", "o", bars), "bars", "rect", "width");
  const std::string svg = count_bar_chart("O", "o", bars, 360);
  const std::vector<double> widths = attrs_in_group(svg, "bars", "rect", "width");
  const std::vector<double> xs = attrs_in_group(svg, "bars", "rect", "x");
  REQUIRE(wide.size() == 2);
  REQUIRE(widths.size() == 2);
  REQUIRE(xs.size() == 2);
  CHECK(widths[0] == doctest::Approx(2 * widths[1]).epsilon(0.01));
  // The longest bar gives up the same room for its label and count at
  // either width, so it is exactly 280 units shorter, not scaled down.
  CHECK(wide[0] - widths[0] == doctest::Approx(640 - 360).epsilon(0.001));
  CHECK(xs[0] + widths[0] < 360 - 20);  // room for "10"
  const std::vector<double> count_x = attrs_in_group(svg, "counts", "text", "x");
  REQUIRE(count_x.size() == 2);
  CHECK(count_x[0] > xs[0] + widths[0]);
  CHECK(count_x[0] < xs[0] + widths[0] + 16);

  // A long label is cut to the narrower width.
  const std::string long_label = "Dental hygienists and assistants, part-time, weekends only";
  const std::string narrow_label =
      texts_in_group(count_bar_chart("O", "o", {{long_label, 1}}, 360), "labels").at(0);
  CHECK(texts_in_group(count_bar_chart("O", "o", {{long_label, 1}}), "labels").at(0) == long_label);
  CHECK(narrow_label.size() < long_label.size());
  CHECK(narrow_label.ends_with("\u2026"));
}

TEST_CASE("charts: no width argument gives the 640-wide chart, byte for byte") {
  const std::vector<std::vector<ChartPoint>> inputs = {{},
                                                       months(1, 2026, 40, 0),
                                                       months(12, 2026, 40, 43.0 / 11),
                                                       months(30, 2024, 10, 3),
                                                       roles()};
  for (const auto& points : inputs) {
    const std::string line = percent_line_chart("C", "c", points);
    const std::string bars = count_bar_chart("O", "o", points);
    CHECK(line == percent_line_chart("C", "c", points, 640));
    CHECK(bars == count_bar_chart("O", "o", points, 640));
    // The width argument is not ignored.
    CHECK(line != percent_line_chart("C", "c", points, 360));
    CHECK(bars != count_bar_chart("O", "o", points, 360));
  }
}

TEST_CASE("charts: sample page for a person to look at") {
  const std::string line =
      percent_line_chart("Completion over time", "completion", months(12, 2026, 40, 43.0 / 11));
  const std::string long_line =
      percent_line_chart("Completion over two years", "completion2", months(24, 2025, 18, 3.6));
  const std::vector<ChartPoint> by_role = {{"Front desk & reception", 7},
                                           {"Nurses", 3},
                                           {"Physicians", 12},
                                           {"Billing", 0},
                                           {"Dental hygienists <part-time>", 1}};
  const std::string bars = count_bar_chart("Overdue by role", "overdue", by_role);
  const std::string empty = count_bar_chart("Overdue by role", "none", {});
  // Phone width first (two charts a row), then desktop width.
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Charts</title>"
      "<style>body{font:16px/1.4 \"DejaVu Sans\",sans-serif;color:#1B1F24;background:#fff;"
      "margin:12px} .box{display:inline-block;vertical-align:top;outline:1px dashed #D5DAE0;"
      "margin:0 12px 12px 0} .chart{display:block} h2{font-size:15px;margin:4px 0}</style>"
      "</head><body>\n";
  for (int width : {360, 900}) {
    page += "<h2>" + std::to_string(width) + " px</h2>\n";
    for (const std::string* chart : {&line, &bars, &long_line, &empty}) {
      page += "<div class=\"box\" style=\"width:" + std::to_string(width) + "px\">" + *chart +
              "</div>\n";
    }
  }
  page += "</body></html>\n";
  CHECK(count(page, "<svg") == 8);
  const size_t body = page.find("<body>") + 6;
  CHECK(balanced(page.substr(body, page.find("</body>") - body)));

  // Each chart at 640 units in a desktop-sized box, beside the phone
  // variant at 360 units in a 360 px box.
  std::string narrow =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Narrow charts"
      "</title><style>body{font:16px/1.4 \"DejaVu Sans\",sans-serif;color:#1B1F24;"
      "background:#fff;margin:12px} .row{display:flex;align-items:flex-start;gap:12px;"
      "margin-bottom:12px} .box{outline:1px dashed #D5DAE0;flex:none} .chart{display:block} "
      "h2{font-size:15px;margin:0 0 4px}</style></head><body>\n";
  const std::vector<std::pair<std::string, std::vector<ChartPoint>>> lines = {
      {"completion", months(12, 2026, 40, 43.0 / 11)},
      {"completion2", months(24, 2025, 18, 3.6)},
  };
  auto row = [&](const std::string& wide, const std::string& phone) {
    narrow +=
        "<div class=\"row\"><div class=\"box\" style=\"width:560px\"><h2>640 units, 560 px"
        "</h2>" +
        wide + "</div><div class=\"box\" style=\"width:360px\"><h2>360 units, 360 px</h2>" + phone +
        "</div></div>\n";
  };
  for (const auto& [id, points] : lines) {
    row(percent_line_chart("Completion", id, points),
        percent_line_chart("Completion", id + "-narrow", points, 360));
  }
  row(count_bar_chart("Overdue by role", "overdue", by_role),
      count_bar_chart("Overdue by role", "overdue-narrow", by_role, 360));
  row(count_bar_chart("Overdue by role", "none", {}),
      count_bar_chart("Overdue by role", "none-narrow", {}, 360));
  narrow += "</body></html>\n";
  CHECK(count(narrow, "viewBox=\"0 0 360 ") == 4);
  const size_t narrow_body = narrow.find("<body>") + 6;
  CHECK(balanced(narrow.substr(narrow_body, narrow.find("</body>") - narrow_body)));
  if (const char* dir = std::getenv("ATTEST_DASHBOARD_OUT")) {
    std::ofstream(std::filesystem::path(dir) / "chart-sample.html", std::ios::binary) << page;
    std::ofstream(std::filesystem::path(dir) / "chart-narrow.html", std::ios::binary) << narrow;
  }
}
