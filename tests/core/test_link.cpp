#include <gtest/gtest.h>

#include "core/link.h"
#include "test_util.h"

using namespace pl;

namespace {

const Grid& mnist() {
    static const Grid g = load_data_grid("mnist7_conv26.csv");
    return g;
}

LinkState round_trip(const LinkState& s, std::vector<std::string>* notices) {
    return read_link(link_fragment(s, mnist()), LinkState{}, mnist(), notices);
}

}  // namespace

TEST(Link, StepsSceneRoundTrips) {
    LinkState s;
    steps_set_params(s.steps, PoolParams{PoolOp::Average, 3, 2, 1, 2, Padding::Same});
    steps_resize_input(s.steps, 6, 5);
    steps_edit_cell(s.steps, 5, 4, "-2.5");
    steps_seek(s.steps, 3);
    steps_set_speed(s.steps, 4);
    const std::string f = link_fragment(s, mnist());
    EXPECT_EQ(f.substr(0, 66), "v=1&scene=steps&op=average&size=3x2&stride=1x2&pad=same&in=6x5:1,3");
    std::vector<std::string> notices;
    LinkState back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.steps.input, s.steps.input);
    EXPECT_EQ(back.steps.params, s.steps.params);
    EXPECT_EQ(steps_current(back.steps), 3);
    EXPECT_EQ(back.steps.speed, 4.0f);
    EXPECT_EQ(link_fragment(back, mnist()), f);
}

TEST(Link, PresetsStayShort) {
    LinkState s;
    EXPECT_EQ(link_fragment(s, mnist()), "v=1&scene=steps&op=max&size=2&stride=2&pad=valid&in=course&step=1");
    steps_load(s.steps, mnist(), PoolParams{}, "mnist7");
    EXPECT_NE(link_fragment(s, mnist()).find("in=mnist7"), std::string::npos);
    s.scene = LinkScene::Fields;
    field_load_preset(s.fields, "vgg16");
    EXPECT_NE(link_fragment(s, mnist()).find("model=vgg16"), std::string::npos);
}

TEST(Link, ShiftSceneRoundTrips) {
    LinkState s;
    s.scene = LinkScene::Shift;
    shift_load_preset(s.shift, "cross", mnist());
    shift_paint(s.shift, 1, 2, 0.75f);
    shift_set_fill(s.shift, ShiftFill::Circular);
    shift_set_focus(s.shift, Downsample::BlurPool);
    shift_set(s.shift, -3, 2);
    s.shift.fabric[2].at(0, 0) = 1.5f;
    s.shift_tab = "sweep";
    std::vector<std::string> notices;
    LinkState back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.scene, LinkScene::Shift);
    EXPECT_EQ(back.shift.feature, s.shift.feature);
    EXPECT_EQ(back.shift.dx, -3);
    EXPECT_EQ(back.shift.dy, 2);
    EXPECT_EQ(back.shift.fill, ShiftFill::Circular);
    EXPECT_EQ(back.shift.focus, Downsample::BlurPool);
    EXPECT_EQ(back.shift.fabric[2], s.shift.fabric[2]);
    EXPECT_EQ(back.shift_tab, "sweep");
    EXPECT_EQ(back.shift.metrics[op_index(Downsample::MaxPool)].l2, s.shift.metrics[op_index(Downsample::MaxPool)].l2);
    EXPECT_EQ(link_fragment(back, mnist()), link_fragment(s, mnist()));
}

TEST(Link, FieldSceneRoundTrips) {
    LinkState s;
    s.scene = LinkScene::Fields;
    field_insert_layer(s.fields, 1, conv2d(16, 5, Padding::Same, 1, 2));
    field_insert_layer(s.fields, 3, avg_pool(3, 2, Padding::Same));
    field_insert_layer(s.fields, 5, global_max_pool());
    field_insert_layer(s.fields, 6, dense(7));
    field_pick_unit(s.fields, 2, 1, 2);
    s.fields.without_pool = false;
    std::vector<std::string> notices;
    LinkState back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.fields.model, s.fields.model);
    EXPECT_EQ(back.fields.unit_layer, 2);
    EXPECT_EQ(back.fields.unit_row, 1);
    EXPECT_EQ(back.fields.unit_col, 2);
    EXPECT_EQ(model_to_link(s.fields.model), "16x16x1;c8k3;c16k5d2ps;m2;a3s2ps;c8k3;G;d7");
}

TEST(Link, BadFieldsFallBackOneByOneWithNotices) {
    std::vector<std::string> notices;
    LinkState s = read_link("#v=1&scene=steps&op=median&size=2&stride=0&pad=valid&in=course&step=99&colour=red&oops", LinkState{}, mnist(),
                            &notices);
    EXPECT_EQ(s.scene, LinkScene::Steps);
    EXPECT_EQ(s.steps.params, PoolParams{});  // op and stride fell back; size and pad were fine anyway
    EXPECT_EQ(steps_current(s.steps), 0);
    ASSERT_EQ(notices.size(), 5u);
    EXPECT_EQ(notices[0], "'oops' has no value");
    EXPECT_EQ(notices[1], "ignored op=median: the operations are max, average and min");
    EXPECT_EQ(notices[2], "ignored stride=0: the stride is N or RxC, 1 to 8");
    EXPECT_EQ(notices[3], "ignored step=99: there are 4 steps");
    EXPECT_EQ(notices[4], "ignored the unknown field 'colour'");

    notices.clear();
    s = read_link("scene=shift&in=4x4:1*16&dx=99&fill=sideways&focus=blurpool", LinkState{}, mnist(), &notices);
    EXPECT_EQ(s.shift.preset, "blob");  // a 4x4 map is too small: the default stays
    EXPECT_EQ(s.shift.dx, 0);
    EXPECT_EQ(s.shift.focus, Downsample::BlurPool);
    EXPECT_EQ(notices.size(), 3u);

    notices.clear();
    s = read_link("scene=fields&model=28x28x1;c32k3;q7&unit=9,1,1", LinkState{}, mnist(), &notices);
    EXPECT_EQ(s.fields.preset, "conv-pool-conv");
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_EQ(notices[0], "ignored model=28x28x1;c32k3;q7: layer 2 ('q7'): unknown layer kind 'q'");
    EXPECT_EQ(notices[1], "ignored unit=9,1,1: there is no layer 9 to pick a unit in");

    notices.clear();
    s = read_link("v=7&scene=moon", LinkState{}, mnist(), &notices);
    EXPECT_EQ(notices.size(), 2u);
    EXPECT_EQ(s.scene, LinkScene::Steps);
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
    LinkState s = read_link("v=1&scene=steps&embed=1&controls=0&in=course", LinkState{}, mnist(), &notices);
    EXPECT_TRUE(notices.empty());
    EXPECT_TRUE(s.embed);
    EXPECT_FALSE(s.controls);
    EXPECT_EQ(link_fragment(s, mnist()).substr(0, 40), "v=1&scene=steps&embed=1&controls=0&op=ma");
    s = read_link("embed=yes", LinkState{}, mnist(), &notices);
    EXPECT_FALSE(s.embed);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0], "ignored embed=yes: embed is 0 or 1");
}

TEST(Link, ImageSceneRoundTrips) {
    LinkState s;
    s.scene = LinkScene::Image;
    image_choose_source(s.image, "zone-plate");
    image_set_stage_count(s.image, 2);
    image_set_kernel(s.image, 0, "diagonal-edge");
    ASSERT_EQ(image_edit_kernel(s.image, 1, 0, 2, "-0.5"), "");
    image_set_chain(s.image, Padding::Same, false, PoolOp::Average);
    image_set_digit_kernel(s.image, "sobel-vertical");
    image_digit_stroke(s.image, 20.5f, 3.5f, 24.5f, 9.5f);
    s.image_tab = "digit";
    const std::string f = link_fragment(s, mnist());
    EXPECT_NE(f.find("src=zone-plate"), std::string::npos) << f;
    EXPECT_NE(f.find("k2=3x3:1,2,-0.5,"), std::string::npos) << f;  // the edited Sobel, weight by weight
    EXPECT_LT(f.size(), 1200u) << f;                                 // a drawing in steps of 0.05 stays short
    std::vector<std::string> notices;
    LinkState back = round_trip(s, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_EQ(back.scene, LinkScene::Image);
    EXPECT_EQ(back.image.picture, s.image.picture);
    EXPECT_EQ(back.image.stages[0].kernel_name, "diagonal-edge");
    EXPECT_EQ(back.image.stages[1].kernel_name, "custom");
    EXPECT_EQ(back.image.stages[1].kernel, s.image.stages[1].kernel);
    EXPECT_EQ(back.image.stages[1].pooled, s.image.stages[1].pooled);
    EXPECT_EQ(back.image.digit, s.image.digit);
    EXPECT_EQ(back.image.digit_pooled, s.image.digit_pooled);
    EXPECT_EQ(back.image_tab, "digit");
    EXPECT_EQ(link_fragment(back, mnist()), f);
}

TEST(Link, ImageSceneSamplesArePendingAndBadFieldsKeepDefaults) {
    std::vector<std::string> notices;
    LinkState s = read_link("v=1&scene=image&src=astronaut&stages=3&k1=wobble&pool=min&digit=2x2:1,1,1,1&tab=digit", LinkState{}, mnist(), &notices);
    EXPECT_EQ(s.scene, LinkScene::Image);
    EXPECT_EQ(s.image.source, "astronaut");
    EXPECT_TRUE(s.image.picture_pending);  // the app fetches the sample's bytes
    EXPECT_EQ(s.image.stage_count, 1);
    EXPECT_EQ(s.image.stages[0].kernel_name, "sobel-vertical");
    EXPECT_EQ(s.image.pool_op, PoolOp::Max);
    EXPECT_EQ(s.image_tab, "digit");
    ASSERT_EQ(notices.size(), 4u);
    EXPECT_NE(notices[0].find("stages"), std::string::npos) << notices[0];
    notices.clear();
    s = read_link("scene=image&src=file", LinkState{}, mnist(), &notices);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("cannot carry"), std::string::npos) << notices[0];
}
