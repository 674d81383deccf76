#pragma once
// A scene's view as the shell sees it: its words for the scene bar and the
// help, and the functions the shell calls each frame. Each view keeps its own
// UI state (what is hovered, its textures) private to its folder
// (src/app/scenes/NAME/) and defines one SceneView; the registry
// (src/core/scenes/registry.h) lists them. Views read the scene's model and
// send it commands; the shell owns the models.
#include <any>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/widgets/theme.h"
#include "core/grid.h"
#include "core/scene.h"
#include "platform/input.h"  // ShortcutKey

// What a scene shows around its stage: its settings panel, and controls at all.
struct SceneLayout {
    bool panel = true;        // the settings panel on the left
    bool controls = true;     // transport, tabs and editing; false for a view-only figure
    bool panel_only = false;  // a narrow window with its settings open: the panel takes the whole width
    std::function<void()> card;  // the shell's Try-this card, drawn at the top of the settings panel (empty: none)
};

// What the shell hands a view for one frame, and what the view asks back.
struct SceneFrame {
    const Fonts& fonts;
    float ratio;  // device pixels per CSS pixel
    SceneLayout layout;
    // A grid for another scene (the picture scene's patches): the shell gives
    // it to that scene's model after the frame and shows that scene.
    bool send = false;
    pl::Scene send_to = pl::Scene{};
    pl::Grid send_grid{};
    // A link to open after the frame (read over the current state, like a
    // typed fragment): how the receptive-field scene hands its stack to the
    // trained-networks scene.
    std::string open_link;
    // Less motion (the system's setting or motion=reduce): what would slide jumps, nothing moves on its own.
    bool reduce_motion = false;
};

struct SceneView {
    pl::Scene id;
    const char* title;        // the scene bar's button and the help's heading
    const char* short_title;  // the button in a narrow window
    const char* blurb;        // one line beside the scene bar, when it fits
    const char* keys;         // its keyboard shortcuts, for the help window
    bool needs_shader_first;  // its first frame draws heat maps (else the shader is compiled after it)
    // Frees the view's GPU textures (before the GL context goes).
    void (*shutdown)();
    // The shortcut keys pressed since the last frame (skipped while a text field has the keyboard).
    void (*shortcuts)(std::any& model, const std::vector<ShortcutKey>& keys);
    // Draws the scene into the current window's remaining space.
    void (*draw)(std::any& model, SceneFrame& frame);
    // The view's part of the test hook's JSON (CSS pixels).
    std::string (*json)(const std::any& model, float ratio);
    // Optional: a file's bytes arrived (a picker, a drop, a path, a fetched
    // sample); `source` is "file" or the name of a sample the view asked for.
    void (*file_arrived)(std::any& model, std::string_view bytes, const std::string& name, const std::string& source);
    // Optional: a file could not be read before it reached the scene.
    void (*file_refused)(std::any& model, const std::string& message);
};

// The registry's views, in scene-bar order.
const SceneView& scene_view(pl::Scene scene);
