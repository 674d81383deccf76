#include "cli/cli.h"

#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>

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
    "       poollab train MODEL.json | --preset NAME [--data mnist|fashion|where]\n"
    "                     [--epochs N] [--batch B] [--lr X] [--seed S] [--augment K]\n"
    "                     --out WEIGHTS\n"
    "       poollab eval  --weights WEIGHTS [--data NAME] [--shift-sweep R] [--json]\n"
    "                     [--digit N [--at DX,DY]]\n"
    "       poollab code  --lang numpy|pytorch|keras|tfjs [--op OP] [POOLING] [FILE]\n"
    "\n"
    "pool:\n"
    "Pools a grid read as CSV (one row a line, comma-separated numbers) from FILE,\n"
    "or from standard input when FILE is '-' or missing, and writes the pooled grid\n"
    "as CSV. Semantics follow TensorFlow/Keras: 'same' pads with cells that take no\n"
    "part (ignored by max/min, left out of the average's count), the smaller half\n"
    "of the padding before. The stride defaults to the window size.\n"
    "\n"
    "  --op OP         max (default), average (or avg), min\n"
    "  --size K        window K×K (default 2); RxC for R rows by C columns;\n"
    "                  1 to 1024 each\n"
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
    "  --sweep R       also the consistency of every shift in [-R, R]^2 (R 0 to 16)\n"
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
    "stride 1, zeros outside the input), then optionally ReLU and a 2×2 stride-2\n"
    "pooling: the picture scene's chain. Writes the result as CSV.\n"
    "  --kernel NAME   sobel-vertical, sobel-horizontal, diagonal-edge, blur-3,\n"
    "                  blur-5, sharpen, identity, vertical-edge, horizontal-edge\n"
    "  --kernel-file F the kernel as CSV (at most 15×15)\n"
    "  --padding P     valid (default) or same\n"
    "  --relu          max(0, x) after the convolution\n"
    "  --pool OP       then pool 2×2 stride 2 with max, average or min\n"
    "  --json          write JSON: shapes and every stage's values\n"
    "\n"
    "picture: reads a PNG, JPEG, BMP or GIF as the app does (grayscale, longest\n"
    "side scaled down to the working size) and says what it made of it.\n"
    "  --side N        the working size (default 512, 8 to 8192)\n"
    "  --out F         write the grayscale picture: F ends .png, or .jpg or .jpeg\n"
    "                  for a JPEG (in any case)\n"
    "  --csv           write its values (0..1) as CSV to standard output\n"
    "\n"
    "train: trains a layer stack (every Conv2D and Dense but the last followed by\n"
    "ReLU, softmax at the end, cross-entropy, Adam) on 28×28 pictures and writes\n"
    "its weights; progress on standard error. Presets: no-pool, max, avg,\n"
    "strided, blur, gap, gmp, global-only, stages-0 .. stages-3 (resized to the\n"
    "data's classes).\n"
    "  --data NAME     mnist (default), fashion, or where (dot above or below a\n"
    "                  bar); read from $POOLLAB_DATASET_DIR/NAME.bin\n"
    "  --data-file F   a dataset file instead\n"
    "  --epochs N      1 to 1000 (default 5)     --batch B   1 to 4096 (default 32)\n"
    "  --lr X          Adam's learning rate (default 0.002)\n"
    "  --seed S        initialisation, shuffling and shifts (default 1)\n"
    "  --augment K     shift each training picture by up to K pixels (default 0)\n"
    "\n"
    "eval: a weights file on the held-out pictures of its dataset (or --data,\n"
    "--data-file): accuracy and the confusion matrix.\n"
    "  --shift-sweep R also the accuracy at every shift in [-R, R]^2 (zero fill),\n"
    "                  the consistency of two random shifts, and how often a\n"
    "                  1-pixel shift changes the answer (R 0 to 14)\n"
    "  --json          write JSON\n"
    "  --digit N       instead: the class probabilities for held-out picture N\n"
    "                  (from 1), moved by --at DX,DY pixels (right, down)\n"
    "\n"
    "code: a program that pools the grid (FILE or standard input) as pool does,\n"
    "in NumPy, PyTorch, Keras or TensorFlow.js, and prints the same CSV: what\n"
    "the app's Code button shows for the step scene. --op and POOLING as for pool.\n"
    "\n"
    "Input may start with a UTF-8 byte-order mark. Exit status: 0 ok, 1 bad\n"
    "input data (including a result too large for a float or for 64 bits), 2 bad\n"
    "usage (an unknown option, a value no input could make right, an option given\n"
    "twice, or two inputs, models or kernels where one is taken).\n";

Arguments::Arguments(const std::vector<std::string>& args, const char* command, std::ostream& help_to, std::ostream& complaints_to)
    : out(help_to), err(complaints_to), args_(args), command_(command) {}

bool Arguments::value_of(const std::string& option, std::string* value) {
    if (!more()) {
        err << "poollab: " << option << " needs a value\n";
        return false;
    }
    *value = next();
    for (const auto& [o, v] : given_) {
        if (o == option) {
            err << "poollab: " << option << " is given twice ('" << v << "', then '" << *value << "'); give it once\n";
            return false;
        }
    }
    given_.emplace_back(option, *value);
    return true;
}

int Arguments::help_or_unknown(const std::string& arg) {
    if (arg == "-h" || arg == "--help") {
        out << kUsage;
        return kExitOk;
    }
    if (arg.size() > 1 && arg[0] == '-') {  // "-" alone is standard input
        err << "poollab: unknown option '" << arg << "' for " << command_ << "\n" << kUsage;
        return kExitUsage;
    }
    return kGoOn;
}

int read_input_name(Arguments& args, const std::string& arg, const char* what, std::string* input) {
    if (int code = args.help_or_unknown(arg); code != kGoOn) return code;
    if (!input->empty()) {
        args.err << "poollab: one " << what << " at most (got '" << *input << "' and '" << arg << "')\n";
        return kExitUsage;
    }
    *input = arg;
    return kGoOn;
}

int refuse_value(std::ostream& err, const std::string& option, const std::string& rule, const std::string& value) {
    err << "poollab: " << option << " " << rule << ", not '" << value << "'\n";
    return kExitUsage;
}

int read_pool_op(Arguments& args, const std::string& option, PoolOp* op) {
    std::string v;
    if (!args.value_of(option, &v)) return kExitUsage;
    if (!parse_op(v, op)) {
        args.err << "poollab: unknown operation '" << v << "' (use max, average or min)\n";
        return kExitUsage;
    }
    return kGoOn;
}

int read_padding(Arguments& args, const std::string& option, Padding* padding) {
    std::string v;
    if (!args.value_of(option, &v)) return kExitUsage;
    if (!parse_padding(v, padding)) {
        args.err << "poollab: unknown padding '" << v << "' (use valid or same)\n";
        return kExitUsage;
    }
    return kGoOn;
}

namespace {

bool is_standard_input(const std::string& file) { return file.empty() || file == "-"; }

// All of `in`, up to kMaxInputBytes; false when there is more.
bool read_all(std::istream& in, std::string* text) {
    text->clear();
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text->append(chunk, static_cast<size_t>(in.gcount()));
        if (text->size() > kMaxInputBytes) return false;
    }
    return true;
}

std::string too_large(const std::string& source) {
    return "poollab: " + source + " is larger than " + std::to_string(kMaxInputBytes >> 20) + " MB, more than PoolLab reads\n";
}

}  // namespace

std::string input_source(const std::string& file) { return is_standard_input(file) ? "standard input" : file; }

bool read_file(const std::string& path, std::ostream& err, std::string* bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {  // it opens, and then reads as nothing
        err << "poollab: '" << path << "' is a directory, not a file\n";
        return false;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        err << "poollab: cannot open '" << path << "'\n";
        return false;
    }
    if (!read_all(f, bytes)) {
        err << too_large("'" + path + "'");
        return false;
    }
    return true;
}

bool read_input(const std::string& file, std::istream& in, std::ostream& err, std::string* text) {
    if (!is_standard_input(file)) return read_file(file, err, text);
    if (!read_all(in, text)) {
        err << too_large("standard input");
        return false;
    }
    return true;
}

bool read_grid(const std::string& file, std::istream& in, std::ostream& err, Grid* grid) {
    std::string text;
    if (!read_input(file, in, err, &text)) return false;
    Result<Grid> g = parse_csv(text);
    if (!g.ok()) {
        err << "poollab: " << input_source(file) << ": " << g.error << '\n';
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
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "pool") return run_pool(rest, in, out, err);
    if (args[0] == "shift") return run_shift(rest, in, out, err);
    if (args[0] == "picture") return run_picture(rest, out, err);
    if (args[0] == "conv") return run_conv(rest, in, out, err);
    if (args[0] == "summary") return run_summary(rest, in, out, err);
    if (args[0] == "train") return run_train(rest, in, out, err);
    if (args[0] == "eval") return run_eval(rest, out, err);
    if (args[0] == "code") return run_code(rest, in, out, err);
    err << "poollab: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
}

}  // namespace pl
