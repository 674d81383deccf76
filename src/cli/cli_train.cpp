// poollab train and poollab eval: train a layer stack on a dataset and write
// its weights; measure a weights file on held-out pictures (accuracy,
// confusion, shifts, consistency). Progress goes to standard error.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <ostream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"
#include "core/train/evaluate.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"
#include "core/train/weights.h"

#ifndef POOLLAB_DATASET_DIR
#define POOLLAB_DATASET_DIR "data"
#endif

namespace pl {
namespace cli_parts {

namespace {

using namespace pl::train;

// Where --data NAME is read from: $POOLLAB_DATASET_DIR/NAME.bin, else the build's data folder.
std::string dataset_path(const std::string& name) {
    const char* dir = std::getenv("POOLLAB_DATASET_DIR");
    return std::string(dir && *dir ? dir : POOLLAB_DATASET_DIR) + "/" + name + ".bin";
}

// The dataset asked for: a file (--data-file), or a name; "where" is made by code when no file has it.
int load_data(const std::string& name, const std::string& file, std::ostream& err, DataSplit* split) {
    if (file.empty() && name != "mnist" && name != "fashion" && name != "where") {
        err << "poollab: unknown dataset '" << name << "' (use mnist, fashion or where)\n";
        return kExitUsage;
    }
    const std::string path = file.empty() ? dataset_path(name) : file;
    if (file.empty() && name == "where") {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) {
            *split = standard_where_task();
            return kGoOn;
        }
        std::fclose(f);
    }
    Result<DataSplit> r = load_dataset_file(path);
    if (!r.ok()) {
        err << "poollab: " << r.error << (file.empty() ? " (build the datasets, or set POOLLAB_DATASET_DIR)" : "") << '\n';
        return kExitBadData;
    }
    *split = std::move(r.value);
    return kGoOn;
}

// A whole number for `option` in [lo, hi]: kGoOn, or kExitUsage after saying so.
int read_whole(Arguments& args, const std::string& option, int lo, int hi, int* out) {
    std::string v;
    if (!args.value_of(option, &v)) return kExitUsage;
    if (!parse_whole(v, lo, hi, out)) return refuse_value(args.err, option, "takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), v);
    return kGoOn;
}

struct TrainOptions {
    std::string model_file, preset, data = "mnist", data_file, out;
    TrainSettings settings;
};

int read_train_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, TrainOptions* o) {
    Arguments args(list, "train", out, err);
    TrainSettings& s = o->settings;
    while (args.more()) {
        const std::string& a = args.next();
        int code = kGoOn;
        long long seed = 0;
        std::string v;
        if (a == "--preset") {
            if (!args.value_of(a, &o->preset)) return kExitUsage;
        } else if (a == "--data") {
            if (!args.value_of(a, &o->data)) return kExitUsage;
        } else if (a == "--data-file") {
            if (!args.value_of(a, &o->data_file)) return kExitUsage;
        } else if (a == "--out") {
            if (!args.value_of(a, &o->out)) return kExitUsage;
        } else if (a == "--epochs") {
            code = read_whole(args, a, 1, 1000, &s.epochs);
        } else if (a == "--batch") {
            code = read_whole(args, a, 1, 4096, &s.batch);
        } else if (a == "--augment") {
            code = read_whole(args, a, 0, 14, &s.augment);
        } else if (a == "--seed") {
            if (!args.value_of(a, &v)) return kExitUsage;
            if (!parse_whole(v, 0LL, 4294967295LL, &seed)) return refuse_value(err, a, "takes a whole number from 0 to 4294967295", v);
            s.seed = static_cast<std::uint64_t>(seed);
        } else if (a == "--lr") {
            if (!args.value_of(a, &v)) return kExitUsage;
            Result<float> lr = parse_number(v);
            if (!lr.ok() || !(lr.value > 0.0f) || lr.value > 100.0f) return refuse_value(err, a, "takes a number above 0 and at most 100", v);
            s.learning_rate = lr.value;
        } else {
            code = read_input_name(args, a, "model file", &o->model_file);
        }
        if (code != kGoOn) return code;
    }
    if (o->preset.empty() == o->model_file.empty()) {
        err << "poollab: train takes one model: MODEL.json or --preset NAME\n";
        return kExitUsage;
    }
    if (o->out.empty()) {
        err << "poollab: train needs --out WEIGHTS, the file to write the weights to\n";
        return kExitUsage;
    }
    return kGoOn;
}

// The model to train: a preset (resized to the data's classes) or a model file, as is.
int load_train_model(const TrainOptions& o, int classes, std::istream& in, std::ostream& err, Model* model) {
    if (!o.preset.empty()) {
        const TrainPreset* p = find_train_preset(o.preset);
        if (!p) {
            err << "poollab: no training preset called '" << o.preset << "' (";
            for (const TrainPreset& t : train_presets()) err << (&t == &train_presets()[0] ? "" : ", ") << t.name;
            err << ")\n";
            return kExitUsage;
        }
        *model = with_classes(p->model, classes);
        return kGoOn;
    }
    std::string text;
    if (!read_input(o.model_file, in, err, &text)) return kExitBadData;
    Result<Model> m = parse_model(text);
    if (!m.ok()) {
        err << "poollab: " << input_source(o.model_file) << ": " << m.error << '\n';
        return kExitBadData;
    }
    *model = std::move(m.value);
    return kGoOn;
}

std::string percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * fraction);
    return buf;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int run_train(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    TrainOptions o;
    if (int code = read_train_options(args, out, err, &o); code != kGoOn) return code;
    DataSplit data;
    if (int code = load_data(o.data, o.data_file, err, &data); code != kGoOn) return code;
    Model model;
    if (int code = load_train_model(o, data.train.classes, in, err, &model); code != kGoOn) return code;
    Result<Trainer> made = make_trainer(model, data.train, o.settings);
    if (!made.ok()) {
        err << "poollab: cannot train this model on " << data.train.name << ": " << made.error << '\n';
        return kExitBadData;
    }
    Trainer& t = made.value;
    const auto begin = std::chrono::steady_clock::now();
    char line[200];
    while (t.state == TrainState::Training) {
        const int epoch = t.epoch;
        while (t.state == TrainState::Training && t.epoch == epoch) run_batches(t, data.train, 1);
        if (t.state == TrainState::Diverged) break;
        const Evaluation e = evaluate(t.net, data.test);
        std::snprintf(line, sizeof line, "epoch %d/%d: loss %.4f, training accuracy %s, held-out accuracy %s (%.1f s)\n", t.epoch,
                      o.settings.epochs, t.history.back().loss, percent(t.history.back().train_accuracy).c_str(), percent(e.accuracy).c_str(),
                      seconds_since(begin));
        err << line;
    }
    if (t.state == TrainState::Diverged) {
        err << "poollab: " << t.message << '\n';
        if (std::string e = save_weights_file(o.out, t.net, data.train.name); !e.empty()) err << "poollab: " << e << '\n';
        return kExitBadData;
    }
    if (std::string e = save_weights_file(o.out, t.net, data.train.name); !e.empty()) {
        err << "poollab: " << e << '\n';
        return kExitBadData;
    }
    const Evaluation e = evaluate(t.net, data.test);
    std::snprintf(line, sizeof line, "%s on %s: held-out accuracy %s after %d epoch%s (%.1f s, %s parameters); weights in ",
                  o.preset.empty() ? input_source(o.model_file).c_str() : o.preset.c_str(), data.train.name.c_str(), percent(e.accuracy).c_str(),
                  t.epoch, t.epoch == 1 ? "" : "s", seconds_since(begin), count_text(static_cast<long long>(t.net.params.size())).c_str());
    out << line << o.out << '\n';
    return kExitOk;
}

namespace {

struct EvalOptions {
    std::string weights, data, data_file;
    int sweep = -1;  // --shift-sweep R
    bool json = false;
    int digit = 0;   // --digit N (from 1): that test picture's class probabilities instead
    int dx = 0, dy = 0;
    bool at = false;
};

int read_eval_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, EvalOptions* o) {
    Arguments args(list, "eval", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        int code = kGoOn;
        if (a == "--weights") {
            if (!args.value_of(a, &o->weights)) return kExitUsage;
        } else if (a == "--data") {
            if (!args.value_of(a, &o->data)) return kExitUsage;
        } else if (a == "--data-file") {
            if (!args.value_of(a, &o->data_file)) return kExitUsage;
        } else if (a == "--shift-sweep") {
            code = read_whole(args, a, 0, 14, &o->sweep);
        } else if (a == "--json") {
            o->json = true;
        } else if (a == "--digit") {
            code = read_whole(args, a, 1, kMaxDatasetPictures, &o->digit);
        } else if (a == "--at") {
            std::string v;
            if (!args.value_of(a, &v)) return kExitUsage;
            const size_t comma = v.find(',');
            if (comma == std::string::npos || !parse_whole(std::string_view(v).substr(0, comma), -27, 27, &o->dx) ||
                !parse_whole(std::string_view(v).substr(comma + 1), -27, 27, &o->dy)) {
                err << "poollab: --at is the shift DX,DY in pixels, each -27 to 27 (right and down are positive), not '" << v.substr(0, 40) << "'\n";
                return kExitUsage;
            }
            o->at = true;
        } else {
            code = args.help_or_unknown(a);
            if (code == kGoOn) {
                err << "poollab: eval takes no file of its own ('" << a << "'); give the weights with --weights\n";
                return kExitUsage;
            }
        }
        if (code != kGoOn) return code;
    }
    if (o->weights.empty()) {
        err << "poollab: eval needs --weights WEIGHTS\n";
        return kExitUsage;
    }
    if (o->at && !o->digit) {
        err << "poollab: --at shifts the picture of --digit N; give the digit too\n";
        return kExitUsage;
    }
    return kGoOn;
}

void write_eval_json(std::ostream& out, const std::string& data, const Evaluation& e, const EvalOptions& o, const ShiftSweep* sweep,
                     double consistent, double flips, int classes) {
    JsonWriter j;
    j.begin_object();
    j.key("data").value(data);
    j.key("count").value(e.count);
    j.key("accuracy").value(e.accuracy);
    j.key("loss").value(e.loss);
    j.key("confusion").begin_array();
    for (int r = 0; r < classes; ++r) {
        j.begin_array();
        for (int c = 0; c < classes; ++c) j.value(e.confusion[static_cast<size_t>(r * classes + c)]);
        j.end_array();
    }
    j.end_array();
    if (sweep) {
        j.key("shift_radius").value(o.sweep);
        j.key("shift_accuracy").begin_array();  // rows dy = -R..R, columns dx = -R..R
        for (int dy = -o.sweep; dy <= o.sweep; ++dy) {
            j.begin_array();
            for (int dx = -o.sweep; dx <= o.sweep; ++dx) j.value(sweep->at(dx, dy));
            j.end_array();
        }
        j.end_array();
        j.key("consistency").value(consistent);
        j.key("one_pixel_flip").value(flips);
    }
    j.end_object();
    out << j.str() << '\n';
}

void write_eval_text(std::ostream& out, const Dataset& test, const Evaluation& e, const EvalOptions& o, const ShiftSweep* sweep,
                     double consistent, double flips, int classes) {
    out << "held-out accuracy: " << percent(e.accuracy) << " of " << count_text(e.count) << " " << test.name << (e.count == 1 ? " picture\n" : " pictures\n");
    out << "confusion (rows: true class, columns: predicted)\n";
    char cell[16];
    for (int r = 0; r < classes; ++r) {
        out << (r < static_cast<int>(test.class_names.size()) ? test.class_names[static_cast<size_t>(r)].substr(0, 12) : std::to_string(r));
        for (int c = 0; c < classes; ++c) {
            std::snprintf(cell, sizeof cell, " %5d", e.confusion[static_cast<size_t>(r * classes + c)]);
            out << cell;
        }
        out << '\n';
    }
    if (!sweep) return;
    out << "accuracy shifted by (dx, dy), rows dy = " << -o.sweep << ".." << o.sweep << ", columns dx the same\n";
    for (int dy = -o.sweep; dy <= o.sweep; ++dy) {
        for (int dx = -o.sweep; dx <= o.sweep; ++dx) {
            std::snprintf(cell, sizeof cell, "%s%6.2f", dx == -o.sweep ? "" : " ", 100.0 * sweep->at(dx, dy));
            out << cell;
        }
        out << '\n';
    }
    out << "consistency (two random shifts in -" << o.sweep << ".." << o.sweep << " agree): " << percent(consistent) << '\n';
    out << "a 1-pixel shift changes the answer: " << percent(flips) << '\n';
}

}  // namespace

int run_eval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    EvalOptions o;
    if (int code = read_eval_options(args, out, err, &o); code != kGoOn) return code;
    Result<SavedNetwork> saved = load_weights_file(o.weights);
    if (!saved.ok()) {
        err << "poollab: " << saved.error << '\n';
        return kExitBadData;
    }
    const Network& net = saved.value.net;
    DataSplit data;
    if (int code = load_data(o.data.empty() ? saved.value.data : o.data, o.data_file, err, &data); code != kGoOn) return code;
    const Dataset& test = data.test;
    if (test.classes != net.classes || test.side != net.input.h) {
        err << "poollab: the network was made for " << count_text(net.classes, "class", "classes") << " of " << size_text(net.input.h, net.input.w) << " pictures; "
            << test.name << " has " << count_text(test.classes, "class", "classes") << " of " << size_text(test.side, test.side) << '\n';
        return kExitBadData;
    }
    if (o.digit) {  // one picture: what the network says about it
        if (o.digit > test.count()) {
            err << "poollab: there are " << test.count() << " held-out pictures; --digit " << o.digit << " is not one of them\n";
            return kExitBadData;
        }
        std::vector<float> pic(static_cast<size_t>(test.side) * test.side);
        picture_floats(test, o.digit - 1, o.dx, o.dy, pic.data());
        const std::vector<float> p = class_probabilities(net, pic.data());
        const int best = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
        const int label = test.labels[static_cast<size_t>(o.digit - 1)];
        if (o.json) {
            JsonWriter j;
            j.begin_object().key("digit").value(o.digit).key("label").value(label).key("at").begin_array().value(o.dx).value(o.dy).end_array();
            j.key("predicted").value(best).key("probabilities").begin_array();
            for (float x : p) j.value(x);
            j.end_array().end_object();
            out << j.str() << '\n';
        } else {
            out << "held-out picture " << o.digit << " (a " << test.class_names[static_cast<size_t>(label)] << ") moved by (" << o.dx << ", " << o.dy
                << "): the network says " << test.class_names[static_cast<size_t>(best)] << ", " << percent(p[static_cast<size_t>(best)]) << '\n';
            for (size_t c = 0; c < p.size(); ++c) out << "  " << test.class_names[c] << ": " << percent(p[c]) << '\n';
        }
        return kExitOk;
    }
    const Evaluation e = evaluate(net, test);
    ShiftSweep sweep;
    double consistent = 0, flips = 0;
    if (o.sweep >= 0) {
        err << "poollab: shifting " << count_text(test.count(), "picture") << " " << count_text((2 * o.sweep + 1) * (2 * o.sweep + 1), "way") << "\n";
        sweep = shift_accuracy(net, test, o.sweep);
        consistent = consistency(net, test, o.sweep, 1);
        flips = flip_probability(net, test);
    }
    if (o.json) {
        write_eval_json(out, test.name, e, o, o.sweep >= 0 ? &sweep : nullptr, consistent, flips, net.classes);
    } else {
        write_eval_text(out, test, e, o, o.sweep >= 0 ? &sweep : nullptr, consistent, flips, net.classes);
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
