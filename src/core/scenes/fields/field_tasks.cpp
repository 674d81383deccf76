// Try this, in the receptive-field scene: grow the field, and see what
// pooling buys.
#include "core/scene.h"
#include "core/scenes/fields/field_scene.h"

namespace pl {

namespace {

const FieldScene& of(const std::any& m) { return model_as<FieldScene>(m); }

// The field of the last layer that still has a place (before any flatten or dense), if the stack is valid.
bool last_field(const FieldScene& s, long long* h, long long* w) {
    if (s.summary.failed >= 0 || s.summary.layers.empty()) return false;
    for (size_t i = s.summary.layers.size(); i-- > 0;) {
        if (s.summary.layers[i].whole_input) continue;
        *h = s.summary.layers[i].rf_h.size, *w = s.summary.layers[i].rf_w.size;
        return true;
    }
    return false;
}

}  // namespace

const std::vector<SceneTask>& field_tasks() {
    static const std::vector<SceneTask> tasks = {
        {"fields-16", "Add or change layers until the last unit sees 16\u00d716 input pixels.",
         [](const std::any& m) {
             long long h = 0, w = 0;
             return last_field(of(m), &h, &w) && h == 16 && w == 16;
         }},
        {"fields-without-pooling", "Remove the pooling layers (U) and compare what the unit sees, and what it costs.",
         [](const std::any& m) { return of(m).without_pool; }},
    };
    return tasks;
}

}  // namespace pl
