#include "cli/cli.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/conv.h"
#include "core/csv.h"
#include "core/image.h"
#include "core/scenes/image/image_scene.h"
#include "core/json.h"
#include "core/layers.h"
#include "core/parse.h"
#include "core/pool.h"
#include "core/shift.h"
#include "core/scenes/shift/shift_scene.h"

namespace pl {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadData = 1;
constexpr int kExitUsage = 2;

const char* kUsage =
    "usage: poollab pool  [--op max|average|min] [POOLING] [--json] [FILE]\n"
    "       poollab shift [--dx N] [--dy N] [--circular] [--ops LIST] [POOLING]\n"
    "                     [--blur F] [--sweep R] [FILE]\n"
    "       poollab summary [--json] MODEL.json | --preset NAME\n"
    "       poollab conv  --kernel NAME | --kernel-file K.csv [--padding P] [--relu]\n"
    "                     [--pool OP] [--json] [FILE]\n"
    "       poollab picture [--side N] [--out OUT.png|OUT.jpg] [--csv] IMAGE\n"
    "\n"
    "pool:\n"
    "Pools a grid read as CSV (one row a line, comma-separated numbers) from FILE,\n"
    "or from standard input when FILE is '-' or missing, and writes the pooled grid\n"
    "as CSV. Semantics follow TensorFlow/Keras: 'same' pads with cells that take no\n"
    "part (ignored by max/min, left out of the average's count), the smaller half\n"
    "of the padding before. The stride defaults to the window size.\n"
    "\n"
    "  --op OP         max (default), average (or avg), min\n"
    "  --size K        window K x K (default 2); RxC for R rows by C columns\n"
    "  --stride S      stride S along both axes; RxC for rows and columns\n"
    "  --padding P     valid (default) or same\n"
    "  --json          write JSON: shapes, the output-size formulas, and for every\n"
    "                  output cell its window and winning input cell (0-based)\n"
    "\n"
    "shift: moves the grid by (dx, dy) pixels (right and down are positive),\n"
    "downsamples the original and the shifted grid with each operation, and\n"
    "writes JSON metrics comparing the two outputs.\n"
    "  --dx N, --dy N  the shift (default 1, 0)\n"
    "  --circular      wrap around instead of filling uncovered cells with zero\n"
    "  --ops LIST      comma-separated: max, average, min, subsample, blurpool,\n"
    "                  global-max, global-average, or all (default)\n"
    "  --blur F        blur-pool filter size 2..5 (default 3)\n"
    "  --sweep R       also the consistency of every shift in [-R, R]^2 (R <= 16)\n"
    "POOLING is --size, --stride and --padding as for pool (window, stride and\n"
    "padding of the pooling operations; subsample and blur pool use the stride).\n"
    "\n"
    "summary: the layer table Keras prints (output shape, parameters, total),\n"
    "with each layer's receptive field (size, jump, start) and its cost, for a\n"
    "model in PoolLab's JSON format (see README) or a preset: course-dense,\n"
    "three-convs, two-convs, conv-pool-conv, strided-convs, alexnet, vgg16.\n"
    "  --json          write JSON instead of the table\n"
    "\n"
    "conv: a one-channel convolution as Keras computes it (cross-correlation,\n"
    "stride 1, zeros outside the input), then optionally ReLU and a 2x2 stride-2\n"
    "pooling: the picture scene's chain. Writes the result as CSV.\n"
    "  --kernel NAME   sobel-vertical, sobel-horizontal, diagonal-edge, blur-3,\n"
    "                  blur-5, sharpen, identity, vertical-edge, horizontal-edge\n"
    "  --kernel-file F the kernel as CSV (at most 15 x 15)\n"
    "  --padding P     valid (default) or same\n"
    "  --relu          max(0, x) after the convolution\n"
    "  --pool OP       then pool 2x2 stride 2 with max, average or min\n"
    "  --json          write JSON: shapes and every stage's values\n"
    "\n"
    "picture: reads a PNG, JPEG, BMP or GIF as the app does (grayscale, longest\n"
    "side scaled down to the working size) and says what it made of it.\n"
    "  --side N        the working size (default 512, 8 to 8192)\n"
    "  --out F         write the grayscale picture (PNG, or JPEG if F ends .jpg)\n"
    "  --csv           write its values (0..1) as CSV to standard output\n"
    "\n"
    "Exit status: 0 ok, 1 bad input data, 2 bad usage.\n";

// What the options have always taken: sizes and strides of at most six digits
// (0 included, so that pooling itself says a window must be at least 1), and
// other whole numbers of at most seven characters. Beyond them an option is a
// typo, not a request, and is refused as bad usage.
constexpr int kMaxSizeOption = 999999;
constexpr int kMinWholeOption = -999999, kMaxWholeOption = 9999999;

std::string read_all(std::istream& in) {
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_json(std::ostream& out, const Grid& input, const PoolParams& p, const PoolResult& r) {
    JsonWriter j;
    j.begin_object();
    j.key("op").value(op_name(p.op));
    j.key("size").begin_array().value(p.size_rows).value(p.size_cols).end_array();
    j.key("stride").begin_array().value(p.stride_rows).value(p.stride_cols).end_array();
    j.key("padding").value(padding_name(p.padding));
    j.key("input_shape").begin_array().value(input.rows).value(input.cols).end_array();
    j.key("output_shape").begin_array().value(r.output.rows).value(r.output.cols).end_array();
    j.key("formula").begin_object();
    j.key("rows").value(output_size_formula(input.rows, p.size_rows, p.stride_rows, p.padding));
    j.key("cols").value(output_size_formula(input.cols, p.size_cols, p.stride_cols, p.padding, "columns"));
    j.end_object();
    j.key("padding_cells").begin_object();
    j.key("top").value(r.rows_axis.pad_before).key("bottom").value(r.rows_axis.pad_after);
    j.key("left").value(r.cols_axis.pad_before).key("right").value(r.cols_axis.pad_after);
    j.end_object();
    j.key("output").begin_array();
    for (int i = 0; i < r.output.rows; ++i) {
        j.begin_array();
        for (int c = 0; c < r.output.cols; ++c) j.value(r.output.at(i, c));
        j.end_array();
    }
    j.end_array();
    j.key("cells").begin_array();
    for (int i = 0; i < r.output.rows; ++i) {
        for (int c = 0; c < r.output.cols; ++c) {
            const PoolCell& cell = r.cell(i, c);
            j.begin_object();
            j.key("out").begin_array().value(i).value(c).end_array();
            j.key("value").value(cell.value);
            j.key("window").begin_object();
            j.key("row").value(cell.window.row).key("col").value(cell.window.col);
            j.key("rows").value(cell.window.rows).key("cols").value(cell.window.cols);
            j.end_object();
            j.key("winner");
            if (cell.winner_row >= 0) {
                j.begin_array().value(cell.winner_row).value(cell.winner_col).end_array();
            } else {
                j.null();
            }
            j.end_object();
        }
    }
    j.end_array();
    j.end_object();
    out << j.str() << '\n';
}

// Everything the commands take on the command line.
struct Options {
    PoolParams pool;
    bool stride_given = false;
    bool json = false;
    std::string file;
    // shift
    int dx = 1, dy = 0;
    ShiftFill fill = ShiftFill::Zero;
    std::vector<Downsample> ops;
    int blur = 3;
    int sweep = -1;
};

bool parse_ops(const std::string& list, std::vector<Downsample>* ops) {
    ops->clear();
    if (list == "all") {
        ops->assign(std::begin(kAllDownsamples), std::end(kAllDownsamples));
        return true;
    }
    std::stringstream ss(list);
    std::string name;
    while (std::getline(ss, name, ',')) {
        Downsample d;
        if (!parse_downsample(name, &d)) return false;
        ops->push_back(d);
    }
    return !ops->empty();
}

// Parses args into *o. Returns -1 to go on, or the exit code to stop with.
int parse_options(const std::vector<std::string>& args, bool shift, Options* o, std::ostream& out, std::ostream& err) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string v;
        auto next = [&]() {
            if (i + 1 >= args.size()) {
                err << "poollab: " << a << " needs a value\n";
                return false;
            }
            v = args[++i];
            return true;
        };
        auto bad = [&](const std::string& what) {
            err << "poollab: " << a << " " << what << ", not '" << v << "'\n";
            return kExitUsage;
        };
        if (a == "--json" && !shift) {
            o->json = true;
        } else if (a == "--op" && !shift) {
            if (!next()) return kExitUsage;
            if (!parse_op(v, &o->pool.op)) {
                err << "poollab: unknown operation '" << v << "' (use max, average or min)\n";
                return kExitUsage;
            }
        } else if (a == "--size") {
            if (!next()) return kExitUsage;
            if (!parse_size_pair(v, 0, kMaxSizeOption, &o->pool.size_rows, &o->pool.size_cols)) return bad("takes a whole number K or RxC");
        } else if (a == "--stride") {
            if (!next()) return kExitUsage;
            if (!parse_size_pair(v, 0, kMaxSizeOption, &o->pool.stride_rows, &o->pool.stride_cols)) return bad("takes a whole number S or RxC");
            o->stride_given = true;
        } else if (a == "--padding") {
            if (!next()) return kExitUsage;
            if (!parse_padding(v, &o->pool.padding)) {
                err << "poollab: unknown padding '" << v << "' (use valid or same)\n";
                return kExitUsage;
            }
        } else if ((a == "--dx" || a == "--dy") && shift) {
            if (!next()) return kExitUsage;
            if (!parse_whole(v, kMinWholeOption, kMaxWholeOption, a == "--dx" ? &o->dx : &o->dy)) return bad("takes a whole number of pixels");
        } else if (a == "--circular" && shift) {
            o->fill = ShiftFill::Circular;
        } else if (a == "--ops" && shift) {
            if (!next()) return kExitUsage;
            if (!parse_ops(v, &o->ops)) {
                return bad("takes a comma-separated list of max, average, min, subsample, blurpool, global-max, global-average, or all");
            }
        } else if (a == "--blur" && shift) {
            if (!next()) return kExitUsage;
            if (!parse_whole(v, kMinWholeOption, kMaxWholeOption, &o->blur)) return bad("takes a whole number from 2 to 5");
        } else if (a == "--sweep" && shift) {
            if (!next()) return kExitUsage;
            if (!parse_whole(v, kMinWholeOption, kMaxWholeOption, &o->sweep)) return bad("takes a whole number from 0 to 16");
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for " << (shift ? "shift" : "pool") << "\n" << kUsage;
            return kExitUsage;
        } else if (o->file.empty()) {
            o->file = a;
        } else {
            err << "poollab: one input file at most (got '" << o->file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (!o->stride_given) {  // Keras: strides default to pool_size
        o->pool.stride_rows = o->pool.size_rows;
        o->pool.stride_cols = o->pool.size_cols;
    }
    if (o->ops.empty()) o->ops.assign(std::begin(kAllDownsamples), std::end(kAllDownsamples));
    return -1;
}

// Reads the input grid; on failure prints why and returns false.
bool read_grid(const Options& o, std::istream& in, std::ostream& err, Grid* grid, std::string* source) {
    std::string text;
    *source = o.file.empty() || o.file == "-" ? "standard input" : o.file;
    if (o.file.empty() || o.file == "-") {
        text = read_all(in);
    } else {
        std::ifstream f(o.file, std::ios::binary);
        if (!f) {
            err << "poollab: cannot open '" << o.file << "'\n";
            return false;
        }
        text = read_all(f);
    }
    Result<Grid> g = parse_csv(text);
    if (!g.ok()) {
        err << "poollab: " << *source << ": " << g.error << '\n';
        return false;
    }
    *grid = std::move(g.value);
    return true;
}

int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    if (int code = parse_options(args, false, &o, out, err); code >= 0) return code;
    Grid grid;
    std::string source;
    if (!read_grid(o, in, err, &grid, &source)) return kExitBadData;
    Result<PoolResult> r = pool2d(grid, o.pool);
    if (!r.ok()) {
        err << "poollab: cannot pool " << source << " (" << grid.rows << " x " << grid.cols << "): " << r.error << '\n';
        return kExitBadData;
    }
    if (o.json) {
        write_json(out, grid, o.pool, r.value);
    } else {
        out << to_csv(r.value.output);
    }
    return kExitOk;
}

int run_shift(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    if (int code = parse_options(args, true, &o, out, err); code >= 0) return code;
    Grid grid;
    std::string source;
    if (!read_grid(o, in, err, &grid, &source)) return kExitBadData;
    DownsampleParams p;
    p.pool = o.pool;
    p.blur_size = o.blur;
    const Grid shifted = shift_grid(grid, o.dx, o.dy, o.fill);
    JsonWriter j;
    j.begin_object();
    j.key("shift").begin_array().value(o.dx).value(o.dy).end_array();
    j.key("fill").value(o.fill == ShiftFill::Zero ? "zero" : "circular");
    j.key("input_shape").begin_array().value(grid.rows).value(grid.cols).end_array();
    j.key("ops").begin_array();
    for (Downsample op : o.ops) {
        Result<Grid> a = downsample(grid, op, p), b = downsample(shifted, op, p);
        if (!a.ok()) {
            err << "poollab: " << downsample_title(op) << " cannot downsample " << source << " (" << grid.rows << " x "
                << grid.cols << "): " << a.error << '\n';
            return kExitBadData;
        }
        ShiftMetrics m = compare_downsampled(a.value, b.value, o.fill, output_offsets(op, p, o.dx, o.dy));
        j.begin_object();
        write_shift_op_json(j, op, p, o.dx, o.dy, a.value, m);
        j.end_object();
    }
    j.end_array();
    if (o.sweep >= 0) {
        Result<ShiftSweep> sw = shift_sweep(grid, o.ops, p, o.fill, o.sweep);
        if (!sw.ok()) {
            err << "poollab: sweep: " << sw.error << '\n';
            return kExitUsage;
        }
        const ShiftSweep& w = sw.value;
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
    j.end_object();
    out << j.str() << '\n';
    return kExitOk;
}


std::string layer_label(const Layer& l) {
    std::string s = layer_kind_title(l.kind);
    auto pair = [](int h, int w) { return h == w ? std::to_string(h) + "x" + std::to_string(h) : std::to_string(h) + "x" + std::to_string(w); };
    if (l.kind == LayerKind::Conv2D) {
        s += "(" + std::to_string(l.units) + ", " + pair(l.kernel_h, l.kernel_w);
        if (l.stride_h > 1 || l.stride_w > 1) s += ", stride " + pair(l.stride_h, l.stride_w);
        if (l.dilation_h > 1 || l.dilation_w > 1) s += ", dilation " + pair(l.dilation_h, l.dilation_w);
        s += std::string(", ") + padding_name(l.padding) + ")";
    } else if (l.kind == LayerKind::MaxPool || l.kind == LayerKind::AvgPool) {
        s += "(" + pair(l.kernel_h, l.kernel_w) + ", stride " + pair(l.stride_h, l.stride_w) + ", " + padding_name(l.padding) + ")";
    } else if (l.kind == LayerKind::Dense) {
        s += "(" + std::to_string(l.units) + ")";
    }
    return s;
}

void write_summary_table(std::ostream& out, const Model& m, const Summary& s) {
    char line[256];
    std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", "Layer", "Output shape", "Params", "Receptive field", "Jump", "Start");
    out << line << std::string(112, '-') << '\n';
    std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", "Input", shape_text(m.input).c_str(), "0", "1 x 1", "1", "0, 0");
    out << line;
    for (size_t i = 0; i < s.layers.size(); ++i) {
        const LayerInfo& l = s.layers[i];
        const std::string label = std::to_string(i + 1) + " " + layer_label(m.layers[i]);
        const std::string rf = l.whole_input ? "whole input" : std::to_string(l.rf_h.size) + " x " + std::to_string(l.rf_w.size);
        const std::string jump = l.whole_input ? "-" : std::to_string(l.rf_h.jump) + (l.rf_h.jump == l.rf_w.jump ? "" : " x " + std::to_string(l.rf_w.jump));
        const std::string start = l.whole_input ? "-" : std::to_string(l.rf_h.start) + ", " + std::to_string(l.rf_w.start);
        std::snprintf(line, sizeof line, "%-40s %-18s %13s  %-15s %-9s %s\n", label.c_str(), shape_text(l.out).c_str(),
                      group_thousands(l.params).c_str(), rf.c_str(), jump.c_str(), start.c_str());
        out << line;
    }
    out << std::string(112, '-') << '\n';
    out << "Total params: " << group_thousands(s.total_params) << '\n';
    out << "Activations: " << group_thousands(s.total_activations) << ", multiply-adds: " << group_thousands(s.total_macs) << '\n';
}

void write_summary_json(std::ostream& out, const Model& m, const Summary& s) {
    JsonWriter j;
    j.begin_object();
    j.key("input").begin_array().value(static_cast<double>(m.input.h)).value(static_cast<double>(m.input.w)).value(static_cast<double>(m.input.c)).end_array();
    j.key("layers").begin_array();
    for (size_t i = 0; i < s.layers.size(); ++i) {
        const LayerInfo& l = s.layers[i];
        j.begin_object();
        j.key("type").value(layer_kind_name(m.layers[i].kind));
        j.key("output_shape").begin_array();
        if (l.out.rank == 3) j.value(static_cast<double>(l.out.h)).value(static_cast<double>(l.out.w));
        j.value(static_cast<double>(l.out.c)).end_array();
        j.key("params").value(static_cast<double>(l.params));
        j.key("whole_input").value(l.whole_input);
        j.key("receptive_field").begin_array().value(static_cast<double>(l.rf_h.size)).value(static_cast<double>(l.rf_w.size)).end_array();
        j.key("jump").begin_array().value(static_cast<double>(l.rf_h.jump)).value(static_cast<double>(l.rf_w.jump)).end_array();
        j.key("start").begin_array().value(static_cast<double>(l.rf_h.start)).value(static_cast<double>(l.rf_w.start)).end_array();
        j.key("activations").value(static_cast<double>(l.activations));
        j.key("multiply_adds").value(static_cast<double>(l.macs));
        j.end_object();
    }
    j.end_array();
    j.key("total_params").value(static_cast<double>(s.total_params));
    j.key("error");
    if (s.error.empty()) {
        j.null();
    } else {
        j.value(s.error);
    }
    j.end_object();
    out << j.str() << '\n';
}

int run_summary(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    bool json = false;
    std::string file, preset;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--preset" && i + 1 < args.size()) {
            preset = args[++i];
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for summary\n" << kUsage;
            return kExitUsage;
        } else if (file.empty()) {
            file = a;
        } else {
            err << "poollab: one model file at most\n";
            return kExitUsage;
        }
    }
    Model model;
    if (!preset.empty()) {
        const ModelPreset* p = find_model_preset(preset);
        if (!p) {
            err << "poollab: no preset called '" << preset << "'\n";
            return kExitUsage;
        }
        model = p->model;
    } else {
        Options o;
        o.file = file;
        std::string text;
        if (file.empty() || file == "-") {
            text = read_all(in);
        } else {
            std::ifstream f(file, std::ios::binary);
            if (!f) {
                err << "poollab: cannot open '" << file << "'\n";
                return kExitBadData;
            }
            text = read_all(f);
        }
        Result<Model> m = parse_model(text);
        if (!m.ok()) {
            err << "poollab: " << (file.empty() || file == "-" ? "standard input" : file) << ": " << m.error << '\n';
            return kExitBadData;
        }
        model = std::move(m.value);
    }
    const Summary s = summarize(model);
    if (json) {
        write_summary_json(out, model, s);
    } else {
        write_summary_table(out, model, s);
    }
    if (!s.error.empty()) {
        err << "poollab: " << s.error << '\n';
        return kExitBadData;
    }
    return kExitOk;
}

int run_conv(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    Grid kernel;
    std::string kernel_name;
    Padding padding = Padding::Valid;
    bool use_relu = false, json = false, pool = false;
    PoolOp pool_op = PoolOp::Max;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string* v) {
            if (i + 1 >= args.size()) {
                err << "poollab: " << a << " needs a value\n";
                return false;
            }
            *v = args[++i];
            return true;
        };
        std::string v;
        if (a == "--kernel") {
            if (!value(&v)) return kExitUsage;
            kernel = image_kernel(v);
            if (kernel.empty()) kernel = named_kernel(v);
            if (kernel.empty()) {
                err << "poollab: unknown kernel '" << v << "' (see poollab --help)\n";
                return kExitUsage;
            }
            kernel_name = v;
        } else if (a == "--kernel-file") {
            if (!value(&v)) return kExitUsage;
            std::ifstream f(v, std::ios::binary);
            if (!f) {
                err << "poollab: cannot open '" << v << "'\n";
                return kExitBadData;
            }
            Result<Grid> k = parse_csv(read_all(f));
            if (!k.ok()) {
                err << "poollab: kernel " << v << ": " << k.error << '\n';
                return kExitBadData;
            }
            kernel = std::move(k.value);
            kernel_name = "file";
        } else if (a == "--padding") {
            if (!value(&v)) return kExitUsage;
            if (!parse_padding(v, &padding)) {
                err << "poollab: unknown padding '" << v << "' (use valid or same)\n";
                return kExitUsage;
            }
        } else if (a == "--relu") {
            use_relu = true;
        } else if (a == "--pool") {
            if (!value(&v)) return kExitUsage;
            if (!parse_op(v, &pool_op)) {
                err << "poollab: unknown operation '" << v << "' (use max, average or min)\n";
                return kExitUsage;
            }
            pool = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for conv\n" << kUsage;
            return kExitUsage;
        } else if (o.file.empty()) {
            o.file = a;
        } else {
            err << "poollab: one input file at most (got '" << o.file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (kernel_name.empty()) {
        err << "poollab: conv needs --kernel NAME or --kernel-file K.csv\n";
        return kExitUsage;
    }
    Grid grid;
    std::string source;
    if (!read_grid(o, in, err, &grid, &source)) return kExitBadData;
    Result<Grid> feature = conv2d(grid, kernel, padding);
    if (!feature.ok()) {
        err << "poollab: cannot convolve " << source << " (" << grid.rows << " x " << grid.cols << "): " << feature.error << '\n';
        return kExitBadData;
    }
    const Grid activated = use_relu ? relu(feature.value) : feature.value;
    Grid pooled;
    if (pool) {
        PoolParams p;
        p.op = pool_op;
        Result<Grid> r = pool_values(activated, p);
        if (!r.ok()) {
            err << "poollab: cannot pool the feature map (" << activated.rows << " x " << activated.cols << "): " << r.error << '\n';
            return kExitBadData;
        }
        pooled = std::move(r.value);
    }
    const Grid& result = pool ? pooled : activated;
    if (!json) {
        out << to_csv(result);
        return kExitOk;
    }
    JsonWriter j;
    j.begin_object();
    j.key("kernel_name").value(kernel_name);
    j.key("kernel").grid(kernel);
    j.key("padding").value(padding_name(padding));
    j.key("relu").value(use_relu);
    j.key("input_shape").begin_array().value(grid.rows).value(grid.cols).end_array();
    j.key("feature").grid(feature.value);
    if (pool) j.key("pool").value(op_name(pool_op)).key("pooled").grid(pooled);
    j.key("output_shape").begin_array().value(result.rows).value(result.cols).end_array();
    j.end_object();
    out << j.str() << '\n';
    return kExitOk;
}

int run_picture(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string file, out_file;
    int side = kWorkingImageSide;
    bool csv = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--side" || a == "--out") && i + 1 >= args.size()) {
            err << "poollab: " << a << " needs a value\n";
            return kExitUsage;
        }
        if (a == "--side") {
            if (!parse_whole(args[++i], 8, kMaxImageSide, &side)) {
                err << "poollab: --side takes a whole number from 8 to " << kMaxImageSide << ", not '" << args[i] << "'\n";
                return kExitUsage;
            }
        } else if (a == "--out") {
            out_file = args[++i];
        } else if (a == "--csv") {
            csv = true;
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "' for picture\n" << kUsage;
            return kExitUsage;
        } else if (file.empty()) {
            file = a;
        } else {
            err << "poollab: one picture at most (got '" << file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (file.empty()) {
        err << "poollab: picture needs an image file\n";
        return kExitUsage;
    }
    std::ifstream f(file, std::ios::binary);
    if (!f) {
        err << "poollab: cannot open '" << file << "'\n";
        return kExitBadData;
    }
    Result<Picture> p = load_picture(read_all(f), file, side);
    if (!p.ok()) {
        err << "poollab: " << p.error << '\n';
        return kExitBadData;
    }
    if (!out_file.empty()) {
        const bool jpeg = out_file.size() > 4 && (out_file.substr(out_file.size() - 4) == ".jpg" || out_file.substr(out_file.size() - 5) == ".jpeg");
        const std::string bytes = jpeg ? encode_gray_jpeg(p.value.gray) : encode_gray_png(p.value.gray);
        std::ofstream o(out_file, std::ios::binary);
        if (!o || !o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
            err << "poollab: cannot write '" << out_file << "'\n";
            return kExitBadData;
        }
    }
    if (csv) {
        out << to_csv(p.value.gray);
    } else {
        out << file << ": " << p.value.original_cols << " x " << p.value.original_rows << " pixels"
                          << (p.value.scaled ? ", " + p.value.notice : std::string()) << "; working picture "
                          << p.value.gray.cols << " x " << p.value.gray.rows << " (columns x rows)\n";
    }
    return kExitOk;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        (args.empty() ? err : out) << kUsage;
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "--version") {
        out << "poollab 0.1.0\n";
        return kExitOk;
    }
    if (args[0] == "pool") return run_pool({args.begin() + 1, args.end()}, in, out, err);
    if (args[0] == "shift") return run_shift({args.begin() + 1, args.end()}, in, out, err);
    if (args[0] == "picture") return run_picture({args.begin() + 1, args.end()}, out, err);
    if (args[0] == "conv") return run_conv({args.begin() + 1, args.end()}, in, out, err);
    if (args[0] == "summary") return run_summary({args.begin() + 1, args.end()}, in, out, err);
    err << "poollab: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
}

}  // namespace pl
