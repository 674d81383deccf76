// The trainer end to end on a synthetic task it must learn (a bright square in
// one of four quadrants), its determinism, divergence, refusals, and the
// evaluation measures on the result.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numeric>
#include <set>

#include "core/train/evaluate.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

using namespace pl;
using namespace pl::train;

namespace {

// Class q: a 5 x 5 bright square somewhere in quadrant q (0 top left, 1 top right, 2 bottom left, 3 bottom right), faint noise elsewhere.
Dataset quadrants(int count, std::uint64_t seed) {
    Dataset d;
    d.name = "quadrants";
    d.classes = 4;
    d.class_names = {"top left", "top right", "bottom left", "bottom right"};
    Rng rng(seed);
    d.pixels.resize(static_cast<size_t>(count) * 784);
    for (int i = 0; i < count; ++i) {
        const int q = i % 4;
        std::uint8_t* img = d.pixels.data() + static_cast<size_t>(i) * 784;
        for (int p = 0; p < 784; ++p) img[p] = static_cast<std::uint8_t>(rng.below(40));
        const int y0 = (q / 2) * 14 + rng.below(9), x0 = (q % 2) * 14 + rng.below(9);
        for (int y = y0; y < y0 + 5; ++y) {
            for (int x = x0; x < x0 + 5; ++x) img[y * 28 + x] = 255;
        }
        d.labels.push_back(static_cast<std::uint8_t>(q));
    }
    return d;
}

Model small(LayerKind pool = LayerKind::MaxPool, int classes = 4) {
    Layer p = pool == LayerKind::MaxPool ? max_pool(2) : pool == LayerKind::AvgPool ? avg_pool(2) : blur_pool(2);
    return Model{{3, 28, 28, 1}, {conv2d(4, 3), p, conv2d(8, 3), max_pool(2), flatten(), dense(classes)}};
}

TrainSettings quick(int epochs = 2) {
    TrainSettings s;
    s.epochs = epochs;
    s.batch = 32;
    s.learning_rate = 5e-3f;
    s.seed = 3;
    return s;
}

}  // namespace

TEST(Trainer, LearnsASeparableTaskInAFewSeconds) {
    const auto begin = std::chrono::steady_clock::now();
    const Dataset train = quadrants(800, 1), test = quadrants(200, 2);
    for (LayerKind pool : {LayerKind::MaxPool, LayerKind::AvgPool, LayerKind::BlurPool}) {
        Result<Trainer> t = make_trainer(small(pool), train, quick());
        ASSERT_TRUE(t.ok()) << t.error;
        EXPECT_EQ(t.value.batches_per_epoch, 25);
        run_batches(t.value, train, 1000);
        EXPECT_EQ(t.value.state, TrainState::Done);
        EXPECT_EQ(t.value.epoch, 2);
        ASSERT_EQ(t.value.history.size(), 2u);
        EXPECT_LT(t.value.history[1].loss, t.value.history[0].loss);
        EXPECT_DOUBLE_EQ(progress(t.value), 1.0);
        const Evaluation e = evaluate(t.value.net, test);
        EXPECT_GE(e.accuracy, 0.95) << layer_kind_title(pool);  // chance is 0.25
        EXPECT_EQ(std::accumulate(e.confusion.begin(), e.confusion.end(), 0), 200);
        int diagonal = 0;
        for (int c = 0; c < 4; ++c) diagonal += e.confusion[static_cast<size_t>(c * 4 + c)];
        EXPECT_DOUBLE_EQ(diagonal / 200.0, e.accuracy);
        // Shifted by nothing, the sweep's centre is the plain accuracy; a radius of 0 is always consistent.
        const ShiftSweep sweep = shift_accuracy(t.value.net, test, 1, 100);
        EXPECT_EQ(sweep.accuracy.size(), 9u);
        EXPECT_DOUBLE_EQ(sweep.at(0, 0), evaluate(t.value.net, test, 100).accuracy);
        EXPECT_DOUBLE_EQ(consistency(t.value.net, test, 0, 5, 100), 1.0);
        const double c3 = consistency(t.value.net, test, 3, 5, 100), flips = flip_probability(t.value.net, test, 100);
        EXPECT_GE(c3, 0.5);
        EXPECT_LE(c3, 1.0);
        EXPECT_GE(flips, 0.0);
        EXPECT_LE(flips, 0.5);
    }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count(), 5.0);
}

TEST(Trainer, TheSameSeedGivesTheSameWeights) {
    const Dataset train = quadrants(320, 1);
    TrainSettings s = quick();
    s.augment = 2;
    Trainer a = make_trainer(small(), train, s).value, b = make_trainer(small(), train, s).value;
    run_batches(a, train, 15);
    // In slices of any size, the same batches in the same order.
    for (int i = 0; i < 5; ++i) run_batches(b, train, 3);
    EXPECT_EQ(a.net.params, b.net.params);
    EXPECT_EQ(a.epoch, 1);
    EXPECT_EQ(a.batch, 5);
    s.seed = 4;
    Trainer c = make_trainer(small(), train, s).value;
    run_batches(c, train, 15);
    EXPECT_NE(a.net.params, c.net.params);
}

TEST(Trainer, DivergenceStopsAndKeepsTheLastGoodWeights) {
    const Dataset train = quadrants(320, 1);
    Trainer t = make_trainer(small(), train, quick()).value;
    run_batches(t, train, 4);
    const std::vector<float> after_four = t.net.params;
    run_batches(t, train, 1);
    t.net.params[0] = std::numeric_limits<float>::infinity();  // the 5th step "blew up"
    EXPECT_EQ(run_batches(t, train, 10), 1);
    EXPECT_EQ(t.state, TrainState::Diverged);
    EXPECT_EQ(t.net.params, after_four);  // the weights of the last finite loss (batch 5's forward pass)
    EXPECT_NE(t.message.find("too high"), std::string::npos) << t.message;
    EXPECT_EQ(run_batches(t, train, 10), 0);  // stopped stays stopped
}

TEST(Trainer, RefusesStacksThatDoNotFitNamingTheLayer) {
    const Dataset train = quadrants(64, 1);
    Model wrong_input = small();
    wrong_input.input = {3, 32, 32, 1};
    EXPECT_NE(make_trainer(wrong_input, train, quick()).error.find("28×28×1"), std::string::npos);
    const std::string ten = make_trainer(small(LayerKind::MaxPool, 10), train, quick()).error;
    EXPECT_NE(ten.find("layer 6 (Dense)"), std::string::npos) << ten;
    EXPECT_NE(ten.find("4 classes"), std::string::npos) << ten;
    const std::string image = make_trainer(Model{{3, 28, 28, 1}, {conv2d(4, 3)}}, train, quick()).error;
    EXPECT_NE(image.find("layer 1 (Conv2D)"), std::string::npos) << image;
    EXPECT_NE(image.find("global pooling"), std::string::npos) << image;
    TrainSettings zero = quick();
    zero.batch = 0;
    EXPECT_NE(make_trainer(small(), train, zero).error.find("batch size"), std::string::npos);
    zero = quick();
    zero.learning_rate = std::nanf("");
    EXPECT_NE(make_trainer(small(), train, zero).error.find("learning rate"), std::string::npos);
    // A global-pooling head of a 4-channel conv is a fine last layer.
    EXPECT_TRUE(make_trainer(Model{{3, 28, 28, 1}, {conv2d(8, 3), max_pool(2), conv2d(4, 3), global_avg_pool()}}, train, quick()).ok());
}

TEST(Trainer, RunForStopsAfterItsBudget) {
    const Dataset train = quadrants(320, 1);
    Trainer t = make_trainer(small(), train, quick(50)).value;
    const auto begin = std::chrono::steady_clock::now();
    const int ran = run_for(t, train, 30.0);
    const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    EXPECT_GE(ran, 1);
    EXPECT_LT(took, 200.0);
    EXPECT_EQ(t.images_seen, static_cast<long long>(ran) * 32);
}

TEST(Trainer, GradientsFlowThroughMaxPoolWinnersButEveryAverageCell) {
    const Dataset train = quadrants(64, 1);
    std::vector<float> image(784);
    picture_floats(train, 0, 0, 0, image.data());
    auto nonzero = [](const std::vector<float>& v) { return std::count_if(v.begin(), v.end(), [](float x) { return x != 0.0f; }); };
    for (LayerKind pool : {LayerKind::MaxPool, LayerKind::AvgPool}) {
        Result<Network> net = make_network(Model{{3, 28, 28, 1}, {conv2d(4, 3), pool == LayerKind::MaxPool ? max_pool(2) : avg_pool(2), flatten(), dense(4)}}, 28, 4);
        ASSERT_TRUE(net.ok()) << net.error;
        init_weights(net.value, 9);
        const std::vector<FeatureMap> g = class_gradients(net.value, image.data(), 1);
        ASSERT_EQ(g.size(), 4u);
        EXPECT_EQ(g[1].dims, (Dims{26, 26, 4}));  // into the pooling: the conv's output
        const long long pooled = 13 * 13 * 4;
        if (pool == LayerKind::MaxPool) {
            EXPECT_LE(nonzero(g[1].values), pooled);  // one winner a window at most
        } else {
            EXPECT_GT(nonzero(g[1].values), 2 * pooled);  // spread over the windows' cells
        }
        const std::vector<FeatureMap> maps = feature_maps(net.value, image.data());
        ASSERT_EQ(maps.size(), 5u);
        EXPECT_EQ(maps[2].dims, (Dims{13, 13, 4}));
        const std::vector<float> p = class_probabilities(net.value, image.data());
        EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0f), 1.0f, 1e-5);
    }
}

TEST(TrainPresets, EveryPresetTrainsOnDigitsAndTheMaxOneIsTheBenchmarks) {
    std::set<std::string> names;
    for (const TrainPreset& p : train_presets()) {
        EXPECT_TRUE(names.insert(p.name).second) << p.name;
        Result<Network> net = make_network(p.model, 28, 10);
        ASSERT_TRUE(net.ok()) << p.name << ": " << net.error;
        EXPECT_EQ(static_cast<long long>(net.value.params.size()), summarize(p.model).total_params) << p.name;
    }
    ASSERT_NE(find_train_preset("max"), nullptr);
    EXPECT_EQ(summarize(find_train_preset("max")->model).total_params, 5258);  // the reference network
    EXPECT_EQ(find_train_preset("nonsense"), nullptr);
    // More pooling stages, fewer weights in the dense head.
    long long before = -1;
    for (const char* n : {"stages-3", "stages-2", "stages-1", "stages-0"}) {
        const long long params = summarize(find_train_preset(n)->model).total_params;
        EXPECT_GT(params, before) << n;
        before = params;
    }
}

TEST(TrainPresets, WithClassesResizesTheLastLayerWithWeights) {
    EXPECT_EQ(with_classes(find_train_preset("max")->model, 2).layers.back(), dense(2));
    const Model gap = with_classes(find_train_preset("gap")->model, 2);
    EXPECT_EQ(gap.layers[4].units, 2);  // the conv before the global pooling
    EXPECT_TRUE(make_network(gap, 28, 2).ok());
}
