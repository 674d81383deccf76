#pragma once
// Shift invariance: move a map by whole pixels, downsample it several ways,
// and measure how much the downsampled result changed.
#include <string>
#include <vector>

#include "core/grid.h"
#include "core/pool.h"
#include "core/result.h"

namespace pl {

// What fills the cells a shift uncovers.
enum class ShiftFill { Zero, Circular };

// `g` moved dx columns right and dy rows down (negative: left / up).
Grid shift_grid(const Grid& g, int dx, int dy, ShiftFill fill);

// The downsampling operations the lab compares.
enum class Downsample { MaxPool, AvgPool, MinPool, Subsample, BlurPool, GlobalMax, GlobalAvg };
constexpr Downsample kAllDownsamples[] = {Downsample::MaxPool,  Downsample::AvgPool,  Downsample::MinPool,
                                          Downsample::Subsample, Downsample::BlurPool, Downsample::GlobalMax,
                                          Downsample::GlobalAvg};
constexpr int kDownsampleCount = 7;
const char* downsample_name(Downsample op);   // "max", "average", "min", "subsample", "blurpool", "global-max", "global-average"
const char* downsample_title(Downsample op);  // "Max pool", ... for people
bool parse_downsample(const std::string& s, Downsample* op);

struct DownsampleParams {
    PoolParams pool;     // window, stride and padding (op is ignored; the Downsample decides)
    int blur_size = 3;   // binomial filter size for blur pool, 2..5
};

// Blur pool (Zhang 2019, "Making convolutional networks shift-invariant
// again"): max with the window at stride 1, then a normalised binomial blur
// of blur_size with reflect padding, sampled at the stride. Subsample takes
// every stride-th cell with no pooling. Global ops give one value.
Result<Grid> downsample(const Grid& input, Downsample op, const DownsampleParams& p);

// The 1-D binomial filter of a size (2..5): [1 1], [1 2 1], [1 3 3 1], [1 4 6 4 1].
std::vector<float> binomial_filter(int size);

// How a downsampled map B (after the shift) compares with A (before).
enum class ShiftVerdict { Unchanged, Shifted, Changed };
const char* verdict_name(ShiftVerdict v);  // "unchanged", "shifted", "changed"

// Whether a zero-filled shift pushed the feature off the grid: B is A moved
// (by out_dx, out_dy) on every cell it has, but part or all of A is gone.
enum class FeatureLeft { No, Partly, Wholly };

struct ShiftMetrics {
    float unchanged_fraction = 1;  // share of cells equal in A and B
    // In double: two floats near the largest (3.4e38) differ by more than a float holds.
    double max_abs_change = 0;
    double l2 = 0;                 // Euclidean distance between A and B
    ShiftVerdict verdict = ShiftVerdict::Unchanged;
    int out_dx = 0, out_dy = 0;    // with Shifted, or a feature that left: B is A moved by this many output cells
    // 1 when B equals A, or A moved by one of the candidate output shifts with
    // nothing pushed off the grid; otherwise 1 - min over the candidates o of
    // |B - shift(A, o)| / max(|A|, |B|), where what shift(A, o) pushes off the
    // grid (zero fill) counts in the distance.
    float consistency = 1;
    FeatureLeft left = FeatureLeft::No;  // Wholly also for any zero-filled shift as large as the map
    // What compare_shift knew of the input, for explain_shift's sentence.
    ShiftFill fill = ShiftFill::Zero;
    int in_rows = 0, in_cols = 0;
    bool same_windows = true;  // max, average, min: every nonzero input cell is in a window and, after the shift, in the same ones
};

// An output shift, in output cells.
struct Offset {
    int dx = 0, dy = 0;
};

// The output shifts an input shift (dx, dy) can correspond to for an
// operation: d / stride rounded down and up on each axis ({0, 0} for global
// pooling, which keeps no position).
std::vector<Offset> output_offsets(Downsample op, const DownsampleParams& p, int dx, int dy);

// Compares A and B (same shape). `fill` is how A is shifted when looking for
// B among A's shifts by `offsets` (the consistency uses only these; with none,
// B is compared with A as it stands).
ShiftMetrics compare_downsampled(const Grid& a, const Grid& b, ShiftFill fill, const std::vector<Offset>& offsets);

// compare_downsampled for an operation's outputs A (of `input`) and B (of
// `input` shifted by dx, dy). With zero fill a shift at least as large as the
// map leaves only zeros: then B is not "A moved", the feature left the grid
// (compare_downsampled finds the same whenever the output shift pushes it all off).
ShiftMetrics compare_shift(const Grid& input, int dx, int dy, ShiftFill fill, Downsample op, const DownsampleParams& p,
                           const Grid& a, const Grid& b);

// A metric as the lab writes it, to 3 significant digits ("0.293", "6.8e+38");
// one no number can hold is said to be so, never "inf" or "nan".
std::string metric_text(double x);

// A one-line reason for a verdict, for students, with the live numbers.
std::string explain_shift(Downsample op, const DownsampleParams& p, int dx, int dy, const ShiftMetrics& m);

// Consistency of each operation for every shift in [-range, range]^2.
struct ShiftSweep {
    int range = 0;
    std::vector<Downsample> ops;
    std::vector<float> consistency;  // [op][dy + range][dx + range]
    float at(size_t op, int dx, int dy) const {
        const int side = 2 * range + 1;
        return consistency[(op * side + static_cast<size_t>(dy + range)) * side + static_cast<size_t>(dx + range)];
    }
};
constexpr int kMaxSweepRange = 16;

// The sweep in words, from its numbers: where `focus` is exactly consistent
// and where it drops, whether blur pool does better between multiples of the
// stride, and whether global pooling stays at 1.
std::string explain_sweep(const ShiftSweep& sw, Downsample focus, int stride_x, int stride_y);

// A sweep for these operations and range with every consistency 0, or why the range is invalid.
Result<ShiftSweep> empty_sweep(const std::vector<Downsample>& ops, int range);

// The sweep. With zero fill (and valid padding for the pooling operations) it
// samples one dense map per operation and sums distances with prefix sums,
// so its cost hardly grows with the number of shifts; otherwise, and as the
// reference the tests compare with, shift_sweep_direct downsamples every
// shifted map. Both give the consistency compare_downsampled gives.
Result<ShiftSweep> shift_sweep(const Grid& input, const std::vector<Downsample>& ops, const DownsampleParams& p,
                               ShiftFill fill, int range);
Result<ShiftSweep> shift_sweep_direct(const Grid& input, const std::vector<Downsample>& ops, const DownsampleParams& p,
                                      ShiftFill fill, int range);

// Stacking: the same pooling applied `layers` times. The span of positions,
// relative to the feature's place (negative: left), over which moving the
// input along x leaves the final output exactly the same.
struct InvarianceSpan {
    int left = 0, right = 0;  // the output is unchanged for dx in [left, right]
    int width() const { return right - left + 1; }
    // Where the feature sits among the final output's windows along x, for
    // the sentence (feature_width 0: not known, or no feature).
    int feature_width = 0;       // columns from the feature's first nonzero cell to its last
    long long window_width = 0;  // the final output's receptive field along x, in pixels
    bool in_one_window = false;  // one final output cell's field holds all the feature's columns
};
Result<Grid> pool_layers(const Grid& input, const PoolParams& p, int layers);
Result<InvarianceSpan> invariance_span(const Grid& input, const PoolParams& p, int layers, ShiftFill fill, int search);

// The span in words, against what `layers` pooling layers of stride `stride`
// can give at best (stride to the power layers pixels, for a lone point).
std::string explain_invariance_span(const InvarianceSpan& span, int stride, int layers);

// What `layers` pooling layers lose, for an output of out_rows x out_cols:
// each cell stands for a patch of stride_rows^layers x stride_cols^layers.
std::string explain_stacking_loss(int out_rows, int out_cols, int stride_rows, int stride_cols, int layers);

}  // namespace pl
