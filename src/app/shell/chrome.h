#pragma once
// Around every scene, drawn by app_frame each frame: the bar that picks the
// scene and holds Copy link, Reset, PNG, CSV and Keys (a Settings button and
// a More menu in a narrow window); the banner for a link's bad fields; the
// keyboard help.
#include "app/shell/app_state.h"

void scene_bar(App& app);
void link_notices_banner(App& app);
void help_window(App& app);
