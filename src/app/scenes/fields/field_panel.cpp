// The receptive-field scene's settings panel: presets, the input, the layer
// stack and its editor, what removing the pooling changes, and the model as JSON.
#include <algorithm>
#include <cstdio>
#include <string>

#include "app/scenes/fields/field_parts.h"
#include "app/scenes/scene_parts.h"
#include "core/csv.h"

using pl::FieldScene;
using pl::Layer;
using pl::LayerKind;

namespace field_parts {

std::string layer_line(const Layer& l) {
    char buf[96];
    auto pair = [](int h, int w) {
        return h == w ? std::to_string(h) + "\u00d7" + std::to_string(h) : std::to_string(h) + "\u00d7" + std::to_string(w);
    };
    switch (l.kind) {
        case LayerKind::Conv2D:
            std::snprintf(buf, sizeof buf, "Conv %d, %s%s%s", l.units, pair(l.kernel_h, l.kernel_w).c_str(),
                          l.stride_h > 1 ? (", stride " + std::to_string(l.stride_h)).c_str() : "", l.padding == pl::Padding::Same ? ", same" : "");
            break;
        case LayerKind::MaxPool:
        case LayerKind::AvgPool:
            std::snprintf(buf, sizeof buf, "%s pool %s, stride %d%s", l.kind == LayerKind::MaxPool ? "Max" : "Avg",
                          pair(l.kernel_h, l.kernel_w).c_str(), l.stride_h, l.padding == pl::Padding::Same ? ", same" : "");
            break;
        case LayerKind::BlurPool:
            std::snprintf(buf, sizeof buf, "Blur pool (max %s, blur), stride %d%s", pair(l.kernel_h, l.kernel_w).c_str(), l.stride_h,
                          l.padding == pl::Padding::Same ? ", same" : "");
            break;
        case LayerKind::GlobalMaxPool: return "Global max pool";
        case LayerKind::GlobalAvgPool: return "Global average pool";
        case LayerKind::Flatten: return "Flatten";
        case LayerKind::Dense: std::snprintf(buf, sizeof buf, "Dense %d", l.units); break;
    }
    return buf;
}

namespace {

// The settings of one layer; returns true (and *l changed) on an edit.
bool layer_editor(Layer* l, float ratio) {
    bool changed = false;
    static const LayerKind kinds[] = {LayerKind::Conv2D, LayerKind::MaxPool, LayerKind::AvgPool, LayerKind::BlurPool, LayerKind::GlobalMaxPool,
                                      LayerKind::GlobalAvgPool, LayerKind::Flatten, LayerKind::Dense};
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x - 90 * ratio);
    if (ImGui::BeginCombo("Type", pl::layer_kind_title(l->kind))) {
        for (LayerKind k : kinds) {
            if (ImGui::Selectable(pl::layer_kind_title(k), k == l->kind)) {
                l->kind = k;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    const bool conv = l->kind == LayerKind::Conv2D, pool = pl::is_windowed_pool(l->kind);
    if (conv) changed |= ImGui::InputInt("Filters", &l->units);
    if (l->kind == LayerKind::Dense) changed |= ImGui::InputInt("Units", &l->units);
    if (conv || pool) {
        int k = l->kernel_h, s = l->stride_h, pad = static_cast<int>(l->padding);
        if (ImGui::SliderInt(conv ? "Kernel" : "Window", &k, 1, 11)) {
            l->kernel_h = l->kernel_w = k;
            changed = true;
        }
        if (ImGui::SliderInt("Stride", &s, 1, 8)) {
            l->stride_h = l->stride_w = s;
            changed = true;
        }
        if (conv) {
            int d = l->dilation_h;
            if (ImGui::SliderInt("Dilation", &d, 1, 8)) {
                l->dilation_h = l->dilation_w = d;
                changed = true;
            }
        }
        changed |= ImGui::RadioButton("valid", &pad, 0);
        ImGui::SameLine();
        changed |= ImGui::RadioButton("same", &pad, 1);
        l->padding = static_cast<pl::Padding>(pad);
    }
    ImGui::PopItemWidth();
    l->units = std::clamp(l->units, 1, 100000);
    return changed;
}

// A multi-line text field over a std::string that grows as the student types.
void edit_text(const char* label, std::string* text, ImVec2 size) {
    auto grow = [](ImGuiInputTextCallbackData* d) {
        if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
            auto* str = static_cast<std::string*>(d->UserData);
            str->resize(static_cast<size_t>(d->BufTextLen));
            d->Buf = str->data();
        }
        return 0;
    };
    ImGui::InputTextMultiline(label, text->data(), text->capacity() + 1, size, ImGuiInputTextFlags_CallbackResize, grow, text);
}

// The presets, by title; each says its key when hovered.
void draw_presets(FieldScene& s, FieldView& v) {
    theme::section("PRESETS");
    int i = 0;
    for (const pl::ModelPreset& p : pl::model_presets()) {
        if (ImGui::Selectable(p.title, s.preset == p.name)) {
            pl::field_load_preset(s, p.name);
            v.editing = -1;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Key %c", kPresetKeys[i]);
        ++i;
    }
}

// The input's height, width and channels, kept to sizes the summary can work with.
void draw_input(FieldScene& s, float w, float ratio) {
    theme::section("INPUT");
    int in[3] = {static_cast<int>(s.model.input.h), static_cast<int>(s.model.input.w), static_cast<int>(s.model.input.c)};
    ImGui::SetNextItemWidth(w - 70 * ratio);
    if (ImGui::InputInt3("H W C", in)) {
        pl::field_set_input(s, std::clamp(in[0], 1, 1024), std::clamp(in[1], 1, 1024), std::clamp(in[2], 1, 4096));
    }
}

// One layer's row: its line (red when the stack fails there; a click opens its
// settings) and its move, duplicate and remove buttons. Returns false when the
// layer was removed, as the rows after it have then moved up.
bool draw_layer_row(FieldScene& s, FieldView& v, int l, float w) {
    const bool failing = l == s.summary.failed;
    if (failing) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
    char label[128];
    std::snprintf(label, sizeof label, "%d  %s", l + 1, layer_line(s.model.layers[static_cast<size_t>(l)]).c_str());
    const float buttons = 4 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::Selectable(label, v.editing == l, 0, ImVec2(w - buttons, 0))) v.editing = v.editing == l ? -1 : l;
    if (failing) ImGui::PopStyleColor();
    const float b = ImGui::GetFrameHeight();
    ImGui::SameLine();
    if (ImGui::Button("\u2191", ImVec2(b, 0))) pl::field_move_layer(s, l, -1);
    ImGui::SameLine();
    if (ImGui::Button("\u2193", ImVec2(b, 0))) pl::field_move_layer(s, l, 1);
    ImGui::SameLine();
    if (ImGui::Button("+", ImVec2(b, 0))) pl::field_duplicate_layer(s, l);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Duplicate");
    ImGui::SameLine();
    if (ImGui::Button("\u00d7", ImVec2(b, 0))) {
        pl::field_remove_layer(s, l);
        v.editing = -1;
        return false;
    }
    return true;
}

// The layer stack, the open layer's settings under its row, and why the stack fails, if it does.
void draw_layer_list(FieldScene& s, FieldView& v, float w, float ratio) {
    theme::section("LAYERS");
    for (int l = 0; l < static_cast<int>(s.model.layers.size()); ++l) {
        ImGui::PushID(l);
        const bool kept = draw_layer_row(s, v, l, w);
        if (kept && v.editing == l) {
            Layer edited = s.model.layers[static_cast<size_t>(l)];
            ImGui::Indent();
            if (layer_editor(&edited, ratio)) pl::field_set_layer(s, l, edited);
            ImGui::Unindent();
        }
        ImGui::PopID();
        if (!kept) break;
    }
    if (!s.summary.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
        ImGui::TextUnformatted(s.summary.error.c_str());
        ImGui::PopStyleColor();
        ImGui::TextDisabled("The picture shows the last stack that worked.");
        ImGui::PopTextWrapPos();
    }
}

// Buttons that append the common layers, two to a row; most also have a key.
void draw_add_layer(FieldScene& s, float w, float ratio) {
    theme::section("ADD A LAYER");
    const int n = static_cast<int>(s.model.layers.size());
    const float half = w * 0.5f - 4 * ratio;
    if (ImGui::Button("Conv 3\u00d73", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::conv2d(8, 3));
    ImGui::SameLine();
    if (ImGui::Button("Max pool 2\u00d72", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::max_pool(2));
    if (ImGui::Button("Avg pool 2\u00d72", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::avg_pool(2));
    ImGui::SameLine();
    if (ImGui::Button("Global avg pool", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::global_avg_pool());
    if (ImGui::Button("Flatten", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::flatten());
    ImGui::SameLine();
    if (ImGui::Button("Dense 10", ImVec2(half, 0))) pl::field_insert_layer(s, n, pl::dense(10));
}

// The last widget's rectangle as (x0, y0, x1, y1), so the tests can find it.
ImVec4 item_rect() {
    return ImVec4(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
}

// A stack that reads 28×28×1 pictures can be trained on the digits in the trained-networks scene.
void draw_train_button(const FieldScene& s, FieldView& v, float w) {
    v.train_rect = ImVec4();
    const pl::Shape& in = s.model.input;
    if (in.h != 28 || in.w != 28 || in.c != 1 || !s.summary.error.empty()) return;
    if (ImGui::Button("Train this stack on digits", ImVec2(w, 0))) v.train_asked = true;
    v.train_rect = item_rect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sends the stack to the trained-networks scene as \"Your stack\", next to the presets.");
}

// The field of the last layer that still has one ("1×1" when none has).
std::string last_field(const pl::Summary& sum) {
    for (auto it = sum.layers.rbegin(); it != sum.layers.rend(); ++it) {
        if (!it->whole_input) return std::to_string(it->rf_h.size) + "\u00d7" + std::to_string(it->rf_w.size);
    }
    return std::string("1\u00d71");
}

// A row of the comparison table: what, with pooling, without.
void comparison_row(const char* what, const std::string& with, const std::string& without) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(with.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(without.c_str());
}

// The stack with and without its pooling layers side by side: pooling widens
// the field and cuts the cost, which is the point of the scene.
void draw_pooling_comparison(FieldScene& s) {
    theme::section("WHAT POOLING BUYS");
    bool without = s.without_pool;
    if (ImGui::Checkbox("Remove the pooling layers", &without)) pl::field_toggle_pooling(s);
    const pl::Summary& a = s.shown_summary;
    const pl::Summary& b = s.plain_summary;
    if (ImGui::BeginTable("compare", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("with");
        ImGui::TableNextColumn();
        ImGui::TextDisabled("without");
        comparison_row("Last field", last_field(a), last_field(b));
        comparison_row("Activations", pl::group_thousands(a.total_activations), pl::group_thousands(b.total_activations));
        comparison_row("Mult-adds", pl::group_thousands(a.total_macs), pl::group_thousands(b.total_macs));
        comparison_row("Params", pl::group_thousands(a.total_params), b.error.empty() ? pl::group_thousands(b.total_params) : "fails");
        ImGui::EndTable();
    }
}

// Loads the model typed as JSON; a parse error stays in the view, to be shown under the field.
void load_model_json(FieldScene& s, FieldView& v) {
    pl::Result<pl::Model> m = pl::parse_model(v.json_text.c_str());
    v.json_error = m.error;
    if (m.ok()) {
        s.model = m.value;
        s.preset = "custom";
        s.shown = pl::Model{};
        pl::field_refresh(s);
    }
}

// The model as JSON, to copy out or to paste a stack in (the format of `poollab summary`).
void draw_model_json(FieldScene& s, FieldView& v, float w, float ratio) {
    theme::section("MODEL AS JSON");
    if (ImGui::Button("Show the current model", ImVec2(w, 0))) {
        v.json_text = pl::model_to_json(s.model);
        v.json_error.clear();
    }
    v.json_show_rect = item_rect();
    edit_text("##model json", &v.json_text, ImVec2(w, 90 * ratio));
    v.json_text_rect = item_rect();
    const bool load = ImGui::Button("Load this JSON", ImVec2(w, 0));
    v.json_load_rect = item_rect();
    if (load) load_model_json(s, v);
    if (!v.json_error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kError));
        ImGui::TextUnformatted(v.json_error.c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
    }
    ImGui::TextDisabled("The format poollab summary reads (README).");
}

}  // namespace

void draw_panel(FieldScene& s, FieldView& v, float ratio) {
    // Measured once, before the layer editor indents: every section is as wide as the panel.
    const float w = ImGui::GetContentRegionAvail().x;
    draw_presets(s, v);
    draw_input(s, w, ratio);
    draw_layer_list(s, v, w, ratio);
    draw_add_layer(s, w, ratio);
    draw_train_button(s, v, w);
    draw_pooling_comparison(s);
    draw_model_json(s, v, w, ratio);
    scene_parts::keys_section(kKeys);
}

}  // namespace field_parts
