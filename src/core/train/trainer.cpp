#include "core/train/trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/csv.h"

namespace pl::train {

namespace {

// The trainer's scratch and first epoch, once the network is set.
Trainer start(Network net, const Dataset& train, const TrainSettings& settings) {
    Trainer t;
    t.net = std::move(net);
    t.settings = settings;
    t.adam.lr = settings.learning_rate;
    t.rng = Rng(settings.seed ^ 0x5eedULL);  // not the initialisation's stream
    t.batches_per_epoch = (train.count() + settings.batch - 1) / settings.batch;
    t.ws = make_workspace(t.net, settings.batch);
    t.images.resize(static_cast<size_t>(settings.batch) * train.side * train.side);
    t.labels.resize(static_cast<size_t>(settings.batch));
    t.order.resize(static_cast<size_t>(train.count()));
    for (int i = 0; i < train.count(); ++i) t.order[static_cast<size_t>(i)] = i;
    return t;
}

// Why `train` cannot train `net`, or "".
std::string data_error(const Network& net, const Dataset& train) {
    if (train.count() == 0) return "there are no training pictures";
    if (train.classes != net.classes) return "the network has " + count_text(net.classes, "output") + ", the data " + count_text(train.classes, "class", "classes");
    if (train.side != net.input.h) return "the network takes " + size_text(net.input.h, net.input.w) + " pictures, the data are " + size_text(train.side, train.side);
    return "";
}

void shuffle(Trainer& t) {
    for (size_t i = t.order.size(); i > 1; --i) std::swap(t.order[i - 1], t.order[static_cast<size_t>(t.rng.below(static_cast<int>(i)))]);
}

void finish_epoch(Trainer& t) {
    EpochRecord r;
    r.loss = t.epoch_loss / std::max(t.batch, 1);
    r.train_accuracy = t.epoch_images ? static_cast<double>(t.epoch_correct) / static_cast<double>(t.epoch_images) : 0.0;
    t.history.push_back(r);
    ++t.epoch;
    t.batch = 0;
    t.epoch_loss = 0;
    t.epoch_correct = t.epoch_images = 0;
    if (t.epoch >= t.settings.epochs) t.state = TrainState::Done;
}

// One batch: fill it, forward, check the loss, backward, Adam.
void train_batch(Trainer& t, const Dataset& train) {
    if (t.batch == 0) shuffle(t);
    const int first = t.batch * t.settings.batch;
    const int n = std::min(t.settings.batch, train.count() - first);
    const int side = train.side, k = t.settings.augment;
    for (int b = 0; b < n; ++b) {
        const int i = t.order[static_cast<size_t>(first + b)];
        const int dx = k ? t.rng.below(2 * k + 1) - k : 0, dy = k ? t.rng.below(2 * k + 1) - k : 0;
        picture_floats(train, i, dx, dy, t.images.data() + static_cast<size_t>(b) * side * side);
        t.labels[static_cast<size_t>(b)] = train.labels[static_cast<size_t>(i)];
    }
    forward(t.net, t.ws, t.images.data(), n);
    const double loss = batch_loss(t.net, t.ws, t.labels.data());
    double size = 0;  // of the gradient: infinite or NaN when the loss is about to be
    if (std::isfinite(loss)) {
        backward(t.net, t.ws, t.labels.data(), t.grads);
        for (float g : t.grads) size += static_cast<double>(g) * g;
    }
    if (!std::isfinite(loss) || !std::isfinite(size)) {
        if (!t.good_params.empty()) {
            t.net.params = t.good_params;
            t.adam = t.good_adam;
        }
        t.state = TrainState::Diverged;
        char lr[32];
        std::snprintf(lr, sizeof lr, "%g", static_cast<double>(t.settings.learning_rate));
        t.message = "the loss (or its gradient) stopped being a finite number in epoch " + std::to_string(t.epoch + 1) + ", batch " + std::to_string(t.batch + 1) +
                    ": a learning rate of " + lr + " is too high for this network. Training stopped; the last weights that gave a "
                    "finite loss are kept.";
        return;
    }
    t.good_params = t.net.params;
    t.good_adam = t.adam;
    adam_step(t.adam, t.net.params, t.grads);
    for (int b = 0; b < n; ++b) {
        const float* p = t.ws.probs.data() + static_cast<size_t>(b) * t.net.classes;
        int best = 0;
        for (int c = 1; c < t.net.classes; ++c) best = p[c] > p[best] ? c : best;
        t.epoch_correct += best == t.labels[static_cast<size_t>(b)];
    }
    t.epoch_images += n;
    t.images_seen += n;
    t.last_loss = loss;
    t.running_loss = t.images_seen == n ? loss : 0.95 * t.running_loss + 0.05 * loss;
    t.epoch_loss += loss;
    ++t.batch;
    if (t.batch >= t.batches_per_epoch) finish_epoch(t);
}

}  // namespace

std::string check_settings(const TrainSettings& s) {
    if (s.epochs < 1 || s.epochs > 1000) return "epochs must be 1 to 1000 (it is " + std::to_string(s.epochs) + ")";
    if (s.batch < 1 || s.batch > 4096) return "the batch size must be 1 to 4096 (it is " + std::to_string(s.batch) + ")";
    if (!(s.learning_rate > 0.0f) || !std::isfinite(s.learning_rate) || s.learning_rate > 100.0f) {
        return "the learning rate must be a number above 0 and at most 100";
    }
    if (s.augment < 0 || s.augment > 14) return "the shift for augmentation must be 0 to 14 pixels (it is " + std::to_string(s.augment) + ")";
    return "";
}

Result<Trainer> make_trainer(const Model& model, const Dataset& train, const TrainSettings& settings) {
    Result<Network> net = make_network(model, train.side, train.classes);
    if (!net.ok()) return Result<Trainer>::failure(net.error);
    init_weights(net.value, settings.seed);
    return continue_training(net.value, train, settings);
}

Result<Trainer> continue_training(const Network& net, const Dataset& train, const TrainSettings& settings) {
    if (std::string e = check_settings(settings); !e.empty()) return Result<Trainer>::failure(e);
    if (std::string e = data_error(net, train); !e.empty()) return Result<Trainer>::failure(e);
    return Result<Trainer>::success(start(net, train, settings));
}

int run_batches(Trainer& t, const Dataset& train, int n) {
    int ran = 0;
    while (ran < n && t.state == TrainState::Training) {
        train_batch(t, train);
        ++ran;
    }
    return ran;
}

int run_for(Trainer& t, const Dataset& train, double ms) {
    const auto begin = std::chrono::steady_clock::now();
    int ran = 0;
    while (t.state == TrainState::Training) {
        train_batch(t, train);
        ++ran;
        if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count() >= ms) break;
    }
    return ran;
}

double progress(const Trainer& t) {
    if (t.state == TrainState::Done) return 1.0;
    const double total = static_cast<double>(t.settings.epochs) * std::max(t.batches_per_epoch, 1);
    return (static_cast<double>(t.epoch) * t.batches_per_epoch + t.batch) / total;
}

void picture_floats(const Dataset& data, int i, int dx, int dy, float* out) {
    const int side = data.side;
    const std::uint8_t* img = data.image(i);
    for (int y = 0; y < side; ++y) {
        const int sy = y - dy;
        for (int x = 0; x < side; ++x) {
            const int sx = x - dx;
            const bool inside = sy >= 0 && sy < side && sx >= 0 && sx < side;
            out[y * side + x] = inside ? static_cast<float>(img[sy * side + sx]) * (1.0f / 255.0f) : 0.0f;
        }
    }
}

}  // namespace pl::train
