#pragma once
// How much larger text and controls are drawn in a large frame, so a figure on
// a 4K screen or a projector is not a small picture in a sea of space. The
// layouts are designed for 1280 x 800 CSS pixels; above that everything grows
// with the smaller of the two ratios, in steps of a quarter (each step
// rebuilds the font atlas), up to 2.5x. Smaller frames keep 1x: their layouts
// fold instead.
#include <algorithm>
#include <cmath>

namespace pl {

inline float text_growth(float css_width, float css_height) {
    if (!(css_width > 0.0f) || !(css_height > 0.0f)) return 1.0f;
    const float g = std::min(css_width / 1280.0f, css_height / 800.0f);
    return std::clamp(std::floor(g * 4.0f) / 4.0f, 1.0f, 2.5f);
}

}  // namespace pl
