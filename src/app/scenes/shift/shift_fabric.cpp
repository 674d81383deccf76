// The shift lab's global pooling tab: fabric maps where global max finds a
// single rip and global average tells crumpled cloth from one crease, as
// made; each cell is editable, and the titles and words follow the edits.
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>

#include "app/widgets/map_view.h"
#include "app/scenes/shift/shift_parts.h"
#include "app/widgets/wrap.h"
#include "core/csv.h"

using pl::Downsample;
using pl::Grid;
using pl::ShiftScene;
using shift_parts::kGap;
using shift_parts::op_colour;
using shift_parts::text_at;

namespace {


// A fabric cell under the mouse says its value; a click opens the cell editor on it.
void hover_fabric_cell(ShiftView& v, const GridLayout& layout, const Grid& g, int map) {
    int r, c;
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || !ImGui::IsWindowHovered() || !layout.cell_at(ImGui::GetIO().MousePos, &r, &c)) return;
    ImGui::SetTooltip("Row %d, column %d = %s\nClick to edit", r + 1, c + 1, pl::format_value(g.at(r, c)).c_str());
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        v.fabric_edit_request = true;
        v.request_map = map;
        v.request_row = r;
        v.request_col = c;
    }
}

// One fabric map, with its global max and global average under it.
void draw_fabric_map(ImDrawList* dl, const ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, int i, ImVec2 at, float box) {
    const Grid& g = s.fabric[static_cast<size_t>(i)];
    const float x = at.x;
    pl::DownsampleParams p;
    float lo, hi;
    pl::value_range(g, &lo, &hi);
    GridLayout layout = draw_map(dl, v.maps, f, ratio, g, at, ImVec2(box, box + map_title_height(f)), pl::fabric_title(i, g).c_str(),
                                 MapStyle{std::min(lo, 0.0f), std::max(hi, 1.0f), pl::Colormap::Viridis, 60.0f * ratio, true});
    const float gmax = pl::downsample(g, Downsample::GlobalMax, p).value.at(0, 0);
    const float gavg = pl::downsample(g, Downsample::GlobalAvg, p).value.at(0, 0);
    char max_line[96], avg_line[96];
    std::snprintf(max_line, sizeof max_line, "global max      %.2f", static_cast<double>(gmax));
    std::snprintf(avg_line, sizeof avg_line, "global average  %.2f", static_cast<double>(gavg));
    // The largest font in which both lines fit under the map.
    ImFont* font = f.small;
    for (ImFont* candidate : {f.large, f.body}) {
        if (candidate->CalcTextSizeA(candidate->FontSize, FLT_MAX, 0, avg_line).x <= box) {
            font = candidate;
            break;
        }
    }
    float y = layout.origin.y + layout.size().y + 8 * ratio;
    text_at(dl, font, ImVec2(x, y), op_colour(5), max_line, x + box);
    y += font->FontSize * 1.3f;
    text_at(dl, font, ImVec2(x, y), op_colour(6), avg_line, x + box);
    v.fabric_layouts[i] = layout;
    hover_fabric_cell(v, layout, g, i);
}

// Sets the typed value; "" or why not.
void commit_fabric(ShiftScene& s, ShiftView& v) {
    v.fabric_error = pl::shift_edit_fabric(s, v.fabric_map, v.fabric_row, v.fabric_col, v.fabric_text);
}

// The popup that edits the clicked fabric cell. Enter, Set, Tab or a click
// elsewhere sets the typed value; a bad one keeps the popup open with the
// reason, or (once it closed) is named under the maps. Esc cancels.
void fabric_cell_editor(ShiftScene& s, ShiftView& v) {
    // Closed by a click elsewhere (another cell too): what was typed is set, a bad value named.
    auto keep_typed = [&] {
        commit_fabric(s, v);
        if (!v.fabric_error.empty()) {
            v.fabric_error = "Row " + std::to_string(v.fabric_row + 1) + ", column " + std::to_string(v.fabric_col + 1) + " of \"" +
                             pl::fabric_title(v.fabric_map, s.fabric[static_cast<size_t>(v.fabric_map)]) + "\" was not changed: " + v.fabric_error;
        }
    };
    if (v.fabric_edit_request) {
        if (v.fabric_edit_open) keep_typed();
        v.fabric_map = v.request_map;
        v.fabric_row = v.request_row;
        v.fabric_col = v.request_col;
        v.fabric_error.clear();
        const Grid& g = s.fabric[static_cast<size_t>(v.fabric_map)];
        std::snprintf(v.fabric_text, sizeof v.fabric_text, "%s", pl::format_value(g.at(v.fabric_row, v.fabric_col)).c_str());
        ImGui::OpenPopup("Edit fabric cell");
        v.fabric_edit_request = false;
        v.fabric_edit_focus = true;
        v.fabric_edit_open = false;
    }
    const bool was_open = v.fabric_edit_open;
    v.fabric_edit_open = ImGui::BeginPopup("Edit fabric cell");
    v.fabric_edit_active = false;
    if (!v.fabric_edit_open) {
        if (was_open) keep_typed();
        return;
    }
    ImGui::Text("%s: row %d, column %d", pl::fabric_title(v.fabric_map, s.fabric[static_cast<size_t>(v.fabric_map)]).c_str(), v.fabric_row + 1, v.fabric_col + 1);
    if (v.fabric_edit_focus) {
        ImGui::SetKeyboardFocusHere();
        v.fabric_edit_focus = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    const bool enter = ImGui::InputText("##fabric", v.fabric_text, sizeof v.fabric_text,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    v.fabric_edit_active = ImGui::IsItemActive();
    const bool left_field = ImGui::IsItemDeactivatedAfterEdit() && !enter;  // Tab or a click in the popup
    ImGui::SameLine();
    if (ImGui::Button("Set") || enter || left_field) {
        commit_fabric(s, v);
        if (v.fabric_error.empty()) {
            ImGui::CloseCurrentPopup();
            v.fabric_edit_open = false;
        } else {
            v.fabric_edit_focus = true;
        }
    }
    if (!v.fabric_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
        ImGui::TextUnformatted(v.fabric_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("Enter (or a click elsewhere) sets it, Esc cancels");
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        v.fabric_error.clear();
        ImGui::CloseCurrentPopup();
        v.fabric_edit_open = false;
    }
    ImGui::EndPopup();
}

}  // namespace

namespace shift_parts {

void draw_fabric_tab(ShiftScene& s, ShiftView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float gap = kGap * ratio;
    // Four in a row, or two rows of two when a row of four leaves the maps too
    // narrow for their titles (the stage then scrolls).
    const float four = (size.x - 3 * gap) / 4.0f;
    bool titles_fit = true;
    for (int i = 0; i < 4; ++i) titles_fit = titles_fit && map_title_fits(f, pl::fabric_title(i, s.fabric[static_cast<size_t>(i)]).c_str(), four);
    const int per_row = titles_fit ? 4 : 2;
    const float box = per_row == 4 ? std::max(40.0f, std::min(four, size.y * 0.55f)) : std::max(40.0f, std::min((size.x - gap) / 2.0f, size.y * 0.8f));
    const float row_h = box + map_title_height(f) + f.large->FontSize * 3.2f;
    for (int i = 0; i < 4; ++i) {
        const int row = i / per_row, col = i % per_row;
        draw_fabric_map(dl, s, v, f, ratio, i, ImVec2(pos.x + static_cast<float>(col) * (box + gap), pos.y + static_cast<float>(row) * row_h), box);
    }
    const float y = pos.y + row_h * static_cast<float>(4 / per_row);
    const float below = draw_wrapped_text(dl, f.body, ImVec2(pos.x, y), theme::kInk, pl::explain_fabric(s.fabric), size.x);
    fabric_cell_editor(s, v);
    if (!v.fabric_edit_open && !v.fabric_error.empty()) {
        text_at(dl, f.body, ImVec2(pos.x, y + below + f.body->FontSize * 0.6f), theme::kError, v.fabric_error, pos.x + size.x);
    }
}

}  // namespace shift_parts
