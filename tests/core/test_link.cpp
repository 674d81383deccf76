#include <gtest/gtest.h>

#include "core/link.h"
#include "core/scenes/fields/field_scene.h"
#include "core/scenes/image/image_scene.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/scenes/steps/steps_scene.h"
#include "test_util.h"

using namespace pl;

namespace {

const Grid& mnist() {
    static const Grid g = load_data_grid("mnist7_conv26.csv");
    return g;
}

SceneSet round_trip(const SceneSet& s, std::vector<std::string>* notices) {
    return read_link(link_fragment(s), scene_set_default(), notices);
}

// Each scene's model in a set, by name.
StepsScene& steps(SceneSet& s) { return model_of<StepsScene>(s, Scene::Steps); }
ShiftScene& shift(SceneSet& s) { return model_of<ShiftScene>(s, Scene::Shift); }
FieldScene& fields(SceneSet& s) { return model_of<FieldScene>(s, Scene::Fields); }
ImageScene& image(SceneSet& s) { return model_of<ImageScene>(s, Scene::Image); }

}  // namespace

TEST(Link, StepsSceneRoundTrips) {
    SceneSet s = scene_set_default();
    steps_set_params(steps(s), PoolParams{PoolOp::Average, 3, 2, 1, 2, Padding::Same});
    steps_resize_input(steps(s), 6, 5);
    steps_edit_cell(steps(s), 5, 4, "-2.5");
    steps_seek(steps(s), 3);
    steps_set_speed(steps(s), 4);
    const std::string f = link_fragment(s);
    EXPECT_EQ(f.substr(0, 66), "v=1&scene=steps&op=average&size=3x2&stride=1x2&pad=same&in=6x5:1,3");
    std::vector<std::string> notices;
    SceneSet back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(steps(back).input, steps(s).input);
    EXPECT_EQ(steps(back).params, steps(s).params);
    EXPECT_EQ(steps_current(steps(back)), 3);
    EXPECT_EQ(steps(back).speed, 4.0f);
    EXPECT_EQ(link_fragment(back), f);
}

TEST(Link, PresetsStayShort) {
    SceneSet s = scene_set_default();
    EXPECT_EQ(link_fragment(s), "v=1&scene=steps&op=max&size=2&stride=2&pad=valid&in=course&step=1");
    steps_load(steps(s), mnist(), PoolParams{}, "mnist7");
    EXPECT_NE(link_fragment(s).find("in=mnist7"), std::string::npos);
    s.shown = Scene::Fields;
    field_load_preset(fields(s), "vgg16");
    EXPECT_NE(link_fragment(s).find("model=vgg16"), std::string::npos);
}

TEST(Link, ShiftSceneRoundTrips) {
    SceneSet s = scene_set_default();
    s.shown = Scene::Shift;
    shift_load_preset(shift(s), "cross", mnist());
    shift_paint(shift(s), 1, 2, 0.75f);
    shift_set_fill(shift(s), ShiftFill::Circular);
    shift_set_focus(shift(s), Downsample::BlurPool);
    shift_set(shift(s), -3, 2);
    shift(s).fabric[2].at(0, 0) = 1.5f;
    shift(s).tab = ShiftTab::Sweep;
    std::vector<std::string> notices;
    SceneSet back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.shown, Scene::Shift);
    EXPECT_EQ(shift(back).feature, shift(s).feature);
    EXPECT_EQ(shift(back).dx, -3);
    EXPECT_EQ(shift(back).dy, 2);
    EXPECT_EQ(shift(back).fill, ShiftFill::Circular);
    EXPECT_EQ(shift(back).focus, Downsample::BlurPool);
    EXPECT_EQ(shift(back).fabric[2], shift(s).fabric[2]);
    EXPECT_EQ(shift(back).tab, ShiftTab::Sweep);
    EXPECT_EQ(shift(back).metrics[op_index(Downsample::MaxPool)].l2, shift(s).metrics[op_index(Downsample::MaxPool)].l2);
    EXPECT_EQ(link_fragment(back), link_fragment(s));
}

TEST(Link, FieldSceneRoundTrips) {
    SceneSet s = scene_set_default();
    s.shown = Scene::Fields;
    field_insert_layer(fields(s), 1, conv2d(16, 5, Padding::Same, 1, 2));
    field_insert_layer(fields(s), 3, avg_pool(3, 2, Padding::Same));
    field_insert_layer(fields(s), 5, global_max_pool());
    field_insert_layer(fields(s), 6, dense(7));
    field_pick_unit(fields(s), 2, 1, 2);
    fields(s).without_pool = false;
    std::vector<std::string> notices;
    SceneSet back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(fields(back).model, fields(s).model);
    EXPECT_EQ(fields(back).unit_layer, 2);
    EXPECT_EQ(fields(back).unit_row, 1);
    EXPECT_EQ(fields(back).unit_col, 2);
    EXPECT_EQ(model_to_link(fields(s).model), "16x16x1;c8k3;c16k5d2ps;m2;a3s2ps;c8k3;G;d7");
}

TEST(Link, BadFieldsFallBackOneByOneWithNotices) {
    std::vector<std::string> notices;
    SceneSet s = read_link("#v=1&scene=steps&op=median&size=2&stride=0&pad=valid&in=course&step=99&colour=red&oops", scene_set_default(),
                           &notices);
    EXPECT_EQ(s.shown, Scene::Steps);
    EXPECT_EQ(steps(s).params, PoolParams{});  // op and stride fell back; size and pad were fine anyway
    EXPECT_EQ(steps_current(steps(s)), 0);
    ASSERT_EQ(notices.size(), 5u);
    EXPECT_EQ(notices[0], "'oops' has no value");
    EXPECT_EQ(notices[1], "ignored op=median: the operations are max, average and min");
    EXPECT_EQ(notices[2], "ignored stride=0: the stride is N or RxC, 1 to 8");
    EXPECT_EQ(notices[3], "ignored step=99: there are 4 steps");
    EXPECT_EQ(notices[4], "ignored the unknown field 'colour'");

    notices.clear();
    s = read_link("scene=shift&in=4x4:1*16&dx=99&fill=sideways&focus=blurpool", scene_set_default(), &notices);
    EXPECT_EQ(shift(s).preset, "blob");  // a 4x4 map is too small: the default stays
    EXPECT_EQ(shift(s).dx, 0);
    EXPECT_EQ(shift(s).focus, Downsample::BlurPool);
    EXPECT_EQ(notices.size(), 3u);

    notices.clear();
    s = read_link("scene=fields&model=28x28x1;c32k3;q7&unit=9,1,1", scene_set_default(), &notices);
    EXPECT_EQ(fields(s).preset, "conv-pool-conv");
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_EQ(notices[0], "ignored model=28x28x1;c32k3;q7: layer 2 ('q7'): unknown layer kind 'q'");
    EXPECT_EQ(notices[1], "ignored unit=9,1,1: there is no layer 9 to pick a unit in");

    notices.clear();
    s = read_link("v=7&scene=moon", scene_set_default(), &notices);
    EXPECT_EQ(notices.size(), 2u);
    EXPECT_EQ(s.shown, Scene::Steps);
}

TEST(Link, GridsAndModelsInLinks) {
    Grid g = Grid::from_rows({{0, 0, 0, 1}, {1, 2.5f, 0, 0}});
    EXPECT_EQ(grid_to_link(g), "2x4:0*3,1,1,2.5,0,0");
    EXPECT_EQ(grid_from_link("2x4:0*3,1,1,2.5,0,0", 8).value, g);
    EXPECT_NE(grid_from_link("2x4:0*9", 8).error, "");
    EXPECT_NE(grid_from_link("2x4:1,2", 8).error, "");
    EXPECT_NE(grid_from_link("99x4:1", 8).error, "");
    EXPECT_NE(grid_from_link("2x2:1,nan,3,4", 8).error, "");
    for (const ModelPreset& p : model_presets()) {
        Result<Model> back = model_from_link(model_to_link(p.model));
        ASSERT_TRUE(back.ok()) << p.name << ": " << back.error;
        EXPECT_EQ(back.value, p.model) << p.name;
    }
    EXPECT_NE(model_from_link("28x28;c8k3").error, "");
    EXPECT_NE(model_from_link("28x28x1;c8k3;;").error, "");
    EXPECT_NE(model_from_link("28x28x1;f2").error, "");
}

TEST(Link, EmbedAndControlsFlags) {
    std::vector<std::string> notices;
    SceneSet s = read_link("v=1&scene=steps&embed=1&controls=0&in=course", scene_set_default(), &notices);
    EXPECT_TRUE(notices.empty());
    EXPECT_TRUE(s.embed);
    EXPECT_FALSE(s.controls);
    EXPECT_EQ(link_fragment(s).substr(0, 40), "v=1&scene=steps&embed=1&controls=0&op=ma");
    s = read_link("embed=yes", scene_set_default(), &notices);
    EXPECT_FALSE(s.embed);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0], "ignored embed=yes: embed is 0 or 1");
}

TEST(Link, ImageSceneRoundTrips) {
    SceneSet s = scene_set_default();
    s.shown = Scene::Image;
    image_choose_source(image(s), "zone-plate");
    image_set_stage_count(image(s), 2);
    image_set_kernel(image(s), 0, "diagonal-edge");
    ASSERT_EQ(image_edit_kernel(image(s), 1, 0, 2, "-0.5"), "");
    image_set_chain(image(s), Padding::Same, false, PoolOp::Average);
    image_set_digit_kernel(image(s), "sobel-vertical");
    image_digit_stroke(image(s), 20.5f, 3.5f, 24.5f, 9.5f);
    image(s).tab = ImageTab::Digit;
    const std::string f = link_fragment(s);
    EXPECT_NE(f.find("src=zone-plate"), std::string::npos) << f;
    EXPECT_NE(f.find("k2=3x3:1,2,-0.5,"), std::string::npos) << f;  // the edited Sobel, weight by weight
    EXPECT_LT(f.size(), 1200u) << f;                                 // a drawing in steps of 0.05 stays short
    std::vector<std::string> notices;
    SceneSet back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.shown, Scene::Image);
    EXPECT_EQ(image(back).picture, image(s).picture);
    EXPECT_EQ(image(back).stages[0].kernel_name, "diagonal-edge");
    EXPECT_EQ(image(back).stages[1].kernel_name, "custom");
    EXPECT_EQ(image(back).stages[1].kernel, image(s).stages[1].kernel);
    EXPECT_EQ(image(back).stages[1].pooled, image(s).stages[1].pooled);
    EXPECT_EQ(image(back).digit, image(s).digit);
    EXPECT_EQ(image(back).digit_pooled, image(s).digit_pooled);
    EXPECT_EQ(image(back).tab, ImageTab::Digit);
    EXPECT_EQ(link_fragment(back), f);
}

TEST(Link, ImageSceneSamplesArePendingAndBadFieldsKeepDefaults) {
    std::vector<std::string> notices;
    SceneSet s = read_link("v=1&scene=image&src=astronaut&stages=3&k1=wobble&pool=min&digit=2x2:1,1,1,1&tab=digit", scene_set_default(), &notices);
    EXPECT_EQ(s.shown, Scene::Image);
    EXPECT_EQ(image(s).source, "astronaut");
    EXPECT_TRUE(image(s).picture_pending);  // the app fetches the sample's bytes
    EXPECT_EQ(image(s).stage_count, 1);
    EXPECT_EQ(image(s).stages[0].kernel_name, "sobel-vertical");
    EXPECT_EQ(image(s).pool_op, PoolOp::Max);
    EXPECT_EQ(image(s).tab, ImageTab::Digit);
    ASSERT_EQ(notices.size(), 4u);
    EXPECT_NE(notices[0].find("stages"), std::string::npos) << notices[0];
    notices.clear();
    s = read_link("scene=image&src=file", scene_set_default(), &notices);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("cannot carry"), std::string::npos) << notices[0];
}
