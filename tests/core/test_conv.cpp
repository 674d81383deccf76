#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/conv.h"

using namespace pl;

// Golden case: the vertical-edge example from Andrew Ng's deeplearning.ai
// course "Convolutional Neural Networks", week 1 (6×6 input, 3×3 filter).
TEST(Conv, CourseVerticalEdgeExample) {
    Grid in = Grid::from_rows({{3, 0, 1, 2, 7, 4}, {1, 5, 8, 9, 3, 1}, {2, 7, 2, 5, 1, 3},
                               {0, 1, 3, 1, 7, 8}, {4, 2, 1, 6, 2, 8}, {2, 4, 5, 2, 3, 9}});
    Result<Grid> out = conv2d(in, named_kernel("vertical-edge"), Padding::Valid);
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.value, Grid::from_rows({{-5, -4, 0, 8}, {-10, -2, 2, 3}, {0, -2, -4, -7}, {-3, -2, -3, -16}}));
}

// Same course: a bright-left, dark-right picture gives a bright band where the edge is.
TEST(Conv, EdgeShowsAsABand) {
    Grid in(6, 6);
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 3; ++c) in.at(r, c) = 10;
    Result<Grid> out = conv2d(in, named_kernel("vertical-edge"), Padding::Valid);
    ASSERT_TRUE(out.ok()) << out.error;
    for (int r = 0; r < 4; ++r) {
        EXPECT_EQ(out.value.at(r, 0), 0);
        EXPECT_EQ(out.value.at(r, 1), 30);
        EXPECT_EQ(out.value.at(r, 2), 30);
        EXPECT_EQ(out.value.at(r, 3), 0);
    }
}

TEST(Conv, SamePaddingKeepsTheSizeAndPadsWithZeros) {
    Grid in = Grid::from_rows({{1, 2}, {3, 4}});
    Grid ones = Grid::from_rows({{1, 1, 1}, {1, 1, 1}, {1, 1, 1}});
    Result<Grid> out = conv2d(in, ones, Padding::Same);
    ASSERT_TRUE(out.ok()) << out.error;
    EXPECT_EQ(out.value, Grid::from_rows({{10, 10}, {10, 10}}));
    // Even kernel, TensorFlow's split: nothing before, one after.
    Result<Grid> even = conv2d(in, Grid::from_rows({{1, 1}, {1, 1}}), Padding::Same);
    ASSERT_TRUE(even.ok()) << even.error;
    EXPECT_EQ(even.value, Grid::from_rows({{10, 6}, {7, 4}}));
    // The identity kernel gives the input back.
    Result<Grid> id = conv2d(in, named_kernel("identity"), Padding::Same);
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id.value, in);
}

TEST(Conv, ReluZeroesNegatives) {
    EXPECT_EQ(relu(Grid::from_rows({{-5, 0, 2.5f}, {-0.1f, 7, -3}})), Grid::from_rows({{0, 0, 2.5f}, {0, 7, 0}}));
}

TEST(Conv, BadKernelsGiveMessages) {
    Grid in(4, 4, 1.0f);
    EXPECT_EQ(conv2d(in, Grid(), Padding::Valid).error, "the kernel is empty");
    EXPECT_EQ(conv2d(in, Grid(5, 5, 1.0f), Padding::Valid).error,
              "a 5×5 kernel does not fit in a 4×4 input with \"valid\" padding");
    EXPECT_TRUE(conv2d(in, Grid(5, 5, 1.0f), Padding::Same).ok());
    EXPECT_NE(conv2d(in, Grid(16, 3, 1.0f), Padding::Same).error.find("too large"), std::string::npos);
    Grid nan_kernel(3, 3, 0.0f);
    nan_kernel.at(1, 2) = std::numeric_limits<float>::quiet_NaN();
    Result<Grid> r = conv2d(in, nan_kernel, Padding::Valid);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error.rfind("kernel: ", 0), 0u) << r.error;
    EXPECT_TRUE(named_kernel("no-such-kernel").empty());
}

TEST(Conv, SumsPastTheLargestFloatAreRefusedNamingTheCell) {
    const float big = 3e38f;
    struct Case {
        const char* what;
        Grid input, kernel;
        Padding padding;
        const char* error_start;  // "" when the result fits
    };
    const std::vector<Case> cases = {
        {"a blur of huge values fits", Grid(3, 3, big), named_kernel("box-blur"), Padding::Valid, ""},
        {"a huge weight on ones fits", Grid(3, 3, 1.0f), Grid(1, 1, big), Padding::Valid, ""},
        {"two huge values add past it", Grid::from_rows({{big, big}}), Grid::from_rows({{1, 1}}), Padding::Valid,
         "the feature map's cell (row 1, column 1) comes to 6e+38"},
        {"and below minus it", Grid::from_rows({{-big, -big}}), Grid::from_rows({{1, 1}}), Padding::Valid,
         "the feature map's cell (row 1, column 1) comes to -6e+38"},
        {"a sharpened spike", Grid::from_rows({{-big, -big, -big}, {-big, big, -big}, {-big, -big, -big}}), named_kernel("sharpen"),
         Padding::Valid, "the feature map's cell (row 1, column 1) comes to 2.7e+39"},
        {"a huge weight on a huge value", Grid(2, 2, big), Grid(1, 1, big), Padding::Valid, "the feature map's cell (row 1, column 1) comes to 9e+76"},
        {"only at the far corner, with 'same' padding", Grid::from_rows({{0, 0, 0}, {0, 0, 0}, {0, big, big}}), Grid::from_rows({{1, 1}}),
         Padding::Same, "the feature map's cell (row 3, column 2) comes to 6e+38"},
    };
    for (const Case& c : cases) {
        Result<Grid> r = conv2d(c.input, c.kernel, c.padding);
        if (*c.error_start == '\0') {
            ASSERT_TRUE(r.ok()) << c.what << ": " << r.error;
            EXPECT_EQ(check_grid(r.value), "") << c.what;
        } else {
            EXPECT_EQ(r.error.rfind(c.error_start, 0), 0u) << c.what << ": " << r.error;
            EXPECT_NE(r.error.find("beyond the largest number PoolLab holds"), std::string::npos) << c.what;
        }
    }
}

TEST(Conv, NoResultIsEverInfinite) {
    // Random grids and kernels of values up to the largest a CSV takes: every result is finite, or refused.
    std::mt19937 random(11);
    std::uniform_real_distribution<double> unit(-1.0, 1.0);
    auto value = [&](std::mt19937& g) { return static_cast<float>(unit(g) * 3e38); };
    int refused = 0;
    for (int trial = 0; trial < 300; ++trial) {
        Grid in(1 + static_cast<int>(random() % 5), 1 + static_cast<int>(random() % 5)), k(1 + static_cast<int>(random() % 3), 1 + static_cast<int>(random() % 3));
        for (float& v : in.values) v = random() % 3 ? value(random) : 0.0f;
        for (float& v : k.values) v = random() % 2 ? value(random) * 1e-38f : 0.0f;
        Result<Grid> r = conv2d(in, k, Padding::Same);
        if (r.ok()) {
            EXPECT_EQ(check_grid(r.value), "") << trial;
        } else {
            ++refused;
            EXPECT_NE(r.error.find("beyond the largest number"), std::string::npos) << r.error;
        }
    }
    EXPECT_GT(refused, 30);
    EXPECT_LT(refused, 270);
}
