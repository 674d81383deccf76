// poollab shift: how much each downsampling changes when its input moves by a
// few pixels, as JSON metrics (the shift scene's numbers).
#include <cmath>
#include <iterator>
#include <ostream>
#include <sstream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"
#include "core/scenes/shift/shift_scene.h"
#include "core/shift.h"

namespace pl {
namespace cli_parts {

namespace {

// Shifts of at most seven characters, as the options have always taken: more
// is a typo, refused as bad usage (a shift past the grid is allowed: all of it
// moves out). A blur size or sweep range the core never takes is bad usage too.
constexpr int kMinShiftOption = -999999, kMaxShiftOption = 9999999;
constexpr int kMinBlur = 2, kMaxBlur = 5;

// What shift takes on the command line.
struct ShiftOptions {
    PoolingOptions pooling;
    int dx = 1, dy = 0;
    ShiftFill fill = ShiftFill::Zero;
    std::vector<Downsample> ops{std::begin(kAllDownsamples), std::end(kAllDownsamples)};
    int blur = 3;
    int sweep = -1;  // the sweep range; -1 for no sweep (--sweep takes 0 to 16)
    std::string file;
};

// "max,blurpool" or "all" into *ops; what is wrong with the list otherwise: an unknown name (""), or
// an empty or repeated item, named, which would else be dropped or run twice without a word.
bool parse_ops(const std::string& list, std::vector<Downsample>* ops, std::string* wrong) {
    ops->clear();
    if (list == "all") {
        ops->assign(std::begin(kAllDownsamples), std::end(kAllDownsamples));
        return true;
    }
    std::vector<std::string> names;
    for (size_t start = 0;;) {  // getline would drop an empty last item ("max,")
        const size_t comma = list.find(',', start);
        names.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    for (size_t i = 0; i < names.size(); ++i) {
        Downsample d;
        if (names[i].empty()) {
            if (list.empty()) return false;
            *wrong = "has an empty item (item " + std::to_string(i + 1) + " of " + std::to_string(names.size()) + "); put one comma between names";
            return false;
        }
        if (!parse_downsample(names[i], &d)) return false;
        for (size_t k = 0; k < i; ++k) {
            Downsample earlier;
            if (parse_downsample(names[k], &earlier) && earlier == d) {
                *wrong = "names " + std::string(downsample_name(d)) + " twice ('" + names[k] + "', then '" + names[i] + "'); give each operation once";
                return false;
            }
        }
        ops->push_back(d);
    }
    return true;
}

// The value of `option` as a whole number in [lo, hi]; `rule` says what it should be when it is not one.
int read_whole(Arguments& args, const std::string& option, int lo, int hi, const std::string& rule, int* v) {
    std::string text;
    if (!args.value_of(option, &text)) return kExitUsage;
    if (!parse_whole(text, lo, hi, v)) return refuse_value(args.err, option, rule, text);
    return kGoOn;
}

int read_ops(Arguments& args, const std::string& option, std::vector<Downsample>* ops) {
    std::string list;
    if (!args.value_of(option, &list)) return kExitUsage;
    std::string wrong;
    if (!parse_ops(list, ops, &wrong)) {
        if (!wrong.empty()) {
            args.err << "poollab: " << option << " '" << printable_text(list) << "' " << wrong << "\n";
            return kExitUsage;
        }
        return refuse_value(args.err, option,
                            "takes a comma-separated list of max, average, min, subsample, blurpool, global-max, global-average, or all",
                            list);
    }
    return kGoOn;
}

// One argument (and its value) into *o: kGoOn, or the exit code to stop with.
int read_shift_argument(Arguments& args, const std::string& a, ShiftOptions* o) {
    if (is_pooling_option(a)) return read_pooling_option(args, a, &o->pooling);
    if (a == "--dx") return read_whole(args, a, kMinShiftOption, kMaxShiftOption, "takes a whole number of pixels", &o->dx);
    if (a == "--dy") return read_whole(args, a, kMinShiftOption, kMaxShiftOption, "takes a whole number of pixels", &o->dy);
    if (a == "--ops") return read_ops(args, a, &o->ops);
    if (a == "--blur") {
        return read_whole(args, a, kMinBlur, kMaxBlur, "takes a whole number from " + std::to_string(kMinBlur) + " to " + std::to_string(kMaxBlur),
                          &o->blur);
    }
    if (a == "--sweep") return read_whole(args, a, 0, kMaxSweepRange, "takes a whole number from 0 to " + std::to_string(kMaxSweepRange), &o->sweep);
    if (a == "--circular") {
        o->fill = ShiftFill::Circular;
        return kGoOn;
    }
    return read_input_name(args, a, "input file", &o->file);
}

// Shift's options into *o: kGoOn, or the exit code to stop with.
int read_shift_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, ShiftOptions* o) {
    Arguments args(list, "shift", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        if (int code = read_shift_argument(args, a, o); code != kGoOn) return code;
    }
    return kGoOn;
}

// Differences of values near the largest float (about 3.4e38) pass it: the
// metrics are then infinite or NaN, which no output of PoolLab ever shows.
bool metrics_are_finite(const ShiftMetrics& m) {
    return std::isfinite(m.unchanged_fraction) && std::isfinite(m.max_abs_change) && std::isfinite(m.l2) && std::isfinite(m.consistency);
}

// Blur pool takes the max of each window at stride 1 with 'valid' padding
// before it blurs (as antialiased-cnns does), whatever --padding says, so its
// window must fit in the grid. The core says so in the app's words; here the
// options are named: why, or "" if it fits.
std::string blur_pool_misfit(Downsample op, const Grid& grid, const DownsampleParams& p) {
    if (op != Downsample::BlurPool || (p.pool.size_rows <= grid.rows && p.pool.size_cols <= grid.cols)) return {};
    return "its max over each window uses 'valid' padding whatever --padding says, so the window (" + size_text(p.pool.size_rows, p.pool.size_cols) + ") must fit in the grid; use a smaller --size";
}

// One object per operation: the original's and the shifted grid's outputs
// compared. False after saying which operation cannot downsample the input.
bool write_ops_json(JsonWriter& j, const Grid& grid, const std::string& source, const ShiftOptions& o, const DownsampleParams& p,
                    std::ostream& err) {
    const Grid shifted = shift_grid(grid, o.dx, o.dy, o.fill);
    j.key("ops").begin_array();
    for (Downsample op : o.ops) {
        if (std::string why = blur_pool_misfit(op, grid, p); !why.empty()) {
            err << "poollab: Blur pool cannot downsample " << source << " (" << size_text(grid.rows, grid.cols) << "): " << why << '\n';
            return false;
        }
        Result<Grid> a = downsample(grid, op, p), b = downsample(shifted, op, p);
        if (!a.ok()) {
            err << "poollab: " << downsample_title(op) << " cannot downsample " << source << " (" << size_text(grid.rows, grid.cols) << "): "
                << a.error << '\n';
            return false;
        }
        ShiftMetrics m = compare_shift(grid, o.dx, o.dy, o.fill, op, p, a.value, b.value);
        if (!metrics_are_finite(m)) {
            err << "poollab: " << downsample_title(op) << " on " << source
                << ": the change between the outputs is beyond the largest number PoolLab holds (about 3.4e38), so it cannot be "
                   "measured; use smaller values\n";
            return false;
        }
        j.begin_object();
        write_shift_op_json(j, op, p, o.dx, o.dy, a.value, m);
        j.end_object();
    }
    j.end_array();
    return true;
}

// For each operation, the consistency of every shift in [-range, range]^2, one row per dy.
void write_sweep_json(JsonWriter& j, const ShiftSweep& w) {
    j.key("sweep").begin_object();
    j.key("range").value(w.range);
    j.key("consistency").begin_object();
    for (size_t k = 0; k < w.ops.size(); ++k) {
        j.key(downsample_name(w.ops[k])).begin_array();
        for (int dy = -w.range; dy <= w.range; ++dy) {
            j.begin_array();
            for (int dx = -w.range; dx <= w.range; ++dx) j.value(w.at(k, dx, dy));
            j.end_array();
        }
        j.end_array();
    }
    j.end_object();
    j.end_object();
}

}  // namespace

int run_shift(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    ShiftOptions o;
    if (int code = read_shift_options(args, out, err, &o); code != kGoOn) return code;
    Grid grid;
    if (!read_grid(o.file, in, err, &grid)) return kExitBadData;
    DownsampleParams p;
    p.pool = pooling_asked(o.pooling);
    p.blur_size = o.blur;
    JsonWriter j;
    j.begin_object();
    j.key("shift").begin_array().value(o.dx).value(o.dy).end_array();
    j.key("fill").value(o.fill == ShiftFill::Zero ? "zero" : "circular");
    j.key("input_shape").begin_array().value(grid.rows).value(grid.cols).end_array();
    if (!write_ops_json(j, grid, input_source(o.file), o, p, err)) return kExitBadData;
    if (o.sweep >= 0) {
        Result<ShiftSweep> sw = shift_sweep(grid, o.ops, p, o.fill, o.sweep);
        if (!sw.ok()) {  // the range was checked as an option, and every operation took the grid above
            err << "poollab: sweep: " << sw.error << '\n';
            return kExitBadData;
        }
        for (float c : sw.value.consistency) {
            if (!std::isfinite(c)) {
                err << "poollab: sweep of " << input_source(o.file)
                    << ": the changes between the outputs are beyond the largest number PoolLab holds (about 3.4e38); use smaller values\n";
                return kExitBadData;
            }
        }
        write_sweep_json(j, sw.value);
    }
    j.end_object();
    out << j.str() << '\n';
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
