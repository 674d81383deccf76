#pragma once
// "Try this": a few tasks for each scene that check themselves. A task is a
// sentence saying what to do and a check of the scene's model that is true
// once it is done, so the card ticks it as the student does it. Each scene's
// folder lists its own (SceneModel::tasks); every task is tested to be not
// done at the scene's start and done after what it asks.
#include <any>
#include <vector>

namespace pl {

struct SceneTask {
    const char* id;    // stable, lower case, for links (task=ID) and the tests
    const char* text;  // what to do, one sentence
    bool (*done)(const std::any& model);
};

}  // namespace pl
