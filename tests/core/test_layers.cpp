#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

#include "core/layers.h"

using namespace pl;

namespace {

Summary preset(const char* name) {
    const ModelPreset* p = find_model_preset(name);
    EXPECT_NE(p, nullptr) << name;
    return p ? summarize(p->model) : Summary{};
}

}  // namespace

TEST(Layers, CourseExampleWithDenseOnAnImageMatchesKeras) {
    // input 20x20x3 -> Dense(16) -> Conv2D(32, 3, same) -> MaxPool(2) -> Conv2D(64, 5, same) -> Flatten -> Dense(2)
    Summary s = preset("course-dense");
    ASSERT_EQ(s.error, "");
    ASSERT_EQ(s.layers.size(), 6u);
    const std::vector<std::string> shapes = {"20×20×16", "20×20×32", "10×10×32", "10×10×64", "6400", "2"};
    const std::vector<long long> params = {64, 4640, 0, 51264, 0, 12802};
    for (size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(shape_text(s.layers[i].out), shapes[i]) << "layer " << i + 1;
        EXPECT_EQ(s.layers[i].params, params[i]) << "layer " << i + 1;
    }
    EXPECT_EQ(s.total_params, 68770);
}

TEST(Layers, ThreeConvsMatchKerasAndSeeSevenBySeven) {
    Summary s = preset("three-convs");
    ASSERT_EQ(s.error, "");
    EXPECT_EQ(shape_text(s.layers[0].out), "26×26×32");
    EXPECT_EQ(shape_text(s.layers[1].out), "24×24×64");
    EXPECT_EQ(shape_text(s.layers[2].out), "22×22×64");
    EXPECT_EQ(s.layers[0].params, 320);
    EXPECT_EQ(s.layers[1].params, 18496);
    EXPECT_EQ(s.layers[2].params, 36928);
    EXPECT_EQ(s.total_params, 55744);
    EXPECT_EQ(s.layers[2].rf_h.size, 7);
    EXPECT_EQ(s.layers[2].rf_w.size, 7);
}

TEST(Layers, CourseReceptiveFields) {
    EXPECT_EQ(preset("two-convs").layers.back().rf_h.size, 5);
    Summary cpc = preset("conv-pool-conv");
    EXPECT_EQ(cpc.layers[0].rf_h.size, 3);
    EXPECT_EQ(cpc.layers[1].rf_h.size, 4);  // the pool adds (2 - 1) x jump 1
    EXPECT_EQ(cpc.layers[1].rf_h.jump, 2);
    EXPECT_EQ(cpc.layers[2].rf_h.size, 8);  // then the conv adds (3 - 1) x jump 2
    Summary strided = preset("strided-convs");
    EXPECT_EQ(strided.layers[1].rf_w.size, 7);
    EXPECT_EQ(strided.layers[1].rf_w.jump, 4);
}

TEST(Layers, AlexNetAsPublished) {
    Summary s = preset("alexnet");
    ASSERT_EQ(s.error, "");
    EXPECT_EQ(shape_text(s.layers[0].out), "55×55×96");
    EXPECT_EQ(shape_text(s.layers[7].out), "6×6×256");
    EXPECT_EQ(s.total_params, 62378344);  // the single-tower AlexNet
    // Receptive fields (Araujo et al. 2019, "Computing receptive fields of CNNs"): conv1 11, pool1 19,
    // conv2 51, pool2 67, conv3 99, conv4 131, conv5 163, pool5 195.
    const std::vector<long long> rf = {11, 19, 51, 67, 99, 131, 163, 195};
    for (size_t i = 0; i < rf.size(); ++i) EXPECT_EQ(s.layers[i].rf_h.size, rf[i]) << "layer " << i + 1;
    EXPECT_EQ(s.layers[7].rf_h.jump, 32);
}

TEST(Layers, Vgg16AsPublished) {
    Summary s = preset("vgg16");
    ASSERT_EQ(s.error, "");
    EXPECT_EQ(s.total_params, 138357544);  // keras.applications.VGG16
    EXPECT_EQ(shape_text(s.layers[17].out), "7×7×512");  // block5_pool
    EXPECT_EQ(s.layers[16].rf_h.size, 196);  // block5_conv3
    EXPECT_EQ(s.layers[17].rf_h.size, 212);  // block5_pool
    EXPECT_EQ(s.layers[17].rf_h.jump, 32);
    EXPECT_EQ(s.layers[0].rf_h.start, -1);   // 'same' padding: the first unit's field starts in the padding
}

TEST(Layers, DilationStartsAndRegions) {
    Model m{{3, 32, 32, 1}, {conv2d(4, 3, Padding::Valid, 1, 2)}};  // a dilated 3x3 covers 5x5
    Summary s = summarize(m);
    ASSERT_EQ(s.error, "");
    EXPECT_EQ(shape_text(s.layers[0].out), "28×28×4");
    EXPECT_EQ(s.layers[0].rf_h.size, 5);
    Summary cpc = preset("conv-pool-conv");
    Region r = receptive_region(cpc, 2, 1, 2);  // unit (1, 2) of the last conv
    EXPECT_EQ(r.row0, 2);
    EXPECT_EQ(r.row1, 9);
    EXPECT_EQ(r.col0, 4);
    EXPECT_EQ(r.col1, 11);
    Summary same = summarize(Model{{3, 8, 8, 1}, {conv2d(1, 3, Padding::Same)}});
    Region corner = receptive_region(same, 0, 0, 0);
    EXPECT_EQ(corner.row0, -1);  // reaches into the padding
    EXPECT_EQ(corner.row1, 1);
}

TEST(Layers, InvalidStacksNameTheLayerAndKeepTheLayersBefore) {
    Summary s = summarize(Model{{3, 8, 8, 1}, {conv2d(4, 3), max_pool(2), max_pool(2), max_pool(2)}});
    EXPECT_EQ(s.failed, 3);
    EXPECT_EQ(s.layers.size(), 3u);
    EXPECT_EQ(s.error,
              "layer 4 (MaxPooling2D): the window (2 rows) is larger than the input (1 rows); with 'valid' padding it must fit. "
              "Use a smaller window or 'same' padding.");
    Summary flat = summarize(Model{{3, 8, 8, 1}, {flatten(), conv2d(4, 3)}});
    EXPECT_EQ(flat.failed, 1);
    EXPECT_NE(flat.error.find("layer 2 (Conv2D): needs an H x W x C input, but it gets a vector of 64"), std::string::npos);
    EXPECT_NE(summarize(Model{{3, 8, 8, 1}, {conv2d(4, 3, Padding::Valid, 2, 2)}}).error.find("Keras does not allow"), std::string::npos);
    EXPECT_NE(summarize(Model{{3, 8, 8, 1}, {conv2d(0, 3)}}).error.find("filters must be 1"), std::string::npos);
    EXPECT_NE(summarize(Model{{3, 0, 8, 1}, {}}).error.find("the input must be"), std::string::npos);
    Layer zero = max_pool(2);
    zero.stride_h = 0;
    EXPECT_NE(summarize(Model{{3, 8, 8, 1}, {zero}}).error.find("stride along rows must be at least 1"), std::string::npos);
}

TEST(Layers, WithoutPoolingCostsMoreAndSeesLess) {
    const Model& m = find_model_preset("conv-pool-conv")->model;
    Summary with = summarize(m), without = summarize(without_pooling(m));
    EXPECT_EQ(without.layers.size(), 2u);
    EXPECT_EQ(without.layers.back().rf_h.size, 5);
    EXPECT_EQ(with.layers.back().rf_h.size, 8);
    EXPECT_GT(without.total_macs, with.total_macs);
    EXPECT_GT(without.total_activations, with.total_activations);
}

TEST(Layers, JsonRoundTripAndHelpfulErrors) {
    for (const ModelPreset& p : model_presets()) {
        Result<Model> back = parse_model(model_to_json(p.model));
        ASSERT_TRUE(back.ok()) << p.name << ": " << back.error;
        EXPECT_EQ(back.value, p.model) << p.name;
    }
    Result<Model> m = parse_model(R"({"input": [28, 28, 1], "layers": [
        {"type": "Conv2D", "filters": 8, "kernel": [3, 5], "padding": "same"},
        {"type": "maxpool"}, {"type": "dense", "units": 10}]})");
    ASSERT_TRUE(m.ok()) << m.error;
    EXPECT_EQ(m.value.layers[0].kernel_w, 5);
    EXPECT_EQ(m.value.layers[0].stride_h, 1);
    EXPECT_EQ(m.value.layers[1].kernel_h, 2);  // Keras: pool 2, stride = pool
    EXPECT_EQ(m.value.layers[1].stride_w, 2);
    EXPECT_EQ(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "conv2d", "filters": 8, "kernal": 3}]})").error,
              "layer 1 (conv2d): unknown field \"kernal\"");
    EXPECT_EQ(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "conv2d", "filters": 8}]})").error,
              "layer 1 (conv2d): \"kernel\" is missing");
    EXPECT_EQ(parse_model(R"({"input": [28, 28], "layers": []})").error,
              "\"input\" must be [height, width, channels], whole numbers of at least 1");
    EXPECT_EQ(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "lstm"}]})").error,
              "layer 1: \"type\" must be one of conv2d, maxpool, avgpool, blurpool, globalmaxpool, globalavgpool, flatten, dense");
    EXPECT_EQ(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "dense", "units": 2.5}]})").error,
              "layer 1 (dense): \"units\" must be a whole number from 1 to 1000000");
    EXPECT_NE(parse_model("{").error.find("JSON error at line 1"), std::string::npos);
}

TEST(Layers, JsonNumbersAreWholeAndInRange) {
    // What model JSON takes as a number: integral doubles in range; strings, fractions and 0 are refused by name.
    auto error_of = [](const std::string& layer) {
        return parse_model(R"({"input": [8, 8, 1], "layers": [)" + layer + "]}").error;
    };
    const std::string kernel_rule = "layer 1 (conv2d): \"kernel\" must be N or [height, width], 1 to 1000";
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": 0})"), kernel_rule);
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": 1001})"), kernel_rule);
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": [3, 2.5]})"), kernel_rule);
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": [3, 3, 3]})"), kernel_rule);
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": "3"})"), kernel_rule);
    EXPECT_EQ(error_of(R"({"type": "maxpool", "stride": -2})"), "layer 1 (maxpool): \"stride\" must be N or [height, width], 1 to 1000");
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 1000001, "kernel": 3})"),
              "layer 1 (conv2d): \"filters\" must be a whole number from 1 to 1000000");
    EXPECT_EQ(error_of(R"({"type": "conv2d", "filters": 2, "kernel": 3.0, "dilation": [1000, 1]})"), "");
    const std::string input_rule = "\"input\" must be [height, width, channels], whole numbers of at least 1";
    EXPECT_EQ(parse_model(R"({"input": [0, 8, 1], "layers": []})").error, input_rule);
    EXPECT_EQ(parse_model(R"({"input": [100001, 8, 1], "layers": []})").error, input_rule);
    EXPECT_EQ(parse_model(R"({"input": [8, 8, 1.5], "layers": []})").error, input_rule);
    Result<Model> big = parse_model(R"({"input": [100000, 8, 1000000], "layers": []})");
    ASSERT_TRUE(big.ok()) << big.error;
    EXPECT_EQ(big.value.input, (Shape{3, 100000, 8, 1000000}));
}

// ------------------------------------------------ numbers past 64 bits --

TEST(Layers, CountsThatDoNotFitIn64BitsAreRefusedNamingTheLayer) {
    const Padding same = Padding::Same;
    const std::vector<Layer> eight_wide_strides(8, max_pool(2, 1000, same)), eight_wide_windows(8, max_pool(1000, 1000, same));
    struct Case {
        const char* what;
        Model model;
        const char* error;  // "" for a model that fits
    };
    const std::vector<Case> cases = {
        {"a conv's multiply-adds", Model{{3, 4, 4, 1000000}, {conv2d(1000000, 1000, same)}},
         "layer 1 (Conv2D): its multiply-adds do not fit in 64 bits"},
        {"ten of them", Model{{3, 4, 4, 1000000}, std::vector<Layer>(10, conv2d(1000000, 1000, same))},
         "layer 1 (Conv2D): its multiply-adds do not fit in 64 bits"},
        {"a conv after a fitting one", Model{{3, 4, 4, 1}, {conv2d(1000000, 3, same), conv2d(1000000, 1000, same)}},
         "layer 2 (Conv2D): its multiply-adds do not fit in 64 bits"},
        {"a dense layer on a huge image", Model{{3, 100000, 100000, 1000000}, {dense(1000000)}},
         "layer 1 (Dense): its multiply-adds do not fit in 64 bits"},
        {"the receptive field's jump", Model{{3, 4, 4, 1}, eight_wide_strides},
         "layer 7 (MaxPooling2D): its receptive field's jump along rows does not fit in 64 bits"},
        {"the receptive field's size", Model{{3, 4, 4, 1}, eight_wide_windows},
         "layer 7 (MaxPooling2D): its receptive field's size along rows does not fit in 64 bits"},
        {"an output past PoolLab's count", Model{{3, 100000, 100000, 1000000}, {flatten()}},
         "layer 1 (Flatten): its output is too large (10,000,000,000,000,000 values; PoolLab counts at most 1,000,000,000,000)"},
        {"multiply-adds past PoolLab's count", Model{{3, 1000, 1000, 1000}, {conv2d(1000, 100, same)}},
         "layer 1 (Conv2D): it takes too many multiply-adds (10,000,000,000,000,000; PoolLab counts at most 1,000,000,000,000,000)"},
        {"six wide strides still fit", Model{{3, 4, 4, 1}, std::vector<Layer>(6, max_pool(2, 1000, same))}, ""},
    };
    for (const Case& c : cases) {
        const Summary s = summarize(c.model);
        EXPECT_EQ(s.error, c.error) << c.what;
        for (const LayerInfo& l : s.layers) {  // what is shown is never wrapped round
            EXPECT_GE(l.params, 0) << c.what;
            EXPECT_GE(l.macs, 0) << c.what;
            EXPECT_GE(l.rf_h.jump, 1) << c.what;
            EXPECT_GE(l.rf_h.size, 1) << c.what;
        }
        EXPECT_GE(s.total_params, 0) << c.what;
        EXPECT_GE(s.total_macs, 0) << c.what;
    }
    EXPECT_EQ(summarize(Model{{3, 4, 4, 1}, eight_wide_strides}).failed, 6);
}

namespace {

using Wide = __int128;  // wide enough for every count of up to ten layers of the sizes below
constexpr Wide kInt64Max = std::numeric_limits<long long>::max();

// What layer `l` gives, worked out in 128 bits from the shape before it and
// the summary's output shape; false when some number does not fit in 64 bits.
struct Exact {
    Wide params = 0, macs = 0, size_h = 1, jump_h = 1, start_h = 0;
};
bool exact_layer(const Layer& l, const Shape& in, const LayerInfo& out, Exact* e) {
    const bool conv = l.kind == LayerKind::Conv2D;
    if (conv) {
        e->params = Wide(l.kernel_h) * l.kernel_w * in.c * l.units + l.units;
        e->macs = Wide(out.out.h) * out.out.w * l.units * l.kernel_h * l.kernel_w * in.c;
    } else if (l.kind == LayerKind::Dense) {
        e->params = Wide(in.c) * l.units + l.units;
        e->macs = (in.rank == 3 ? Wide(in.h) * in.w : Wide(1)) * in.c * l.units;
    } else {
        e->params = e->macs = 0;
    }
    if (conv || l.kind == LayerKind::MaxPool || l.kind == LayerKind::AvgPool) {
        const Wide extent = Wide(conv ? l.dilation_h : 1) * (l.kernel_h - 1) + 1;
        e->size_h += (extent - 1) * e->jump_h;
        e->start_h -= Wide(out.pad_top) * e->jump_h;
        e->jump_h *= l.stride_h;
    }
    return e->params <= kInt64Max && e->macs <= kInt64Max && e->size_h <= kInt64Max && -e->start_h <= kInt64Max && e->jump_h <= kInt64Max;
}

// The output shape and top padding of layer `l` on `in`, worked out apart from summarize().
LayerInfo geometry(const Layer& l, const Shape& in) {
    LayerInfo g;
    g.out = in;
    if (l.kind == LayerKind::Dense) g.out.c = l.units;
    if (l.kind != LayerKind::Conv2D && l.kind != LayerKind::MaxPool && l.kind != LayerKind::AvgPool) return g;
    const long long extent = static_cast<long long>(l.kind == LayerKind::Conv2D ? l.dilation_h : 1) * (l.kernel_h - 1) + 1;
    auto out = [&](long long n, int stride) { return l.padding == Padding::Same ? (n + stride - 1) / stride : (n - extent) / stride + 1; };
    g.out.h = out(in.h, l.stride_h);
    g.out.w = out(in.w, l.stride_w);
    if (l.kind == LayerKind::Conv2D) g.out.c = l.units;
    if (l.padding == Padding::Same) g.pad_top = static_cast<int>(std::max<long long>((g.out.h - 1) * l.stride_h + extent - in.h, 0) / 2);
    return g;
}

}  // namespace

TEST(Layers, ExtremeStacksEitherAddUpExactlyOrAreRefused) {
    // Stacks of the largest layers a model may have, picked at random (a fixed seed):
    // every number shown must be the exact one, and a stack whose exact numbers
    // pass 64 bits must be refused at that layer.
    const Padding same = Padding::Same;
    const std::vector<Layer> kinds = {conv2d(1000000, 1000, same), conv2d(1000000, 1, Padding::Valid), conv2d(1, 3, same, 1, 1000),
                                      conv2d(7, 1000, same, 1000), max_pool(1000, 1000, same), max_pool(2, 1000, same),
                                      avg_pool(1000, 1, same), flatten(), global_max_pool(), dense(1000000), dense(1)};
    const std::vector<long long> sides = {1, 4, 1000, 100000}, channels = {1, 1000, 1000000};
    std::mt19937 random(7);
    auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
    int refused_for_64_bits = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        Model m{{3, sides[pick(sides.size())], sides[pick(sides.size())], channels[pick(channels.size())]}, {}};
        for (size_t n = 1 + pick(10); n > 0; --n) m.layers.push_back(kinds[pick(kinds.size())]);
        const Summary s = summarize(m);
        Exact e;
        Wide params = 0, macs = 0;
        Shape in = m.input;
        for (size_t i = 0; i < s.layers.size(); ++i) {
            ASSERT_TRUE(exact_layer(m.layers[i], in, s.layers[i], &e)) << "layer " << i + 1 << " of trial " << trial << " passed 64 bits";
            EXPECT_EQ(Wide(s.layers[i].params), e.params) << trial;
            EXPECT_EQ(Wide(s.layers[i].macs), e.macs) << trial;
            if (!s.layers[i].whole_input) {
                EXPECT_EQ(Wide(s.layers[i].rf_h.size), e.size_h) << trial;
                EXPECT_EQ(Wide(s.layers[i].rf_h.jump), e.jump_h) << trial;
                EXPECT_EQ(Wide(s.layers[i].rf_h.start), e.start_h) << trial;
            }
            params += e.params;
            macs += e.macs;
            in = s.layers[i].out;
        }
        EXPECT_EQ(Wide(s.total_params), params) << trial;
        EXPECT_EQ(Wide(s.total_macs), macs) << trial;
        if (s.error.find("64 bits") != std::string::npos) {
            ++refused_for_64_bits;
            const size_t failed = static_cast<size_t>(s.failed);
            EXPECT_EQ(s.error.rfind("layer " + std::to_string(failed + 1) + " (", 0), 0u) << s.error;
            // The layer refused does pass 64 bits, in its own numbers or its field's.
            Exact at = e;
            EXPECT_FALSE(exact_layer(m.layers[failed], in, geometry(m.layers[failed], in), &at)) << s.error;
        }
    }
    EXPECT_GT(refused_for_64_bits, 100);  // the class is well covered
}

TEST(Layers, JsonMayStartWithAByteOrderMark) {
    Result<Model> m = parse_model("\xEF\xBB\xBF{\"input\": [8, 8, 1], \"layers\": [{\"type\": \"flatten\"}]}");
    ASSERT_TRUE(m.ok()) << m.error;
    EXPECT_EQ(m.value.layers.size(), 1u);
    EXPECT_FALSE(parse_model("\xEF\xBB\xBF").ok());
    EXPECT_FALSE(parse_model("{\xEF\xBB\xBF\"input\": [8, 8, 1], \"layers\": []}").ok());  // only at the start
}

TEST(Layers, BlurPoolShapesFieldsAndJsonAgree) {
    // 28 -> max 2 at stride 1 -> 27 -> blur at stride 2 with one reflected cell each side -> ceil(27 / 2) = 14,
    // as antialiased-cnns' MaxPool2d(2, 1) + BlurPool(filt_size=3, stride=2) gives.
    Model m{{3, 28, 28, 8}, {blur_pool(2)}};
    Summary s = summarize(m);
    ASSERT_EQ(s.error, "");
    EXPECT_EQ(shape_text(s.layers[0].out), "14×14×8");
    EXPECT_EQ(s.layers[0].params, 0);
    EXPECT_EQ(s.layers[0].rf_h.size, 4);   // 2 from the max, + 2 from the 3-tap blur
    EXPECT_EQ(s.layers[0].rf_h.jump, 2);
    EXPECT_EQ(s.layers[0].rf_h.start, -1); // the reflected cell before the first row
    // 'same' max keeps 28, the blur halves it; a stride of 3 gives ceil(27 / 3).
    EXPECT_EQ(shape_text(summarize(Model{{3, 28, 28, 1}, {blur_pool(2, 2, Padding::Same)}}).layers[0].out), "14×14×1");
    EXPECT_EQ(shape_text(summarize(Model{{3, 28, 28, 1}, {blur_pool(2, 3)}}).layers[0].out), "9×9×1");
    EXPECT_EQ(shape_text(summarize(Model{{3, 5, 5, 1}, {blur_pool(3)}}).layers[0].out), "2×2×1");
    // A max that leaves one row has nothing to reflect: refused, naming the layer.
    Summary tiny = summarize(Model{{3, 2, 2, 1}, {blur_pool(2)}});
    EXPECT_EQ(tiny.failed, 0);
    EXPECT_NE(tiny.error.find("layer 1 (BlurPool2D)"), std::string::npos) << tiny.error;
    EXPECT_NE(tiny.error.find("at least 2"), std::string::npos) << tiny.error;
    // JSON: "blurpool" with a default stride of 2 whatever the window; round trip.
    Result<Model> j = parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "blurpool", "pool": 3}]})");
    ASSERT_TRUE(j.ok()) << j.error;
    EXPECT_EQ(j.value.layers[0].kind, LayerKind::BlurPool);
    EXPECT_EQ(j.value.layers[0].kernel_h, 3);
    EXPECT_EQ(j.value.layers[0].stride_h, 2);
    EXPECT_EQ(parse_model(model_to_json(j.value)).value, j.value);
    EXPECT_EQ(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "BlurPool2D"}]})").value.layers[0], blur_pool(2));
    EXPECT_NE(parse_model(R"({"input": [28, 28, 1], "layers": [{"type": "blurpool", "filters": 3}]})").error.find("unknown field"),
              std::string::npos);
    // Without pooling drops it like the other poolings.
    EXPECT_TRUE(without_pooling(Model{{3, 28, 28, 1}, {conv2d(4, 3), blur_pool(2), flatten()}}).layers.size() == 2);
    EXPECT_EQ(window_extent(blur_pool(3), true), 5);
    EXPECT_EQ(window_extent(conv2d(1, 3, Padding::Valid, 1, 2), false), 5);
}
