// The trained-networks scene in words (the results' one-line answers, the
// narration), and as JSON and CSV.
#include <cmath>
#include <cstdio>

#include "core/csv.h"
#include "core/json.h"
#include "core/scenes/train/train_scene.h"

namespace pl {

namespace {

std::string percent(double f) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f%%", 100.0 * f);
    return b;
}

std::string points(double d) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", std::fabs(100.0 * d));
    return std::string(b) + (std::fabs(100.0 * d) >= 0.95 && std::fabs(100.0 * d) < 1.05 ? " point" : " points");
}

std::string times(double r) {
    char b[32];
    if (r >= 10) std::snprintf(b, sizeof b, "%.0f", r);
    else std::snprintf(b, sizeof b, "%.1f", r);
    return std::string(b) + "\u00d7";
}

// The network the others are compared with: no pooling (for the series, 0 pooling stages).
int baseline_of(const TrainScene& s, int i) {
    const bool series = s.nets[static_cast<size_t>(i)].preset.rfind("stages-", 0) == 0;
    return train_find(s, series ? "stages-0" : "no-pool");
}

}  // namespace

std::string train_result_words(const TrainScene& s, int i) {
    if (i < 0 || i >= static_cast<int>(s.nets.size())) return {};
    const TrainNet& n = s.nets[static_cast<size_t>(i)];
    if (!n.message.empty() && n.status != NetStatus::Trained) return n.message;
    if (n.status == NetStatus::Queued) return "Waiting for its turn to train.";
    if (n.status == NetStatus::Training) return "Training now.";
    if (n.status == NetStatus::Untrained) return "Not trained yet: press Train (its weights are random, so it guesses).";
    const NetMeasures& m = n.measures;
    if (m.accuracy < 0) return "Being measured on the held-out pictures.";
    const int classes = n.net.classes;
    if (m.accuracy < 1.5 / classes) {
        std::string why = s.data == "where" ? "it cannot tell where the two parts sit relative to each other" : "it has learned nothing useful";
        if (!n.curve.empty() && s.settings.learning_rate > 0.05f) {
            why += " (a learning rate of " + format_value(s.settings.learning_rate) + " is very high: 0.002 is a good start)";
        }
        return "About chance (" + percent(1.0 / classes) + "): " + why + ".";
    }
    const int b = baseline_of(s, i);
    std::string out;
    if (b == i || b < 0) {
        out = "The baseline: " + count_text(n.params) + " parameters and " + count_text(n.macs) + " multiply-adds a picture, " + percent(m.accuracy) +
              " right";
    } else {
        const TrainNet& base = s.nets[static_cast<size_t>(b)];
        const std::string base_name = base.preset == "no-pool" ? "no pooling" : "no pooling stage";
        if (n.macs > 0 && base.macs > 0) {
            const double r = static_cast<double>(base.macs) / static_cast<double>(n.macs);
            out = r >= 1.05 ? times(r) + " fewer multiply-adds than " + base_name
                 : r <= 0.95 ? times(1.0 / r) + " more multiply-adds than " + base_name
                             : "as many multiply-adds as " + base_name;
        }
        const double bp = static_cast<double>(base.params), np = static_cast<double>(n.params);
        if (np > 0 && bp / np >= 1.5) out += ", " + times(bp / np) + " fewer parameters";
        if (base.status == NetStatus::Trained && base.measures.accuracy >= 0) {
            const double d = m.accuracy - base.measures.accuracy;
            out += std::fabs(d) < 0.0005 ? ", and as accurate" : ", and " + points(d) + (d > 0 ? " more accurate" : " less accurate");
        }
    }
    if (m.shifted >= 0) {
        const double drop = m.accuracy - m.shifted;
        out += "; shifted 2 px it " + (drop > 0.0005 ? "drops to " + percent(m.shifted) : "keeps " + percent(m.shifted));
    }
    return out + ".";
}

std::string train_narration(const TrainScene& s) {
    std::string out = "Trained networks on " + s.data + ". ";
    if (s.data_state == DataState::Loading) return out + "The data are loading.";
    if (s.data_state == DataState::Failed) return out + s.data_message;
    for (size_t i = 0; i < s.nets.size(); ++i) {
        const TrainNet& n = s.nets[i];
        if (!n.shown) continue;
        out += n.title + ": " + (n.measures.accuracy >= 0 && n.status == NetStatus::Trained ? percent(n.measures.accuracy) + " right. " : std::string(net_status_text(n.status)) + ". ");
    }
    return out;
}

std::string train_scene_json(const TrainScene& s) {
    static const char* tabs[kTrainTabCount] = {"results", "shift", "try", "inside"};
    static const char* states[] = {"missing", "loading", "ready", "failed"};
    JsonWriter j;
    j.begin_object();
    j.key("tab").value(tabs[static_cast<int>(s.tab)]);
    j.key("data").value(s.data);
    j.key("data_state").value(states[static_cast<int>(s.data_state)]);
    j.key("data_message").value(s.data_message);
    j.key("train_count").value(s.split ? s.split->train.count() : 0);
    j.key("test_count").value(s.split ? s.split->test.count() : 0);
    j.key("settings").begin_object();
    j.key("epochs").value(s.settings.epochs).key("batch").value(s.settings.batch).key("lr").value(s.settings.learning_rate);
    j.key("seed").value(static_cast<long long>(s.settings.seed)).key("augment").value(s.settings.augment);
    j.end_object();
    j.key("busy").value(train_busy(s));
    j.key("paused").value(s.paused);
    j.key("training").value(s.training);
    j.key("slice_ms").value(s.slice_ms).key("longest_slice_ms").value(s.longest_slice_ms).key("longest_slice_what").value(s.longest_slice_what)
        .key("slices").value(s.slices).key("slices_over_50ms").value(s.slices_over_50ms).key("sweep_wanted").value(s.sweep_wanted);
    double left = -1;
    j.key("progress").value(train_progress(s, &left));
    j.key("seconds_left").value(left);
    j.key("nets").begin_array();
    for (size_t i = 0; i < s.nets.size(); ++i) {
        const TrainNet& n = s.nets[i];
        j.begin_object();
        j.key("preset").value(n.preset).key("title").value(n.title).key("shown").value(n.shown);
        j.key("status").value(net_status_text(n.status)).key("origin").value(n.origin).key("message").value(n.message);
        j.key("params").value(n.params).key("macs").value(n.macs).key("classes").value(n.net.classes);
        j.key("train_seconds").value(n.train_seconds);
        if (n.trainer) {
            j.key("epoch").value(n.trainer->epoch).key("batch").value(n.trainer->batch).key("images_seen").value(n.trainer->images_seen);
            j.key("net_progress").value(train::progress(*n.trainer));
        }
        j.key("curve").begin_array();
        for (const CurvePoint& p : n.curve) j.begin_array().value(p.loss).value(p.train_accuracy).value(p.test_accuracy).end_array();
        j.end_array();
        j.key("live").begin_array();  // [epoch, loss, training accuracy]
        for (const LivePoint& p : n.live) j.begin_array().value(p.epoch).value(p.loss).value(p.train_accuracy).end_array();
        j.end_array();
        const NetMeasures& m = n.measures;
        j.key("accuracy").value(m.accuracy).key("shifted").value(m.shifted).key("consistency").value(m.consistency).key("flips").value(m.flips);
        j.key("measured").value(m.done());
        j.key("sweep").begin_array();
        for (double a : m.sweep) j.value(a);
        j.end_array();
        j.key("probs").begin_array();
        for (float p : n.probs) j.value(p);
        j.end_array();
        int from = 0, to = 0;
        if (train_same_answer(s, static_cast<int>(i), &from, &to)) j.key("same_answer").begin_array().value(from).value(to).end_array();
        j.key("words").value(train_result_words(s, static_cast<int>(i)));
        j.end_object();
    }
    j.end_array();
    j.key("digit").value(s.digit).key("drawn").value(s.drawn).key("dx").value(s.dx).key("dy").value(s.dy);
    j.key("label").value(s.split && !s.drawn && s.digit < s.split->test.count() ? static_cast<int>(s.split->test.labels[static_cast<size_t>(s.digit)]) : -1);
    j.key("gallery_net").value(s.gallery_net);
    j.key("gallery").begin_array();
    for (int g : s.gallery) j.value(g);
    j.end_array();
    j.key("inside_net").value(s.inside_net).key("inside_class").value(s.inside_class);
    j.end_object();
    return j.str();
}

std::string train_results_csv(const TrainScene& s) {
    std::string out = "network,status,parameters,multiply_adds,train_seconds,accuracy,accuracy_shifted_2px,consistency,one_pixel_flips\n";
    auto num = [](double v) { return v < 0 ? std::string() : format_value(static_cast<float>(v)); };
    for (const TrainNet& n : s.nets) {
        if (!n.shown) continue;
        const NetMeasures& m = n.measures;
        out += n.preset + "," + net_status_text(n.status) + "," + std::to_string(n.params) + "," + std::to_string(n.macs) + "," +
               num(n.train_seconds) + "," + num(m.accuracy) + "," + num(m.shifted) + "," + num(m.consistency) + "," + num(m.flips) + "\n";
    }
    return out;
}

}  // namespace pl
