// poollab pool: a grid pooled as Keras pools it, as CSV or as JSON that shows
// every window. Also POOLING, the options pool and shift share.
#include <ostream>

#include "cli/cli_parts.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/parse.h"

namespace pl {
namespace cli_parts {

bool is_pooling_option(const std::string& arg) { return arg == "--size" || arg == "--stride" || arg == "--padding"; }

int read_pooling_option(Arguments& args, const std::string& option, PoolingOptions* o) {
    if (option == "--padding") return read_padding(args, option, &o->params.padding);
    std::string v;
    if (!args.value_of(option, &v)) return kExitUsage;
    // A window or stride no grid could take (0, or past pooling's limit) is bad usage, whatever the input.
    PoolParams& p = o->params;
    const std::string range = ", whole numbers from 1 to " + std::to_string(kMaxPoolParam);
    if (option == "--size") {
        if (!parse_size_pair(v, 1, kMaxPoolParam, &p.size_rows, &p.size_cols)) return refuse_value(args.err, option, "takes K or RxC" + range, v);
        return kGoOn;
    }
    if (!parse_size_pair(v, 1, kMaxPoolParam, &p.stride_rows, &p.stride_cols)) return refuse_value(args.err, option, "takes S or RxC" + range, v);
    o->stride_given = true;
    return kGoOn;
}

PoolParams pooling_asked(const PoolingOptions& o) {
    PoolParams p = o.params;
    if (!o.stride_given) {
        p.stride_rows = p.size_rows;
        p.stride_cols = p.size_cols;
    }
    return p;
}

namespace {

// What pool takes on the command line.
struct PoolOptions {
    PoolingOptions pooling;  // with the operation, --op
    bool json = false;
    std::string file;
};

// Pool's options into *o: kGoOn, or the exit code to stop with.
int read_pool_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, PoolOptions* o) {
    Arguments args(list, "pool", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        int code = kGoOn;
        if (a == "--json") {
            o->json = true;
        } else if (a == "--op") {
            code = read_pool_op(args, a, &o->pooling.params.op);
        } else if (is_pooling_option(a)) {
            code = read_pooling_option(args, a, &o->pooling);
        } else {
            code = read_input_name(args, a, "input file", &o->file);
        }
        if (code != kGoOn) return code;
    }
    return kGoOn;
}

// Output cell (row, col): its value, its window and, for max and min, the input cell that won.
void write_cell_json(JsonWriter& j, int row, int col, const PoolCell& cell) {
    j.begin_object();
    j.key("out").begin_array().value(row).value(col).end_array();
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

// The parameters and shapes, with the output-size formula worked out for each axis.
void write_shapes_json(JsonWriter& j, const Grid& input, const PoolParams& p, const PoolResult& r) {
    // Positions here (cells, windows, winners) count from 0, as programs index; the app and the CSV's readers count from 1.
    j.key("positions_count_from").value(0);
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
}

void write_pool_json(std::ostream& out, const Grid& input, const PoolParams& p, const PoolResult& r) {
    JsonWriter j;
    j.begin_object();
    write_shapes_json(j, input, p, r);
    j.key("output").begin_array();
    for (int i = 0; i < r.output.rows; ++i) {
        j.begin_array();
        for (int c = 0; c < r.output.cols; ++c) j.value(r.output.at(i, c));
        j.end_array();
    }
    j.end_array();
    j.key("cells").begin_array();
    for (int i = 0; i < r.output.rows; ++i) {
        for (int c = 0; c < r.output.cols; ++c) write_cell_json(j, i, c, r.cell(i, c));
    }
    j.end_array();
    j.end_object();
    out << j.str() << '\n';
}

}  // namespace

int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    PoolOptions o;
    if (int code = read_pool_options(args, out, err, &o); code != kGoOn) return code;
    Grid grid;
    if (!read_grid(o.file, in, err, &grid)) return kExitBadData;
    const PoolParams p = pooling_asked(o.pooling);
    Result<PoolResult> r = pool2d(grid, p);
    if (!r.ok()) {
        err << "poollab: cannot pool " << input_source(o.file) << " (" << size_text(grid.rows, grid.cols) << "): " << r.error << '\n';
        return kExitBadData;
    }
    if (o.json) {
        write_pool_json(out, grid, p, r.value);
    } else {
        out << to_csv(r.value.output);
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
