#pragma once
// The shift-invariance lab as a plain, copyable model: a feature map, the
// shift applied to it, the downsampling set-up, and everything derived from
// them (each operation's outputs and metrics, the sweep, the stacking, and the
// global-pooling fabric maps). The UI reads it and sends it commands.
#include <array>
#include <string>
#include <vector>

#include "core/grid.h"
#include "core/shift.h"
#include "core/tasks.h"

namespace pl {

constexpr int kShiftMinSide = 8;
constexpr int kShiftMaxSide = 64;
constexpr int kShiftMaxLayers = 3;

// The features a student can start from.
constexpr const char* kShiftPresets[] = {"pixel", "blob", "edge", "cross", "diagonal", "mnist7", "noise"};

// A feature map of one of the presets ("mnist7" needs the course map, 26x26).
// Unknown names give an empty grid.
Grid shift_preset(const std::string& name, int side, const Grid& mnist7, unsigned seed = 1);

// The 7x7 fabric maps of the global-pooling example.
Grid fabric_rip();           // zero except one cell of 2.0 (a rip detector firing once)
Grid fabric_plain();         // 0.04 everywhere (no rip anywhere)
Grid fabric_wrinkled();      // many cells near 1.0 (a wrinkle detector on crumpled cloth)
Grid fabric_one_wrinkle();   // one cell of 1.0 (a single crease)
// A fabric map's title: what it shows ("Rip detector: one rip") while it is
// as made, which map it is ("Rip detector: map 1, edited") once edited.
std::string fabric_title(int map, const Grid& g);

// The lab's five tabs: the shift itself, all operations side by side, the
// sweep over shifts, stacked pooling, and global pooling on the fabric maps.
enum class ShiftTab { Shift, Compare, Sweep, Stacking, Fabric };
constexpr int kShiftTabCount = 5;
const char* shift_tab_name(ShiftTab tab);  // "shift", "compare", "sweep", "stacking", "fabric"

struct ShiftScene {
    // --- state ---
    ShiftTab tab = ShiftTab::Shift;     // the tab on show (links carry it)
    Grid feature;                       // the map before the shift
    std::string preset = "blob";
    int dx = 0, dy = 0;                 // the shift, in pixels (right / down positive)
    ShiftFill fill = ShiftFill::Zero;
    Downsample focus = Downsample::MaxPool;  // the operation in the main comparison
    DownsampleParams params;            // window, stride, padding, blur size
    int sweep_range = 4;
    int layers = 2;                     // for stacking, 1..3
    std::array<Grid, 4> fabric = {fabric_rip(), fabric_plain(), fabric_wrinkled(), fabric_one_wrinkle()};

    // --- derived by shift_refresh() ---
    Grid shifted;
    std::array<Grid, kDownsampleCount> before, after;   // each operation on feature / shifted
    std::array<ShiftMetrics, kDownsampleCount> metrics;
    std::array<std::string, kDownsampleCount> errors;   // why an operation cannot run ("" if it can)
    ShiftSweep sweep;
    std::string sweep_error;
    std::array<Grid, kShiftMaxLayers> stack_before, stack_after;  // after 1, 2, 3 pooling layers
    std::array<InvarianceSpan, kShiftMaxLayers> spans;
    std::array<std::string, kShiftMaxLayers> stack_errors;
};

ShiftScene shift_scene_default();

// Commands; each leaves the scene refreshed.
void shift_load_preset(ShiftScene& s, const std::string& name, const Grid& mnist7);
void shift_set(ShiftScene& s, int dx, int dy);    // clamped to +-(side - 1)
void shift_move(ShiftScene& s, int ddx, int ddy);
void shift_set_fill(ShiftScene& s, ShiftFill fill);
void shift_set_focus(ShiftScene& s, Downsample op);
void shift_set_params(ShiftScene& s, const DownsampleParams& p);
void shift_set_sweep_range(ShiftScene& s, int range);  // 1..8
void shift_resize(ShiftScene& s, int side);            // kShiftMinSide..kShiftMaxSide, keeps the top-left
void shift_paint(ShiftScene& s, int row, int col, float value);
std::string shift_edit_fabric(ShiftScene& s, int map, int row, int col, const std::string& text);  // "" or why not

// Recomputes everything derived. `with_sweep` false skips the sweep and the
// invariance spans, which depend only on the feature and the set-up.
void shift_refresh(ShiftScene& s, bool with_sweep = true);

int op_index(Downsample op);

class JsonWriter;

// One operation's comparison as the members of a JSON object (op, output
// shape, the metrics, the verdict and its explanation); the CLI and the scene
// write the same fields.
void write_shift_op_json(JsonWriter& j, Downsample op, const DownsampleParams& p, int dx, int dy, const Grid& output,
                         const ShiftMetrics& m);

// The fabric tab's paragraph, worked out from the four maps as they are now
// (the student may have edited them): what global max and global average say
// about a rip and about wrinkles.
std::string explain_fabric(const std::array<Grid, 4>& fabric);

// The scene as JSON for the test hook.
std::string shift_scene_json(const ShiftScene& s);

// Try this: the scene's tasks that check themselves (shift_tasks.cpp).
const std::vector<SceneTask>& shift_tasks();

}  // namespace pl
