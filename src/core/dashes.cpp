#include "core/dashes.h"

#include <algorithm>
#include <cmath>

namespace pl {

namespace {

bool finite_box(const Box& b) {
    return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1) && b.x0 <= b.x1 && b.y0 <= b.y1;
}

// One side from `from` to `to` along one axis (at `across` on the other),
// dashed from `from`, kept to [lo, hi] along the side. `vertical` says which
// axis the side runs along.
void dash_side(double from, double to, double across, bool vertical, double lo, double hi, double dash, std::vector<Dash>& out) {
    const double sign = to >= from ? 1.0 : -1.0;
    // The stretch of the side in [lo, hi], between its clipped ends: distances
    // from a far corner can be inexact past a double's integers, these are not.
    const double start = sign > 0 ? std::max(lo, from) : std::min(hi, from);
    const double end = sign > 0 ? std::min(hi, to) : std::max(lo, to);
    if (!(sign * (end - start) > 0)) return;
    // Walked from `start` by an integer count (a growing sum stops moving once
    // its step is below its precision), in phase with the dashes from the corner.
    const double period = 2 * dash, span = std::abs(end - start);
    double phase = std::fmod(std::abs(start - from), period);
    if (!std::isfinite(phase) || !std::isfinite(span)) phase = 0;  // the distance overflowed: any phase will do
    if (!std::isfinite(span)) return;
    for (long long k = 0;; ++k) {
        const double on = static_cast<double>(k) * period - phase;  // where dash k starts, from `start`
        if (on >= span) break;
        const double s = std::max(0.0, on), e = std::min(span, on + dash);
        if (e <= s) continue;
        const double a = start + sign * s, b = start + sign * e;
        out.push_back(vertical ? Dash{across, a, across, b} : Dash{a, across, b, across});
    }
}

}  // namespace

std::vector<Dash> dashes_of_outline(const Box& outline, const Box& visible, double dash) {
    std::vector<Dash> out;
    if (!(dash > 0) || !std::isfinite(dash) || !finite_box(outline) || !finite_box(visible)) return out;
    // A side outside the visible box along its other axis shows nothing.
    auto in = [](double v, double lo, double hi) { return v >= lo && v <= hi; };
    if (in(outline.y0, visible.y0, visible.y1)) dash_side(outline.x0, outline.x1, outline.y0, false, visible.x0, visible.x1, dash, out);
    if (in(outline.x1, visible.x0, visible.x1)) dash_side(outline.y0, outline.y1, outline.x1, true, visible.y0, visible.y1, dash, out);
    if (in(outline.y1, visible.y0, visible.y1)) dash_side(outline.x1, outline.x0, outline.y1, false, visible.x0, visible.x1, dash, out);
    if (in(outline.x0, visible.x0, visible.x1)) dash_side(outline.y1, outline.y0, outline.x0, true, visible.y0, visible.y1, dash, out);
    return out;
}

}  // namespace pl
