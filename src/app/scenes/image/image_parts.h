#pragma once
// The tabs of the picture scene and the zoomable map they are built from,
// drawn by image_tabs.cpp. Not for use outside the scene.
#include "app/scenes/image/image_view.h"

namespace image_parts {

void draw_pyramid_tab(pl::ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool controls);
void draw_features_tab(pl::ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool controls);
void draw_digit_tab(pl::ImageScene& s, ImageView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, bool controls);

// Magnifies about the centre, and keeps the view inside the map (zoom 1 to 64).
void zoom_by(MapZoom& z, float factor);
// Remembers where the last widget is (its centre), under `label`, for the tests.
void note_widget(ImageView& v, const char* label);
void clamp_zoom(MapZoom& z);

}  // namespace image_parts
