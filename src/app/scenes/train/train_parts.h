#pragma once
// The trained-networks view's pieces, shared by its files: the view's state,
// the panel, and the four tabs. Not for use outside src/app/scenes/train/.
#include <imgui.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/scene_view.h"
#include "app/widgets/grid_view.h"
#include "app/widgets/heatmap.h"
#include "core/scenes/train/train_scene.h"
#include "core/train/evaluate.h"

struct TrainView {
    pl::TrainTab shown_tab = pl::TrainTab::Results;
    bool tab_requested = false;
    HeatmapSlots maps;
    std::set<std::string> weights_asked;  // "w-NAME" fetches asked of the platform for this data
    std::string data_asked;               // the dataset asked for
    std::string notice;                   // what the last button did, or why it could not
    bool draw_mode = false;               // the picture in Try it: drag paints instead of shifting
    bool dragging = false;
    ImVec2 drag_from{0, 0};
    int drag_dx = 0, drag_dy = 0;
    // Inside: what was computed, and for which picture, network and class.
    std::vector<pl::train::FeatureMap> features, gradients;
    std::vector<pl::train::FeatureMap> partner_gradients;  // the same class's gradient in the network with the other pooling
    int partner = -1;
    std::string inside_key;
    // A map clicked to see it large (its title names the layer and channel), until closed.
    bool big = false;
    std::string big_title;
    pl::Grid big_grid;
    float big_lo = 0, big_hi = 1;
    bool big_signed = false;
    bool big_fresh = false;  // opened in this frame
    // Where things were drawn this frame (CSS centres for the tests), by name.
    std::vector<std::pair<std::string, GridLayout>> layouts;
    std::vector<std::pair<std::string, ImVec2>> widgets;
};

namespace train_parts {

constexpr const char* kKeys =
    "T train \u00b7 Space pause/resume \u00b7 \u2190\u2191\u2192\u2193 shift the digit (Try it) \u00b7 N / P next / previous test digit \u00b7 "
    "0 back to no shift \u00b7 [ ] tabs";

// Text wrapped at spaces only (numbers are never split), in the window's font; muted or ink.
void wrapped(const std::string& text, bool muted = false, ImU32 colour = 0);
// A small square in a network's colour, as a legend key before text on the same line.
void colour_key(int net);

// Remembers a widget's centre (device pixels) under `name` for the test hook.
void note_widget(TrainView& v, const char* name);

void draw_panel(pl::TrainScene& s, TrainView& v, float ratio);
void draw_results(pl::TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size);
void draw_shift(pl::TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size);
void draw_try(pl::TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size, bool controls);
void draw_inside(pl::TrainScene& s, TrainView& v, const Fonts& f, float ratio, ImVec2 size, bool controls);

// A line chart in [pos, pos + size), with a legend under the x axis. A
// series gives its values at x = x0, x0 + 1, ... or at its own `x`; a faint
// one (a training curve beside its held-out twin) is drawn thin and pale,
// without dots or a legend entry.
struct Series {
    std::string name;
    std::vector<double> values;
    ImU32 colour;
    std::vector<double> x;  // empty: x0 + index
    bool faint = false;
};
struct ChartAxes {
    const char* title;
    const char* x_label;
    double x0 = 0, x1 = 0;  // x1 <= x0: from the series (x0 .. x0 + longest - 1)
    double lo = 0, hi = 1;
    bool percent = true;    // y labels as 0%..100%, else as plain numbers
};
void draw_chart(ImDrawList* dl, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, const std::vector<Series>& series, const ChartAxes& axes);

// A colour per network, in the order of the list (distinct for the common colour-vision deficiencies: Okabe-Ito).
ImU32 net_colour(int i);

}  // namespace train_parts
