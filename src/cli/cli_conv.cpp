// poollab conv: the picture scene's chain on a grid: a one-channel
// convolution, then optionally ReLU and 2x2 pooling.
#include <ostream>

#include "cli/cli_parts.h"
#include "core/conv.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/scenes/image/image_scene.h"

namespace pl {
namespace cli_parts {

namespace {

// What conv takes on the command line.
struct ConvOptions {
    Grid kernel;
    std::string kernel_name;  // as --kernel named it, "file" for --kernel-file, "" for neither
    std::string kernel_file;  // --kernel-file's
    Padding padding = Padding::Valid;
    bool relu = false;
    bool pool = false;
    PoolOp pool_op = PoolOp::Max;
    bool json = false;
    std::string file;
};

// The stages of the chain, as --json shows them.
struct ConvChain {
    Grid feature;    // the convolution
    Grid activated;  // after ReLU, or the feature map again
    Grid pooled;     // after pooling, when asked for
};

// A second kernel, which would silently win over the first: kExitUsage after saying so, else kGoOn.
int refuse_second_kernel(Arguments& args, const std::string& option, const std::string& value, const ConvOptions& o) {
    if (o.kernel_name.empty()) return kGoOn;
    args.err << "poollab: conv takes one kernel: " << (o.kernel_name == "file" ? "--kernel-file " + o.kernel_file : "--kernel " + o.kernel_name)
             << " and " << option << " " << value << " were both given\n";
    return kExitUsage;
}

// --kernel NAME: the picture scene's kernels first, then the core's named ones.
int read_named_kernel(Arguments& args, const std::string& option, ConvOptions* o) {
    std::string name;
    if (!args.value_of(option, &name)) return kExitUsage;
    if (int code = refuse_second_kernel(args, option, name, *o); code != kGoOn) return code;
    o->kernel = image_kernel(name);
    if (o->kernel.empty()) o->kernel = named_kernel(name);
    if (o->kernel.empty()) {
        args.err << "poollab: unknown kernel '" << name << "' (see poollab --help)\n";
        return kExitUsage;
    }
    o->kernel_name = name;
    return kGoOn;
}

// --kernel-file K.csv. A file that cannot be read is bad data, not bad usage.
int read_kernel_file(Arguments& args, const std::string& option, ConvOptions* o) {
    std::string path, text;
    if (!args.value_of(option, &path)) return kExitUsage;
    if (int code = refuse_second_kernel(args, option, path, *o); code != kGoOn) return code;
    if (!read_file(path, args.err, &text)) return kExitBadData;
    Result<Grid> k = parse_csv(text);
    if (!k.ok()) {
        args.err << "poollab: kernel " << path << ": " << k.error << '\n';
        return kExitBadData;
    }
    o->kernel = std::move(k.value);
    o->kernel_name = "file";
    o->kernel_file = path;
    return kGoOn;
}

// One argument (and its value) into *o: kGoOn, or the exit code to stop with.
int read_conv_argument(Arguments& args, const std::string& a, ConvOptions* o) {
    if (a == "--kernel") return read_named_kernel(args, a, o);
    if (a == "--kernel-file") return read_kernel_file(args, a, o);
    if (a == "--padding") return read_padding(args, a, &o->padding);
    if (a == "--pool") {
        o->pool = true;
        return read_pool_op(args, a, &o->pool_op);
    }
    if (a == "--relu") {
        o->relu = true;
    } else if (a == "--json") {
        o->json = true;
    } else {
        return read_input_name(args, a, "input file", &o->file);
    }
    return kGoOn;
}

// Conv's options into *o: kGoOn, or the exit code to stop with.
int read_conv_options(const std::vector<std::string>& list, std::ostream& out, std::ostream& err, ConvOptions* o) {
    Arguments args(list, "conv", out, err);
    while (args.more()) {
        const std::string& a = args.next();
        if (int code = read_conv_argument(args, a, o); code != kGoOn) return code;
    }
    if (o->kernel_name.empty()) {
        err << "poollab: conv needs --kernel NAME or --kernel-file K.csv\n";
        return kExitUsage;
    }
    return kGoOn;
}

// Runs the chain on `grid` (read from `source`). False after saying which stage failed.
bool run_chain(const Grid& grid, const std::string& source, const ConvOptions& o, std::ostream& err, ConvChain* chain) {
    Result<Grid> feature = conv2d(grid, o.kernel, o.padding);
    if (!feature.ok()) {
        err << "poollab: cannot convolve " << source << " (" << size_text(grid.rows, grid.cols) << "): " << feature.error << '\n';
        return false;
    }
    chain->feature = std::move(feature.value);
    chain->activated = o.relu ? relu(chain->feature) : chain->feature;
    if (!o.pool) return true;
    PoolParams p;  // 2x2, stride 2, valid: the picture scene's pooling
    p.op = o.pool_op;
    Result<Grid> pooled = pool_values(chain->activated, p);
    if (!pooled.ok()) {
        err << "poollab: cannot pool the feature map (" << size_text(chain->activated.rows, chain->activated.cols)
            << "): " << pooled.error << '\n';
        return false;
    }
    chain->pooled = std::move(pooled.value);
    return true;
}

void write_conv_json(std::ostream& out, const Grid& input, const ConvOptions& o, const ConvChain& chain) {
    const Grid& result = o.pool ? chain.pooled : chain.activated;
    JsonWriter j;
    j.begin_object();
    j.key("kernel_name").value(o.kernel_name);
    j.key("kernel").grid(o.kernel);
    j.key("padding").value(padding_name(o.padding));
    j.key("relu").value(o.relu);
    j.key("input_shape").begin_array().value(input.rows).value(input.cols).end_array();
    j.key("feature").grid(chain.feature);
    if (o.pool) j.key("pool").value(op_name(o.pool_op)).key("pooled").grid(chain.pooled);
    j.key("output_shape").begin_array().value(result.rows).value(result.cols).end_array();
    j.end_object();
    out << j.str() << '\n';
}

}  // namespace

int run_conv(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
    ConvOptions o;
    if (int code = read_conv_options(args, out, err, &o); code != kGoOn) return code;
    Grid grid;
    if (!read_grid(o.file, in, err, &grid)) return kExitBadData;
    ConvChain chain;
    if (!run_chain(grid, input_source(o.file), o, err, &chain)) return kExitBadData;
    if (o.json) {
        write_conv_json(out, grid, o, chain);
    } else {
        out << to_csv(o.pool ? chain.pooled : chain.activated);
    }
    return kExitOk;
}

}  // namespace cli_parts
}  // namespace pl
