// The shift lab as the shell sees it: its link fields, narration and CSV.
#include "core/csv.h"
#include "core/link.h"
#include "core/parse.h"
#include "core/scene.h"
#include "core/scenes/shift/shift_scene.h"

namespace pl {

const char* shift_tab_name(ShiftTab tab) {
    switch (tab) {
        case ShiftTab::Shift: return "shift";
        case ShiftTab::Compare: return "compare";
        case ShiftTab::Sweep: return "sweep";
        case ShiftTab::Stacking: return "stacking";
        case ShiftTab::Fabric: return "fabric";
    }
    return "?";
}

namespace {

// in=PRESET[:SIDE] or a grid.
std::string read_feature(ShiftScene& sh, const std::string& v) {
    const size_t colon = v.find(':');
    const std::string name = v.substr(0, colon);
    long long side = sh.feature.rows;
    bool known = false;
    for (const char* p : kShiftPresets) known = known || name == p;
    if (known) {
        if (name != "mnist7" && colon != std::string::npos && !parse_whole(std::string_view(v).substr(colon + 1), kShiftMinSide, kShiftMaxSide, &side)) {
            return "the size is " + std::to_string(kShiftMinSide) + " to " + std::to_string(kShiftMaxSide);
        }
        sh.feature = shift_preset(name, static_cast<int>(side), course_mnist7());
        sh.preset = name;
        return {};
    }
    Result<Grid> g = grid_from_link(v, kShiftMaxSide);
    if (!g.ok()) return g.error;
    if (g.value.rows < kShiftMinSide || g.value.cols < kShiftMinSide) return "the feature map is at least " + size_text(kShiftMinSide, kShiftMinSide);
    if (std::string e = check_grid(g.value); !e.empty()) return e;
    sh.feature = g.value;
    sh.preset = "custom";
    return {};
}

// A whole-number field in [lo, hi] into *out, refused with `why`.
void read_whole(LinkReader& r, const std::string& key, int lo, int hi, int* out, const std::string& why) {
    r.field(key, [&](const std::string& v) -> std::string { return parse_whole(v, lo, hi, out) ? "" : why; });
}

void read_downsampling(ShiftScene& sh, LinkReader& r) {
    DownsampleParams p = sh.params;
    r.field("focus", [&](const std::string& v) -> std::string { return parse_downsample(v, &sh.focus) ? "" : "not one of the seven operations"; });
    r.field("size", [&](const std::string& v) -> std::string {
        return parse_size_pair(v, 1, 8, &p.pool.size_rows, &p.pool.size_cols) ? "" : "the window is N or RxC, 1 to 8";
    });
    r.field("stride", [&](const std::string& v) -> std::string {
        return parse_size_pair(v, 1, 8, &p.pool.stride_rows, &p.pool.stride_cols) ? "" : "the stride is N or RxC, 1 to 8";
    });
    r.field("pad", [&](const std::string& v) -> std::string { return parse_padding(v, &p.pool.padding) ? "" : "padding is valid or same"; });
    read_whole(r, "blur", 2, 5, &p.blur_size, "the blur size is 2 to 5");
    sh.params = p;
}

void read_link(std::any& m, LinkReader& r) {
    ShiftScene& sh = model_as<ShiftScene>(m);
    r.field("in", [&](const std::string& v) { return read_feature(sh, v); });
    read_downsampling(sh, r);
    r.field("fill", [&](const std::string& v) -> std::string {
        if (v != "zero" && v != "circular") return "fill is zero or circular";
        sh.fill = v == "zero" ? ShiftFill::Zero : ShiftFill::Circular;
        return {};
    });
    read_whole(r, "range", 1, 8, &sh.sweep_range, "the sweep range is 1 to 8");
    read_whole(r, "layers", 1, kShiftMaxLayers, &sh.layers, "layers are 1 to 3");
    for (int dir = 0; dir < 2; ++dir) {
        const int lim = (dir ? sh.feature.rows : sh.feature.cols) - 1;
        read_whole(r, dir ? "dy" : "dx", -lim, lim, dir ? &sh.dy : &sh.dx, "the shift is -" + std::to_string(lim) + " to " + std::to_string(lim));
    }
    r.field("tab", [&](const std::string& v) -> std::string {
        for (int t = 0; t < kShiftTabCount; ++t) {
            if (v == shift_tab_name(static_cast<ShiftTab>(t))) {
                sh.tab = static_cast<ShiftTab>(t);
                return {};
            }
        }
        return "the tabs are shift, compare, sweep, stacking and fabric";
    });
    for (size_t i = 0; i < sh.fabric.size(); ++i) {
        r.field("fabric" + std::to_string(i + 1), [&](const std::string& v) -> std::string {
            Result<Grid> g = grid_from_link(v, 16);
            if (!g.ok()) return g.error;
            if (std::string e = check_grid(g.value); !e.empty()) return e;
            sh.fabric[i] = g.value;
            return {};
        });
    }
    shift_refresh(sh);
}

void write_link(const std::any& m, LinkWriter& w) {
    const ShiftScene& sh = model_as<ShiftScene>(m);
    const bool preset = sh.preset != "custom" && sh.feature == shift_preset(sh.preset, sh.feature.rows, course_mnist7());
    w.add("in", preset ? (sh.preset == "mnist7" ? sh.preset : sh.preset + ":" + std::to_string(sh.feature.rows)) : grid_to_link(sh.feature));
    w.add("dx", std::to_string(sh.dx));
    w.add("dy", std::to_string(sh.dy));
    w.add("fill", sh.fill == ShiftFill::Zero ? "zero" : "circular");
    w.add("focus", downsample_name(sh.focus));
    w.add("size", size_pair_text(sh.params.pool.size_rows, sh.params.pool.size_cols));
    w.add("stride", size_pair_text(sh.params.pool.stride_rows, sh.params.pool.stride_cols));
    w.add("pad", padding_name(sh.params.pool.padding));
    w.add("blur", std::to_string(sh.params.blur_size));
    w.add("range", std::to_string(sh.sweep_range));
    w.add("layers", std::to_string(sh.layers));
    w.add("tab", shift_tab_name(sh.tab));
    const ShiftScene defaults;
    for (size_t i = 0; i < sh.fabric.size(); ++i) {
        if (sh.fabric[i] != defaults.fabric[i]) w.add("fabric" + std::to_string(i + 1), grid_to_link(sh.fabric[i]));
    }
}

std::string narration(const std::any& m) {
    const ShiftScene& s = model_as<ShiftScene>(m);
    const int k = op_index(s.focus);
    return "Shift " + std::to_string(s.dx) + ", " + std::to_string(s.dy) + ". " + downsample_title(s.focus) + ": " +
           explain_shift(s.focus, s.params, s.dx, s.dy, s.metrics[static_cast<size_t>(k)]);
}

std::string csv(const std::any& m, std::string* name) {
    const ShiftScene& s = model_as<ShiftScene>(m);
    *name = "poollab-shift.csv";
    std::string out;
    const size_t k = static_cast<size_t>(op_index(s.focus));
    const std::string op = downsample_name(s.focus);
    append_long_csv(&out, "original", s.feature);
    append_long_csv(&out, "shifted", s.shifted);
    if (s.errors[k].empty()) {
        append_long_csv(&out, op + " of original", s.before[k]);
        append_long_csv(&out, op + " of shifted", s.after[k]);
    }
    return out;
}

// A patch of a picture becomes the feature, unshifted.
bool take_grid(std::any& m, const Grid& g) {
    ShiftScene& s = model_as<ShiftScene>(m);
    if (g.rows < kShiftMinSide || g.cols < kShiftMinSide || g.rows > kShiftMaxSide || g.cols > kShiftMaxSide) return false;
    s.feature = g;
    s.preset = "custom";
    s.dx = s.dy = 0;
    shift_refresh(s);
    return true;
}

}  // namespace

extern const SceneModel shift_scene_model = {
    Scene::Shift, "shift", [] { return std::any(shift_scene_default()); }, read_link, write_link, narration, csv,
    [](const std::any& m) { return shift_scene_json(model_as<ShiftScene>(m)); }, nullptr, take_grid, nullptr, 50, "tab", shift_tasks,
};

}  // namespace pl
