#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/conv.h"
#include "core/scenes/image/image_scene.h"
#include "core/layers.h"
#include "core/pool.h"
#include "test_util.h"

using namespace pl;

namespace {

bool all_equal(const Grid& g, float v) {
    for (float x : g.values)
        if (x != v) return false;
    return !g.empty();
}

// Mean absolute difference between neighbouring columns: how fast a map changes across.
float column_change(const Grid& g) {
    double sum = 0;
    for (int r = 0; r < g.rows; ++r)
        for (int c = 1; c < g.cols; ++c) sum += std::fabs(g.at(r, c) - g.at(r, c - 1));
    return static_cast<float>(sum / (g.rows * (g.cols - 1)));
}

}  // namespace

TEST(ImageScene, PatternsHaveTheirShapeAndRange) {
    for (const char* name : kImagePatterns) {
        Grid g = image_pattern(name);
        ASSERT_EQ(g.rows, kImagePatternSide) << name;
        ASSERT_EQ(g.cols, kImagePatternSide) << name;
        float lo = 0, hi = 0;
        value_range(g, &lo, &hi);
        EXPECT_GE(lo, 0.0f) << name;
        EXPECT_LE(hi, 1.0f) << name;
        EXPECT_GT(hi - lo, 0.9f) << name;
    }
    EXPECT_TRUE(image_pattern("plaid").empty());
    EXPECT_TRUE(is_image_sample("rocket"));
    EXPECT_FALSE(is_image_sample("grating"));
    EXPECT_TRUE(is_image_pattern("zone-plate"));
}

// A 4-px checkerboard pooled three times: 2-px squares, 1-px squares, then
// windows that each hold one black and one white pair. Max keeps white, average
// turns grey, and subsampling picks every other cell of the same colour.
TEST(ImageScene, CheckerboardPooledThreeTimesShowsHowEachMethodLosesIt) {
    ImageScene s = image_scene_default();
    image_load_pattern(s, "checkerboard");
    const auto& max = s.pyramid[static_cast<size_t>(PictureReduce::Max)];
    const auto& avg = s.pyramid[static_cast<size_t>(PictureReduce::Average)];
    const auto& sub = s.pyramid[static_cast<size_t>(PictureReduce::Subsample)];
    for (int k = 0; k <= kImageLevels; ++k) {
        EXPECT_EQ(max[static_cast<size_t>(k)].rows, kImagePatternSide >> k);
        EXPECT_EQ(sub[static_cast<size_t>(k)].cols, kImagePatternSide >> k);
    }
    // After two poolings the squares are one cell: still a checkerboard for all three.
    EXPECT_EQ(max[2].at(0, 0), 0.0f);
    EXPECT_EQ(max[2].at(0, 1), 1.0f);
    EXPECT_TRUE(all_equal(max[3], 1.0f));
    EXPECT_TRUE(all_equal(avg[3], 0.5f));
    EXPECT_TRUE(all_equal(sub[3], 0.0f));
}

// The grating's period (2.25 px) is just above the stride: subsampling aliases it
// to a slow wave (period 18 px in the picture, 9 cells after), while average
// pooling smooths it to a nearly flat grey.
TEST(ImageScene, GratingAliasesWhenSubsampledButNotWhenAveraged) {
    ImageScene s = image_scene_default();
    image_load_pattern(s, "grating");
    const Grid& sub = s.pyramid[static_cast<size_t>(PictureReduce::Subsample)][1];
    const Grid& avg = s.pyramid[static_cast<size_t>(PictureReduce::Average)][1];
    // Subsampled: cos(2 pi 2c / 2.25) = cos(2 pi c / 9 * 8) = cos(2 pi c / 9): a period of 9 cells, full contrast.
    for (int c = 0; c < 18; ++c) EXPECT_NEAR(sub.at(0, c), 0.5f + 0.5f * std::cos(2.0f * 3.14159265f * static_cast<float>(c) / 9.0f), 1e-4f) << c;
    float lo = 0, hi = 0;
    value_range(sub, &lo, &hi);
    EXPECT_GT(hi - lo, 0.95f);
    value_range(avg, &lo, &hi);
    EXPECT_LT(hi - lo, 0.45f);
    // The picture changes fast across; the alias changes slowly.
    EXPECT_GT(column_change(s.picture), 2.5f * column_change(sub));
}

TEST(ImageScene, ChainShapesFollowValidAndSamePadding) {
    ImageScene s = image_scene_default();
    image_load_pattern(s, "stripes");  // 256×256
    ASSERT_EQ(s.stages[0].error, "");
    EXPECT_EQ(s.stages[0].feature.rows, 254);
    EXPECT_EQ(s.stages[0].pooled.rows, 127);
    EXPECT_TRUE(s.stages[1].pooled.empty());
    image_set_stage_count(s, 2);
    EXPECT_EQ(s.stages[1].input, s.stages[0].pooled);
    EXPECT_EQ(s.stages[1].feature.rows, 125);
    EXPECT_EQ(s.stages[1].pooled.cols, 62);
    image_set_chain(s, Padding::Same, true, PoolOp::Max);
    EXPECT_EQ(s.stages[0].feature.rows, 256);
    EXPECT_EQ(s.stages[0].pooled.rows, 128);
    EXPECT_EQ(s.stages[1].pooled.rows, 64);
}

TEST(ImageScene, ChainIsConvThenReluThenPool) {
    ImageScene s = image_scene_default();
    image_load_pattern(s, "zone-plate");
    image_set_kernel(s, 0, "sobel-vertical");
    const ImageStage& st = s.stages[0];
    Result<Grid> f = conv2d(s.picture, image_kernel("sobel-vertical"), Padding::Valid);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(st.feature, f.value);
    EXPECT_EQ(st.activated, relu(f.value));
    PoolParams p;
    EXPECT_EQ(st.pooled, pool2d(relu(f.value), p).value.output);
    float lo = 0, hi = 0;
    value_range(st.feature, &lo, &hi);
    EXPECT_LT(lo, 0.0f);  // edges of both signs before ReLU
    EXPECT_TRUE(st.feature_signed);
    value_range(st.pooled, &lo, &hi);
    EXPECT_GE(lo, 0.0f);
    EXPECT_FALSE(st.pooled_signed);
    // Without ReLU and with average pooling.
    image_set_chain(s, Padding::Valid, false, PoolOp::Average);
    EXPECT_EQ(s.stages[0].activated, s.stages[0].feature);
    p.op = PoolOp::Average;
    EXPECT_EQ(s.stages[0].pooled, pool2d(f.value, p).value.output);
}

// Strong responses survive pooling: the largest value of a max-pooled feature map
// is the largest of the feature map, and sits over the same place.
TEST(ImageScene, TheStrongestResponseSurvivesMaxPoolingAtItsCoarseLocation) {
    ImageScene s = image_scene_default();
    Grid pic(64, 64);
    for (int r = 20; r < 44; ++r)
        for (int c = 0; c < 34; ++c) pic.at(r, c) = 1.0f;  // bright on the left, dark from column 34
    image_set_picture(s, pic, "file");
    const ImageStage& st = s.stages[0];
    float flo = 0, fhi = 0, plo = 0, phi = 0;
    value_range(st.activated, &flo, &fhi);
    value_range(st.pooled, &plo, &phi);
    EXPECT_EQ(phi, fhi);
    EXPECT_EQ(fhi, 4.0f);  // Sobel (left minus right) on a bright-to-dark step
    // Every pooled cell at the maximum has a window containing a feature cell at the maximum.
    for (int r = 0; r < st.pooled.rows; ++r) {
        for (int c = 0; c < st.pooled.cols; ++c) {
            if (st.pooled.at(r, c) != phi) continue;
            ImageTrace t = image_trace(s, 0, r, c);
            ASSERT_TRUE(t.ok);
            bool found = false;
            for (int i = t.window.r0; i < t.window.r1; ++i)
                for (int j = t.window.c0; j < t.window.c1; ++j) found = found || st.activated.at(i, j) == fhi;
            EXPECT_TRUE(found) << r << "," << c;
            EXPECT_LE(t.picture_patch.c0, 33);  // the patch holds the edge
            EXPECT_GE(t.picture_patch.c1, 35);
        }
    }
}

// The picture patch behind a pooled cell is its receptive field: the same
// rectangle the layer model computes for conv3 -> pool2 (-> conv3 -> pool2).
TEST(ImageScene, TraceMatchesTheReceptiveFieldOfTheLayerModel) {
    for (Padding pad : {Padding::Valid, Padding::Same}) {
        ImageScene s = image_scene_default();
        image_load_pattern(s, "stripes");
        image_set_stage_count(s, 2);
        image_set_chain(s, pad, true, PoolOp::Max);
        Model m;
        m.input = Shape{3, 256, 256, 1};
        m.layers = {conv2d(1, 3, pad), max_pool(2), conv2d(1, 3, pad), max_pool(2)};
        const Summary sum = summarize(m);
        ASSERT_EQ(sum.failed, -1);
        for (int stage = 0; stage < 2; ++stage) {
            const Grid& pooled = s.stages[static_cast<size_t>(stage)].pooled;
            for (auto [r, c] : {std::pair{0, 0}, {1, 2}, {pooled.rows / 2, 3}, {pooled.rows - 1, pooled.cols - 1}}) {
                ImageTrace t = image_trace(s, stage, r, c);
                ASSERT_TRUE(t.ok);
                const Region want = receptive_region(sum, stage * 2 + 1, r, c);
                EXPECT_EQ(t.picture_patch.r0, std::max<long long>(0, want.row0)) << stage << " " << r << "," << c;
                EXPECT_EQ(t.picture_patch.r1, std::min<long long>(256, want.row1 + 1)) << stage << " " << r << "," << c;
                EXPECT_EQ(t.picture_patch.c0, std::max<long long>(0, want.col0));
                EXPECT_EQ(t.picture_patch.c1, std::min<long long>(256, want.col1 + 1));
                EXPECT_EQ(t.window, (CellRect{2 * r, 2 * c, 2 * r + 2, 2 * c + 2}));
            }
        }
        // Valid padding: two stages see 10×10 pixels (3, then 4, then 8, then 10).
        if (pad == Padding::Valid) {
            ImageTrace t = image_trace(s, 1, 5, 5);
            EXPECT_EQ(t.picture_patch.r1 - t.picture_patch.r0, 10);
            EXPECT_EQ(t.input_patch.r1 - t.input_patch.r0, 4);
        }
    }
    ImageScene s = image_scene_default();
    EXPECT_FALSE(image_trace(s, 0, -1, 0).ok);
    EXPECT_FALSE(image_trace(s, 1, 0, 0).ok);  // one stage only
}

TEST(ImageScene, KernelPresetsAndEdits) {
    EXPECT_EQ(image_kernel("sobel-vertical"), Grid::from_rows({{1, 0, -1}, {2, 0, -2}, {1, 0, -1}}));
    Grid b5 = image_kernel("blur-5");
    ASSERT_EQ(b5.rows, 5);
    double sum = 0;
    for (float v : b5.values) sum += v;
    EXPECT_NEAR(sum, 1.0, 1e-6);
    EXPECT_FLOAT_EQ(b5.at(2, 2), 36.0f / 256.0f);
    for (const char* k : kImageKernels) EXPECT_FALSE(image_kernel(k).empty()) << k;
    EXPECT_TRUE(image_kernel("custom").empty());

    ImageScene s = image_scene_default();
    const Grid before = s.stages[0].pooled;
    EXPECT_NE(image_edit_kernel(s, 0, 1, 1, "nan"), "");
    EXPECT_NE(image_edit_kernel(s, 0, 1, 1, "1e9"), "");
    EXPECT_NE(image_edit_kernel(s, 0, 3, 0, "1"), "");
    EXPECT_EQ(s.stages[0].kernel_name, "sobel-vertical");
    EXPECT_EQ(s.stages[0].pooled, before);
    EXPECT_EQ(image_edit_kernel(s, 0, 1, 1, "5"), "");
    EXPECT_EQ(s.stages[0].kernel_name, "custom");
    EXPECT_EQ(s.stages[0].kernel.at(1, 1), 5.0f);
    EXPECT_NE(s.stages[0].pooled, before);
    image_set_kernel(s, 0, "blur-5");
    EXPECT_EQ(s.stages[0].feature.rows, s.picture.rows - 4);
    image_set_kernel(s, 0, "no-such");
    EXPECT_EQ(s.stages[0].kernel_name, "blur-5");
}

TEST(ImageScene, AFileLoadsAndABadFileLeavesThePictureInPlace) {
    ImageScene s = image_scene_default();
    std::vector<unsigned char> rgb(40 * 30 * 3, 200);
    ASSERT_TRUE(image_load_bytes(s, png(40, 30, rgb), "mine.png", "file"));
    EXPECT_EQ(s.source, "file");
    EXPECT_EQ(s.file_name, "mine.png");
    EXPECT_EQ(s.picture.rows, 30);
    EXPECT_EQ(s.picture.cols, 40);
    EXPECT_EQ(s.stages[0].pooled.rows, 14);
    EXPECT_FALSE(s.notice_is_error);
    const Grid kept = s.picture;
    EXPECT_FALSE(image_load_bytes(s, "GIF89a not really", "broken.gif", "file"));
    EXPECT_TRUE(s.notice_is_error);
    EXPECT_NE(s.notice.find("'broken.gif'"), std::string::npos) << s.notice;
    EXPECT_NE(s.notice.find("has not changed"), std::string::npos) << s.notice;
    EXPECT_EQ(s.picture, kept);
    EXPECT_EQ(s.file_name, "mine.png");
    // Large pictures come down to the working size, and say so.
    std::vector<unsigned char> big(1024 * 600 * 3, 90);
    ASSERT_TRUE(image_load_bytes(s, png(1024, 600, big), "big.png", "file"));
    EXPECT_EQ(s.picture.cols, 512);
    EXPECT_EQ(s.picture.rows, 300);
    EXPECT_NE(s.notice.find("scaled from 1024×600 to 512×300"), std::string::npos) << s.notice;
    // A 1×1 picture cannot be convolved: the stage says why instead of failing.
    ASSERT_TRUE(image_load_bytes(s, png(1, 1, {1, 2, 3}), "dot.png", "file"));
    EXPECT_NE(s.stages[0].error, "");
    EXPECT_TRUE(s.stages[0].pooled.empty());
}

// The course's MNIST pipeline on a drawn digit: 28 -> conv 3x3 -> 26 -> ReLU -> pool -> 13.
TEST(ImageScene, DigitPadRunsTheCoursePipeline) {
    ImageScene s = image_scene_default();
    ASSERT_EQ(s.digit.rows, 28);
    float ink = 0;
    for (float v : s.digit.values) ink += v;
    EXPECT_GT(ink, 20.0f);  // the example "7"
    EXPECT_EQ(s.digit_feature.rows, 26);
    EXPECT_EQ(s.digit_pooled.rows, 13);
    EXPECT_EQ(s.digit_pooled, pool2d(s.digit_feature, PoolParams{}).value.output);
    float lo = 0, hi = 0;
    value_range(s.digit_feature, &lo, &hi);
    EXPECT_GE(lo, 0.0f);
    EXPECT_GT(hi, 1.0f);  // the top bar of the 7 is a strong horizontal edge
    image_digit_clear(s);
    value_range(s.digit_pooled, &lo, &hi);
    EXPECT_EQ(hi, 0.0f);
    // A stroke inks the cells under it, fully at the centre, and nothing far away.
    image_digit_stroke(s, 14.5f, 4.5f, 14.5f, 20.5f);
    EXPECT_EQ(s.digit.at(14, 10), 1.0f);
    EXPECT_EQ(s.digit.at(14, 25), 0.0f);
    EXPECT_EQ(s.digit.at(5, 10), 0.0f);
    image_digit_stroke(s, 14.5f, 10.5f, 14.5f, 10.5f, true);
    EXPECT_EQ(s.digit.at(14, 10), 0.0f);
    // Off-pad and non-finite strokes do nothing harmful.
    const Grid before = s.digit;
    image_digit_stroke(s, -50, -50, -40, -40);
    image_digit_stroke(s, NAN, 0, 1, 1);
    EXPECT_EQ(s.digit, before);
    ImageTrace t = image_digit_trace(s, 12, 12);
    ASSERT_TRUE(t.ok);
    EXPECT_EQ(t.window, (CellRect{24, 24, 26, 26}));
    EXPECT_EQ(t.picture_patch, (CellRect{24, 24, 28, 28}));
}

TEST(ImageScene, RobustScaleIgnoresAFewOutliers) {
    Grid g(10, 100, 1.0f);
    g.at(0, 0) = 500.0f;        // one bright star
    g.at(5, 5) = -2.0f;
    EXPECT_FLOAT_EQ(robust_scale(g), 1.0f);
    EXPECT_FLOAT_EQ(robust_scale(g, 1.0f), 500.0f);
    EXPECT_GT(robust_scale(Grid(3, 3)), 0.0f);  // never zero, so it can divide
}

TEST(ImageScene, PatchesStayInsideTheMapAndRound) {
    Grid g(10, 12);
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 12; ++c) g.at(r, c) = static_cast<float>(r * 100 + c) + 0.123f;
    Grid p = image_patch(g, 5, 6, 4);
    ASSERT_EQ(p.rows, 4);
    EXPECT_FLOAT_EQ(p.at(0, 0), 304.123f);  // rows 3-6, columns 4-7
    p = image_patch(g, 0, 11, 4, 0.5f);        // pushed inside at the top-right corner
    EXPECT_FLOAT_EQ(p.at(0, 0), 8.0f);
    EXPECT_FLOAT_EQ(p.at(3, 3), 311.0f);
    p = image_patch(g, 5, 5, 16);              // larger than the map: zeros beyond it
    EXPECT_FLOAT_EQ(p.at(9, 11), 911.123f);
    EXPECT_EQ(p.at(12, 3), 0.0f);
    EXPECT_TRUE(image_patch(Grid(), 0, 0, 4).empty());
}
