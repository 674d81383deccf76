#include "core/scenes/shift/shift_scene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "core/csv.h"
#include "core/json.h"

namespace pl {

Grid shift_preset(const std::string& name, int side, const Grid& mnist7, unsigned seed) {
    if (name == "mnist7") return mnist7;
    Grid g(side, side, 0.0f);
    // Features start on a window corner (a multiple of 8), so 2x2 windows at
    // every layer begin where the feature does.
    const int a = (side / 2) / 8 * 8;
    if (name == "pixel") {
        g.at(a, a) = 1.0f;
    } else if (name == "blob") {
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) g.at(a + r, a + c) = 1.0f;
    } else if (name == "edge") {
        for (int r = 0; r < 4 && a + r < side; ++r) g.at(a + r, a + 1) = 1.0f;
    } else if (name == "cross") {
        const int m = a + 2;
        for (int k = -2; k <= 2; ++k) {
            if (g.contains(m + k, m)) g.at(m + k, m) = 1.0f;
            if (g.contains(m, m + k)) g.at(m, m + k) = 1.0f;
        }
    } else if (name == "diagonal") {
        for (int k = 0; k < side / 2; ++k) g.at(side / 4 + k, side / 4 + k) = 1.0f;
    } else if (name == "noise") {
        std::mt19937 rng(seed);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        for (float& v : g.values) v = u(rng);
    } else {
        return Grid();
    }
    return g;
}

Grid fabric_rip() {
    Grid g(7, 7, 0.0f);
    g.at(2, 4) = 2.0f;
    return g;
}

Grid fabric_plain() { return Grid(7, 7, 0.04f); }

Grid fabric_wrinkled() {
    // Creases along diagonals: most cells respond near 1.0.
    Grid g(7, 7, 0.1f);
    for (int r = 0; r < 7; ++r) {
        for (int c = 0; c < 7; ++c) {
            if ((r + c) % 3 != 0) g.at(r, c) = static_cast<float>(0.9 + 0.02 * ((r * 7 + c) % 5));
        }
    }
    return g;
}

Grid fabric_one_wrinkle() {
    Grid g(7, 7, 0.0f);
    g.at(4, 1) = 1.0f;
    return g;
}

std::string fabric_title(int map, const Grid& g) {
    static const char* const kStory[4] = {"Rip detector: one rip", "Rip detector: no rip", "Wrinkle detector: crumpled",
                                          "Wrinkle detector: one crease"};
    static const char* const kEdited[4] = {"Rip detector: map 1, edited", "Rip detector: map 2, edited", "Wrinkle detector: map 1, edited",
                                           "Wrinkle detector: map 2, edited"};
    if (map < 0 || map > 3) return {};
    const Grid made = map == 0 ? fabric_rip() : map == 1 ? fabric_plain() : map == 2 ? fabric_wrinkled() : fabric_one_wrinkle();
    return g == made ? kStory[map] : kEdited[map];
}

int op_index(Downsample op) {
    for (int i = 0; i < kDownsampleCount; ++i) {
        if (kAllDownsamples[i] == op) return i;
    }
    return 0;
}

ShiftScene shift_scene_default() {
    ShiftScene s;
    s.feature = shift_preset("blob", 16, Grid());
    shift_refresh(s);
    return s;
}

void shift_refresh(ShiftScene& s, bool with_sweep) {
    s.shifted = shift_grid(s.feature, s.dx, s.dy, s.fill);
    for (int i = 0; i < kDownsampleCount; ++i) {
        const Downsample op = kAllDownsamples[i];
        Result<Grid> a = downsample(s.feature, op, s.params), b = downsample(s.shifted, op, s.params);
        s.errors[i] = a.error;
        s.before[i] = std::move(a.value);
        s.after[i] = std::move(b.value);
        s.metrics[i] = a.ok() ? compare_shift(s.feature, s.dx, s.dy, s.fill, op, s.params, s.before[i], s.after[i]) : ShiftMetrics{};
    }
    if (with_sweep) {
        std::vector<Downsample> ops(std::begin(kAllDownsamples), std::end(kAllDownsamples));
        Result<ShiftSweep> sw = shift_sweep(s.feature, ops, s.params, s.fill, s.sweep_range);
        s.sweep_error = sw.error;
        s.sweep = std::move(sw.value);
    }
    PoolParams stack = s.params.pool;
    stack.op = s.focus == Downsample::AvgPool ? PoolOp::Average : s.focus == Downsample::MinPool ? PoolOp::Min : PoolOp::Max;
    for (int l = 0; l < kShiftMaxLayers; ++l) {
        Result<Grid> a = pool_layers(s.feature, stack, l + 1), b = pool_layers(s.shifted, stack, l + 1);
        s.stack_errors[l] = a.error;
        s.stack_before[l] = std::move(a.value);
        s.stack_after[l] = std::move(b.value);
        if (with_sweep) {
            Result<InvarianceSpan> span = a.ok() ? invariance_span(s.feature, stack, l + 1, s.fill, 16) : Result<InvarianceSpan>{};
            s.spans[l] = span.value;
        }
    }
}

void shift_load_preset(ShiftScene& s, const std::string& name, const Grid& mnist7) {
    const int side = name == "mnist7" ? mnist7.rows : (s.feature.rows >= kShiftMinSide ? s.feature.rows : 16);
    Grid g = shift_preset(name, side, mnist7);
    if (g.empty()) return;
    s.feature = std::move(g);
    s.preset = name;
    s.dx = s.dy = 0;
    shift_refresh(s);
}

void shift_set(ShiftScene& s, int dx, int dy) {
    const int lim_x = std::max(0, s.feature.cols - 1), lim_y = std::max(0, s.feature.rows - 1);
    s.dx = std::clamp(dx, -lim_x, lim_x);
    s.dy = std::clamp(dy, -lim_y, lim_y);
    shift_refresh(s, false);
}

void shift_move(ShiftScene& s, int ddx, int ddy) { shift_set(s, s.dx + ddx, s.dy + ddy); }

void shift_set_fill(ShiftScene& s, ShiftFill fill) {
    s.fill = fill;
    shift_refresh(s);
}

void shift_set_focus(ShiftScene& s, Downsample op) {
    s.focus = op;
    shift_refresh(s);  // the stacking follows the focus operation
}

void shift_set_params(ShiftScene& s, const DownsampleParams& p) {
    s.params = p;
    shift_refresh(s);
}

void shift_set_sweep_range(ShiftScene& s, int range) {
    s.sweep_range = std::clamp(range, 1, 8);
    shift_refresh(s);
}

void shift_resize(ShiftScene& s, int side) {
    side = std::clamp(side, kShiftMinSide, kShiftMaxSide);
    if (side == s.feature.rows && side == s.feature.cols) return;
    s.feature = resized(s.feature, side, side, 0.0f);
    s.preset = "custom";
    shift_set(s, s.dx, s.dy);
    shift_refresh(s);
}

void shift_paint(ShiftScene& s, int row, int col, float value) {
    if (!s.feature.contains(row, col) || s.feature.at(row, col) == value) return;
    s.feature.at(row, col) = value;
    s.preset = "custom";
    shift_refresh(s);
}

std::string shift_edit_fabric(ShiftScene& s, int map, int row, int col, const std::string& text) {
    if (map < 0 || map >= static_cast<int>(s.fabric.size()) || !s.fabric[static_cast<size_t>(map)].contains(row, col)) {
        return "there is no such cell";
    }
    Result<float> v = parse_number(text);
    if (!v.ok()) return v.error;
    s.fabric[static_cast<size_t>(map)].at(row, col) = v.value;
    return {};
}

void write_shift_op_json(JsonWriter& j, Downsample op, const DownsampleParams& p, int dx, int dy, const Grid& output,
                         const ShiftMetrics& m) {
    j.key("op").value(downsample_name(op));
    j.key("output_shape").begin_array().value(output.rows).value(output.cols).end_array();
    j.key("unchanged_fraction").value(m.unchanged_fraction);
    j.key("max_abs_change").value(m.max_abs_change);
    j.key("l2").value(m.l2);
    j.key("verdict").value(verdict_name(m.verdict));
    j.key("output_shift").begin_array().value(m.out_dx).value(m.out_dy).end_array();
    j.key("consistency").value(m.consistency);
    j.key("explanation").value(explain_shift(op, p, dx, dy, m));
}

std::string shift_scene_json(const ShiftScene& s) {
    JsonWriter j;
    j.begin_object();
    j.key("scene").value("shift");
    j.key("preset").value(s.preset);
    j.key("shift").begin_array().value(s.dx).value(s.dy).end_array();
    j.key("fill").value(s.fill == ShiftFill::Zero ? "zero" : "circular");
    j.key("focus").value(downsample_name(s.focus));
    j.key("size").begin_array().value(s.params.pool.size_rows).value(s.params.pool.size_cols).end_array();
    j.key("stride").begin_array().value(s.params.pool.stride_rows).value(s.params.pool.stride_cols).end_array();
    j.key("padding").value(padding_name(s.params.pool.padding));
    j.key("blur").value(s.params.blur_size);
    j.key("feature").grid(s.feature);
    j.key("ops").begin_array();
    for (int i = 0; i < kDownsampleCount; ++i) {
        const size_t k = static_cast<size_t>(i);
        j.begin_object();
        j.key("error").value(s.errors[k]);
        write_shift_op_json(j, kAllDownsamples[i], s.params, s.dx, s.dy, s.before[k], s.metrics[k]);
        j.end_object();
    }
    j.end_array();
    j.key("sweep_range").value(s.sweep.range);
    j.key("sweep_error").value(s.sweep_error);
    j.key("spans").begin_array();
    for (const InvarianceSpan& sp : s.spans) j.begin_array().value(sp.left).value(sp.right).end_array();
    j.end_array();
    j.key("fabric").begin_array();
    for (const Grid& g : s.fabric) {
        DownsampleParams p;
        j.begin_object();
        j.key("global_max").value(downsample(g, Downsample::GlobalMax, p).value.at(0, 0));
        j.key("global_average").value(downsample(g, Downsample::GlobalAvg, p).value.at(0, 0));
        j.key("grid").grid(g);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str();
}

namespace {

struct Global {
    float max = 0, avg = 0;
};
Global global_of(const Grid& g) {
    Global out;
    if (g.empty()) return out;
    out.max = *std::max_element(g.values.begin(), g.values.end());
    double sum = 0;
    for (float v : g.values) sum += v;
    out.avg = static_cast<float>(sum / static_cast<double>(g.values.size()));
    return out;
}
std::string two_places(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(v));
    return buf;
}

}  // namespace

namespace {

// How many cells of `g` are above `level`.
long long cells_above(const Grid& g, float level) {
    return std::count_if(g.values.begin(), g.values.end(), [&](float v) { return v > level; });
}

// "1 cell fires", "no cell fires", "3 cells fire".
std::string cells_fire(long long n) {
    if (n == 0) return "no cell fires";
    return count_text(n, "cell") + (n == 1 ? " fires" : " fire");
}

}  // namespace

std::string explain_fabric(const std::array<Grid, 4>& fabric) {
    // Every clause from the maps as they are: a student's edit can put a rip
    // in the second map or take it from the first.
    const Global first = global_of(fabric[0]), second = global_of(fabric[1]), wrinkled = global_of(fabric[2]), crease = global_of(fabric[3]);
    const std::string cells = count_text(static_cast<long long>(fabric[0].values.size()));
    const float max_gap = first.max - second.max, avg_gap = first.avg - second.avg;
    std::string t = "In the first rip-detector map " + cells_fire(cells_above(fabric[0], second.max)) +
                    " above the second map's highest value. Global max: " + two_places(first.max) + " against " + two_places(second.max);
    t += max_gap > 0 ? ", so the first map's peak survives. "
         : max_gap < 0 ? ", so max ranks the second map higher. "
                       : ", so here max cannot tell them apart. ";
    t += "Global average spreads each over " + cells + " cells: " + two_places(first.avg) + " against " + two_places(second.avg);
    const bool peak_vanishes = max_gap > 0 && std::fabs(avg_gap) < 0.25f * max_gap;
    t += peak_vanishes ? ", and the peak all but vanishes. " : ". ";
    // A wrinkle "responds" at half the strongest response of the two wrinkle maps or more.
    const float strong = 0.5f * std::max(wrinkled.max, crease.max);
    auto responding = [&](const Grid& g) {
        return strong > 0 ? std::count_if(g.values.begin(), g.values.end(), [&](float v) { return v >= strong; }) : 0;
    };
    const long long n_wrinkled = responding(fabric[2]), n_crease = responding(fabric[3]);
    const bool max_blind = std::fabs(wrinkled.max - crease.max) < 0.25f * std::fabs(wrinkled.avg - crease.avg);
    t += std::string(peak_vanishes && max_blind ? "For wrinkles it is the other way: " : "For wrinkles: ") + count_text(n_wrinkled) + " of " +
         cells + " cells respond strongly in the first wrinkle-detector map and " + count_text(n_crease) + " in the second (half the " +
         "strongest response or more); global average says " + two_places(wrinkled.avg) + " and " + two_places(crease.avg) + ", global max " +
         two_places(wrinkled.max) + " and " + two_places(crease.max);
    t += max_blind ? ": how much of the cloth is wrinkled shows only in the average. " : ". ";
    return t + "Click any cell to change it.";
}

}  // namespace pl
