// poollab train and eval on a small dataset file made by the core's "where"
// task: weights written and read back, eval's numbers and JSON, and the
// errors (usage: exit 2; bad data: exit 1).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "cli_run.h"
#include "core/json_value.h"
#include "core/train/dataset.h"
#include "core/train/evaluate.h"
#include "core/train/trainer.h"
#include "core/train/weights.h"

using namespace pl;

namespace {

// A "where" split of 600 + 200 pictures, written once for the whole file.
const std::string& where_file() {
    static const std::string path = [] {
        const std::string p = ::testing::TempDir() + "poollab-cli-where.bin";
        std::ofstream(p, std::ios::binary) << train::dataset_bytes(train::make_where_task(600, 200, 7));
        return p;
    }();
    return path;
}

std::string temp(const char* name) { return ::testing::TempDir() + name; }

}  // namespace

TEST(CliTrain, TrainsAPresetAndEvalAgreesWithTheCore) {
    const std::string weights = temp("poollab-cli-max.plw");
    CliRun r = run_poollab({"train", "--preset", "max", "--data-file", where_file(), "--epochs", "2", "--lr", "0.003", "--seed", "4",
                            "--out", weights});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("epoch 1/2: loss"), std::string::npos) << r.err;  // progress on standard error
    EXPECT_NE(r.err.find("epoch 2/2"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("max on where: held-out accuracy"), std::string::npos) << r.out;
    Result<train::SavedNetwork> saved = train::load_weights_file(weights);
    ASSERT_TRUE(saved.ok()) << saved.error;
    EXPECT_EQ(saved.value.data, "where");
    EXPECT_EQ(saved.value.net.classes, 2);  // the preset's dense 10 made dense 2 for the task
    // eval --json: the core's evaluation of the same weights on the same pictures.
    CliRun e = run_poollab({"eval", "--weights", weights, "--data-file", where_file(), "--shift-sweep", "1", "--json"});
    ASSERT_EQ(e.code, 0) << e.err;
    Result<JsonValue> j = parse_json(e.out);
    ASSERT_TRUE(j.ok()) << j.error << "\n" << e.out;
    const train::DataSplit split = train::load_dataset_file(where_file()).value;
    const train::Evaluation core = train::evaluate(saved.value.net, split.test);
    EXPECT_DOUBLE_EQ(j.value.find("accuracy")->number, core.accuracy);
    EXPECT_GT(core.accuracy, 0.6);  // chance is 0.5; two epochs on 600 pictures learn something
    EXPECT_EQ(j.value.find("count")->number, 200);
    const JsonValue* confusion = j.value.find("confusion");
    ASSERT_EQ(confusion->array.size(), 2u);
    EXPECT_EQ(confusion->array[1].array[0].number, core.confusion[2]);
    const JsonValue* sweep = j.value.find("shift_accuracy");
    ASSERT_EQ(sweep->array.size(), 3u);
    EXPECT_DOUBLE_EQ(sweep->array[1].array[1].number, core.accuracy);  // the unshifted centre
    const double c = j.value.find("consistency")->number, flip = j.value.find("one_pixel_flip")->number;
    EXPECT_GE(c, 0.0);
    EXPECT_LE(c, 1.0);
    EXPECT_GE(flip, 0.0);
    EXPECT_LE(flip, 1.0);
    // --digit N --at DX,DY: one held-out picture, moved, as the core classifies it.
    CliRun d = run_poollab({"eval", "--weights", weights, "--data-file", where_file(), "--digit", "7", "--at", "2,-1", "--json"});
    ASSERT_EQ(d.code, 0) << d.err;
    Result<JsonValue> dj = parse_json(d.out);
    ASSERT_TRUE(dj.ok()) << dj.error;
    std::vector<float> pic(28 * 28);
    train::picture_floats(split.test, 6, 2, -1, pic.data());
    const std::vector<float> want = train::class_probabilities(saved.value.net, pic.data());
    const JsonValue* probs = dj.value.find("probabilities");
    ASSERT_EQ(probs->array.size(), 2u);
    for (size_t k = 0; k < 2; ++k) EXPECT_FLOAT_EQ(static_cast<float>(probs->array[k].number), want[k]);
    EXPECT_EQ(dj.value.find("label")->number, split.test.labels[6]);
    EXPECT_EQ(run_poollab({"eval", "--weights", weights, "--data-file", where_file(), "--digit", "201"}).code, 1);  // 200 held out
    // The text form says the same accuracy.
    CliRun text = run_poollab({"eval", "--weights", weights, "--data-file", where_file()});
    ASSERT_EQ(text.code, 0) << text.err;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.2f%%", 100.0 * core.accuracy);
    EXPECT_NE(text.out.find(std::string("held-out accuracy: ") + pct + " of 200 where pictures"), std::string::npos) << text.out;
    std::remove(weights.c_str());
}

TEST(CliTrain, UsageErrorsExitTwo) {
    const std::string out = temp("poollab-cli-unused.plw");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"train", "--preset", "max"},                                        // no --out
             {"train", "--out", out},                                             // no model
             {"train", "m.json", "--preset", "max", "--out", out},                // two models
             {"train", "--preset", "nope", "--data-file", where_file(), "--out", out},
             {"train", "--preset", "max", "--epochs", "0", "--out", out},
             {"train", "--preset", "max", "--lr", "-1", "--out", out},
             {"train", "--preset", "max", "--lr", "0.1", "--lr", "0.2", "--out", out},
             {"train", "--preset", "max", "--augment", "20", "--out", out},
             {"train", "--preset", "max", "--data", "cifar", "--out", out},
             {"train", "--preset", "max", "--bogus", "--out", out},
             {"eval"},
             {"eval", "--weights", out, "--shift-sweep", "99"},
             {"eval", "--weights", out, "extra"},
             {"eval", "--weights", out, "--at", "1,1"},                       // --at without --digit
             {"eval", "--weights", out, "--digit", "0"},
             {"eval", "--weights", out, "--digit", "3", "--at", "2"},
             {"eval", "--weights", out, "--digit", "3", "--at", "40,0"}}) {
        CliRun r = run_poollab(args);
        EXPECT_EQ(r.code, 2) << args[1] << " " << (args.size() > 2 ? args[2] : "") << ": " << r.err;
        EXPECT_NE(r.err.find("poollab:"), std::string::npos);
    }
}

TEST(CliTrain, BadDataExitsOneWithTheReason) {
    // A model that does not end in the task's 2 classes: refused naming the layer.
    CliRun r = run_poollab({"train", "-", "--data-file", where_file(), "--out", temp("poollab-cli-x.plw")},
                           R"({"input": [28, 28, 1], "layers": [{"type": "conv2d", "filters": 4, "kernel": 3}, {"type": "flatten"},
                               {"type": "dense", "units": 10}]})");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("layer 3 (Dense)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("2 classes"), std::string::npos) << r.err;
    // A weights file cut short, a missing one, a missing dataset.
    const std::string cut = temp("poollab-cli-cut.plw");
    std::ofstream(cut, std::ios::binary) << "PLWT\x01\x00\x00\x00\x1c";
    CliRun e = run_poollab({"eval", "--weights", cut, "--data-file", where_file()});
    EXPECT_EQ(e.code, 1);
    EXPECT_NE(e.err.find("cut short"), std::string::npos) << e.err;
    EXPECT_EQ(run_poollab({"eval", "--weights", temp("poollab-no-such.plw")}).code, 1);
    EXPECT_EQ(run_poollab({"train", "--preset", "max", "--data-file", temp("no-such-data.bin"), "--out", cut}).code, 1);
    std::remove(cut.c_str());
}
