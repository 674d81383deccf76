#include "core/link.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/conv.h"
#include "core/csv.h"
#include "core/parse.h"

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

}  // namespace

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
    if (colon == std::string_view::npos || !parse_size_pair(text.substr(0, colon), 1, max_side, &rows, &cols)) {
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
            if (!parse_whole(token.substr(star + 1), 1, static_cast<long long>(cells), &run)) return R::failure("a run must be value*count");
            token = token.substr(0, star);
        }
        Result<float> v = parse_number(token);
        if (!v.ok()) return R::failure("value " + std::to_string(at + 1) + ": " + v.error);
        if (at + static_cast<size_t>(run) > cells) return R::failure("more values than " + size_text(rows, cols));
        std::fill(g.values.begin() + static_cast<long>(at), g.values.begin() + static_cast<long>(at + static_cast<size_t>(run)), v.value);
        at += static_cast<size_t>(run);
        pos = comma + 1;
    }
    if (at != cells) return R::failure(count_text(static_cast<long long>(at), "value") + " for " + size_text(rows, cols) + " cells");
    return R::success(std::move(g));
}

// ----------------------------------------------------------------- models --

std::string model_to_link(const Model& m) {
    std::string out = std::to_string(m.input.h) + "x" + std::to_string(m.input.w) + "x" + std::to_string(m.input.c);
    for (const Layer& l : m.layers) {
        out += ';';
        switch (l.kind) {
            case LayerKind::Conv2D:
                out += "c" + std::to_string(l.units) + "k" + size_pair_text(l.kernel_h, l.kernel_w);
                if (l.stride_h != 1 || l.stride_w != 1) out += "s" + size_pair_text(l.stride_h, l.stride_w);
                if (l.dilation_h != 1 || l.dilation_w != 1) out += "d" + size_pair_text(l.dilation_h, l.dilation_w);
                if (l.padding == Padding::Same) out += "ps";
                break;
            case LayerKind::MaxPool:
            case LayerKind::AvgPool:
                out += (l.kind == LayerKind::MaxPool ? "m" : "a") + size_pair_text(l.kernel_h, l.kernel_w);
                if (l.stride_h != l.kernel_h || l.stride_w != l.kernel_w) out += "s" + size_pair_text(l.stride_h, l.stride_w);
                if (l.padding == Padding::Same) out += "ps";
                break;
            case LayerKind::BlurPool:  // the stride defaults to 2 whatever the window
                out += "b" + size_pair_text(l.kernel_h, l.kernel_w);
                if (l.stride_h != 2 || l.stride_w != 2) out += "s" + size_pair_text(l.stride_h, l.stride_w);
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

namespace {

// The digits (and 'x') at the front of *s, taken off it: "3x2s2" gives "3x2", leaving "s2".
std::string_view take_number(std::string_view* s) {
    size_t n = 0;
    while (n < s->size() && (std::isdigit(static_cast<unsigned char>((*s)[n])) || (*s)[n] == 'x')) ++n;
    const std::string_view num = s->substr(0, n);
    *s = s->substr(n);
    return num;
}

// A layer's letter-number options ("k3s2d2ps"); kernel and dilation only on a conv.
bool read_layer_options(std::string_view s, bool conv, Layer* l) {
    while (!s.empty()) {
        const char o = s[0];
        s = s.substr(1);
        if (o == 'p') {
            if (s.empty() || (s[0] != 's' && s[0] != 'v')) return false;
            l->padding = s[0] == 's' ? Padding::Same : Padding::Valid;
            s = s.substr(1);
            continue;
        }
        const std::string_view num = take_number(&s);
        bool ok = false;
        if (o == 'k' && conv) ok = parse_size_pair(num, 1, 1000, &l->kernel_h, &l->kernel_w);
        if (o == 's') ok = parse_size_pair(num, 1, 1000, &l->stride_h, &l->stride_w);
        if (o == 'd' && conv) ok = parse_size_pair(num, 1, 1000, &l->dilation_h, &l->dilation_w);
        if (!ok) return false;
    }
    return true;
}

// One layer of a model link ("c32k3", "m2s1ps", "g", "d10"); `who` names it in the error.
Result<Layer> read_layer(std::string_view t, const std::string& who) {
    using R = Result<Layer>;
    const char kind = t[0];
    std::string_view rest = t.substr(1);
    Layer l;
    long long n;
    switch (kind) {
        case 'c':
            l = conv2d(1, 1);
            if (!parse_whole(take_number(&rest), 1, 100000, &n) || !read_layer_options(rest, true, &l)) {
                return R::failure(who + ": a conv is c<filters>k<kernel>[s<stride>][d<dilation>][ps]");
            }
            l.units = static_cast<int>(n);
            return R::success(l);
        case 'm':
        case 'a':
            l = kind == 'm' ? max_pool(2) : avg_pool(2);
            if (!parse_size_pair(take_number(&rest), 1, 1000, &l.kernel_h, &l.kernel_w)) return R::failure(who + ": a pool is m<window>[s<stride>][ps]");
            l.stride_h = l.kernel_h;
            l.stride_w = l.kernel_w;
            if (!read_layer_options(rest, false, &l)) return R::failure(who + ": a pool is m<window>[s<stride>][ps]");
            return R::success(l);
        case 'b':
            l = blur_pool(2);
            if (!parse_size_pair(take_number(&rest), 1, 1000, &l.kernel_h, &l.kernel_w) || !read_layer_options(rest, false, &l)) {
                return R::failure(who + ": a blur pool is b<window>[s<stride>][ps]");
            }
            return R::success(l);
        case 'd':
            if (!parse_whole(rest, 1, 100000, &n)) return R::failure(who + ": a dense layer is d<units>");
            return R::success(dense(static_cast<int>(n)));
        case 'G':
        case 'g':
        case 'f':
            if (!rest.empty()) return R::failure(who + ": takes no settings");
            return R::success(kind == 'G' ? global_max_pool() : kind == 'g' ? global_avg_pool() : flatten());
        default: return R::failure(who + ": unknown layer kind '" + std::string(1, kind) + "'");
    }
}

}  // namespace

Result<Model> model_from_link(std::string_view text) {
    using R = Result<Model>;
    Model m;
    size_t semi = text.find(';');
    const std::string_view in = text.substr(0, semi);
    const size_t x1 = in.find('x'), x2 = in.rfind('x');
    long long h, w, c;
    if (x1 == std::string_view::npos || x1 == x2 || !parse_whole(in.substr(0, x1), 1, 1024, &h) ||
        !parse_whole(in.substr(x1 + 1, x2 - x1 - 1), 1, 1024, &w) || !parse_whole(in.substr(x2 + 1), 1, 4096, &c)) {
        return R::failure("the input must be HxWxC (sides 1 to 1024, channels 1 to 4096)");
    }
    m.input = {3, h, w, c};
    int index = 0;
    while (semi != std::string_view::npos) {
        const size_t start = semi + 1;
        semi = text.find(';', start);
        const std::string_view t = text.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start);
        ++index;
        const std::string who = "layer " + std::to_string(index) + " ('" + std::string(t.substr(0, 24)) + "')";
        if (t.empty() || index > 64) return R::failure(who + ": empty, or more than 64 layers");
        Result<Layer> l = read_layer(t, who);
        if (!l.ok()) return R::failure(l.error);
        m.layers.push_back(l.value);
    }
    return R::success(std::move(m));
}

// ------------------------------------------------------------------ links --

void LinkReader::field(const std::string& key, const std::function<std::string(const std::string&)>& apply) {
    used_.push_back(key);
    const std::string* v = get(key);
    if (!v) return;
    const std::string why = apply(*v);
    if (!why.empty()) notices_->push_back("ignored " + key + "=" + v->substr(0, 40) + ": " + why);
    // A field given again is not read: which one a link means is anybody's guess, so say which was taken.
    const auto times = std::count_if(items_.begin(), items_.end(), [&](const auto& kv) { return kv.first == key; });
    if (times > 1) {
        const std::string given = key + " is given " + (times == 2 ? std::string("twice") : std::to_string(times) + " times");
        notices_->push_back(why.empty() ? given + "; the first, " + v->substr(0, 40) + ", is used" : given + "; only the first is read");
    }
}

void LinkReader::flag(const std::string& key, bool* out) {
    field(key, [&](const std::string& v) -> std::string {
        if (v != "1" && v != "0") return key + " is 0 or 1";
        *out = v == "1";
        return {};
    });
}

void LinkReader::report_unknown() {
    std::vector<std::string> reported;
    for (const auto& [k, v] : items_) {
        if (std::find(used_.begin(), used_.end(), k) != used_.end() || std::find(reported.begin(), reported.end(), k) != reported.end()) continue;
        notices_->push_back("ignored the unknown field '" + k.substr(0, 24) + "'");
        reported.push_back(k);
    }
}

const std::string* LinkReader::get(const std::string& key) const {
    for (const auto& kv : items_) {
        if (kv.first == key) return &kv.second;
    }
    return nullptr;
}

std::string LinkWriter::text() const {
    std::string out;
    for (const auto& [k, v] : items_) out += (out.empty() ? "" : "&") + k + "=" + v;
    return out;
}

std::string link_fragment(const SceneSet& s) {
    LinkWriter w;
    const SceneModel& scene = scene_model(s.shown);
    w.add("v", std::to_string(kLinkVersion));
    w.add("scene", scene.name);
    if (s.embed) w.add("embed", "1");
    if (!s.controls) w.add("controls", "0");
    if (s.motion != SceneSet::Motion::System) w.add("motion", s.motion == SceneSet::Motion::Reduce ? "reduce" : "full");
    scene.write_link(s.models[static_cast<size_t>(s.shown)], w);
    return w.text();
}

std::string scene_edit_key(Scene scene, const std::any& model) {
    const SceneModel& m = scene_model(scene);
    LinkWriter all;
    m.write_link(model, all);
    const std::string view = std::string(",") + m.view_fields + ",";
    LinkWriter edits;
    for (const auto& [key, value] : all.items()) {
        if (view.find("," + key + ",") == std::string::npos) edits.add(key, value);
    }
    return edits.text();
}

namespace {

// A fragment's key=value fields, decoded; fields without '=' become notices.
std::vector<std::pair<std::string, std::string>> split_fields(std::string_view fragment, std::vector<std::string>* notices) {
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
    return items;
}

}  // namespace

SceneSet read_link(std::string_view fragment, const SceneSet& defaults, std::vector<std::string>* notices) {
    SceneSet s = defaults;
    if (!fragment.empty() && fragment[0] == '#') fragment.remove_prefix(1);
    if (fragment.size() > 65536) {
        notices->push_back("the link is too long to read (" + std::to_string(fragment.size()) + " characters)");
        return s;
    }
    LinkReader r(split_fields(fragment, notices), notices);
    r.field("v", [&](const std::string& v) -> std::string {
        if (v != std::to_string(kLinkVersion)) {
            notices->push_back("the link is version " + v.substr(0, 8) + "; this PoolLab reads version " + std::to_string(kLinkVersion) +
                               ", so some settings may be lost");
        }
        return {};
    });
    r.field("scene", [&](const std::string& v) -> std::string {
        return find_scene(v, &s.shown) ? "" : "the scenes are " + scene_names_text();
    });
    r.flag("embed", &s.embed);
    r.flag("controls", &s.controls);
    r.field("motion", [&](const std::string& v) -> std::string {
        if (v == "reduce") s.motion = SceneSet::Motion::Reduce;
        else if (v == "full") s.motion = SceneSet::Motion::Full;
        else if (v == "system") s.motion = SceneSet::Motion::System;
        else return "motion is reduce, full or system";
        return {};
    });
    scene_model(s.shown).read_link(s.models[static_cast<size_t>(s.shown)], r);
    r.report_unknown();
    // Notices quote the link's own text: whatever it holds (a NUL, a bidi
    // mark), the banner shows it escaped, never cut short or reordered.
    for (std::string& n : *notices) n = printable_text(n);
    return s;
}

}  // namespace pl
