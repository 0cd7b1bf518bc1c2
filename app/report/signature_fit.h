// Where a drawn signature goes in the space a renderer has for it: its
// strokes' bounding box scaled to fit the box, centred, aspect ratio kept,
// so a signature is never stretched into something the person did not draw.
#pragma once

#include "report/document.h"

namespace attest::report {

// Maps a pad point to box coordinates (origin top left, y down):
// (x0 + x * scale, y0 + y * scale).
struct SignatureFit {
  double scale = 1;
  double x0 = 0;
  double y0 = 0;
  double width = 0;  // the drawn extent inside the box, inset not counted
  double height = 0;
};

// Fits `s` into a `width` × `height` box with `inset` kept clear on every
// side (for the line width).
SignatureFit fit_signature(const Strokes& s, double width, double height, double inset);

}  // namespace attest::report
