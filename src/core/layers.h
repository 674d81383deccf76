#pragma once
// A stack of CNN layers on an H x W x C input: output shapes and parameter
// counts as Keras computes them, the receptive field of each layer (size,
// jump and start, from the standard recurrences), and costs. Plain structs,
// so the scene can copy, edit and serialise a stack.
#include <string>
#include <vector>

#include "core/json_value.h"
#include "core/pool.h"
#include "core/result.h"

namespace pl {

// The largest model sides and unit counts the summary and the model JSON take.
constexpr long long kMaxModelSide = 100000;
constexpr long long kMaxModelUnits = 1000000;

// BlurPool is Zhang's anti-aliased max pooling ("Making CNNs shift-invariant
// again", 2019): a max over a k x k window at stride 1 (padding as the layer
// says, 'same' pads with -inf as Keras does), then a binomial blur
// [1,2,1] x [1,2,1] / 16 applied at the layer's stride with one reflected row
// and column on each side (antialiased-cnns' BlurPool, filter size 3,
// pad_type 'reflect'). Its kernel is the max window, its stride the blur's.
//
// Activations, when a stack is trained (core/train): every Conv2D and every
// Dense layer is followed by ReLU, except when it is the last layer; the last
// layer (Dense with one unit a class, or global pooling of a conv with one
// channel a class) is followed by softmax. No field of Layer says so: the rule
// is the same for every stack.
enum class LayerKind { Conv2D, MaxPool, AvgPool, BlurPool, GlobalMaxPool, GlobalAvgPool, Flatten, Dense };

const char* layer_kind_name(LayerKind k);   // "conv2d", "maxpool", ... (the JSON "type")
const char* layer_kind_title(LayerKind k);  // "Conv2D", "MaxPooling2D", ... (as Keras prints)
bool parse_layer_kind(const std::string& s, LayerKind* k);

struct Layer {
    LayerKind kind = LayerKind::Conv2D;
    int units = 32;                   // filters (Conv2D) or units (Dense)
    int kernel_h = 3, kernel_w = 3;   // kernel (Conv2D) or window (pooling)
    int stride_h = 1, stride_w = 1;
    Padding padding = Padding::Valid;
    int dilation_h = 1, dilation_w = 1;

    bool operator==(const Layer& o) const;
};

// Layer makers with Keras's defaults (a pooling stride defaults to its window).
Layer conv2d(int filters, int kernel, Padding padding = Padding::Valid, int stride = 1, int dilation = 1);
Layer max_pool(int window, int stride = 0, Padding padding = Padding::Valid);
Layer avg_pool(int window, int stride = 0, Padding padding = Padding::Valid);
Layer blur_pool(int window = 2, int stride = 2, Padding padding = Padding::Valid);
Layer global_max_pool();
Layer global_avg_pool();
Layer flatten();
Layer dense(int units);

// Max, average and blur pooling: the layers "without pooling" leaves out.
bool is_windowed_pool(LayerKind k);

// How many input cells of the layer before one output cell's window spans along
// rows (or columns): d(k-1)+1 for a conv, k for a pool, k+2 for a BlurPool (its
// max window, then the 3-tap blur). With LayerInfo's pad_top/pad_left and the
// stride, this is all the receptive-field recurrence needs.
int window_extent(const Layer& l, bool rows);

// A tensor shape: rank 3 (H x W x C) or, after Flatten / global pooling, rank 1 (N).
struct Shape {
    int rank = 3;
    long long h = 0, w = 0, c = 0;  // for rank 1, the length is c
    bool operator==(const Shape& o) const { return rank == o.rank && h == o.h && w == o.w && c == o.c; }
};
std::string shape_text(const Shape& s);  // "26 x 26 x 32" or "6400"

struct Model {
    Shape input{3, 28, 28, 1};
    std::vector<Layer> layers;
    bool operator==(const Model& o) const { return input == o.input && layers == o.layers; }
};

// Along one spatial axis: the receptive field of one unit (size in input
// pixels), the distance in input pixels between neighbouring units (jump),
// and where the first unit's field starts (negative: in the padding).
struct FieldAxis {
    long long size = 1, jump = 1, start = 0;
};

struct LayerInfo {
    Shape out;
    long long params = 0;
    FieldAxis rf_h, rf_w;
    bool whole_input = false;   // after Flatten / global pooling / Dense on a vector: every unit sees everything
    int pad_top = 0, pad_left = 0;  // cells before the first window (for a BlurPool: its max padding + 1 reflected)
    long long activations = 0;  // values in the output
    long long macs = 0;         // multiply-adds (0 for pooling)
};

struct Summary {
    std::vector<LayerInfo> layers;  // one per layer, up to (not including) the first that fails
    long long total_params = 0;
    long long total_activations = 0, total_macs = 0;
    int failed = -1;                // index of the first layer that cannot be applied, or -1
    std::string error;              // why, naming the layer: "layer 3 (MaxPooling2D): ..."
};

// Shapes, parameters and receptive fields of every layer, as Keras would.
Summary summarize(const Model& m);

// The same stack without its pooling layers (for "what does pooling buy").
Model without_pooling(const Model& m);

// The region of the input (rows and columns, inclusive, may reach into the
// padding) that unit (row, col) of layer `layer` (-1: the input) sees.
struct Region {
    long long row0 = 0, row1 = 0, col0 = 0, col1 = 0;
};
Region receptive_region(const Summary& s, int layer, int row, int col);

// Models as JSON: {"input": [H, W, C], "layers": [{"type": "conv2d", "filters": 32,
// "kernel": 3, "stride": 1, "padding": "same", "dilation": 1}, ...]}. Kernel,
// stride, pool and dilation take N or [H, W]. Errors name the layer and the field.
// parse_model skips a leading UTF-8 byte-order mark.
Result<Model> model_from_json(const JsonValue& v);
Result<Model> parse_model(std::string_view json_text);
std::string model_to_json(const Model& m);

// Presets: the course's examples and published networks.
struct ModelPreset {
    const char* name;   // "course-dense", "three-convs", ...
    const char* title;  // for people
    Model model;
};
const std::vector<ModelPreset>& model_presets();
const ModelPreset* find_model_preset(const std::string& name);

}  // namespace pl
