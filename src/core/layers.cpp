#include "core/layers.h"

#include <algorithm>
#include <initializer_list>
#include <limits>

#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"

namespace pl {

namespace {

// Sizes a model may have; beyond them the numbers stop meaning anything to a student.
constexpr long long kMaxElements = 1000000000000LL;
constexpr long long kMaxMultiplyAdds = kMaxElements * 1000;

std::string axis_word(const char* axis) { return std::string(axis) == "rows" ? "height" : "width"; }

// Output length, padding and receptive-field step of one axis of a windowed layer.
Result<PoolAxis> window_axis(long long in, int k, int s, int d, Padding padding, const char* axis, const char* what) {
    using R = Result<PoolAxis>;
    const std::string ax = axis;
    if (k < 1) return R::failure("the " + std::string(what) + " " + axis_word(axis) + " must be at least 1 (it is " + std::to_string(k) + ")");
    if (s < 1) return R::failure("the stride along " + ax + " must be at least 1 (it is " + std::to_string(s) + ")");
    if (d < 1) return R::failure("the dilation along " + ax + " must be at least 1 (it is " + std::to_string(d) + ")");
    if (k > 1000 || s > 1000 || d > 1000) return R::failure(std::string(what) + ", stride and dilation must be at most 1000");
    const long long ek = static_cast<long long>(d) * (k - 1) + 1;  // the dilated extent
    PoolAxis a;
    if (padding == Padding::Valid) {
        if (ek > in) {
            return R::failure("the " + std::string(what) + " (" + std::to_string(ek) + " " + ax + (d > 1 ? ", dilated" : "") +
                              ") is larger than the input (" + std::to_string(in) + " " + ax +
                              "); with 'valid' padding it must fit. Use a smaller " + what + " or 'same' padding.");
        }
        a.out = static_cast<int>((in - ek) / s + 1);
    } else {
        a.out = static_cast<int>((in + s - 1) / s);
        const long long total = std::max<long long>((a.out - 1) * static_cast<long long>(s) + ek - in, 0);
        a.pad_before = static_cast<int>(total / 2);
        a.pad_after = static_cast<int>(total - a.pad_before);
    }
    return R::success(a);
}

// 64-bit arithmetic that says when a result does not fit instead of wrapping
// round (for signed numbers, undefined behaviour). A model's counts grow as
// products of sizes a student may type, so every one is taken through these.
// GCC and Clang (Emscripten's too) check with one instruction.
bool checked_add(long long a, long long b, long long* out) { return !__builtin_add_overflow(a, b, out); }
bool checked_mul(long long a, long long b, long long* out) { return !__builtin_mul_overflow(a, b, out); }
bool checked_product(std::initializer_list<long long> factors, long long* out) {
    long long p = 1;
    for (long long f : factors) {
        if (!checked_mul(p, f, &p)) return false;
    }
    *out = p;
    return true;
}

// a + b and a * b, or the nearest end of the 64-bit line when they do not fit.
long long saturated_add(long long a, long long b) {
    long long r;
    if (checked_add(a, b, &r)) return r;
    return b > 0 ? std::numeric_limits<long long>::max() : std::numeric_limits<long long>::min();
}
long long saturated_mul(long long a, long long b) {
    long long r;
    if (checked_mul(a, b, &r)) return r;
    return (a > 0) == (b > 0) ? std::numeric_limits<long long>::max() : std::numeric_limits<long long>::min();
}

// The field after one windowed layer: size += (extent - 1) * jump, start -= pad * jump,
// jump *= stride. "" or which of them does not fit.
std::string grow_field(FieldAxis* f, int k, int s, int d, int pad_before, const char* axis) {
    const std::string field = std::string("its receptive field's ");
    const std::string along = std::string(" along ") + axis + " does not fit in 64 bits";
    const long long ek = static_cast<long long>(d) * (k - 1) + 1;
    long long growth, shift;
    if (!checked_mul(ek - 1, f->jump, &growth) || !checked_add(f->size, growth, &f->size)) return field + "size" + along;
    if (!checked_mul(pad_before, f->jump, &shift) || !checked_add(f->start, -shift, &f->start)) return field + "start" + along;
    if (!checked_mul(f->jump, s, &f->jump)) return field + "jump" + along;
    return {};
}

Layer make(LayerKind kind, int units, int k, int s, Padding p, int d) {
    Layer l;
    l.kind = kind;
    l.units = units;
    l.kernel_h = l.kernel_w = k;
    l.stride_h = l.stride_w = s;
    l.padding = p;
    l.dilation_h = l.dilation_w = d;
    return l;
}

}  // namespace

const char* layer_kind_name(LayerKind k) {
    switch (k) {
        case LayerKind::Conv2D: return "conv2d";
        case LayerKind::MaxPool: return "maxpool";
        case LayerKind::AvgPool: return "avgpool";
        case LayerKind::BlurPool: return "blurpool";
        case LayerKind::GlobalMaxPool: return "globalmaxpool";
        case LayerKind::GlobalAvgPool: return "globalavgpool";
        case LayerKind::Flatten: return "flatten";
        case LayerKind::Dense: return "dense";
    }
    return "?";
}

const char* layer_kind_title(LayerKind k) {
    switch (k) {
        case LayerKind::Conv2D: return "Conv2D";
        case LayerKind::MaxPool: return "MaxPooling2D";
        case LayerKind::AvgPool: return "AveragePooling2D";
        case LayerKind::BlurPool: return "BlurPool2D";
        case LayerKind::GlobalMaxPool: return "GlobalMaxPooling2D";
        case LayerKind::GlobalAvgPool: return "GlobalAveragePooling2D";
        case LayerKind::Flatten: return "Flatten";
        case LayerKind::Dense: return "Dense";
    }
    return "?";
}

bool parse_layer_kind(const std::string& s, LayerKind* k) {
    for (LayerKind kind : {LayerKind::Conv2D, LayerKind::MaxPool, LayerKind::AvgPool, LayerKind::BlurPool, LayerKind::GlobalMaxPool,
                           LayerKind::GlobalAvgPool, LayerKind::Flatten, LayerKind::Dense}) {
        if (s == layer_kind_name(kind) || s == layer_kind_title(kind)) {
            *k = kind;
            return true;
        }
    }
    return false;
}

bool Layer::operator==(const Layer& o) const {
    return kind == o.kind && units == o.units && kernel_h == o.kernel_h && kernel_w == o.kernel_w && stride_h == o.stride_h &&
           stride_w == o.stride_w && padding == o.padding && dilation_h == o.dilation_h && dilation_w == o.dilation_w;
}

Layer conv2d(int filters, int kernel, Padding padding, int stride, int dilation) {
    return make(LayerKind::Conv2D, filters, kernel, stride, padding, dilation);
}
Layer max_pool(int window, int stride, Padding padding) { return make(LayerKind::MaxPool, 0, window, stride ? stride : window, padding, 1); }
Layer avg_pool(int window, int stride, Padding padding) { return make(LayerKind::AvgPool, 0, window, stride ? stride : window, padding, 1); }
Layer blur_pool(int window, int stride, Padding padding) { return make(LayerKind::BlurPool, 0, window, stride, padding, 1); }
Layer global_max_pool() { return make(LayerKind::GlobalMaxPool, 0, 1, 1, Padding::Valid, 1); }
Layer global_avg_pool() { return make(LayerKind::GlobalAvgPool, 0, 1, 1, Padding::Valid, 1); }
Layer flatten() { return make(LayerKind::Flatten, 0, 1, 1, Padding::Valid, 1); }
Layer dense(int units) { return make(LayerKind::Dense, units, 1, 1, Padding::Valid, 1); }

bool is_windowed_pool(LayerKind k) { return k == LayerKind::MaxPool || k == LayerKind::AvgPool || k == LayerKind::BlurPool; }

int window_extent(const Layer& l, bool rows) {
    const int k = rows ? l.kernel_h : l.kernel_w;
    if (l.kind == LayerKind::Conv2D) return (rows ? l.dilation_h : l.dilation_w) * (k - 1) + 1;
    if (l.kind == LayerKind::BlurPool) return k + 2;
    return k;
}

std::string shape_text(const Shape& s) {
    if (s.rank == 1) return std::to_string(s.c);
    return size_text(s.h, s.w, s.c);
}

namespace {

// The input as a layer "before" the first: every pixel sees itself.
LayerInfo input_info(const Shape& input) {
    LayerInfo info;
    info.out = input;
    return info;
}

// Why a model cannot start from this input, or "" when it can.
std::string input_error(const Shape& in) {
    if (in.rank == 3 && in.h >= 1 && in.w >= 1 && in.c >= 1 && in.h <= kMaxModelSide && in.w <= kMaxModelSide && in.c <= kMaxModelUnits) return "";
    return "the input must be H x W x C with each at least 1 (and H, W at most " + std::to_string(kMaxModelSide) + ", C at most " +
           std::to_string(kMaxModelUnits) + "); it is " + shape_text(in);
}

// A layer's info before it does anything: what its units see so far carries over from the layer before.
LayerInfo carried(const LayerInfo& before) {
    LayerInfo info;
    info.rf_h = before.rf_h;
    info.rf_w = before.rf_w;
    info.whole_input = before.whole_input;
    return info;
}

// Layers that slide over, or flatten, an image: they need rows and columns to work on.
bool needs_image(LayerKind k) { return k != LayerKind::Dense; }

// Conv2D and the windowed poolings: a window per output cell, so the field grows.
Result<LayerInfo> windowed_layer(const Layer& l, const LayerInfo& before) {
    using R = Result<LayerInfo>;
    const Shape& cur = before.out;
    const bool conv = l.kind == LayerKind::Conv2D;
    const char* what = conv ? "kernel" : "window";
    const int dh = conv ? l.dilation_h : 1, dw = conv ? l.dilation_w : 1;
    if (conv && (l.units < 1 || l.units > kMaxModelUnits)) return R::failure("the number of filters must be 1 to " + std::to_string(kMaxModelUnits));
    if (conv && (dh > 1 || dw > 1) && (l.stride_h > 1 || l.stride_w > 1)) {
        return R::failure("Keras does not allow a stride above 1 together with a dilation above 1");
    }
    Result<PoolAxis> ah = window_axis(cur.h, l.kernel_h, l.stride_h, dh, l.padding, "rows", what);
    if (!ah.ok()) return R::failure(ah.error);
    Result<PoolAxis> aw = window_axis(cur.w, l.kernel_w, l.stride_w, dw, l.padding, "columns", what);
    if (!aw.ok()) return R::failure(aw.error);
    LayerInfo info = carried(before);
    info.out = {3, ah.value.out, aw.value.out, conv ? l.units : cur.c};
    info.pad_top = ah.value.pad_before;
    info.pad_left = aw.value.pad_before;
    if (conv) {
        // A weight for each kernel cell, input channel and filter, and a bias for each filter.
        long long weights;
        if (!checked_product({l.kernel_h, l.kernel_w, cur.c, l.units}, &weights) || !checked_add(weights, l.units, &info.params)) {
            return R::failure("its parameters do not fit in 64 bits");
        }
        if (!checked_product({info.out.h, info.out.w, info.out.c, l.kernel_h, l.kernel_w, cur.c}, &info.macs)) {
            return R::failure("its multiply-adds do not fit in 64 bits");
        }
    }
    if (std::string e = grow_field(&info.rf_h, l.kernel_h, l.stride_h, dh, info.pad_top, "rows"); !e.empty()) return R::failure(e);
    if (std::string e = grow_field(&info.rf_w, l.kernel_w, l.stride_w, dw, info.pad_left, "columns"); !e.empty()) return R::failure(e);
    return R::success(info);
}

// One axis of a BlurPool: the max at stride 1, then the blur (one reflected cell each side) at the stride.
Result<PoolAxis> blur_axis(long long in, int k, int s, Padding padding, const char* axis) {
    Result<PoolAxis> max = window_axis(in, k, 1, 1, padding, axis, "window");
    if (!max.ok()) return max;
    if (s < 1 || s > 1000) return Result<PoolAxis>::failure("the stride along " + std::string(axis) + " must be 1 to 1000 (it is " + std::to_string(s) + ")");
    if (max.value.out < 2) {
        return Result<PoolAxis>::failure("its blur reflects one cell at each edge, so the max pooling must leave at least 2 " +
                                         std::string(axis) + " (it leaves " + std::to_string(max.value.out) + ")");
    }
    PoolAxis a;
    a.out = (max.value.out - 1) / s + 1;
    a.pad_before = max.value.pad_before + 1;
    a.pad_after = max.value.pad_after + 1;
    return Result<PoolAxis>::success(a);
}

// BlurPool: seen from its input, a window of k + 2 at the stride (the blur's pad counts as padding).
Result<LayerInfo> blur_layer(const Layer& l, const LayerInfo& before) {
    using R = Result<LayerInfo>;
    const Shape& cur = before.out;
    Result<PoolAxis> ah = blur_axis(cur.h, l.kernel_h, l.stride_h, l.padding, "rows");
    if (!ah.ok()) return R::failure(ah.error);
    Result<PoolAxis> aw = blur_axis(cur.w, l.kernel_w, l.stride_w, l.padding, "columns");
    if (!aw.ok()) return R::failure(aw.error);
    LayerInfo info = carried(before);
    info.out = {3, ah.value.out, aw.value.out, cur.c};
    info.pad_top = ah.value.pad_before;
    info.pad_left = aw.value.pad_before;
    if (std::string e = grow_field(&info.rf_h, l.kernel_h + 2, l.stride_h, 1, info.pad_top, "rows"); !e.empty()) return R::failure(e);
    if (std::string e = grow_field(&info.rf_w, l.kernel_w + 2, l.stride_w, 1, info.pad_left, "columns"); !e.empty()) return R::failure(e);
    return R::success(info);
}

// Global pooling and Flatten: one vector, each of whose values may depend on every pixel.
Result<LayerInfo> vector_layer(const Layer& l, const LayerInfo& before) {
    using R = Result<LayerInfo>;
    const Shape& cur = before.out;
    LayerInfo info = carried(before);
    long long length = cur.c;
    if (l.kind == LayerKind::Flatten && !checked_product({cur.h, cur.w, cur.c}, &length)) {
        return R::failure("the length of its output does not fit in 64 bits");
    }
    info.out = {1, 1, 1, length};
    info.whole_input = true;
    return R::success(info);
}

// Dense: a weight from every input value (of each pixel, on an image) to every unit.
Result<LayerInfo> dense_layer(const Layer& l, const LayerInfo& before) {
    using R = Result<LayerInfo>;
    if (l.units < 1 || l.units > kMaxModelUnits) return R::failure("the number of units must be 1 to " + std::to_string(kMaxModelUnits));
    const Shape& cur = before.out;
    LayerInfo info = carried(before);
    long long weights;
    if (!checked_mul(cur.c, l.units, &weights) || !checked_add(weights, l.units, &info.params)) {
        return R::failure("its parameters do not fit in 64 bits");
    }
    // Keras applies Dense to the last axis of an H x W x C input: the field stays what it was.
    bool fits;
    if (cur.rank == 3) {
        info.out = {3, cur.h, cur.w, l.units};
        fits = checked_product({cur.h, cur.w, cur.c, l.units}, &info.macs);
    } else {
        info.out = {1, 1, 1, l.units};
        fits = checked_mul(cur.c, l.units, &info.macs);
        info.whole_input = true;
    }
    if (!fits) return R::failure("its multiply-adds do not fit in 64 bits");
    return R::success(info);
}

// Layer `l` applied to what the layer before it made; the error does not name the layer.
Result<LayerInfo> apply_layer(const Layer& l, const LayerInfo& before) {
    using R = Result<LayerInfo>;
    const Shape& cur = before.out;
    if (needs_image(l.kind) && cur.rank != 3) {
        return R::failure("needs an H x W x C input, but it gets a vector of " + std::to_string(cur.c) +
                          " (after Flatten or global pooling there is no image left)");
    }
    Result<LayerInfo> r;
    switch (l.kind) {
        case LayerKind::Conv2D:
        case LayerKind::MaxPool:
        case LayerKind::AvgPool: r = windowed_layer(l, before); break;
        case LayerKind::BlurPool: r = blur_layer(l, before); break;
        case LayerKind::GlobalMaxPool:
        case LayerKind::GlobalAvgPool:
        case LayerKind::Flatten: r = vector_layer(l, before); break;
        case LayerKind::Dense: r = dense_layer(l, before); break;
    }
    if (!r.ok()) return r;
    LayerInfo& info = r.value;
    info.activations = info.out.c;
    if (info.out.rank == 3 && !checked_product({info.out.h, info.out.w, info.out.c}, &info.activations)) {
        return R::failure("the number of values in its output does not fit in 64 bits");
    }
    if (info.activations > kMaxElements) {
        return R::failure("its output is too large (" + group_thousands(info.activations) + " values; PoolLab counts at most " +
                          group_thousands(kMaxElements) + ")");
    }
    if (info.macs > kMaxMultiplyAdds) {
        return R::failure("it takes too many multiply-adds (" + group_thousands(info.macs) + "; PoolLab counts at most " +
                          group_thousands(kMaxMultiplyAdds) + ")");
    }
    return r;
}

}  // namespace

Summary summarize(const Model& m) {
    Summary sum;
    sum.error = input_error(m.input);
    if (!sum.error.empty()) {
        sum.failed = 0;
        return sum;
    }
    LayerInfo before = input_info(m.input);
    for (size_t i = 0; i < m.layers.size(); ++i) {
        const Layer& l = m.layers[i];
        Result<LayerInfo> r = apply_layer(l, before);
        if (!r.ok()) {
            sum.failed = static_cast<int>(i);
            sum.error = "layer " + std::to_string(i + 1) + " (" + layer_kind_title(l.kind) + "): " + r.error;
            return sum;
        }
        const LayerInfo& info = r.value;
        std::string total;  // which running total, if any, no longer fits
        if (!checked_add(sum.total_params, info.params, &sum.total_params)) total = "parameters";
        if (!checked_add(sum.total_activations, info.activations, &sum.total_activations)) total = "activations";
        if (!checked_add(sum.total_macs, info.macs, &sum.total_macs)) total = "multiply-adds";
        if (!total.empty()) {
            sum.failed = static_cast<int>(i);
            sum.error = "layer " + std::to_string(i + 1) + " (" + layer_kind_title(l.kind) + "): the total " + total +
                        " up to it do not fit in 64 bits";
            return sum;
        }
        sum.layers.push_back(info);
        before = info;
    }
    return sum;
}

Model without_pooling(const Model& m) {
    Model out = m;
    out.layers.erase(std::remove_if(out.layers.begin(), out.layers.end(),
                                    [](const Layer& l) { return is_windowed_pool(l.kind); }),
                     out.layers.end());
    return out;
}

Region receptive_region(const Summary& s, int layer, int row, int col) {
    if (layer < 0 || layer >= static_cast<int>(s.layers.size())) return {row, row, col, col};
    const LayerInfo& l = s.layers[static_cast<size_t>(layer)];
    // A unit of the layer's output lies within the input and its padding, so
    // these fit; a unit past the output gets the nearest end of the line.
    auto first = [](const FieldAxis& f, long long unit) { return saturated_add(f.start, saturated_mul(unit, f.jump)); };
    Region r;
    r.row0 = first(l.rf_h, row);
    r.row1 = saturated_add(r.row0, l.rf_h.size - 1);
    r.col0 = first(l.rf_w, col);
    r.col1 = saturated_add(r.col0, l.rf_w.size - 1);
    return r;
}

const std::vector<ModelPreset>& model_presets() {
    static const std::vector<ModelPreset> presets = [] {
        const Padding same = Padding::Same;
        std::vector<ModelPreset> p;
        p.push_back({"course-dense", "Course: dense, conv, pool, conv, dense",
                     Model{{3, 20, 20, 3}, {dense(16), conv2d(32, 3, same), max_pool(2), conv2d(64, 5, same), flatten(), dense(2)}}});
        p.push_back({"three-convs", "Course: three 3\u00d73 convs (7\u00d77 field)",
                     Model{{3, 28, 28, 1}, {conv2d(32, 3), conv2d(64, 3), conv2d(64, 3)}}});
        p.push_back({"two-convs", "Two 3\u00d73 convs (5\u00d75 field)", Model{{3, 16, 16, 1}, {conv2d(8, 3), conv2d(8, 3)}}});
        p.push_back({"conv-pool-conv", "Conv 3\u00d73, max pool 2\u00d72, conv 3\u00d73 (8\u00d78 field)",
                     Model{{3, 16, 16, 1}, {conv2d(8, 3), max_pool(2), conv2d(8, 3)}}});
        p.push_back({"strided-convs", "Two 3\u00d73 convs with stride 2 (7\u00d77 field)",
                     Model{{3, 16, 16, 1}, {conv2d(8, 3, Padding::Valid, 2), conv2d(8, 3, Padding::Valid, 2)}}});
        p.push_back({"alexnet", "AlexNet (Krizhevsky et al. 2012, one tower)",
                     Model{{3, 227, 227, 3},
                           {conv2d(96, 11, Padding::Valid, 4), max_pool(3, 2), conv2d(256, 5, same), max_pool(3, 2), conv2d(384, 3, same),
                            conv2d(384, 3, same), conv2d(256, 3, same), max_pool(3, 2), flatten(), dense(4096), dense(4096), dense(1000)}}});
        std::vector<Layer> vgg;
        for (auto [convs, filters] : {std::pair{2, 64}, {2, 128}, {3, 256}, {3, 512}, {3, 512}}) {
            for (int k = 0; k < convs; ++k) vgg.push_back(conv2d(filters, 3, same));
            vgg.push_back(max_pool(2));
        }
        for (Layer l : {flatten(), dense(4096), dense(4096), dense(1000)}) vgg.push_back(l);
        p.push_back({"vgg16", "VGG16 (Simonyan and Zisserman 2014)", Model{{3, 224, 224, 3}, vgg}});
        return p;
    }();
    return presets;
}

const ModelPreset* find_model_preset(const std::string& name) {
    for (const ModelPreset& p : model_presets()) {
        if (name == p.name) return &p;
    }
    return nullptr;
}

}  // namespace pl
