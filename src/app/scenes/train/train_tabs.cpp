// The trained-networks scene's tabs: the results table with its answers in
// words and the training curves; accuracy under every shift; a digit to move
// (or draw) with every network's probabilities. (Inside: train_inside.cpp.)
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/scenes/train/train_parts.h"
#include "app/widgets/map_view.h"
#include "app/widgets/term.h"
#include "app/widgets/theme.h"
#include "app/widgets/wrap.h"
#include "core/csv.h"

using pl::TrainNet;
using pl::TrainScene;

namespace train_parts {

namespace {

std::string pct(double f) {
    if (f < 0) return "\u2013";  // not measured yet
    char b[16];
    std::snprintf(b, sizeof b, "%.1f%%", 100 * f);
    return b;
}

std::vector<int> shown_nets(const TrainScene& s) {
    std::vector<int> out;
    for (size_t i = 0; i < s.nets.size(); ++i) {
        if (s.nets[i].shown) out.push_back(static_cast<int>(i));
    }
    return out;
}

pl::Grid picture_grid(const std::vector<float>& pic, int side) {
    pl::Grid g(side, side);
    g.values = pic;
    g.values.resize(static_cast<size_t>(side) * side, 0.0f);
    return g;
}

// Net i's answer at every dx from -R to R (at the current dy) as a strip of
// cells: its colour where it gives the answer it gives now, grey with the
// class written where it changes its mind; the current dx ringed. Returns the height.
float draw_answer_strip(ImDrawList* dl, const Fonts& f, float ratio, ImVec2 at, float width, const TrainScene& s, int i, int best) {
    const TrainNet& n = s.nets[static_cast<size_t>(i)];
    const int R = pl::kTrainSweepRadius, cells = 2 * R + 1;
    if (n.along.size() != static_cast<size_t>(cells)) return 0;
    char label[48];
    std::snprintf(label, sizeof label, "dx \u2212%d\u2026+%d:", R, R);
    const float lw = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, label).x + 6 * ratio;
    const float h = f.small->FontSize * 1.15f;
    const float cell = std::min(h * 1.6f, (width - lw) / static_cast<float>(cells));
    if (cell < 6 * ratio) return 0;
    dl->AddText(f.small, f.small->FontSize, at, theme::kMuted, label);
    for (int k = 0; k < cells; ++k) {
        const int cls = n.along[static_cast<size_t>(k)];
        const ImVec2 a(at.x + lw + cell * static_cast<float>(k), at.y), b(a.x + cell - 1 * ratio, a.y + h);
        const bool same = cls == best;
        dl->AddRectFilled(a, b, same ? net_colour(i) : IM_COL32(205, 205, 200, 255));
        if (!same && cls >= 0 && cell >= f.small->FontSize * 0.8f) {
            const std::string& name = s.split->test.class_names[static_cast<size_t>(cls)];
            const std::string text = s.split->test.classes == 10 ? std::to_string(cls) : name.substr(name.find(' ') + 1, 1);
            const ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, text.c_str());
            dl->AddText(f.small, f.small->FontSize, ImVec2((a.x + b.x - ts.x) * 0.5f, a.y + (h - ts.y) * 0.5f), theme::kInk, text.c_str());
        }
        if (k - R == s.dx) dl->AddRect(ImVec2(a.x - 1 * ratio, a.y - 1 * ratio), ImVec2(b.x + 1 * ratio, b.y + 1 * ratio), theme::kInk, 0, 0, 2 * ratio);
    }
    return h;
}

}  // namespace

void draw_results(TrainScene& s, TrainView&, const Fonts& f, float ratio, ImVec2 size) {
    const std::vector<int> nets = shown_nets(s);
    if (nets.empty()) {
        ImGui::TextUnformatted("No network is chosen: tick one or more in the panel.");
        return;
    }
    const bool wide = size.x >= 820 * ratio;
    const bool narrow = size.x < 560 * ratio;  // an embed: the words carry the shifted accuracy
    // As tall as its rows (the stage scrolls if they do not fit): the curves get the rest.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    const float table_top = ImGui::GetCursorScreenPos().y;
    if (ImGui::BeginTable("results", wide ? 8 : narrow ? 3 : 4, flags)) {
        ImGui::TableSetupColumn("Network");
        if (wide) {
            ImGui::TableSetupColumn("Params");
            ImGui::TableSetupColumn("Mult-adds");
            ImGui::TableSetupColumn("Trained");
        }
        ImGui::TableSetupColumn("Accuracy");
        if (!narrow) ImGui::TableSetupColumn("Shifted 2 px");
        if (wide) ImGui::TableSetupColumn("Consistent \u00b13 px");
        ImGui::TableSetupColumn(wide ? "What it says" : "In words", ImGuiTableColumnFlags_WidthStretch);
        term::headers_row({{"Params", "parameters"}, {"Mult-adds", "multiply-adds"}, {"Accuracy", "held-out-accuracy"},
                           {"Consistent \u00b13 px", "consistency"}});
        for (int i : nets) {
            const TrainNet& n = s.nets[static_cast<size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            colour_key(i);
            ImGui::TextUnformatted(n.title.c_str());
            if (!wide) ImGui::TextDisabled("%s params", pl::count_text(n.params).c_str());
            if (wide) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(pl::group_thousands(n.params).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(pl::group_thousands(n.macs).c_str());
                ImGui::TableNextColumn();
                if (n.status == pl::NetStatus::Training && n.trainer) ImGui::Text("%.0f%%", 100 * pl::train::progress(*n.trainer));
                else if (n.train_seconds > 0) ImGui::Text("%.1f s", n.train_seconds);
                else ImGui::TextDisabled("%s", n.status == pl::NetStatus::Trained ? "pretrained" : pl::net_status_text(n.status));
            }
            const bool measured = n.status == pl::NetStatus::Trained || n.status == pl::NetStatus::Diverged;
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(measured ? pct(n.measures.accuracy).c_str() : "\u2013");
            if (!narrow) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(measured ? pct(n.measures.shifted).c_str() : "\u2013");
            }
            if (wide) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(measured ? pct(n.measures.consistency).c_str() : "\u2013");
            }
            ImGui::TableNextColumn();
            wrapped(pl::train_result_words(s, i));
        }
        ImGui::EndTable();
    }
    // The curves of the networks trained here: the loss and the accuracy on the
    // training batches as training goes, and the held-out accuracy after each epoch.
    std::vector<Series> acc, loss;
    double epochs = 1, top_loss = 0, lo = 1;
    for (int i : nets) {
        const TrainNet& n = s.nets[static_cast<size_t>(i)];
        if (n.curve.empty() && n.live.empty()) continue;
        Series held{n.title, {}, net_colour(i), {}, false}, seen{n.title, {}, net_colour(i), {}, true}, l{n.title, {}, net_colour(i), {}, false};
        for (size_t k = 0; k < n.curve.size(); ++k) {
            held.values.push_back(n.curve[k].test_accuracy);
            held.x.push_back(static_cast<double>(k + 1));
            lo = std::min(lo, n.curve[k].test_accuracy);
        }
        for (const pl::LivePoint& p : n.live) {
            seen.values.push_back(p.train_accuracy);
            seen.x.push_back(p.epoch);
            l.values.push_back(p.loss);
            l.x.push_back(p.epoch);
            top_loss = std::max(top_loss, p.loss);
            if (p.epoch >= 0.5) lo = std::min(lo, p.train_accuracy);  // the first batches would flatten the chart
        }
        epochs = std::max({epochs, static_cast<double>(n.curve.size()), n.live.empty() ? 0.0 : n.live.back().epoch});
        if (n.trainer) epochs = std::max(epochs, static_cast<double>(n.epochs_before + n.trainer->settings.epochs));
        acc.push_back(seen);
        acc.push_back(held);
        loss.push_back(l);
    }
    ImGui::Spacing();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float table_h = ImGui::GetCursorScreenPos().y - table_top;
    const float h = std::max(120 * ratio, size.y - table_h - 16 * ratio);
    if (acc.empty()) {
        // Only digits come with weights trained beforehand; say what is true of the networks on screen.
        int pretrained = 0;
        for (int i : nets) pretrained += s.nets[static_cast<size_t>(i)].origin.rfind("pretrained", 0) == 0 ? 1 : 0;
        if (pretrained == static_cast<int>(nets.size())) {
            wrapped("The networks open with weights trained beforehand (poollab train, 5 epochs, seed 1). Press Train to train the ticked ones "
                    "here from scratch and watch their loss and accuracy as they learn.", true);
        } else if (pretrained == 0) {
            wrapped("These networks are not trained yet: no weights trained beforehand come with them for these data. Press Train to train "
                    "the ticked ones here and watch their loss and accuracy as they learn.", true);
        } else {
            wrapped("Some of these networks have weights trained beforehand (poollab train, 5 epochs, seed 1), the others are not trained "
                    "yet. Press Train to train the ticked ones here and watch their loss and accuracy as they learn.", true);
        }
        return;
    }
    // Four round steps down from 100% that reach below the lowest point, and a
    // loss axis of four round steps above the highest.
    double acc_lo = 0;
    for (double step : {0.025, 0.05, 0.1, 0.2}) {
        if (1 - 4 * step <= lo - 0.01) {
            acc_lo = 1 - 4 * step;
            break;
        }
    }
    double loss_top = 1;
    for (double step : {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0}) {
        loss_top = 4 * step;
        if (loss_top >= top_loss) break;
    }
    lo = acc_lo;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ChartAxes acc_axes{"Accuracy: held out after each epoch (dots), on the training batches (pale)", "epoch", 0, std::ceil(epochs), lo, 1.0};
    const ChartAxes acc_short{"Accuracy: held out (dots), training (pale)", "epoch", 0, std::ceil(epochs), lo, 1.0};
    if (size.x >= 720 * ratio && top_loss > 0) {
        const float w = (size.x - 16 * ratio) * 0.5f;
        draw_chart(dl, f, ratio, pos, ImVec2(w, h), loss, {"Training loss (cross-entropy, last ~20 batches)", "epoch", 0, std::ceil(epochs), 0, loss_top, false});
        draw_chart(dl, f, ratio, ImVec2(pos.x + w + 16 * ratio, pos.y), ImVec2(w, h), acc, size.x >= 1100 * ratio ? acc_axes : acc_short);
    } else {
        draw_chart(dl, f, ratio, pos, ImVec2(size.x, h), acc, size.x >= 600 * ratio ? acc_axes : acc_short);
    }
    ImGui::Dummy(ImVec2(size.x, h));
}

void draw_shift(TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size) {
    const std::vector<int> nets = shown_nets(s);
    if (nets.empty()) {
        ImGui::TextUnformatted("No network is chosen: tick one or more in the panel.");
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const int R = pl::kTrainSweepRadius, span = 2 * R + 1;
    // The heat maps in a row (or two), then the chart along dx.
    const int count = static_cast<int>(nets.size());
    const float chart_h = std::max(110 * ratio, size.y * 0.36f);
    const float words_h = f.body->FontSize * 2.6f;
    const float maps_h = std::max(80 * ratio, size.y - chart_h - words_h);
    int per_row = count, rows = 1;
    float box = 0;
    // The largest maps, preferring a layout in which every map's short name fits above it.
    float name_w = 0;
    for (int i : nets) name_w = std::max(name_w, f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, s.nets[static_cast<size_t>(i)].preset.c_str()).x);
    bool named = false;
    for (int r = 1; r <= 4; ++r) {
        const int pr = (count + r - 1) / r;
        // The colour bar keeps the right edge.
        const float b = std::min((size.x - 44 * ratio) / static_cast<float>(pr) - 8 * ratio, maps_h / static_cast<float>(r) - map_title_height(f) * 2.2f);
        const bool fits = b >= name_w + 4 * ratio;
        if ((fits && !named) || (fits == named && b > box)) box = b, per_row = pr, rows = r, named = fits;
    }
    if (!named) {  // a small frame: fewer maps a row, as wide as the names, and the stage scrolls
        for (int r = 2; r <= count; ++r) {
            const int pr = (count + r - 1) / r;
            const float b = (size.x - 44 * ratio) / static_cast<float>(pr) - 8 * ratio;
            if (b >= name_w + 4 * ratio) {
                box = std::min(b, name_w * 1.5f), per_row = pr, rows = r;
                break;
            }
        }
    }
    box = std::max(box, 40 * ratio);
    for (int k = 0; k < count; ++k) {
        const TrainNet& n = s.nets[static_cast<size_t>(nets[static_cast<size_t>(k)])];
        pl::Grid g(span, span);
        for (size_t c = 0; c < n.measures.sweep.size(); ++c) g.values[c] = static_cast<float>(std::max(0.0, n.measures.sweep[c]));
        const float x = pos.x + static_cast<float>(k % per_row) * (box + 8 * ratio);
        const float y = pos.y + static_cast<float>(k / per_row) * (box + map_title_height(f) * 2.2f);
        MapStyle st;
        st.lo = 0;
        st.hi = 1;
        st.labels = false;
        st.max_cell = box / span;
        const char* map_title = map_title_fits(f, n.title.c_str(), box) ? n.title.c_str() : n.preset.c_str();
        const GridLayout gl = draw_map(dl, v.maps, f, ratio, g, ImVec2(x, y), ImVec2(box, box + map_title_height(f)), map_title, st);
        v.layouts.emplace_back("sweep-" + n.preset, gl);
        // Unknown shifts are hatched grey until measured.
        for (int c = 0; c < span * span; ++c) {
            if (n.measures.sweep[static_cast<size_t>(c)] < 0) draw_cell(dl, gl, c / span, c % span, theme::kEmptyCell, nullptr, 0, nullptr);
        }
        draw_outline(dl, gl, static_cast<float>(R), static_cast<float>(R), 1, 1, IM_COL32_WHITE, 1.5f * ratio);
        char line[96];
        if (n.measures.consistency >= 0) {
            std::snprintf(line, sizeof line, "consistent %.0f%% \u00b7 1-px flips %.1f%%", 100 * n.measures.consistency, 100 * std::max(0.0, n.measures.flips));
        } else {
            std::snprintf(line, sizeof line, "%s", n.status == pl::NetStatus::Trained ? "being measured" : pl::net_status_text(n.status));
        }
        if (!map_title_fits(f, line, box) && n.measures.consistency >= 0) {
            std::snprintf(line, sizeof line, "%.0f%% \u00b7 %.1f%%", 100 * n.measures.consistency, 100 * std::max(0.0, n.measures.flips));
        }
        if (!map_title_fits(f, line, box)) std::snprintf(line, sizeof line, "%s", n.measures.consistency >= 0 ? "" : "\u2013");
        draw_map_title(dl, f, line, ImVec2(x, gl.origin.y + gl.size().y + 2 * ratio), box);
    }
    const float maps_bottom = pos.y + static_cast<float>(rows) * (box + map_title_height(f) * 2.2f);
    draw_colour_bar(dl, ImVec2(pos.x + size.x - 34 * ratio, pos.y + map_title_height(f)), ImVec2(10 * ratio, std::min(box, maps_h * 0.8f)), 0, 1, f.small);
    // Along dx at dy = 0.
    std::vector<Series> along;
    for (int i : nets) {
        const TrainNet& n = s.nets[static_cast<size_t>(i)];
        Series a{n.title, {}, net_colour(i), {}, false};
        for (int dx = -R; dx <= R; ++dx) a.values.push_back(n.measures.sweep[static_cast<size_t>(R * span + dx + R)]);
        along.push_back(a);
    }
    draw_chart(dl, f, ratio, ImVec2(pos.x, maps_bottom + 4 * ratio), ImVec2(size.x, chart_h), along,
               {"Accuracy with the test digits moved sideways (dy = 0)", "dx, pixels", static_cast<double>(-R), static_cast<double>(R), 0, 1});
    ImGui::SetCursorScreenPos(ImVec2(pos.x, maps_bottom + chart_h + 8 * ratio));
    char text[600];
    std::snprintf(text, sizeof text,
                  "Each map: accuracy on the first %d test pictures moved by (dx, dy), from \u2212%d to +%d pixels (right and down are positive; the "
                  "ringed centre is no shift; yellow is 100%%, dark blue 0%%). Under each map: consistent, how often two random shifts of up to %d pixels of a picture "
                  "get the same answer (Zhang 2019), and 1-px flips, how often moving a picture by one pixel changes the answer (Azulay & Weiss 2019).",
                  pl::kTrainSweepPictures, R, R, pl::kTrainConsistencyRadius);
    wrapped(text, true);
}

void draw_try(TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size, bool controls) {
    pl::train_refresh_try(s);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (controls) {
        if (ImGui::Button("\u25c0")) pl::train_pick_digit(s, s.digit - 1);
        note_widget(v, "previous");
        ImGui::SameLine();
        if (s.drawn) ImGui::TextUnformatted("your drawing");
        else ImGui::Text("test digit %d of %d (a %s)", s.digit + 1, s.split->test.count(),
                         s.split->test.class_names[s.split->test.labels[static_cast<size_t>(s.digit)]].c_str());
        ImGui::SameLine();
        if (ImGui::Button("\u25b6")) pl::train_pick_digit(s, s.digit + 1);
        note_widget(v, "next");
        ImGui::SameLine();
        ImGui::Checkbox("draw", &v.draw_mode);
        note_widget(v, "draw");
        ImGui::SameLine();
        if (ImGui::Button("clear")) pl::train_clear_drawing(s);
        note_widget(v, "clear");
        ImGui::SameLine();
        ImGui::Text("shift (%d, %d)", s.dx, s.dy);
        ImGui::SameLine();
        if (ImGui::SmallButton("no shift")) pl::train_set_shift(s, 0, 0);
        note_widget(v, "no shift");
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 rest(size.x, size.y - (pos.y - ImGui::GetWindowPos().y) + ImGui::GetScrollY());
    const float pic = std::clamp(std::min(rest.x * 0.34f, rest.y * 0.62f), 84 * ratio, 420 * ratio);
    const pl::Grid g = picture_grid(pl::train_current_picture(s, true), 28);
    MapStyle st;
    st.colours = pl::Colormap::Gray;
    st.labels = false;
    st.max_cell = pic / 28;
    const char* title = v.draw_mode ? "Draw with the mouse" : "Drag to move it (or the arrow keys)";
    if (!map_title_fits(f, title, pic)) title = v.draw_mode ? "Draw" : "Drag to move it";
    const GridLayout gl = draw_map(dl, v.maps, f, ratio, g, pos, ImVec2(pic, pic + map_title_height(f)), title, st);
    v.layouts.emplace_back("picture", gl);
    // Drag: shift, or paint.
    ImGui::SetCursorScreenPos(gl.origin);
    ImGui::InvisibleButton("picture", gl.size());
    if (controls && ImGui::IsItemActive()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (v.draw_mode) {
            const float r = (m.y - gl.origin.y) / gl.cell - static_cast<float>(s.dy), c = (m.x - gl.origin.x) / gl.cell - static_cast<float>(s.dx);
            for (int dr = -1; dr <= 1; ++dr) {
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = static_cast<int>(std::floor(r)) + dr, cc = static_cast<int>(std::floor(c)) + dc;
                    const float d2 = (static_cast<float>(rr) + 0.5f - r) * (static_cast<float>(rr) + 0.5f - r) + (static_cast<float>(cc) + 0.5f - c) * (static_cast<float>(cc) + 0.5f - c);
                    const float ink = std::clamp(1.3f - d2 * 0.9f, 0.0f, 1.0f);
                    if (rr >= 0 && rr < 28 && cc >= 0 && cc < 28 && ink > 0) {
                        const std::vector<float> now = pl::train_current_picture(s, false);
                        pl::train_paint(s, rr, cc, std::max(now[static_cast<size_t>(rr) * 28 + cc], ink));
                    }
                }
            }
        } else {
            if (ImGui::IsItemActivated()) {
                v.drag_from = m;
                v.drag_dx = s.dx;
                v.drag_dy = s.dy;
            }
            const int ddx = static_cast<int>(std::lround((m.x - v.drag_from.x) / gl.cell));
            const int ddy = static_cast<int>(std::lround((m.y - v.drag_from.y) / gl.cell));
            if (v.drag_dx + ddx != s.dx || v.drag_dy + ddy != s.dy) pl::train_set_shift(s, v.drag_dx + ddx, v.drag_dy + ddy);
        }
    }
    // Every network's probabilities, bars of ten classes.
    const float bx = pos.x + pic + 16 * ratio;
    const float bw = pos.x + rest.x - bx;
    const std::vector<int> nets = shown_nets(s);
    const float line = f.small->FontSize * 1.25f;
    float y = pos.y;
    const int classes = s.split->test.classes;
    for (int i : nets) {
        const TrainNet& n = s.nets[static_cast<size_t>(i)];
        if (n.probs.size() != static_cast<size_t>(classes)) continue;
        const int best = static_cast<int>(std::max_element(n.probs.begin(), n.probs.end()) - n.probs.begin());
        int from = 0, to = 0;
        pl::train_same_answer(s, i, &from, &to);
        const std::string& name = s.split->test.class_names[static_cast<size_t>(best)];
        auto signed_text = [](int d) { return d < 0 ? "\u2212" + std::to_string(-d) : d > 0 ? "+" + std::to_string(d) : std::string("0"); };
        char pct_text[16];
        std::snprintf(pct_text, sizeof pct_text, "%.0f%%", 100 * n.probs[static_cast<size_t>(best)]);
        const std::string range = from == to ? "only at dx " + signed_text(from) : "for dx " + signed_text(from) + " to " + signed_text(to);
        // The longest form that fits the bars' width.
        std::string head = n.title + ": " + name + " (" + pct_text + "), the same " + range;
        if (f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, head.c_str()).x > bw - 12 * ratio) head = n.title + ": " + name + " " + pct_text + ", " + range;
        dl->AddRectFilled(ImVec2(bx, y + line * 0.2f), ImVec2(bx + 8 * ratio, y + line * 0.8f), net_colour(i));
        dl->PushClipRect(ImVec2(bx, y), ImVec2(bx + bw, y + line), true);
        dl->AddText(f.small, f.small->FontSize, ImVec2(bx + 12 * ratio, y), theme::kInk, head.c_str());
        dl->PopClipRect();
        y += line;
        const float slot = bw / static_cast<float>(classes);
        const float bar_h = std::clamp((rest.y * 0.9f) / static_cast<float>(std::max<size_t>(1, nets.size())) - line * 3.3f, 8 * ratio, 40 * ratio);
        for (int c = 0; c < classes; ++c) {
            const float p = n.probs[static_cast<size_t>(c)];
            const float x0 = bx + slot * static_cast<float>(c) + 1 * ratio, x1 = bx + slot * static_cast<float>(c + 1) - 2 * ratio;
            dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + bar_h), IM_COL32(236, 236, 232, 255));
            dl->AddRectFilled(ImVec2(x0, y + bar_h * (1 - p)), ImVec2(x1, y + bar_h), c == best ? net_colour(i) : IM_COL32(150, 150, 150, 255));
            char lab[16];
            std::snprintf(lab, sizeof lab, "%d", c);
            if (classes == 10) dl->AddText(f.small, f.small->FontSize, ImVec2((x0 + x1) * 0.5f - f.small->FontSize * 0.25f, y + bar_h), theme::kMuted, lab);
        }
        y += bar_h + line * 1.1f;
        y += draw_answer_strip(dl, f, ratio, ImVec2(bx, y), bw, s, i, best) + line * 0.3f;
    }
    // The gallery: test digits the chosen network gets wrong at this shift.
    float gy = std::max(gl.origin.y + gl.size().y + 10 * ratio, y);
    if (gy + 40 * ratio < pos.y + rest.y && s.gallery_net >= 0 && s.gallery_net < static_cast<int>(s.nets.size())) {
        ImGui::SetCursorScreenPos(ImVec2(pos.x, gy));
        ImGui::SetNextItemWidth(std::min(220 * ratio, rest.x * 0.4f));
        if (ImGui::BeginCombo("##gallery net", s.nets[static_cast<size_t>(s.gallery_net)].title.c_str())) {
            for (int i : nets) {
                if (ImGui::Selectable(s.nets[static_cast<size_t>(i)].title.c_str(), i == s.gallery_net)) {
                    s.gallery_net = i;
                    s.gallery_dirty = true;
                }
            }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::TextDisabled("gets these wrong at shift (%d, %d), of the first %d test pictures:", s.dx, s.dy, pl::kTrainGalleryPictures);
        const float ty = ImGui::GetCursorScreenPos().y;
        const float thumb = std::clamp(pos.y + rest.y - ty - 4 * ratio, 28 * ratio, 56 * ratio);
        for (size_t k = 0; k < s.gallery.size(); ++k) {
            const float tx = pos.x + static_cast<float>(k) * (thumb + 4 * ratio);
            if (tx + thumb > pos.x + rest.x) break;
            std::vector<float> p(28 * 28);
            pl::train::picture_floats(s.split->test, s.gallery[k], s.dx, s.dy, p.data());
            v.maps.next().draw(dl, picture_grid(p, 28), ImVec2(tx, ty), ImVec2(tx + thumb, ty + thumb), 0, 1, 28 * 28, 0, pl::Colormap::Gray);
            ImGui::SetCursorScreenPos(ImVec2(tx, ty));
            ImGui::PushID(static_cast<int>(k));
            if (ImGui::InvisibleButton("thumb", ImVec2(thumb, thumb)) && controls) pl::train_pick_digit(s, s.gallery[k]);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("test digit %d, a %s: click to try it", s.gallery[k] + 1,
                                                          s.split->test.class_names[s.split->test.labels[static_cast<size_t>(s.gallery[k])]].c_str());
            ImGui::PopID();
        }
        if (s.gallery.empty()) ImGui::TextDisabled("none: it gets every one right.");
    }
}

}  // namespace train_parts
