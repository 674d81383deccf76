#pragma once
// The shell: every scene's model, the chrome around the scene on show (the
// scene bar, link notices, help), links in and out, and the per-frame order.
// It knows scenes only through the registry (core/scene.h, app/scene_view.h).
// main.cpp owns the window and the render loop and calls app_frame() once a frame.
#include <any>
#include <string>
#include <string_view>

#include "app/shell/app_state.h"
#include "core/scene.h"

// Opens the link the app was started with (or the last visit's), and makes the
// GPU resources the first scene needs at once.
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

// The scene on show, and its model.
pl::Scene app_scene(const App& app);
std::any& app_model(App& app, pl::Scene scene);

// A file's bytes arrived (the page's file picker or a drop, a fetched sample,
// the desktop's path argument or a drop): the scene that takes files shows it,
// or says why not. `source` is "file" or the name of a sample a scene asked for.
void app_open_file(App& app, std::string_view bytes, const std::string& name, const std::string& source);
// A file could not be read before it reached the app (too large, a failed fetch, a bad path).
void app_file_refused(App& app, const std::string& message);
// Less motion: the link's motion=reduce, or the system's preference unless the link says motion=full.
bool app_reduce_motion(const App& app);

// Undo and redo the shown scene's edits (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, the bar's buttons).
bool app_can_undo(const App& app);
bool app_can_redo(const App& app);
void app_undo(App& app);
void app_redo(App& app);

// A command from the page's embedding API ("play", "pause", "step N"), for the scene on show.
void app_command(App& app, const std::string& command);

// Builds the UI for one frame (between ImGui::NewFrame and ImGui::Render).
void app_frame(App& app, float dt);

// Drawing on demand. Something happened (input, a message from the page, a
// file, a resize, the GL context back): draw a few frames so ImGui settles.
void app_wake(App& app);
// After a frame: true while the app wants the next one (settling, an
// animation, a text field's caret); false lets the platform sleep until an event.
bool app_busy(const App& app);

// The whole app state as JSON, for the page's test hook and --state-out.
std::string app_state_json(const App& app);
