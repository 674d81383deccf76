#include "cli/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_parts.h"
#include "core/csv.h"

namespace pl {
namespace cli_parts {

// Plain data, kept whole so that it reads as --help prints it.
const char* const kUsage =
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

std::string read_all(std::istream& in) {
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

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

}  // namespace cli_parts

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    using namespace cli_parts;
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
