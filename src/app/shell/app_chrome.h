#pragma once
// Around every scene (app_chrome.cpp): drawn by app_frame each frame.
#include <string>

#include "app/shell/app.h"

// The bar at the top: the scene buttons and Copy link, Reset, PNG, CSV, Keys
// (a Settings button and a More menu in a narrow window).
void scene_bar(App& app);
// What a link could not restore, until dismissed.
void link_notices_banner(App& app);
// The keyboard shortcuts of every scene, over the app (? or F1).
void help_window(App& app);
// A sentence about what the scene shows now, for screen readers.
std::string narration(const App& app);
