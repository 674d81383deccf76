// Try this, in the picture scene: aliasing, and a field that grows with a second stage.
#include "core/scene.h"
#include "core/scenes/image/image_scene.h"

namespace pl {

namespace {

const ImageScene& of(const std::any& m) { return model_as<ImageScene>(m); }

}  // namespace

const std::vector<SceneTask>& image_tasks() {
    static const std::vector<SceneTask> tasks = {
        {"image-grating", "Pool the Grating: which row keeps its stripes, and which makes up coarser ones?",
         [](const std::any& m) { return of(m).source == "grating" && of(m).tab == ImageTab::Pyramid; }},
        {"image-two-stages", "In Feature maps, use two stages and hover a pooled cell: its patch of the picture is 10\u00d710.",
         [](const std::any& m) { return of(m).tab == ImageTab::Features && of(m).stage_count == 2; }},
    };
    return tasks;
}

}  // namespace pl
