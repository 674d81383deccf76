#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/link.h"
#include "core/scene.h"
#include "core/scenes/train/train_scene.h"
#include "core/train/presets.h"
#include "core/train/weights.h"

using namespace pl;

namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string mnist_bytes() { return file_bytes(std::string(POOLLAB_DATASET_DIR) + "/mnist.bin"); }

// The scene on the MNIST digits with the committed pretrained weights, as the view loads them.
TrainScene with_mnist_and_weights() {
    TrainScene s = train_scene_default();
    train_take_data(s, "mnist", mnist_bytes());
    for (const std::string& name : train_weights_wanted(s)) {
        EXPECT_TRUE(train_take_weights(s, name, file_bytes(std::string(POOLLAB_DATASET_DIR) + "/w-" + name + ".bin"))) << name;
    }
    return s;
}

// Runs frames until nothing is left to do (or `frames` run out).
int run_frames(TrainScene& s, int frames) {
    int n = 0;
    while (n < frames && train_advance(s, 1.0 / 60)) ++n;
    return n;
}

}  // namespace

TEST(TrainScene, OpensWithEveryPresetUntrainedUntilTheDataArrive) {
    TrainScene s = train_scene_default();
    EXPECT_EQ(s.nets.size(), train::train_presets().size() + 1);  // and max pooling trained on shifted digits
    EXPECT_EQ(s.nets[static_cast<size_t>(train_find(s, "max-shifted"))].augment, 3);
    EXPECT_EQ(s.data_state, DataState::Missing);
    EXPECT_FALSE(train_advance(s, 0.016));  // nothing to do without data: the figure can sleep
    EXPECT_NE(train_start(s, true), "");
    EXPECT_EQ(train_weights_wanted(s).size(), s.nets.size());  // but only once the data are here is anything fetched
    int shown = 0;
    for (const TrainNet& n : s.nets) shown += n.shown;
    EXPECT_EQ(shown, 9);  // the kinds of pooling; the "how much pooling?" series is a click away
    const TrainNet& max = s.nets[static_cast<size_t>(train_find(s, "max"))];
    EXPECT_EQ(max.params, 5258);
    EXPECT_EQ(max.macs, 26 * 26 * 8 * 9 + 11 * 11 * 16 * 72 + 400 * 10);
}

TEST(TrainScene, RefusesDamagedDataAndWeightsWithAMessage) {
    TrainScene s = train_scene_default();
    train_take_data(s, "mnist", "PLDS but not really");
    EXPECT_EQ(s.data_state, DataState::Failed);
    EXPECT_NE(s.data_message.find("could not be read"), std::string::npos);
    train_take_data(s, "mnist", mnist_bytes());
    ASSERT_EQ(s.data_state, DataState::Ready);
    EXPECT_EQ(s.split->train.count(), 8000);
    EXPECT_EQ(s.split->test.count(), 2000);
    const std::string good = file_bytes(std::string(POOLLAB_DATASET_DIR) + "/w-max.bin");
    ASSERT_FALSE(good.empty());
    std::string bad = good;
    bad[bad.size() / 2] ^= 0x55;
    EXPECT_FALSE(train_take_weights(s, "max", bad));
    const TrainNet& max = s.nets[static_cast<size_t>(train_find(s, "max"))];
    EXPECT_EQ(max.status, NetStatus::Untrained);
    EXPECT_NE(max.message.find("could not be read"), std::string::npos);
    // Another network's weights are refused too.
    EXPECT_FALSE(train_take_weights(s, "no-pool", good));
    EXPECT_TRUE(train_take_weights(s, "max", good));
    EXPECT_EQ(s.nets[static_cast<size_t>(train_find(s, "max"))].status, NetStatus::Trained);
}

TEST(TrainScene, PretrainedNetworksAreMeasuredInSlicesAndAnswerInWords) {
    TrainScene s = with_mnist_and_weights();
    for (TrainNet& n : s.nets) n.shown = n.preset == "no-pool" || n.preset == "max" || n.preset == "blur" || n.preset == "max-shifted";
    run_frames(s, 100000);
    // Until the Shift tab is opened, the heat maps are not measured (they cost the most).
    EXPECT_GE(s.nets[static_cast<size_t>(train_find(s, "max"))].measures.accuracy, 0);
    EXPECT_FALSE(s.nets[static_cast<size_t>(train_find(s, "max"))].measures.done());
    EXPECT_FALSE(train_advance(s, 0.016));  // and the figure can sleep
    s.tab = TrainTab::Shift;
    s.slice_ms = 50;
    run_frames(s, 100000);
    const TrainNet& none = s.nets[static_cast<size_t>(train_find(s, "no-pool"))];
    const TrainNet& max = s.nets[static_cast<size_t>(train_find(s, "max"))];
    const TrainNet& blur = s.nets[static_cast<size_t>(train_find(s, "blur"))];
    ASSERT_TRUE(max.measures.done());
    EXPECT_FALSE(s.nets[static_cast<size_t>(train_find(s, "stages-1"))].measures.done());  // not shown: not measured
    // The CLI measured these weights when it made them: 95.65% and 96.10% held out.
    EXPECT_NEAR(max.measures.accuracy, 0.9565, 1e-9);
    EXPECT_NEAR(none.measures.accuracy, 0.9610, 1e-9);
    // The measures agree with the evaluation module's on the same pictures.
    EXPECT_NEAR(max.measures.accuracy, train::evaluate(max.net, s.split->test).accuracy, 1e-12);
    const train::ShiftSweep sweep = train::shift_accuracy(max.net, s.split->test, kTrainSweepRadius, kTrainSweepPictures);
    for (int dy = -kTrainSweepRadius; dy <= kTrainSweepRadius; ++dy) {
        for (int dx = -kTrainSweepRadius; dx <= kTrainSweepRadius; ++dx) {
            const size_t k = static_cast<size_t>((dy + kTrainSweepRadius) * (2 * kTrainSweepRadius + 1) + dx + kTrainSweepRadius);
            EXPECT_NEAR(max.measures.sweep[k], sweep.at(dx, dy), 1e-12) << dx << "," << dy;
        }
    }
    const train::ShiftSweep two = train::shift_accuracy(max.net, s.split->test, 2, kTrainShiftedPictures);
    EXPECT_NEAR(max.measures.shifted, (two.at(2, 0) + two.at(-2, 0) + two.at(0, 2) + two.at(0, -2)) / 4, 1e-12);
    EXPECT_NEAR(max.measures.flips, train::flip_probability(max.net, s.split->test, kTrainFlipPictures), 1e-12);
    // Pooling buys shift robustness, and blur pooling more than max (Zhang 2019).
    EXPECT_GT(max.measures.shifted, none.measures.shifted);
    EXPECT_GT(blur.measures.shifted, max.measures.shifted);
    EXPECT_GT(max.measures.consistency, none.measures.consistency);
    EXPECT_LT(max.measures.accuracy - max.measures.shifted, none.measures.accuracy - none.measures.shifted);
    // Invariance learned from shifted training digits beats what pooling builds in, at the same accuracy.
    const TrainNet& learned = s.nets[static_cast<size_t>(train_find(s, "max-shifted"))];
    EXPECT_NEAR(learned.measures.accuracy, 0.957, 1e-9);
    EXPECT_GT(learned.measures.shifted, blur.measures.shifted);
    EXPECT_NE(learned.origin.find("shifted by up to 3 px"), std::string::npos) << learned.origin;
    // The words use the live numbers.
    const std::string words = train_result_words(s, train_find(s, "max"));
    EXPECT_NE(words.find("4.2\u00d7 fewer multiply-adds than no pooling"), std::string::npos) << words;
    EXPECT_NE(words.find("0.4 points less accurate"), std::string::npos) << words;
    char drop[64];
    std::snprintf(drop, sizeof drop, "shifted 2 px it drops to %.1f%%", 100 * max.measures.shifted);
    EXPECT_NE(words.find(drop), std::string::npos) << words;
    EXPECT_EQ(train_result_words(s, train_find(s, "no-pool")).rfind("The baseline: 93,418 parameters", 0), 0u);
    EXPECT_NE(train_results_csv(s).find("\nmax,trained,5258,192064,"), std::string::npos);
}

TEST(TrainScene, TrainsInSlicesKeepsTheCurvesAndCancelRestoresTheWeights) {
    TrainScene s = train_scene_default();
    train_set_data(s, "where");
    train::DataSplit where = train::make_where_task(2000, 400, 7);
    train_take_data(s, "where", train::dataset_bytes(where));
    ASSERT_EQ(s.data_state, DataState::Ready);
    for (TrainNet& n : s.nets) n.shown = n.preset == "max" || n.preset == "strided";
    s.settings.epochs = 3;
    s.slice_ms = 5;
    EXPECT_EQ(train_start(s, true), "");
    EXPECT_TRUE(train_busy(s));
    // A slice ends in a few milliseconds, not when the network is done.
    train_advance(s, 0.016);
    const int max = train_find(s, "max");
    EXPECT_EQ(s.training, max);
    EXPECT_LT(train_progress(s, nullptr), 1.0);
    // Pause holds the training where it is.
    train_pause(s, true);
    const long long seen = s.nets[static_cast<size_t>(max)].trainer->images_seen;
    train_advance(s, 0.016);
    EXPECT_EQ(s.nets[static_cast<size_t>(max)].trainer->images_seen, seen);
    train_pause(s, false);
    run_frames(s, 100000);
    EXPECT_FALSE(train_busy(s));
    const TrainNet& m = s.nets[static_cast<size_t>(max)];
    EXPECT_EQ(m.status, NetStatus::Trained);
    ASSERT_EQ(m.curve.size(), 3u);
    EXPECT_GE(m.curve.back().test_accuracy, 0.8);  // local pooling can tell above from below
    EXPECT_NE(m.origin.find("3 epochs"), std::string::npos);
    EXPECT_GT(m.train_seconds, 0);
    // The live curves: points all through the run, in order, ending at epoch 3,
    // with a loss that fell and a training accuracy that rose.
    ASSERT_GE(m.live.size(), 30u);
    EXPECT_LE(m.live.size(), static_cast<size_t>(kTrainLivePoints) + 1);
    for (size_t k = 1; k < m.live.size(); ++k) EXPECT_GT(m.live[k].epoch, m.live[k - 1].epoch);
    EXPECT_LT(m.live.front().epoch, 0.2);
    EXPECT_GT(m.live.back().epoch, 2.9);
    EXPECT_LE(m.live.back().epoch, 3.0);
    EXPECT_LT(m.live.back().loss, m.live.front().loss * 0.7);
    EXPECT_GT(m.live.back().train_accuracy, 0.8);
    const std::vector<LivePoint> live = m.live;
    // Same seed, same weights: what the core trainer makes on its own.
    train::Trainer ref = train::make_trainer(m.model, where.train, s.settings).value;
    while (ref.state == train::TrainState::Training) train::run_batches(ref, where.train, 1000);
    EXPECT_EQ(m.net.params, ref.net.params);
    // A cancel goes back to the weights before.
    const std::vector<float> before = m.net.params;
    s.settings.epochs = 50;
    ASSERT_EQ(train_start(s, false), "");
    run_frames(s, 20);
    // A continued run's live points go on from epoch 3.
    ASSERT_GT(s.nets[static_cast<size_t>(max)].live.size(), live.size());
    EXPECT_GT(s.nets[static_cast<size_t>(max)].live.back().epoch, 3.0);
    train_cancel(s);
    EXPECT_FALSE(train_busy(s));
    EXPECT_EQ(s.nets[static_cast<size_t>(max)].net.params, before);
    // The cancelled run's curves go with its weights.
    EXPECT_EQ(s.nets[static_cast<size_t>(max)].curve.size(), 3u);
    ASSERT_EQ(s.nets[static_cast<size_t>(max)].live.size(), live.size());
    EXPECT_EQ(s.nets[static_cast<size_t>(max)].live.back().epoch, live.back().epoch);
    EXPECT_EQ(s.nets[static_cast<size_t>(max)].status, NetStatus::Trained);
}

TEST(TrainScene, DivergenceStopsThatNetworkWithAMessageAndKeepsFiniteWeights) {
    TrainScene s = train_scene_default();
    train_set_data(s, "where");
    train_take_data(s, "where", train::dataset_bytes(train::make_where_task(400, 100, 3)));
    for (TrainNet& n : s.nets) n.shown = n.preset == "no-pool";
    s.settings.epochs = 20;
    ASSERT_EQ(train_start(s, true), "");
    train_advance(s, 0.016);
    const int at = train_find(s, "no-pool");
    ASSERT_EQ(s.training, at);
    s.nets[static_cast<size_t>(at)].trainer->net.params[0] = std::numeric_limits<float>::infinity();  // the next step "blows up"
    run_frames(s, 100000);
    const TrainNet& n = s.nets[static_cast<size_t>(train_find(s, "no-pool"))];
    EXPECT_EQ(n.status, NetStatus::Diverged);
    EXPECT_FALSE(n.message.empty());
    for (float w : n.net.params) ASSERT_TRUE(std::isfinite(w));
    EXPECT_EQ(train_result_words(s, train_find(s, "no-pool")), n.message);
    // Settings that cannot train are refused in words, before anything starts.
    s.settings.batch = 0;
    EXPECT_NE(train_start(s, true).find("batch"), std::string::npos);
    EXPECT_FALSE(train_busy(s));
}

TEST(TrainScene, AStackThatDoesNotFitTheDataIsRefusedNamingTheLayer) {
    TrainScene s = train_scene_default();
    Model wrong{{3, 28, 28, 1}, {conv2d(8, 3), max_pool(2), flatten()}};  // no dense layer to 10 classes
    const std::string why = train_add_model(s, wrong, "mine");
    EXPECT_NE(why, "");
    EXPECT_EQ(train_find(s, "custom"), -1);
    Model fine{{3, 28, 28, 1}, {conv2d(4, 3), max_pool(2), flatten(), dense(10)}};
    EXPECT_EQ(train_add_model(s, fine, "mine"), "");
    EXPECT_GE(train_find(s, "custom"), 0);
}

TEST(TrainScene, TryItShiftsThePictureAndFindsWhereEachNetworkChangesItsMind) {
    TrainScene s = with_mnist_and_weights();
    train_pick_digit(s, 3);
    train_set_shift(s, 2, -1);
    const std::vector<float> a = train_current_picture(s, false), b = train_current_picture(s, true);
    for (int r = 0; r < 28; ++r) {
        for (int c = 0; c < 28; ++c) {
            const float want = (r + 1 < 28 && c - 2 >= 0) ? a[static_cast<size_t>(r + 1) * 28 + c - 2] : 0.0f;
            ASSERT_EQ(b[static_cast<size_t>(r) * 28 + c], want) << r << "," << c;
        }
    }
    train_refresh_try(s);
    const int max = train_find(s, "max");
    const TrainNet& n = s.nets[static_cast<size_t>(max)];
    ASSERT_EQ(n.probs.size(), 10u);
    const std::vector<float> p = train::class_probabilities(n.net, b.data());
    EXPECT_EQ(n.probs, p);
    int from = 0, to = 0;
    ASSERT_TRUE(train_same_answer(s, max, &from, &to));
    EXPECT_LE(from, 2);
    EXPECT_GE(to, 2);
    // Every shift inside the run gets the class of the current one (dx 2), the ones just outside do not.
    const int now = n.along[static_cast<size_t>(2 + kTrainSweepRadius)];
    EXPECT_EQ(now, static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin()));
    for (int dx = from; dx <= to; ++dx) EXPECT_EQ(n.along[static_cast<size_t>(dx + kTrainSweepRadius)], now);
    if (to < kTrainSweepRadius) EXPECT_NE(n.along[static_cast<size_t>(to + 1 + kTrainSweepRadius)], now);
    if (from > -kTrainSweepRadius) EXPECT_NE(n.along[static_cast<size_t>(from - 1 + kTrainSweepRadius)], now);
    // The gallery lists pictures that network gets wrong at this shift.
    s.gallery_net = max;
    s.gallery_dirty = true;
    train_refresh_try(s);
    ASSERT_FALSE(s.gallery.empty());
    std::vector<float> pic(28 * 28);
    for (int g : s.gallery) {
        train::picture_floats(s.split->test, g, s.dx, s.dy, pic.data());
        EXPECT_NE(train::predict(n.net, pic.data(), 1)[0], s.split->test.labels[static_cast<size_t>(g)]);
    }
    // Painting starts a drawing from the picture on show; the shift clamps to the measured range.
    train_paint(s, 5, 5, 1.0f);
    EXPECT_TRUE(s.drawn);
    EXPECT_EQ(train_current_picture(s, false)[5 * 28 + 5], 1.0f);
    train_set_shift(s, 99, -99);
    EXPECT_EQ(s.dx, kTrainSweepRadius);
    EXPECT_EQ(s.dy, -kTrainSweepRadius);
}

TEST(TrainScene, LinksCarryTheDataNetworksDrawingShiftAndSettings) {
    SceneSet set = scene_set_default();
    std::vector<std::string> notices;
    set = read_link("v=1&scene=train&data=fashion&tab=try&nets=max,blur&digit=12&at=3,-2&epochs=7&batch=64&lr=0.001&seed=9&augment=2&inside=blur&class=4",
                    set, &notices);
    EXPECT_TRUE(notices.empty()) << notices[0];
    const TrainScene& s = model_of<TrainScene>(set, Scene::Train);
    EXPECT_EQ(s.data, "fashion");
    EXPECT_EQ(s.tab, TrainTab::Try);
    EXPECT_EQ(s.digit, 11);
    EXPECT_EQ(s.dx, 3);
    EXPECT_EQ(s.dy, -2);
    EXPECT_EQ(s.settings.epochs, 7);
    EXPECT_EQ(s.settings.batch, 64);
    EXPECT_FLOAT_EQ(s.settings.learning_rate, 0.001f);
    EXPECT_EQ(s.settings.seed, 9u);
    EXPECT_EQ(s.settings.augment, 2);
    EXPECT_EQ(s.nets[static_cast<size_t>(s.inside_net)].preset, "blur");
    EXPECT_EQ(s.inside_class, 4);
    int shown = 0;
    for (const TrainNet& n : s.nets) shown += n.shown;
    EXPECT_EQ(shown, 2);
    // And back: the same link.
    EXPECT_EQ(link_fragment(set), "v=1&scene=train&data=fashion&tab=try&nets=max,blur&digit=12&at=3,-2&epochs=7&batch=64&lr=0.001&seed=9&augment=2&inside=blur&class=4");
    // A drawing survives the round trip to a sixteenth.
    SceneSet d = scene_set_default();
    d.shown = Scene::Train;
    TrainScene& t = model_of<TrainScene>(d, Scene::Train);
    train_clear_drawing(t);
    train_paint(t, 10, 12, 1.0f);
    train_paint(t, 11, 12, 0.5f);
    SceneSet back = read_link(link_fragment(d), scene_set_default(), &notices);
    const TrainScene& u = model_of<TrainScene>(back, Scene::Train);
    ASSERT_TRUE(u.drawn);
    EXPECT_FLOAT_EQ(u.drawing[10 * 28 + 12], 1.0f);
    EXPECT_NEAR(u.drawing[11 * 28 + 12], 0.5f, 0.5f / 15 + 1e-6f);  // half a step of the 16 levels
}

TEST(TrainScene, AStackFromTheReceptiveFieldSceneArrivesByLinkAndKeepsWhatItLearned) {
    SceneSet set = scene_set_default();
    std::vector<std::string> notices;
    set = read_link("v=1&scene=train&model=28x28x1;c4k3;m2;f;d10", set, &notices);
    ASSERT_TRUE(notices.empty()) << notices[0];
    TrainScene& s = model_of<TrainScene>(set, Scene::Train);
    const int at = train_find(s, "custom");
    ASSERT_GE(at, 0);
    EXPECT_EQ(s.nets[static_cast<size_t>(at)].title, "Your stack");
    EXPECT_TRUE(s.nets[static_cast<size_t>(at)].shown);
    EXPECT_EQ(s.nets[static_cast<size_t>(at)].params, 4 * 10 + 13 * 13 * 4 * 10 + 10);
    const std::string link = link_fragment(set);
    EXPECT_NE(link.find("model=28x28x1;c4k3;m2;f;d10"), std::string::npos) << link;
    EXPECT_NE(link.find("custom"), std::string::npos) << link;
    // Read again (the address bar, a reload): the same network, not a fresh one.
    s.nets[static_cast<size_t>(at)].status = NetStatus::Trained;
    set = read_link(link, set, &notices);
    EXPECT_EQ(model_of<TrainScene>(set, Scene::Train).nets[static_cast<size_t>(at)].status, NetStatus::Trained);
    // A stack that does not end in 10 classes is refused, naming the layer.
    notices.clear();
    set = read_link("v=1&scene=train&model=28x28x1;c4k3;f;d7", scene_set_default(), &notices);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].find("cannot be trained"), std::string::npos) << notices[0];
    EXPECT_NE(notices[0].find("layer 3"), std::string::npos) << notices[0];
    EXPECT_EQ(train_find(model_of<TrainScene>(set, Scene::Train), "custom"), -1);
}

TEST(TrainScene, BadLinkFieldsKeepTheirDefaultsAndSayWhy) {
    const char* bad[] = {"data=cifar", "tab=nope", "nets=max,bogus", "digit=0", "digit=1e3", "at=7,0", "at=1", "at=a,b", "draw=zz",
                         "draw=" "0123", "epochs=0", "batch=99999", "lr=0", "lr=nan", "lr=-1", "seed=-4", "augment=15", "inside=nobody", "class=12"};
    for (const char* field : bad) {
        std::vector<std::string> notices;
        const SceneSet set = read_link(std::string("v=1&scene=train&") + field, scene_set_default(), &notices);
        EXPECT_EQ(notices.size(), 1u) << field;
        const TrainScene& s = model_of<TrainScene>(set, Scene::Train);
        const TrainScene d = train_scene_default();
        EXPECT_EQ(s.data, d.data) << field;
        EXPECT_EQ(s.tab, d.tab) << field;
        EXPECT_EQ(s.digit, d.digit) << field;
        EXPECT_EQ(s.dx, 0) << field;
        EXPECT_FALSE(s.drawn) << field;
        EXPECT_EQ(s.settings.epochs, d.settings.epochs) << field;
        EXPECT_EQ(s.settings.batch, d.settings.batch) << field;
        EXPECT_EQ(s.settings.learning_rate, d.settings.learning_rate) << field;
        EXPECT_EQ(s.inside_class, -1) << field;
        int shown = 0;
        for (const TrainNet& n : s.nets) shown += n.shown;
        EXPECT_EQ(shown, 9) << field;
    }
}
