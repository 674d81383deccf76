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
FieldScene fields_of_default() {
    SceneSet s = scene_set_default();
    return fields(s);
}

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
    // Blur pooling: b<window>, stride 2 unless s says otherwise.
    const Model blur{{3, 28, 28, 1}, {conv2d(8, 3), blur_pool(2), blur_pool(3, 1, Padding::Same), flatten(), dense(10)}};
    EXPECT_EQ(model_to_link(blur), "28x28x1;c8k3;b2;b3s1ps;f;d10");
    EXPECT_EQ(model_from_link("28x28x1;c8k3;b2;b3s1ps;f;d10").value, blur);
    EXPECT_NE(model_from_link("28x28x1;b").error.find("a blur pool is b<window>"), std::string::npos);
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

TEST(Link, AFieldGivenTwiceIsReadOnceWithANotice) {
    struct Case {
        const char* link;
        std::vector<std::string> notices;
    };
    const std::vector<Case> cases = {
        {"scene=steps&op=max&op=min", {"op is given twice; the first, max, is used"}},
        {"scene=steps&op=max&op=max", {"op is given twice; the first, max, is used"}},
        {"scene=steps&size=3&size=2&size=4", {"size is given 3 times; the first, 3, is used"}},
        {"scene=steps&op=median&op=min", {"ignored op=median: the operations are max, average and min", "op is given twice; only the first is read"}},
        {"scene=steps&scene=shift", {"scene is given twice; the first, steps, is used"}},
        {"v=1&v=1&scene=steps", {"v is given twice; the first, 1, is used"}},
        {"embed=1&embed=0", {"embed is given twice; the first, 1, is used"}},
        {"scene=shift&dx=1&dx=2", {"dx is given twice; the first, 1, is used"}},
        {"scene=fields&unit=3,1,1&unit=1,1,1", {"unit is given twice; the first, 3,1,1, is used"}},
        {"scene=image&k1=blur-3&k1=sharpen", {"k1 is given twice; the first, blur-3, is used"}},
        {"colour=red&colour=blue", {"ignored the unknown field 'colour'"}},  // one notice a name
    };
    for (const Case& c : cases) {
        std::vector<std::string> notices;
        (void)read_link(c.link, scene_set_default(), &notices);
        EXPECT_EQ(notices, c.notices) << c.link;
    }
    std::vector<std::string> notices;
    SceneSet s = read_link("scene=steps&op=max&op=min", scene_set_default(), &notices);
    EXPECT_EQ(steps(s).params.op, PoolOp::Max);
}

TEST(Link, AUnitOutsideTheStackKeepsTheDefault) {
    const FieldScene defaults = fields_of_default();
    ASSERT_GE(defaults.unit_layer, 0);
    struct Case {
        const char* unit;
        const char* notice;  // "" for a unit that is taken
    };
    const std::vector<Case> cases = {
        {"33,2,3", "ignored unit=33,2,3: there is no layer 33 to pick a unit in"},
        {"4,1,1", "ignored unit=4,1,1: there is no layer 4 to pick a unit in"},
        {"3,6,1", "ignored unit=3,6,1: layer 3's output is 5×5"},
        {"3,1,99999", "ignored unit=3,1,99999: layer 3's output is 5×5"},
        {"1,14,14", ""},
        {"3,5,5", ""},
        {"0,1,1", "ignored unit=0,1,1: the unit is layer,row,column counting from 1"},
        {"3,1", "ignored unit=3,1: the unit is layer,row,column counting from 1"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> notices;
        SceneSet s = read_link(std::string("scene=fields&unit=") + c.unit, scene_set_default(), &notices);
        const FieldScene& f = fields(s);
        if (*c.notice) {
            ASSERT_EQ(notices.size(), 1u) << c.unit;
            EXPECT_EQ(notices[0], c.notice);
            EXPECT_EQ(f.unit_layer, defaults.unit_layer) << c.unit;
            EXPECT_EQ(f.unit_row, defaults.unit_row) << c.unit;
            EXPECT_EQ(f.unit_col, defaults.unit_col) << c.unit;
        } else {
            EXPECT_TRUE(notices.empty()) << c.unit << ": " << notices[0];
        }
    }
    std::vector<std::string> notices;
    SceneSet flat = read_link("scene=fields&model=8x8x1;c2k3;f&unit=2,3,1", scene_set_default(), &notices);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0], "ignored unit=2,3,1: layer 2's output is a vector, whose unit is 2,1,1");
}

TEST(Link, AStepsSceneWhoseWindowDoesNotFitWritesNoStep) {
    std::vector<std::string> notices;
    SceneSet s = read_link("scene=steps&size=5", scene_set_default(), &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    EXPECT_NE(steps(s).error, "");
    const std::string f = link_fragment(s);
    EXPECT_EQ(f, "v=1&scene=steps&op=max&size=5&stride=2&pad=valid&in=course");
    (void)read_link(f, scene_set_default(), &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    // An old link that gave a step anyway is told why there is none.
    (void)read_link(f + "&step=1", scene_set_default(), &notices);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0].rfind("ignored step=1: there are no steps: the window (5 rows) is larger than the input (4 rows)", 0), 0u) << notices[0];
}

TEST(Link, WhatALinkLeavesWritesALinkThatReadsBackTheSame) {
    // The property the link fuzz target checks (tests/fuzz/fuzz_link.cpp), on links
    // that are odd in each way a link can be: every field of every scene refused,
    // clamped, repeated, out of order or at its limit.
    const std::vector<std::string> links = {
        "", "#", "v=2", "scene=steps&size=5", "scene=steps&size=5&step=1", "scene=steps&size=8x1&stride=1&pad=same&in=mnist7&step=999",
        "scene=steps&in=1x1:5", "scene=steps&in=4x4:1,3,4,8,2,9,1,2,6,1,3,5,0,4,2,1&step=4", "scene=steps&speed=0.2500001",
        "scene=steps&in=9x9:3e38*81&op=average&size=8&pad=same", "step=3&in=mnist7&op=min", "op=max&op=min&op=average",
        "scene=fields&unit=33,2,3", "scene=fields&model=28x28x1;c8k3&nopool=1&unit=1,50,5", "scene=fields&model=conv-pool-conv&nopool=1&unit=2,1,1",
        "scene=fields&model=4x4x1;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps;m2s1000ps&unit=8,1,1",
        "scene=fields&model=1024x1024x4096;c100000k1000ps;c100000k1000ps", "scene=fields&unit=3,1,1&model=two-convs",
        "scene=fields&model=8x8x1;c2k3;f&unit=2,3,1", "scene=fields&nopool=1&unit=3,1,1&model=vgg16",
        "scene=shift&in=4x4:1*16", "scene=shift&in=blob:8&dx=7&dy=-7", "scene=shift&in=mnist7:9&dx=25", "scene=shift&dx=0&dx=1",
        "scene=shift&in=8x8:3e38,-3e38*63&focus=subsample", "scene=shift&fabric1=2x2:1,2,3,4&fabric9=1x1:1", "scene=shift&range=8&layers=3&tab=fabric",
        "scene=image&stages=2&k2=3x3:3e38*9", "scene=image&k1=15x15:3e38*225", "scene=image&src=cat&src=rocket", "scene=image&digit=28x28:2*784",
        "scene=image&stages=1&k2=sharpen", "scene=image&src=file", "x=1&x=2&x=3", "scene=steps&in=4x4:1%2C2%2C3*14", "scene=%73teps&op=%6Dax",
    };
    for (const std::string& link : links) {
        std::vector<std::string> notices, again;
        const SceneSet first = read_link(link, scene_set_default(), &notices);
        const std::string fragment = link_fragment(first);
        const SceneSet second = read_link(fragment, scene_set_default(), &again);
        EXPECT_TRUE(again.empty()) << link << " -> " << fragment << ": " << again[0];
        EXPECT_EQ(link_fragment(second), fragment) << link;
    }
}

TEST(Link, MotionIsReadWrittenAndRefusedInWords) {
    std::vector<std::string> notices;
    SceneSet s = read_link("v=1&scene=steps&motion=reduce", scene_set_default(), &notices);
    EXPECT_TRUE(notices.empty());
    EXPECT_EQ(s.motion, SceneSet::Motion::Reduce);
    EXPECT_NE(link_fragment(s).find("&motion=reduce"), std::string::npos);
    s = read_link(link_fragment(s), scene_set_default(), &notices);
    EXPECT_EQ(s.motion, SceneSet::Motion::Reduce);
    s = read_link("v=1&scene=steps&motion=full", scene_set_default(), &notices);
    EXPECT_EQ(s.motion, SceneSet::Motion::Full);
    s = read_link("v=1&scene=steps&motion=system", s, &notices);
    EXPECT_EQ(s.motion, SceneSet::Motion::System);
    EXPECT_EQ(link_fragment(s).find("motion"), std::string::npos) << "the system's preference is not written into links";
    for (const char* bad : {"slow", "", "REDUCE", "reduce\n"}) {
        notices.clear();
        s = read_link(std::string("v=1&scene=steps&motion=") + bad, scene_set_default(), &notices);
        EXPECT_EQ(s.motion, SceneSet::Motion::System) << bad;
        ASSERT_EQ(notices.size(), 1u) << bad;
        EXPECT_NE(notices[0].find("motion is reduce, full or system"), std::string::npos) << notices[0];
    }
}
