// Try this, in the step scene: find a window by its result, see average
// pooling's answer, and make the output a size the student chooses.
#include "core/scene.h"
#include "core/scenes/steps/steps_scene.h"

namespace pl {

namespace {

const StepsScene& of(const std::any& m) { return model_as<StepsScene>(m); }

// The result written at the step on show, if there is one.
bool current_result(const StepsScene& s, float* result) {
    if (!s.error.empty() || s.steps.empty()) return false;
    *result = s.steps[static_cast<size_t>(steps_current(s))].result;
    return true;
}

}  // namespace

const std::vector<SceneTask>& steps_tasks() {
    static const std::vector<SceneTask> tasks = {
        {"steps-find-6", "On the course example, step to the window whose maximum is 6.",
         [](const std::any& m) {
             const StepsScene& s = of(m);
             float r = 0;
             return s.preset == "course" && s.params.op == PoolOp::Max && current_result(s, &r) && r == 6.0f;
         }},
        {"steps-average", "Switch to average pooling and step to a window that averages to 2.75.",
         [](const std::any& m) {
             const StepsScene& s = of(m);
             float r = 0;
             return s.preset == "course" && s.params.op == PoolOp::Average && current_result(s, &r) && r == 2.75f;
         }},
        {"steps-three-by-three", "Change only the window or the stride so that the 4\u00d74 input pools to a 3\u00d73 output.",
         [](const std::any& m) {
             const StepsScene& s = of(m);
             return s.error.empty() && s.input.rows == 4 && s.input.cols == 4 && s.result.output.rows == 3 && s.result.output.cols == 3;
         }},
        {"steps-same", "With same padding, make a 5\u00d75 input and see where the extra padded cell goes.",
         [](const std::any& m) {
             const StepsScene& s = of(m);
             return s.error.empty() && s.params.padding == Padding::Same && s.input.rows == 5 && s.input.cols == 5;
         }},
    };
    return tasks;
}

}  // namespace pl
