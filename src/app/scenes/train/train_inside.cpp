// The trained-networks scene's Inside tab: for the picture on show and a
// chosen network, the first layer's learned filters, every layer's maps, and
// where a class's gradient reaches through max pooling beside average
// pooling; any map's values under the mouse, and large on a click.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "app/scenes/train/train_parts.h"
#include "app/widgets/map_view.h"
#include "app/widgets/theme.h"
#include "core/csv.h"

using pl::TrainNet;
using pl::TrainScene;

namespace train_parts {

namespace {

// The first pooling layer of a network (max, average or blur), or -1.
int first_pooling_index(const TrainNet& n) {
    for (size_t i = 0; i < n.net.layers.size(); ++i) {
        const pl::LayerKind k = n.net.layers[i].layer.kind;
        if (pl::is_windowed_pool(k) || k == pl::LayerKind::BlurPool) return static_cast<int>(i);
    }
    return -1;
}

pl::LayerKind first_pooling(const TrainNet& n) {
    const int i = first_pooling_index(n);
    return i < 0 ? pl::LayerKind::Conv2D : n.net.layers[static_cast<size_t>(i)].layer.kind;
}

// The share of a map's cells whose value is not zero (a gradient that reaches them), as "26%".
std::string share_text(const pl::train::FeatureMap& m) {
    size_t reached = 0;
    for (float x : m.values) reached += x != 0.0f ? 1 : 0;
    char b[16];
    std::snprintf(b, sizeof b, "%.0f%%", m.values.empty() ? 0.0 : 100.0 * static_cast<double>(reached) / static_cast<double>(m.values.size()));
    return b;
}

// The Inside map clicked, large over the right of the stage, with its colour
// scale, the value under the mouse, and Close (or a click on it, or Esc).
void draw_big_map(TrainView& v, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kCanvas);
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(180, 180, 175, 255), 4 * ratio);
    const float pad = 10 * ratio;
    MapStyle st;
    st.lo = v.big_lo;
    st.hi = v.big_hi;
    st.colours = v.big_signed ? pl::Colormap::Diverging : pl::Colormap::Viridis;
    st.labels = true;
    const float side = std::min(size.x - 3 * pad - 40 * ratio, size.y - 2 * pad - map_title_height(f) * 3);
    st.max_cell = side / static_cast<float>(std::max(1, std::max(v.big_grid.rows, v.big_grid.cols)));
    const GridLayout gl = draw_map(dl, v.maps, f, ratio, v.big_grid, ImVec2(pos.x + pad, pos.y + pad), ImVec2(side, side + map_title_height(f)),
                                   v.big_title.c_str(), st);
    v.layouts.emplace_back("big", gl);
    draw_colour_bar(dl, ImVec2(gl.origin.x + gl.size().x + pad, gl.origin.y), ImVec2(10 * ratio, gl.size().y), v.big_lo, v.big_hi, f.small, st.colours);
    int r = 0, q = 0;
    std::string under = "Rest the mouse on a cell for its value.";
    if (ImGui::IsWindowHovered() && gl.cell_at(ImGui::GetMousePos(), &r, &q)) {
        const ImVec2 a = gl.at(static_cast<float>(r), static_cast<float>(q));
        dl->AddRect(a, ImVec2(a.x + gl.cell, a.y + gl.cell), theme::kHover, 0, 0, 2 * ratio);
        under = "row " + std::to_string(r + 1) + ", column " + std::to_string(q + 1) + ": " + pl::format_value(v.big_grid.at(r, q));
    }
    dl->AddText(f.body, f.body->FontSize, ImVec2(gl.origin.x, gl.origin.y + gl.size().y + 4 * ratio), theme::kInk, under.c_str());
    ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x - ImGui::CalcTextSize("Close").x - 2 * pad, pos.y + pad * 0.5f));
    const bool fresh = v.big_fresh;
    v.big_fresh = false;
    if (ImGui::SmallButton("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
        (!fresh && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && gl.cell_at(ImGui::GetMousePos(), &r, &q))) {
        v.big = false;
    }
    note_widget(v, "big close");
}


}  // namespace

void draw_inside(TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size, bool controls) {
    if (s.inside_net < 0 || s.inside_net >= static_cast<int>(s.nets.size())) s.inside_net = 0;
    const TrainNet& n = s.nets[static_cast<size_t>(s.inside_net)];
    const int classes = n.net.classes;
    const std::vector<float> pic = pl::train_current_picture(s, true);
    const std::vector<float> probs = pl::train::class_probabilities(n.net, pic.data());
    const int predicted = static_cast<int>(std::max_element(probs.begin(), probs.end()) - probs.begin());
    const int cls = s.inside_class >= 0 && s.inside_class < classes ? s.inside_class : predicted;
    if (controls) {
        ImGui::SetNextItemWidth(std::min(240 * ratio, size.x * 0.4f));
        if (ImGui::BeginCombo("network", n.title.c_str())) {
            for (size_t i = 0; i < s.nets.size(); ++i) {
                if (ImGui::Selectable(s.nets[i].title.c_str(), static_cast<int>(i) == s.inside_net)) s.inside_net = static_cast<int>(i);
            }
            ImGui::EndCombo();
        }
        const bool one_line = size.x >= 560 * ratio;
        if (one_line) ImGui::SameLine();
        ImGui::SetNextItemWidth(one_line ? std::min(160 * ratio, size.x * 0.25f) : std::min(220 * ratio, size.x * 0.6f));
        const std::string cls_name = s.split->test.class_names[static_cast<size_t>(cls)] + (s.inside_class < 0 ? " (its answer)" : "");
        if (ImGui::BeginCombo("gradient of", cls_name.c_str())) {
            if (ImGui::Selectable("its answer", s.inside_class < 0)) s.inside_class = -1;
            for (int c = 0; c < classes; ++c) {
                if (ImGui::Selectable(s.split->test.class_names[static_cast<size_t>(c)].c_str(), c == s.inside_class)) s.inside_class = c;
            }
            ImGui::EndCombo();
        }
    }
    char key[64];
    std::snprintf(key, sizeof key, "%d/%d/%d/%d/%d/%d/%zu", s.inside_net, cls, s.digit, s.dx, s.dy, s.drawn ? 1 : 0, n.net.params.size());
    // Beside it, the network with the other kind of pooling (max against average), for the same picture and class.
    const pl::LayerKind first_pool = first_pooling(n);
    v.partner = pl::train_find(s, first_pool == pl::LayerKind::MaxPool ? "avg" : "max");
    if (v.partner == s.inside_net || (v.partner >= 0 && s.nets[static_cast<size_t>(v.partner)].net.classes != classes)) v.partner = -1;
    if (v.inside_key != key || s.drawn) {
        v.inside_key = key;
        v.features = pl::train::feature_maps(n.net, pic.data());
        v.gradients = pl::train::class_gradients(n.net, pic.data(), cls);
        v.partner_gradients.clear();
        if (v.partner >= 0) v.partner_gradients = pl::train::class_gradients(s.nets[static_cast<size_t>(v.partner)].net, pic.data(), cls);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    char text[600];
    std::snprintf(text, sizeof text,
                  "%s says %s (%.0f%%). Each row: a layer's output for this picture, up to 8 channels. The last rows: where the gradient of "
                  "\"%s\" reaches the input of the first pooling layer, in this network and in the one with the other pooling: through max "
                  "pooling only each window's winner gets a share, at most 1 cell in 4; through average pooling all the cells of a window "
                  "share it (red up, blue down).",
                  n.title.c_str(), s.split->test.class_names[static_cast<size_t>(predicted)].c_str(), 100 * probs[static_cast<size_t>(predicted)],
                  s.split->test.class_names[static_cast<size_t>(cls)].c_str());
    wrapped(text, true);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // Spatial maps only (vectors are too long to draw as grids).
    std::vector<const pl::train::FeatureMap*> rows;
    for (const pl::train::FeatureMap& m : v.features) {
        if (m.dims.h > 1 && m.dims.w > 1) rows.push_back(&m);
    }
    // The gradient at the input of each network's first pooling layer (where the picture's detail is), and how it pools.
    struct GradRow {
        const pl::train::FeatureMap* map;
        std::string prefix;
    };
    std::vector<GradRow> grads;
    auto add_grad = [&](const TrainNet& net, const std::vector<pl::train::FeatureMap>& g) {
        const int at = first_pooling_index(net);
        if (at < 0 || static_cast<size_t>(at) >= g.size()) return;
        const pl::LayerKind k = net.net.layers[static_cast<size_t>(at)].layer.kind;
        const char* how = k == pl::LayerKind::MaxPool ? "max" : k == pl::LayerKind::AvgPool ? "average" : "blur";
        grads.push_back({&g[static_cast<size_t>(at)], std::string("through ") + how + " pooling (" + net.title + "): " +
                                                          share_text(g[static_cast<size_t>(at)]) + " of cells get any; "});
    };
    add_grad(n, v.gradients);
    if (v.partner >= 0) add_grad(s.nets[static_cast<size_t>(v.partner)], v.partner_gradients);
    // The first conv layer's learned filters, as maps of their own (HWIO, one input channel).
    pl::train::FeatureMap filters;
    if (!n.net.layers.empty() && n.net.layers[0].layer.kind == pl::LayerKind::Conv2D && n.net.layers[0].spec.in.c == 1) {
        const pl::Layer& l = n.net.layers[0].layer;
        filters.title = "layer 1's learned filters";
        filters.dims = {l.kernel_h, l.kernel_w, l.units};
        const float* w = n.net.params.data() + n.net.layers[0].weights;
        filters.values.assign(w, w + filters.dims.size());
    }
    const int row_count = static_cast<int>(rows.size()) + static_cast<int>(grads.size()) + (filters.values.empty() ? 0 : 1);
    const float avail_h = size.y - (top.y - ImGui::GetWindowPos().y) + ImGui::GetScrollY() - 4 * ratio;
    const float row_h = std::max(36 * ratio, avail_h / static_cast<float>(std::max(1, row_count)));
    const float cell_box = std::max(16 * ratio, std::min(row_h - map_title_height(f) - 4 * ratio, (size.x - 8 * ratio) / 8.0f - 6 * ratio));
    float y = top.y;
    auto draw_channels = [&](const pl::train::FeatureMap& m, const char* prefix, bool signed_scale) {
        const int ch = std::min(8, m.dims.c);
        float lo = 0, hi = 0;
        for (float x : m.values) lo = std::min(lo, x), hi = std::max(hi, x);
        if (signed_scale) hi = std::max(std::fabs(lo), std::fabs(hi)), lo = -hi;
        if (hi <= lo) hi = lo + 1;
        for (int c = 0; c < ch; ++c) {
            pl::Grid g(m.dims.h, m.dims.w);
            for (int r = 0; r < m.dims.h; ++r) {
                for (int q = 0; q < m.dims.w; ++q) g.at(r, q) = m.values[(static_cast<size_t>(r) * m.dims.w + q) * m.dims.c + c];
            }
            MapStyle st;
            st.lo = lo;
            st.hi = hi;
            st.labels = false;
            st.colours = signed_scale ? pl::Colormap::Diverging : pl::Colormap::Viridis;
            st.max_cell = cell_box / static_cast<float>(std::max(m.dims.h, m.dims.w));
            char title[160];
            if (c == 0) std::snprintf(title, sizeof title, "%s%s %s", prefix, m.title.c_str(), pl::size_text(m.dims.h, m.dims.w, m.dims.c).c_str());
            else title[0] = 0;
            const float x = pos.x + static_cast<float>(c) * (cell_box + 6 * ratio);
            if (c == 0) {
                dl->AddText(f.small, f.small->FontSize, ImVec2(x, y), theme::kInk, title);
            }
            const GridLayout gl = draw_map(dl, v.maps, f, ratio, g, ImVec2(x, y + map_title_height(f) * 0.0f), ImVec2(cell_box, cell_box + map_title_height(f)), "", st);
            if (c == 0) v.layouts.emplace_back(std::string(prefix) + m.title, gl);
            // Hover: the value under the mouse; a click shows the map large.
            int r = 0, q = 0;
            if (!v.big && ImGui::IsWindowHovered() && gl.cell_at(ImGui::GetMousePos(), &r, &q)) {
                const ImVec2 a = gl.at(static_cast<float>(r), static_cast<float>(q));
                dl->AddRect(a, ImVec2(a.x + gl.cell, a.y + gl.cell), theme::kHover, 0, 0, 2 * ratio);
                ImGui::SetTooltip("%s%s, channel %d of %d\nrow %d, column %d: %s\nClick to see it large.", prefix, m.title.c_str(), c + 1, m.dims.c,
                                  r + 1, q + 1, pl::format_value(g.at(r, q)).c_str());
                if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                    v.big = true;
                    v.big_fresh = true;  // the click that opened it does not close it
                    v.big_grid = g;
                    v.big_lo = lo, v.big_hi = hi, v.big_signed = signed_scale;
                    char big_title[200];
                    std::snprintf(big_title, sizeof big_title, "%s%s, channel %d of %d", prefix, m.title.c_str(), c + 1, m.dims.c);
                    v.big_title = big_title;
                }
            }
        }
        y += row_h;
    };
    if (!filters.values.empty()) draw_channels(filters, "", true);
    for (const pl::train::FeatureMap* m : rows) draw_channels(*m, "", false);
    for (const GradRow& g : grads) draw_channels(*g.map, g.prefix.c_str(), true);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, y));
    ImGui::Dummy(ImVec2(1, 1));
    if (v.big) draw_big_map(v, f, ratio, ImVec2(pos.x + size.x * 0.42f, top.y), ImVec2(size.x * 0.58f, std::max(120 * ratio, avail_h)));
}


}  // namespace train_parts
