// poollab pool: a grid pooled as Keras pools it, as CSV or as JSON that shows
// every window. Also the options pool and shift share.
#include <sstream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"

namespace pl {
namespace cli_parts {

namespace {

// What the options have always taken: sizes and strides of at most six digits
// (0 included, so that pooling itself says a window must be at least 1), and
// other whole numbers of at most seven characters. Beyond them an option is a
// typo, not a request, and is refused as bad usage.
constexpr int kMaxSizeOption = 999999;
constexpr int kMinWholeOption = -999999, kMaxWholeOption = 9999999;

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

}  // namespace

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

int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    Options o;
    if (int code = parse_options(args, false, &o, out, err); code >= 0) return code;
    Grid grid;
    if (!read_grid(o.file, in, err, &grid)) return kExitBadData;
    const std::string source = input_source(o.file);
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

}  // namespace cli_parts
}  // namespace pl
