#include "core/colormap.h"

#include <algorithm>
#include <cmath>

namespace pl {

namespace {

// Samples of matplotlib's viridis at t = 0, 0.1, ..., 1 (the map is CC0),
// interpolated linearly; close enough for cells on a screen.
constexpr Rgb kViridis[] = {
    {0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
    {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
    {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.478f, 0.821f, 0.318f},
    {0.741f, 0.873f, 0.150f}, {0.993f, 0.906f, 0.144f}};

// A blue - white - red map in the spirit of ColorBrewer's RdBu.
constexpr Rgb kDiverging[] = {
    {0.020f, 0.188f, 0.380f}, {0.263f, 0.576f, 0.765f}, {0.820f, 0.898f, 0.941f}, {0.969f, 0.969f, 0.969f},
    {0.992f, 0.859f, 0.780f}, {0.839f, 0.376f, 0.302f}, {0.404f, 0.000f, 0.122f}};

template <size_t N>
Rgb sample(const Rgb (&lut)[N], float t) {
    if (!std::isfinite(t)) t = 0.0f;
    t = std::clamp(t, 0.0f, 1.0f) * static_cast<float>(N - 1);
    size_t i = std::min(static_cast<size_t>(t), N - 2);
    float f = t - static_cast<float>(i);
    const Rgb& a = lut[i];
    const Rgb& b = lut[i + 1];
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

float linear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

}  // namespace

static_assert(sizeof(kViridis) / sizeof(kViridis[0]) == kViridisSamples, "viridis samples");

Rgb viridis(float t) { return sample(kViridis, t); }
const Rgb* viridis_samples() { return kViridis; }
Rgb diverging(float t) { return sample(kDiverging, t); }

Rgb colormap(Colormap map, float t) {
    switch (map) {
        case Colormap::Viridis: return viridis(t);
        case Colormap::Diverging: return diverging(t);
        case Colormap::Gray: {
            const float g = t < 0 ? 0 : t > 1 ? 1 : t;
            return {g, g, g};
        }
    }
    return viridis(t);
}

float relative_luminance(Rgb c) { return 0.2126f * linear(c.r) + 0.7152f * linear(c.g) + 0.0722f * linear(c.b); }

float normalise(float v, float lo, float hi) {
    if (!(hi > lo)) return 0.5f;
    return std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f);
}

}  // namespace pl
