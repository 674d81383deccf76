// The receptive-field scene's summary table, its grids with the picked unit's
// field, its keyboard shortcuts and how panel and stage share the window.
#include "app/scenes/fields/field_view.h"
#include "app/widgets/term.h"

#include <algorithm>
#include <string>
#include <cmath>
#include <cstdio>

#include "app/scenes/fields/field_parts.h"
#include "app/scenes/scene_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/link.h"

using pl::FieldScene;

namespace {

// A per-axis number of the table: one when rows and columns agree, "rows; columns" when they differ
// (a comma between them would read as a thousands separator).
std::string per_axis(long long rows, long long cols) {
    return rows == cols ? pl::group_thousands(rows) : pl::group_thousands(rows) + "; " + pl::group_thousands(cols);
}

void draw_table(const FieldScene& s, float height, float ratio) {
    const pl::Model& m = s.without_pool ? s.plain : s.shown;
    const pl::Summary& sum = s.without_pool ? s.plain_summary : s.shown_summary;
    // In a narrow stage the costs go (the panel's comparison still has them).
    const bool costs = ImGui::GetContentRegionAvail().x >= 760.0f * ratio;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("summary", costs ? 8 : 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Layer", "Output shape", "Params", "Receptive field", "Jump", "Start", "Activations", "Multiply-adds"}) {
        if (costs || (std::string(h) != "Activations" && std::string(h) != "Multiply-adds")) ImGui::TableSetupColumn(h);
    }
    term::headers_row({{"Params", "parameters"}, {"Receptive field", "receptive-field"}, {"Jump", "jump"}, {"Start", "start"},
                       {"Multiply-adds", "multiply-adds"}});
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Input");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(pl::shape_text(m.input).c_str());
    for (const std::string& cell : {std::string("0"), pl::size_text(1, 1), std::string("1"), per_axis(1, 1)}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(cell.c_str());
    }
    for (size_t i = 0; i < sum.layers.size(); ++i) {
        const pl::LayerInfo& l = sum.layers[i];
        ImGui::TableNextRow();
        if (static_cast<int>(i) == s.unit_layer) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(94, 53, 177, 40));
        ImGui::TableNextColumn();
        ImGui::Text("%zu  %s", i + 1, field_parts::layer_line(m.layers[i]).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(pl::shape_text(l.out).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(pl::group_thousands(l.params).c_str());
        ImGui::TableNextColumn();
        if (l.whole_input) {
            ImGui::TextUnformatted("whole input");
        } else {
            ImGui::TextUnformatted(pl::size_text(l.rf_h.size, l.rf_w.size).c_str());
        }
        ImGui::TableNextColumn();
        if (l.whole_input) {
            ImGui::TextUnformatted("-");
        } else {
            ImGui::TextUnformatted(per_axis(l.rf_h.jump, l.rf_w.jump).c_str());
        }
        // Where the first unit's field starts, counted from 1 as the pixels' tooltips count (0 or less: in
        // the padding); the core counts from 0.
        ImGui::TableNextColumn();
        if (l.whole_input) {
            ImGui::TextUnformatted("-");
        } else {
            ImGui::TextUnformatted(per_axis(l.rf_h.start + 1, l.rf_w.start + 1).c_str());
        }
        if (costs) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(pl::group_thousands(l.activations).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(pl::group_thousands(l.macs).c_str());
        }
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Total");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::Text("%s", pl::group_thousands(sum.total_params).c_str());
    if (costs) {
        for (int c = 0; c < 3; ++c) ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::Text("%s", pl::group_thousands(sum.total_activations).c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s", pl::group_thousands(sum.total_macs).c_str());
    }
    ImGui::EndTable();
}

// The maps to draw as grids: the input (layer -1), then every layer whose output is still spatial.
std::vector<std::pair<int, pl::Shape>> spatial_outputs(const pl::Model& m, const pl::Summary& sum) {
    std::vector<std::pair<int, pl::Shape>> grids{{-1, m.input}};
    for (size_t i = 0; i < sum.layers.size(); ++i) {
        if (sum.layers[i].out.rank == 3) grids.push_back({static_cast<int>(i), sum.layers[i].out});
    }
    return grids;
}

// How the grids share the stage: `per_row` square boxes of side `box` a row,
// each with room for its caption under it.
struct GridPlan {
    int per_row;
    float box, gap, label_h;
};

// As many rows (up to four) as give the largest boxes, but never boxes too small to point at.
GridPlan plan_grids(int n, ImVec2 size, const Fonts& f, float ratio) {
    GridPlan plan{n, 0, 14 * ratio, f.small->FontSize * 3.9f};
    for (int rows = 1; rows <= 4; ++rows) {
        const int cols = (n + rows - 1) / rows;
        const float b = std::min((size.x - plan.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols),
                                 (size.y - static_cast<float>(rows - 1) * plan.gap) / static_cast<float>(rows) - plan.label_h);
        if (b > plan.box) {
            plan.box = b;
            plan.per_row = cols;
        }
    }
    plan.box = std::max(plan.box, 24.0f * ratio);
    return plan;
}

// The scene with the unit whose field is shown: the one under the mouse last
// frame (a preview, so a student can look before clicking), else the picked one.
FieldScene previewed(const FieldScene& s, const FieldView& v, const pl::Summary& sum) {
    FieldScene preview = s;
    if (v.hover_layer >= 0 && v.hover_layer < static_cast<int>(sum.layers.size())) {
        preview.unit_layer = v.hover_layer;
        preview.unit_row = v.hover_row;
        preview.unit_col = v.hover_col;
    }
    return preview;
}

// One output as a white grid, ruled while the cells are far enough apart to see the lines.
void draw_grid(ImDrawList* dl, const GridLayout& gl, const pl::Shape& shape, ImVec2 end, float ratio) {
    dl->AddRectFilled(gl.origin, end, IM_COL32(255, 255, 255, 255));
    if (gl.cell >= 4.0f * ratio) {
        for (long long r = 1; r < shape.h; ++r) dl->AddLine(gl.at(static_cast<float>(r), 0), gl.at(static_cast<float>(r), static_cast<float>(shape.w)), IM_COL32(0, 0, 0, 28));
        for (long long c = 1; c < shape.w; ++c) dl->AddLine(gl.at(0, static_cast<float>(c)), gl.at(static_cast<float>(shape.h), static_cast<float>(c)), IM_COL32(0, 0, 0, 28));
    }
    dl->AddRect(gl.origin, end, theme::kMuted);
}

// The previewed unit's field on one layer, clipped to the grid; the part that
// lies in the padding is dashed. Returns "\nsees H×W" on the layers below the
// unit, for the caption.
std::string draw_field(ImDrawList* dl, const GridLayout& gl, const pl::Shape& shape, const FieldScene& preview, int layer, float ratio) {
    std::string field_size;
    if (preview.unit_layer < 0 || layer > preview.unit_layer) return field_size;
    const pl::Region r = pl::field_region_on(preview, layer);
    const bool self = layer == preview.unit_layer;
    if (!self) field_size = "\nsees " + pl::size_text(r.row1 - r.row0 + 1, r.col1 - r.col0 + 1);
    const float r0 = static_cast<float>(std::max<long long>(r.row0, 0)), r1 = static_cast<float>(std::min<long long>(r.row1 + 1, shape.h));
    const float c0 = static_cast<float>(std::max<long long>(r.col0, 0)), c1 = static_cast<float>(std::min<long long>(r.col1 + 1, shape.w));
    dl->AddRectFilled(gl.at(r0, c0), gl.at(r1, c1), self ? IM_COL32(94, 53, 177, 200) : IM_COL32(0, 137, 123, 90));
    dl->AddRect(gl.at(r0, c0), gl.at(r1, c1), self ? theme::kWindow : theme::kHover, 0, 0, std::max(1.5f, 2.0f * ratio));
    if (r.row0 < 0 || r.col0 < 0 || r.row1 >= shape.h || r.col1 >= shape.w) {
        draw_dashed_outline(dl, gl, static_cast<float>(r.row0), static_cast<float>(r.col0), static_cast<float>(r.row1 - r.row0 + 1),
                            static_cast<float>(r.col1 - r.col0 + 1), theme::kHover, std::max(1.0f, ratio));
    }
    return field_size;
}

// The caption under a grid, clipped to `clip` so a long one does not run into
// the next grid: the layer, its shape, and how much of it the unit sees.
void draw_caption(ImDrawList* dl, const Fonts& f, const pl::Model& m, int layer, const pl::Shape& shape, const std::string& field_size,
                  const ImVec4& clip, float ratio) {
    char label[128];
    static const char* kShort[] = {"conv", "max pool", "avg pool", "global max", "global avg", "flatten", "dense"};
    if (layer < 0) {
        std::snprintf(label, sizeof label, "input\n%s%s", pl::size_text(shape.h, shape.w, shape.c).c_str(), field_size.c_str());
    } else {
        std::snprintf(label, sizeof label, "%d %s\n%s%s", layer + 1, kShort[static_cast<int>(m.layers[static_cast<size_t>(layer)].kind)],
                      pl::size_text(shape.h, shape.w, shape.c).c_str(), field_size.c_str());
    }
    dl->AddText(f.small, f.small->FontSize, ImVec2(clip.x, clip.y + 3 * ratio), theme::kInk, label, nullptr, 0.0f, &clip);
}

// The unit under the mouse on one grid: remembered, so its field is previewed
// next frame; a click picks it.
void hover_grid(FieldScene& s, FieldView& v, const GridLayout& gl, int layer) {
    int hr, hc;
    if (!ImGui::IsWindowHovered() || !gl.cell_at(ImGui::GetIO().MousePos, &hr, &hc)) return;
    v.hover_layer = layer;
    v.hover_row = hr;
    v.hover_col = hc;
    if (layer >= 0) {
        ImGui::SetTooltip("Layer %d, unit at row %d, column %d\nClick to see what it sees", layer + 1, hr + 1, hc + 1);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) pl::field_pick_unit(s, layer, hr, hc);
    } else {
        ImGui::SetTooltip("Input pixel at row %d, column %d", hr + 1, hc + 1);
    }
}

// Every spatial output as a grid, the picked unit and its field on each layer below it.
void draw_picture(FieldScene& s, FieldView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const pl::Model& m = s.without_pool ? s.plain : s.shown;
    const pl::Summary& sum = s.without_pool ? s.plain_summary : s.shown_summary;
    v.boxes.clear();
    v.box_layer.clear();
    const std::vector<std::pair<int, pl::Shape>> grids = spatial_outputs(m, sum);
    const GridPlan plan = plan_grids(static_cast<int>(grids.size()), size, f, ratio);
    const FieldScene preview = previewed(s, v, sum);
    v.hover_layer = -2;
    for (size_t g = 0; g < grids.size(); ++g) {
        const int layer = grids[g].first;
        const pl::Shape& shape = grids[g].second;
        const float x = pos.x + static_cast<float>(static_cast<int>(g) % plan.per_row) * (plan.box + plan.gap);
        const float y = pos.y + static_cast<float>(static_cast<int>(g) / plan.per_row) * (plan.box + plan.label_h + plan.gap);
        const float cell = plan.box / static_cast<float>(std::max(shape.h, shape.w));
        GridLayout gl{ImVec2(x, y), cell, static_cast<int>(shape.h), static_cast<int>(shape.w)};
        v.boxes.push_back(gl);
        v.box_layer.push_back(layer);
        const ImVec2 end(x + cell * static_cast<float>(shape.w), y + cell * static_cast<float>(shape.h));
        draw_grid(dl, gl, shape, end, ratio);
        const std::string field_size = draw_field(dl, gl, shape, preview, layer, ratio);
        draw_caption(dl, f, m, layer, shape, field_size, ImVec4(x, end.y, x + plan.box + plan.gap * 0.8f, end.y + plan.label_h), ratio);
        hover_grid(s, v, gl, layer);
    }
}

}  // namespace

void field_view_shortcuts(FieldScene& s, FieldView& v, const std::vector<ShortcutKey>& keys) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (ShortcutKey k : keys) {
        const int dr = k == ShortcutKey::Up ? -1 : k == ShortcutKey::Down ? 1 : 0;
        const int dc = k == ShortcutKey::Left ? -1 : k == ShortcutKey::Right ? 1 : 0;
        if ((dr || dc) && s.unit_layer >= 0) pl::field_pick_unit(s, s.unit_layer, s.unit_row + dr, s.unit_col + dc);
    }
    for (ImWchar ch : io.InputQueueCharacters) {
        // Counted again for every key: several keys can arrive in one frame.
        const int n = static_cast<int>(s.model.layers.size());
        for (int p = 0; p < static_cast<int>(pl::model_presets().size()) && field_parts::kPresetKeys[p]; ++p) {
            if (ch == static_cast<ImWchar>(field_parts::kPresetKeys[p])) {
                pl::field_load_preset(s, pl::model_presets()[static_cast<size_t>(p)].name);
                v.editing = -1;
            }
        }
        switch (ch) {
            case 'c': case 'C': pl::field_insert_layer(s, n, pl::conv2d(8, 3)); break;
            case 'm': case 'M': pl::field_insert_layer(s, n, pl::max_pool(2)); break;
            case 'a': case 'A': pl::field_insert_layer(s, n, pl::avg_pool(2)); break;
            case 'f': case 'F': pl::field_insert_layer(s, n, pl::flatten()); break;
            case 'd': case 'D': pl::field_insert_layer(s, n, pl::dense(10)); break;
            case 'x': case 'X': pl::field_remove_layer(s, n - 1); break;
            case 'u': case 'U':
                pl::field_toggle_pooling(s);
                break;
            case '[': case ']': {
                const int count = static_cast<int>((s.without_pool ? s.plain_summary : s.shown_summary).layers.size());
                if (count > 0) pl::field_pick_unit(s, std::clamp(s.unit_layer + (ch == ']' ? 1 : -1), 0, count - 1), s.unit_row, s.unit_col);
                break;
            }
            default: break;
        }
    }
}

void field_view_draw(FieldScene& s, FieldView& v, const Fonts& f, float ratio, SceneLayout layout) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float panel_w = std::clamp(avail.x * 0.3f, 220.0f * ratio, 340.0f * ratio);
    if (!scene_parts::settings_panel("field controls", panel_w, avail.y, layout, [&] { field_parts::draw_panel(s, v, ratio); })) return;
    scene_parts::begin_stage("field stage", avail.y);
    const ImVec2 size = scene_parts::stage_avail();
    const float text_h = f.body->FontSize * 5.0f;
    draw_table(s, std::min(size.y * 0.42f, ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(s.shown.layers.size() + 3) + 8 * ratio), ratio);
    ImGui::Spacing();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 rest = scene_parts::stage_avail();
    const float pic_h = std::max(60.0f * ratio, rest.y - text_h);
    draw_picture(s, v, f, ratio, pos, ImVec2(rest.x, pic_h));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + pic_h + 4 * ratio));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(pl::field_explanation(s).c_str());
    ImGui::PopTextWrapPos();
    scene_parts::end_stage();
}

std::string field_view_json(const FieldView& v, float ratio) {
    pl::JsonWriter j;
    j.begin_object();
    j.key("boxes").begin_array();
    for (size_t i = 0; i < v.boxes.size(); ++i) {
        j.begin_object();
        j.key("layer").value(v.box_layer[i]);
        j.key("layout");
        write_layout_json(j, v.boxes[i], ratio);
        j.end_object();
    }
    j.end_array();
    j.key("hover").begin_array().value(v.hover_layer).value(v.hover_row).value(v.hover_col).end_array();
    j.key("json_error").value(v.json_error);
    j.key("json_text").value(v.json_text);
    for (auto [name, r] : {std::pair{"json_show", v.json_show_rect}, {"json_text_box", v.json_text_rect}, {"json_load", v.json_load_rect}, {"train", v.train_rect}}) {
        j.key(name).begin_array().value((r.x + r.z) * 0.5f / ratio).value((r.y + r.w) * 0.5f / ratio).end_array();  // the centre
    }
    j.end_object();
    return j.str();
}

namespace {
FieldView g_view;
}  // namespace

extern const SceneView fields_scene_view = {
    pl::Scene::Fields, "Receptive fields", "Fields", "Build a layer stack and see how far into the input each unit sees.",
    field_parts::kKeys,
    true,
    nullptr,
    [](std::any& m, const std::vector<ShortcutKey>& keys) { field_view_shortcuts(pl::model_as<FieldScene>(m), g_view, keys); },
    [](std::any& m, SceneFrame& f) {
        field_view_draw(pl::model_as<FieldScene>(m), g_view, f.fonts, f.ratio, f.layout);
        if (g_view.train_asked) {  // the trained-networks scene adds it as "Your stack" and shows it
            g_view.train_asked = false;
            f.open_link = "v=1&scene=train&model=" + pl::model_to_link(pl::model_as<FieldScene>(m).model);
        }
    },
    [](const std::any&, float ratio) { return field_view_json(g_view, ratio); },
    nullptr,
    nullptr,
};
