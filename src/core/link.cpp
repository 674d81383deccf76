#include "core/link.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/conv.h"
#include "core/csv.h"

namespace pl {

namespace {

std::string percent_decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// A whole number in [lo, hi], the whole text.
bool whole(std::string_view s, long long lo, long long hi, long long* out) {
    if (s.empty() || s.size() > 12) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return false;
    for (size_t k = i; k < s.size(); ++k) {
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    }
    const long long v = std::stoll(std::string(s));
    if (v < lo || v > hi) return false;
    *out = v;
    return true;
}

// "2" or "2x3" with each in [lo, hi].
bool pair(std::string_view s, int lo, int hi, int* a, int* b) {
    const size_t x = s.find('x');
    long long p, q;
    if (x == std::string_view::npos) {
        if (!whole(s, lo, hi, &p)) return false;
        *a = *b = static_cast<int>(p);
        return true;
    }
    if (!whole(s.substr(0, x), lo, hi, &p) || !whole(s.substr(x + 1), lo, hi, &q)) return false;
    *a = static_cast<int>(p);
    *b = static_cast<int>(q);
    return true;
}

std::string pair_text(int a, int b) { return a == b ? std::to_string(a) : std::to_string(a) + "x" + std::to_string(b); }

// Fields in order, so the fragment reads the same every time.
struct Fields {
    std::vector<std::pair<std::string, std::string>> items;
    void add(const std::string& k, const std::string& v) { items.emplace_back(k, v); }
    std::string text() const {
        std::string out;
        for (const auto& [k, v] : items) out += (out.empty() ? "" : "&") + k + "=" + v;
        return out;
    }
};

const char* kShiftTabs[] = {"shift", "compare", "sweep", "stacking", "fabric"};
const char* kImageTabs[] = {"pyramid", "features", "digit"};

// A kernel in a link: its preset name, or its weights.
std::string kernel_to_link(const ImageStage& st) { return st.kernel_name == "custom" ? grid_to_link(st.kernel) : st.kernel_name; }

}  // namespace

const char* link_scene_name(LinkScene s) {
    switch (s) {
        case LinkScene::Steps: return "steps";
        case LinkScene::Shift: return "shift";
        case LinkScene::Fields: return "fields";
        case LinkScene::Image: return "image";
    }
    return "?";
}

// ------------------------------------------------------------------ grids --

std::string grid_to_link(const Grid& g) {
    std::string out = std::to_string(g.rows) + "x" + std::to_string(g.cols) + ":";
    for (size_t i = 0; i < g.values.size();) {
        size_t j = i;
        while (j < g.values.size() && g.values[j] == g.values[i]) ++j;
        const size_t run = j - i;
        if (i) out += ',';
        out += format_value(g.values[i]);
        if (run >= 3) {
            out += "*" + std::to_string(run);
        } else if (run == 2) {
            out += "," + format_value(g.values[i]);
        }
        i = j;
    }
    return out;
}

Result<Grid> grid_from_link(std::string_view text, int max_side) {
    using R = Result<Grid>;
    const size_t colon = text.find(':');
    int rows, cols;
    if (colon == std::string_view::npos || !pair(text.substr(0, colon), 1, max_side, &rows, &cols)) {
        return R::failure("a grid is ROWSxCOLS:values, each side 1 to " + std::to_string(max_side));
    }
    Grid g(rows, cols);
    size_t at = 0, pos = colon + 1;
    const size_t cells = g.values.size();
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view token = text.substr(pos, comma - pos);
        long long run = 1;
        const size_t star = token.find('*');
        if (star != std::string_view::npos) {
            if (!whole(token.substr(star + 1), 1, static_cast<long long>(cells), &run)) return R::failure("a run must be value*count");
            token = token.substr(0, star);
        }
        Result<float> v = parse_number(token);
        if (!v.ok()) return R::failure("value " + std::to_string(at + 1) + ": " + v.error);
        if (at + static_cast<size_t>(run) > cells) return R::failure("more values than " + std::to_string(rows) + " x " + std::to_string(cols));
        std::fill(g.values.begin() + static_cast<long>(at), g.values.begin() + static_cast<long>(at + static_cast<size_t>(run)), v.value);
        at += static_cast<size_t>(run);
        pos = comma + 1;
    }
    if (at != cells) return R::failure(std::to_string(at) + " values for " + std::to_string(rows) + " x " + std::to_string(cols) + " cells");
    return R::success(std::move(g));
}

// ----------------------------------------------------------------- models --

std::string model_to_link(const Model& m) {
    std::string out = std::to_string(m.input.h) + "x" + std::to_string(m.input.w) + "x" + std::to_string(m.input.c);
    for (const Layer& l : m.layers) {
        out += ';';
        switch (l.kind) {
            case LayerKind::Conv2D:
                out += "c" + std::to_string(l.units) + "k" + pair_text(l.kernel_h, l.kernel_w);
                if (l.stride_h != 1 || l.stride_w != 1) out += "s" + pair_text(l.stride_h, l.stride_w);
                if (l.dilation_h != 1 || l.dilation_w != 1) out += "d" + pair_text(l.dilation_h, l.dilation_w);
                if (l.padding == Padding::Same) out += "ps";
                break;
            case LayerKind::MaxPool:
            case LayerKind::AvgPool:
                out += (l.kind == LayerKind::MaxPool ? "m" : "a") + pair_text(l.kernel_h, l.kernel_w);
                if (l.stride_h != l.kernel_h || l.stride_w != l.kernel_w) out += "s" + pair_text(l.stride_h, l.stride_w);
                if (l.padding == Padding::Same) out += "ps";
                break;
            case LayerKind::GlobalMaxPool: out += "G"; break;
            case LayerKind::GlobalAvgPool: out += "g"; break;
            case LayerKind::Flatten: out += "f"; break;
            case LayerKind::Dense: out += "d" + std::to_string(l.units); break;
        }
    }
    return out;
}

Result<Model> model_from_link(std::string_view text) {
    using R = Result<Model>;
    Model m;
    size_t semi = text.find(';');
    const std::string_view in = text.substr(0, semi);
    const size_t x1 = in.find('x'), x2 = in.rfind('x');
    long long h, w, c;
    if (x1 == std::string_view::npos || x1 == x2 || !whole(in.substr(0, x1), 1, 1024, &h) ||
        !whole(in.substr(x1 + 1, x2 - x1 - 1), 1, 1024, &w) || !whole(in.substr(x2 + 1), 1, 4096, &c)) {
        return R::failure("the input must be HxWxC (sides 1 to 1024, channels 1 to 4096)");
    }
    m.input = {3, h, w, c};
    int index = 0;
    while (semi != std::string_view::npos) {
        const size_t start = semi + 1;
        semi = text.find(';', start);
        std::string_view t = text.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
        ++index;
        const std::string who = "layer " + std::to_string(index) + " ('" + std::string(t.substr(0, 24)) + "')";
        if (t.empty() || index > 64) return R::failure(who + ": empty, or more than 64 layers");
        Layer l;
        const char kind = t[0];
        // The part after the kind letter: a number, then letter-number options.
        std::string_view rest = t.substr(1);
        auto take_number = [&](std::string_view* s) {
            size_t n = 0;
            while (n < s->size() && (std::isdigit(static_cast<unsigned char>((*s)[n])) || (*s)[n] == 'x')) ++n;
            std::string_view num = s->substr(0, n);
            *s = s->substr(n);
            return num;
        };
        auto options = [&](std::string_view s, bool conv) -> bool {
            while (!s.empty()) {
                const char o = s[0];
                s = s.substr(1);
                if (o == 'p') {
                    if (s.empty() || (s[0] != 's' && s[0] != 'v')) return false;
                    l.padding = s[0] == 's' ? Padding::Same : Padding::Valid;
                    s = s.substr(1);
                    continue;
                }
                const std::string_view num = take_number(&s);
                if (o == 'k' && conv) {
                    if (!pair(num, 1, 1000, &l.kernel_h, &l.kernel_w)) return false;
                } else if (o == 's') {
                    if (!pair(num, 1, 1000, &l.stride_h, &l.stride_w)) return false;
                } else if (o == 'd' && conv) {
                    if (!pair(num, 1, 1000, &l.dilation_h, &l.dilation_w)) return false;
                } else {
                    return false;
                }
            }
            return true;
        };
        long long n;
        switch (kind) {
            case 'c': {
                l = conv2d(1, 1);
                if (!whole(take_number(&rest), 1, 100000, &n) || !options(rest, true)) return R::failure(who + ": a conv is c<filters>k<kernel>[s<stride>][d<dilation>][ps]");
                l.units = static_cast<int>(n);
                break;
            }
            case 'm':
            case 'a': {
                l = kind == 'm' ? max_pool(2) : avg_pool(2);
                const std::string_view win = take_number(&rest);
                if (!pair(win, 1, 1000, &l.kernel_h, &l.kernel_w)) return R::failure(who + ": a pool is m<window>[s<stride>][ps]");
                l.stride_h = l.kernel_h;
                l.stride_w = l.kernel_w;
                if (!options(rest, false)) return R::failure(who + ": a pool is m<window>[s<stride>][ps]");
                break;
            }
            case 'G': l = global_max_pool(); break;
            case 'g': l = global_avg_pool(); break;
            case 'f': l = flatten(); break;
            case 'd':
                if (!whole(rest, 1, 100000, &n)) return R::failure(who + ": a dense layer is d<units>");
                l = dense(static_cast<int>(n));
                rest = {};
                break;
            default: return R::failure(who + ": unknown layer kind '" + std::string(1, kind) + "'");
        }
        if ((kind == 'G' || kind == 'g' || kind == 'f') && !rest.empty()) return R::failure(who + ": takes no settings");
        m.layers.push_back(l);
    }
    return R::success(std::move(m));
}

// ------------------------------------------------------------------ links --

std::string link_fragment(const LinkState& s, const Grid& mnist7) {
    Fields f;
    f.add("v", std::to_string(kLinkVersion));
    f.add("scene", link_scene_name(s.scene));
    if (s.embed) f.add("embed", "1");
    if (!s.controls) f.add("controls", "0");
    switch (s.scene) {
        case LinkScene::Steps: {
            const StepsScene& st = s.steps;
            f.add("op", op_name(st.params.op));
            f.add("size", pair_text(st.params.size_rows, st.params.size_cols));
            f.add("stride", pair_text(st.params.stride_rows, st.params.stride_cols));
            f.add("pad", padding_name(st.params.padding));
            const bool course = st.input == course_example_input(), mnist = !mnist7.empty() && st.input == mnist7;
            f.add("in", course ? "course" : mnist ? "mnist7" : grid_to_link(st.input));
            f.add("step", std::to_string(steps_current(st) + 1));
            if (st.speed != 1.0f) f.add("speed", format_value(st.speed));
            break;
        }
        case LinkScene::Shift: {
            const ShiftScene& sh = s.shift;
            const bool preset = sh.preset != "custom" && sh.feature == shift_preset(sh.preset, sh.feature.rows, mnist7);
            f.add("in", preset ? (sh.preset == "mnist7" ? sh.preset : sh.preset + ":" + std::to_string(sh.feature.rows)) : grid_to_link(sh.feature));
            f.add("dx", std::to_string(sh.dx));
            f.add("dy", std::to_string(sh.dy));
            f.add("fill", sh.fill == ShiftFill::Zero ? "zero" : "circular");
            f.add("focus", downsample_name(sh.focus));
            f.add("size", pair_text(sh.params.pool.size_rows, sh.params.pool.size_cols));
            f.add("stride", pair_text(sh.params.pool.stride_rows, sh.params.pool.stride_cols));
            f.add("pad", padding_name(sh.params.pool.padding));
            f.add("blur", std::to_string(sh.params.blur_size));
            f.add("range", std::to_string(sh.sweep_range));
            f.add("layers", std::to_string(sh.layers));
            f.add("tab", s.shift_tab);
            const ShiftScene defaults;
            for (size_t i = 0; i < sh.fabric.size(); ++i) {
                if (sh.fabric[i] != defaults.fabric[i]) f.add("fabric" + std::to_string(i + 1), grid_to_link(sh.fabric[i]));
            }
            break;
        }
        case LinkScene::Fields: {
            const FieldScene& fs = s.fields;
            const ModelPreset* p = find_model_preset(fs.preset);
            f.add("model", p && p->model == fs.model ? fs.preset : model_to_link(fs.model));
            if (fs.unit_layer >= 0) {
                f.add("unit", std::to_string(fs.unit_layer + 1) + "," + std::to_string(fs.unit_row + 1) + "," + std::to_string(fs.unit_col + 1));
            }
            if (fs.without_pool) f.add("nopool", "1");
            break;
        }
        case LinkScene::Image: {
            const ImageScene& im = s.image;
            f.add("src", im.source);
            f.add("tab", s.image_tab);
            f.add("stages", std::to_string(im.stage_count));
            for (int k = 0; k < im.stage_count; ++k) f.add("k" + std::to_string(k + 1), kernel_to_link(im.stages[static_cast<size_t>(k)]));
            f.add("cpad", padding_name(im.conv_padding));
            f.add("relu", im.use_relu ? "1" : "0");
            f.add("pool", op_name(im.pool_op));
            f.add("dk", im.digit_kernel);
            if (im.digit != image_digit_example_pad()) f.add("digit", grid_to_link(im.digit));
            break;
        }
    }
    return f.text();
}

LinkState read_link(std::string_view fragment, const LinkState& defaults, const Grid& mnist7, std::vector<std::string>* notices) {
    LinkState s = defaults;
    if (!fragment.empty() && fragment[0] == '#') fragment.remove_prefix(1);
    if (fragment.size() > 65536) {
        notices->push_back("the link is too long to read (" + std::to_string(fragment.size()) + " characters)");
        return s;
    }
    // Split into fields; decode each value.
    std::vector<std::pair<std::string, std::string>> items;
    size_t pos = 0;
    while (pos < fragment.size()) {
        size_t amp = fragment.find('&', pos);
        if (amp == std::string_view::npos) amp = fragment.size();
        const std::string_view item = fragment.substr(pos, amp - pos);
        pos = amp + 1;
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos) {
            notices->push_back("'" + percent_decode(item.substr(0, 40)) + "' has no value");
            continue;
        }
        items.emplace_back(percent_decode(item.substr(0, eq)), percent_decode(item.substr(eq + 1)));
    }
    auto get = [&](const std::string& key) -> const std::string* {
        for (auto& kv : items) {
            if (kv.first == key) return &kv.second;
        }
        return nullptr;
    };
    std::vector<std::string> used = {"v", "scene"};
    auto bad = [&](const std::string& key, const std::string& why) {
        const std::string* v = get(key);
        notices->push_back("ignored " + key + "=" + (v ? v->substr(0, 40) : "") + ": " + why);
    };
    if (const std::string* v = get("v"); v && *v != std::to_string(kLinkVersion)) {
        notices->push_back("the link is version " + v->substr(0, 8) + "; this PoolLab reads version " + std::to_string(kLinkVersion) +
                           ", so some settings may be lost");
    }
    if (const std::string* v = get("scene")) {
        if (*v == "steps") s.scene = LinkScene::Steps;
        else if (*v == "shift") s.scene = LinkScene::Shift;
        else if (*v == "fields") s.scene = LinkScene::Fields;
        else if (*v == "image") s.scene = LinkScene::Image;
        else bad("scene", "the scenes are steps, shift, fields and image");
    }
    auto flag = [&](const std::string& key, bool* out) {
        used.push_back(key);
        if (const std::string* v = get(key)) {
            if (*v == "1" || *v == "0") {
                *out = *v == "1";
            } else {
                bad(key, key + " is 0 or 1");
            }
        }
    };
    flag("embed", &s.embed);
    flag("controls", &s.controls);
    auto field = [&](const std::string& key, auto apply) {
        used.push_back(key);
        const std::string* v = get(key);
        if (!v) return;
        const std::string why = apply(*v);
        if (!why.empty()) bad(key, why);
    };

    if (s.scene == LinkScene::Steps) {
        StepsScene& st = s.steps;
        field("in", [&](const std::string& v) -> std::string {
            if (v == "course") {
                steps_load(st, course_example_input(), st.params, "course");
            } else if (v == "mnist7") {
                steps_load(st, mnist7, st.params, "mnist7");
            } else {
                Result<Grid> g = grid_from_link(v, kStepsMaxSide);
                if (!g.ok()) return g.error;
                if (std::string e = check_grid(g.value); !e.empty()) return e;
                steps_load(st, g.value, st.params, "custom");
            }
            return {};
        });
        PoolParams p = st.params;
        field("op", [&](const std::string& v) -> std::string { return parse_op(v, &p.op) ? "" : "the operations are max, average and min"; });
        field("size", [&](const std::string& v) -> std::string {
            return pair(v, 1, 8, &p.size_rows, &p.size_cols) ? "" : "the window is N or RxC, 1 to 8";
        });
        field("stride", [&](const std::string& v) -> std::string {
            return pair(v, 1, 8, &p.stride_rows, &p.stride_cols) ? "" : "the stride is N or RxC, 1 to 8";
        });
        field("pad", [&](const std::string& v) -> std::string { return parse_padding(v, &p.padding) ? "" : "padding is valid or same"; });
        steps_set_params(st, p);
        field("step", [&](const std::string& v) -> std::string {
            long long n;
            if (!whole(v, 1, 1 << 20, &n) || n > steps_count(st)) return "there are " + std::to_string(steps_count(st)) + " steps";
            steps_seek(st, static_cast<double>(n - 1));
            return {};
        });
        field("speed", [&](const std::string& v) -> std::string {
            Result<float> x = parse_number(v);
            if (!x.ok() || x.value < kStepsMinSpeed || x.value > kStepsMaxSpeed) return "the speed is 0.25 to 30 steps a second";
            steps_set_speed(st, x.value);
            return {};
        });
    } else if (s.scene == LinkScene::Shift) {
        ShiftScene& sh = s.shift;
        field("in", [&](const std::string& v) -> std::string {
            const size_t colon = v.find(':');
            const std::string name = v.substr(0, colon);
            long long side = sh.feature.rows;
            bool known = false;
            for (const char* p : kShiftPresets) known = known || name == p;
            if (known) {
                if (name != "mnist7" && colon != std::string::npos && !whole(std::string_view(v).substr(colon + 1), kShiftMinSide, kShiftMaxSide, &side)) {
                    return "the size is " + std::to_string(kShiftMinSide) + " to " + std::to_string(kShiftMaxSide);
                }
                sh.feature = shift_preset(name, static_cast<int>(side), mnist7);
                sh.preset = name;
            } else {
                Result<Grid> g = grid_from_link(v, kShiftMaxSide);
                if (!g.ok()) return g.error;
                if (g.value.rows < kShiftMinSide || g.value.cols < kShiftMinSide) return "the feature map is at least 8 x 8";
                if (std::string e = check_grid(g.value); !e.empty()) return e;
                sh.feature = g.value;
                sh.preset = "custom";
            }
            return {};
        });
        DownsampleParams p = sh.params;
        field("focus", [&](const std::string& v) -> std::string { return parse_downsample(v, &sh.focus) ? "" : "not one of the seven operations"; });
        field("size", [&](const std::string& v) -> std::string {
            return pair(v, 1, 8, &p.pool.size_rows, &p.pool.size_cols) ? "" : "the window is N or RxC, 1 to 8";
        });
        field("stride", [&](const std::string& v) -> std::string {
            return pair(v, 1, 8, &p.pool.stride_rows, &p.pool.stride_cols) ? "" : "the stride is N or RxC, 1 to 8";
        });
        field("pad", [&](const std::string& v) -> std::string { return parse_padding(v, &p.pool.padding) ? "" : "padding is valid or same"; });
        field("blur", [&](const std::string& v) -> std::string {
            long long n;
            if (!whole(v, 2, 5, &n)) return "the blur size is 2 to 5";
            p.blur_size = static_cast<int>(n);
            return {};
        });
        sh.params = p;
        field("fill", [&](const std::string& v) -> std::string {
            if (v != "zero" && v != "circular") return "fill is zero or circular";
            sh.fill = v == "zero" ? ShiftFill::Zero : ShiftFill::Circular;
            return {};
        });
        field("range", [&](const std::string& v) -> std::string {
            long long n;
            if (!whole(v, 1, 8, &n)) return "the sweep range is 1 to 8";
            sh.sweep_range = static_cast<int>(n);
            return {};
        });
        field("layers", [&](const std::string& v) -> std::string {
            long long n;
            if (!whole(v, 1, kShiftMaxLayers, &n)) return "layers are 1 to 3";
            sh.layers = static_cast<int>(n);
            return {};
        });
        for (int dir = 0; dir < 2; ++dir) {
            field(dir ? "dy" : "dx", [&](const std::string& v) -> std::string {
                const long long lim = (dir ? sh.feature.rows : sh.feature.cols) - 1;
                long long n;
                if (!whole(v, -lim, lim, &n)) return "the shift is -" + std::to_string(lim) + " to " + std::to_string(lim);
                (dir ? sh.dy : sh.dx) = static_cast<int>(n);
                return {};
            });
        }
        field("tab", [&](const std::string& v) -> std::string {
            for (const char* t : kShiftTabs) {
                if (v == t) {
                    s.shift_tab = v;
                    return {};
                }
            }
            return "the tabs are shift, compare, sweep, stacking and fabric";
        });
        for (size_t i = 0; i < sh.fabric.size(); ++i) {
            field("fabric" + std::to_string(i + 1), [&](const std::string& v) -> std::string {
                Result<Grid> g = grid_from_link(v, 16);
                if (!g.ok()) return g.error;
                if (std::string e = check_grid(g.value); !e.empty()) return e;
                sh.fabric[i] = g.value;
                return {};
            });
        }
        shift_refresh(sh);
    } else if (s.scene == LinkScene::Image) {
        ImageScene& im = s.image;
        field("src", [&](const std::string& v) -> std::string {
            if (v == "file") return "the picture was a file of the student's own, which a link cannot carry";
            return image_choose_source(im, v) ? "" : "the pictures are rocket, astronaut, text, cat, stripes, checkerboard, grating and zone-plate";
        });
        field("tab", [&](const std::string& v) -> std::string {
            for (const char* t : kImageTabs) {
                if (v == t) {
                    s.image_tab = v;
                    return {};
                }
            }
            return "the tabs are pyramid, features and digit";
        });
        field("stages", [&](const std::string& v) -> std::string {
            long long n;
            if (!whole(v, 1, kImageMaxStages, &n)) return "stages are 1 or 2";
            im.stage_count = static_cast<int>(n);
            return {};
        });
        for (int k = 0; k < kImageMaxStages; ++k) {
            field("k" + std::to_string(k + 1), [&](const std::string& v) -> std::string {
                ImageStage& st = im.stages[static_cast<size_t>(k)];
                if (!image_kernel(v).empty()) {
                    st.kernel_name = v;
                    st.kernel = image_kernel(v);
                    return {};
                }
                Result<Grid> g = grid_from_link(v, kMaxKernelSide);
                if (!g.ok()) return "not a kernel name, and " + g.error;
                if (std::string e = check_grid(g.value); !e.empty()) return e;
                st.kernel_name = "custom";
                st.kernel = g.value;
                return {};
            });
        }
        field("cpad", [&](const std::string& v) -> std::string { return parse_padding(v, &im.conv_padding) ? "" : "padding is valid or same"; });
        field("relu", [&](const std::string& v) -> std::string {
            if (v != "0" && v != "1") return "relu is 0 or 1";
            im.use_relu = v == "1";
            return {};
        });
        field("pool", [&](const std::string& v) -> std::string {
            PoolOp op;
            if (!parse_op(v, &op) || op == PoolOp::Min) return "pooling is max or average";
            im.pool_op = op;
            return {};
        });
        field("dk", [&](const std::string& v) -> std::string {
            if (image_kernel(v).empty()) return "not one of the filters";
            im.digit_kernel = v;
            return {};
        });
        field("digit", [&](const std::string& v) -> std::string {
            Result<Grid> g = grid_from_link(v, kDigitSide);
            if (!g.ok()) return g.error;
            if (g.value.rows != kDigitSide || g.value.cols != kDigitSide) return "the digit pad is 28 x 28";
            if (std::string e = check_grid(g.value); !e.empty()) return e;
            for (float& x : g.value.values) x = std::clamp(x, 0.0f, 1.0f);
            im.digit = g.value;
            return {};
        });
        image_refresh(im);
    } else {
        FieldScene& fs = s.fields;
        field("model", [&](const std::string& v) -> std::string {
            if (find_model_preset(v)) {
                field_load_preset(fs, v);
                return {};
            }
            Result<Model> m = model_from_link(v);
            if (!m.ok()) return m.error;
            fs.model = m.value;
            fs.preset = "custom";
            fs.shown = Model{};
            fs.shown_summary = Summary{};
            field_refresh(fs);
            return {};
        });
        field("nopool", [&](const std::string& v) -> std::string {
            if (v != "0" && v != "1") return "nopool is 0 or 1";
            fs.without_pool = v == "1";
            field_refresh(fs);
            return {};
        });
        field("unit", [&](const std::string& v) -> std::string {
            long long l, r, c;
            const size_t a = v.find(','), b = v.find(',', a == std::string::npos ? a : a + 1);
            if (a == std::string::npos || b == std::string::npos || !whole(std::string_view(v).substr(0, a), 1, 64, &l) ||
                !whole(std::string_view(v).substr(a + 1, b - a - 1), 1, 100000, &r) || !whole(std::string_view(v).substr(b + 1), 1, 100000, &c)) {
                return "the unit is layer,row,column counting from 1";
            }
            field_pick_unit(fs, static_cast<int>(l - 1), static_cast<int>(r - 1), static_cast<int>(c - 1));
            if (fs.unit_layer != l - 1) return "there is no layer " + std::to_string(l) + " to pick a unit in";
            return {};
        });
    }
    for (const auto& [k, v] : items) {
        if (std::find(used.begin(), used.end(), k) == used.end()) notices->push_back("ignored the unknown field '" + k.substr(0, 24) + "'");
    }
    return s;
}

}  // namespace pl
