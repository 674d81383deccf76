#pragma once
// The "Step through pooling" scene on screen: the controls, the input and
// output grids with the moving window, the arithmetic, and the transport.
// It reads the core's StepsScene and sends it commands.
#include <string>
#include <vector>

#include "app/scene_view.h"
#include "app/widgets/code_window.h"
#include "app/widgets/grid_view.h"
#include "app/widgets/heatmap.h"
#include "app/widgets/theme.h"
#include "core/scenes/steps/steps_scene.h"

enum class Colouring { Auto, Regions, Values };

// UI-only state of the scene's view (what is hovered, the open cell editor).
struct StepsView {
    Colouring colouring = Colouring::Auto;
    bool separate_axes = false;  // window/stride per axis instead of square
    unsigned next_seed = 1;

    bool editing = false;
    bool edit_focus = false;
    bool edit_open = false;
    bool edit_active = false;  // the text field has the keyboard
    int edit_row = -1, edit_col = -1;
    char edit_text[64] = {};
    std::string edit_error;

    int hover_in_row = -1, hover_in_col = -1;  // input cell under the mouse
    int hover_out = -1;                        // output cell under the mouse (row-major)
    GridLayout input_layout, output_layout;    // where the grids were drawn
    bool regions = true;                       // the colouring in effect
    float window_row = 0, window_col = 0;     // where the moving window was drawn (fractional mid-slide)
    bool reduce_motion = false;                // the window jumps from step to step instead of sliding
    bool gpu = false;                          // value colours drawn by shaders/heatmap.*
    Heatmap input_map, output_map;
    std::string notice;                        // a one-line message (e.g. a preset loaded)
    CodeWindow code;                           // "Show the code" (C)
};

// Keyboard shortcuts; skipped while a text field has the keyboard.
void steps_view_shortcuts(pl::StepsScene& scene, StepsView& view, const std::vector<ShortcutKey>& keys);

// Draws the whole scene into the current window's remaining space.
void steps_view_draw(pl::StepsScene& scene, StepsView& view, const Fonts& fonts, float ratio, SceneLayout layout = {});

// The view's part of the app state for the test hook (CSS pixels).
std::string steps_view_json(const StepsView& view, float ratio);
