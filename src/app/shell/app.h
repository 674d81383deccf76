#pragma once
// The application: its scenes, fonts and the per-frame UI. main.cpp owns the
// window and the render loop and calls app_frame() once per frame.
#include <string>
#include <vector>

#include "app/scenes/fields/field_view.h"
#include "app/scenes/image/image_view.h"
#include "app/scenes/shift/shift_view.h"
#include "app/scenes/steps/steps_view.h"
#include "app/widgets/theme.h"
#include "core/scenes/fields/field_scene.h"
#include "core/scenes/image/image_scene.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/scenes/steps/steps_scene.h"

// The scenes, in the order of the scene bar.
enum class Scene { Steps, Shift, Fields, Image };
constexpr int kSceneCount = 4;
const char* scene_name(Scene scene);  // "steps", "shift", "fields", "image"
bool parse_scene(const std::string& name, Scene* scene);

struct App {
    // Shortcut keys pressed since the last frame, in order. Queued from the
    // window's key callback because Dear ImGui 1.86 samples key state once a
    // frame and misses a press and release that fall between two frames.
    std::vector<ShortcutKey> keys;
    Scene scene = Scene::Steps;
    pl::StepsScene steps = pl::steps_scene_course();
    StepsView steps_view;
    pl::ShiftScene shift = pl::shift_scene_default();
    ShiftView shift_view;
    pl::FieldScene fields = pl::field_scene_default();
    FieldView field_view;
    pl::ImageScene image = pl::image_scene_default();
    ImageView image_view;
    // Links: notices about a link's bad fields, shown until dismissed; the
    // fragment last put in the address bar and when.
    std::vector<std::string> link_notices;
    ImVec2 copy_button{}, reset_button{}, png_button{}, csv_button{};
    bool png_requested = false;  // export the next rendered frame as PNG
    std::string narration;   // what screen readers were last told
    bool help = false;       // the keyboard help is open
    bool embed = false;      // in a course page: only the scene's own view and controls
    bool controls = true;    // false: a static, view-only figure (no input is taken)
    bool narrow = false;     // a small window: the settings panel folds away behind a button
    bool panel_open = false; // ... and is open  // where the bar's buttons are (centres, device pixels), for tests
    std::string shown_link;
    double link_checked_at = -1.0;
    Fonts fonts;
    float ratio = 0.0f;  // device pixel ratio the fonts were built for
    long frame = 0;
};

// Creates GPU resources (after the GL context exists) and frees them (before it goes).
void app_init(App& app);
void app_shutdown(App& app);
// Compiles the heat-map shader if that is not done yet (after the first frame).
void app_gpu_start(App& app);
// The GL context was lost: forget every GL object; app_gpu_start makes them again.
void app_gpu_lost(App& app);

// Restores the state a link (URL fragment) describes; bad fields keep their defaults and become notices.
void app_open_link(App& app, const std::string& fragment);
// The link to the current state.
std::string app_link(const App& app);

// The scene's grids (or the layer table) as CSV, and a file name for it.
std::string app_export_csv(const App& app, std::string* name);

// A picture file's bytes arrived (the page's file picker or a drop, the desktop's
// path argument or a drop): the picture scene shows it, or says why not.
void app_open_picture(App& app, std::string_view bytes, const std::string& name, const std::string& source);

// Builds the UI for one frame (between ImGui::NewFrame and ImGui::Render).
void app_frame(App& app, float dt);

// The whole app state as JSON, for the page's test hook and --state-out.
std::string app_state_json(const App& app);
