#include "cli/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/csv.h"
#include "core/json.h"
#include "core/pool.h"

namespace pl {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadData = 1;
constexpr int kExitUsage = 2;

const char* kUsage =
    "usage: poollab pool [--op max|average|min] [--size K|RxC] [--stride S|RxC]\n"
    "                    [--padding valid|same] [--json] [FILE]\n"
    "\n"
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
    "Exit status: 0 ok, 1 bad input data, 2 bad usage.\n";

// "3" -> 3x3, "2x3" -> 2 rows, 3 columns. Returns false on anything else.
bool parse_pair(const std::string& s, int* a, int* b) {
    size_t x = s.find_first_of("xX");
    auto whole = [](const std::string& t, int* v) {
        if (t.empty() || t.size() > 6 || t.find_first_not_of("0123456789") != std::string::npos) return false;
        *v = std::stoi(t);
        return true;
    };
    if (x == std::string::npos) return whole(s, a) && whole(s, b);
    return whole(s.substr(0, x), a) && whole(s.substr(x + 1), b);
}

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

int run_pool(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    PoolParams p;
    bool json = false, stride_given = false;
    std::string file;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&](std::string* v) {
            if (i + 1 >= args.size()) {
                err << "poollab: " << a << " needs a value\n";
                return false;
            }
            *v = args[++i];
            return true;
        };
        std::string v;
        if (a == "--json") {
            json = true;
        } else if (a == "--op") {
            if (!next(&v)) return kExitUsage;
            if (!parse_op(v, &p.op)) {
                err << "poollab: unknown operation '" << v << "' (use max, average or min)\n";
                return kExitUsage;
            }
        } else if (a == "--size") {
            if (!next(&v)) return kExitUsage;
            if (!parse_pair(v, &p.size_rows, &p.size_cols)) {
                err << "poollab: --size takes a whole number K or RxC, not '" << v << "'\n";
                return kExitUsage;
            }
        } else if (a == "--stride") {
            if (!next(&v)) return kExitUsage;
            if (!parse_pair(v, &p.stride_rows, &p.stride_cols)) {
                err << "poollab: --stride takes a whole number S or RxC, not '" << v << "'\n";
                return kExitUsage;
            }
            stride_given = true;
        } else if (a == "--padding") {
            if (!next(&v)) return kExitUsage;
            if (!parse_padding(v, &p.padding)) {
                err << "poollab: unknown padding '" << v << "' (use valid or same)\n";
                return kExitUsage;
            }
        } else if (a == "-h" || a == "--help") {
            out << kUsage;
            return kExitOk;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "poollab: unknown option '" << a << "'\n" << kUsage;
            return kExitUsage;
        } else if (file.empty()) {
            file = a;
        } else {
            err << "poollab: one input file at most (got '" << file << "' and '" << a << "')\n";
            return kExitUsage;
        }
    }
    if (!stride_given) {  // Keras: strides default to pool_size
        p.stride_rows = p.size_rows;
        p.stride_cols = p.size_cols;
    }

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
    const std::string source = file.empty() || file == "-" ? "standard input" : file;
    Result<Grid> grid = parse_csv(text);
    if (!grid.ok()) {
        err << "poollab: " << source << ": " << grid.error << '\n';
        return kExitBadData;
    }
    Result<PoolResult> r = pool2d(grid.value, p);
    if (!r.ok()) {
        err << "poollab: cannot pool " << source << " (" << grid.value.rows << " x " << grid.value.cols << "): " << r.error << '\n';
        return kExitBadData;
    }
    if (json) {
        write_json(out, grid.value, p, r.value);
    } else {
        out << to_csv(r.value.output);
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
    err << "poollab: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
}

}  // namespace pl
