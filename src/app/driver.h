#pragma once
// The desktop's test and figure-making drivers: run a fixed number of frames,
// type keys, and write a screenshot and the final state. Tests (desktop
// smoke, figures for the README) use them; a user never needs them.
#include <string>

#include "app/shell/app_state.h"

struct DriverOptions {
    int frames = 0;               // quit after this many frames (0: run until closed)
    std::string screenshot_path;  // PNG of the last frame
    std::string state_path;       // JSON of the final state
    std::string keys;             // shortcut characters to press, one a frame, from frame 5; < > ^ _ are arrows
    std::string picture;          // a picture to open (the scene that takes files shows it)
    int width = 1280, height = 800;  // the window, in screen pixels before POOLLAB_SCALE (--size WxH)
};

// The window to open: --size, times POOLLAB_SCALE when that is set (so
// `--size 700x440` with POOLLAB_SCALE=2 is a 700 x 440 figure at 2x).
void driver_window_size(const DriverOptions& o, int* width, int* height);

// Reads the command line into *o (--scene and --link go to the app and the
// platform). False, with the usage on stderr, for an argument it does not know.
bool driver_parse(int argc, char** argv, DriverOptions* o, App& app);

// Before ImGui::NewFrame: this frame's key from --keys.
void driver_before_frame(const DriverOptions& o, App& app);

// True while the drivers need frames drawn one after another (--frames).
bool driver_busy(const DriverOptions& o);

// After the frame is rendered (w x h device pixels), before it is shown: at
// the last frame writes the screenshot and the state. True when it is time to quit.
bool driver_after_render(const DriverOptions& o, const App& app, int w, int h);
