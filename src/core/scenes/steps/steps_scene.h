#pragma once
// The "Step through pooling" scene as a plain, copyable model: the input, the
// pooling configuration and the playhead. The UI reads it and sends it the
// commands below; it never knows about the UI.
#include <string>
#include <vector>

#include "core/grid.h"
#include "core/pool.h"
#include "core/steps.h"
#include "core/tasks.h"

namespace pl {

// Limits of the scene's editable input (the core itself takes larger grids).
constexpr int kStepsMinSide = 1;
constexpr int kStepsMaxSide = 64;
constexpr float kStepsMinSpeed = 0.25f;  // steps per second
constexpr float kStepsMaxSpeed = 30.0f;

struct StepsScene {
    // --- state: what a snapshot, an undo or a link would hold ---
    Grid input;
    PoolParams params;
    double playhead = 0.0;  // in steps: the integer part is the current step, the rest is travel to the next
    bool playing = false;
    float speed = 1.0f;     // steps per second
    std::string preset = "course";  // "course", "mnist7" or "custom" once edited

    // --- derived by steps_refresh() from the state ---
    PoolResult result;
    std::vector<PoolStep> steps;
    std::string error;      // why the configuration cannot be pooled; "" when it can
};

// The course example: a 4x4 input whose 2x2 regions (orange, green, blue,
// yellow) have maxima 9, 8, 6 and 5; 2x2 window, stride 2, valid, max.
Grid course_example_input();
StepsScene steps_scene_course();

// Replaces the input and parameters (a preset or a loaded file), back to step 1.
void steps_load(StepsScene& s, Grid input, const PoolParams& params, const std::string& preset);

// Recomputes the derived part and keeps the playhead within the steps.
void steps_refresh(StepsScene& s);

// Commands. Each keeps the scene consistent; invalid parameters are kept (so
// the student can fix them) and reported in `error`.
void steps_set_params(StepsScene& s, const PoolParams& p);
void steps_resize_input(StepsScene& s, int rows, int cols);
std::string steps_edit_cell(StepsScene& s, int row, int col, const std::string& text);  // "" or why not
void steps_randomise(StepsScene& s, unsigned seed);

int steps_count(const StepsScene& s);
int steps_current(const StepsScene& s);     // 0-based; 0 when there are no steps
void steps_play_pause(StepsScene& s);       // at the end, play starts again from step 1
void steps_forward(StepsScene& s);
void steps_back(StepsScene& s);
void steps_home(StepsScene& s);
void steps_end(StepsScene& s);
void steps_seek(StepsScene& s, double playhead);
void steps_set_speed(StepsScene& s, float steps_per_second);
void steps_advance(StepsScene& s, double seconds);  // moves the playhead while playing

// The scene as JSON (state, derived output and the current step), for the
// browser tests' hook and for debugging.
std::string steps_scene_json(const StepsScene& s);

// Try this: the scene's tasks that check themselves (steps_tasks.cpp).
const std::vector<SceneTask>& steps_tasks();

}  // namespace pl
