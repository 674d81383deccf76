#pragma once
// Colour maps for values: a perceptually uniform sequential map (viridis) and
// a diverging map for signed values. Pure functions of t in [0, 1].
namespace pl {

struct Rgb {
    float r = 0, g = 0, b = 0;  // 0..1, sRGB
};

enum class Colormap { Viridis, Diverging, Gray };  // Gray: black (0) to white (1), for pictures

Rgb viridis(float t);

// The evenly spaced samples viridis() interpolates (t = 0, 0.1, ..., 1), so a
// GPU shader can draw exactly the same colours.
constexpr int kViridisSamples = 11;
const Rgb* viridis_samples();
Rgb diverging(float t);  // blue (0) - near white (0.5) - red (1)

Rgb colormap(Colormap map, float t);

// Relative luminance (WCAG), to pick black or white text over a colour.
float relative_luminance(Rgb c);

// t in [0, 1] for v within [lo, hi]; 0.5 when the range is empty.
float normalise(float v, float lo, float hi);

}  // namespace pl
