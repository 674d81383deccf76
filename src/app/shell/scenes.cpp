// The views of the registry's scenes (src/core/scenes/registry.h).
#include "app/scene_view.h"

#define POOLLAB_SCENE(Id, name) extern const SceneView name##_scene_view;
#include "core/scenes/registry.h"
#undef POOLLAB_SCENE

namespace {

#define POOLLAB_SCENE(Id, name) &name##_scene_view,
const SceneView* const kViews[] = {
#include "core/scenes/registry.h"
};
#undef POOLLAB_SCENE
static_assert(sizeof(kViews) / sizeof(kViews[0]) == pl::kSceneCount, "one view a scene");

}  // namespace

const SceneView& scene_view(pl::Scene scene) { return *kViews[static_cast<size_t>(scene)]; }
