// Try this, in the shift lab: a move max pooling does not see, a move it only
// passes on, and a shift where blur pooling beats it.
#include <cstdlib>

#include "core/scene.h"
#include "core/scenes/shift/shift_scene.h"

namespace pl {

namespace {

const ShiftScene& of(const std::any& m) { return model_as<ShiftScene>(m); }
const ShiftMetrics& max_pool(const ShiftScene& s) { return s.metrics[static_cast<size_t>(op_index(Downsample::MaxPool))]; }

}  // namespace

const std::vector<SceneTask>& shift_tasks() {
    static const std::vector<SceneTask> tasks = {
        {"shift-unseen", "Pick the Pixel and move it one pixel so that the max-pooled output does not change at all.",
         [](const std::any& m) {
             const ShiftScene& s = of(m);
             return s.preset == "pixel" && std::abs(s.dx) + std::abs(s.dy) == 1 && max_pool(s).verdict == ShiftVerdict::Unchanged;
         }},
        {"shift-moved", "Move the 2\u00d72 blob so that the max-pooled output is the same map, only moved.",
         [](const std::any& m) {
             const ShiftScene& s = of(m);
             return s.preset == "blob" && (s.dx != 0 || s.dy != 0) && max_pool(s).verdict == ShiftVerdict::Shifted;
         }},
        {"shift-blur-wins", "Find a shift at which blur pool is more consistent than max pooling.",
         [](const std::any& m) {
             const ShiftScene& s = of(m);
             return (s.dx != 0 || s.dy != 0) && s.metrics[static_cast<size_t>(op_index(Downsample::BlurPool))].consistency > max_pool(s).consistency + 0.01f;
         }},
    };
    return tasks;
}

}  // namespace pl
