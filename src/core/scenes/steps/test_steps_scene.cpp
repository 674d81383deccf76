#include <gtest/gtest.h>

#include "core/scenes/steps/steps_scene.h"

using namespace pl;

TEST(StepsScene, OpensOnTheCourseExample) {
    StepsScene s = steps_scene_course();
    EXPECT_EQ(s.input.rows, 4);
    EXPECT_EQ(s.params, PoolParams{});
    EXPECT_EQ(s.result.output, Grid::from_rows({{9, 8}, {6, 5}}));
    EXPECT_EQ(steps_count(s), 4);
    EXPECT_EQ(steps_current(s), 0);
    EXPECT_FALSE(s.playing);
    EXPECT_EQ(s.error, "");
}

TEST(StepsScene, TransportClampsAtBothEnds) {
    StepsScene s = steps_scene_course();
    steps_back(s);
    EXPECT_EQ(steps_current(s), 0);
    steps_forward(s);
    steps_forward(s);
    EXPECT_EQ(steps_current(s), 2);
    steps_end(s);
    EXPECT_EQ(steps_current(s), 3);
    steps_forward(s);
    EXPECT_EQ(steps_current(s), 3);
    steps_back(s);
    EXPECT_EQ(steps_current(s), 2);
    steps_home(s);
    EXPECT_EQ(steps_current(s), 0);
}

TEST(StepsScene, BackMidTravelReturnsToTheStepLeft) {
    StepsScene s = steps_scene_course();
    steps_seek(s, 1.4);
    EXPECT_EQ(steps_current(s), 1);
    steps_back(s);
    EXPECT_DOUBLE_EQ(s.playhead, 1.0);
    steps_back(s);
    EXPECT_DOUBLE_EQ(s.playhead, 0.0);
}

TEST(StepsScene, PlayingAdvancesWithSpeedAndStopsAtTheEnd) {
    StepsScene s = steps_scene_course();
    steps_set_speed(s, 2.0f);
    steps_advance(s, 1.0);  // paused: nothing moves
    EXPECT_EQ(s.playhead, 0.0);
    steps_play_pause(s);
    EXPECT_TRUE(s.playing);
    steps_advance(s, 0.5);
    EXPECT_DOUBLE_EQ(s.playhead, 1.0);
    steps_advance(s, 10.0);
    EXPECT_DOUBLE_EQ(s.playhead, 3.0);
    EXPECT_FALSE(s.playing);
    steps_play_pause(s);  // at the end, play starts again
    EXPECT_TRUE(s.playing);
    EXPECT_EQ(steps_current(s), 0);
    steps_set_speed(s, 100.0f);
    EXPECT_EQ(s.speed, kStepsMaxSpeed);
    steps_set_speed(s, std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(s.speed, 1.0f);
}

TEST(StepsScene, InvalidParametersAreKeptAndExplainedWithoutLosingTheInput) {
    StepsScene s = steps_scene_course();
    steps_forward(s);
    PoolParams p = s.params;
    p.size_rows = p.size_cols = 5;
    steps_set_params(s, p);
    EXPECT_NE(s.error.find("larger than the input"), std::string::npos);
    EXPECT_EQ(steps_count(s), 0);
    EXPECT_EQ(s.input, course_example_input());
    EXPECT_EQ(s.params.size_rows, 5);
    steps_play_pause(s);  // nothing to play
    EXPECT_FALSE(s.playing);
    p.padding = Padding::Same;  // the same window now fits
    steps_set_params(s, p);
    EXPECT_EQ(s.error, "");
    EXPECT_EQ(s.result.output.rows, 2);  // ceil(4 / 2)
}

TEST(StepsScene, EditingACellRecomputesAndRejectsBadText) {
    StepsScene s = steps_scene_course();
    EXPECT_EQ(steps_edit_cell(s, 0, 0, "12"), "");
    EXPECT_EQ(s.result.output.at(0, 0), 12);
    EXPECT_EQ(s.preset, "custom");
    EXPECT_EQ(steps_edit_cell(s, 0, 0, "nan"), "'nan' is not a number (NaN); enter a finite value");
    EXPECT_EQ(s.input.at(0, 0), 12);  // the edit before is kept
    EXPECT_NE(steps_edit_cell(s, 9, 0, "1").find("no cell"), std::string::npos);
}

TEST(StepsScene, ResizeKeepsValuesAndClampsToTheLimits) {
    StepsScene s = steps_scene_course();
    steps_resize_input(s, 6, 5);
    EXPECT_EQ(s.input.rows, 6);
    EXPECT_EQ(s.input.cols, 5);
    EXPECT_EQ(s.input.at(1, 1), 9);
    EXPECT_EQ(s.input.at(5, 4), 0);
    EXPECT_EQ(s.result.output.rows, 3);
    EXPECT_EQ(s.result.output.cols, 2);
    steps_resize_input(s, 0, 1000);
    EXPECT_EQ(s.input.rows, kStepsMinSide);
    EXPECT_EQ(s.input.cols, kStepsMaxSide);
    EXPECT_NE(s.error, "");  // a 1-row input cannot hold a 2x2 valid window
}

TEST(StepsScene, RandomiseIsDeterministicDigits) {
    StepsScene a = steps_scene_course(), b = steps_scene_course();
    steps_randomise(a, 42);
    steps_randomise(b, 42);
    EXPECT_EQ(a.input, b.input);
    for (float v : a.input.values) {
        EXPECT_GE(v, 0);
        EXPECT_LE(v, 9);
        EXPECT_EQ(v, static_cast<int>(v));
    }
    steps_randomise(b, 43);
    EXPECT_NE(a.input, b.input);
}

TEST(StepsScene, JsonCarriesStateAndCurrentStep) {
    StepsScene s = steps_scene_course();
    steps_forward(s);
    std::string j = steps_scene_json(s);
    EXPECT_NE(j.find("\"op\":\"max\""), std::string::npos);
    EXPECT_NE(j.find("\"step\":1"), std::string::npos);
    EXPECT_NE(j.find("\"arithmetic\":\"max(4, 8, 1, 2) = 8\""), std::string::npos);
    EXPECT_NE(j.find("\"output\":{\"rows\":2,\"cols\":2,\"values\":[[9,8],[6,5]]}"), std::string::npos);
    EXPECT_NE(j.find("\"formula\":[\"floor((4 - 2) / 2) + 1 = 2\""), std::string::npos);
}
