#pragma once
// The shell's state: every scene's model and what the chrome around the
// scene on show keeps. A plain struct; app.h has the functions over it.
#include <array>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/scene_view.h"
#include "app/widgets/theme.h"
#include "core/history.h"
#include "core/scene.h"

struct App {
    // Shortcut keys pressed since the last frame, in order (see platform/input.h).
    std::vector<ShortcutKey> keys;
    pl::SceneSet scenes = pl::scene_set_default();
    // Undo and redo, one history a scene (core/history.h), noted after every frame.
    std::array<pl::History, pl::kSceneCount> history;
    // Links: notices about a link's bad fields, shown until dismissed; the
    // fragment last put in the address bar and when.
    std::vector<std::string> link_notices;
    std::string shown_link;
    double link_checked_at = -1.0;
    std::string narration;    // what screen readers were last told
    bool help = false;        // the keyboard help is open
    int help_tab = 0;         // its tab: 0 keys, 1 words
    int help_select = -1;     // a tab to bring forward in the next frame, or -1
    std::vector<std::string> help_words;  // the terms the words tab listed in its last frame (for the test hook)
    // Try this: each scene's tasks done in this visit (a task stays ticked once done), and the cards folded away.
    std::array<std::vector<std::string>, pl::kSceneCount> tasks_done;
    std::array<bool, pl::kSceneCount> try_folded{};
    bool narrow = false;      // a small window: the settings panel folds away behind a button
    bool panel_open = false;  // ... and is open
    bool png_requested = false;  // export the next rendered frame as PNG
    ImVec2 copy_button{}, reset_button{}, png_button{}, csv_button{}, undo_button{}, redo_button{};  // where the bar's buttons are (centres, device pixels), for tests
    Fonts fonts;
    // Drawing scale: the device pixel ratio times the text's growth in a large
    // frame (pl::text_growth). Sizes are drawn in ratio units; the page's CSS
    // pixels are device pixels / dpr.
    float ratio = 0.0f;
    float dpr = 0.0f;
    float growth = 1.0f;
    bool report_layout = false;
    int typed_recently = 0;  // frames since a text field last had the keys (Tab that ends typing switches nothing)  // add the layout self-check to the state (tests)
    long frame = 0;
    // Drawing on demand: frames still to draw after the last event (ImGui
    // needs a few to settle hovers, popups and layout), and whether a scene
    // animates (then every frame is drawn).
    int settle = 0;
    bool animating = false;
};
