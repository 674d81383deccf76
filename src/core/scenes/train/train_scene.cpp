#include "core/scenes/train/train_scene.h"

#include <algorithm>
#include <iterator>
#include <chrono>
#include <cmath>

#include "core/csv.h"
#include "core/scenes/train/train_measure.h"
#include "core/train/presets.h"
#include "core/train/weights.h"

namespace pl {

namespace {

using train::Dataset;
using train::Network;

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// The presets shown at first: one network for each kind of pooling; the
// "how much pooling?" series is a click away.
bool shown_at_first(const std::string& name) { return name.rfind("stages-", 0) != 0; }

int classes_of(const std::string& data) { return data == "where" ? 2 : 10; }


// A fresh network for `model` on this data: initialised weights, not trained.
std::string make_net(TrainNet& n, const Model& model, int classes, std::uint64_t seed) {
    n.model = classes == 10 ? model : train::with_classes(model, classes);
    Result<Network> net = train::make_network(n.model, 28, classes);
    if (!net.ok()) return net.error;
    n.net = net.value;
    train::init_weights(n.net, seed);
    const Summary sum = summarize(n.model);
    n.params = sum.total_params;
    n.macs = sum.total_macs;
    n.status = NetStatus::Untrained;
    n.origin = "not trained yet";
    n.message.clear();
    n.curve.clear();
    n.train_seconds = 0;
    n.trainer.reset();
    reset_measures(n);
    return {};
}

// The longest slice so far, and what it did (for the tests and the benchmark).
void note_slice(TrainScene& s, const char* what, double ms) {
    ++s.slices;
    if (ms > 50) ++s.slices_over_50ms;
    if (ms <= s.longest_slice_ms) return;
    s.longest_slice_ms = ms;
    s.longest_slice_what = what;
}

void shift_picture(const std::vector<float>& in, int side, int dx, int dy, std::vector<float>& out) {
    out.assign(static_cast<size_t>(side) * side, 0.0f);
    for (int r = 0; r < side; ++r) {
        const int sr = r - dy;
        if (sr < 0 || sr >= side) continue;
        for (int c = 0; c < side; ++c) {
            const int sc = c - dx;
            if (sc >= 0 && sc < side) out[static_cast<size_t>(r) * side + c] = in[static_cast<size_t>(sr) * side + sc];
        }
    }
}

}  // namespace

const char* net_status_text(NetStatus s) {
    switch (s) {
        case NetStatus::Untrained: return "untrained";
        case NetStatus::Queued: return "waiting";
        case NetStatus::Training: return "training";
        case NetStatus::Trained: return "trained";
        case NetStatus::Diverged: return "diverged";
    }
    return "";
}

TrainScene train_scene_default() {
    TrainScene s;
    for (const train::TrainPreset& p : train::train_presets()) {
        TrainNet n;
        n.preset = p.name;
        n.title = p.title;
        n.shown = shown_at_first(p.name);
        make_net(n, p.model, 10, s.settings.seed);
        s.nets.push_back(std::move(n));
        if (std::string(p.name) == "max") {
            // One more row: the same network with the invariance learned from data
            // (every training digit shifted by up to 3 pixels) instead of built in.
            TrainNet a = s.nets.back();
            a.preset = "max-shifted";
            a.title = "Max pooling, shifts learned";
            a.augment = 3;
            s.nets.push_back(std::move(a));
        }
    }
    s.gallery_net = s.inside_net = std::max(0, train_find(s, "max"));
    return s;
}

int train_find(const TrainScene& s, const std::string& name) {
    for (size_t i = 0; i < s.nets.size(); ++i) {
        if (s.nets[i].preset == name) return static_cast<int>(i);
    }
    return -1;
}

void train_data_loading(TrainScene& s, double fraction) {
    if (s.data_state == DataState::Ready) return;
    s.data_state = DataState::Loading;
    s.data_fraction = fraction;
    s.data_message.clear();
}

void train_data_failed(TrainScene& s, const std::string& message) {
    s.data_state = DataState::Failed;
    s.data_message = message;
}

void train_take_data(TrainScene& s, const std::string& name, const std::string& bytes) {
    if (name != s.data) return;  // a dataset asked for before a switch
    Result<train::DataSplit> split = train::parse_dataset(bytes);
    if (!split.ok()) {
        train_data_failed(s, "The " + name + " data could not be read: " + split.error);
        return;
    }
    if (split.value.train.side != 28 || split.value.train.classes != classes_of(name) || split.value.test.count() == 0) {
        train_data_failed(s, "The " + name + " data are not 28×28 pictures of " + count_text(classes_of(name)) + " classes.");
        return;
    }
    s.split = std::make_shared<const train::DataSplit>(std::move(split.value));
    s.data_state = DataState::Ready;
    s.data_message.clear();
    s.digit = std::clamp(s.digit, 0, s.split->test.count() - 1);
    s.try_dirty = s.gallery_dirty = true;
    for (TrainNet& n : s.nets) reset_measures(n);
}

void train_set_data(TrainScene& s, const std::string& name) {
    if (name == s.data || (name != "mnist" && name != "fashion" && name != "where")) return;
    train_cancel(s);
    s.data = name;
    s.split.reset();
    s.data_state = DataState::Missing;
    s.data_message.clear();
    s.drawn = false;
    s.digit = 0;
    s.inside_class = -1;
    for (TrainNet& n : s.nets) {
        const train::TrainPreset* p = train::find_train_preset(n.preset);
        const Model base = p ? p->model : n.model;
        n.message = make_net(n, base, classes_of(name), s.settings.seed);
    }
    s.try_dirty = s.gallery_dirty = true;
}

std::string train_add_model(TrainScene& s, const Model& m, const std::string& title) {
    TrainNet n;
    n.preset = "custom";
    n.title = title.empty() ? "Your network" : title;
    const std::string why = make_net(n, m, classes_of(s.data), s.settings.seed);
    if (!why.empty()) return why;
    const int at = train_find(s, "custom");
    if (at >= 0 && s.nets[static_cast<size_t>(at)].model == n.model) {  // the same stack again (a link read twice): keep what it learned
        s.nets[static_cast<size_t>(at)].shown = true;
        return {};
    }
    if (at >= 0) {
        if (s.training == at) train_cancel(s);
        s.nets[static_cast<size_t>(at)] = std::move(n);
    } else {
        s.nets.push_back(std::move(n));
    }
    s.try_dirty = s.gallery_dirty = true;
    return {};
}

std::string train_start(TrainScene& s, bool from_scratch) {
    if (!s.split) return "The data are not here yet.";
    const std::string bad = train::check_settings(s.settings);
    if (!bad.empty()) return bad;
    train_cancel(s);
    int queued = 0;
    for (TrainNet& n : s.nets) {
        if (!n.shown) continue;
        n.before = n.net;
        n.before_status = n.status;
        n.before_curve = n.curve;
        n.before_live = n.live;
        n.before_seconds = n.train_seconds;
        n.status = NetStatus::Queued;
        n.message.clear();
        n.trainer.reset();
        ++queued;
    }
    if (!queued) return "No network is chosen: tick one or more in the list.";
    for (TrainNet& n : s.nets) n.trainer.reset();
    s.paused = false;
    s.training = -1;
    // Each network keeps whether it starts afresh in its trainer, made when its turn comes.
    for (TrainNet& n : s.nets) {
        if (n.status != NetStatus::Queued) continue;
        train::TrainSettings settings = s.settings;
        if (n.augment >= 0) settings.augment = n.augment;
        Result<train::Trainer> t = from_scratch ? train::make_trainer(n.model, s.split->train, settings)
                                                : train::continue_training(n.net, s.split->train, settings);
        if (!t.ok()) {
            n.status = n.before_status;
            n.message = "Cannot train: " + t.error;
            continue;
        }
        n.trainer = std::make_shared<train::Trainer>(std::move(t.value));
        n.curve_next = 0;
        n.curve_right = 0;
        if (from_scratch) {
            n.curve.clear();
            n.live.clear();
            n.train_seconds = 0;
        }
        n.epochs_before = static_cast<int>(n.curve.size());
    }
    return {};
}

void train_pause(TrainScene& s, bool paused) { s.paused = paused && train_busy(s); }

void train_cancel(TrainScene& s) {
    for (TrainNet& n : s.nets) {
        if (n.status != NetStatus::Queued && n.status != NetStatus::Training) continue;
        n.net = n.before;
        n.status = n.before_status;
        n.curve = n.before_curve;  // the curves of the cancelled run go with its weights
        n.live = n.before_live;
        n.train_seconds = n.before_seconds;
        n.trainer.reset();
        n.message = "Training was cancelled; it has the weights it had before.";
        reset_measures(n);
    }
    s.training = -1;
    s.paused = false;
    s.try_dirty = s.gallery_dirty = true;
}

bool train_busy(const TrainScene& s) {
    for (const TrainNet& n : s.nets) {
        if (n.status == NetStatus::Queued || n.status == NetStatus::Training) return true;
    }
    return false;
}

double train_progress(const TrainScene& s, double* seconds_left) {
    double done = 0, total = 0, left = 0;
    double secs_per_mac_image = 0;  // measured on the network training now
    for (const TrainNet& n : s.nets) {
        if (n.status == NetStatus::Training && n.trainer && n.trainer->images_seen > 0 && n.macs > 0) {
            secs_per_mac_image = n.train_seconds / (static_cast<double>(n.trainer->images_seen) * static_cast<double>(n.macs));
        }
    }
    for (const TrainNet& n : s.nets) {
        if (!n.trainer || (n.status != NetStatus::Queued && n.status != NetStatus::Training)) continue;
        const double images = static_cast<double>(n.trainer->batches_per_epoch) * n.trainer->settings.batch * n.trainer->settings.epochs;
        const double cost = images * static_cast<double>(std::max<long long>(1, n.macs));
        const double p = train::progress(*n.trainer);
        total += cost;
        done += cost * p;
        left += cost * (1 - p) * secs_per_mac_image;
    }
    if (seconds_left) *seconds_left = secs_per_mac_image > 0 ? left : -1;
    return total > 0 ? done / total : 1.0;
}

namespace {

// A live point when the run has moved on far enough since the last one (a
// continued run goes on from the epochs before it).
void note_live_point(TrainNet& n, const train::Trainer& t) {
    if (t.batches_per_epoch <= 0 || t.images_seen == 0) return;
    const double at = n.epochs_before + t.epoch + static_cast<double>(t.batch) / t.batches_per_epoch;
    const double step = static_cast<double>(t.settings.epochs) / kTrainLivePoints;
    if (!n.live.empty() && at - n.live.back().epoch < step) return;
    // This epoch's accuracy so far; early in an epoch, leaning on the last
    // epoch's (as if it had been seen for 20 more batches), so that a new
    // epoch's first few batches do not make the curve jump.
    const double prior = t.history.empty() ? 0 : static_cast<double>(20 * t.settings.batch);
    const double last = t.history.empty() ? 0 : t.history.back().train_accuracy;
    const double seen = static_cast<double>(t.epoch_images) + prior;
    const double accuracy = seen > 0 ? (static_cast<double>(t.epoch_correct) + last * prior) / seen : 0;
    if (std::isfinite(t.running_loss)) n.live.push_back({at, t.running_loss, accuracy});
}

}  // namespace

bool train_advance(TrainScene& s, double) {
    if (!s.split) return false;
    const Clock::time_point t0 = Clock::now();
    // Training first, one network after another.
    if (!s.paused) {
        if (s.training < 0 || s.nets[static_cast<size_t>(s.training)].status != NetStatus::Training) {
            s.training = -1;
            for (size_t i = 0; i < s.nets.size(); ++i) {
                if (s.nets[i].status == NetStatus::Queued && s.nets[i].trainer) {
                    s.training = static_cast<int>(i);
                    s.nets[i].status = NetStatus::Training;
                    break;
                }
            }
        }
        if (s.training >= 0) {
            TrainNet& n = s.nets[static_cast<size_t>(s.training)];
            train::Trainer& t = *n.trainer;
            const Clock::time_point a = Clock::now();
            // An epoch just finished gets its held-out point first, a few pictures a
            // slice, with the weights of that epoch (training waits for it).
            if (n.curve.size() < t.history.size()) {
                const int P = std::min(s.split->test.count(), kTrainCurvePictures);
                while (n.curve_next < P && ms_since(t0) < s.slice_ms) {
                    std::vector<train::ShiftedPicture> jobs;
                    for (int i = n.curve_next; i < std::min(P, n.curve_next + 20); ++i) jobs.push_back({i, 0, 0});
                    const std::vector<int> c = train::classify(t.net, s.split->test, jobs);
                    for (size_t k = 0; k < c.size(); ++k) n.curve_right += c[k] == s.split->test.labels[static_cast<size_t>(jobs[k].picture)];
                    n.curve_next += static_cast<int>(jobs.size());
                }
                if (n.curve_next >= P) {
                    const train::EpochRecord& e = t.history[n.curve.size()];
                    n.curve.push_back({e.loss, e.train_accuracy, P ? static_cast<double>(n.curve_right) / P : 0});
                    n.curve_next = 0;
                    n.curve_right = 0;
                }
                note_slice(s, "curve", ms_since(t0));
                return true;
            }
            const bool was_training = t.state == train::TrainState::Training;
            const double budget = s.slice_ms - ms_since(t0);
            if (was_training && budget > 0) train::run_for(t, s.split->train, budget);
            n.net = t.net;
            note_live_point(n, t);
            const bool ended = t.state != train::TrainState::Training && n.curve.size() >= t.history.size();
            n.train_seconds += ms_since(a) / 1000.0;
            if (ended) {
                if (t.state == train::TrainState::Diverged) {
                    n.status = NetStatus::Diverged;
                    n.message = t.message;
                } else {
                    n.status = NetStatus::Trained;
                    n.message.clear();
                }
                n.origin = "trained here: " + count_text(static_cast<long long>(n.curve.size()), "epoch") +
                           ", batch " + count_text(t.settings.batch) + ", seed " + std::to_string(t.settings.seed) +
                           (t.settings.augment > 0 ? ", shifted up to " + count_text(t.settings.augment) + " px" : "");
                n.trainer.reset();
                reset_measures(n);
                s.training = -1;
            }
            s.try_dirty = s.gallery_dirty = true;
            note_slice(s, "training", ms_since(t0));
            return true;
        }
    }
    // Then the measures of the shown networks with weights worth measuring, a
    // stage at a time for all of them, so the table fills before the heat maps.
    if (s.tab == TrainTab::Shift) s.sweep_wanted = true;
    auto measurable = [&](const TrainNet& n) {
        return n.shown && n.status != NetStatus::Queued && n.status != NetStatus::Training && !n.measures.done() &&
               (n.measures.stage < 4 || s.sweep_wanted);
    };
    while (ms_since(t0) < s.slice_ms) {
        TrainNet* next = nullptr;
        for (TrainNet& n : s.nets) {
            // The least far on first: a stage for every network before the next, and within a stage turn about.
            if (measurable(n) && (!next || n.measures.stage < next->measures.stage ||
                                  (n.measures.stage == next->measures.stage && n.measures.next < next->measures.next))) {
                next = &n;
            }
        }
        if (!next) break;
        train_measure_slice(*next, s.split->test, s.slice_ms, t0);
    }
    note_slice(s, "measuring", ms_since(t0));
    bool more = false;
    for (const TrainNet& n : s.nets) {
        if (measurable(n)) more = true;
        if (!s.paused && n.status == NetStatus::Queued) more = true;
    }
    return more;
}

void train_pick_digit(TrainScene& s, int index) {
    const int count = s.split ? s.split->test.count() : 1;
    s.digit = ((index % count) + count) % count;
    s.drawn = false;
    s.try_dirty = true;
}

void train_set_shift(TrainScene& s, int dx, int dy) {
    s.dx = std::clamp(dx, -kTrainSweepRadius, kTrainSweepRadius);
    s.dy = std::clamp(dy, -kTrainSweepRadius, kTrainSweepRadius);
    s.try_dirty = s.gallery_dirty = true;
}

std::vector<float> train_current_picture(const TrainScene& s, bool shifted) {
    std::vector<float> pic(28 * 28, 0.0f);
    if (s.drawn && s.drawing.size() == pic.size()) {
        pic = s.drawing;
    } else if (s.split && s.split->test.count() > 0) {
        train::picture_floats(s.split->test, std::clamp(s.digit, 0, s.split->test.count() - 1), 0, 0, pic.data());
    }
    if (!shifted) return pic;
    std::vector<float> out;
    shift_picture(pic, 28, s.dx, s.dy, out);
    return out;
}

void train_paint(TrainScene& s, int row, int col, float value) {
    if (row < 0 || row >= 28 || col < 0 || col >= 28) return;
    if (!s.drawn) {
        s.drawing = train_current_picture(s, false);
        s.drawn = true;
    }
    float& cell = s.drawing[static_cast<size_t>(row) * 28 + col];
    cell = std::clamp(value, 0.0f, 1.0f);
    s.try_dirty = true;
}

void train_clear_drawing(TrainScene& s) {
    s.drawing.assign(28 * 28, 0.0f);
    s.drawn = true;
    s.try_dirty = true;
}

void train_use_test_digit(TrainScene& s) {
    s.drawn = false;
    s.try_dirty = true;
}

void train_refresh_try(TrainScene& s) {
    if (s.try_dirty) {
        s.try_dirty = false;
        const std::vector<float> base = train_current_picture(s, false);
        const int span = 2 * kTrainSweepRadius + 1;
        std::vector<float> along(static_cast<size_t>(span) * 28 * 28);
        std::vector<float> one;
        for (int k = 0; k < span; ++k) {
            shift_picture(base, 28, k - kTrainSweepRadius, s.dy, one);
            std::copy(one.begin(), one.end(), along.begin() + static_cast<long>(k) * 28 * 28);
        }
        const std::vector<float> now = train_current_picture(s, true);
        for (TrainNet& n : s.nets) {
            if (!n.shown || n.status == NetStatus::Training) continue;
            n.probs = train::class_probabilities(n.net, now.data());
            n.along = train::predict(n.net, along.data(), span);
        }
    }
    if (s.gallery_dirty && s.split && s.gallery_net >= 0 && s.gallery_net < static_cast<int>(s.nets.size())) {
        s.gallery_dirty = false;
        s.gallery.clear();
        const TrainNet& n = s.nets[static_cast<size_t>(s.gallery_net)];
        std::vector<train::ShiftedPicture> jobs;
        for (int i = 0; i < std::min(s.split->test.count(), kTrainGalleryPictures); ++i) jobs.push_back({i, s.dx, s.dy});
        const std::vector<int> c = train::classify(n.net, s.split->test, jobs);
        for (size_t k = 0; k < c.size() && static_cast<int>(s.gallery.size()) < kTrainGallerySize; ++k) {
            if (c[k] != s.split->test.labels[k]) s.gallery.push_back(static_cast<int>(k));
        }
    }
}

bool train_same_answer(const TrainScene& s, int i, int* from, int* to) {
    *from = *to = 0;
    if (i < 0 || i >= static_cast<int>(s.nets.size())) return false;
    const std::vector<int>& a = s.nets[static_cast<size_t>(i)].along;
    const int R = kTrainSweepRadius;
    if (static_cast<int>(a.size()) != 2 * R + 1) return false;
    *from = *to = s.dx;
    const int c0 = a[static_cast<size_t>(R + s.dx)];
    while (*to < R && a[static_cast<size_t>(R + *to + 1)] == c0) ++*to;
    while (*from > -R && a[static_cast<size_t>(R + *from - 1)] == c0) --*from;
    return true;
}

}  // namespace pl
