#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/dashes.h"

using namespace pl;

namespace {

// The most dashes a visible box may cost, whatever the outline.
size_t bound(const Box& visible, double dash) {
    const double side = std::max(visible.x1 - visible.x0, visible.y1 - visible.y0);
    return static_cast<size_t>(4 * (side / (2 * dash) + 2));
}

bool inside(const Dash& d, const Box& v) {
    auto in = [](double a, double lo, double hi) { return a >= lo - 1e-9 && a <= hi + 1e-9; };
    return in(d.x0, v.x0, v.x1) && in(d.x1, v.x0, v.x1) && in(d.y0, v.y0, v.y1) && in(d.y1, v.y0, v.y1);
}

}  // namespace

TEST(Dashes, ASmallOutlineIsDashedFromEachCorner) {
    // 20 wide, 10 high, dashes of 4: each side on at 0, 8, 16 from its corner.
    const std::vector<Dash> d = dashes_of_outline({0, 0, 20, 10}, {-100, -100, 100, 100}, 4);
    ASSERT_EQ(d.size(), 3u + 2u + 3u + 2u);
    EXPECT_EQ(d[0].x0, 0);
    EXPECT_EQ(d[0].x1, 4);
    EXPECT_EQ(d[2].x0, 16);
    EXPECT_EQ(d[2].x1, 20);
    EXPECT_EQ(d[3].x0, 20);  // the right side, downwards
    EXPECT_EQ(d[3].y0, 0);
    EXPECT_EQ(d[5].x0, 20);  // the bottom, leftwards from the bottom-right corner
    EXPECT_EQ(d[5].x1, 16);
}

// The class: outlines from a few pixels to far past what a float can count
// (a receptive field with strides of 1000), around, inside, across or beside
// the visible box. The work is bounded by the visible box alone, every dash
// is inside it, and a side that crosses it is drawn about half on.
TEST(Dashes, TheWorkIsBoundedByTheVisibleBoxWhateverTheOutline) {
    const Box visible{100, 50, 1380, 850};
    const double dash = 4;
    for (double size = 1; size < 1e19; size *= 7.3) {
        for (double offset : {-size, -size / 2, 0.0, 300.0, 2000.0}) {
            const Box outline{120 + offset, 60 + offset, 120 + offset + size, 60 + offset + size};
            const std::vector<Dash> d = dashes_of_outline(outline, visible, dash);
            ASSERT_LE(d.size(), bound(visible, dash)) << "size " << size << " offset " << offset;
            for (const Dash& x : d) ASSERT_TRUE(inside(x, visible)) << "size " << size;
        }
        // An outline whose bottom-right corner is on screen, the rest far off:
        // its bottom (600 px seen) and right side (350 px) are dashed about half on.
        double on = 0;
        for (const Dash& x : dashes_of_outline({700 - size, 400 - size, 700, 400}, visible, dash)) on += std::hypot(x.x1 - x.x0, x.y1 - x.y0);
        if (size > 1000) EXPECT_NEAR(on, (600 + 350) / 2.0, 2 * dash) << "size " << size;
    }
}

TEST(Dashes, NothingForADegenerateOutlineOrDash) {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
    const Box visible{0, 0, 100, 100};
    EXPECT_TRUE(dashes_of_outline({0, 0, 50, 50}, visible, 0).empty());
    EXPECT_TRUE(dashes_of_outline({0, 0, 50, 50}, visible, nan).empty());
    EXPECT_TRUE(dashes_of_outline({-inf, 0, 50, 50}, visible, 4).empty());
    EXPECT_TRUE(dashes_of_outline({nan, 0, 50, 50}, visible, 4).empty());
    EXPECT_TRUE(dashes_of_outline({0, 0, 50, 50}, {0, 0, nan, 100}, 4).empty());
    EXPECT_TRUE(dashes_of_outline({500, 500, 600, 600}, visible, 4).empty());  // off screen
    // Past a double's range of integers the phase still comes out exact, and nothing hangs.
    EXPECT_LE(dashes_of_outline({-1e300, -1e300, 1e300, 1e300}, visible, 4).size(), bound(visible, 4));
    EXPECT_LE(dashes_of_outline({-1.7e308, -1.7e308, 50, 50}, {-1e308, -1e308, 1.7e308, 100}, 1e306).size(), 250u);  // ends, not hangs
}
