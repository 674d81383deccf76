#pragma once
// The receptive-field scene on screen: the layer-stack editor, the summary
// table, every layer's output drawn as a grid with the picked unit's field
// highlighted on each, and the explanation. Reads the core's FieldScene and
// sends it commands.
#include <string>
#include <vector>

#include "app/widgets/grid_view.h"
#include "app/scene_view.h"
#include "app/widgets/theme.h"
#include "core/scenes/fields/field_scene.h"

struct FieldView {
    bool train_asked = false;           // "Train this stack": the stack goes to the trained-networks scene
    int editing = -1;                   // the layer whose settings are open in the panel
    std::vector<GridLayout> boxes;      // where each layer was drawn (index 0: the input)
    std::vector<int> box_layer;         // which layer each box shows (-1: the input)
    int hover_layer = -2, hover_row = -1, hover_col = -1;  // the unit under the mouse (its field is previewed)
    std::string json_text;                                // the model as JSON, for import and export
    std::string json_error;
    ImVec4 json_show_rect{}, json_text_rect{}, json_load_rect{}, train_rect{};  // where those widgets are (x0, y0, x1, y1), for tests
};

void field_view_shortcuts(pl::FieldScene& scene, FieldView& view, const std::vector<ShortcutKey>& keys);
void field_view_draw(pl::FieldScene& scene, FieldView& view, const Fonts& fonts, float ratio, SceneLayout layout = {});
std::string field_view_json(const FieldView& view, float ratio);
