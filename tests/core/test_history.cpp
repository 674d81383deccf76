// Undo and redo: a step back is the model as it was, exactly; a gesture is
// one step; what only changes the view (the step, the tab) is not an edit.
#include <gtest/gtest.h>

#include <vector>

#include "core/history.h"
#include "core/link.h"
#include "core/scene.h"
#include "core/scenes/steps/steps_scene.h"

using namespace pl;

namespace {

// The shown scene's model after opening `fragment` over `set`.
void open(SceneSet& set, const std::string& fragment) {
    std::vector<std::string> notices;
    set = read_link(fragment, set, &notices);
    ASSERT_TRUE(notices.empty()) << notices[0];
}

std::any& shown(SceneSet& set) { return set.models[static_cast<size_t>(set.shown)]; }
std::string key(SceneSet& set) { return scene_edit_key(set.shown, shown(set)); }
std::string json(SceneSet& set) { return scene_model(set.shown).json(shown(set)); }
bool note(History& h, SceneSet& set, bool settled = true) { return history_note(h, shown(set), key(set), settled, 50); }

}  // namespace

TEST(History, UndoGivesTheModelBackExactlyAndRedoTheEdit) {
    SceneSet set = scene_set_default();
    History h;
    note(h, set);
    const std::string before = json(set);
    EXPECT_FALSE(history_can_undo(h, key(set)));
    open(set, "v=1&scene=steps&op=min&size=3&stride=1");
    const std::string after = json(set);
    EXPECT_TRUE(note(h, set));
    EXPECT_TRUE(history_can_undo(h, key(set)));
    ASSERT_TRUE(history_undo(h, shown(set), key(set)));
    EXPECT_EQ(json(set), before);
    EXPECT_EQ(model_of<StepsScene>(set, Scene::Steps).params.op, PoolOp::Max);
    EXPECT_FALSE(history_undo(h, shown(set), key(set))) << "nothing further back";
    ASSERT_TRUE(history_redo(h, shown(set), key(set)));
    EXPECT_EQ(json(set), after);
    EXPECT_FALSE(history_redo(h, shown(set), key(set)));
}

TEST(History, AGestureIsOneStepAndAViewIsNone) {
    SceneSet set = scene_set_default();
    History h;
    note(h, set);
    const std::string before = json(set);
    // A drag: three changes while the button is held, then the release.
    for (const char* stride : {"1", "2", "3"}) {
        open(set, std::string("v=1&scene=steps&stride=") + stride);
        EXPECT_FALSE(note(h, set, false));
    }
    EXPECT_TRUE(note(h, set, true));
    // Stepping and the speed are views: no step back for them.
    steps_forward(model_of<StepsScene>(set, Scene::Steps));
    steps_set_speed(model_of<StepsScene>(set, Scene::Steps), 4.0f);
    EXPECT_FALSE(note(h, set));
    ASSERT_TRUE(history_undo(h, shown(set), key(set)));
    EXPECT_EQ(json(set), before) << "one undo takes the whole drag back";
    EXPECT_FALSE(history_can_undo(h, key(set)));
}

TEST(History, ANewEditEndsTheRedoAndTheDepthIsKept) {
    SceneSet set = scene_set_default();
    History h;
    history_note(h, shown(set), key(set), true, 3);
    for (int n = 1; n <= 6; ++n) {
        open(set, "v=1&scene=steps&size=" + std::to_string(n) + "&stride=1");
        history_note(h, shown(set), key(set), true, 3);
    }
    EXPECT_EQ(h.back.size(), 3u) << "the oldest steps go first";
    int undone = 0;
    while (history_undo(h, shown(set), key(set))) ++undone;
    EXPECT_EQ(undone, 3);
    EXPECT_EQ(model_of<StepsScene>(set, Scene::Steps).params.size_rows, 3);
    ASSERT_TRUE(history_can_redo(h, key(set)));
    open(set, "v=1&scene=steps&op=average");
    EXPECT_FALSE(history_can_redo(h, key(set))) << "an edit not yet noted already ends the redo";
    history_note(h, shown(set), key(set), true, 3);
    EXPECT_FALSE(history_can_redo(h, key(set)));
    EXPECT_FALSE(history_redo(h, shown(set), key(set)));
}

TEST(History, AnEditStillGoingOnIsUndoneToo) {
    SceneSet set = scene_set_default();
    History h;
    note(h, set);
    const std::string before = json(set);
    open(set, "v=1&scene=steps&op=min");
    note(h, set, false);  // the button is still held
    const std::string during = json(set);
    ASSERT_TRUE(history_undo(h, shown(set), key(set)));
    EXPECT_EQ(json(set), before);
    ASSERT_TRUE(history_redo(h, shown(set), key(set)));
    EXPECT_EQ(json(set), during);
}

// Every scene that keeps undo: an edit by link and back gives the same model, field for field.
TEST(History, EveryUndoableSceneComesBackExactly) {
    const std::vector<std::pair<std::string, std::string>> edits = {
        {"steps", "op=average&in=4x4:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16"},
        {"shift", "dx=3&dy=-1&fill=circular&size=3&stride=3"},
        {"fields", "model=vgg16&unit=3,2,2"},
        {"image", "src=grating&stages=2&pool=average&relu=0"},
    };
    int checked = 0;
    for (int i = 0; i < kSceneCount; ++i) {
        const SceneModel& m = scene_model(static_cast<Scene>(i));
        if (m.undo_depth == 0) continue;
        SceneSet set = scene_set_default();
        open(set, std::string("v=1&scene=") + m.name);
        History h;
        note(h, set);
        const std::string before = json(set);
        std::string edit;
        for (const auto& [name, e] : edits) if (name == m.name) edit = e;
        ASSERT_FALSE(edit.empty()) << m.name << " keeps undo: give it an edit here";
        open(set, std::string("v=1&scene=") + m.name + "&" + edit);
        const std::string after = json(set);
        ASSERT_NE(after, before) << m.name;
        ASSERT_TRUE(note(h, set)) << m.name;
        ASSERT_TRUE(history_undo(h, shown(set), key(set))) << m.name;
        EXPECT_EQ(json(set), before) << m.name;
        ASSERT_TRUE(history_redo(h, shown(set), key(set))) << m.name;
        EXPECT_EQ(json(set), after) << m.name;
        ++checked;
    }
    EXPECT_GE(checked, 4);
}
