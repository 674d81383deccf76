// Try this, with trained networks: global pooling alone, and a network
// trained here.
#include "core/scene.h"
#include "core/scenes/train/train_scene.h"

namespace pl {

namespace {

const TrainScene& of(const std::any& m) { return model_as<TrainScene>(m); }

}  // namespace

const std::vector<SceneTask>& train_tasks() {
    static const std::vector<SceneTask> tasks = {
        {"train-global-only", "Press \"Global pooling only?\": which network cannot learn where the dot is?",
         [](const std::any& m) {
             const TrainScene& s = of(m);
             const int i = train_find(s, "global-only");
             return s.data == "where" && i >= 0 && s.nets[static_cast<size_t>(i)].shown;
         }},
        {"train-here", "Train a network here from scratch and watch its loss fall.",
         [](const std::any& m) {
             for (const TrainNet& n : of(m).nets) {
                 if (n.status == NetStatus::Trained && !n.live.empty()) return true;
             }
             return false;
         }},
    };
    return tasks;
}

}  // namespace pl
