#include "report/signature_fit.h"

#include <algorithm>
#include <limits>

namespace attest::report {

SignatureFit fit_signature(const Strokes& s, double width, double height, double inset) {
  double min_x = std::numeric_limits<double>::max(), min_y = min_x;
  double max_x = std::numeric_limits<double>::lowest(), max_y = max_x;
  for (const auto& stroke : s.strokes) {
    for (auto [x, y] : stroke) {
      min_x = std::min(min_x, double(x));
      min_y = std::min(min_y, double(y));
      max_x = std::max(max_x, double(x));
      max_y = std::max(max_y, double(y));
    }
  }
  SignatureFit fit;
  if (min_x > max_x) return fit;  // no points at all
  const double room_w = std::max(width - 2 * inset, 1.0);
  const double room_h = std::max(height - 2 * inset, 1.0);
  const double w = max_x - min_x, h = max_y - min_y;
  // A straight stroke or a dot has no extent on one axis; the other decides.
  if (w > 0 && h > 0) {
    fit.scale = std::min(room_w / w, room_h / h);
  } else if (w > 0) {
    fit.scale = room_w / w;
  } else if (h > 0) {
    fit.scale = room_h / h;
  }
  fit.width = w * fit.scale;
  fit.height = h * fit.scale;
  fit.x0 = (width - w * fit.scale) / 2 - min_x * fit.scale;
  fit.y0 = (height - h * fit.scale) / 2 - min_y * fit.scale;
  return fit;
}

}  // namespace attest::report
