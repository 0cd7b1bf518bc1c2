// Charts for the Security Official's dashboard, drawn on the server as
// inline SVG: the dashboard runs no JavaScript and fetches nothing, so a
// chart is a string of markup like the rest of the page.
//
// Each chart is one <svg class="chart" role="img"> named by its <title>,
// which holds the title and the figures in words, so a screen reader hears
// what a sighted reader sees. Its viewBox is `width` units wide (640 by
// default; clamped to 280..4096) and it is drawn at width="100%". Text is
// 16 or 18 units at every width, never smaller, so one chart cannot suit
// both a phone and a desktop: the page draws each chart twice, 640 wide
// for a desktop and 360 wide for a phone (shown at ~330 px, so its text is
// ~15 px rather than ~8), shows one by CSS media query, and gives the two
// different `id`s. Everything horizontal (the plot's right edge, month
// label thinning and truncation, bar lengths) is worked out from `width`,
// so a narrow chart shows fewer month labels rather than smaller ones.
// Every label is escaped. chart_table() gives the same figures as a table
// for people who would rather read numbers than shapes. The same input
// gives the same bytes (numbers are formatted without locale).
//
// Colours are the kiosk theme's (each checked against WCAG on white); the
// background is left transparent for the page to choose.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attest::dashboard {

struct ChartPoint {
  std::string label;
  double value = 0;
};

// Completion over time: one point per month in order, each a percentage
// (clamped to 0..100), labelled like "Jan 2026". A line with dots over
// gridlines at 0/25/50/75/100%; month labels thinned so they never overlap
// (the first and last always shown); the last value written by its dot.
// `id` names the chart in the page (aria-labelledby="<id>-title"); anything
// but letters, digits, '-' and '_' in it becomes '-'. No points draws
// "No data yet".
std::string percent_line_chart(std::string_view title, std::string_view id,
                               const std::vector<ChartPoint>& points, double width = 640);

// Counts by label, e.g. overdue people by role: one horizontal bar per
// label in the order given, in the danger colour, the count written at the
// bar's end. Counts are rounded to whole numbers and clamped at 0; the
// longest bar is the largest count, so when every count is 0 only the
// labels and "0"s are drawn. No bars draws "No data yet".
std::string count_bar_chart(std::string_view title, std::string_view id,
                            const std::vector<ChartPoint>& bars, double width = 640);

// The figures behind a chart as <table class="chart-figures">: a caption,
// two column headers, and a row per point (the label as the row header, the
// value clamped and written as the chart writes it: "83%" when `percent`,
// else "12"). No points gives one row saying "No data yet".
std::string chart_table(std::string_view caption, std::string_view label_header,
                        std::string_view value_header, const std::vector<ChartPoint>& points,
                        bool percent);

}  // namespace attest::dashboard
