#include <gtest/gtest.h>

#include <cmath>

#include "core/colormap.h"

using namespace pl;

TEST(Colormap, ViridisEndsAndRisingLuminance) {
    Rgb lo = viridis(0.0f), hi = viridis(1.0f);
    EXPECT_NEAR(lo.r, 0.267f, 1e-3);
    EXPECT_NEAR(hi.g, 0.906f, 1e-3);
    float last = -1.0f;
    for (int i = 0; i <= 100; ++i) {
        float l = relative_luminance(viridis(static_cast<float>(i) / 100.0f));
        EXPECT_GT(l, last) << "at " << i;  // perceptually ordered: brighter as the value grows
        last = l;
    }
    Rgb clamped = viridis(7.0f);
    EXPECT_EQ(clamped.b, hi.b);
    Rgb nan = viridis(std::nanf(""));
    EXPECT_EQ(nan.r, lo.r);
}

TEST(Colormap, DivergingIsLightInTheMiddle) {
    EXPECT_GT(relative_luminance(diverging(0.5f)), 0.85f);
    EXPECT_LT(relative_luminance(diverging(0.0f)), 0.1f);
    EXPECT_LT(relative_luminance(diverging(1.0f)), 0.1f);
    EXPECT_GT(diverging(1.0f).r, diverging(1.0f).b);  // red end
}

TEST(Colormap, Normalise) {
    EXPECT_EQ(normalise(5, 0, 10), 0.5f);
    EXPECT_EQ(normalise(-5, 0, 10), 0.0f);
    EXPECT_EQ(normalise(3, 3, 3), 0.5f);
}
