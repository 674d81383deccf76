#pragma once
// The picture scene on screen: a settings panel (picture, chain, digit) and
// three tabs: the picture pooled again and again, the conv -> ReLU -> pool
// feature maps with their trace back to the picture, and a digit pad. Large
// maps go through the heat-map shader; every map of a tab shares one pan and
// zoom, so the same part of the picture is seen in all of them.
#include <string>
#include <vector>

#include "app/widgets/grid_view.h"
#include "app/widgets/heatmap.h"
#include "app/scene_view.h"
#include "app/widgets/theme.h"
#include "core/scenes/image/image_scene.h"


// Pan and zoom shared by a tab's maps: the map point at the centre of each
// box, as a fraction of the map (0..1), and the magnification (1 = fit).
struct MapZoom {
    float zoom = 1.0f;
    float cx = 0.5f, cy = 0.5f;
};

// Which map the mouse is over, and the cell under it.
struct MapHover {
    std::string map;  // "" when over none
    int row = -1, col = -1;
    float value = 0;
    int rows = 0, cols = 0;
};

struct ImageView {
    pl::ImageTab shown_tab = pl::ImageTab::Pyramid;  // the tab the tab bar shows; the scene's tab may move ahead of it
    bool tab_requested = false;
    HeatmapSlots maps;
    MapZoom zoom;
    MapHover hover;
    std::string requested;      // the sample asked of the platform, until it arrives
    std::string notice;         // what the last action did
    char path[512] = {};        // desktop: a picture's path typed into the panel
    // Kernel editor: the weight being typed, per stage.
    // A click elsewhere or Tab sets what was typed; only Esc throws it away.
    int edit_stage = -1, edit_row = 0, edit_col = 0;
    bool edit_open = false, edit_active = false;  // the popup is open; its field has the keyboard
    char edit_text[32] = {};
    std::string edit_error;  // why the typed value was not set (under the weights once the popup closed)
    // Digit pad strokes; `erase` makes the left button (and a finger) erase.
    bool drawing = false;
    bool erase = false;
    float last_r = 0, last_c = 0;
    // Where some panel widgets were drawn this frame (their centres, for the touch tests), by label.
    std::vector<std::pair<std::string, ImVec2>> widgets;
    // Where the maps were drawn this frame (for outlines and the tests), by name.
    std::vector<std::pair<std::string, GridLayout>> layouts;
    // The panel asked to send a patch to another scene (app_frame does it).
    bool send_to_steps = false, send_to_shift = false;
    // A pinned pooled cell (a click or tap without a drag, or a right-click): stage, row, col; -1 when none.
    int pin_stage = -1, pin_row = -1, pin_col = -1;
};

void image_view_shortcuts(pl::ImageScene& scene, ImageView& view, const std::vector<ShortcutKey>& keys);
void image_view_draw(pl::ImageScene& scene, ImageView& view, const Fonts& fonts, float ratio, SceneLayout layout = {});
std::string image_view_json(const pl::ImageScene& scene, const ImageView& view, float ratio);

// A picture arrived (from a file, a drop, or a sample fetched for the scene); `source` is "file" or a sample name.
void image_view_picture_arrived(pl::ImageScene& scene, ImageView& view, std::string_view bytes, const std::string& name,
                                const std::string& source);
// A picture could not be read before it reached the core (too large to read, a failed fetch).
void image_view_picture_refused(pl::ImageScene& scene, ImageView& view, const std::string& message);
