#include "core/scenes/image/image_scene.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/conv.h"
#include "core/csv.h"
#include "core/image.h"
#include "core/json.h"

namespace pl {

namespace {

constexpr float kPi = 3.14159265358979f;

template <size_t N>
bool one_of(const char* const (&names)[N], const std::string& name) {
    return std::find_if(std::begin(names), std::end(names), [&](const char* n) { return name == n; }) != std::end(names);
}

PoolParams two_by_two(PoolOp op) {
    PoolParams p;
    p.op = op;
    return p;  // 2 x 2, stride 2, valid
}

// Reduces once by 2 x 2 stride 2; empty when the map is too small.
Grid reduce(const Grid& g, PictureReduce op) {
    if (g.rows < 2 || g.cols < 2) return Grid();
    if (op == PictureReduce::Subsample) {
        Grid out(g.rows / 2, g.cols / 2);
        for (int r = 0; r < out.rows; ++r)
            for (int c = 0; c < out.cols; ++c) out.at(r, c) = g.at(2 * r, 2 * c);
        return out;
    }
    Result<Grid> pooled = pool_values(g, two_by_two(op == PictureReduce::Max ? PoolOp::Max : PoolOp::Average));
    return pooled.ok() ? pooled.value : Grid();
}

// The rows a pooling window (2 x 2, stride 2, valid) of output cell r covers, clipped.
void pool_span(int r, int n, int* lo, int* hi) {
    *lo = std::min(2 * r, n);
    *hi = std::min(2 * r + 2, n);
}

// Input cells seen by feature cells [lo, hi) of a stride-1 convolution with a kernel of `k` and
// `pad_before` padding, clipped to an input of n.
void conv_span(int lo, int hi, int k, int pad_before, int n, int* in_lo, int* in_hi) {
    *in_lo = std::clamp(lo - pad_before, 0, n);
    *in_hi = std::clamp(hi - 1 + k - pad_before, 0, n);
}

int conv_pad_before(int in, int k, Padding padding) {
    const Result<PoolAxis> a = pool_axis(in, k, 1, padding);
    return a.ok() ? a.value.pad_before : 0;
}

CellRect trace_window(const Grid& feature, int row, int col) {
    CellRect w;
    pool_span(row, feature.rows, &w.r0, &w.r1);
    pool_span(col, feature.cols, &w.c0, &w.c1);
    return w;
}

CellRect trace_conv(const CellRect& in_feature, const Grid& input, const Grid& kernel, Padding padding) {
    CellRect p;
    conv_span(in_feature.r0, in_feature.r1, kernel.rows, conv_pad_before(input.rows, kernel.rows, padding), input.rows, &p.r0, &p.r1);
    conv_span(in_feature.c0, in_feature.c1, kernel.cols, conv_pad_before(input.cols, kernel.cols, padding), input.cols, &p.c0, &p.c1);
    return p;
}

void refresh_pyramid(ImageScene& s) {
    for (int op = 0; op < kPictureReduceCount; ++op) {
        auto& levels = s.pyramid[static_cast<size_t>(op)];
        levels[0] = s.picture;
        for (int k = 1; k <= kImageLevels; ++k) levels[static_cast<size_t>(k)] = reduce(levels[static_cast<size_t>(k - 1)], static_cast<PictureReduce>(op));
    }
}

void run_stage(ImageStage& st, const Grid& input, Padding padding, bool use_relu, PoolOp op) {
    st.input = input;
    st.feature = st.activated = st.pooled = Grid();
    st.error.clear();
    if (input.empty()) {
        st.error = "there is no input for this stage";
        return;
    }
    Result<Grid> f = conv2d(input, st.kernel, padding);
    if (!f.ok()) {
        st.error = f.error;
        return;
    }
    st.feature = std::move(f.value);
    st.activated = use_relu ? relu(st.feature) : st.feature;
    if (st.activated.rows < 2 || st.activated.cols < 2) {
        st.error = "the feature map (" + size_text(st.activated.rows, st.activated.cols) + ") is smaller than the 2×2 pooling window";
        return;
    }
    Result<Grid> p = pool_values(st.activated, two_by_two(op));
    if (!p.ok()) {
        st.error = p.error;
        return;
    }
    st.pooled = std::move(p.value);
    st.feature_scale = robust_scale(st.feature);
    st.pooled_scale = robust_scale(st.pooled);
    auto has_negative = [](const Grid& g) { return std::any_of(g.values.begin(), g.values.end(), [](float v) { return v < 0; }); };
    st.feature_signed = has_negative(st.feature);
    st.pooled_signed = has_negative(st.pooled);
}

void refresh_chain(ImageScene& s) {
    const Grid* input = &s.picture;
    for (int k = 0; k < kImageMaxStages; ++k) {
        ImageStage& st = s.stages[static_cast<size_t>(k)];
        if (k >= s.stage_count) {
            st.input = st.feature = st.activated = st.pooled = Grid();
            st.error.clear();
            continue;
        }
        run_stage(st, *input, s.conv_padding, s.use_relu, s.pool_op);
        input = &st.pooled;
    }
}

void refresh_digit(ImageScene& s) {
    Result<Grid> f = conv2d(s.digit, image_kernel(s.digit_kernel), Padding::Valid);
    s.digit_feature = f.ok() ? relu(f.value) : Grid();
    Result<Grid> p = pool_values(s.digit_feature, two_by_two(PoolOp::Max));
    s.digit_pooled = p.ok() ? p.value : Grid();
}

}  // namespace

Grid image_patch(const Grid& g, int row, int col, int side, float step) {
    if (side < 1 || g.empty()) return Grid();
    Grid out(side, side);
    const int r0 = std::clamp(row - side / 2, 0, std::max(0, g.rows - side));
    const int c0 = std::clamp(col - side / 2, 0, std::max(0, g.cols - side));
    for (int r = 0; r < side && r0 + r < g.rows; ++r) {
        for (int c = 0; c < side && c0 + c < g.cols; ++c) {
            const float v = g.at(r0 + r, c0 + c);
            out.at(r, c) = step > 0 ? std::round(v / step) * step : v;
        }
    }
    return out;
}

float robust_scale(const Grid& g, float q) {
    if (g.empty()) return 1e-6f;
    std::vector<float> a(g.values.size());
    for (size_t i = 0; i < a.size(); ++i) a[i] = std::fabs(g.values[i]);
    const size_t k = std::min(a.size() - 1, static_cast<size_t>(std::clamp(q, 0.0f, 1.0f) * static_cast<float>(a.size() - 1)));
    std::nth_element(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(k), a.end());
    return std::max(a[k], 1e-6f);
}

Grid image_pattern(const std::string& name, int side) {
    if (side < 1) return Grid();
    Grid g(side, side);
    const float mid = (static_cast<float>(side) - 1.0f) * 0.5f;
    for (int r = 0; r < side; ++r) {
        for (int c = 0; c < side; ++c) {
            float v = 0;
            if (name == "stripes") {
                v = (c / 4) % 2 ? 1.0f : 0.0f;
            } else if (name == "checkerboard") {
                v = ((r / 4) + (c / 4)) % 2 ? 1.0f : 0.0f;
            } else if (name == "grating") {
                v = 0.5f + 0.5f * std::cos(2.0f * kPi * static_cast<float>(c) / 2.25f);
            } else if (name == "zone-plate") {
                // Phase k r^2 reaches the Nyquist frequency (0.5 cycles/px) at the edge's midpoint.
                const float dy = static_cast<float>(r) - mid, dx = static_cast<float>(c) - mid;
                const float k = kPi / (2.0f * mid);
                v = 0.5f + 0.5f * std::cos(k * (dx * dx + dy * dy));
            } else {
                return Grid();
            }
            g.at(r, c) = v;
        }
    }
    return g;
}

bool is_image_sample(const std::string& name) { return one_of(kImageSamples, name); }
bool is_image_pattern(const std::string& name) { return one_of(kImagePatterns, name); }

Grid image_kernel(const std::string& name) {
    if (name == "sobel-vertical") return Grid::from_rows({{1, 0, -1}, {2, 0, -2}, {1, 0, -1}});
    if (name == "sobel-horizontal") return Grid::from_rows({{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}});
    if (name == "diagonal-edge") return Grid::from_rows({{0, 1, 2}, {-1, 0, 1}, {-2, -1, 0}});
    if (name == "blur-3") return named_kernel("box-blur");
    if (name == "blur-5") {  // binomial 5 x 5: [1 4 6 4 1] x [1 4 6 4 1] / 256
        const std::vector<float> b = binomial_filter(5);  // 1 4 6 4 1
        Grid g(5, 5);
        for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 5; ++c) g.at(r, c) = b[static_cast<size_t>(r)] * b[static_cast<size_t>(c)] / 256.0f;
        return g;
    }
    if (name == "sharpen" || name == "identity") return named_kernel(name);
    return Grid();
}

const char* image_kernel_title(const std::string& name) {
    if (name == "sobel-vertical") return "Vertical edges (Sobel)";
    if (name == "sobel-horizontal") return "Horizontal edges (Sobel)";
    if (name == "diagonal-edge") return "Diagonal edges";
    if (name == "blur-3") return "Blur 3\u00d73 (box)";
    if (name == "blur-5") return "Blur 5\u00d75 (binomial)";
    if (name == "sharpen") return "Sharpen";
    if (name == "identity") return "Identity";
    return "Custom";
}

const char* picture_reduce_name(PictureReduce op) {
    switch (op) {
        case PictureReduce::Max: return "max";
        case PictureReduce::Average: return "average";
        case PictureReduce::Subsample: return "subsample";
    }
    return "?";
}

ImageScene image_scene_default() {
    ImageScene s;
    s.stages[0].kernel_name = "sobel-vertical";
    s.stages[1].kernel_name = "sobel-horizontal";
    for (ImageStage& st : s.stages) st.kernel = image_kernel(st.kernel_name);
    // A small placeholder: the default scene is made for every link read, and
    // the rocket's bytes replace it as soon as the app asks for them.
    s.picture = image_pattern("grating", 64);
    s.source = "rocket";
    s.picture_pending = true;
    image_digit_example(s);  // refreshes
    return s;
}

bool image_choose_source(ImageScene& s, const std::string& name) {
    if (is_image_pattern(name)) {
        image_load_pattern(s, name);
        return true;
    }
    if (!is_image_sample(name)) return false;
    if (s.source != name || s.picture_pending) {
        s.source = name;
        s.picture_pending = true;
    }
    return true;
}

bool image_load_bytes(ImageScene& s, std::string_view bytes, const std::string& name, const std::string& source) {
    Result<Picture> p = load_picture(bytes, name);
    if (!p.ok()) {
        s.notice = p.error + ". The picture shown has not changed.";
        s.notice_is_error = true;
        if (source == s.source) s.picture_pending = false;  // a sample that failed is not asked for again
        return false;
    }
    s.picture = std::move(p.value.gray);
    s.source = source;
    s.picture_pending = false;
    s.file_name = source == "file" ? name : std::string();
    s.notice = p.value.scaled ? "'" + name + "' was " + p.value.notice + "." : std::string();
    s.notice_is_error = false;
    image_refresh(s);
    return true;
}

void image_load_pattern(ImageScene& s, const std::string& name) {
    Grid g = image_pattern(name);
    if (g.empty()) return;
    image_set_picture(s, g, name);
}

void image_set_picture(ImageScene& s, const Grid& picture, const std::string& source) {
    s.picture = picture;
    s.source = source;
    s.picture_pending = false;
    s.file_name.clear();
    s.notice.clear();
    s.notice_is_error = false;
    image_refresh(s);
}

void image_set_kernel(ImageScene& s, int stage, const std::string& name) {
    if (stage < 0 || stage >= kImageMaxStages) return;
    Grid k = image_kernel(name);
    if (k.empty()) return;
    ImageStage& st = s.stages[static_cast<size_t>(stage)];
    st.kernel_name = name;
    st.kernel = std::move(k);
    image_refresh(s);
}

std::string image_edit_kernel(ImageScene& s, int stage, int row, int col, const std::string& text) {
    if (stage < 0 || stage >= kImageMaxStages || !s.stages[static_cast<size_t>(stage)].kernel.contains(row, col)) {
        return "there is no such kernel weight";
    }
    Result<float> v = parse_number(text);
    if (!v.ok()) return v.error;
    if (std::fabs(v.value) > 1000.0f) return "keep kernel weights between -1000 and 1000";
    ImageStage& st = s.stages[static_cast<size_t>(stage)];
    st.kernel.at(row, col) = v.value;
    st.kernel_name = "custom";
    image_refresh(s);
    return {};
}

void image_set_stage_count(ImageScene& s, int count) {
    s.stage_count = std::clamp(count, 1, kImageMaxStages);
    image_refresh(s);
}

void image_set_chain(ImageScene& s, Padding conv_padding, bool use_relu, PoolOp pool_op) {
    s.conv_padding = conv_padding;
    s.use_relu = use_relu;
    s.pool_op = pool_op;
    image_refresh(s);
}

namespace {

// Inks (or erases) a stroke on a 28 x 28 pad.
void stroke(Grid& pad, float r0, float c0, float r1, float c1, bool erase) {
    if (!std::isfinite(r0) || !std::isfinite(c0) || !std::isfinite(r1) || !std::isfinite(c1)) return;
    // A soft round brush about 2.5 cells across, like a pen on an MNIST canvas; stamped every quarter cell.
    constexpr float radius = 1.4f;
    const float len = std::hypot(r1 - r0, c1 - c0);
    const int steps = std::min(4000, std::max(1, static_cast<int>(std::ceil(len * 4.0f))));
    for (int i = 0; i <= steps; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(steps);
        const float pr = r0 + (r1 - r0) * t, pc = c0 + (c1 - c0) * t;
        for (int r = static_cast<int>(std::floor(pr - radius)); r <= static_cast<int>(std::ceil(pr + radius)); ++r) {
            for (int c = static_cast<int>(std::floor(pc - radius)); c <= static_cast<int>(std::ceil(pc + radius)); ++c) {
                if (!pad.contains(r, c)) continue;
                // Distance from the brush centre to the cell centre.
                const float d = std::hypot(static_cast<float>(r) + 0.5f - pr, static_cast<float>(c) + 0.5f - pc);
                if (d >= radius) continue;
                float& v = pad.at(r, c);
                // In steps of 0.05, so a drawing is short in a link.
                const float ink = std::round(std::min(1.0f, 1.6f * (1.0f - d / radius)) * 20.0f) / 20.0f;
                v = erase ? std::min(v, 1.0f - ink) : std::max(v, ink);
            }
        }
    }
}

}  // namespace

void image_digit_stroke(ImageScene& s, float r0, float c0, float r1, float c1, bool erase) {
    if (s.digit.rows != kDigitSide || s.digit.cols != kDigitSide) s.digit = Grid(kDigitSide, kDigitSide);
    stroke(s.digit, r0, c0, r1, c1, erase);
    image_refresh(s);
}

void image_digit_clear(ImageScene& s) {
    s.digit = Grid(kDigitSide, kDigitSide);
    image_refresh(s);
}

const Grid& image_digit_example_pad() {
    static const Grid pad = [] {
        Grid g(kDigitSide, kDigitSide);
        stroke(g, 7.0f, 6.0f, 6.5f, 21.0f, false);   // the top bar
        stroke(g, 6.5f, 21.0f, 22.0f, 12.0f, false);  // the long diagonal
        return g;
    }();
    return pad;
}

void image_digit_example(ImageScene& s) {
    s.digit = image_digit_example_pad();
    image_refresh(s);
}

void image_set_digit_kernel(ImageScene& s, const std::string& name) {
    if (image_kernel(name).empty()) return;
    s.digit_kernel = name;
    image_refresh(s);
}

void image_refresh(ImageScene& s) {
    if (s.digit.rows != kDigitSide || s.digit.cols != kDigitSide) s.digit = Grid(kDigitSide, kDigitSide);
    refresh_pyramid(s);
    refresh_chain(s);
    refresh_digit(s);
}

ImageTrace image_trace(const ImageScene& s, int stage, int row, int col) {
    ImageTrace t;
    if (stage < 0 || stage >= s.stage_count) return t;
    const ImageStage& st = s.stages[static_cast<size_t>(stage)];
    if (!st.error.empty() || !st.pooled.contains(row, col)) return t;
    t.window = trace_window(st.feature, row, col);
    t.input_patch = trace_conv(t.window, st.input, st.kernel, s.conv_padding);
    // Walk back through the earlier stages to the picture.
    CellRect patch = t.input_patch;
    for (int k = stage - 1; k >= 0; --k) {
        const ImageStage& prev = s.stages[static_cast<size_t>(k)];
        CellRect in_feature;
        in_feature.r0 = std::min(2 * patch.r0, prev.feature.rows);
        in_feature.r1 = std::min(2 * patch.r1, prev.feature.rows);
        in_feature.c0 = std::min(2 * patch.c0, prev.feature.cols);
        in_feature.c1 = std::min(2 * patch.c1, prev.feature.cols);
        patch = trace_conv(in_feature, prev.input, prev.kernel, s.conv_padding);
    }
    t.picture_patch = patch;
    t.ok = true;
    return t;
}

ImageTrace image_digit_trace(const ImageScene& s, int row, int col) {
    ImageTrace t;
    if (!s.digit_pooled.contains(row, col)) return t;
    t.window = trace_window(s.digit_feature, row, col);
    t.input_patch = trace_conv(t.window, s.digit, image_kernel(s.digit_kernel), Padding::Valid);
    t.picture_patch = t.input_patch;
    t.ok = true;
    return t;
}

namespace {

void write_shape(JsonWriter& j, const char* name, const Grid& g) {
    j.key(name).begin_array().value(g.rows).value(g.cols).end_array();
}

void write_range(JsonWriter& j, const char* name, const Grid& g) {
    float lo = 0, hi = 0;
    value_range(g, &lo, &hi);
    j.key(name).begin_array().value(lo).value(hi).end_array();
}

}  // namespace

std::string image_scene_json(const ImageScene& s) {
    JsonWriter j;
    j.begin_object();
    j.key("source").value(s.source);
    j.key("file_name").value(s.file_name);
    j.key("picture_pending").value(s.picture_pending);
    write_shape(j, "picture_shape", s.picture);
    write_range(j, "picture_range", s.picture);
    j.key("notice").value(s.notice);
    j.key("notice_is_error").value(s.notice_is_error);
    j.key("pyramid").begin_object();
    for (int op = 0; op < kPictureReduceCount; ++op) {
        j.key(picture_reduce_name(static_cast<PictureReduce>(op))).begin_array();
        for (const Grid& g : s.pyramid[static_cast<size_t>(op)]) j.begin_array().value(g.rows).value(g.cols).end_array();
        j.end_array();
    }
    j.end_object();
    j.key("stage_count").value(s.stage_count);
    j.key("conv_padding").value(s.conv_padding == Padding::Same ? "same" : "valid");
    j.key("relu").value(s.use_relu);
    j.key("pool_op").value(s.pool_op == PoolOp::Max ? "max" : s.pool_op == PoolOp::Average ? "average" : "min");
    j.key("stages").begin_array();
    for (int k = 0; k < s.stage_count; ++k) {
        const ImageStage& st = s.stages[static_cast<size_t>(k)];
        j.begin_object();
        j.key("kernel_name").value(st.kernel_name);
        j.key("kernel").grid(st.kernel);
        write_shape(j, "input_shape", st.input);
        write_shape(j, "feature_shape", st.feature);
        write_shape(j, "pooled_shape", st.pooled);
        write_range(j, "feature_range", st.feature);
        write_range(j, "pooled_range", st.pooled);
        j.key("error").value(st.error);
        j.end_object();
    }
    j.end_array();
    j.key("digit_kernel").value(s.digit_kernel);
    float ink = 0;
    for (float v : s.digit.values) ink += v;
    j.key("digit_ink").value(ink);
    write_shape(j, "digit_feature_shape", s.digit_feature);
    write_shape(j, "digit_pooled_shape", s.digit_pooled);
    j.end_object();
    return j.str();
}

}  // namespace pl
