// The scene registry: every scene the registry lists can be found by name,
// starts in a state its own link restores exactly, and answers the shell.
#include <gtest/gtest.h>

#include <set>

#include <cmath>

#include "core/frame_scale.h"
#include "core/link.h"
#include "core/scene.h"

using namespace pl;

TEST(Scenes, EveryScenesNameFindsIt) {
    std::set<std::string> names;
    for (int i = 0; i < kSceneCount; ++i) {
        const SceneModel& m = scene_model(static_cast<Scene>(i));
        EXPECT_EQ(static_cast<int>(m.id), i) << m.name << " sits at its own place in the registry";
        EXPECT_TRUE(names.insert(m.name).second) << m.name << " twice";
        Scene found = Scene{};
        ASSERT_TRUE(find_scene(m.name, &found));
        EXPECT_EQ(found, m.id);
        EXPECT_NE(scene_names_text().find(m.name), std::string::npos);
    }
    Scene s;
    EXPECT_FALSE(find_scene("moon", &s));
    EXPECT_FALSE(find_scene("", &s));
}

TEST(Scenes, EachStartingStateRoundTripsThroughItsLink) {
    for (int i = 0; i < kSceneCount; ++i) {
        SceneSet set = scene_set_default();
        set.shown = static_cast<Scene>(i);
        const std::string fragment = link_fragment(set);
        EXPECT_EQ(fragment.rfind(std::string("v=1&scene=") + scene_model(set.shown).name, 0), 0u) << fragment;
        std::vector<std::string> notices;
        const SceneSet back = read_link(fragment, scene_set_default(), &notices);
        EXPECT_TRUE(notices.empty()) << fragment << ": " << notices[0];
        EXPECT_EQ(back.shown, set.shown);
        EXPECT_EQ(link_fragment(back), fragment);
    }
}

TEST(Scenes, EachAnswersTheShell) {
    SceneSet set = scene_set_default();
    for (int i = 0; i < kSceneCount; ++i) {
        const SceneModel& m = scene_model(static_cast<Scene>(i));
        const std::any& model = set.models[static_cast<size_t>(i)];
        const std::string json = m.json(model);
        EXPECT_EQ(json.front(), '{') << m.name;
        EXPECT_EQ(json.back(), '}') << m.name;
        std::string file;
        EXPECT_FALSE(m.csv(model, &file).empty()) << m.name;
        EXPECT_EQ(file.rfind("poollab-", 0), 0u) << m.name;
        EXPECT_NE(file.find(".csv"), std::string::npos) << m.name;
        (void)m.narration(model);  // may be empty (a scene with nothing to say yet), never throws
    }
}

TEST(Scenes, TheCourseMnistSevenIsCompiledIn) {
    const Grid& g = course_mnist7();
    EXPECT_EQ(g.rows, 26);
    EXPECT_EQ(g.cols, 26);
}

TEST(Scenes, AGridSentToAnotherSceneBecomesItsInput) {
    SceneSet set = scene_set_default();
    const Grid patch(16, 16, 0.5f);
    for (int i = 0; i < kSceneCount; ++i) {
        const SceneModel& m = scene_model(static_cast<Scene>(i));
        if (!m.take_grid) continue;
        EXPECT_TRUE(m.take_grid(set.models[static_cast<size_t>(i)], patch)) << m.name;
        EXPECT_FALSE(m.take_grid(set.models[static_cast<size_t>(i)], Grid(200, 200, 0.0f))) << m.name << " refuses what does not fit";
    }
}

TEST(TextGrowth, LargeFramesGrowInQuarterStepsSmallOnesStay) {
    EXPECT_EQ(pl::text_growth(480, 320), 1.0f);
    EXPECT_EQ(pl::text_growth(1280, 800), 1.0f);
    EXPECT_EQ(pl::text_growth(1920, 1080), 1.25f);  // 1080 / 800 = 1.35: the height decides
    EXPECT_EQ(pl::text_growth(3840, 2160), 2.5f);   // 2.7, capped
    EXPECT_EQ(pl::text_growth(2560, 1600), 2.0f);
    EXPECT_EQ(pl::text_growth(5000, 700), 1.0f);    // a wide strip: the height decides
    EXPECT_EQ(pl::text_growth(0, 800), 1.0f);
    EXPECT_EQ(pl::text_growth(std::nanf(""), 800), 1.0f);
}
