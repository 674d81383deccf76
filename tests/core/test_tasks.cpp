// Try this: every scene's tasks are not done when the scene opens, and each is
// done after exactly what it asks a student to do (done through the scenes'
// own commands). A task without such a script here fails the test, so a new
// task cannot be added untested.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/scene.h"
#include "core/scenes/fields/field_scene.h"
#include "core/scenes/image/image_scene.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/scenes/steps/steps_scene.h"
#include "core/scenes/train/train_scene.h"
#include "core/train/dataset.h"

namespace pl {
namespace {

// What a student does for each task, on the scene's model.
const std::map<std::string, std::function<void(std::any&)>>& scripts() {
    static const std::map<std::string, std::function<void(std::any&)>> s = {
        {"steps-find-6", [](std::any& m) { steps_seek(model_as<StepsScene>(m), 2); }},  // the third window: max(6, 1, 0, 4)
        {"steps-average",
         [](std::any& m) {
             StepsScene& s = model_as<StepsScene>(m);
             PoolParams p = s.params;
             p.op = PoolOp::Average;
             steps_set_params(s, p);
             steps_seek(s, 2);  // (6 + 1 + 0 + 4) / 4
         }},
        {"steps-three-by-three",
         [](std::any& m) {
             StepsScene& s = model_as<StepsScene>(m);
             PoolParams p = s.params;
             p.stride_rows = p.stride_cols = 1;
             steps_set_params(s, p);
         }},
        {"steps-same",
         [](std::any& m) {
             StepsScene& s = model_as<StepsScene>(m);
             PoolParams p = s.params;
             p.padding = Padding::Same;
             steps_set_params(s, p);
             steps_resize_input(s, 5, 5);
         }},
        {"shift-unseen",
         [](std::any& m) {
             ShiftScene& s = model_as<ShiftScene>(m);
             shift_load_preset(s, "pixel", course_mnist7());
             // One of the four one-pixel moves keeps the pixel in its window.
             for (const auto& [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                 shift_set(s, dx, dy);
                 if (s.metrics[static_cast<size_t>(op_index(Downsample::MaxPool))].verdict == ShiftVerdict::Unchanged) return;
             }
         }},
        {"shift-moved",
         [](std::any& m) {
             ShiftScene& s = model_as<ShiftScene>(m);
             shift_load_preset(s, "blob", course_mnist7());
             shift_set(s, 2, 0);  // a whole stride: the next window over
         }},
        {"shift-blur-wins", [](std::any& m) { shift_set(model_as<ShiftScene>(m), 1, 0); }},
        {"fields-16",
         [](std::any& m) {
             FieldScene& s = model_as<FieldScene>(m);  // conv 3, pool 2, conv 3 sees 8; two more 3x3 convs at jump 2 add 4 each
             field_insert_layer(s, static_cast<int>(s.model.layers.size()), conv2d(8, 3));
             field_insert_layer(s, static_cast<int>(s.model.layers.size()), conv2d(8, 3));
         }},
        {"fields-without-pooling", [](std::any& m) { field_toggle_pooling(model_as<FieldScene>(m)); }},
        {"image-grating", [](std::any& m) { image_load_pattern(model_as<ImageScene>(m), "grating"); }},
        {"image-two-stages",
         [](std::any& m) {
             ImageScene& s = model_as<ImageScene>(m);
             s.tab = ImageTab::Features;
             image_set_stage_count(s, 2);
         }},
        {"train-global-only",
         [](std::any& m) {
             TrainScene& s = model_as<TrainScene>(m);  // what the button does
             train_set_data(s, "where");
             for (TrainNet& n : s.nets) n.shown = n.preset == "max" || n.preset == "global-only";
         }},
        {"train-here",
         [](std::any& m) {
             TrainScene& s = model_as<TrainScene>(m);
             train_set_data(s, "where");
             train_take_data(s, "where", train::dataset_bytes(train::make_where_task(400, 100, 3)));
             for (TrainNet& n : s.nets) n.shown = n.preset == "max";
             s.settings.epochs = 1;
             ASSERT_EQ(train_start(s, true), "");
             for (int frame = 0; frame < 100000 && train_advance(s, 1.0 / 60); ++frame) {
             }
         }},
    };
    return s;
}

TEST(Tasks, EveryTaskIsUndoneAtTheStartAndDoneAfterWhatItAsks) {
    std::set<std::string> ids;
    int counted = 0;
    for (int i = 0; i < kSceneCount; ++i) {
        const SceneModel& model = scene_model(static_cast<Scene>(i));
        ASSERT_NE(model.tasks, nullptr) << model.name << " has no Try-this tasks";
        const std::vector<SceneTask>& tasks = model.tasks();
        EXPECT_GE(tasks.size(), 2u) << model.name;
        for (const SceneTask& t : tasks) {
            SCOPED_TRACE(t.id);
            EXPECT_TRUE(ids.insert(t.id).second) << "id twice";
            EXPECT_EQ(std::string(t.id).rfind(model.name, 0), 0u)
                << "ids start with the scene's name";
            const std::string text = t.text;
            EXPECT_FALSE(text.empty());
            EXPECT_EQ(text.back(), text.back() == '?' ? '?' : '.');
            std::any m = model.create();
            EXPECT_FALSE(t.done(m)) << "done before anything was done";
            const auto script = scripts().find(t.id);
            ASSERT_NE(script, scripts().end()) << "no script in this test for " << t.id;
            script->second(m);
            EXPECT_TRUE(t.done(m)) << "not done after what it asks";
            ++counted;
        }
    }
    EXPECT_EQ(counted, static_cast<int>(scripts().size())) << "a script for a task that no longer exists";
}

TEST(Tasks, AnUndoneTaskIsUndoneAgain) {
    // The card ticks a task while it holds; going back undoes it (the shell keeps what was done in the visit).
    const SceneTask& average = scene_model(Scene::Steps).tasks()[1];
    std::any m = scene_model(Scene::Steps).create();
    scripts().at(average.id)(m);
    ASSERT_TRUE(average.done(m));
    steps_seek(model_as<StepsScene>(m), 0);
    EXPECT_FALSE(average.done(m));
}

}  // namespace
}  // namespace pl
