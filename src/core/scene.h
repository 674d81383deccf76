#pragma once
// A scene as the shell, the links and the tests see it: a name and a model
// that is a plain, copyable struct (held in a std::any), with the few things
// every scene does with it. Each scene's folder (src/core/scenes/NAME/)
// defines one SceneModel; src/core/scenes/registry.h lists them.
#include <any>
#include <array>
#include <string>
#include <string_view>

#include "core/grid.h"
#include "core/tasks.h"

namespace pl {

// The scenes, in the order of the scene bar.
#define POOLLAB_SCENE(Id, name) Id,
enum class Scene {
#include "core/scenes/registry.h"
};
#undef POOLLAB_SCENE
#define POOLLAB_SCENE(Id, name) +1
constexpr int kSceneCount = 0
#include "core/scenes/registry.h"
    ;
#undef POOLLAB_SCENE

class LinkReader;
class LinkWriter;

// What a scene's model gives the shell. The optional functions may be nullptr.
struct SceneModel {
    Scene id;
    const char* name;  // in links (scene=NAME), the desktop's --scene and the test hook
    // The scene's starting state: its course example. Reset goes back to it.
    std::any (*create)();
    // Reads the scene's own link fields over `model`; refusals become notices.
    void (*read_link)(std::any& model, LinkReader& link);
    // Writes the fields that restore `model`.
    void (*write_link)(const std::any& model, LinkWriter& link);
    // A sentence about what the scene shows, for screen readers.
    std::string (*narration)(const std::any& model);
    // The scene's grids (or table) as CSV, and a file name for the download.
    std::string (*csv)(const std::any& model, std::string* file_name);
    // The model as JSON for the test hook.
    std::string (*json)(const std::any& model);
    // Optional: moves an animation on by `seconds` (called every frame for
    // every scene); true while it still moves, so the app keeps drawing.
    bool (*advance)(std::any& model, double seconds);
    // Optional: takes a grid another scene sends (a patch of a feature map); false if it cannot.
    bool (*take_grid)(std::any& model, const Grid& grid);
    // Optional: a command from the page's embedding API ("play", "pause", "step N"); false if unknown.
    bool (*command)(std::any& model, const std::string& command);
    // Undo: how many edits back the shell keeps (0: none; each is a copy of
    // the model, so a scene with large models keeps fewer), and the link
    // fields that only say what is on view (the step, the tab), comma-separated,
    // which are not edits to undo.
    int undo_depth = 0;
    const char* view_fields = "";
    // Try this: the scene's tasks, in the order the card lists them.
    const std::vector<SceneTask>& (*tasks)() = nullptr;
};

// The registry, by id or by link name.
const SceneModel& scene_model(Scene scene);
bool find_scene(std::string_view name, Scene* scene);
// "steps, shift, fields and image": for messages that list the scenes.
std::string scene_names_text();

// Every scene's model at once: what a link restores over, what Reset and a
// snapshot copy. `shown` is the scene on screen.
struct SceneSet {
    Scene shown = Scene::Steps;
    std::array<std::any, kSceneCount> models;
    bool embed = false;    // embed=1: only the scene's own view and controls (for course pages)
    bool controls = true;  // controls=0: a static, view-only figure
    // motion=reduce or motion=full in the link; otherwise the system's
    // "reduce motion" preference decides (the shell asks the platform).
    enum class Motion { System, Reduce, Full } motion = Motion::System;
};

// Each scene at its starting state, the first scene shown.
SceneSet scene_set_default();

// A scene's model as its own type (a programmer error, and an exception, if the type is wrong).
template <class Model>
Model& model_as(std::any& model) { return std::any_cast<Model&>(model); }
template <class Model>
const Model& model_as(const std::any& model) { return std::any_cast<const Model&>(model); }
template <class Model>
Model& model_of(SceneSet& set, Scene scene) { return model_as<Model>(set.models[static_cast<size_t>(scene)]); }
template <class Model>
const Model& model_of(const SceneSet& set, Scene scene) { return model_as<Model>(set.models[static_cast<size_t>(scene)]); }

// The course's MNIST "7" feature map (26 x 26), compiled into every binary.
const Grid& course_mnist7();

}  // namespace pl
