#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/scenes/shift/shift_scene.h"
#include "test_util.h"

using namespace pl;

TEST(ShiftScene, OpensOnABlobWithNoShift) {
    ShiftScene s = shift_scene_default();
    EXPECT_EQ(s.feature.rows, 16);
    EXPECT_EQ(s.preset, "blob");
    EXPECT_EQ(s.dx, 0);
    for (int i = 0; i < kDownsampleCount; ++i) {
        EXPECT_EQ(s.errors[static_cast<size_t>(i)], "") << downsample_name(kAllDownsamples[i]);
        EXPECT_EQ(s.metrics[static_cast<size_t>(i)].verdict, ShiftVerdict::Unchanged);
    }
    EXPECT_EQ(s.sweep.range, 4);
    EXPECT_EQ(s.sweep.ops.size(), 7u);
}

TEST(ShiftScene, MovingTheBlobOnePixelThenTwo) {
    ShiftScene s = shift_scene_default();
    const int max = op_index(Downsample::MaxPool);
    shift_move(s, 1, 0);  // the aligned 2x2 blob now straddles two windows
    EXPECT_EQ(s.metrics[max].verdict, ShiftVerdict::Changed);
    EXPECT_EQ(s.metrics[op_index(Downsample::GlobalMax)].verdict, ShiftVerdict::Unchanged);
    shift_move(s, 1, 0);  // two pixels: a whole window further
    EXPECT_EQ(s.metrics[max].verdict, ShiftVerdict::Shifted);
    EXPECT_EQ(s.metrics[max].out_dx, 1);
    shift_move(s, -100, 0);
    EXPECT_EQ(s.dx, -15);  // clamped to the side
}

TEST(ShiftScene, PresetsAreOnAWindowCornerAndKnown) {
    Grid mnist = load_data_grid("mnist7_conv26.csv");
    for (const char* name : kShiftPresets) {
        Grid g = shift_preset(name, 16, mnist);
        EXPECT_FALSE(g.empty()) << name;
        EXPECT_EQ(check_grid(g), "") << name;
    }
    EXPECT_TRUE(shift_preset("unicorn", 16, mnist).empty());
    Grid pixel = shift_preset("pixel", 32, mnist);
    EXPECT_EQ(pixel.at(16, 16), 1.0f);  // the middle, on a multiple of 8
    ShiftScene s = shift_scene_default();
    shift_load_preset(s, "mnist7", mnist);
    EXPECT_EQ(s.feature.rows, 26);
    EXPECT_EQ(s.before[op_index(Downsample::MaxPool)], load_data_grid("mnist7_maxpool13.csv"));
}

TEST(ShiftScene, StackingSpansFollowTheLayers) {
    ShiftScene s = shift_scene_default();
    shift_load_preset(s, "pixel", Grid());
    EXPECT_EQ(s.spans[0].width(), 2);
    EXPECT_EQ(s.spans[1].width(), 4);
    EXPECT_EQ(s.spans[2].width(), 8);
    EXPECT_EQ(s.stack_before[2].rows, 2);  // 16 -> 8 -> 4 -> 2: the position is known to within 8 pixels
}

TEST(ShiftScene, FabricNumbers) {
    ShiftScene s = shift_scene_default();
    std::string j = shift_scene_json(s);
    EXPECT_NE(j.find("\"fabric\":[{\"global_max\":2,\"global_average\":0.0408163"), std::string::npos) << j.substr(j.find("fabric"));
    EXPECT_NE(j.find("{\"global_max\":0.04,\"global_average\":0.04"), std::string::npos);
    EXPECT_EQ(shift_edit_fabric(s, 1, 0, 0, "2"), "");
    EXPECT_EQ(s.fabric[1].at(0, 0), 2.0f);
    EXPECT_NE(shift_edit_fabric(s, 1, 0, 0, "inf"), "");
    EXPECT_EQ(s.fabric[1].at(0, 0), 2.0f);
    EXPECT_NE(shift_edit_fabric(s, 9, 0, 0, "1"), "");
}

TEST(ShiftScene, PaintResizeAndSettings) {
    ShiftScene s = shift_scene_default();
    shift_paint(s, 0, 0, 0.5f);
    EXPECT_EQ(s.preset, "custom");
    EXPECT_EQ(s.feature.at(0, 0), 0.5f);
    shift_resize(s, 100);
    EXPECT_EQ(s.feature.rows, kShiftMaxSide);
    EXPECT_EQ(s.feature.at(0, 0), 0.5f);
    shift_set_fill(s, ShiftFill::Circular);
    shift_set(s, 3, -2);
    EXPECT_EQ(s.shifted, shift_grid(s.feature, 3, -2, ShiftFill::Circular));
    DownsampleParams p = s.params;
    p.pool.size_rows = p.pool.size_cols = 99;  // invalid: every pooling op reports it, none crashes
    shift_set_params(s, p);
    EXPECT_NE(s.errors[op_index(Downsample::MaxPool)].find("larger than the input"), std::string::npos);
    EXPECT_EQ(s.errors[op_index(Downsample::GlobalMax)], "");
    EXPECT_NE(s.sweep_error, "");
    shift_set_sweep_range(s, 50);
    EXPECT_EQ(s.sweep_range, 8);
}

TEST(ShiftScene, TheFabricParagraphFollowsTheMaps) {
    ShiftScene s = shift_scene_default();
    std::string t = explain_fabric(s.fabric);
    EXPECT_NE(t.find("In the first rip-detector map 1 cell fires above the second map's highest value"), std::string::npos) << t;
    EXPECT_NE(t.find("Global max: 2.00 against 0.04, so the first map's peak survives"), std::string::npos) << t;
    EXPECT_NE(t.find("over 49 cells: 0.04 against 0.04, and the peak all but vanishes"), std::string::npos) << t;
    EXPECT_NE(t.find("For wrinkles it is the other way"), std::string::npos) << t;
    // The student makes the rip 3: every number follows.
    ASSERT_EQ(shift_edit_fabric(s, 0, 2, 4, "3"), "");
    t = explain_fabric(s.fabric);
    EXPECT_NE(t.find("Global max: 3.00 against 0.04"), std::string::npos) << t;
    EXPECT_EQ(t.find("2.00"), std::string::npos) << t;
    // The second map with a bright cell: max ranks it higher, and the words say so.
    ASSERT_EQ(shift_edit_fabric(s, 1, 0, 0, "5"), "");
    t = explain_fabric(s.fabric);
    EXPECT_NE(t.find("no cell fires above"), std::string::npos) << t;
    EXPECT_NE(t.find("max ranks the second map higher"), std::string::npos) << t;
    EXPECT_EQ(t.find("survives"), std::string::npos) << t;
    // The titles too: what a map shows only while it is as made.
    EXPECT_EQ(fabric_title(1, s.fabric[1]), "Rip detector: map 2, edited");
    EXPECT_EQ(fabric_title(2, s.fabric[2]), "Wrinkle detector: crumpled");
    EXPECT_EQ(fabric_title(1, fabric_plain()), "Rip detector: no rip");
}

// The class: whatever the four maps hold (all zero, flat, one peak, a peak in
// the second map, equal maps, negative values), the paragraph's counts are the
// maps' counts, each verdict clause holds for the numbers, and no clause is a
// fixed claim about what the maps show ("a single rip", "without a rip",
// "crumpled", "a single crease").
TEST(ShiftScene, TheFabricParagraphHasNoClaimTheMapsDoNotMake) {
    const std::vector<Grid> maps = {Grid(7, 7, 0.0f), Grid(7, 7, 0.04f), fabric_rip(), fabric_wrinkled(), fabric_one_wrinkle(),
                                    Grid(7, 7, -1.0f), Grid::from_rows({{5, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0},
                                                                        {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0},
                                                                        {0, 0, 0, 0, 0, 0, 2}})};
    for (size_t i = 0; i < maps.size(); ++i) {
        for (size_t j = 0; j < maps.size(); ++j) {
            for (size_t k : {size_t{3}, size_t{0}, j}) {
                const std::array<Grid, 4> f = {maps[i], maps[j], maps[k], maps[(k + i) % maps.size()]};
                const std::string t = explain_fabric(f);
                for (const char* fixed : {"single rip", "without a rip", "one rip", "crumpled", "single crease", "one crease"}) {
                    EXPECT_EQ(t.find(fixed), std::string::npos) << i << "," << j << "," << k << ": " << t;
                }
                const float max1 = *std::max_element(f[0].values.begin(), f[0].values.end());
                const float max2 = *std::max_element(f[1].values.begin(), f[1].values.end());
                const long long above = std::count_if(f[0].values.begin(), f[0].values.end(), [&](float v) { return v > max2; });
                const std::string fires = above == 0 ? "no cell fires" : std::to_string(above) + (above == 1 ? " cell fires" : " cells fire");
                EXPECT_NE(t.find("map " + fires + " above"), std::string::npos) << t;
                EXPECT_EQ(t.find("survives") != std::string::npos, max1 > max2) << t;
                EXPECT_EQ(t.find("ranks the second map higher") != std::string::npos, max1 < max2) << t;
                EXPECT_EQ(t.find("cannot tell them apart") != std::string::npos, max1 == max2) << t;
                if (t.find("all but vanishes") != std::string::npos) EXPECT_GT(max1, max2) << t;
            }
        }
    }
}

// A feature of values near the largest float: every operation's metrics stay
// finite and the lab's numbers and JSON never read inf or null.
TEST(ShiftScene, ValuesNearTheLargestFloatGiveFiniteMetrics) {
    ShiftScene s = shift_scene_default();
    for (int r = 0; r < s.feature.rows; ++r) {
        for (int c = 0; c < s.feature.cols; ++c) shift_paint(s, r, c, (r + c) % 2 ? 3.4e38f : -3.4e38f);
    }
    shift_set(s, 1, 0);
    for (size_t k = 0; k < s.metrics.size(); ++k) {
        if (!s.errors[k].empty()) continue;
        EXPECT_TRUE(std::isfinite(s.metrics[k].max_abs_change) && std::isfinite(s.metrics[k].l2) && std::isfinite(s.metrics[k].consistency)) << k;
        EXPECT_EQ(metric_text(s.metrics[k].max_abs_change).find("inf"), std::string::npos);
    }
    EXPECT_GT(s.metrics[static_cast<size_t>(op_index(Downsample::Subsample))].max_abs_change, 6.7e38);  // 3.4e38 - (-3.4e38)
    const std::string json = shift_scene_json(s);
    EXPECT_EQ(json.find("null"), std::string::npos);
    EXPECT_EQ(json.find("inf"), std::string::npos);
}

// Blur pool's refusal of a window larger than the map is true whatever the padding.
TEST(ShiftScene, BlurPoolsRefusalNeverAdvisesSamePadding) {
    for (Padding padding : {Padding::Valid, Padding::Same}) {
        ShiftScene s = shift_scene_default();
        DownsampleParams p = s.params;
        p.pool.size_rows = p.pool.size_cols = s.feature.rows + 1;
        p.pool.padding = padding;
        shift_set_params(s, p);
        const std::string& why = s.errors[static_cast<size_t>(op_index(Downsample::BlurPool))];
        ASSERT_FALSE(why.empty());
        EXPECT_EQ(why.find("'same' padding"), std::string::npos) << why;
        EXPECT_NE(why.find("'valid' padding whatever the padding is set to"), std::string::npos) << why;
    }
}
