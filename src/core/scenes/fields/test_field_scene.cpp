#include <gtest/gtest.h>

#include "core/link.h"
#include "core/scenes/fields/field_scene.h"

using namespace pl;

TEST(FieldScene, OpensOnConvPoolConvWithAUnitPicked) {
    FieldScene s = field_scene_default();
    EXPECT_EQ(s.preset, "conv-pool-conv");
    EXPECT_EQ(s.unit_layer, 2);
    EXPECT_EQ(s.unit_row, 2);  // the middle of the 5×5 output
    Region r = field_region_on(s, -1);
    EXPECT_EQ(r.row1 - r.row0 + 1, 8);
    EXPECT_EQ(r.row0, 4);  // start 0 + 2 x jump 2
    EXPECT_EQ(field_explanation(s),
              "This unit of layer 3 (Conv2D) sees 8×8 input pixels: 1 to start, + 2 from layer 1 (Conv2D 3×3), + 1 from layer 2 "
              "(MaxPooling2D 2×2, after which one step is 2 pixels), + 4 from layer 3 (Conv2D 3×3, 2 more steps of 2 pixels). "
              "Without the pooling layers it would see only 5×5, and the whole stack would cost 97,056 multiply-adds instead of 28,512.");
    // By hand: with the pool 14*14*8*9 + 5*5*8*9*8 = 14112 + 14400; without it 14112 + 12*12*8*9*8 = 14112 + 82944.
}

TEST(FieldScene, RegionsOnIntermediateLayers) {
    FieldScene s = field_scene_default();
    field_pick_unit(s, 2, 0, 0);
    Region on_pool = field_region_on(s, 1);  // the last conv reads 3×3 pooled units
    EXPECT_EQ(on_pool.row0, 0);
    EXPECT_EQ(on_pool.row1, 2);
    Region on_conv = field_region_on(s, 0);  // which cover 6×6 units of the first conv
    EXPECT_EQ(on_conv.row1 - on_conv.row0 + 1, 6);
    Region self = field_region_on(s, 2);
    EXPECT_EQ(self.row0, 0);
    EXPECT_EQ(self.row1, 0);
}

TEST(FieldScene, EditingKeepsTheLastValidViewAndNamesTheFailingLayer) {
    FieldScene s = field_scene_default();
    for (int i = 0; i < 4; ++i) field_insert_layer(s, static_cast<int>(s.model.layers.size()), max_pool(2));
    EXPECT_EQ(s.summary.failed, 5);  // 16 -> 14 -> 7 -> 5 -> 2 -> 1 -> a 2x2 pool no longer fits
    EXPECT_NE(s.summary.error.find("layer 6 (MaxPooling2D)"), std::string::npos);
    EXPECT_EQ(s.shown.layers.size(), 5u);  // the last valid stack is still shown
    field_remove_layer(s, 5);  // the two pools that no longer fit
    EXPECT_NE(s.summary.error, "");
    field_remove_layer(s, 5);
    EXPECT_EQ(s.summary.error, "");
    EXPECT_EQ(s.shown.layers.size(), 5u);
    field_move_layer(s, 0, 1);
    EXPECT_EQ(s.model.layers[1].kind, LayerKind::Conv2D);
    field_duplicate_layer(s, 0);
    EXPECT_EQ(s.model.layers.size(), 6u);
    EXPECT_EQ(s.preset, "custom");
    field_remove_layer(s, 99);  // out of range: nothing happens
    EXPECT_EQ(s.model.layers.size(), 6u);
}

TEST(FieldScene, WithoutPoolingAndWholeInput) {
    FieldScene s = field_scene_default();
    s.without_pool = true;
    field_refresh(s);
    EXPECT_EQ(s.unit_layer, -1);  // layer 3 does not exist without the pool
    field_pick_unit(s, 1, 5, 5);
    EXPECT_EQ(field_region_on(s, -1).row1 - field_region_on(s, -1).row0 + 1, 5);
    field_load_preset(s, "course-dense");
    s.without_pool = false;
    field_pick_unit(s, 5, 0, 0);  // the final Dense
    EXPECT_NE(field_explanation(s).find("sees the whole input"), std::string::npos);
    Region all = field_region_on(s, -1);
    EXPECT_EQ(all.row1, 19);
    std::string j = field_scene_json(s);
    EXPECT_NE(j.find("\"total_params\":68770"), std::string::npos);
}

TEST(FieldScene, TheStateJsonWritesCountsPast2To53Exactly) {
    // Six 2-wide pools at stride 999: a jump of 999^6 = 994,014,980,014,994,001, which a double rounds
    // to 994014980014994048 (written 9.94014980014994e+17).
    FieldScene s = field_scene_default();
    field_set_input(s, 4, 4, 1);
    while (!s.model.layers.empty()) field_remove_layer(s, 0);
    for (int i = 0; i < 6; ++i) field_insert_layer(s, i, max_pool(2, 999, Padding::Same));
    ASSERT_EQ(s.summary.error, "");
    const std::string j = field_scene_json(s);
    EXPECT_NE(j.find("\"jump\":[994014980014994001,994014980014994001]"), std::string::npos) << j;
    EXPECT_EQ(j.find("e+"), std::string::npos) << j;
}

TEST(FieldScene, RemovingPoolingKeepsThePickOnTheSameLayerAndPlace) {
    // VGG16's conv4_3 (layer 13): 92×92 with pooling, 21×21 without, the same layer and the same place.
    FieldScene s = field_scene_default();
    field_load_preset(s, "vgg16");
    field_pick_unit(s, 12, 1, 1);
    ASSERT_EQ(s.unit_layer, 12);
    EXPECT_NE(field_explanation(s).find("sees 92×92"), std::string::npos) << field_explanation(s);
    EXPECT_NE(field_explanation(s).find("it would see only 21×21"), std::string::npos) << field_explanation(s);
    const Region before = field_region_on(s, -1);
    field_toggle_pooling(s);
    ASSERT_TRUE(s.without_pool);
    EXPECT_EQ(s.unit_layer, 9) << "conv4_3 is the 10th layer once the 3 pools before it are gone";
    EXPECT_EQ(s.plain.layers[9].kind, LayerKind::Conv2D);
    const std::string t = field_explanation(s);
    EXPECT_NE(t.find("sees 21×21"), std::string::npos) << t;
    EXPECT_EQ(t.find("0 pooling layers"), std::string::npos) << t;
    EXPECT_EQ(t.find(" 1 input pixels"), std::string::npos) << t;
    // The same place in the input: the two fields share their centre (within one step).
    const Region after = field_region_on(s, -1);
    EXPECT_NEAR((after.row0 + after.row1) / 2.0, (before.row0 + before.row1) / 2.0, 8.0);
    EXPECT_NEAR((after.col0 + after.col1) / 2.0, (before.col0 + before.col1) / 2.0, 8.0);
    // And back: the pick returns to conv4_3.
    field_toggle_pooling(s);
    EXPECT_FALSE(s.without_pool);
    EXPECT_EQ(s.unit_layer, 12);
}

TEST(FieldScene, NoComparisonOfAThingWithItself) {
    // A unit before the only pool: removing pooling changes nothing it sees, and the words say that.
    FieldScene s = field_scene_default();  // conv3 -> pool2 -> conv3
    field_pick_unit(s, 0, 3, 3);
    const std::string t = field_explanation(s);
    EXPECT_NE(t.find("The pooling layer comes after this unit, so removing it would not change what the unit sees"), std::string::npos) << t;
    EXPECT_EQ(t.find("instead of"), std::string::npos) << t;
    // A pooling layer's pick moves to the layer before it.
    field_pick_unit(s, 1, 2, 2);
    field_toggle_pooling(s);
    EXPECT_EQ(s.unit_layer, 0);
}

TEST(FieldScene, ABlurPoolGrowsTheFieldByItsWindowAndTheBlur) {
    FieldScene s = field_scene_default();
    field_set_layer(s, 1, blur_pool(2));  // conv 3 -> blur pool (max 2, blur 3, stride 2) -> conv 3
    ASSERT_EQ(s.summary.error, "");
    field_pick_unit(s, 2, 0, 0);
    Region r = field_region_on(s, -1);
    // 3 from the conv, + 3 from the blur pool (max 2 and blur 3 span 4 cells), + 2×2 from the last conv.
    EXPECT_EQ(r.row1 - r.row0 + 1, 10);
    EXPECT_EQ(r.row0, -1);  // the blur's reflected row before the first
    EXPECT_EQ(r.row1 - r.row0 + 1, s.summary.layers[2].rf_h.size);
    EXPECT_NE(field_explanation(s).find("+ 3 from layer 2 (BlurPool2D 2×2"), std::string::npos) << field_explanation(s);
}

// The class for "Remove the pooling layers" (U) and back: in every preset,
// a pick on any layer that is not pooling — a spatial unit, or a Flatten,
// Dense or global unit that sees the whole input — stays on that layer (and
// U again brings it back to it); a spatial unit comes back to its place.
TEST(FieldScene, RemovingPoolingAndBackKeepsEveryPickThatIsNotPooling) {
    int whole = 0;
    for (const ModelPreset& preset : model_presets()) {
        FieldScene s = field_scene_default();
        field_load_preset(s, preset.name);
        ASSERT_EQ(s.summary.error, "") << preset.name;
        const int n = static_cast<int>(s.shown_summary.layers.size());
        int kept = -1;
        for (int l = 0; l < n; ++l) {
            const bool pool = is_windowed_pool(s.shown.layers[static_cast<size_t>(l)].kind);
            kept += !pool;
            if (pool) continue;
            const LayerInfo& info = s.shown_summary.layers[static_cast<size_t>(l)];
            const int row = info.out.rank == 3 ? static_cast<int>(info.out.h / 2) : 0, col = info.out.rank == 3 ? static_cast<int>(info.out.w / 3) : 0;
            field_pick_unit(s, l, row, col);
            ASSERT_EQ(s.unit_layer, l) << preset.name;
            whole += info.whole_input;
            field_toggle_pooling(s);
            EXPECT_EQ(s.unit_layer, kept) << preset.name << " layer " << l + 1 << ": the pick was dropped";
            field_toggle_pooling(s);
            EXPECT_EQ(s.unit_layer, l) << preset.name << " layer " << l + 1 << ": the pick did not come back";
            if (info.whole_input) EXPECT_NE(field_explanation(s).find("whole input"), std::string::npos) << field_explanation(s);
            if (!info.whole_input) EXPECT_TRUE(s.unit_row == row && s.unit_col == col) << preset.name << " layer " << l + 1 << ": ("
                                                                                     << s.unit_row << ", " << s.unit_col << ") for (" << row << ", " << col << ")";
        }
    }
    EXPECT_GT(whole, 4);  // VGG16's Flatten and Dense layers, the course's Dense layers
}

// The audit's case: VGG16's layer 21 (a Flatten or Dense unit) survives U, and U again.
TEST(FieldScene, AWholeInputPickSurvivesRemovingPooling) {
    FieldScene s = field_scene_default();
    field_load_preset(s, "vgg16");
    field_pick_unit(s, 20, 0, 0);
    ASSERT_EQ(s.unit_layer, 20);
    field_toggle_pooling(s);
    EXPECT_GE(s.unit_layer, 0);
    field_toggle_pooling(s);
    EXPECT_EQ(s.unit_layer, 20);
}

namespace {

// The "+ N from layer" terms of one clause (up to the next ". "), summed with the 1 to start.
long long sum_of_terms(const std::string& clause) {
    long long total = 1;
    for (size_t at = clause.find(" + "); at != std::string::npos; at = clause.find(" + ", at + 1)) total += std::stoll(clause.substr(at + 3));
    return total;
}

}  // namespace

// The class for non-square layers: whatever the kernels, windows and strides
// along rows and columns, the explanation's terms add up to the field it
// names on each axis; when the axes differ each is explained with its own sum.
TEST(FieldScene, TheFieldIsExplainedAlongBothAxes) {
    const char* stacks[] = {
        "16x16x1;c8k3x5;m2x1;c8k1x3",  // the audit's
        "16x16x1;c4k3;m2;c4k3",        // square: one list
        "16x16x1;c4k5x1;c4k1x5",
        "32x32x1;c4k3x5s2x1;m2x3;c4k3;c4k1x3s1x2",
        "128x128x1;c4k3x5;m2x3;c4k3;m2;c4k3;m2;c4k3;c4k1x3",  // deep: the totals
    };
    for (const char* link : stacks) {
        FieldScene s = field_scene_default();
        const Result<Model> model = model_from_link(link);
        ASSERT_TRUE(model.ok()) << link << ": " << model.error;
        s.model = model.value;
        s.preset = "custom";
        field_refresh(s);
        ASSERT_EQ(s.summary.error, "") << link;
        const int L = static_cast<int>(s.model.layers.size()) - 1;
        field_pick_unit(s, L, 1, 1);
        const LayerInfo& info = s.shown_summary.layers[static_cast<size_t>(L)];
        const std::string t = field_explanation(s);
        if (t.find("Along rows") == std::string::npos) {  // one list, for both axes alike
            EXPECT_EQ(info.rf_h.size, info.rf_w.size) << t;
            EXPECT_EQ(sum_of_terms(t.substr(0, t.find(". "))), info.rf_h.size) << t;
            continue;
        }
        const size_t rows = t.find("Along rows, " + std::to_string(info.rf_h.size) + " pixels: ");
        const size_t cols = t.find("Along columns, " + std::to_string(info.rf_w.size) + " pixels: ");
        ASSERT_NE(rows, std::string::npos) << t;
        ASSERT_NE(cols, std::string::npos) << t;
        EXPECT_EQ(sum_of_terms(t.substr(rows, cols - rows)), info.rf_h.size) << t;
        EXPECT_EQ(sum_of_terms(t.substr(cols, t.find(". ", cols) - cols)), info.rf_w.size) << t;
    }
}
