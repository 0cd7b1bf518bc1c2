// Rounded rectangles drawn so that SDL's software renderer stays fast.
//
// SDL's software renderer turns a pair of triangles that make an
// axis-aligned rectangle into a rectangle fill, but rasterises every other
// triangle pixel by pixel, sampling a texture (ImGui textures every shape
// with the font atlas' white pixel). ImDrawList::AddRectFilled with rounding
// is one fan of long, thin triangles, so each list row or wide button cost
// about 0.7 ms at 1280x800 and the home screen 8.5 ms a frame. Here the
// middle is plain rectangles and only the corners are triangles.
#pragma once

#include <imgui.h>

namespace attest::ui {

// Like dl->AddRectFilled(a, b, color, rounding): snapped to whole pixels,
// with the half-covered outline ImGui's anti-aliasing has always left
// through SDL's rasteriser. A colour that is not opaque falls back to
// ImGui's fan: the pieces overlap, and would show through each other.
void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float rounding);

// A filled rounded rectangle with a border inside its edge: like
// AddRectFilled followed by AddRect with `thickness`. The border is drawn
// as the outer shape with the fill inset on top, one pixel heavier than
// `thickness`, the weight ImGui's anti-aliased strokes have always had
// through SDL's rasteriser, so borders look as they did.
void fill_rounded(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 fill, float rounding, ImU32 border,
                  float thickness);

}  // namespace attest::ui
