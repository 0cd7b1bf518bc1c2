#include "ui/shapes.h"

#include <algorithm>
#include <cmath>

namespace attest::ui {

namespace {

// Whole pixels: the pieces must meet without a gap, and SDL cuts a
// fractional rectangle down to whole pixels.
float snap(float v) { return std::floor(v + 0.5f); }

bool opaque(ImU32 c) { return ((c >> IM_COL32_A_SHIFT) & 0xff) == 0xff; }

// An axis-aligned rectangle: two triangles SDL fills as a rectangle.
void rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color) {
  if (b.x > a.x && b.y > a.y) dl->AddRectFilled(a, b, color);
}

// At most half the shorter side, so a pill stays a pill.
float clamp_rounding(ImVec2 a, ImVec2 b, float rounding) {
  return std::floor(std::min({rounding, (b.x - a.x) * 0.5f, (b.y - a.y) * 0.5f}));
}

// Where a shape's edge sits among the others, which decides where its
// anti-aliased fringe goes.
enum class Edge {
  kOuter,  // against the background: fringe straddles the edge, as ImGui's
  kInner,  // the fill inside a border: fringe kept inside, so no half-lit
           // pixels dent the border where the arc meets a straight side
};

// A quarter disc around `center` from angle `from` to `to` (radians, 0 =
// +x, clockwise on screen), anti-aliased on the arc only: its straight
// sides lie on the neighbouring rectangles' hard edges, and a fringe there
// would show as a seam.
void fill_corner(ImDrawList* dl, ImVec2 center, float r, float from, float to, ImU32 color,
                 Edge edge) {
  // Enough segments that the arc is off by less than a quarter pixel.
  const float step_max = std::acos(std::max(0.0f, 1.0f - 0.25f / r));
  const int n = std::max(2, int(std::ceil((to - from) / step_max)));
  const float mid = edge == Edge::kOuter ? r : r - 0.5f;
  const ImU32 clear = color & ~IM_COL32_A_MASK;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  dl->PrimReserve(9 * n, 1 + 2 * (n + 1));
  // Read after reserving: a full 16-bit index range starts a new one.
  const unsigned base = dl->_VtxCurrentIdx;
  dl->PrimWriteVtx(center, uv, color);
  for (int i = 0; i <= n; ++i) {
    const float angle = from + (to - from) * float(i) / float(n);
    const ImVec2 dir(std::cos(angle), std::sin(angle));
    const float in = mid - 0.5f, out = mid + 0.5f;
    dl->PrimWriteVtx(ImVec2(center.x + dir.x * in, center.y + dir.y * in), uv, color);
    dl->PrimWriteVtx(ImVec2(center.x + dir.x * out, center.y + dir.y * out), uv, clear);
  }
  auto triangle = [&](unsigned i, unsigned j, unsigned k) {
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(i));
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(j));
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(k));
  };
  for (unsigned i = 0; i < unsigned(n); ++i) {
    const unsigned in0 = base + 1 + 2 * i, out0 = in0 + 1, in1 = in0 + 2, out1 = in0 + 3;
    triangle(base, in0, in1);   // the disc
    triangle(in0, out0, out1);  // the fringe, fading out
    triangle(in0, out1, in1);
  }
}

void fill_corners(ImDrawList* dl, ImVec2 a, ImVec2 b, float r, ImU32 color, Edge edge) {
  constexpr float kQuarter = 3.14159265f / 2;
  fill_corner(dl, ImVec2(a.x + r, a.y + r), r, 2 * kQuarter, 3 * kQuarter, color, edge);
  fill_corner(dl, ImVec2(b.x - r, a.y + r), r, 3 * kQuarter, 4 * kQuarter, color, edge);
  fill_corner(dl, ImVec2(b.x - r, b.y - r), r, 0, kQuarter, color, edge);
  fill_corner(dl, ImVec2(a.x + r, b.y - r), r, kQuarter, 2 * kQuarter, color, edge);
}

// Half-covered pixels just outside the straight sides. ImGui's fringe has
// always put them there through SDL's rasteriser, and the arcs' fringe
// still does; without them each corner would grow a little tail where its
// arc meets a side.
void fill_halo(ImDrawList* dl, ImVec2 a, ImVec2 b, float r, ImU32 color) {
  const ImU32 half = (color & ~IM_COL32_A_MASK) | (ImU32(0x80) << IM_COL32_A_SHIFT);
  rect(dl, ImVec2(a.x + r, a.y - 1), ImVec2(b.x - r, a.y), half);
  rect(dl, ImVec2(a.x + r, b.y), ImVec2(b.x - r, b.y + 1), half);
  rect(dl, ImVec2(a.x - 1, a.y + r), ImVec2(a.x, b.y - r), half);
  rect(dl, ImVec2(b.x, a.y + r), ImVec2(b.x + 1, b.y - r), half);
}

// fill_rounded for corners already on whole pixels and an opaque colour.
void fill_snapped(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float rounding, Edge edge) {
  if (b.x <= a.x || b.y <= a.y) return;
  const float r = clamp_rounding(a, b, rounding);
  if (r < 1.0f) {
    rect(dl, a, b, color);
    return;
  }
  // A cross of three rectangles, then a quarter disc in each corner square.
  rect(dl, ImVec2(a.x + r, a.y), ImVec2(b.x - r, b.y), color);
  rect(dl, ImVec2(a.x, a.y + r), ImVec2(a.x + r, b.y - r), color);
  rect(dl, ImVec2(b.x - r, a.y + r), ImVec2(b.x, b.y - r), color);
  fill_corners(dl, a, b, r, color, edge);
  if (edge == Edge::kOuter) fill_halo(dl, a, b, r, color);
}

}  // namespace

void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float rounding) {
  if (!opaque(color)) {
    dl->AddRectFilled(a, b, color, rounding);
    return;
  }
  fill_snapped(dl, ImVec2(snap(a.x), snap(a.y)), ImVec2(snap(b.x), snap(b.y)), color, rounding,
               Edge::kOuter);
}

void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 fill, float rounding, ImU32 border,
                  float thickness) {
  if (!opaque(fill) || !opaque(border)) {
    dl->AddRectFilled(a, b, fill, rounding);
    dl->AddRect(a, b, border, rounding, 0, thickness);
    return;
  }
  a = ImVec2(snap(a.x), snap(a.y));
  b = ImVec2(snap(b.x), snap(b.y));
  if (b.x <= a.x || b.y <= a.y) return;
  const float t = std::max(1.0f, snap(thickness)) + 1;
  const float r = clamp_rounding(a, b, rounding);
  if (r <= t) {
    // Corners too tight for a ring: the whole shape in the border colour.
    fill_snapped(dl, a, b, border, rounding, Edge::kOuter);
  } else {
    // Only the border's own pixels, so the large middle is filled once.
    rect(dl, ImVec2(a.x + r, a.y), ImVec2(b.x - r, a.y + t), border);  // top
    rect(dl, ImVec2(a.x + r, b.y - t), ImVec2(b.x - r, b.y), border);  // bottom
    rect(dl, ImVec2(a.x, a.y + r), ImVec2(a.x + t, b.y - r), border);  // left
    rect(dl, ImVec2(b.x - t, a.y + r), ImVec2(b.x, b.y - r), border);  // right
    fill_corners(dl, a, b, r, border, Edge::kOuter);
    fill_halo(dl, a, b, r, border);
  }
  fill_snapped(dl, ImVec2(a.x + t, a.y + t), ImVec2(b.x - t, b.y - t), fill, r - t, Edge::kInner);
}

}  // namespace attest::ui
