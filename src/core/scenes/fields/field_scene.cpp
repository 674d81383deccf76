#include "core/scenes/fields/field_scene.h"

#include <algorithm>

#include "core/csv.h"
#include "core/json.h"

namespace pl {

namespace {

const Model& active(const FieldScene& s) { return s.without_pool ? s.plain : s.shown; }
const Summary& active_summary(const FieldScene& s) { return s.without_pool ? s.plain_summary : s.shown_summary; }

bool windowed(LayerKind k) { return k == LayerKind::Conv2D || is_windowed_pool(k); }

std::string pair_text(int h, int w) { return h == w ? size_text(h, h) : size_text(h, w); }

}  // namespace

FieldScene field_scene_default() {
    FieldScene s;
    field_load_preset(s, "conv-pool-conv");
    return s;
}

void field_refresh(FieldScene& s) {
    s.summary = summarize(s.model);
    if (s.summary.error.empty()) {
        s.shown = s.model;
        s.shown_summary = s.summary;
    } else if (s.shown.layers.empty() && s.shown_summary.layers.empty()) {
        // Nothing valid yet: show the layers that do work.
        s.shown = s.model;
        s.shown.layers.resize(s.summary.layers.size());
        s.shown_summary = summarize(s.shown);
    }
    s.plain = without_pooling(s.shown);
    s.plain_summary = summarize(s.plain);
    // Keep the picked unit inside its layer.
    const Summary& sum = active_summary(s);
    if (s.unit_layer >= static_cast<int>(sum.layers.size())) s.unit_layer = -1;
    if (s.unit_layer >= 0) {
        const Shape& out = sum.layers[static_cast<size_t>(s.unit_layer)].out;
        if (out.rank != 3) {
            s.unit_row = s.unit_col = 0;
        } else {
            s.unit_row = static_cast<int>(std::clamp<long long>(s.unit_row, 0, out.h - 1));
            s.unit_col = static_cast<int>(std::clamp<long long>(s.unit_col, 0, out.w - 1));
        }
    }
}

void field_load_preset(FieldScene& s, const std::string& name) {
    const ModelPreset* p = find_model_preset(name);
    if (!p) return;
    s.model = p->model;
    s.preset = name;
    s.shown = Model{};
    s.shown_summary = Summary{};
    s.unit_layer = static_cast<int>(p->model.layers.size()) - 1;
    s.unit_row = s.unit_col = 0;
    // Pick a unit in the middle of the last spatial layer, where the field is not clipped.
    field_refresh(s);
    for (int l = static_cast<int>(s.shown_summary.layers.size()) - 1; l >= 0; --l) {
        const Shape& out = s.shown_summary.layers[static_cast<size_t>(l)].out;
        if (out.rank == 3) {
            s.unit_layer = l;
            s.unit_row = static_cast<int>(out.h / 2);
            s.unit_col = static_cast<int>(out.w / 2);
            break;
        }
    }
    field_refresh(s);
}

void field_set_input(FieldScene& s, long long h, long long w, long long c) {
    s.model.input = {3, h, w, c};
    s.preset = "custom";
    field_refresh(s);
}

void field_insert_layer(FieldScene& s, int index, const Layer& layer) {
    if (index < 0 || index > static_cast<int>(s.model.layers.size()) || s.model.layers.size() >= 64) return;
    s.model.layers.insert(s.model.layers.begin() + index, layer);
    s.preset = "custom";
    field_refresh(s);
}

void field_remove_layer(FieldScene& s, int index) {
    if (index < 0 || index >= static_cast<int>(s.model.layers.size())) return;
    s.model.layers.erase(s.model.layers.begin() + index);
    s.preset = "custom";
    field_refresh(s);
}

void field_move_layer(FieldScene& s, int index, int delta) {
    const int to = index + delta;
    if (index < 0 || index >= static_cast<int>(s.model.layers.size()) || to < 0 || to >= static_cast<int>(s.model.layers.size())) return;
    std::swap(s.model.layers[static_cast<size_t>(index)], s.model.layers[static_cast<size_t>(to)]);
    s.preset = "custom";
    field_refresh(s);
}

void field_duplicate_layer(FieldScene& s, int index) {
    if (index < 0 || index >= static_cast<int>(s.model.layers.size())) return;
    field_insert_layer(s, index + 1, s.model.layers[static_cast<size_t>(index)]);
}

void field_set_layer(FieldScene& s, int index, const Layer& layer) {
    if (index < 0 || index >= static_cast<int>(s.model.layers.size())) return;
    s.model.layers[static_cast<size_t>(index)] = layer;
    s.preset = "custom";
    field_refresh(s);
}

void field_pick_unit(FieldScene& s, int layer, int row, int col) {
    s.unit_layer = layer;
    s.unit_row = row;
    s.unit_col = col;
    field_refresh(s);
}

Region field_region_on(const FieldScene& s, int on) {
    const Model& m = active(s);
    const Summary& sum = active_summary(s);
    const int L = s.unit_layer;
    if (L < 0 || L >= static_cast<int>(sum.layers.size()) || on >= L) return {s.unit_row, s.unit_row, s.unit_col, s.unit_col};
    const Shape below = on < 0 ? m.input : sum.layers[static_cast<size_t>(on)].out;
    FieldAxis fh, fw;
    bool whole = false;
    for (int l = on + 1; l <= L; ++l) {
        const Layer& layer = m.layers[static_cast<size_t>(l)];
        const LayerInfo& info = sum.layers[static_cast<size_t>(l)];
        if (windowed(layer.kind)) {
            fh.size += static_cast<long long>(window_extent(layer, true) - 1) * fh.jump;
            fw.size += static_cast<long long>(window_extent(layer, false) - 1) * fw.jump;
            fh.start -= info.pad_top * fh.jump;
            fw.start -= info.pad_left * fw.jump;
            fh.jump *= layer.stride_h;
            fw.jump *= layer.stride_w;
        } else if (layer.kind != LayerKind::Dense || info.out.rank != 3) {
            whole = true;  // Flatten, global pooling, Dense on a vector
        }
    }
    if (whole || below.rank != 3) return {0, below.h - 1, 0, below.w - 1};
    Region r;
    r.row0 = fh.start + s.unit_row * fh.jump;
    r.row1 = r.row0 + fh.size - 1;
    r.col0 = fw.start + s.unit_col * fw.jump;
    r.col1 = r.col0 + fw.size - 1;
    return r;
}

namespace {

bool is_pool(LayerKind k) { return is_windowed_pool(k); }

// Where along one axis the unit's field is centred, in input pixels (twice, to stay whole).
long long centre2(const FieldAxis& a, int unit) { return 2 * (a.start + static_cast<long long>(unit) * a.jump) + (a.size - 1); }

// The unit of an axis whose field is centred nearest `c2` (twice the pixel), within [0, n).
int unit_near(const FieldAxis& a, long long c2, long long n) {
    const long long jump2 = 2 * std::max<long long>(1, a.jump);
    const long long u = (c2 - (2 * a.start + (a.size - 1)) + jump2 / 2) / jump2;
    return static_cast<int>(std::clamp<long long>(u, 0, std::max<long long>(0, n - 1)));
}

}  // namespace

void field_toggle_pooling(FieldScene& s) {
    const Model& from = active(s);
    const Summary& from_sum = active_summary(s);
    const int L = s.unit_layer;
    const bool in_range = L >= 0 && L < static_cast<int>(from_sum.layers.size());
    // A Flatten, Dense or global unit sees the whole input: it has no place to
    // keep, but its layer is kept all the same.
    const bool picked = in_range && !from_sum.layers[static_cast<size_t>(L)].whole_input;
    long long cr = 0, cc = 0;
    int kept = -1;  // the picked layer's index among the layers that are not pooling
    if (in_range) {
        for (int l = 0; l <= L; ++l) kept += s.without_pool || !is_pool(from.layers[static_cast<size_t>(l)].kind);
    }
    if (picked) {
        cr = centre2(from_sum.layers[static_cast<size_t>(L)].rf_h, s.unit_row);
        cc = centre2(from_sum.layers[static_cast<size_t>(L)].rf_w, s.unit_col);
    }
    s.without_pool = !s.without_pool;
    field_refresh(s);
    if (L < 0) return;
    // The same layer in the other stack: its kept-th non-pooling layer.
    const Model& to = active(s);
    int target = -1;
    for (int l = 0, seen = -1; l < static_cast<int>(to.layers.size()); ++l) {
        if (!s.without_pool && is_pool(to.layers[static_cast<size_t>(l)].kind)) continue;
        if (++seen == kept) {
            target = l;
            break;
        }
    }
    const Summary& to_sum = active_summary(s);
    if (target < 0 || target >= static_cast<int>(to_sum.layers.size())) {
        s.unit_layer = -1;
        return;
    }
    const LayerInfo& info = to_sum.layers[static_cast<size_t>(target)];
    if (!picked || info.whole_input || info.out.rank != 3) {
        field_pick_unit(s, target, 0, 0);
        return;
    }
    field_pick_unit(s, target, unit_near(info.rf_h, cr, info.out.h), unit_near(info.rf_w, cc, info.out.w));
}

namespace {

// What removing the pooling layers would do to the picked unit (layer L of
// the shown stack, seeing info): only the pools before it change its field.
std::string without_pooling_note(const FieldScene& s, const Model& m, const LayerInfo& info, int L) {
    int pools_before = 0, kept = -1;
    for (int l = 0; l <= L; ++l) {
        const bool pool = is_pool(m.layers[static_cast<size_t>(l)].kind);
        pools_before += pool;
        kept += !pool;
    }
    if (m.layers.size() == s.plain.layers.size()) return {};  // no pooling layer at all
    const int pools = static_cast<int>(m.layers.size() - s.plain.layers.size());
    if (pools_before == 0) {
        return pools == 1 ? " The pooling layer comes after this unit, so removing it would not change what the unit sees."
                          : " No pooling layer comes before this unit, so removing them would not change what it sees.";
    }
    if (kept < 0 || kept >= static_cast<int>(s.plain_summary.layers.size()) || s.plain_summary.layers[static_cast<size_t>(kept)].whole_input) {
        return {};
    }
    const LayerInfo& p = s.plain_summary.layers[static_cast<size_t>(kept)];
    const bool same = p.rf_h.size == info.rf_h.size && p.rf_w.size == info.rf_w.size;
    const std::string which = pools_before == pools ? "the pooling layers"
                              : pools_before == 1   ? "the pooling layer before it,"
                                                    : "the " + count_text(pools_before) + " pooling layers before it,";
    std::string t = " Without " + which + " it would see " + (same ? "the same " : "only ") + size_text(p.rf_h.size, p.rf_w.size);
    if (s.plain_summary.total_macs != s.shown_summary.total_macs) {
        t += ", and the whole stack would cost " + count_text(s.plain_summary.total_macs) + " multiply-adds instead of " +
             count_text(s.shown_summary.total_macs);
    }
    return t + ".";
}

}  // namespace

namespace {

// How the layers up to L grew the field along one axis, as a sentence's
// tail: ": 1 to start, + 2 from layer 1 (Conv2D 3×3), ...".
std::string field_growth(const Model& m, int L, bool rows) {
    int windowed_layers = 0;
    for (int l = 0; l <= L; ++l) windowed_layers += windowed(m.layers[static_cast<size_t>(l)].kind);
    std::string text;
    long long jump = 1;
    if (windowed_layers > 6) {  // a deep stack: the totals say more than a list
        long long conv_growth = 0, pool_growth = 0;
        int convs = 0, pools = 0;
        for (int l = 0; l <= L; ++l) {
            const Layer& layer = m.layers[static_cast<size_t>(l)];
            if (!windowed(layer.kind)) continue;
            const long long grow = static_cast<long long>(window_extent(layer, rows) - 1) * jump;
            (layer.kind == LayerKind::Conv2D ? conv_growth : pool_growth) += grow;
            (layer.kind == LayerKind::Conv2D ? convs : pools) += 1;
            jump *= rows ? layer.stride_h : layer.stride_w;
        }
        text += ": 1 to start, + " + count_text(conv_growth) + " from its " + count_text(convs, "convolution");
        if (pools > 0) text += " and + " + count_text(pool_growth) + " from its " + count_text(pools, "pooling layer");
        text += ".";
        if (jump > 1) {
            text += " Each stride multiplies the step, so a late 3×3 convolution adds far more than an early one: by this layer one "
                    "step is " + count_text(jump, "input pixel") + ".";
        }
        return text;
    }
    text += ": 1 to start";
    for (int l = 0; l <= L; ++l) {
        const Layer& layer = m.layers[static_cast<size_t>(l)];
        if (!windowed(layer.kind)) continue;
        const long long grow = static_cast<long long>(window_extent(layer, rows) - 1) * jump;
        const int stride = rows ? layer.stride_h : layer.stride_w;
        text += ", + " + count_text(grow) + " from layer " + count_text(l + 1) + " (" + layer_kind_title(layer.kind) + " " +
                pair_text(layer.kernel_h, layer.kernel_w);
        if (jump > 1 && grow > 0) text += ", " + count_text(grow / jump, "more step") + " of " + count_text(jump, "pixel");
        jump *= stride;
        if (stride > 1) text += ", after which one step is " + count_text(jump, "pixel");
        text += ")";
    }
    return text + ".";
}

}  // namespace

std::string field_explanation(const FieldScene& s) {
    const Model& m = active(s);
    const Summary& sum = active_summary(s);
    const int L = s.unit_layer;
    if (L < 0 || L >= static_cast<int>(sum.layers.size())) return "Click any unit of any layer to see which part of the input it sees.";
    const LayerInfo& info = sum.layers[static_cast<size_t>(L)];
    std::string text = "This unit of layer " + count_text(L + 1) + " (" + layer_kind_title(m.layers[static_cast<size_t>(L)].kind) + ") ";
    if (info.whole_input) {
        return text + "sees the whole input: after Flatten, global pooling or a Dense layer on a vector, every unit depends on "
                      "every input pixel, and no position is left.";
    }
    text += "sees " + size_text(info.rf_h.size, info.rf_w.size) + " input pixels";
    // How each layer grew the field, along rows and along columns: once when
    // both axes grow alike, else each axis with its own sum.
    const bool alike = info.rf_h.size == info.rf_w.size && info.rf_h.jump == info.rf_w.jump &&
                       field_growth(m, L, true) == field_growth(m, L, false);
    if (alike) return text + field_growth(m, L, true) + (s.without_pool ? "" : without_pooling_note(s, m, info, L));
    text += ". Along rows, " + count_text(info.rf_h.size, "pixel") + field_growth(m, L, true) + " Along columns, " +
            count_text(info.rf_w.size, "pixel") + field_growth(m, L, false);
    if (!s.without_pool) text += without_pooling_note(s, m, info, L);
    return text;
}

std::string field_scene_json(const FieldScene& s) {
    JsonWriter j;
    j.begin_object();
    j.key("scene").value("fields");
    j.key("preset").value(s.preset);
    j.key("error").value(s.summary.error);
    j.key("failed").value(s.summary.failed);
    j.key("without_pool").value(s.without_pool);
    const Summary& sum = active_summary(s);
    j.key("layers").begin_array();
    for (size_t i = 0; i < sum.layers.size(); ++i) {
        const LayerInfo& l = sum.layers[i];
        j.begin_object();
        j.key("type").value(layer_kind_name(active(s).layers[i].kind));
        j.key("shape").value(shape_text(l.out));
        j.key("params").value(l.params);
        j.key("rf").begin_array().value(l.rf_h.size).value(l.rf_w.size).end_array();
        j.key("jump").begin_array().value(l.rf_h.jump).value(l.rf_w.jump).end_array();
        j.key("whole_input").value(l.whole_input);
        j.end_object();
    }
    j.end_array();
    j.key("total_params").value(sum.total_params);
    j.key("total_macs").value(sum.total_macs);
    j.key("unit").begin_array().value(s.unit_layer).value(s.unit_row).value(s.unit_col).end_array();
    const Region r = field_region_on(s, -1);
    j.key("region").begin_array().value(r.row0).value(r.row1)
        .value(r.col0).value(r.col1).end_array();
    j.key("explanation").value(field_explanation(s));
    j.key("model").value(model_to_json(s.model));
    j.end_object();
    return j.str();
}

}  // namespace pl
