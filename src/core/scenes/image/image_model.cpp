// The picture scene as the shell sees it: its link fields, narration and CSV.
#include <algorithm>

#include "core/conv.h"
#include "core/csv.h"
#include "core/link.h"
#include "core/parse.h"
#include "core/scene.h"
#include "core/scenes/image/image_scene.h"

namespace pl {

const char* image_tab_name(ImageTab tab) {
    switch (tab) {
        case ImageTab::Pyramid: return "pyramid";
        case ImageTab::Features: return "features";
        case ImageTab::Digit: return "digit";
    }
    return "?";
}

namespace {

// A kernel in a link: its preset name, or its weights.
std::string kernel_to_link(const ImageStage& st) { return st.kernel_name == "custom" ? grid_to_link(st.kernel) : st.kernel_name; }

std::string read_kernel(ImageStage& st, const std::string& v) {
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
}

std::string read_digit(ImageScene& im, const std::string& v) {
    Result<Grid> g = grid_from_link(v, kDigitSide);
    if (!g.ok()) return g.error;
    if (g.value.rows != kDigitSide || g.value.cols != kDigitSide) return "the digit pad is " + size_text(kDigitSide, kDigitSide);
    if (std::string e = check_grid(g.value); !e.empty()) return e;
    for (float& x : g.value.values) x = std::clamp(x, 0.0f, 1.0f);
    im.digit = g.value;
    return {};
}

void read_chain(ImageScene& im, LinkReader& r) {
    r.field("stages", [&](const std::string& v) -> std::string {
        return parse_whole(v, 1, kImageMaxStages, &im.stage_count) ? "" : "stages are 1 or 2";
    });
    for (int k = 0; k < kImageMaxStages; ++k) {
        r.field("k" + std::to_string(k + 1), [&](const std::string& v) { return read_kernel(im.stages[static_cast<size_t>(k)], v); });
    }
    r.field("cpad", [&](const std::string& v) -> std::string { return parse_padding(v, &im.conv_padding) ? "" : "padding is valid or same"; });
    r.field("relu", [&](const std::string& v) -> std::string {
        if (v != "0" && v != "1") return "relu is 0 or 1";
        im.use_relu = v == "1";
        return {};
    });
    r.field("pool", [&](const std::string& v) -> std::string {
        PoolOp op;
        if (!parse_op(v, &op) || op == PoolOp::Min) return "pooling is max or average";
        im.pool_op = op;
        return {};
    });
}

void read_link(std::any& m, LinkReader& r) {
    ImageScene& im = model_as<ImageScene>(m);
    r.field("src", [&](const std::string& v) -> std::string {
        if (v == "file") return "the picture was a file of the student's own, which a link cannot carry";
        return image_choose_source(im, v) ? "" : "the pictures are rocket, astronaut, text, cat, stripes, checkerboard, grating and zone-plate";
    });
    r.field("tab", [&](const std::string& v) -> std::string {
        for (int t = 0; t < kImageTabCount; ++t) {
            if (v == image_tab_name(static_cast<ImageTab>(t))) {
                im.tab = static_cast<ImageTab>(t);
                return {};
            }
        }
        return "the tabs are pyramid, features and digit";
    });
    read_chain(im, r);
    r.field("dk", [&](const std::string& v) -> std::string {
        if (image_kernel(v).empty()) return "not one of the filters";
        im.digit_kernel = v;
        return {};
    });
    r.field("digit", [&](const std::string& v) { return read_digit(im, v); });
    image_refresh(im);
}

void write_link(const std::any& m, LinkWriter& w) {
    const ImageScene& im = model_as<ImageScene>(m);
    w.add("src", im.source);
    w.add("tab", image_tab_name(im.tab));
    w.add("stages", std::to_string(im.stage_count));
    for (int k = 0; k < im.stage_count; ++k) w.add("k" + std::to_string(k + 1), kernel_to_link(im.stages[static_cast<size_t>(k)]));
    w.add("cpad", padding_name(im.conv_padding));
    w.add("relu", im.use_relu ? "1" : "0");
    w.add("pool", op_name(im.pool_op));
    w.add("dk", im.digit_kernel);
    if (im.digit != image_digit_example_pad()) w.add("digit", grid_to_link(im.digit));
}

std::string narration(const std::any& m) {
    const ImageScene& s = model_as<ImageScene>(m);
    std::string said = "Picture " + size_text(s.picture.cols, s.picture.rows) + " pixels";
    for (int k = 0; k < s.stage_count; ++k) {
        const ImageStage& st = s.stages[static_cast<size_t>(k)];
        if (!st.error.empty()) return said + ". Stage " + std::to_string(k + 1) + " cannot run: " + st.error;
        said += std::string(k ? ", then " : ": ") + image_kernel_title(st.kernel_name) + " gives a " + size_text(st.feature.cols, st.feature.rows) + " feature map, pooled to " +
                size_text(st.pooled.cols, st.pooled.rows);
    }
    return said + ".";
}

std::string csv(const std::any& m, std::string* name) {
    const ImageScene& s = model_as<ImageScene>(m);
    *name = "poollab-picture.csv";
    std::string out;
    append_long_csv(&out, "picture", s.picture);
    for (int k = 0; k < s.stage_count; ++k) {
        const ImageStage& st = s.stages[static_cast<size_t>(k)];
        const std::string n = std::to_string(k + 1);
        append_long_csv(&out, "kernel " + n, st.kernel);
        append_long_csv(&out, "feature map " + n, st.feature);
        append_long_csv(&out, "pooled " + n, st.pooled);
    }
    return out;
}

}  // namespace

extern const SceneModel image_scene_model = {
    Scene::Image, "image", [] { return std::any(image_scene_default()); }, read_link, write_link, narration, csv,
    [](const std::any& m) { return image_scene_json(model_as<ImageScene>(m)); }, nullptr, nullptr, nullptr,
    12, "tab", image_tasks,  // a model holds the picture and its maps, a few MB: fewer steps back
};

}  // namespace pl
