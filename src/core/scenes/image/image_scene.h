#pragma once
// The picture scene as a plain, copyable model: a grayscale picture (a bundled
// sample, a test pattern made by code, or the student's own file), the picture
// pooled again and again, a conv -> ReLU -> pool chain of one or two stages on
// it, and a 28 x 28 pad for drawing a digit (the course's MNIST "7" pipeline:
// 28 -> conv 3 x 3 -> 26 -> pool 2 x 2 -> 13). The UI reads it and sends it
// commands; every command leaves the derived maps up to date.
#include <array>
#include <string>
#include <string_view>

#include "core/grid.h"
#include "core/pool.h"
#include "core/shift.h"
#include "core/tasks.h"

namespace pl {

// Bundled photographs (files under assets/samples, NAME.png) and test patterns made by code.
constexpr const char* kImageSamples[] = {"rocket", "astronaut", "text", "cat"};
constexpr const char* kImagePatterns[] = {"stripes", "checkerboard", "grating", "zone-plate"};
constexpr int kImagePatternSide = 256;
// The pictures pooled 1..kImageLevels times, and the chain's stages.
constexpr int kImageLevels = 3;
constexpr int kImageMaxStages = 2;
constexpr int kDigitSide = 28;

// A test pattern of the given side: "stripes" (vertical bars 4 px wide),
// "checkerboard" (4 px squares), "grating" (a sine grating with a period of
// 2.25 px, just above the stride of 2, which aliases when subsampled) and
// "zone-plate" (rings whose frequency grows outwards). Empty for an unknown name.
Grid image_pattern(const std::string& name, int side = kImagePatternSide);
bool is_image_sample(const std::string& name);
bool is_image_pattern(const std::string& name);

// Kernels for the chain: Sobel edges, a diagonal edge, blurs, sharpen and the
// identity. "custom" is whatever the student typed.
constexpr const char* kImageKernels[] = {"sobel-vertical", "sobel-horizontal", "diagonal-edge", "blur-3", "blur-5",
                                         "sharpen", "identity"};
Grid image_kernel(const std::string& name);  // empty for an unknown name
const char* image_kernel_title(const std::string& name);

// The three ways the picture is reduced in the "pool the picture" row.
enum class PictureReduce { Max, Average, Subsample };
constexpr int kPictureReduceCount = 3;
const char* picture_reduce_name(PictureReduce op);  // "max", "average", "subsample"

// Cells [r0, r1) x [c0, c1) of a map.
struct CellRect {
    int r0 = 0, c0 = 0, r1 = 0, c1 = 0;
    bool empty() const { return r1 <= r0 || c1 <= c0; }
    bool operator==(const CellRect& o) const { return r0 == o.r0 && c0 == o.c0 && r1 == o.r1 && c1 == o.c1; }
};

struct ImageStage {
    std::string kernel_name = "sobel-vertical";
    Grid kernel;
    // derived
    Grid input;       // what the stage convolves: the picture, or the previous stage's pooled map
    Grid feature;     // conv
    Grid activated;   // after ReLU (a copy of feature without it)
    Grid pooled;      // after pooling
    // Colour scales for showing the maps: the 99.5th percentile of |value|, so
    // a few very bright pixels do not wash the rest out.
    float feature_scale = 1, pooled_scale = 1;
    bool feature_signed = false, pooled_signed = false;  // some values are below zero
    std::string error;
};

// The scene's three tabs: the picture pooled again and again, the feature
// maps, and the digit pad.
enum class ImageTab { Pyramid, Features, Digit };
constexpr int kImageTabCount = 3;
const char* image_tab_name(ImageTab tab);  // "pyramid", "features", "digit"

struct ImageScene {
    // --- state ---
    ImageTab tab = ImageTab::Pyramid;  // the tab on show (links carry it)
    std::string source = "rocket";  // a sample, a pattern, or "file"
    std::string file_name;          // the student's file, when source == "file"
    bool picture_pending = false;   // `source` names a sample whose bytes have not arrived yet
    Grid picture;                   // values in [0, 1], longest side at most kWorkingImageSide
    std::string notice;             // what the last load said (scaled down, or why a file was refused)
    bool notice_is_error = false;
    // The chain.
    std::array<ImageStage, kImageMaxStages> stages;
    int stage_count = 1;
    Padding conv_padding = Padding::Valid;
    bool use_relu = true;
    PoolOp pool_op = PoolOp::Max;
    // The digit pad and its filter.
    Grid digit;
    std::string digit_kernel = "sobel-horizontal";

    // --- derived ---
    // pyramid[op][k]: the picture reduced k times by 2 x 2 stride 2 (k = 0 is the picture).
    std::array<std::array<Grid, kImageLevels + 1>, kPictureReduceCount> pyramid;
    Grid digit_feature, digit_pooled;
};

// The scene on the rocket sample, its place held by a 64 x 64 grating until the sample's bytes arrive.
ImageScene image_scene_default();

// Chooses a picture by name: a pattern is made at once; a sample becomes the
// source with picture_pending set until its bytes arrive. False for an unknown name.
bool image_choose_source(ImageScene& s, const std::string& name);

// Commands; each leaves the scene refreshed.
// Decodes a picture file; on failure the current picture stays and the notice says why. `source` is a
// sample's name or "file". Returns true if the picture changed.
bool image_load_bytes(ImageScene& s, std::string_view bytes, const std::string& name, const std::string& source);
void image_load_pattern(ImageScene& s, const std::string& name);  // a kImagePatterns name
void image_set_picture(ImageScene& s, const Grid& picture, const std::string& source);
void image_set_kernel(ImageScene& s, int stage, const std::string& name);
// Sets one kernel weight (the kernel becomes "custom"); "" or why not.
std::string image_edit_kernel(ImageScene& s, int stage, int row, int col, const std::string& text);
void image_set_stage_count(ImageScene& s, int count);  // 1..kImageMaxStages
void image_set_chain(ImageScene& s, Padding conv_padding, bool use_relu, PoolOp pool_op);
// Draws on the digit pad along a stroke from (r0, c0) to (r1, c1), in cell units (fractions allowed),
// with a soft round brush; erasing clears instead.
void image_digit_stroke(ImageScene& s, float r0, float c0, float r1, float c1, bool erase = false);
void image_digit_clear(ImageScene& s);
void image_digit_example(ImageScene& s);  // a hand-drawn-looking "7"
const Grid& image_digit_example_pad();   // that "7" as a 28 x 28 pad
void image_set_digit_kernel(ImageScene& s, const std::string& name);
void image_refresh(ImageScene& s);

// A side x side square of a map centred near (row, col), moved inside the map
// (zeros beyond it when the map is smaller), values rounded to multiples of
// `step` (0: as they are): a real feature map or picture patch as input for
// the step-through scene and the shift lab.
Grid image_patch(const Grid& g, int row, int col, int side, float step = 0.0f);

// The q-quantile (0..1) of |value| over a map, at least 1e-6: a colour scale robust to outliers.
float robust_scale(const Grid& g, float q = 0.995f);

// Where a cell of a stage's pooled map comes from: its pooling window in that
// stage's feature map, the patch of the stage's input the window's feature
// cells see, and the patch of the picture (the same as the input for stage 0).
// Rectangles are clipped to their maps; `ok` is false for a cell outside the map.
struct ImageTrace {
    bool ok = false;
    CellRect window;         // in stages[stage].feature
    CellRect input_patch;    // in stages[stage].input
    CellRect picture_patch;  // in the picture
};
ImageTrace image_trace(const ImageScene& s, int stage, int row, int col);

// The same for the digit pipeline: a cell of digit_pooled -> window in digit_feature -> patch of the digit.
ImageTrace image_digit_trace(const ImageScene& s, int row, int col);

// The scene as JSON for the test hook.
std::string image_scene_json(const ImageScene& s);

// Try this: the scene's tasks that check themselves (image_tasks.cpp).
const std::vector<SceneTask>& image_tasks();

}  // namespace pl
