#pragma once
// The shift-invariance lab on screen: a settings panel and five tabs (the
// shift itself, all operations side by side, the sweep over shifts, stacked
// pooling, and global pooling on the fabric maps). It reads the core's
// ShiftScene and sends it commands.
#include <string>
#include <vector>

#include "app/widgets/grid_view.h"
#include "app/widgets/heatmap.h"
#include "app/scene_view.h"
#include "app/widgets/theme.h"
#include "core/scenes/shift/shift_scene.h"


struct ShiftView {
    pl::ShiftTab shown_tab = pl::ShiftTab::Shift;  // the tab the tab bar shows; the scene's tab may move ahead of it
    bool tab_requested = false;   // the keyboard chose a tab; select it in the tab bar
    HeatmapSlots maps;
    float brush = 1.0f;           // value painted with the left button

    // Dragging the shifted map moves the feature.
    bool dragging = false;
    int drag_dx0 = 0, drag_dy0 = 0;
    ImVec2 drag_from{0, 0};

    // The fabric cell editor.
    bool fabric_edit_request = false, fabric_edit_open = false, fabric_edit_focus = false, fabric_edit_active = false;
    int fabric_map = 0, fabric_row = 0, fabric_col = 0;
    GridLayout fabric_layouts[4];  // where the fabric maps were drawn (for the test hook)
    int request_map = 0, request_row = 0, request_col = 0;  // the cell clicked, edited once the last edit is set
    char fabric_text[64] = {};
    std::string fabric_error;  // why the typed value was not set (under the maps once the popup closed)

    GridLayout original_layout, shifted_layout;  // where the maps were drawn, for tests
    std::string notice;
    bool controls = true;  // the figure takes input (false: view-only, so no hints about dragging or keys)
};

void shift_view_shortcuts(pl::ShiftScene& scene, ShiftView& view, const std::vector<ShortcutKey>& keys);
void shift_view_draw(pl::ShiftScene& scene, ShiftView& view, const Fonts& fonts, float ratio, SceneLayout layout = {});
std::string shift_view_json(const pl::ShiftScene& scene, const ShiftView& view, float ratio);
