#include "core/scene.h"

#include "core/csv.h"

extern const unsigned char asset_mnist7_conv26[];
extern const std::size_t asset_mnist7_conv26_size;

namespace pl {

#define POOLLAB_SCENE(Id, name) extern const SceneModel name##_scene_model;
#include "core/scenes/registry.h"
#undef POOLLAB_SCENE

namespace {

#define POOLLAB_SCENE(Id, name) &name##_scene_model,
const SceneModel* const kModels[] = {
#include "core/scenes/registry.h"
};
#undef POOLLAB_SCENE
static_assert(sizeof(kModels) / sizeof(kModels[0]) == kSceneCount, "one model a scene");

}  // namespace

const SceneModel& scene_model(Scene scene) { return *kModels[static_cast<size_t>(scene)]; }

bool find_scene(std::string_view name, Scene* scene) {
    for (const SceneModel* m : kModels) {
        if (name == m->name) {
            *scene = m->id;
            return true;
        }
    }
    return false;
}

std::string scene_names_text() {
    std::string out;
    for (int i = 0; i < kSceneCount; ++i) {
        out += i == 0 ? "" : i == kSceneCount - 1 ? " and " : ", ";
        out += kModels[i]->name;
    }
    return out;
}

SceneSet scene_set_default() {
    SceneSet set;
    for (const SceneModel* m : kModels) set.models[static_cast<size_t>(m->id)] = m->create();
    return set;
}

const Grid& course_mnist7() {
    static const Grid map = [] {
        Result<Grid> g = parse_csv(std::string_view(reinterpret_cast<const char*>(asset_mnist7_conv26), asset_mnist7_conv26_size));
        return g.ok() ? g.value : Grid{};
    }();
    return map;
}

}  // namespace pl
