#pragma once
// The trained-networks scene: real networks, one per question about pooling,
// trained on real digits (or Fashion-MNIST, or the synthetic "where" task)
// and compared: accuracy and cost, how robust each is to shifts, what each
// says about one digit as it moves, and what happens inside.
//
// Training and measuring run in slices from advance() (a few milliseconds a
// frame), so the interface never waits. The datasets and the pretrained
// weights arrive from the platform (the view fetches them) through
// train_take_data and train_take_weights. A plain, copyable struct: the
// dataset is shared, read-only, between copies.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/layers.h"
#include "core/train/dataset.h"
#include "core/train/evaluate.h"
#include "core/train/network.h"
#include "core/train/trainer.h"
#include "core/tasks.h"

namespace pl {

enum class TrainTab { Results, Shift, Try, Inside };
constexpr int kTrainTabCount = 4;

// What the shift measures cover: every (dx, dy) in -R..R on the first N test pictures.
constexpr int kTrainSweepRadius = 6;
constexpr int kTrainSweepPictures = 100;
constexpr int kTrainShiftedPictures = 1000;  // the "shifted 2 px" column: the first 1000, four ways
constexpr int kTrainConsistencyPictures = 1000;
constexpr int kTrainConsistencyRadius = 3;  // the random shifts of the consistency measure: -3..3 each way
constexpr int kTrainFlipPictures = 500;
constexpr int kTrainCurvePictures = 500;  // the held-out point of the curves after each epoch
constexpr int kTrainGalleryPictures = 500;  // searched for mistakes at the current shift
constexpr int kTrainGallerySize = 12;

enum class NetStatus {
    Untrained,  // freshly initialised weights (no pretrained ones for this data)
    Queued,     // waiting for its turn to train
    Training,
    Trained,    // pretrained, or trained here to the end
    Diverged,   // the loss stopped being a number: the last good weights are kept
};
const char* net_status_text(NetStatus s);

// One held-out point of a training curve, after an epoch.
struct CurvePoint {
    double loss = 0, train_accuracy = 0, test_accuracy = 0;
};

// A point of the live curves, taken as training goes (every few hundredths of
// the run): where it is in epochs, the running loss (an average over the last
// ~20 batches) and the training accuracy so far in this epoch.
struct LivePoint {
    double epoch = 0, loss = 0, train_accuracy = 0;
};
constexpr int kTrainLivePoints = 240;  // at most this many a run: a point every epochs/240

// The measures of one network, filled in slices; -1 until known.
struct NetMeasures {
    double accuracy = -1;      // all held-out pictures
    double shifted = -1;       // the first kTrainShiftedPictures, each shifted 2 px (mean of right, left, down, up)
    double consistency = -1;   // Zhang 2019, shifts in -R..R
    double flips = -1;         // Azulay & Weiss 2019: a 1-pixel shift changes the answer
    std::vector<double> sweep; // accuracy at (dx, dy): [(dy + R) * (2R + 1) + dx + R], -1 until known
    // Where the slices are: the stage (0 accuracy, 1 shifted, 2 consistency, 3 flips, 4 sweep, 5 done) and the picture.
    int stage = 0, next = 0;
    long long right = 0, total = 0;
    bool done() const { return stage >= 5; }
};

struct TrainNet {
    std::string preset;  // train_presets() name, or "custom"
    std::string title;
    Model model;         // as trained: the preset's, with the dataset's number of classes
    long long params = 0, macs = 0;
    train::Network net;
    NetStatus status = NetStatus::Untrained;
    std::string origin;   // where the weights came from, in words
    std::string message;  // why it stopped or was refused
    bool shown = true;    // in the comparison
    int augment = -1;     // its own training shifts (pixels), or -1 for the panel's
    double train_seconds = 0;
    std::vector<CurvePoint> curve;
    std::vector<LivePoint> live;  // while and after training here; empty for pretrained weights
    int epochs_before = 0;        // epochs on the curve before this run (Continue goes on from them)
    int curve_next = 0;           // the held-out point being measured after an epoch: pictures done
    long long curve_right = 0;    // and how many of them it got right
    NetMeasures measures;
    // While training: the trainer, and the weights before (a cancel goes back to them).
    std::shared_ptr<train::Trainer> trainer;
    train::Network before;
    NetStatus before_status = NetStatus::Untrained;
    std::vector<CurvePoint> before_curve;  // and the curves that went with them
    std::vector<LivePoint> before_live;
    double before_seconds = 0;
    // Try it: the current picture's class probabilities and, along dx at the current dy,
    // the class at each shift -R..R (for "changes its mind at").
    std::vector<float> probs;
    std::vector<int> along;
};

// Where the data stand.
enum class DataState { Missing, Loading, Ready, Failed };

struct TrainScene {
    TrainTab tab = TrainTab::Results;
    std::string data = "mnist";  // mnist, fashion, where
    DataState data_state = DataState::Missing;
    double data_fraction = 0;
    std::string data_message;
    std::shared_ptr<const train::DataSplit> split;
    std::vector<TrainNet> nets;
    train::TrainSettings settings;
    bool paused = false;
    int training = -1;  // the net training now, or -1
    // Of training or measuring a frame: input waits at most this long (plus a frame's drawing).
    double slice_ms = 30;
    // The heat maps' 169 shifts cost most of the measuring: they are measured once the Shift tab was opened.
    bool sweep_wanted = false;
    double longest_slice_ms = 0;  // the longest slice so far (for the tests and the benchmark)
    std::string longest_slice_what;  // "training", "curve" or "measuring"
    long long slices = 0, slices_over_50ms = 0;

    // Try it: a test picture (or the drawing) shifted by (dx, dy).
    int digit = 0;
    bool drawn = false;
    std::vector<float> drawing;  // side x side in [0, 1]
    int dx = 0, dy = 0;
    bool try_dirty = true;  // the probabilities need computing
    int gallery_net = 1;
    std::vector<int> gallery;  // test pictures the gallery net gets wrong at (dx, dy)
    bool gallery_dirty = true;

    // Inside: a network and a class (-1: the predicted one).
    int inside_net = 1;
    int inside_class = -1;
};

TrainScene train_scene_default();

// The data arrived (a dataset file's bytes) or could not; refusals become data_message.
void train_take_data(TrainScene& s, const std::string& name, const std::string& bytes);
void train_data_loading(TrainScene& s, double fraction);
void train_data_failed(TrainScene& s, const std::string& message);
// Switches the dataset (the networks get that many classes and lose their weights).
void train_set_data(TrainScene& s, const std::string& name);

// Pretrained weights for preset `name` (a weights file's bytes). False and a message if refused.
bool train_take_weights(TrainScene& s, const std::string& name, const std::string& bytes);
// Which presets have pretrained weights to fetch for this data ("" when none are missing).
std::vector<std::string> train_weights_wanted(const TrainScene& s);
// Whether weights trained beforehand come with PoolLab for this preset and data
// (assets/weights/, made by scripts/make-weights.sh), and their file's name
// there without ".plwt": PRESET for the digits, DATA-PRESET for the others.
bool train_has_pretrained(const std::string& data, const std::string& preset);
std::string train_weights_file(const std::string& data, const std::string& preset);

// Adds a network of the student's own (from the receptive-field scene); refused with the layer named.
std::string train_add_model(TrainScene& s, const Model& m, const std::string& title);

// Train every shown network (from scratch, or continuing from its weights), one after another.
std::string train_start(TrainScene& s, bool from_scratch);
void train_pause(TrainScene& s, bool paused);
// Stops training: the networks not finished go back to the weights they had.
void train_cancel(TrainScene& s);
bool train_busy(const TrainScene& s);  // training or measuring
// The fraction done of the current training run (all queued networks), and the seconds left.
double train_progress(const TrainScene& s, double* seconds_left);

// One frame's slice: trains, then measures, for about s.slice_ms. True while there is more to do.
bool train_advance(TrainScene& s, double seconds);

// Try it.
void train_pick_digit(TrainScene& s, int index);
void train_set_shift(TrainScene& s, int dx, int dy);
void train_paint(TrainScene& s, int row, int col, float value);  // starts a drawing from the current picture
void train_clear_drawing(TrainScene& s);
void train_use_test_digit(TrainScene& s);
// The current picture before and after the shift (side x side).
std::vector<float> train_current_picture(const TrainScene& s, bool shifted);
// The probabilities and the gallery, when they need it (cheap; called by the view each frame).
void train_refresh_try(TrainScene& s);
// For net i, along dx at the current dy: the run of shifts around the current dx that get
// the same class as now (*from..*to, within -R..R). False before the classes are known.
bool train_same_answer(const TrainScene& s, int i, int* from, int* to);

// Words.
std::string train_result_words(const TrainScene& s, int i);  // the one-line answer beside a row
std::string train_narration(const TrainScene& s);
std::string train_scene_json(const TrainScene& s);
std::string train_results_csv(const TrainScene& s);

// The index of preset `name` in s.nets, or -1.
int train_find(const TrainScene& s, const std::string& name);

// Try this: the scene's tasks that check themselves (train_tasks.cpp).
const std::vector<SceneTask>& train_tasks();

}  // namespace pl
