#include "dashboard/charts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "report/html.h"
#include "report/text.h"

namespace attest::dashboard {

namespace {

// Widths outside this range would squeeze the plot to nothing or write
// numbers too long to read; see clamp_width().
constexpr double kMinWidth = 280;
constexpr double kMaxWidth = 4096;
// The same sizes at every width: a phone gets the narrow (360-unit) chart,
// shown at ~330 px, so 18 units is ~16 px there, and a desktop gets the
// 640-unit one at about 1:1.
constexpr double kFont = 18;      // bar labels, counts, the last value
constexpr double kAxisFont = 16;  // tick labels on the axes
constexpr std::string_view kText = "#1B1F24";
constexpr std::string_view kSecondary = "#5A6472";
constexpr std::string_view kGrid = "#D5DAE0";
constexpr std::string_view kPrimary = "#1F5FAF";
constexpr std::string_view kDanger = "#B42318";
// The report pages' font first, so widths measured for DejaVu Sans hold on
// the machines the dashboard is usually read on; the rest are fallbacks.
constexpr std::string_view kFontFamily =
    "DejaVu Sans, system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
constexpr std::string_view kNoData = "No data yet";

// The line chart's plot area. The last month sits kLastValueRoom in from
// the right edge, leaving room for the last value written beside its dot
// (a 5-unit dot, a 6-unit gap, and "100%" in bold at ~57 units).
constexpr double kLineHeight = 304;
constexpr double kPlotLeft = 64;
constexpr double kPlotTop = 30;
constexpr double kPlotBottom = 262;
constexpr double kFirstX = kPlotLeft + 14;
constexpr double kLastValueRoom = 76;
constexpr double kXLabelBaseline = kPlotBottom + 28;
constexpr double kXLabelGap = 12;        // the least space between two month labels
constexpr double kXLabelMaxWidth = 170;  // a longer label is cut short with "…" (less when narrow)

// The bar chart: each row is a label over its bar, so a long role name has
// the chart's full width on a phone instead of squeezing the bars.
constexpr double kBarLeft = 8;
constexpr double kBarTop = 8;
constexpr double kBarRow = 62;
constexpr double kBarLabelBaseline = 20;  // within a row
constexpr double kBarOffset = 29;         // the bar's top within a row
constexpr double kBarHeight = 24;
constexpr double kCountGap = 8;
constexpr size_t kSummaryBars = 12;  // bars named in the summary; the rest counted

// At least kMinWidth (NaN too), at most kMaxWidth.
double clamp_width(double width) {
  if (!(width >= kMinWidth)) return kMinWidth;
  return std::min(width, kMaxWidth);
}

// A coordinate with one decimal, "12" rather than "12.0", never "-0";
// to_chars so the bytes do not depend on the locale.
std::string num(double v) {
  if (!(std::abs(v) >= 0.05)) v = 0;  // also NaN
  char buf[48];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  std::string s(buf, r.ptr);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

std::string integer(long long v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

double clamp_percent(double v) {
  if (std::isnan(v)) return 0;
  return std::clamp(v, 0.0, 100.0);
}

long long clamp_count(double v) {
  if (!(v > 0)) return 0;  // also NaN
  return std::llround(std::min(v, 1e15));
}

// Whole percent, but only a true 100 reads "100%" and only a true 0 reads
// "0%": a practice at 99.6% has not trained everyone, and one at 0.4% has
// started.
std::string percent_text(double clamped) {
  double whole = std::round(clamped);
  if (clamped > 0 && clamped < 1) whole = 1;
  if (clamped > 99 && clamped < 100) whole = 99;
  return integer(static_cast<long long>(whole)) + "%";
}

// Letters, digits, '-' and '_' only, so "<id>-title" is one valid IDREF
// for aria-labelledby.
std::string safe_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    out += ok ? c : '-';
  }
  return out.empty() ? "chart" : out;
}

// Decodes one code point of valid UTF-8 at `i`, moving `i` past it.
uint32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  i += len;
  return cp;
}

// Advance widths in em, near DejaVu Sans and a little generous, so a label
// measured here is never wider on screen than the room it was given.
double em_width(uint32_t cp) {
  if (cp == ' ') return 0.32;
  if (cp >= '0' && cp <= '9') return 0.64;
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (std::string_view("ijl.,:;!|'I").find(c) != std::string_view::npos) return 0.32;
    if (std::string_view("mwMW%").find(c) != std::string_view::npos) return 0.98;
    return c >= 'A' && c <= 'Z' ? 0.76 : 0.64;
  }
  return cp >= 0x1100 ? 1.0 : 0.7;  // CJK and the like are full width
}

double text_width(std::string_view utf8, double font, bool bold) {
  double em = 0;
  for (size_t i = 0; i < utf8.size();) em += em_width(next_code_point(utf8, i));
  return em * font * (bold ? 1.1 : 1.0);
}

// `text` (valid UTF-8) cut short with "…" to fit `max_width`. The full
// text is still in the chart's title and in the table.
std::string fit_text(const std::string& text, double font, double max_width) {
  if (text_width(text, font, false) <= max_width) return text;
  const double room = max_width - 0.8 * font;  // the ellipsis
  double used = 0;
  size_t end = 0;
  for (size_t i = 0; i < text.size();) {
    used += em_width(next_code_point(text, i)) * font;
    if (used > room) break;
    end = i;
  }
  std::string out = text.substr(0, end);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\u2026";
}

std::string svg_open(std::string_view id, double width, double height, std::string_view title,
                     const std::string& summary) {
  const std::string sid = safe_id(id);
  std::string out = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"" + sid +
                    "-title\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                    "\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" font-family=\"" +
                    std::string(kFontFamily) + "\" font-size=\"" + num(kFont) + "\">\n";
  out += "<title id=\"" + sid + "-title\">" + report::html_escape(title);
  if (!title.empty()) out += ": ";
  out += report::html_escape(summary) + "</title>\n";
  return out;
}

std::string no_data_chart(std::string_view title, std::string_view id, double width) {
  std::string out = svg_open(id, width, 120, title, std::string(kNoData));
  out += "<text x=\"" + num(width / 2) + "\" y=\"66\" text-anchor=\"middle\" fill=\"" +
         std::string(kSecondary) + "\">" + std::string(kNoData) + "</text>\n</svg>\n";
  return out;
}

std::string text_element(double x, double y, const std::string& escaped) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\">" + escaped + "</text>\n";
}

// The figures in words, for the title: where the line starts and ends,
// and a low or high in between when it is beyond both ends.
std::string line_summary(const std::vector<ChartPoint>& points) {
  const size_t n = points.size();
  auto at = [&](size_t i) {
    return percent_text(clamp_percent(points[i].value)) + " in " + points[i].label;
  };
  if (n == 1) return at(0);
  const std::string first = percent_text(clamp_percent(points.front().value));
  const std::string last = percent_text(clamp_percent(points.back().value));
  const double v0 = clamp_percent(points.front().value);
  const double v1 = clamp_percent(points.back().value);
  std::string out;
  if (first == last) {
    out = "unchanged at " + first + " from " + points.front().label + " to " + points.back().label;
  } else {
    out = at(0) + (v1 > v0 ? " rising to " : " falling to ") + at(n - 1);
  }
  size_t low = 0;
  size_t high = 0;
  for (size_t i = 1; i < n; ++i) {
    if (clamp_percent(points[i].value) < clamp_percent(points[low].value)) low = i;
    if (clamp_percent(points[i].value) > clamp_percent(points[high].value)) high = i;
  }
  const double lo = clamp_percent(points[low].value);
  const double hi = clamp_percent(points[high].value);
  if (lo < std::min(v0, v1) && percent_text(lo) != first && percent_text(lo) != last) {
    out += ", lowest " + at(low);
  }
  if (hi > std::max(v0, v1) && percent_text(hi) != first && percent_text(hi) != last) {
    out += ", highest " + at(high);
  }
  return out;
}

// A month label's centre: its month's x, but moved in so the label stays
// inside a chart `width` wide (the first and last months can be long).
double label_centre(double x, double label_width, double width) {
  return std::clamp(x, label_width / 2 + 2, width - label_width / 2 - 2);
}

// The widest a month label may be so that the first and last, however
// each is moved in by label_centre(), still sit kXLabelGap apart: then
// shown_labels() can always show both. kXLabelMaxWidth unless the chart
// is narrow. Moving in only ever pushes the two closer, and a narrower
// label only ever moves them apart, so counting down finds the widest.
double x_label_max_width(double first_x, double last_x, double width) {
  double most = kXLabelMaxWidth;
  while (most > kAxisFont) {
    const double first_right = label_centre(first_x, most, width) + most / 2;
    const double last_left = label_centre(last_x, most, width) - most / 2;
    if (first_right + kXLabelGap <= last_left) break;
    most -= 1;
  }
  return most;
}

struct AxisLabel {
  std::string text;  // valid UTF-8, not yet escaped
  double centre = 0;
  double width = 0;
};

// Which month labels to show: as many as fit without overlapping, spread
// evenly from the first to the last (both always shown), so the gaps
// between them differ by at most one month.
std::vector<size_t> shown_labels(const std::vector<AxisLabel>& labels) {
  const size_t n = labels.size();
  if (n <= 2) {
    std::vector<size_t> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = i;
    return all;  // labels are cut to x_label_max_width(), so two always fit
  }
  auto apart = [&](size_t a, size_t b) {
    return labels[a].centre + labels[a].width / 2 + kXLabelGap <=
           labels[b].centre - labels[b].width / 2;
  };
  for (size_t m = n; m > 2; --m) {
    std::vector<size_t> shown(m);
    for (size_t j = 0; j < m; ++j) {
      shown[j] = static_cast<size_t>(std::llround(
          static_cast<double>(j) * static_cast<double>(n - 1) / static_cast<double>(m - 1)));
    }
    bool fits = true;
    for (size_t j = 1; j < m && fits; ++j) fits = apart(shown[j - 1], shown[j]);
    if (fits) return shown;
  }
  return {0, n - 1};
}

}  // namespace

std::string percent_line_chart(std::string_view title, std::string_view id,
                               const std::vector<ChartPoint>& points, double width) {
  width = clamp_width(width);
  if (points.empty()) return no_data_chart(title, id, width);
  const size_t n = points.size();
  std::string out = svg_open(id, width, kLineHeight, title, line_summary(points));
  const double last_x = width - kLastValueRoom;

  auto x_of = [&](size_t i) {
    return n == 1
               ? (kFirstX + last_x) / 2
               : kFirstX + (last_x - kFirstX) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y_of = [&](double percent) {
    return kPlotBottom - (kPlotBottom - kPlotTop) * clamp_percent(percent) / 100;
  };

  // Gridlines stop short of the last value's label so it never sits on one.
  const double grid_right = last_x + 6;
  out += "<g class=\"grid\" stroke=\"" + std::string(kGrid) + "\" stroke-width=\"1\">\n";
  for (int p = 0; p <= 100; p += 25) {
    const std::string y = num(y_of(p));
    out += "<line x1=\"" + num(kPlotLeft) + "\" y1=\"" + y + "\" x2=\"" + num(grid_right) +
           "\" y2=\"" + y + "\"/>\n";
  }
  out += "</g>\n<g class=\"y-labels\" fill=\"" + std::string(kSecondary) + "\" font-size=\"" +
         num(kAxisFont) + "\" text-anchor=\"end\">\n";
  for (int p = 0; p <= 100; p += 25) {
    out += text_element(kPlotLeft - 8, y_of(p) + 5, integer(p) + "%");
  }
  out += "</g>\n";

  const double label_max = x_label_max_width(kFirstX, last_x, width);
  std::vector<AxisLabel> labels(n);
  for (size_t i = 0; i < n; ++i) {
    AxisLabel& l = labels[i];
    l.text = fit_text(report::valid_utf8(points[i].label), kAxisFont, label_max);
    l.width = text_width(l.text, kAxisFont, false);
    l.centre = label_centre(x_of(i), l.width, width);
  }
  out += "<g class=\"x-labels\" fill=\"" + std::string(kSecondary) + "\" font-size=\"" +
         num(kAxisFont) + "\" text-anchor=\"middle\">\n";
  for (size_t i : shown_labels(labels)) {
    out += text_element(labels[i].centre, kXLabelBaseline, report::html_escape(labels[i].text));
  }
  out += "</g>\n";

  if (n > 1) {
    out += "<polyline class=\"line\" fill=\"none\" stroke=\"" + std::string(kPrimary) +
           "\" stroke-width=\"3\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"";
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) out += ' ';
      out += num(x_of(i)) + "," + num(y_of(points[i].value));
    }
    out += "\"/>\n";
  }
  // Dots shrink as months crowd together, so neighbours stay apart.
  const double step = n > 1 ? (last_x - kFirstX) / static_cast<double>(n - 1) : width;
  const double r = std::clamp(step / 5, 2.5, 5.0);
  out += "<g class=\"dots\" fill=\"" + std::string(kPrimary) + "\">\n";
  for (size_t i = 0; i < n; ++i) {
    out += "<circle cx=\"" + num(x_of(i)) + "\" cy=\"" + num(y_of(points[i].value)) + "\" r=\"" +
           num(r) + "\"/>\n";
  }
  out += "</g>\n";
  out += "<text class=\"last-value\" x=\"" + num(x_of(n - 1) + r + 6) + "\" y=\"" +
         num(y_of(points.back().value) + 5.5) + "\" fill=\"" + std::string(kPrimary) +
         "\" font-weight=\"700\">" + percent_text(clamp_percent(points.back().value)) +
         "</text>\n</svg>\n";
  return out;
}

std::string count_bar_chart(std::string_view title, std::string_view id,
                            const std::vector<ChartPoint>& bars, double width) {
  width = clamp_width(width);
  if (bars.empty()) return no_data_chart(title, id, width);
  const size_t n = bars.size();

  std::vector<long long> counts(n);
  long long most = 0;
  for (size_t i = 0; i < n; ++i) {
    counts[i] = clamp_count(bars[i].value);
    most = std::max(most, counts[i]);
  }
  std::string summary;
  for (size_t i = 0; i < n && i < kSummaryBars; ++i) {
    if (i > 0) summary += ", ";
    summary += bars[i].label + " " + integer(counts[i]);
  }
  if (n > kSummaryBars)
    summary += ", and " + integer(static_cast<long long>(n - kSummaryBars)) + " more";

  const double height = kBarTop + kBarRow * static_cast<double>(n);
  std::string out = svg_open(id, width, height, title, summary);
  // The longest bar leaves room for the largest count after it.
  const double full =
      width - kBarLeft - kCountGap - text_width(integer(most), kFont, true) - kBarLeft;
  auto length = [&](long long c) {
    return most > 0 ? full * static_cast<double>(c) / static_cast<double>(most) : 0.0;
  };
  auto row_top = [&](size_t i) { return kBarTop + kBarRow * static_cast<double>(i); };

  out += "<g class=\"labels\" fill=\"" + std::string(kText) + "\">\n";
  for (size_t i = 0; i < n; ++i) {
    const std::string label =
        fit_text(report::valid_utf8(bars[i].label), kFont, width - 2 * kBarLeft);
    out += text_element(kBarLeft, row_top(i) + kBarLabelBaseline, report::html_escape(label));
  }
  out += "</g>\n<g class=\"bars\" fill=\"" + std::string(kDanger) + "\">\n";
  for (size_t i = 0; i < n; ++i) {
    if (counts[i] == 0) continue;  // nothing to draw; its "0" says so
    out += "<rect x=\"" + num(kBarLeft) + "\" y=\"" + num(row_top(i) + kBarOffset) + "\" width=\"" +
           num(length(counts[i])) + "\" height=\"" + num(kBarHeight) + "\" rx=\"2\"/>\n";
  }
  out += "</g>\n<g class=\"counts\" fill=\"" + std::string(kText) + "\" font-weight=\"700\">\n";
  for (size_t i = 0; i < n; ++i) {
    const double x = kBarLeft + (counts[i] > 0 ? length(counts[i]) + kCountGap : 0);
    out += text_element(x, row_top(i) + kBarOffset + kBarHeight / 2 + 5.5, integer(counts[i]));
  }
  out += "</g>\n</svg>\n";
  return out;
}

std::string chart_table(std::string_view caption, std::string_view label_header,
                        std::string_view value_header, const std::vector<ChartPoint>& points,
                        bool percent) {
  std::string out = "<table class=\"chart-figures\">\n<caption>" + report::html_escape(caption) +
                    "</caption>\n<thead><tr><th scope=\"col\">" +
                    report::html_escape(label_header) + "</th><th scope=\"col\" class=\"num\">" +
                    report::html_escape(value_header) + "</th></tr></thead>\n<tbody>\n";
  if (points.empty()) out += "<tr><td colspan=\"2\">" + std::string(kNoData) + "</td></tr>\n";
  for (const ChartPoint& p : points) {
    const std::string value =
        percent ? percent_text(clamp_percent(p.value)) : integer(clamp_count(p.value));
    out += "<tr><th scope=\"row\">" + report::html_escape(p.label) + "</th><td class=\"num\">" +
           value + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace attest::dashboard
